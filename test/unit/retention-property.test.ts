import fc from 'fast-check'
import { dbTypes, engineCatalog } from '../../src/engines/catalog.js'
import { backupFileName, joinKey, parseBackupKey, type BackupSeries } from '../../src/storage/keys.js'
import { CLOCK_MARGIN_MS, planRetention, type RetentionInput } from '../../src/storage/retention.js'
import type { StoredObject } from '../../src/storage/types.js'

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

const scenario = fc
  .record({
    dbType: fc.constantFrom(...dbTypes),
    backupName: fc.constantFrom(...names),
    prefix: fc.constantFrom(...prefixes),
    objects: fc.array(stored, { maxLength: 30 }),
    days: fc.integer({ min: 0, max: 60 }),
    maxBackups: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 })),
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
    return { objects: [...s.objects, made], series, retention: { days: s.days, maxBackups: s.maxBackups }, justMade: made.key, runStartedAt, now }
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
        const limit = input.retention.maxBackups === 0 ? others.length : input.retention.maxBackups - 1
        for (const object of others.slice(0, limit)) {
          const tooOld = input.retention.days > 0 && now.getTime() - rankTime(object, series) > input.retention.days * DAY
          if (!tooOld) expect(deleted.has(object.key)).toBe(false)
        }
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

// A check of the generators, not of the planner: with a fixed seed, so that it cannot be flaky.
test('the scenarios reach every kind of decision', () => {
  const seen = new Set<string>()
  fc.assert(
    fc.property(scenario, (input) => {
      const plan = planRetention(input)
      for (const entry of plan.kept) seen.add(entry.reason)
      for (const entry of plan.delete) seen.add(entry.reason.replace(/\d+/, 'N'))
    }),
    { numRuns: 5000, seed: 1 }
  )
  expect([...seen].sort()).toEqual(
    ['another engine', 'beyond the newest N', 'clock untrusted', 'concurrent run', 'future-dated key', 'just made', 'older than N days', 'recently written', 'within limits'].sort()
  )
})
