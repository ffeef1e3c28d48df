import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { rowCounts, seedShop, sqlString, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { runOk } from '../support/run.js'
import { keyCount, samplesOf, seedRedis, startRedis, type RedisContent, type RedisServer } from '../support/redis.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'
import { startGcsServer, type GcsServer } from '../support/gcs-server.js'
import { startAzurite, type AzuriteServer } from '../support/azurite.js'
import { readJson } from '../support/action.js'
import { scratch, type AuditRecord, connectionInputs } from '../support/e2e.js'
import { backup, expectRestored, expectRestoreFailed, restore } from '../support/restore.js'

/** MariaDB and Redis backups made with the backup bundle, restored with the restore bundle into fresh servers. */

const BUCKET = 'restore-e2e'

let maria: MariaDbServer
let redis: RedisServer
let s3: S3Emulator
let gcs: GcsServer
let azurite: AzuriteServer
let shopCounts: Record<string, number>
let cache: RedisContent

beforeAll(async () => {
  ;[maria, redis, s3, gcs, azurite] = await Promise.all([startMariaDb(), startRedis(), startS3rver([BUCKET]), startGcsServer(), startAzurite()])
  gcs.createBucket(BUCKET)
  await azurite.createContainer(BUCKET)
  shopCounts = await seedShop(maria, 'shop')
  cache = await seedRedis(redis)
  await redis.cli('SET', 'session:ttl', 'expiring', 'EX', '3600')
  await redis.cli('-n', '3', 'SET', 'in-db-3', 'three')
})

afterAll(async () => {
  await s3?.stop()
  await gcs?.stop()
  await azurite?.stop()
  await redis?.stop()
  await maria?.stop()
})

function s3Storage(path: string): Record<string, string> {
  return { 'storage-type': 's3', bucket: BUCKET, path, 's3-endpoint': s3.endpoint, 's3-region': s3.region, 's3-force-path-style': 'true' }
}

/** Every storage backend, each with its own prefix: the download code is shared, the storages' reads are not. */
const storages: Array<[string, RegExp, (prefix: string) => Promise<Record<string, string>>]> = [
  ['a local directory', /^file:\/\//, async () => ({ 'storage-type': 'local', path: await scratch('store') })],
  ['S3', /^s3:\/\/restore-e2e\//, async (prefix) => s3Storage(prefix)],
  ['GCS', /^gs:\/\/restore-e2e\/gcs\//, async (prefix) => ({ 'storage-type': 'gcs', bucket: BUCKET, path: `gcs/${prefix}` })],
  ['Azure Blob', /\/restore-e2e\/azure\//, async (prefix) => ({ 'storage-type': 'azure-blob', bucket: BUCKET, path: `azure/${prefix}`, 'azure-connection-string': azurite.connectionString })]
]

/** What the backup and restore bundles need to reach the emulators. */
const emulatorEnv = (): Record<string, string> => ({ ...s3.env, STORAGE_EMULATOR_HOST: gcs.url })

function mariaInputs(database: string, storage: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...connectionInputs('mariadb', maria, database),
    'backup-name': 'shop',
    notify: 'console,file',
    ...storage,
    ...extra
  }
}

function redisInputs(server: RedisServer, storage: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'db-type': 'redis',
    'db-host': server.host,
    'db-port': String(server.port),
    'db-password': server.password,
    'backup-name': 'cache',
    notify: 'console,file',
    ...storage,
    ...extra
  }
}

const mariaSample = (database: string): Promise<string> =>
  maria.sql(database, 'SELECT name, email, HEX(photo) FROM customers WHERE id = 17 UNION ALL SELECT customer_id, total, note FROM orders WHERE id = 1111')

describe('MariaDB: back up, then restore', () => {
  test.each(storages)('from %s into a fresh database: every row, the same values', async (_name, uri, storageOf) => {
    const storage = await storageOf('maria')
    const made = await backup(mariaInputs('shop', storage), emulatorEnv())
    const target = `restored_${Math.random().toString(36).slice(2, 8)}`
    await maria.sql('mysql', `CREATE DATABASE ${target}`)
    const { run, record } = await restore(mariaInputs(target, storage), emulatorEnv())
    expectRestored(run, record)
    expect(run.outputs['backup-key']).toBe(made.outputs['backup-key'])
    expect(run.outputs['backup-uri']).toMatch(uri)
    expect(run.outputs.sha256).toBe(made.outputs.sha256)
    expect(run.outputs['restored-objects']).toBe('3')
    expect(await rowCounts(maria, target)).toEqual(shopCounts)
    expect(await mariaSample(target)).toBe(await mariaSample('shop'))
  })

  test('restore-mode empty refuses a database with a table; a wrong password fails restore-database', async () => {
    const storage = { 'storage-type': 'local', path: await scratch('store') }
    await backup(mariaInputs('shop', storage))
    const refused = await restore(mariaInputs('shop', storage))
    expectRestoreFailed(refused.run, refused.record, 'restore-database', /restore-mode is empty, but the target already holds 3 tables \((audit_log|customers|orders)/)
    expect(await rowCounts(maria, 'shop')).toEqual(shopCounts)

    await maria.sql('mysql', 'CREATE DATABASE restored_wrong_pw')
    const wrong = await restore(mariaInputs('restored_wrong_pw', storage, { 'db-password': 'wrong-password-5521' }))
    expectRestoreFailed(wrong.run, wrong.record, 'restore-database', /access denied/)
  })

  test('a restore client that changes one byte of one value, every count kept, fails check-restored naming the table and the row by its key', async () => {
    const storage = { 'storage-type': 'local', path: await scratch('store') }
    await backup(mariaInputs('shop', storage))
    const binDir = await scratch('altering-mariadb')
    const real = (await runOk('sh', ['-c', 'command -v mariadb'])).trim()
    // Loads as the real one does; once the dump is loaded (--binary-mode), the same connection changes one letter of customer 3's name.
    await writeFile(
      join(binDir, 'mariadb'),
      `#!/bin/bash\n"${real}" "$@" || exit $?\ncase " $* " in *" --binary-mode "*) echo "UPDATE customers SET name = 'customer Z' WHERE id = 3;" | "${real}" "$@";; esac\n`,
      { mode: 0o755 }
    )
    await maria.sql('mysql', 'CREATE DATABASE restored_altered')
    const { run, record } = await restore(mariaInputs('restored_altered', storage), { PATH: `${binDir}:${process.env.PATH}` })
    expectRestoreFailed(
      run,
      record,
      'check-restored',
      /^the target differs from the backup: customers: the rows differ in content \(first difference: the row \(id\)=\(3\) of the (backup|target)[^;]*\)$/
    )
    expect(JSON.stringify(record)).not.toMatch(/customer [3Z]/)
  })

  test('a target whose user may not insert into one table: restore-database fails saying which tables are restored, which was being loaded, which are as before', async () => {
    const storage = { 'storage-type': 'local', path: await scratch('store') }
    await backup(mariaInputs('shop', storage))
    await maria.sql('mysql', 'CREATE DATABASE restored_refusing')
    const password = 'restorer pw'
    // Table privileges outlive the tables they name: once the tables are dropped, the target is empty, and customers will refuse rows.
    await maria.sql('restored_refusing', 'CREATE TABLE audit_log (id INT); CREATE TABLE orders (id INT)')
    await maria.sql(
      'mysql',
      `CREATE USER 'restorer'@'%' IDENTIFIED BY ${sqlString(password)}; GRANT SELECT, CREATE, DROP, ALTER, INDEX, LOCK TABLES, CREATE VIEW, SHOW VIEW, TRIGGER, REFERENCES ON restored_refusing.* TO 'restorer'@'%';` +
        " GRANT INSERT ON restored_refusing.audit_log TO 'restorer'@'%'; GRANT INSERT ON restored_refusing.orders TO 'restorer'@'%'"
    )
    await maria.sql('restored_refusing', 'DROP TABLE audit_log, orders')
    const { run, record } = await restore(mariaInputs('restored_refusing', storage, { 'db-user': 'restorer', 'db-password': password }))
    expectRestoreFailed(
      run,
      record,
      'restore-database',
      new RegExp(
        "ERROR 1142 \\(42000\\) at line (\\d+): INSERT command denied to user 'restorer'.*\\. what the target holds of the dump's 3 tables: " +
          'restored in full \\(dropped, recreated and loaded\\): 1 table \\(audit_log\\); customers was being loaded at line \\1: recreated, and left empty: its first INSERT failed, none of its 250 rows are loaded; ' +
          'not reached, as they were before the restore: 1 table \\(orders\\)$'
      )
    )
    expect(await maria.sql('restored_refusing', "SELECT COUNT(*) FROM customers UNION ALL SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'restored_refusing' AND TABLE_NAME = 'orders'")).toBe('0\n0\n')
    expect(JSON.stringify(record)).not.toContain(password)
  })
})

describe('restore-check in the backup action', () => {
  test('MariaDB: the dump is loaded into a scratch database, rows and content digests matched, and the scratch database dropped', async () => {
    const made = await backup(mariaInputs('shop', { 'storage-type': 'local', path: await scratch('store') }, { 'restore-check': 'true' }))
    const record = await readJson<AuditRecord>(made.outputs['audit-file'])
    expect(record.steps.find((step) => step.name === 'verify-integrity')?.figures['restore check']).toBe('content digests: 3 tables, 2650 rows, equal (restored into a scratch database, read back with the dump tool)')
    expect(await maria.sql('mysql', "SHOW DATABASES LIKE 'restore\\_check\\_%'")).toBe('')
  })

  test('Redis: the RDB is loaded into a throwaway redis-server and its keys per database, and their content, match the server', async () => {
    const made = await backup(redisInputs(redis, { 'storage-type': 'local', path: await scratch('store') }, { 'restore-check': 'true' }))
    const record = await readJson<AuditRecord>(made.outputs['audit-file'])
    expect(record.steps.find((step) => step.name === 'verify-integrity')?.figures['restore check']).toBe(
      `content digests: 2 databases, ${cache.keys + 2} keys, equal (the RDB loaded into a throwaway redis-server, every key read back on the server)`
    )
  })
})

describe('Redis: back up, then restore through a throwaway redis-server and MIGRATE', () => {
  test.each(storages)('from %s into a fresh server: every key of every database, values and TTLs', async (_name, uri, storageOf) => {
    const storage = await storageOf('redis')
    const made = await backup(redisInputs(redis, storage), emulatorEnv())
    const target = await startRedis()
    try {
      const { run, record } = await restore(redisInputs(target, storage), emulatorEnv())
      expectRestored(run, record)
      expect(run.outputs['backup-key']).toBe(made.outputs['backup-key'])
      expect(run.outputs['backup-uri']).toMatch(uri)
    expect(run.outputs.sha256).toBe(made.outputs.sha256)
      expect(run.outputs['restored-objects']).toBe(String(cache.keys + 2))
      expect(await keyCount(target)).toBe(cache.keys + 1)
      expect(await target.cli('-n', '3', 'GET', 'in-db-3')).toBe('three\n')
      expect(await samplesOf(target)).toEqual(cache.samples)
      const ttl = Number(await target.cli('TTL', 'session:ttl'))
      expect(ttl).toBeGreaterThan(3000)
      expect(ttl).toBeLessThanOrEqual(3600)
    } finally {
      await target.stop()
    }
  })

  test('restore-mode empty refuses a server with keys; clean replaces the backup\'s keys and keeps the others', async () => {
    const storage = { 'storage-type': 'local', path: await scratch('store') }
    await backup(redisInputs(redis, storage))
    const target = await startRedis()
    try {
      await target.cli('SET', 'key:1', 'stale')
      await target.cli('SET', 'not-in-backup', 'kept')
      const refused = await restore(redisInputs(target, storage))
      expectRestoreFailed(refused.run, refused.record, 'restore-database', /already holds 1 database \(db0\)/)
      expect(await keyCount(target)).toBe(2)

      const clean = await restore(redisInputs(target, storage, { 'restore-mode': 'clean' }))
      expectRestored(clean.run, clean.record)
      expect(await target.cli('GET', 'key:1')).toBe((await redis.cli('GET', 'key:1')))
      expect(await target.cli('GET', 'not-in-backup')).toBe('kept\n')
      expect(await keyCount(target)).toBe(cache.keys + 2)
    } finally {
      await target.stop()
    }
  })

  test('a wrong target password fails restore-database before any key is copied', async () => {
    const storage = { 'storage-type': 'local', path: await scratch('store') }
    await backup(redisInputs(redis, storage))
    const target = await startRedis()
    try {
      const { run, record } = await restore(redisInputs(target, storage, { 'db-password': 'wrong-password-7781' }))
      expectRestoreFailed(run, record, 'restore-database', /authentication failed/)
      expect(await keyCount(target)).toBe(0)
    } finally {
      await target.stop()
    }
  })
})
