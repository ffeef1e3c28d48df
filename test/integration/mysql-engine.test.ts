import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { Compression, CompressionName, DatabaseConfig } from '../../src/config/types.js'
import { optionFile } from '../../src/engines/mysql/connection.js'
import { mysql } from '../../src/engines/mysql/engine.js'
import { generatedColumns } from '../../src/engines/mysql/server-queries.js'
import { withSecretFile } from '../../src/util/secret-file.js'
import { restoreCheck } from '../../src/engines/mysql/restore.js'
import { hashFile } from '../../src/util/files.js'
import { rowCounts, seedShop, sqlString, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { runOk } from '../support/run.js'

let server: MariaDbServer
let database: DatabaseConfig

beforeAll(async () => {
  server = await startMariaDb()
  // Enough rows for a dump of a few MB: several gzip members.
  await seedShop(server, 'shop', 40_000)
  database = { type: 'mariadb', host: server.host, port: server.port, name: 'shop', user: server.user, password: server.password, params: {}, urlProtocol: '' }
})

afterAll(async () => {
  await server?.stop()
})

const LEVELS: Record<CompressionName, Compression> = { zstd: { name: 'zstd', level: 1 }, gzip: { name: 'gzip', level: 6 }, none: { name: 'none', level: 0 } }

async function dump(name: CompressionName, target: DatabaseConfig = database) {
  const compression = LEVELS[name]
  const workDir = await mkdtemp(join(tmpdir(), 'mysql-engine-'))
  const fileName = `shop.${mysql.fileExtension(compression)}`
  const snapshot = await mysql.snapshot({ database: target, workDir, fileName, timeoutMs: 120_000, compression })
  return { ...snapshot, workDir, fileName }
}

function verify(file: string, workDir: string) {
  return mysql.verify({ database, file, workDir, timeoutMs: 120_000 })
}

/** Polls until `probe` returns something, for a state another connection reaches on its own. */
async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 1200; attempt++) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`never saw ${what}`)
}

describe('MySQL/MariaDB engine against a real MariaDB', () => {
  test.each(['gzip', 'zstd', 'none'] as const)(
    'a %s dump: hashed as written, private, no option file left, and it verifies to the end',
    async (compression) => {
      const snapshot = await dump(compression)
      expect(await hashFile(snapshot.file)).toEqual({ sha256: snapshot.sha256, sizeBytes: snapshot.sizeBytes })
      expect((await stat(snapshot.file)).mode & 0o777).toBe(0o600)
      expect(await readdir(snapshot.workDir)).toEqual([snapshot.fileName])
      expect(snapshot.figures).toMatchObject({ client: expect.stringMatching(/^mariadb-dump 10\.\d+\.\d+ \(MariaDB\)$/), 'server version': expect.stringMatching(/MariaDB/) })
      expect(snapshot.readThrough).toEqual({ figures: await verify(snapshot.file, snapshot.workDir) })
      const figures = await verify(snapshot.file, snapshot.workDir)
      expect(figures).toMatchObject({ tables: 3, header: expect.stringMatching(/^-- MariaDB dump/), trailer: expect.stringMatching(/^-- Dump completed on /) })
      expect(Number(figures['SQL bytes'])).toBeGreaterThan(compression === 'none' ? snapshot.sizeBytes - 1 : snapshot.sizeBytes * 3)
    }
  )

  test('the zstd dump restores with zstd -dc | mariadb into a fresh database, every row there', async () => {
    const snapshot = await dump('zstd')
    await server.sql('mysql', 'CREATE DATABASE shop_restored')
    await runOk('sh', ['-c', `zstd -dc "$1" | mariadb --no-defaults --socket="$2" -uroot shop_restored`, 'sh', snapshot.file, server.socket])
    expect(await rowCounts(server, 'shop_restored')).toEqual(await rowCounts(server, 'shop'))
  })

  test('a gzip dump cut short in its middle fails: the gzip stream does not end', async () => {
    const snapshot = await dump('gzip')
    await truncate(snapshot.file, Math.floor(snapshot.sizeBytes * 0.6))
    await expect(verify(snapshot.file, snapshot.workDir)).rejects.toThrow(/the gzip stream of the dump is damaged or cut short: (Error: )?unexpected end of file/)
  })

  test('a dump cut at the end of a gzip member, a sound gzip stream, fails on the missing trailer', async () => {
    const snapshot = await dump('gzip')
    const sql = gunzipSync(await readFile(snapshot.file))
    expect(sql.length).toBeGreaterThan(2 * 1024 * 1024)
    await writeFile(snapshot.file, gzipSync(sql.subarray(0, 1024 * 1024)))
    await expect(verify(snapshot.file, snapshot.workDir)).rejects.toThrow(/does not end with the "-- Dump completed" line the dump tool writes last: it was cut short/)
  })

  test('an uncompressed dump cut short and a zstd dump cut short fail', async () => {
    const plain = await dump('none')
    await truncate(plain.file, Math.floor(plain.sizeBytes * 0.8))
    await expect(verify(plain.file, plain.workDir)).rejects.toThrow(/cut short/)
    const zstd = await dump('zstd')
    await truncate(zstd.file, Math.floor(zstd.sizeBytes * 0.8))
    await expect(verify(zstd.file, zstd.workDir)).rejects.toThrow(/the zstd stream of the dump is damaged or cut short/)
  })

  test('a file that is not what its name says, or not a dump of these tools, fails', async () => {
    const snapshot = await dump('gzip')
    const sql = gunzipSync(await readFile(snapshot.file))
    await writeFile(snapshot.file, sql)
    await expect(verify(snapshot.file, snapshot.workDir)).rejects.toThrow(/the gzip stream of the dump is damaged or cut short: incorrect header check/)
    const lines = sql.toString('utf8').split('\n')
    await writeFile(snapshot.file, gzipSync(Buffer.from(lines.filter((line) => !/^-- (MariaDB|MySQL) dump/.test(line)).join('\n'))))
    await expect(verify(snapshot.file, snapshot.workDir)).rejects.toThrow(/does not start with the header line/)
  })

  test('a server that goes away in the middle of the dump is a clear error', async () => {
    // A table lock held by another session stops the dump at that table's rows, where it is killed.
    const locker = spawn('mariadb', ['--no-defaults', `--socket=${server.socket}`, '-uroot', 'shop', '--execute=LOCK TABLES orders WRITE; SELECT SLEEP(600)'], {
      stdio: 'ignore'
    })
    const lockerExited = once(locker, 'exit')
    try {
      await waitFor(async () => ((await server.sql('information_schema', "SELECT COUNT(*) FROM PROCESSLIST WHERE INFO = 'SELECT SLEEP(600)'")).trim() === '1' ? true : undefined), 'the lock')
      const dumping = dump('gzip').then(
        () => new Error('the dump finished'),
        (error: Error) => error
      )
      const connection = await waitFor(async () => {
        const id = await server.sql(
          'information_schema',
          `SELECT ID FROM PROCESSLIST WHERE USER = ${sqlString(server.user)} AND STATE = 'Waiting for table metadata lock'`
        )
        return id.trim() || undefined
      }, 'the dump waiting for the lock')
      await server.sql('mysql', `KILL ${connection}`)
      const error = await dumping
      expect(error.message).toMatch(/^the server went away during the dump \(the connection was lost\): the dump is incomplete: mariadb-dump exited with code 2: .*Lost connection/)
    } finally {
      locker.kill()
      await lockerExited
    }
  })

  test('a wrong password and a missing database are clear errors, and no option file is left behind', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'mysql-engine-'))
    await expect(mysql.snapshot({ database: { ...database, password: 'rotated' }, workDir, fileName: 'x.sql.gz', timeoutMs: 60_000, compression: LEVELS.gzip })).rejects.toThrow(
      /^access denied: the server rejected user "backup_admin" with this password .*: connecting with mariadb exited with code 1: ERROR 1045/
    )
    await expect(mysql.snapshot({ database: { ...database, name: 'nosuch' }, workDir, fileName: 'x.sql.gz', timeoutMs: 60_000, compression: LEVELS.gzip })).rejects.toThrow(
      /^database "nosuch" does not exist on the server at 127\.0\.0\.1:\d+: connecting with mariadb exited with code 1: ERROR 1049/
    )
    expect(await readdir(workDir)).toEqual([])
  })

  test('the documented least privileges dump everything; SELECT alone is a clear error', async () => {
    await server.sql(
      'mysql',
      `CREATE USER 'least'@'%' IDENTIFIED BY 'least-pw'; GRANT SELECT, SHOW VIEW, TRIGGER, EVENT ON shop.* TO 'least'@'%'; GRANT SELECT ON mysql.proc TO 'least'@'%';
       CREATE USER 'reader'@'%' IDENTIFIED BY 'reader-pw'; GRANT SELECT ON shop.* TO 'reader'@'%';`
    )
    const least = await dump('gzip', { ...database, user: 'least', password: 'least-pw' })
    const sql = gunzipSync(await readFile(least.file)).toString('utf8')
    expect(sql).toMatch(/TRIGGER orders_audit AFTER INSERT ON orders/)
    expect(sql).toMatch(/PROCEDURE `customer_count`/)
    expect(sql).toMatch(/EVENT `nightly_cleanup` ON SCHEDULE/)
    expect(sql).toMatch(/VIEW `big_orders` AS select/)
    await expect(dump('gzip', { ...database, user: 'reader', password: 'reader-pw' })).rejects.toThrow(/^access denied: user "reader" lacks a privilege the dump needs on "shop"/)
  })

  // mariadb-dump stops here (exit 2); MySQL's mysqldump writes "-- insufficient privileges to SHOW CREATE"
  // into the dump and completes it, which the dump scanner refuses (unit-tested).
  test('a user who may run the procedure but not read its body fails the dump instead of losing the routine', async () => {
    await server.sql(
      'mysql',
      `CREATE USER 'runner'@'%' IDENTIFIED BY 'runner-pw'; GRANT SELECT, SHOW VIEW, TRIGGER, EVENT ON shop.* TO 'runner'@'%';
       GRANT EXECUTE ON PROCEDURE shop.customer_count TO 'runner'@'%';`
    )
    await expect(dump('gzip', { ...database, user: 'runner', password: 'runner-pw' })).rejects.toThrow(
      /^access denied: user "runner" lacks a privilege .*SHOW_ROUTINE.*insufficient privileges to SHOW CREATE PROCEDURE `customer_count`/
    )
  })

  test('JSON and generated columns, whose rows the tool writes with a column list, restore and count right', async () => {
    await server.sql(
      'shop',
      `CREATE TABLE parcels (id INT AUTO_INCREMENT PRIMARY KEY, details JSON NOT NULL,
         weight DECIMAL(10,2) AS (JSON_VALUE(details, '$.weight')) STORED, label VARCHAR(40) AS (CONCAT('parcel ', id)) VIRTUAL,
         secret INT INVISIBLE DEFAULT 7);
       INSERT INTO parcels (details) SELECT JSON_OBJECT('weight', seq / 4, 'note', 'ünïcödé "q" \\\\ x') FROM seq_1_to_75;`
    )
    try {
      const snapshot = await dump('none')
      const sql = await readFile(snapshot.file, 'utf8')
      // mariadb-dump writes the generated columns' values too: MariaDB ignores them, MySQL would refuse them.
      expect(sql).toMatch(/^INSERT INTO `parcels` \(`id`, `details`, `weight`, `label`, `secret`\) VALUES/m)
      // What the engine reads to refuse MariaDB's tool for a MySQL database with generated columns.
      const columns = await withSecretFile(snapshot.workDir, 'client.cnf', optionFile(database), (path) =>
        generatedColumns('/usr/bin/mariadb', path, database, 120_000)
      )
      expect(columns).toEqual(['parcels.weight', 'parcels.label'])
      expect(await restoreCheck({ database, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 120_000 })).toEqual({
        'restore check': expect.stringMatching(/^content digests: \d+ tables, \d+ rows, equal \(restored into a scratch database, read back with the dump tool\)$/)
      })
    } finally {
      await server.sql('shop', 'DROP TABLE parcels')
    }
  })

  test('the summary names the server with its comment, and the pairing options of mariadb-dump: none', async () => {
    const snapshot = await dump('none')
    expect(snapshot.figures['server version']).toMatch(/^\d+\.\d+\.\d+-MariaDB\S* \(.+\)$/)
    expect(snapshot.figures['pairing options']).toMatch(/^none beyond the common ones: mariadb-dump 10\.\d+\.\d+ \(MariaDB\) needs none for MariaDB 10\./)
  })
})
