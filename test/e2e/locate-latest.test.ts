import { copyFile, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { clientPath, DAY_MS, scratch, stamp, connectionInputs } from '../support/e2e.js'
import { rowCounts, seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { backup, expectRestored, restore } from '../support/restore.js'

/**
 * `backup-key: latest` against keys whose time the storage's does not bear out, the backup and
 * restore bundles run as the runner runs them: the newest is chosen as retention ranks backups,
 * and every backup with a newer key is named in a warning, with why it was passed over.
 */

let pg: PostgresServer
let sourceCounts: Record<string, number>

beforeAll(async () => {
  pg = await startPostgres()
  sourceCounts = await seedShop(pg, 'shop')
})

afterAll(async () => {
  await pg?.stop()
})

function inputs(database: string, store: string): Record<string, string> {
  return { ...connectionInputs('postgresql', pg, database), 'backup-name': 'shop', 'storage-type': 'local', path: store, notify: 'console,file' }
}

/** A copy of a real backup (and its SHA-256 record) under another key, stored `storedAgoMs` ago. */
async function copyUnder(store: string, made: string, keyTime: number, unique: string, storedAgoMs: number): Promise<string> {
  const key = `shop-${stamp(keyTime)}-${unique}.dump`
  await copyFile(join(store, made), join(store, key))
  await writeFile(join(store, `${key}.sha256`), (await readFile(join(store, `${made}.sha256`), 'utf8')).replace(made, key))
  const stored = new Date(Date.now() - storedAgoMs)
  await utimes(join(store, key), stored, stored)
  return key
}

test('latest passes over a key dated a year ahead and one dated after it was stored, restores the real newest, and names both', async () => {
  const store = await scratch('store')
  // An older backup holding a row the newest does not: restoring it would show.
  await pg.sql('shop', "INSERT INTO customers (name, email) VALUES ('stale', 'stale@example.test')")
  const older = await backup(inputs('shop', store), clientPath(pg))
  const olderKey = older.outputs['backup-key']
  // Copies of it under keys from runners whose clocks were wrong: one dated a year ahead, stored
  // three days ago; one dated ten minutes from now (not the future, within the margin), but
  // stored two days ago. By their keys, both are newer than the backup made next.
  const future = await copyUnder(store, olderKey, Date.now() + 365 * DAY_MS, '0000000f', 3 * DAY_MS)
  const early = await copyUnder(store, olderKey, Date.now() + 10 * 60_000, '0000000e', 2 * DAY_MS)
  await pg.sql('shop', "DELETE FROM customers WHERE name = 'stale'")
  const newest = await backup(inputs('shop', store), clientPath(pg))

  await pg.sql('postgres', 'CREATE DATABASE restored_latest_trust')
  const { run, record } = await restore(inputs('restored_latest_trust', store), clientPath(pg))
  expectRestored(run, record)
  expect(run.outputs['backup-key']).toBe(newest.outputs['backup-key'])
  expect(await rowCounts(pg, 'restored_latest_trust')).toEqual(sourceCounts)
  expect(run.stdout).toContain(`::warning title=Latest backup::${future} was passed over, though its key is newer than that of ${newest.outputs['backup-key']}, the backup restored: it is dated`)
  expect(run.stdout).toMatch(new RegExp(`::warning title=Latest backup::${early} was passed over, .*: it is dated .* but was stored at .*, so it is ranked by the storage's time`))
  const located = record.steps.find((step) => step.name === 'locate-backup') as (typeof record.steps)[number] & { warnings?: string[] }
  expect(located?.figures).toMatchObject({ 'backups found': 4, 'passed over (future-dated key)': 1, 'passed over (key disagrees with storage time)': 1 })
  expect(located?.warnings).toHaveLength(2)
  expect(run.summary).toContain(`${future} was passed over`)
})

test('latest with only future-dated keys restores nothing, and says to give backup-key', async () => {
  const store = await scratch('store')
  const made = await backup(inputs('shop', store), clientPath(pg))
  const future = await copyUnder(store, made.outputs['backup-key'], Date.now() + 365 * DAY_MS, '0000000f', DAY_MS)
  await rm(join(store, made.outputs['backup-key']))
  await pg.sql('postgres', 'CREATE DATABASE restored_only_future')
  const { run, record } = await restore(inputs('restored_only_future', store), clientPath(pg))
  expect(run.exitCode).not.toBe(0)
  expect(run.outputs['failed-step']).toBe('locate-backup')
  expect(record.steps.find((step) => step.name === 'locate-backup')?.error).toMatch(new RegExp(`every backup found under .* is dated in the future \\(${future}; .*give backup-key to restore one`))
})
