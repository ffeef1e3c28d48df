import fc from 'fast-check'
import { NO_KEEP } from '../../src/config/retention.js'
import type { KeepCounts } from '../../src/config/types.js'
import { dbTypes, engineCatalog } from '../../src/engines/catalog.js'
import { backupFileName, joinKey, parseBackupKey, type BackupSeries } from '../../src/config/backup-keys.js'
import { isoWeek, planRetention, type RetentionInput } from '../../src/storage/shared/retention.js'
import { CLOCK_MARGIN_MS } from '../../src/storage/shared/trusted-time.js'
import type { StoredObject } from '../../src/storage/types.js'
import { calendarRules, isoWeekByCounting } from '../support/calendar.js'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0)
const names = ['shop', 'shop-a', 'a.b', 'shopping']
const prefixes = ['', 'db', 'db/nightly']
const extensions = [...new Set(Object.values(engineCatalog).flatMap((facts) => facts.fileExtensions)), 'txt', 'dump.bak']

const time = fc.integer({ min: -400 * DAY, max: 400 * DAY }).map((offset) => NOW + offset)
const metadata = fc.option(
  fc.record({ dbtype: fc.constantFrom(...dbTypes), backupname: fc.constantFrom(...names) }, { requiredKeys: [] }),
  { nil: undefined }
)

/** Anything a listing could hold: backups of any name, engine and prefix, foreign files, odd clocks. */
const stored: fc.Arbitrary<StoredObject> = fc.oneof(
  fc
    .record({
      prefix: fc.constantFrom(...prefixes),
      name: fc.constantFrom(...names),
      extension: fc.constantFrom(...extensions),
      // Anywhere in two years, or around this run (another run's backup).
      keyTime: fc.oneof(time, fc.integer({ min: -3 * 3_600_000, max: 30 * 60_000 }).map((offset) => NOW + offset)),
      // Mostly stored a little after the key's time; sometimes anywhere.
      stored: fc.oneof(fc.integer({ min: -60_000, max: 3 * 3_600_000 }), fc.integer({ min: -400 * DAY, max: 400 * DAY })),
      unique: fc.integer({ min: 0, max: 0xffffffff }),
      sizeBytes: fc.nat(),
      metadata
    })
    .map((o) => ({
      key: joinKey(o.prefix, backupFileName(o.name, o.extension, new Date(o.keyTime), o.unique.toString(16).padStart(8, '0'))),
      sizeBytes: o.sizeBytes,
      lastModified: new Date(o.keyTime + o.stored),
      ...(o.metadata ? { metadata: o.metadata } : {})
    })),
  fc.record({ key: fc.string(), sizeBytes: fc.nat(), lastModified: time.map((ms) => new Date(ms)), metadata })
)

const keepCounts: fc.Arbitrary<KeepCounts> = fc.record({
  last: fc.integer({ min: 0, max: 4 }),
  daily: fc.integer({ min: 0, max: 8 }),
  weekly: fc.integer({ min: 0, max: 5 }),
  monthly: fc.integer({ min: 0, max: 13 }),
  yearly: fc.integer({ min: 0, max: 3 })
})

const scenario = fc
  .record({
    dbType: fc.constantFrom(...dbTypes),
    backupName: fc.constantFrom(...names),
    prefix: fc.constantFrom(...prefixes),
    objects: fc.array(stored, { maxLength: 30 }),
    days: fc.integer({ min: 0, max: 60 }),
    maxBackups: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 })),
    keep: fc.oneof(fc.constant(NO_KEEP), keepCounts),
    limits: fc.boolean(),
    elapsed: fc.integer({ min: 0, max: 3 * 3_600_000 }),
    // The runner's clock against the storage's: mostly right, sometimes far off either way.
    skew: fc.oneof(fc.constant(0), fc.integer({ min: -5_000, max: 5_000 }), fc.integer({ min: -3 * 365 * DAY, max: 3 * 365 * DAY })),
    uploadMs: fc.integer({ min: 0, max: 3_600_000 })
  })
  .map((s): RetentionInput & { objects: StoredObject[] } => {
    const series: BackupSeries = { prefix: s.prefix, backupName: s.backupName, dbType: s.dbType }
    const now = new Date(NOW + s.skew)
    const runStartedAt = new Date(now.getTime() - s.elapsed)
    const extension = engineCatalog[s.dbType].fileExtensions[0]
    const made: StoredObject = {
      key: joinKey(s.prefix, backupFileName(s.backupName, extension, runStartedAt, 'feedf00d')),
      sizeBytes: 1,
      // Stored by the storage's clock, after the run started.
      lastModified: new Date(NOW - s.elapsed + Math.min(s.uploadMs, s.elapsed)),
      metadata: undefined
    }
    const limits = s.limits || s.keep === NO_KEEP
    const retention = { days: limits ? s.days : 0, maxBackups: limits ? s.maxBackups : 0, limits, keep: s.keep }
    return { objects: [...s.objects, made], series, retention, justMade: made.key, runStartedAt, now }
  })

function isForeign(object: StoredObject, series: BackupSeries): boolean {
  if (!parseBackupKey(object.key, series)) return true
  const { dbtype, backupname } = object.metadata ?? {}
  return (dbtype !== undefined && dbtype !== series.dbType) || (backupname !== undefined && backupname !== series.backupName)
}

/** The time a backup is ranked by, restated from the rule: the key's where it agrees with the storage's, else the storage's. */
function rankTime(object: StoredObject, series: BackupSeries): number {
  const keyTime = (parseBackupKey(object.key, series) as { time: Date }).time.getTime()
  return Math.abs(keyTime - object.lastModified.getTime()) <= CLOCK_MARGIN_MS ? keyTime : object.lastModified.getTime()
}

const runs = { numRuns: 2000 }

describe('planRetention properties', () => {
  test('never deletes a foreign object: another name, prefix, extension, engine or metadata', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const byKey = new Map(input.objects.map((object) => [object.key, object]))
        for (const entry of planRetention(input).delete) expect(isForeign(byKey.get(entry.key) as StoredObject, input.series)).toBe(false)
      }),
      runs
    )
  })

  test('never deletes the backup just made', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        expect(planRetention(input).delete.map((entry) => entry.key)).not.toContain(input.justMade)
      }),
      runs
    )
  })

  test('always keeps the newest max-backups of the series (future-dated keys aside), the one just made first', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { series, now } = input
        const deleted = new Set(planRetention(input).delete.map((entry) => entry.key))
        const others = input.objects
          .filter((object) => object.key !== input.justMade && !isForeign(object, series))
          .filter((object) => (parseBackupKey(object.key, series) as { time: Date }).time.getTime() <= now.getTime() + CLOCK_MARGIN_MS)
          .sort((a, b) => rankTime(b, series) - rankTime(a, series) || b.key.localeCompare(a.key))
        if (!input.retention.limits) return
        const limit = input.retention.maxBackups === 0 ? others.length : input.retention.maxBackups - 1
        for (const object of others.slice(0, limit)) {
          const tooOld = input.retention.days > 0 && now.getTime() - rankTime(object, series) > input.retention.days * DAY
          if (!tooOld) expect(deleted.has(object.key)).toBe(false)
        }
      }),
      runs
    )
  })

  test('never deletes the newest backup of the series (by the time it is ranked by)', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const { series, now } = input
        const newest = input.objects
          .filter((object) => !isForeign(object, series))
          .filter((object) => (parseBackupKey(object.key, series) as { time: Date }).time.getTime() <= now.getTime() + CLOCK_MARGIN_MS)
          .sort((a, b) => rankTime(b, series) - rankTime(a, series) || b.key.localeCompare(a.key))[0]
        expect(planRetention(input).delete.map((entry) => entry.key)).not.toContain(newest.key)
      }),
      runs
    )
  })

  test('never deletes what was dated or stored after this run started, and nothing by age when the clocks disagree', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const plan = planRetention(input)
        const byKey = new Map(input.objects.map((object) => [object.key, object]))
        for (const entry of plan.delete) {
          const object = byKey.get(entry.key) as StoredObject
          expect((parseBackupKey(object.key, input.series) as { time: Date }).time.getTime()).toBeLessThan(input.runStartedAt.getTime() - 999)
          expect(object.lastModified.getTime()).toBeLessThan(input.runStartedAt.getTime())
          if (plan.clockProblem) expect(entry.reason).toMatch(/^beyond the newest/)
        }
      }),
      runs
    )
  })

  test('accounts for every backup of the series exactly once, as deleted or kept with a reason', () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const plan = planRetention(input)
        const own = input.objects.filter((object) => parseBackupKey(object.key, input.series)).map((object) => object.key)
        expect([...plan.delete, ...plan.kept].map((entry) => entry.key).sort()).toEqual(own.sort())
        expect(plan.found).toBe(own.length)
      }),
      runs
    )
  })
})

/**
 * A history as runs leave it when clocks agree and nothing overlaps: backups of the series at any
 * time over three years (several a day at times), foreign objects beside them, and this run's.
 * Here no safety rule intervenes, so the policy alone decides.
 */
const history = fc
  .record({
    dbType: fc.constantFrom(...dbTypes),
    prefix: fc.constantFrom(...prefixes),
    // Days back, then the time of day: clusters on a few days, and gaps.
    backups: fc.array(fc.record({ day: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 1100 })), second: fc.integer({ min: 0, max: 86_399 }) }), { maxLength: 60 }),
    foreign: fc.array(stored, { maxLength: 10 }),
    days: fc.integer({ min: 0, max: 60 }),
    maxBackups: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 8 })),
    limits: fc.boolean(),
    keep: keepCounts,
    elapsed: fc.integer({ min: 0, max: 10 * 60_000 })
  })
  .map((h): RetentionInput => {
    const series: BackupSeries = { prefix: h.prefix, backupName: 'shop', dbType: h.dbType }
    const now = new Date(NOW)
    const runStartedAt = new Date(NOW - h.elapsed)
    const extension = engineCatalog[h.dbType].fileExtensions[0]
    const ours = h.backups.map((backup, index): StoredObject => {
      // Every earlier backup at least two hours before this run: no safety rule applies to it.
      const time = Math.floor((NOW - 2 * 3_600_000) / DAY) * DAY - backup.day * DAY + backup.second * 1000 - (backup.day === 0 ? DAY : 0)
      return { key: joinKey(h.prefix, backupFileName('shop', extension, new Date(time), index.toString(16).padStart(8, '0'))), sizeBytes: 1, lastModified: new Date(time + 60_000), metadata: { dbtype: h.dbType, backupname: 'shop' } }
    })
    // Stored long ago: a foreign object's time may not make the clocks look wrong here.
    const foreign = h.foreign.filter((object) => isForeign(object, series)).map((object) => ({ ...object, lastModified: new Date(Math.min(object.lastModified.getTime(), NOW - 3 * 3_600_000)) }))
    const made: StoredObject = { key: joinKey(h.prefix, backupFileName('shop', extension, runStartedAt, 'feedf00d')), sizeBytes: 1, lastModified: new Date(NOW - h.elapsed / 2) }
    const limits = h.limits || Object.values(h.keep).every((count) => count === 0)
    const retention = { days: limits ? h.days : 0, maxBackups: limits ? h.maxBackups : 0, limits, keep: h.keep }
    return { objects: [...ours, ...foreign, made], series, retention, justMade: made.key, runStartedAt, now }
  })

/** The policy stated plainly: for each backup, the rules that keep it. */
function expectedRules(input: RetentionInput): Map<string, string[]> {
  const { series, retention, now } = input
  const own = input.objects.filter((object) => !isForeign(object, series)).sort((a, b) => rankTime(b, series) - rankTime(a, series) || b.key.localeCompare(a.key))
  const rules = new Map<string, string[]>(own.map((object) => [object.key, []]))
  const others = own.filter((object) => object.key !== input.justMade)
  others.forEach((object, index) => {
    const young = retention.days === 0 || now.getTime() - rankTime(object, series) <= retention.days * DAY
    const counted = retention.maxBackups === 0 || index < retention.maxBackups - 1
    if (retention.limits && young && counted) rules.get(object.key)?.push('within limits')
  })
  const calendar = calendarRules(own.map((object) => ({ key: object.key, time: rankTime(object, series) })), retention.keep)
  for (const [key, kept] of calendar) rules.get(key)?.push(...kept)
  return rules
}

describe('planRetention: the calendar policy', () => {
  test('keeps exactly what a plain statement of the policy keeps, for the rules it names; deletes the rest of the series', () => {
    fc.assert(
      fc.property(history, (input) => {
        const plan = planRetention(input)
        const expected = expectedRules(input)
        const keptByRule = new Map(plan.kept.map((entry) => [entry.key, [...entry.rules].sort()]))
        for (const [key, rules] of expected) {
          if (key === input.justMade) {
            expect(keptByRule.get(key)).toEqual(rules.filter((rule) => rule !== 'within limits').sort())
          } else if (rules.length > 0) {
            expect(keptByRule.get(key)).toEqual([...rules].sort())
          } else {
            expect(plan.delete.map((entry) => entry.key)).toContain(key)
          }
        }
        expect(plan.delete.length + plan.kept.filter((entry) => entry.reason !== 'another engine').length).toBe(expected.size)
        expect(plan.warnings).toEqual([])
      }),
      runs
    )
  })

  test('ISO weeks at the turn of the year', () => {
    const weekOf = (text: string): string => isoWeek(new Date(text))
    expect(weekOf('2026-01-01T12:00:00Z')).toBe('2026-W01')
    expect(weekOf('2027-01-01T00:00:00Z')).toBe('2026-W53')
    expect(weekOf('2024-12-30T23:59:59Z')).toBe('2025-W01')
    expect(weekOf('2021-01-03T10:00:00Z')).toBe('2020-W53')
    expect(weekOf('2026-11-26T12:00:00Z')).toBe('2026-W48')
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 * 365 * DAY }), (ms) => expect(isoWeek(new Date(ms))).toBe(isoWeekByCounting(ms))), runs)
  })
})

// A check of the generators, not of the planner: with a fixed seed, so that it cannot be flaky.
test('the scenarios reach every kind of decision', () => {
  const seen = new Set<string>()
  for (const inputs of [scenario, history]) fc.assert(
    fc.property(inputs, (input) => {
      const plan = planRetention(input)
      for (const entry of plan.kept) seen.add(entry.reason)
      for (const entry of plan.delete) seen.add(entry.reason.replace(/\d+/, 'N').replace(/^(kept by no rule).*/, '$1'))
      for (const entry of plan.kept) for (const rule of entry.rules) seen.add(`rule ${rule.split(' ')[0]}`)
    }),
    { numRuns: 5000, seed: 1 }
  )
  expect([...seen].sort()).toEqual(
    [
      ...['another engine', 'beyond the newest N', 'clock untrusted', 'concurrent run', 'future-dated key', 'just made', 'older than N days', 'recently written'],
      ...['kept by no rule', 'policy', 'rule within', 'rule last', 'rule daily', 'rule weekly', 'rule monthly', 'rule yearly']
    ].sort()
  )
})
