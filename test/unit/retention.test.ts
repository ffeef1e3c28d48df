import { NO_KEEP } from '../../src/config/retention.js'
import type { KeepCounts } from '../../src/config/types.js'
import type { DbType } from '../../src/engines/catalog.js'
import { backupFileName } from '../../src/config/backup-keys.js'
import { planRetention, type RetentionInput, type RetentionPlan } from '../../src/storage/shared/retention.js'
import { CLOCK_MARGIN_MS } from '../../src/storage/shared/trusted-time.js'
import type { StoredObject } from '../../src/storage/types.js'

const DAY = 86_400_000
const MINUTE = 60_000
/** This run started at 11:50 and plans at 12:00; the backup it made was stored at 11:59. */
const now = new Date(Date.UTC(2026, 10, 26, 12, 0, 0))
const runStartedAt = new Date(now.getTime() - 10 * MINUTE)

let serial = 0
/** A backup of `shop` dated `ageMs` before now, stored a minute after its key's time unless told. */
function object(ageMs: number, options: { extension?: string; storedAgeMs?: number; metadata?: Record<string, string>; name?: string } = {}): StoredObject {
  const time = new Date(now.getTime() - ageMs)
  const unique = (serial++).toString(16).padStart(8, '0')
  return {
    key: `db/${backupFileName(options.name ?? 'shop', options.extension ?? 'dump', time, unique)}`,
    sizeBytes: 100,
    lastModified: new Date(now.getTime() - (options.storedAgeMs ?? ageMs - MINUTE)),
    ...(options.metadata ? { metadata: options.metadata } : {})
  }
}

const justMade = (extension = 'dump'): StoredObject => object(2 * MINUTE, { extension, storedAgeMs: MINUTE })

type PlanOverrides = Partial<RetentionInput> & { dbType?: DbType; days?: number; maxBackups?: number; keep?: Partial<KeepCounts>; limits?: boolean }

function plan(objects: StoredObject[], made: StoredObject, overrides: PlanOverrides = {}): RetentionPlan {
  const { dbType = 'postgresql', days = 30, maxBackups = 10, keep = {}, limits = true, ...rest } = overrides
  return planRetention({
    objects: [...objects, made],
    series: { prefix: 'db', backupName: 'shop', dbType },
    retention: { days, maxBackups, limits, keep: { ...NO_KEEP, ...keep } },
    justMade: made.key,
    runStartedAt,
    now,
    ...rest
  })
}

const deleted = (result: RetentionPlan): string[] => result.delete.map((entry) => entry.key).sort()
const reasonOf = (result: RetentionPlan, key: string): string | undefined => result.kept.find((entry) => entry.key === key)?.reason

describe('planRetention: the rules', () => {
  test('deletes backups older than the retention days; one exactly at the limit stays', () => {
    const [a, b, c, edge] = [object(5 * DAY), object(31 * DAY), object(400 * DAY), object(30 * DAY)]
    const result = plan([a, b, c, edge], justMade(), { maxBackups: 0 })
    expect(deleted(result)).toEqual([b.key, c.key].sort())
    expect(result.delete.every((entry) => entry.reason === 'older than 30 days')).toBe(true)
    expect(reasonOf(result, edge.key)).toBe('policy')
  })

  test('keeps only the newest max-backups, counting the one just made', () => {
    const [d1, d2, d3] = [object(DAY), object(2 * DAY), object(3 * DAY)]
    const result = plan([d3, d1, d2], justMade(), { days: 0, maxBackups: 2 })
    expect(deleted(result)).toEqual([d2.key, d3.key].sort())
    expect(result.delete[0].reason).toBe('beyond the newest 2')
  })

  test('never selects the backup just made, even when its key says it is old', () => {
    const made = object(999 * DAY, { storedAgeMs: MINUTE })
    const d1 = object(DAY)
    const result = plan([d1], made, { maxBackups: 1 })
    expect(deleted(result)).toEqual([d1.key])
    expect(reasonOf(result, made.key)).toBe('just made')
  })

  test('0 for both keeps everything', () => {
    expect(plan([object(9999 * DAY)], justMade(), { days: 0, maxBackups: 0 }).delete).toEqual([])
  })

  test('the backup just made must be in the listing', () => {
    const made = justMade()
    expect(() => planRetention({ objects: [], series: { prefix: 'db', backupName: 'shop', dbType: 'postgresql' }, retention: { days: 1, maxBackups: 1, limits: true, keep: NO_KEEP }, justMade: made.key, runStartedAt, now })).toThrow(
      /is not among the backups listed/
    )
  })
})

describe('planRetention: another engine\'s backups are never touched', () => {
  test('a MariaDB run of `shop` does not see the PostgreSQL `shop` dumps under the same path', () => {
    const postgresDump = object(3 * DAY)
    const olderSql = object(2 * DAY, { extension: 'sql.gz' })
    const result = plan([postgresDump, olderSql], justMade('sql.gz'), { dbType: 'mariadb', maxBackups: 1 })
    expect(deleted(result)).toEqual([olderSql.key])
    expect(result.kept.map((entry) => entry.key)).not.toContain(postgresDump.key)
    expect(result.found).toBe(2)
  })

  test('an object whose metadata names another engine is kept, and holds no place among the newest', () => {
    const mysqlDump = object(DAY, { extension: 'sql.gz', metadata: { dbtype: 'mysql', backupname: 'shop' } })
    const ours = object(2 * DAY, { extension: 'sql.gz', metadata: { dbtype: 'mariadb', backupname: 'shop' } })
    const result = plan([mysqlDump, ours], justMade('sql.gz'), { dbType: 'mariadb', maxBackups: 2, days: 1 })
    expect(reasonOf(result, mysqlDump.key)).toBe('another engine')
    // ours is the second newest of the series: kept by count, and only its age could delete it.
    expect(deleted(result)).toEqual([ours.key])
    expect(result.delete[0].reason).toBe('older than 1 days')
  })

  test('without listed metadata, the plan asks for it for what it would delete, and for shared-extension places among the newest', () => {
    const holder = object(DAY, { extension: 'sql.gz' })
    const surplus = object(2 * DAY, { extension: 'sql.gz' })
    const result = plan([holder, surplus], justMade('sql.gz'), { dbType: 'mariadb', maxBackups: 2 })
    expect(deleted(result)).toEqual([surplus.key])
    expect(result.needsMetadata.sort()).toEqual([holder.key, surplus.key].sort())
    // Once read: the holder turns out to be MySQL's, so the surplus one moves up and stays.
    const known = plan(
      [{ ...holder, metadata: { dbtype: 'mysql' } }, { ...surplus, metadata: { dbtype: 'mariadb' } }],
      justMade('sql.gz'),
      { dbType: 'mariadb', maxBackups: 2 }
    )
    expect(known.delete).toEqual([])
    expect(known.needsMetadata).toEqual([])
  })

  test('an extension no other engine writes needs no metadata to hold its place', () => {
    const result = plan([object(DAY), object(2 * DAY)], justMade(), { maxBackups: 2 })
    expect(result.needsMetadata).toEqual(result.delete.map((entry) => entry.key))
  })
})

describe('planRetention: overlapping runs', () => {
  test('two runs at once with max-backups 1 each keep the other\'s backup', () => {
    const older = object(DAY)
    // Run A started at 11:50 and made its backup at 11:58; run B started at 11:52 and made its backup at 11:59.
    const a = object(2 * MINUTE, { storedAgeMs: MINUTE })
    const b = object(MINUTE, { storedAgeMs: 30_000 })
    const forA = plan([older, b], a, { maxBackups: 1 })
    const forB = plan([older, a], b, { maxBackups: 1, runStartedAt: new Date(now.getTime() - 8 * MINUTE) })
    expect(deleted(forA)).toEqual([older.key])
    expect(deleted(forB)).toEqual([older.key])
    expect(reasonOf(forA, b.key)).toBe('concurrent run')
    // B's key is older than A's, but the storage wrote A's backup while B was going.
    expect(reasonOf(forB, a.key)).toBe('concurrent run')
    expect(forA.warnings.join('\n')).toContain(`${b.key} is dated after this run started`)
  })

  test('a backup dated before this run started but stored while it was going is spared', () => {
    // Another run took its snapshot an hour ago and finished uploading two minutes ago.
    const slow = object(60 * MINUTE, { storedAgeMs: 2 * MINUTE })
    const result = plan([slow], justMade(), { maxBackups: 1 })
    expect(result.delete).toEqual([])
    expect(reasonOf(result, slow.key)).toBe('recently written')
    expect(result.warnings.join('\n')).toMatch(/possibly another run's backup, kept/)
  })

  test('an object stored more than the margin before this run started is not spared', () => {
    // Seen from the storage's clock, this run started no later than its backup's time less the 10 minutes it has run.
    const earlier = object(DAY, { storedAgeMs: 11 * MINUTE + CLOCK_MARGIN_MS + 1000 })
    expect(deleted(plan([earlier], justMade(), { maxBackups: 1 }))).toEqual([earlier.key])
  })
})

describe('planRetention: clocks', () => {
  test('a future-dated key is kept, warned about, and does not push real backups out', () => {
    const future = object(-400 * DAY, { storedAgeMs: 5 * DAY })
    const d1 = object(DAY)
    const d2 = object(2 * DAY)
    const result = plan([future, d1, d2], justMade(), { maxBackups: 2, days: 0 })
    expect(reasonOf(result, future.key)).toBe('future-dated key')
    expect(reasonOf(result, d1.key)).toBe('policy')
    expect(deleted(result)).toEqual([d2.key])
    expect(result.warnings.join('\n')).toMatch(/in the future: it is kept, and not counted toward max-backups/)
  })

  test('a key later than its stored time is ranked and aged by the stored time, and said so', () => {
    // Dated yesterday, but the storage wrote it 40 days ago: a writer whose clock was ahead.
    const skewed = object(DAY, { storedAgeMs: 40 * DAY })
    const result = plan([skewed], justMade())
    expect(result.delete).toEqual([expect.objectContaining({ key: skewed.key, timeFrom: 'storage', reason: 'older than 30 days' })])
    expect(result.warnings.join('\n')).toContain('ranked and aged by the storage\'s time')
  })

  test('a key that agrees with its stored time within the margin is ranked by the key', () => {
    const d = object(DAY, { storedAgeMs: DAY - CLOCK_MARGIN_MS + 1000 })
    expect(plan([d], justMade()).kept.find((entry) => entry.key === d.key)?.timeFrom).toBe('key')
  })

  test('a runner clock years ahead deletes nothing by age, but still keeps only max-backups', () => {
    const later = new Date(now.getTime() + 3 * 365 * DAY)
    const d1 = object(DAY)
    const d2 = object(2 * DAY)
    const d40 = object(40 * DAY)
    // The runner took its snapshot at "later"; the storage, whose clock is right, wrote it at 11:59.
    const made = { ...object(-3 * 365 * DAY), lastModified: new Date(now.getTime() - MINUTE) }
    const result = plan([d1, d2, d40], made, { now: later, runStartedAt: new Date(later.getTime() - 10 * MINUTE), maxBackups: 3 })
    expect(result.clockProblem).toMatch(/the runner's clock is ahead of the storage's/)
    expect(deleted(result)).toEqual([d40.key])
    expect(result.delete[0].reason).toBe('beyond the newest 3')
    expect(reasonOf(result, d1.key)).toBe('clock untrusted')
    expect(result.warnings.join('\n')).toMatch(/no backup is deleted for its age in this run/)
  })

  test('a runner clock ahead of the storage does not expose another run\'s fresh backup', () => {
    const later = new Date(now.getTime() + 365 * DAY)
    const other = object(DAY, { storedAgeMs: 3 * MINUTE }) // stored by the storage's clock 3 minutes ago
    const made = { ...object(-365 * DAY), lastModified: new Date(now.getTime() - MINUTE) }
    const result = plan([other], made, { now: later, runStartedAt: new Date(later.getTime() - 10 * MINUTE), maxBackups: 1 })
    expect(reasonOf(result, other.key)).toBe('recently written')
  })

  test('a runner clock behind the newest stored object deletes nothing by age', () => {
    const old = object(40 * DAY)
    const made = { ...justMade(), lastModified: new Date(now.getTime() + 2 * 60 * MINUTE) }
    const result = plan([old], made)
    expect(result.clockProblem).toMatch(/the runner's clock \(2026-11-26T12:00:00Z\) is behind the storage's/)
    expect(result.delete).toEqual([])
    expect(reasonOf(result, old.key)).toBe('clock untrusted')
  })

  test('clocks within the margin are trusted', () => {
    const made = { ...justMade(), lastModified: new Date(now.getTime() + CLOCK_MARGIN_MS - 1000) }
    const old = object(40 * DAY)
    const result = plan([old], made)
    expect(result.clockProblem).toBe('')
    expect(deleted(result)).toEqual([old.key])
  })
})

describe('planRetention: retention locks', () => {
  test('a backup a lock still protects is kept as locked, with its lock; one whose lock has ended is deleted', () => {
    const [locked, expired, young] = [object(40 * DAY), object(50 * DAY), object(2 * DAY)]
    const lockedUntil = new Date(now.getTime() + 5 * DAY)
    const result = plan(
      [
        { ...locked, lockedUntil },
        { ...expired, lockedUntil: new Date(now.getTime() - DAY) },
        { ...young, lockedUntil }
      ],
      justMade(),
      { maxBackups: 0 }
    )
    expect(deleted(result)).toEqual([expired.key])
    expect(result.kept.find((entry) => entry.key === locked.key)).toMatchObject({ reason: 'locked', lockedUntil })
    // A lock does not change which rules apply: a young backup is within limits, locked or not.
    expect(reasonOf(result, young.key)).toBe('policy')
  })
})

describe('planRetention: calendar rules (keep-*)', () => {
  /** A nightly backup at 03:00 UTC, `days` days before today (2026-11-26, a Thursday). */
  const nightly = (days: number): StoredObject => {
    const at = Date.UTC(2026, 10, 26 - days, 3, 0, 0)
    return object(now.getTime() - at)
  }
  const dateOf = (key: string): string => (/-(\d{8})T/.exec(key) as RegExpExecArray)[1]
  const rulesOf = (result: RetentionPlan, key: string): string[] | undefined => result.kept.find((entry) => entry.key === key)?.rules

  test('the README\'s worked example: 60 nightlies, keep-daily 7, keep-weekly 4, keep-monthly 3', () => {
    const nightlies = Array.from({ length: 60 }, (_, index) => nightly(index + 1))
    const made = justMade()
    const result = plan(nightlies, made, { limits: false, days: 0, maxBackups: 0, keep: { daily: 7, weekly: 4, monthly: 3 } })
    const keptDates = result.kept.filter((entry) => entry.key !== made.key).map((entry) => dateOf(entry.key)).sort()
    expect(keptDates).toEqual(['20260930', '20261031', '20261108', '20261115', '20261120', '20261121', '20261122', '20261123', '20261124', '20261125'])
    expect(result.delete).toHaveLength(50)
    expect(rulesOf(result, made.key)).toEqual(['daily 2026-11-26', 'weekly 2026-W48', 'monthly 2026-11'])
    expect(rulesOf(result, nightlies[3].key)).toEqual(['daily 2026-11-22', 'weekly 2026-W47'])
    expect(rulesOf(result, nightlies[56].key)).toEqual(['monthly 2026-09'])
    expect(result.delete[0].reason).toBe('kept by no rule of the policy (keep-daily 7, keep-weekly 4, keep-monthly 3)')
  })

  /** The 60 nightlies as a copy leaves them: written anew yesterday from 14:00, a few seconds apart, in key order. */
  const copied = (nightlies: StoredObject[]): StoredObject[] =>
    nightlies.map((backup, index) => ({ ...backup, lastModified: new Date(Date.UTC(2026, 10, 25, 14, 0, 0) + (nightlies.length - index) * 5_000) }))

  test('a copied history (aws s3 sync, cp -r yesterday) keeps what the worked example keeps: its keys are trusted', () => {
    const nightlies = copied(Array.from({ length: 60 }, (_, index) => nightly(index + 1)))
    const made = justMade()
    const result = plan(nightlies, made, { limits: false, days: 0, maxBackups: 0, keep: { daily: 7, weekly: 4, monthly: 3 } })
    const keptDates = result.kept.filter((entry) => entry.key !== made.key).map((entry) => dateOf(entry.key)).sort()
    expect(keptDates).toEqual(['20260930', '20261031', '20261108', '20261115', '20261120', '20261121', '20261122', '20261123', '20261124', '20261125'])
    expect(result.delete).toHaveLength(50)
    expect(result.kept.every((entry) => entry.timeFrom === 'key')).toBe(true)
    expect(result.warnings).toEqual([
      '60 backups dated 2026-09-27T03:00:00Z to 2026-11-25T03:00:00Z were all stored between 2026-11-25T14:00:05Z and 2026-11-25T14:05:00Z: ' +
        'a copy of the history (aws s3 sync, cp -r, a restored directory), so they are ranked and aged by the times in their keys'
    ])
  })

  test('a copied history is aged by its keys too: retention-days and max-backups', () => {
    const nightlies = copied(Array.from({ length: 60 }, (_, index) => nightly(index + 1)))
    const result = plan(nightlies, justMade(), { days: 30, maxBackups: 0 })
    // Nights 1 to 29 are within 30 days of 12:00 today; night 30, at 03:00, is not.
    expect(result.delete).toHaveLength(31)
    expect(plan(nightlies, justMade(), { days: 0, maxBackups: 5 }).kept.map((entry) => dateOf(entry.key)).sort()).toEqual(['20261122', '20261123', '20261124', '20261125', '20261126'])
  })

  test('objects planted among a history stored at its own times are no copy: ranked by the storage, they take no real backup\'s day', () => {
    const nightlies = Array.from({ length: 14 }, (_, index) => nightly(index + 1))
    // Planted an hour ago, dated late on real backups' days: by their keys, each would be the newest of its day.
    const planted = [3, 5, 8].map((days) => object(days * DAY - 20 * 3_600_000, { storedAgeMs: 3_600_000 }))
    const result = plan([...nightlies, ...planted], justMade(), { limits: false, days: 0, maxBackups: 0, keep: { daily: 14 } })
    for (const backup of planted) expect(result.kept.find((entry) => entry.key === backup.key)?.rules ?? []).toEqual([])
    // Today's, this run's, and the 13 nights before.
    expect(result.kept.filter((entry) => entry.reason === 'policy').map((entry) => entry.key).sort()).toEqual(nightlies.slice(0, 13).map((backup) => backup.key).sort())
    expect(result.warnings).toContainEqual(expect.stringMatching(/^3 backups dated .* long after their keys' times, but are no copy of the history \(backups stored at their own times are older than some of them\)/))
  })

  test('a copy of older backups beside a history stored since is trusted; a future-dated key beside a copy is still not ranked', () => {
    const recent = Array.from({ length: 5 }, (_, index) => nightly(index + 1))
    const older = copied(Array.from({ length: 20 }, (_, index) => nightly(index + 6)))
    const future = object(-365 * DAY, { storedAgeMs: DAY })
    const result = plan([...recent, ...older, future], justMade(), { limits: false, days: 0, maxBackups: 0, keep: { daily: 10 } })
    expect(result.kept.filter((entry) => entry.reason === 'policy').map((entry) => dateOf(entry.key)).sort()).toEqual(
      ['20261117', '20261118', '20261119', '20261120', '20261121', '20261122', '20261123', '20261124', '20261125']
    )
    expect(reasonOf(result, future.key)).toBe('future-dated key')
  })

  test('any rule that keeps wins: max-backups and a weekly rule together keep the union', () => {
    const nightlies = Array.from({ length: 10 }, (_, index) => nightly(index + 1))
    const result = plan(nightlies, justMade(), { days: 0, maxBackups: 2, keep: { weekly: 2 } })
    expect(result.kept.filter((entry) => entry.reason === 'policy').map((entry) => [dateOf(entry.key), entry.rules])).toEqual([
      ['20261125', ['within limits']],
      ['20261122', ['weekly 2026-W47']]
    ])
    expect(result.delete).toHaveLength(8)
    expect(result.delete[0].reason).toBe('kept by no rule of the policy (keep-weekly 2, max-backups 2)')
  })

  test('keep-last counts the backup just made, like max-backups', () => {
    const [d1, d2] = [nightly(1), nightly(2)]
    const result = plan([d1, d2], justMade(), { limits: false, days: 0, maxBackups: 0, keep: { last: 2 } })
    expect(deleted(result)).toEqual([d2.key])
    expect(rulesOf(result, d1.key)).toEqual(['last'])
  })

  test('a future-dated key takes no period: the real backups keep their places', () => {
    const future = object(-400 * DAY, { storedAgeMs: 5 * DAY })
    const lastYear = object(400 * DAY)
    const result = plan([future, lastYear], justMade(), { limits: false, days: 0, maxBackups: 0, keep: { yearly: 2 } })
    expect(reasonOf(result, future.key)).toBe('future-dated key')
    expect(rulesOf(result, lastYear.key)).toEqual(['yearly 2025'])
    expect(result.delete).toEqual([])
  })

  test('another run\'s backup that no rule keeps is still spared', () => {
    // Another run took its snapshot an hour ago and finished uploading two minutes ago: today's place is this run's.
    const slow = object(60 * MINUTE, { storedAgeMs: 2 * MINUTE })
    const d1 = nightly(1)
    const result = plan([slow, d1], justMade(), { limits: false, days: 0, maxBackups: 0, keep: { daily: 1 } })
    expect(reasonOf(result, slow.key)).toBe('recently written')
    expect(deleted(result)).toEqual([d1.key])
  })

  test('an age rule beside calendar rules is suspended when the clocks disagree, the calendar ones are not', () => {
    const later = new Date(now.getTime() + 3 * 365 * DAY)
    const [d1, d2] = [nightly(1), nightly(2)]
    const made = { ...object(-3 * 365 * DAY), lastModified: new Date(now.getTime() - MINUTE) }
    const result = plan([d1, d2], made, { now: later, runStartedAt: new Date(later.getTime() - 10 * MINUTE), days: 30, maxBackups: 0, keep: { daily: 1 } })
    expect(result.clockProblem).not.toBe('')
    expect(reasonOf(result, d1.key)).toBe('clock untrusted')
    expect(reasonOf(result, d2.key)).toBe('clock untrusted')
  })
})
