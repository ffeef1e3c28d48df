import { readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ActionRun } from '../support/action.js'
import { rowCounts, seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'
import { startGcsServer, type GcsServer } from '../support/gcs-server.js'
import { startAzurite, type AzuriteServer } from '../support/azurite.js'
import { clientPath, DAY_MS, scratch, stamp, type AuditRecord, connectionInputs } from '../support/e2e.js'
import { backup, expectRestored, expectRestoreFailed, restore } from '../support/restore.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'

/** Backups made with the backup bundle, restored with the restore bundle, into real servers. */

const BUCKET = 'restore-e2e'

let pg: PostgresServer
let s3: S3Emulator
let gcs: GcsServer
let azurite: AzuriteServer
let webhook: WebhookReceiver
let sourceCounts: Record<string, number>

beforeAll(async () => {
  ;[pg, s3, gcs, azurite, webhook] = await Promise.all([startPostgres(), startS3rver([BUCKET]), startGcsServer(), startAzurite(), startWebhookReceiver()])
  gcs.createBucket(BUCKET)
  await azurite.createContainer(BUCKET)
  sourceCounts = await seedShop(pg, 'shop')
})

afterAll(async () => {
  await webhook?.close()
  await s3?.stop()
  await gcs?.stop()
  await azurite?.stop()
  await pg?.stop()
})

beforeEach(() => {
  webhook.bodies.length = 0
})

function pgInputs(database: string, storage: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...connectionInputs('postgresql', pg, database),
    'backup-name': 'shop',
    notify: 'console,file,webhook',
    'webhook-url': webhook.url,
    ...storage,
    ...extra
  }
}

function s3Storage(path: string): Record<string, string> {
  return { 'storage-type': 's3', bucket: BUCKET, path, 's3-endpoint': s3.endpoint, 's3-region': s3.region, 's3-force-path-style': 'true' }
}

function expectFailedIn(run: ActionRun, record: AuditRecord, step: string, reason: RegExp): void {
  expectRestoreFailed(run, record, step, reason)
  expect(webhook.bodies.map((body) => JSON.parse(body).status)).toContain('FAILED')
}

async function emptyDatabase(name: string): Promise<string> {
  await pg.sql('postgres', `CREATE DATABASE ${name}`)
  return name
}

async function pgTables(database: string): Promise<string> {
  return (await pg.sql(database, "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")).trim()
}

const sample = (database: string): Promise<string> => pg.sql(database, "SELECT name, email FROM customers WHERE id = 17; SELECT payload::text FROM events WHERE id = 2999")

describe('PostgreSQL: back up, then restore', () => {
  test('from a local directory: every table and row comes back, the SHA-256 is checked against the sidecar', async () => {
    const store = await scratch('store')
    const made = await backup(pgInputs('shop', { 'storage-type': 'local', path: store }), clientPath(pg))
    expect((await readdir(store)).sort()).toEqual([made.outputs['backup-key'], `${made.outputs['backup-key']}.sha256`].sort())
    expect(await readFile(join(store, `${made.outputs['backup-key']}.sha256`), 'utf8')).toBe(`${made.outputs.sha256}  ${made.outputs['backup-key']}\n`)

    const target = await emptyDatabase('restored_local')
    // An alias is read as what it means, and the restore says so, as the backup does.
    const { run, record } = await restore(pgInputs(target, { 'storage-type': 'file', path: store }, { 'db-type': 'pg' }), clientPath(pg))
    expectRestored(run, record)
    expect(run.stdout).toContain('db-type "pg" is read as postgresql')
    expect(run.stdout).toContain('storage-type "file" is read as local')
    expect(run.outputs).toMatchObject({ 'backup-key': made.outputs['backup-key'], sha256: made.outputs.sha256, 'size-bytes': made.outputs['size-bytes'], 'restored-objects': '3' })
    expect(await rowCounts(pg, target)).toEqual(sourceCounts)
    expect(await sample(target)).toBe(await sample('shop'))
    expect(JSON.parse(webhook.bodies[0])).toMatchObject({ status: 'SUCCESS', backup: { key: made.outputs['backup-key'] } })
  })

  test('retention deletes the SHA-256 record with its backup, and never counts it as one', async () => {
    const store = await scratch('store')
    // An older backup with its record, stored two days ago.
    const old = `shop-${stamp(Date.now() - 2 * DAY_MS)}-0000000a.dump`
    await writeFile(join(store, old), 'an old backup')
    await writeFile(join(store, `${old}.sha256`), `${'0'.repeat(64)}  ${old}\n`)
    const twoDaysAgo = new Date(Date.now() - 2 * DAY_MS)
    await utimes(join(store, old), twoDaysAgo, twoDaysAgo)
    const made = await backup(pgInputs('shop', { 'storage-type': 'local', path: store }, { 'max-backups': '1' }), clientPath(pg))
    expect(made.outputs['deleted-count']).toBe('1')
    expect((await readdir(store)).sort()).toEqual([made.outputs['backup-key'], `${made.outputs['backup-key']}.sha256`].sort())
  })

  test('from S3: latest picks the newest of several backups by the time in its key', async () => {
    const storage = s3Storage('latest/pg')
    const env = { ...s3.env, ...clientPath(pg) }
    await backup(pgInputs('shop', storage), env)
    await pg.sql('shop', "INSERT INTO customers (name, email) VALUES ('newest', 'newest@example.test')")
    const newest = await backup(pgInputs('shop', storage), env)
    await pg.sql('shop', "DELETE FROM customers WHERE name = 'newest'")

    const target = await emptyDatabase('restored_latest')
    const { run, record } = await restore(pgInputs(target, storage), env)
    expectRestored(run, record)
    expect(run.outputs['backup-key']).toBe(newest.outputs['backup-key'])
    expect(run.outputs['backup-uri']).toBe(newest.outputs['backup-uri'])
    expect((await rowCounts(pg, target)).customers).toBe(sourceCounts.customers + 1)
    expect(record.steps.find((step) => step.name === 'locate-backup')?.figures['backups found']).toBe(2)
  })

  test.each([
    ['GCS', () => ({ storage: { 'storage-type': 'gcs', bucket: BUCKET, path: 'gcs/pg' }, env: { STORAGE_EMULATOR_HOST: gcs.url } })],
    ['Azure Blob', () => ({ storage: { 'storage-type': 'azure-blob', bucket: BUCKET, path: 'azure/pg', 'azure-connection-string': azurite.connectionString }, env: {} })]
  ])('from %s: the download is checked against the sha256 metadata and restored', async (_name, setup) => {
    const { storage, env } = setup()
    const made = await backup(pgInputs('shop', storage), { ...env, ...clientPath(pg) })
    const target = await emptyDatabase(`restored_${_name.replace(/\W/g, '').toLowerCase()}`)
    const { run, record } = await restore(pgInputs(target, storage), { ...env, ...clientPath(pg) })
    expectRestored(run, record)
    expect(run.outputs.sha256).toBe(made.outputs.sha256)
    expect(await rowCounts(pg, target)).toEqual(sourceCounts)
  })

  test('a flipped byte in the stored backup fails download-backup, and the target is not touched', async () => {
    const store = await scratch('store')
    const made = await backup(pgInputs('shop', { 'storage-type': 'local', path: store }), clientPath(pg))
    const stored = join(store, made.outputs['backup-key'])
    const bytes = await readFile(stored)
    bytes[Math.floor(bytes.length / 2)] ^= 0x01
    await writeFile(stored, bytes)

    const target = await emptyDatabase('restored_flipped')
    const { run, record } = await restore(pgInputs(target, { 'storage-type': 'local', path: store }), clientPath(pg))
    expectFailedIn(run, record, 'download-backup', /SHA-256 [0-9a-f]{64}, but [0-9a-f]{64} was recorded/)
    expect(record.steps.filter((step) => step.status === 'skipped').map((step) => step.name)).toEqual(['verify-integrity', 'restore-database', 'check-restored'])
    expect(await pgTables(target)).toBe('')
  })

  test('a restore tool that changes one byte of one value, every count kept, fails check-restored naming the table and the row', async () => {
    const store = await scratch('store')
    await backup(pgInputs('shop', { 'storage-type': 'local', path: store }), clientPath(pg))
    // A stand-in pg_restore: the real one, then one letter of customer 3's name changed in the target.
    const binDir = await scratch('altering-pg-restore')
    await writeFile(
      join(binDir, 'pg_restore'),
      `#!/bin/sh\n"${pg.binDir}/pg_restore" "$@" || exit $?\nfor a in "$@"; do case "$a" in --dbname=*) conn="\${a#--dbname=}";; esac; done\n` +
        `[ -z "$conn" ] || "${pg.binDir}/psql" -q -X -d "$conn" -c "UPDATE customers SET name = overlay(name placing 'Z' from 1 for 1) WHERE id = 3" >/dev/null\n`,
      { mode: 0o755 }
    )
    const target = await emptyDatabase('restored_altered')
    const { run, record } = await restore(pgInputs(target, { 'storage-type': 'local', path: store }), { PATH: `${binDir}:${pg.binDir}:${process.env.PATH}` })
    expectFailedIn(run, record, 'check-restored', /^the target differs from the backup: public\.customers: the rows differ in content \(first difference: the row \(id\)=\(3\) of the (backup|target)/)
  })

  test('restore-mode empty refuses a target that holds tables, naming them, and changes nothing', async () => {
    const store = await scratch('store')
    await backup(pgInputs('shop', { 'storage-type': 'local', path: store }), clientPath(pg))
    const target = await emptyDatabase('restored_busy')
    await pg.sql(target, 'CREATE TABLE keepme (id int); INSERT INTO keepme VALUES (1), (2)')

    const { run, record } = await restore(pgInputs(target, { 'storage-type': 'local', path: store }), clientPath(pg))
    expectFailedIn(run, record, 'restore-database', /restore-mode is empty, but the target already holds 1 table \(public\.keepme\)/)
    expect(await pgTables(target)).toBe('keepme')

    // clean restores the backup's tables beside it, and leaves it alone.
    const clean = await restore(pgInputs(target, { 'storage-type': 'local', path: store }, { 'restore-mode': 'clean' }), clientPath(pg))
    expectRestored(clean.run, clean.record)
    expect(await pgTables(target)).toBe('customers,events,keepme,orders')
    expect(await rowCounts(pg, target)).toEqual(sourceCounts)
  })

  test('a wrong target password fails restore-database, and the password is nowhere to be seen', async () => {
    const store = await scratch('store')
    await backup(pgInputs('shop', { 'storage-type': 'local', path: store }), clientPath(pg))
    const target = await emptyDatabase('restored_wrong_pw')
    const { run, record } = await restore(pgInputs(target, { 'storage-type': 'local', path: store }, { 'db-password': 'not-the-password-9431' }), clientPath(pg))
    expectFailedIn(run, record, 'restore-database', /password authentication failed/)
    // The runner consumes ::add-mask:: lines (that is how it learns what to mask); nothing else may show it.
    const visible = `${run.stdout}${run.stderr}`.split('\n').filter((line) => !line.startsWith('::add-mask::'))
    expect(`${visible.join('\n')}${JSON.stringify(record)}${JSON.stringify(run.outputs)}${run.summary}${webhook.bodies.join('')}`).not.toContain('not-the-password-9431')
    expect(await pgTables(target)).toBe('')
  })

  test('a backup-key of another engine fails locate-backup, naming both', async () => {
    const store = await scratch('store')
    const { run, record } = await restore(pgInputs('shop', { 'storage-type': 'local', path: store }, { 'backup-key': 'cache-20260101T000000Z-0123abcd.rdb' }), clientPath(pg))
    expectFailedIn(run, record, 'locate-backup', /is a redis backup, but db-type is postgresql/)
  })

  test('an empty storage fails locate-backup', async () => {
    const { run, record } = await restore(pgInputs('shop', { 'storage-type': 'local', path: await scratch('store') }), clientPath(pg))
    expectFailedIn(run, record, 'locate-backup', /no postgresql backup named "shop" was found/)
  })
})
