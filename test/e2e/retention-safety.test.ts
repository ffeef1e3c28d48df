import { utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readJson, runAction, type ActionRun } from '../support/action.js'
import { DAY_MS, expectSuccess, scratch, stamp, type AuditRecord, backupFiles, connectionInputs, pastThisSecond } from '../support/e2e.js'
import { seedShop as seedMariaDb, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { seedShop as seedPostgres, startPostgres, type PostgresServer } from '../support/postgres.js'

/**
 * What retention must never delete, shown by running the bundle against real servers into a real
 * directory: another engine's backups of the same name, another run's backup, real backups pushed
 * out by a future-dated key, and anything by age while the clocks disagree.
 */

let postgres: PostgresServer
let mariadb: MariaDbServer

beforeAll(async () => {
  ;[postgres, mariadb] = await Promise.all([startPostgres(), startMariaDb()])
  await Promise.all([seedPostgres(postgres, 'shop'), seedMariaDb(mariadb, 'shop', 50)])
})

afterAll(async () => {
  await Promise.all([postgres?.stop(), mariadb?.stop()])
})

function postgresRun(store: string, audit: string, extra: Record<string, string>): Promise<ActionRun> {
  const inputs = {
    ...connectionInputs('postgresql', postgres, 'shop'),
    'storage-type': 'local',
    path: store,
    notify: 'console,file',
    'audit-dir': audit,
    ...extra
  }
  return runAction(inputs, { PATH: `${postgres.binDir}:${process.env.PATH}` })
}

function mariadbRun(store: string, audit: string, extra: Record<string, string>): Promise<ActionRun> {
  return runAction({
    ...connectionInputs('mariadb', mariadb, 'shop'),
    'storage-type': 'local',
    path: store,
    notify: 'console,file',
    'audit-dir': audit,
    ...extra
  })
}

async function retentionFigures(run: ActionRun): Promise<Record<string, string | number>> {
  const record = await readJson<AuditRecord>(run.outputs['audit-file'])
  return record.steps.find((step) => step.name === 'cleanup-old-backups')?.figures ?? {}
}

/** A backup file as an earlier run would have left it: its key's time, and written then. */
async function earlierBackup(store: string, ageMs: number, unique: string, options: { storedAgeMs?: number; extension?: string } = {}): Promise<string> {
  const name = `shop-${stamp(Date.now() - ageMs)}-${unique}.${options.extension ?? 'dump'}`
  await writeFile(join(store, name), `backup ${unique}`)
  const written = new Date(Date.now() - (options.storedAgeMs ?? ageMs))
  await utimes(join(store, name), written, written)
  return name
}

/** Makes a backup file look written an hour ago, as by a run that finished long before the next. */
async function ageFile(store: string, name: string): Promise<void> {
  const hourAgo = new Date(Date.now() - 3_600_000)
  await utimes(join(store, name), hourAgo, hourAgo)
}

describe('retention never deletes what it must keep (local storage, real servers, the bundle)', () => {
  test('a MariaDB run of `shop` with max-backups 1 keeps the PostgreSQL `shop` dump under the same path', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const pg = await postgresRun(store, audit, {})
    await expectSuccess(pg)
    const first = await mariadbRun(store, audit, {})
    await expectSuccess(first)
    // Both written by runs that are over: neither is recent any more.
    await ageFile(store, pg.outputs['backup-key'])
    await ageFile(store, first.outputs['backup-key'])
    await pastThisSecond()

    const second = await mariadbRun(store, audit, { 'max-backups': '1' })
    await expectSuccess(second)
    expect((await backupFiles(store)).sort()).toEqual([pg.outputs['backup-key'], second.outputs['backup-key']].sort())
    expect(second.outputs['deleted-count']).toBe('1')
    expect(await retentionFigures(second)).toMatchObject({ 'backups found': 2, 'deleted count': 1 })
  })

  test('two runs at once with max-backups 1 both keep their backup, and say that they spared the other\'s', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const earlier = await earlierBackup(store, 2 * DAY_MS, '0000000a')

    const [a, b] = await Promise.all([postgresRun(store, audit, { 'max-backups': '1' }), postgresRun(store, audit, { 'max-backups': '1' })])
    await expectSuccess(a)
    await expectSuccess(b)
    const remaining = await backupFiles(store)
    expect(remaining.sort()).toEqual([a.outputs['backup-key'], b.outputs['backup-key']].sort())
    expect(remaining).not.toContain(earlier)
    // The run that cleaned up second saw the other's backup and spared it.
    const spared = [...Object.keys(await retentionFigures(a)), ...Object.keys(await retentionFigures(b))].filter((name) => name.startsWith('spared'))
    expect(spared.length).toBeGreaterThanOrEqual(1)
    expect(`${a.stdout}${b.stdout}`).toMatch(/::warning title=Backup retention::.*another run's backup, kept/)
  })

  test('a backup dated after this run started, or stored while it was going, is spared; an earlier one is not', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const earlier = await earlierBackup(store, 2 * DAY_MS, '0000000a')
    // Another run that started a little after this one (its key is two minutes ahead).
    const later = await earlierBackup(store, -2 * 60_000, '0000000b', { storedAgeMs: 0 })
    // Another run that took its snapshot an hour ago and has just finished uploading it.
    const slow = await earlierBackup(store, 3_600_000, '0000000c', { storedAgeMs: 0 })

    const run = await postgresRun(store, audit, { 'max-backups': '1' })
    await expectSuccess(run)
    const remaining = await backupFiles(store)
    expect(remaining.sort()).toEqual([later, slow, run.outputs['backup-key']].sort())
    expect(remaining).not.toContain(earlier)
    expect(run.outputs['deleted-count']).toBe('1')
    expect(await retentionFigures(run)).toMatchObject({
      'spared (another run, dated after this run started)': 1,
      'spared (stored while this run was going)': 1,
      'deleted count': 1
    })
    expect(run.summary).toContain('spared (another run, dated after this run started): 1')
    const record = await readJson<{ retention: { spared: { key: string; reason: string }[] } }>(run.outputs['audit-file'])
    expect(record.retention.spared).toEqual(
      expect.arrayContaining([
        { key: later, reason: 'concurrent run' },
        { key: slow, reason: 'recently written' }
      ])
    )
  })

  test('a future-dated key is kept and warned about, and does not push a real backup out of max-backups', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    // A copy restored with a key from a clock gone wrong: dated next year, stored three days ago.
    const future = await earlierBackup(store, -365 * DAY_MS, '0000000f', { storedAgeMs: 3 * DAY_MS })
    const d1 = await earlierBackup(store, DAY_MS, '00000001')
    const d2 = await earlierBackup(store, 2 * DAY_MS, '00000002')

    const run = await postgresRun(store, audit, { 'max-backups': '2' })
    await expectSuccess(run)
    const remaining = await backupFiles(store)
    expect(remaining.sort()).toEqual([future, d1, run.outputs['backup-key']].sort())
    expect(remaining).not.toContain(d2)
    expect(run.outputs['deleted-count']).toBe('1')
    expect(await retentionFigures(run)).toMatchObject({ 'kept (future-dated key, not counted)': 1 })
    expect(run.stdout).toContain(`::warning title=Backup retention::${future} is dated`)
  })

  test.each([
    ['max-backups 5', { 'max-backups': '5', 'retention-days': '0' }, 4],
    // Night 3 is a few seconds more than 3 days old when retention runs.
    ['retention-days 3', { 'max-backups': '0', 'retention-days': '3' }, 2]
  ])('a copied history (cp -r, newest copied first), with %s: the newest by their keys remain, not the last copied', async (_policy, policy, nights) => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    // Twenty nightlies, copied in 12 hours ago one after another, the newest first: the storage's
    // times run opposite to the keys', so by them the oldest backups would look the newest, and
    // none would be older than half a day.
    const copyStarted = Date.now() - DAY_MS / 2
    const nightlies: string[] = []
    for (let night = 1; night <= 20; night++) {
      nightlies.push(await earlierBackup(store, night * DAY_MS, night.toString(16).padStart(8, '0'), { storedAgeMs: Date.now() - (copyStarted + night * 3_000) }))
    }
    const run = await postgresRun(store, audit, policy)
    await expectSuccess(run)
    expect((await backupFiles(store)).sort()).toEqual([...nightlies.slice(0, nights), run.outputs['backup-key']].sort())
    expect(run.outputs['deleted-count']).toBe(String(20 - nights))
    expect(run.stdout).toMatch(/::warning title=Backup retention::20 backups dated .* a copy of the history/)
  })

  test('a runner clock behind the storage\'s newest object deletes nothing by age, and says why', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const d40 = await earlierBackup(store, 40 * DAY_MS, '00000028')
    // The storage wrote this one two hours from now by the runner's clock: the runner's clock is behind.
    const ahead = await earlierBackup(store, DAY_MS, '00000001', { storedAgeMs: -2 * 3_600_000 })

    const run = await postgresRun(store, audit, { 'retention-days': '30' })
    await expectSuccess(run)
    expect((await backupFiles(store)).sort()).toEqual([d40, ahead, run.outputs['backup-key']].sort())
    expect(run.outputs['deleted-count']).toBe('0')
    const figures = await retentionFigures(run)
    expect(String(figures['age rule'])).toMatch(/^suspended: the runner's clock \(.*\) is behind the storage's/)
    expect(figures['kept (age rule suspended)']).toBe(1)
    expect(run.stdout).toMatch(/::warning title=Backup retention::the runner's clock .* no backup is deleted for its age in this run/)
  })
})
