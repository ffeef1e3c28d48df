import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Compression, DatabaseConfig } from '../../src/config/types.js'
import { mysql } from '../../src/engines/mysql.js'
import { mysqlRestorer, restoreCheck } from '../../src/engines/mysql-restore.js'
import { runOk } from '../support/run.js'
import { seedShop, startMariaDb, type MariaDbServer } from '../support/mariadb.js'

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
    await expect(withPathFirst(binDir, () => restoreCheck({ database, file, workDir, timeoutMs: 120_000 }))).rejects.toThrow(
      'the restored database differs from the dump: customers: the rows differ in content'
    )
    expect(await scratchDatabases()).toBe('0\n')
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
