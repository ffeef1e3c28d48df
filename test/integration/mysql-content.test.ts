import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Compression, DatabaseConfig } from '../../src/config/types.js'
import { mysql } from '../../src/engines/mysql/engine.js'
import { mysqlRestorer, restoreCheck } from '../../src/engines/mysql/restore.js'
import { digestDifferences } from '../../src/engines/shared/contents.js'
import type { ContentCheck } from '../../src/engines/types.js'
import { runOk } from '../support/run.js'
import { seedShop, sqlString, startMariaDb, type MariaDbServer } from '../support/mariadb.js'

/** MariaDB's restore-check and restore compare content digests, and take what real schemas hold (issue 22). */

let server: MariaDbServer
let database: DatabaseConfig

beforeAll(async () => {
  server = await startMariaDb()
  await seedShop(server, 'shop')
  database = { type: 'mariadb', host: server.host, port: server.port, name: 'shop', user: server.user, password: server.password, params: {}, urlProtocol: '' }
})

afterAll(async () => {
  await server?.stop()
})

const ZSTD: Compression = { name: 'zstd', level: 1 }

async function dump(name = 'shop'): Promise<{ file: string; workDir: string }> {
  const workDir = await mkdtemp(join(tmpdir(), 'mysql-content-'))
  const snapshot = await mysql.snapshot({ database: { ...database, name }, workDir, fileName: `${name}.${mysql.fileExtension(ZSTD)}`, timeoutMs: 120_000, compression: ZSTD })
  return { file: snapshot.file, workDir }
}

async function withPathFirst<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH
  process.env.PATH = `${dir}:${saved}`
  try {
    return await work()
  } finally {
    process.env.PATH = saved
  }
}

async function scratchDatabases(): Promise<string> {
  return server.sql('mysql', "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'restore_check_%'")
}

describe('MariaDB content digests', () => {
  test('restore-check compares every table\'s digest, a system-versioned table and a non-ASCII name under LANG=C included', async () => {
    await server.sql('mysql', 'CREATE DATABASE awkward')
    await server.sql(
      'awkward',
      "SET NAMES utf8mb4; CREATE TABLE versioned (id INT PRIMARY KEY, v TEXT) WITH SYSTEM VERSIONING; INSERT INTO versioned VALUES (1, 'a'), (2, 'b'); UPDATE versioned SET v = 'c' WHERE id = 2;" +
        " CREATE TABLE `größe` (id INT PRIMARY KEY, v TEXT CHARACTER SET utf8mb4); INSERT INTO `größe` VALUES (1, 'ü 🐘');"
    )
    const { file, workDir } = await dump('awkward')
    const saved = process.env.LANG
    process.env.LANG = 'C'
    try {
      expect(await restoreCheck({ database: { ...database, name: 'awkward' }, file, workDir, timeoutMs: 120_000 })).toEqual({
        'restore check': 'content digests: 2 tables, 4 rows, equal (restored into a scratch database, read back with the dump tool)'
      })
      // The restore action's counts read the same names, the versioned table's with its history, as the dump holds it.
      expect(Object.fromEntries(await mysqlRestorer.contents({ ...database, name: 'awkward' }, workDir, 60_000))).toEqual({ versioned: 3, größe: 1 })
    } finally {
      process.env.LANG = saved
    }
    expect(await scratchDatabases()).toBe('0\n')
  })

  test('system-versioned history is dumped (--dump-history) and restored; transaction-precise history, which mariadb-dump cannot dump, is warned about by name', async () => {
    await server.sql('mysql', 'CREATE DATABASE history')
    await server.sql('history', "CREATE TABLE prices (id INT PRIMARY KEY, price INT) WITH SYSTEM VERSIONING; INSERT INTO prices VALUES (1, 10); UPDATE prices SET price = 11; UPDATE prices SET price = 12")
    const workDir = await mkdtemp(join(tmpdir(), 'mysql-history-'))
    const history = { ...database, name: 'history' }
    const snapshot = await mysql.snapshot({ database: history, workDir, fileName: 'history.sql.zst', timeoutMs: 120_000, compression: ZSTD })
    expect(snapshot.figures['system-versioned tables']).toBe('with their history (--dump-history): prices')
    expect(await restoreCheck({ database: history, file: snapshot.file, workDir, timeoutMs: 120_000 })).toMatchObject({ 'restore check': expect.stringMatching(/^content digests: 1 table, 3 rows, equal/) })
    await server.sql('mysql', 'CREATE DATABASE history_restored')
    const restored = await mysqlRestorer.restore({ database: { ...database, name: 'history_restored' }, file: snapshot.file, workDir, timeoutMs: 120_000, mode: 'empty' })
    expect(await server.sql('history_restored', 'SELECT price FROM prices FOR SYSTEM_TIME ALL ORDER BY price')).toBe('10\n11\n12\n')
    expect(await restored.content?.readTarget()).toEqual(restored.content?.archive)

    await server.sql(
      'history',
      'CREATE TABLE ledger (id INT PRIMARY KEY, s BIGINT UNSIGNED GENERATED ALWAYS AS ROW START INVISIBLE, e BIGINT UNSIGNED GENERATED ALWAYS AS ROW END INVISIBLE, PERIOD FOR SYSTEM_TIME(s, e)) ENGINE=InnoDB WITH SYSTEM VERSIONING; INSERT INTO ledger VALUES (1)'
    )
    const current = await mysql.snapshot({ database: history, workDir, fileName: 'current.sql.zst', timeoutMs: 120_000, compression: ZSTD })
    expect(current.figures['system-versioned tables']).toBe('current rows only, history left out: ledger, prices')
  })

  test('a client that changes one byte of one value while loading, every count kept, fails restore-check naming the table', async () => {
    const { file, workDir } = await dump()
    const binDir = await mkdtemp(join(tmpdir(), 'altering-mariadb-'))
    const real = (await runOk('sh', ['-c', 'command -v mariadb'])).trim()
    // Loads as the real one does; after the dump is loaded (--binary-mode), the same connection changes one letter of customer 3's name.
    await writeFile(
      join(binDir, 'mariadb'),
      `#!/bin/bash\n"${real}" "$@" || exit $?\ncase " $* " in *" --binary-mode "*) echo "UPDATE customers SET name = 'customer Z' WHERE id = 3;" | "${real}" "$@";; esac\n`,
      { mode: 0o755 }
    )
    const failed = await withPathFirst(binDir, () => restoreCheck({ database, file, workDir, timeoutMs: 120_000 })).then(
      () => new Error('restore-check passed'),
      (error: Error) => error
    )
    // Of the two versions of the row, the one named is the one whose hash sorts first.
    expect(failed.message).toMatch(
      /^the restored database differs from the dump: customers: the rows differ in content \(first difference: the row \(id\)=\(3\) of the (backup, which the target does not hold as it was|target, which the backup does not hold)\)$/
    )
    expect(failed.message).not.toMatch(/customer [3Z]|example\.test/)
    expect(await scratchDatabases()).toBe('0\n')
  })

  test('the restore\'s check names the first differing row by its key, a key after 10 KB of other values and a composite string key included, never its values', async () => {
    await server.sql('mysql', 'CREATE DATABASE keyed; CREATE DATABASE keyed_restored')
    await server.sql(
      'keyed',
      "SET NAMES utf8mb4; CREATE TABLE `re``gions` (note TEXT, code VARCHAR(20), n INT, PRIMARY KEY (code, n)); CREATE TABLE loose (v TEXT); CREATE TABLE tail (id INT PRIMARY KEY, v TEXT);" +
        " INSERT INTO `re``gions` SELECT CONCAT(REPEAT('x', 10000), seq), IF(seq % 2, 'eu', 'ü''s'), seq FROM seq_1_to_300;" +
        " INSERT INTO loose VALUES ('secret one'), ('secret two'); INSERT INTO tail SELECT seq, 'same' FROM seq_1_to_10"
    )
    const { file, workDir } = await dump('keyed')
    const target = { ...database, name: 'keyed_restored' }
    const restored = await mysqlRestorer.restore({ database: target, file, workDir, timeoutMs: 120_000, mode: 'empty' })
    const content = restored.content as ContentCheck
    expect(await digestDifferences(content, await content.readTarget(), mysqlRestorer.units)).toEqual([])
    // One byte of one value each, counts kept: the note of row ('ü''s', 42), and a row of the table without a key.
    await server.sql('keyed_restored', "SET NAMES utf8mb4; UPDATE `re``gions` SET note = INSERT(note, 5000, 1, 'y') WHERE n = 42; UPDATE loose SET v = 'secret twO' WHERE v = 'secret two'")
    const differences = await digestDifferences(content, await content.readTarget(), mysqlRestorer.units)
    const side = '(backup, which the target does not hold as it was|target, which the backup does not hold)'
    expect(differences).toHaveLength(2)
    expect(differences[0]).toMatch(new RegExp(`^loose: the rows differ in content \\(first difference: a row of the ${side} \\(the table has no primary key to name it by\\)\\)$`))
    expect(differences[1]).toMatch(new RegExp(`^re\`gions: the rows differ in content \\(first difference: the row \\(code, n\\)=\\('ü\\\\'s', 42\\) of the ${side}\\)$`))
    expect(differences.join('\n')).not.toMatch(/xxx|secret/)
  })

  test('a row larger than the server\'s max_allowed_packet is refused before anything is loaded, naming the setting and the size it needs', async () => {
    await server.sql('mysql', 'SET GLOBAL max_allowed_packet = 67108864')
    try {
      await server.sql('mysql', 'CREATE DATABASE blobs')
      await server.sql('blobs', "CREATE TABLE b (id INT PRIMARY KEY, data LONGBLOB); INSERT INTO b VALUES (1, REPEAT('x', 20000000))")
      const { file, workDir } = await dump('blobs')
      await server.sql('mysql', 'SET GLOBAL max_allowed_packet = 16777216')
      await expect(restoreCheck({ database: { ...database, name: 'blobs' }, file, workDir, timeoutMs: 120_000 })).rejects.toThrow(
        /^the dump's largest statement is 400000\d\d bytes, and the server takes none over its max_allowed_packet of 16777216 bytes: set max_allowed_packet to at least 39M on the server .*; nothing was restored$/
      )
    } finally {
      await server.sql('mysql', 'SET GLOBAL max_allowed_packet = 16777216')
    }
    expect(await scratchDatabases()).toBe('0\n')
  })
})

/** Five tables, in the order the dump holds them; the third of 3,000 rows of 1 KB (a short value among them), which the dump tool writes as three INSERTs. */
async function seedFive(name: string): Promise<{ file: string; workDir: string }> {
  await server.sql('mysql', `CREATE DATABASE ${name}`)
  await server.sql(
    name,
    'CREATE TABLE a_first (id INT PRIMARY KEY, v TEXT); CREATE TABLE b_second (id INT PRIMARY KEY, v TEXT); CREATE TABLE c_third (id INT PRIMARY KEY, tag VARCHAR(20), v TEXT);' +
      ' CREATE TABLE d_fourth (id INT PRIMARY KEY, v TEXT); CREATE TABLE e_fifth (id INT PRIMARY KEY, v TEXT);' +
      " INSERT INTO a_first VALUES (1, 'new a'); INSERT INTO b_second VALUES (1, 'new b'); INSERT INTO d_fourth VALUES (1, 'new d'); INSERT INTO e_fifth VALUES (1, 'new e');" +
      " INSERT INTO c_third SELECT seq, CONCAT('tag', seq), CONCAT('secret ', seq, ' ', REPEAT('x', 1000)) FROM seq_1_to_3000"
  )
  const workDir = await mkdtemp(join(tmpdir(), 'mysql-five-'))
  const snapshot = await mysql.snapshot({ database: { ...database, name }, workDir, fileName: `${name}.sql`, timeoutMs: 120_000, compression: { name: 'none', level: 0 } })
  return { file: snapshot.file, workDir }
}

/** The line (from 1) that `needle`'s `occurrence`th appearance (from 0) starts on. */
function lineOf(text: string, needle: string, occurrence: number): number {
  let at = -1
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1)
  expect(at).toBeGreaterThanOrEqual(0)
  return text.slice(0, at).split('\n').length
}

describe('a load that fails halfway says what it left of each table (issue 22)', () => {
  test('a dump whose third table\'s second INSERT repeats a key: the first two tables restored, the third partially loaded, the last two as before', async () => {
    const { file, workDir } = await seedFive('five')
    const text = await readFile(file, 'utf8')
    const header = 'INSERT INTO `c_third` VALUES'
    expect(text.split(header)).toHaveLength(4)
    const failingLine = lineOf(text, header, 1)
    // The second INSERT's first row takes the key of row 5, which the first INSERT already loaded.
    const second = text.indexOf(header, text.indexOf(header) + 1) + header.length
    const corrupted = text.slice(0, second) + text.slice(second).replace(/^\n?\((\d+),/, (tuple) => tuple.replace(/\d+/, '5'))
    expect(corrupted).not.toBe(text)
    const broken = join(workDir, 'broken.sql')
    await writeFile(broken, corrupted)
    const firstRows = text.slice(text.indexOf(header), text.indexOf(';\n', text.indexOf(header))).split('\n(').length - 1

    await server.sql('mysql', 'CREATE DATABASE five_target')
    // What the target held before: a_first is replaced by the dump's, d_fourth is not reached.
    await server.sql('five_target', "CREATE TABLE a_first (id INT PRIMARY KEY, v TEXT); INSERT INTO a_first VALUES (1, 'old a'); CREATE TABLE d_fourth (old INT); INSERT INTO d_fourth VALUES (7)")
    const failed = await mysqlRestorer.restore({ database: { ...database, name: 'five_target' }, file: broken, workDir, timeoutMs: 120_000, mode: 'clean' }).then(
      () => new Error('the restore passed'),
      (error: Error) => error
    )
    expect(failed.message).toContain(`ERROR 1062 (23000) at line ${failingLine}: Duplicate entry (the value, not shown) for key 'PRIMARY'`)
    expect(failed.message).toMatch(
      new RegExp(
        `\\. what the target holds of the dump's 5 tables: restored in full \\(dropped, recreated and loaded\\): 2 tables \\(a_first, b_second\\); ` +
          `c_third was being loaded at line ${failingLine}: recreated, and partially loaded: it holds the rows of its INSERTs before line ${failingLine}, not the rest of its 3000 rows; ` +
          'not reached, as they were before the restore: 2 tables \\(d_fourth, e_fifth\\)$'
      )
    )
    // Nor the rows the client echoed before the error, of which the kept tail of its output starts with the last.
    expect(failed.message).not.toMatch(/secret|xxxx|tag\d|\(\d+,/)
    // And that is what the target holds.
    expect(await server.sql('five_target', "SELECT v FROM a_first UNION ALL SELECT v FROM b_second UNION ALL SELECT COUNT(*) FROM c_third UNION ALL SELECT old FROM d_fourth")).toBe(
      `new a\nnew b\n${firstRows}\n7\n`
    )
    expect(firstRows).toBeGreaterThan(0)
    expect(await server.sql('five_target', "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'five_target' AND TABLE_NAME = 'e_fifth'")).toBe('0\n')
  })

  test('a target whose user may not insert into the third table: that table is left recreated and empty, named as such', async () => {
    const { file, workDir } = await seedFive('five_grants')
    await server.sql('mysql', 'CREATE DATABASE five_refusing')
    await server.sql('five_refusing', 'CREATE TABLE a_first (id INT); CREATE TABLE b_second (id INT); CREATE TABLE d_fourth (id INT); CREATE TABLE e_fifth (id INT)')
    const password = 'loader pw'
    // Table privileges outlive a DROP TABLE: the dump may recreate c_third, not insert into it.
    await server.sql(
      'mysql',
      `CREATE USER 'loader'@'%' IDENTIFIED BY ${sqlString(password)}; GRANT SELECT, CREATE, DROP, ALTER, INDEX, LOCK TABLES, CREATE VIEW, SHOW VIEW, TRIGGER ON five_refusing.* TO 'loader'@'%';` +
        " GRANT INSERT ON five_refusing.a_first TO 'loader'@'%'; GRANT INSERT ON five_refusing.b_second TO 'loader'@'%'; GRANT INSERT ON five_refusing.d_fourth TO 'loader'@'%'; GRANT INSERT ON five_refusing.e_fifth TO 'loader'@'%'"
    )
    const text = await readFile(file, 'utf8')
    const failingLine = lineOf(text, 'INSERT INTO `c_third` VALUES', 0)
    const failed = await mysqlRestorer
      .restore({ database: { ...database, name: 'five_refusing', user: 'loader', password }, file, workDir, timeoutMs: 120_000, mode: 'clean' })
      .then(
        () => new Error('the restore passed'),
        (error: Error) => error
      )
    expect(failed.message).toContain(`ERROR 1142 (42000) at line ${failingLine}: INSERT command denied to user 'loader'`)
    expect(failed.message).toContain(
      `what the target holds of the dump's 5 tables: restored in full (dropped, recreated and loaded): 2 tables (a_first, b_second); ` +
        `c_third was being loaded at line ${failingLine}: recreated, and left empty: its first INSERT failed, none of its 3000 rows are loaded; ` +
        'not reached, as they were before the restore: 2 tables (d_fourth, e_fifth)'
    )
    expect(failed.message).not.toContain(password)
    expect(await server.sql('five_refusing', 'SELECT COUNT(*) FROM a_first UNION ALL SELECT COUNT(*) FROM c_third UNION ALL SELECT COUNT(*) FROM d_fourth')).toBe('1\n0\n0\n')
  })
})
