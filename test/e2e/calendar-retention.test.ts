import { utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { KeepCounts } from '../../src/config/types.js'
import { readJson, runAction, type ActionRun } from '../support/action.js'
import { calendarRules } from '../support/calendar.js'
import { backupFiles, clientPath, DAY_MS, expectSuccess, scratch, stamp, type AuditRecord, connectionInputs } from '../support/e2e.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'

/**
 * Calendar retention over a seeded history, the bundle run as the runner runs it, into a local
 * directory and into S3 (s3rver): what remains is what a plain statement of the keep-* rules keeps,
 * and each kept backup says which rules keep it.
 */

const BUCKET = 'calendar-retention'
const KEEP: KeepCounts = { last: 2, daily: 7, weekly: 4, monthly: 6, yearly: 3 }
const KEEP_INPUTS = { 'keep-last': '2', 'keep-daily': '7', 'keep-weekly': '4', 'keep-monthly': '6', 'keep-yearly': '3' }

let server: PostgresServer
let s3: S3Emulator

beforeAll(async () => {
  ;[server, s3] = await Promise.all([startPostgres(), startS3rver([BUCKET])])
  await seedShop(server, 'shop')
})

afterAll(async () => {
  await s3?.stop()
  await server?.stop()
})

interface Seeded {
  key: string
  time: number
}

/**
 * Nightlies at 03:00 UTC for the last 120 days, a second backup on some days, a few from earlier
 * years, and foreign objects beside them: everything an earlier run (or someone else) left.
 */
function history(prefix: string): { backups: Seeded[]; foreign: string[] } {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS
  const p = prefix ? `${prefix}/` : ''
  const times = [
    ...Array.from({ length: 120 }, (_, index) => today - (index + 1) * DAY_MS + 3 * 3_600_000),
    ...[1, 2, 9, 40].map((days) => today - days * DAY_MS + 15 * 3_600_000),
    ...[400, 430, 800, 1200].map((days) => today - days * DAY_MS + 3 * 3_600_000)
  ]
  const backups = times.map((time, index) => ({ key: `${p}shop-${stamp(time)}-${index.toString(16).padStart(8, '0')}.dump`, time }))
  const foreign = [`${p}shop-${stamp(today - 500 * DAY_MS)}-0000dead.txt`, `${p}shopping-${stamp(today - 500 * DAY_MS)}-0000beef.dump`, `${p}notes.md`]
  return { backups, foreign }
}

/** What the policy keeps, stated plainly, with the backup this run made as the newest. */
function expectedKept(backups: Seeded[], made: string): Map<string, string[]> {
  const madeTime = Date.parse(made.replace(/^.*shop-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-.*$/, '$1-$2-$3T$4:$5:$6Z'))
  const all = [...backups, { key: made, time: madeTime }].sort((a, b) => b.time - a.time || b.key.localeCompare(a.key))
  return new Map([...calendarRules(all, KEEP)].filter(([, rules]) => rules.length > 0))
}

function postgresInputs(audit: string, storage: Record<string, string>): Record<string, string> {
  return {
    ...connectionInputs('postgresql', server, 'shop'),
    notify: 'console,file',
    'audit-dir': audit,
    ...KEEP_INPUTS,
    ...storage
  }
}

async function checkRun(run: ActionRun, backups: Seeded[], foreign: string[], remaining: string[]): Promise<void> {
  await expectSuccess(run)
  const made = run.outputs['backup-key']
  const expected = expectedKept(backups, made)
  expect(remaining.filter((key) => !foreign.includes(key)).sort()).toEqual([...expected.keys()].sort())
  for (const key of foreign) expect(remaining).toContain(key)
  expect(run.outputs['deleted-count']).toBe(String(backups.length + 1 - expected.size))

  const record = await readJson<AuditRecord & { retention: { kept: { key: string; rules: string[] }[] } }>(run.outputs['audit-file'])
  expect(new Map(record.retention.kept.map((entry) => [entry.key, [...entry.rules].sort()]))).toEqual(
    new Map([...expected].map(([key, rules]) => [key, [...rules].sort()]))
  )
  const figures = record.steps.find((step) => step.name === 'cleanup-old-backups')?.figures ?? {}
  expect(figures).toMatchObject({ policy: 'keep-last 2, keep-daily 7, keep-weekly 4, keep-monthly 6, keep-yearly 3', 'kept by keep-daily': 7, 'kept by keep-yearly': 3 })
  expect(run.summary).toMatch(/kept: .*\(last, daily \d{4}-\d{2}-\d{2}, weekly \d{4}-W\d{2}, monthly \d{4}-\d{2}, yearly \d{4}\)/)
  expect(run.stdout).toContain('retention: the keep-* rules decide; retention-days and max-backups are not set')
}

describe('calendar retention (keep-*), the bundle, a seeded history', () => {
  test('a local directory: the newest of each of the last 7 days, 4 weeks, 6 months and 3 years, and the newest 2, remain', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const { backups, foreign } = history('')
    for (const { key, time } of backups) {
      await writeFile(join(store, key), `backup ${key}`)
      await utimes(join(store, key), new Date(time + 60_000), new Date(time + 60_000))
    }
    for (const key of foreign) await writeFile(join(store, key), 'not a backup of this series')

    const run = await runAction(postgresInputs(audit, { 'storage-type': 'local', path: store }), clientPath(server))
    await checkRun(run, backups, foreign, await backupFiles(store))
  })

  test('a local directory: retention-days set beside keep-weekly keeps the last 10 days and the weekly ones; max-backups at its default does not apply', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const { backups } = history('')
    for (const { key, time } of backups) {
      await writeFile(join(store, key), `backup ${key}`)
      await utimes(join(store, key), new Date(time + 60_000), new Date(time + 60_000))
    }
    const inputs = { ...postgresInputs(audit, { 'storage-type': 'local', path: store }), 'keep-last': '0', 'keep-daily': '0', 'keep-monthly': '0', 'keep-yearly': '0' }
    const run = await runAction({ ...inputs, 'keep-weekly': '3', 'retention-days': '10', 'max-backups': '10' }, clientPath(server))
    await expectSuccess(run)

    const made = run.outputs['backup-key']
    const madeTime = Date.now()
    const all = [...backups, { key: made, time: madeTime }].sort((a, b) => b.time - a.time || b.key.localeCompare(a.key))
    const weekly = calendarRules(all, { last: 0, daily: 0, weekly: 3, monthly: 0, yearly: 0 })
    const expected = all.filter(({ key, time }) => key === made || madeTime - time <= 10 * DAY_MS || (weekly.get(key) ?? []).length > 0).map(({ key }) => key)
    // More than max-backups' default of 10: it is not part of this policy.
    expect(expected.length).toBeGreaterThan(10)
    expect((await backupFiles(store)).sort()).toEqual(expected.sort())
    const record = await readJson<AuditRecord>(run.outputs['audit-file'])
    expect(record.steps.find((step) => step.name === 'cleanup-old-backups')?.figures).toMatchObject({ policy: 'keep-weekly 3, retention-days 10' })
  })

  describe('a copied history: 60 nightlies written anew yesterday (aws s3 sync, cp -r), with the worked example\'s policy', () => {
    const WORKED = { last: 0, daily: 7, weekly: 4, monthly: 3, yearly: 0 }
    const WORKED_INPUTS = { 'keep-last': '0', 'keep-daily': '7', 'keep-weekly': '4', 'keep-monthly': '3', 'keep-yearly': '0' }
    /** Nightlies at 03:00 UTC for the last 60 nights, each stored again yesterday at 14:00, a few seconds apart, as a copy stores them. */
    function copiedNightlies(prefix: string): (Seeded & { copiedAt: Date })[] {
      const today = Math.floor(Date.now() / DAY_MS) * DAY_MS
      const copyStarted = today - DAY_MS + 14 * 3_600_000
      return Array.from({ length: 60 }, (_, index) => {
        const time = today - (index + 1) * DAY_MS + 3 * 3_600_000
        const key = `${prefix ? `${prefix}/` : ''}shop-${stamp(time)}-${index.toString(16).padStart(8, '0')}.dump`
        return { key, time, copiedAt: new Date(copyStarted + (60 - index) * 5_000) }
      })
    }

    async function checkCopiedRun(run: ActionRun, backups: Seeded[], remaining: string[]): Promise<void> {
      await expectSuccess(run)
      const made = run.outputs['backup-key']
      const madeTime = Date.parse(made.replace(/^.*shop-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-.*$/, '$1-$2-$3T$4:$5:$6Z'))
      const all = [...backups, { key: made, time: madeTime }].sort((a, b) => b.time - a.time || b.key.localeCompare(a.key))
      const expected = [...calendarRules(all, WORKED)].filter(([, rules]) => rules.length > 0).map(([key]) => key)
      // The worked example: seven days, four weeks and three months, their overlaps counted once (11 of 61 on its Thursday).
      expect(expected.length).toBeGreaterThanOrEqual(10)
      expect(remaining.sort()).toEqual(expected.sort())
      expect(run.outputs['deleted-count']).toBe(String(all.length - expected.length))
      expect(run.stdout).toMatch(/::warning title=Backup retention::60 backups dated .* were all stored between .*: a copy of the history .*, so they are ranked and aged by the times in their keys/)
      const figures = (await readJson<AuditRecord>(run.outputs['audit-file'])).steps.find((step) => step.name === 'cleanup-old-backups')?.figures ?? {}
      expect(figures).toMatchObject({ policy: 'keep-daily 7, keep-weekly 4, keep-monthly 3', 'kept by keep-daily': 7, 'kept by keep-weekly': 4, 'kept by keep-monthly': 3 })
    }

    test('a local directory (cp -r): what the worked example keeps remains, not one backup of the copy\'s day', async () => {
      const store = await scratch('store')
      const audit = await scratch('audit')
      const backups = copiedNightlies('')
      for (const { key, copiedAt } of backups) {
        await writeFile(join(store, key), `backup ${key}`)
        await utimes(join(store, key), copiedAt, copiedAt)
      }
      const run = await runAction({ ...postgresInputs(audit, { 'storage-type': 'local', path: store }), ...WORKED_INPUTS }, clientPath(server))
      await checkCopiedRun(run, backups, await backupFiles(store))
    })

    test('S3 (aws s3 sync into s3rver): the same', async () => {
      const audit = await scratch('audit')
      const prefix = 'copied/pg'
      const backups = copiedNightlies(prefix)
      for (const { key, copiedAt } of backups) {
        await s3.put(BUCKET, key, `backup ${key}`)
        await s3.backdate(BUCKET, key, copiedAt)
      }
      const storage = { 'storage-type': 's3', bucket: BUCKET, path: prefix, 's3-endpoint': s3.endpoint, 's3-region': s3.region, 's3-force-path-style': 'true' }
      const run = await runAction({ ...postgresInputs(audit, storage), ...WORKED_INPUTS }, { ...s3.env, ...clientPath(server) })
      await checkCopiedRun(run, backups, (await s3.keys(BUCKET, `${prefix}/`)).map((object) => object.key))
    })
  })

  test('S3 (s3rver): the same policy over the same history under a prefix', async () => {
    const audit = await scratch('audit')
    const prefix = 'calendar/pg'
    const { backups, foreign } = history(prefix)
    for (const { key, time } of backups) {
      await s3.put(BUCKET, key, `backup ${key}`)
      await s3.backdate(BUCKET, key, new Date(time + 60_000))
    }
    for (const key of foreign) await s3.put(BUCKET, key, 'not a backup of this series')

    const storage = { 'storage-type': 's3', bucket: BUCKET, path: prefix, 's3-endpoint': s3.endpoint, 's3-region': s3.region, 's3-force-path-style': 'true' }
    const run = await runAction(postgresInputs(audit, storage), { ...s3.env, ...clientPath(server) })
    await checkRun(run, backups, foreign, (await s3.keys(BUCKET, `${prefix}/`)).map((object) => object.key))
  })
})
