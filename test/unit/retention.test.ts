import type { DbType } from '../../src/engines/catalog.js'
import { backupFileName } from '../../src/storage/keys.js'
import { CLOCK_MARGIN_MS, planRetention, type RetentionInput, type RetentionPlan } from '../../src/storage/retention.js'
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

function plan(objects: StoredObject[], made: StoredObject, overrides: Partial<RetentionInput> & { dbType?: DbType; days?: number; maxBackups?: number } = {}): RetentionPlan {
  const { dbType = 'postgresql', days = 30, maxBackups = 10, ...rest } = overrides
  return planRetention({
    objects: [...objects, made],
    series: { prefix: 'db', backupName: 'shop', dbType },
    retention: { days, maxBackups },
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
    expect(reasonOf(result, edge.key)).toBe('within limits')
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
    expect(() => planRetention({ objects: [], series: { prefix: 'db', backupName: 'shop', dbType: 'postgresql' }, retention: { days: 1, maxBackups: 1 }, justMade: made.key, runStartedAt, now })).toThrow(
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
    expect(reasonOf(result, d1.key)).toBe('within limits')
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
    expect(reasonOf(result, young.key)).toBe('within limits')
  })
})
