import type { RetentionConfig } from '../config/types.js'
import { parseBackupKey, type BackupSeries } from './keys.js'
import type { StoredObject } from './types.js'

const DAY_MS = 86_400_000

/**
 * How far two clocks may disagree, and how recently written an object must be to count as
 * possibly another run's work in progress. 15 minutes is the skew S3 (RequestTimeTooSkewed) and
 * Azure accept in a signed request, so a run that reached its storage at all has a clock within
 * it; an NTP-synchronised runner is off by well under a second.
 */
export const CLOCK_MARGIN_MS = 15 * 60_000

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
  | 'within limits'
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
}

const iso = (date: Date): string => date.toISOString().replace(/\.000Z$/, 'Z')

/**
 * What retention deletes, and why each other backup of the series is kept. Deleted are backups
 * older than `days`, or beyond the newest `maxBackups` (the one just made counts first), except:
 * never an object that is not the series' own (another name, extension or engine), never the
 * backup just made, never one whose key is dated after this run started or that the storage
 * wrote since then (another run's), never one with a future-dated key, never one a retention
 * lock still protects (the storage would refuse; it is reported as locked), and never by age while
 * the runner's clock disagrees with the storage's. A key's time counts only where it agrees
 * with the storage's modification time; else the modification time does.
 */
export function planRetention(input: RetentionInput): RetentionPlan {
  const { series, retention, now, runStartedAt } = input
  const margin = CLOCK_MARGIN_MS
  const warnings: string[] = []

  const candidates: Candidate[] = input.objects.flatMap((object) => {
    const parsed = parseBackupKey(object.key, series)
    if (!parsed) return []
    const keyAgrees = Math.abs(parsed.time.getTime() - object.lastModified.getTime()) <= margin
    return [
      {
        key: object.key,
        sizeBytes: object.sizeBytes,
        keyTime: parsed.time,
        lastModified: object.lastModified,
        metadata: object.metadata,
        lockedUntil: object.lockedUntil,
        sharedExtension: parsed.sharedExtension,
        time: keyAgrees ? parsed.time : object.lastModified,
        timeFrom: keyAgrees ? 'key' : 'storage'
      }
    ]
  })
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
  const keep = (candidate: Candidate, reason: KeepReason): void => {
    kept.push({ ...plain(candidate), reason })
  }

  const ranked: Candidate[] = []
  for (const candidate of candidates) {
    if (candidate === justMade) continue
    const owner = candidate.metadata?.dbtype
    if ((owner && owner !== series.dbType) || (candidate.metadata?.backupname && candidate.metadata.backupname !== series.backupName)) {
      keep(candidate, 'another engine')
    } else if (candidate.keyTime.getTime() > now.getTime() + margin) {
      keep(candidate, 'future-dated key')
      warnings.push(`${candidate.key} is dated ${iso(candidate.keyTime)}, in the future: it is kept, and not counted toward max-backups`)
    } else {
      if (candidate.timeFrom === 'storage' && candidate.keyTime > candidate.lastModified) {
        warnings.push(`${candidate.key} is dated ${iso(candidate.keyTime)} but was stored at ${iso(candidate.lastModified)}: it is ranked and aged by the storage's time`)
      }
      ranked.push(candidate)
    }
  }
  ranked.sort((a, b) => b.time.getTime() - a.time.getTime() || b.key.localeCompare(a.key))
  keep(justMade, 'just made')

  // The backup just made holds the first of the max-backups places.
  const countsFrom = retention.maxBackups > 0 ? retention.maxBackups - 1 : Infinity
  ranked.forEach((candidate, index) => {
    const tooMany = index >= countsFrom
    const tooOld = retention.days > 0 && now.getTime() - candidate.time.getTime() > retention.days * DAY_MS
    if (!tooMany && !tooOld) {
      keep(candidate, 'within limits')
      return
    }
    if (candidate.keyTime.getTime() >= startSecond) {
      keep(candidate, 'concurrent run')
      warnings.push(`${candidate.key} is dated after this run started (${iso(runStartedAt)}): another run's backup, kept`)
    } else if (candidate.lastModified.getTime() >= recentSince) {
      keep(candidate, 'recently written')
      warnings.push(`${candidate.key} was stored at ${iso(candidate.lastModified)}, while this run was going or just before: possibly another run's backup, kept`)
    } else if (!tooMany && clockProblem) {
      keep(candidate, 'clock untrusted')
    } else if (candidate.lockedUntil && candidate.lockedUntil.getTime() > now.getTime()) {
      kept.push({ ...plain(candidate), reason: 'locked', lockedUntil: candidate.lockedUntil })
    } else {
      deletions.push({ ...plain(candidate), reason: tooMany ? `beyond the newest ${retention.maxBackups}` : `older than ${retention.days} days` })
      if (candidate.metadata === undefined) needsMetadata.push(candidate.key)
    }
  })
  // A place among the newest held by an object of another engine would push one of ours out.
  if (deletions.some((deletion) => deletion.reason.startsWith('beyond'))) {
    for (const candidate of ranked.slice(0, countsFrom)) {
      if (candidate.metadata === undefined && candidate.sharedExtension) needsMetadata.push(candidate.key)
    }
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

function plain(candidate: Candidate): PlannedBackup {
  return { key: candidate.key, sizeBytes: candidate.sizeBytes, time: candidate.time, timeFrom: candidate.timeFrom }
}
