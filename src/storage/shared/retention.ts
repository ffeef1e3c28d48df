import { describePolicy } from '../../config/retention.js'
import type { KeepCounts, RetentionConfig } from '../../config/types.js'
import { parseBackupKey, type BackupSeries } from '../../config/backup-keys.js'
import type { StoredObject } from '../types.js'
import { CLOCK_MARGIN_MS, iso, trustTimes } from './trusted-time.js'

const DAY_MS = 86_400_000

export interface RetentionInput {
  /** The storage's listing under `<prefix>/<backup-name>-`, as it came. */
  objects: StoredObject[]
  series: BackupSeries
  retention: RetentionConfig
  /** The key of the backup this run has just uploaded. */
  justMade: string
  /** When this run started, by the runner's clock. */
  runStartedAt: Date
  now: Date
}

/** Why a backup of the series was not deleted. */
export type KeepReason =
  | 'just made'
  /** A rule of the policy keeps it: `rules` says which. */
  | 'policy'
  /** Its metadata names another engine (or backup name). */
  | 'another engine'
  /** Its key's time is in the future: it is not ranked, so it cannot push real backups out. */
  | 'future-dated key'
  /** Its key's time is at or after this run's start: another run that is going on. */
  | 'concurrent run'
  /** The storage wrote it since this run started (or within the margin before). */
  | 'recently written'
  /** Only its age would delete it, and the runner's clock disagrees with the storage's. */
  | 'clock untrusted'
  /** A rule would delete it, but a retention lock still protects it (the storage would refuse). */
  | 'locked'

export interface PlannedBackup {
  key: string
  sizeBytes: number
  /** The time it is ranked and aged by. */
  time: Date
  /** Where that time came from: the key, or the storage's modification time where the key disagrees. */
  timeFrom: 'key' | 'storage'
}

export interface Deletion extends PlannedBackup {
  reason: string
}

export interface Kept extends PlannedBackup {
  reason: KeepReason
  /** With reason `locked`: until when. */
  lockedUntil?: Date
  /**
   * Every rule of the policy that keeps it: `within limits` (retention-days and max-backups),
   * `last`, or a calendar rule with its period (`daily 2026-11-25`, `weekly 2026-W48`,
   * `monthly 2026-11`, `yearly 2026`). Empty for a backup kept for another reason alone.
   */
  rules: string[]
}

export interface RetentionPlan {
  /** Backups of this series (by key and extension), the one just made included. */
  found: number
  delete: Deletion[]
  kept: Kept[]
  /**
   * Keys whose metadata would change the plan but was not listed: each one the plan deletes, and
   * each one that holds a place among the newest `max-backups` while its extension is shared
   * with another engine. Read them and plan again; where the storage has no metadata, the
   * extension decides.
   */
  needsMetadata: string[]
  /** Why the age rule was suspended, if it was. */
  clockProblem: string
  /** What the user should hear about: to be shown as warnings. */
  warnings: string[]
}

interface Candidate extends PlannedBackup {
  keyTime: Date
  lastModified: Date
  metadata?: Record<string, string>
  lockedUntil?: Date
  sharedExtension: boolean
  futureDated: boolean
}


/**
 * What retention deletes, and why each other backup of the series is kept. A backup is kept when
 * any rule of the policy keeps it: "within limits" (no older than `days` and among the newest
 * `maxBackups`, the one just made counting first), `keep.last`, or a calendar rule (the newest
 * backup of each of the last N days, ISO weeks, months or years that hold one, in UTC, by the time
 * it is ranked by). Everything else of the series is deleted, except:
 * never an object that is not the series' own (another name, extension or engine), never the
 * backup just made, never one whose key is dated after this run started or that the storage
 * wrote since then (another run's), never one with a future-dated key, never one a retention
 * lock still protects (the storage would refuse; it is reported as locked), and never by age while
 * the runner's clock disagrees with the storage's. Which clock dates each backup is trustTimes'
 * rule: a key's time counts where it agrees with the storage's modification time, or where the
 * backup is part of a copy of the history; else the modification time does.
 */
export function planRetention(input: RetentionInput): RetentionPlan {
  const { series, retention, now, runStartedAt } = input
  const margin = CLOCK_MARGIN_MS
  const warnings: string[] = []

  const parsed = input.objects.flatMap((object) => {
    const fromKey = parseBackupKey(object.key, series)
    return fromKey ? [{ object, fromKey, key: object.key, keyTime: fromKey.time, lastModified: object.lastModified }] : []
  })
  const trusted = trustTimes(parsed, now)
  warnings.push(...trusted.warnings)
  const candidates: Candidate[] = parsed.map(({ object, fromKey }, index) => ({
    key: object.key,
    sizeBytes: object.sizeBytes,
    keyTime: fromKey.time,
    lastModified: object.lastModified,
    metadata: object.metadata,
    lockedUntil: object.lockedUntil,
    sharedExtension: fromKey.sharedExtension,
    futureDated: trusted.times[index].futureDated,
    time: trusted.times[index].time,
    timeFrom: trusted.times[index].timeFrom
  }))
  const justMade = candidates.find((candidate) => candidate.key === input.justMade)
  if (!justMade) throw new Error(`the backup just made, ${input.justMade}, is not among the backups listed`)

  const clockProblem = clockDisagreement(candidates, justMade, runStartedAt, now)
  if (clockProblem) warnings.push(`${clockProblem}: no backup is deleted for its age in this run`)

  // Everything the storage wrote since this run started, by the runner's clock or by the storage's
  // (the backup just made was written after the start, so its time less the run's duration so far
  // is no later than the start in the storage's clock), and within the margin before.
  const elapsed = Math.max(0, now.getTime() - runStartedAt.getTime())
  const recentSince = Math.min(runStartedAt.getTime(), justMade.lastModified.getTime() - elapsed) - margin
  // Keys carry whole seconds: a key in the second this run started may be a run's that started with it.
  const startSecond = Math.floor(runStartedAt.getTime() / 1000) * 1000

  const kept: Kept[] = []
  const deletions: Deletion[] = []
  const needsMetadata: string[] = []

  const ranked: Candidate[] = []
  for (const candidate of candidates) {
    if (candidate === justMade) continue
    const owner = candidate.metadata?.dbtype
    if ((owner && owner !== series.dbType) || (candidate.metadata?.backupname && candidate.metadata.backupname !== series.backupName)) {
      kept.push({ ...plain(candidate), reason: 'another engine', rules: [] })
    } else if (candidate.futureDated) {
      kept.push({ ...plain(candidate), reason: 'future-dated key', rules: [] })
      warnings.push(`${candidate.key} is dated ${iso(candidate.keyTime)}, in the future: it is kept, and not counted toward max-backups or the keep-* rules`)
    } else {
      if (candidate.timeFrom === 'storage' && candidate.keyTime > candidate.lastModified) {
        warnings.push(`${candidate.key} is dated ${iso(candidate.keyTime)} but was stored at ${iso(candidate.lastModified)}: it is ranked and aged by the storage's time`)
      }
      ranked.push(candidate)
    }
  }
  ranked.sort(newestFirst)
  const rules = keepRules([justMade, ...ranked].sort(newestFirst), retention.keep)
  kept.push({ ...plain(justMade), reason: 'just made', rules: rules.get(justMade) ?? [] })

  const calendar = Object.values(retention.keep).some((count) => count > 0)
  // The backup just made holds the first of the max-backups places.
  const countsFrom = retention.maxBackups > 0 ? retention.maxBackups - 1 : Infinity
  const contested: Candidate[] = []
  ranked.forEach((candidate, index) => {
    const tooMany = index >= countsFrom
    const tooOld = retention.days > 0 && now.getTime() - candidate.time.getTime() > retention.days * DAY_MS
    const keptBy = [...(retention.limits && !tooMany && !tooOld ? ['within limits'] : []), ...(rules.get(candidate) ?? [])]
    if (keptBy.length > 0) {
      kept.push({ ...plain(candidate), reason: 'policy', rules: keptBy })
      // Any place but one held for its age alone could be one of another engine's, pushing one of ours out.
      if (keptBy.length > 1 || keptBy[0] !== 'within limits' || retention.maxBackups > 0) contested.push(candidate)
      return
    }
    if (candidate.keyTime.getTime() >= startSecond) {
      kept.push({ ...plain(candidate), reason: 'concurrent run', rules: [] })
      warnings.push(`${candidate.key} is dated after this run started (${iso(runStartedAt)}): another run's backup, kept`)
    } else if (candidate.lastModified.getTime() >= recentSince) {
      kept.push({ ...plain(candidate), reason: 'recently written', rules: [] })
      warnings.push(`${candidate.key} was stored at ${iso(candidate.lastModified)}, while this run was going or just before: possibly another run's backup, kept`)
    } else if (retention.limits && !tooMany && clockProblem) {
      kept.push({ ...plain(candidate), reason: 'clock untrusted', rules: [] })
    } else if (candidate.lockedUntil && candidate.lockedUntil.getTime() > now.getTime()) {
      kept.push({ ...plain(candidate), reason: 'locked', lockedUntil: candidate.lockedUntil, rules: [] })
    } else {
      const reason = calendar ? `kept by no rule of the policy (${describePolicy(retention)})` : tooMany ? `beyond the newest ${retention.maxBackups}` : `older than ${retention.days} days`
      deletions.push({ ...plain(candidate), reason })
      if (candidate.metadata === undefined) needsMetadata.push(candidate.key)
    }
  })
  // A place held by an object of another engine would push one of ours out.
  if (deletions.length > 0) {
    for (const candidate of contested) if (candidate.metadata === undefined && candidate.sharedExtension) needsMetadata.push(candidate.key)
  }

  return { found: candidates.length, delete: deletions, kept, needsMetadata, clockProblem, warnings }
}

/**
 * Why the runner's clock cannot be trusted to age backups: it is behind the time the storage
 * wrote the newest object, or the backup just made was stored (by the storage's clock) well
 * before this run started (by the runner's).
 */
function clockDisagreement(candidates: Candidate[], justMade: Candidate, runStartedAt: Date, now: Date): string {
  const newest = candidates.reduce((a, b) => (b.lastModified > a.lastModified ? b : a))
  if (newest.lastModified.getTime() > now.getTime() + CLOCK_MARGIN_MS) {
    return `the runner's clock (${iso(now)}) is behind the storage's: ${newest.key} was stored at ${iso(newest.lastModified)}`
  }
  if (justMade.lastModified.getTime() < runStartedAt.getTime() - CLOCK_MARGIN_MS) {
    return `the runner's clock is ahead of the storage's: this run started at ${iso(runStartedAt)} by the runner's clock, but the storage stored its backup at ${iso(justMade.lastModified)}`
  }
  return ''
}

const newestFirst = (a: PlannedBackup, b: PlannedBackup): number => b.time.getTime() - a.time.getTime() || b.key.localeCompare(a.key)

/** The ISO 8601 week of a UTC time, `2026-W48`: weeks start on Monday, and week 1 holds the year's first Thursday. */
export function isoWeek(date: Date): string {
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7)))
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

const PERIODS: Record<Exclude<keyof KeepCounts, 'last'>, (date: Date) => string> = {
  daily: (date) => date.toISOString().slice(0, 10),
  weekly: isoWeek,
  monthly: (date) => date.toISOString().slice(0, 7),
  yearly: (date) => date.toISOString().slice(0, 4)
}

/**
 * restic's keep rules over backups sorted newest first: `last` keeps the newest N; each calendar
 * rule keeps the newest backup of each of its last N periods (UTC) that hold a backup. Returns the
 * rules that keep each backup, by backup; one kept by none is absent.
 */
function keepRules<T extends PlannedBackup>(newestFirstBackups: T[], keep: KeepCounts): Map<T, string[]> {
  const rules = new Map<T, string[]>()
  const add = (backup: T, rule: string): void => {
    rules.set(backup, [...(rules.get(backup) ?? []), rule])
  }
  newestFirstBackups.slice(0, keep.last).forEach((backup) => add(backup, 'last'))
  for (const [rule, periodOf] of Object.entries(PERIODS) as [keyof typeof PERIODS, (date: Date) => string][]) {
    let left = keep[rule]
    let previous: string | undefined
    for (const backup of newestFirstBackups) {
      if (left === 0) break
      const period = periodOf(backup.time)
      if (period === previous) continue
      previous = period
      left--
      add(backup, `${rule} ${period}`)
    }
  }
  return rules
}

function plain(candidate: Candidate): PlannedBackup {
  return { key: candidate.key, sizeBytes: candidate.sizeBytes, time: candidate.time, timeFrom: candidate.timeFrom }
}
