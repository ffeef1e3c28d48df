/** Which clock dates a backup, for retention and for the restore's `latest` alike. */

/**
 * How far two clocks may disagree, and how recently written an object must be to count as
 * possibly another run's work in progress. 15 minutes is the skew S3 (RequestTimeTooSkewed) and
 * Azure accept in a signed request, so a run that reached its storage at all has a clock within
 * it; an NTP-synchronised runner is off by well under a second.
 */
export const CLOCK_MARGIN_MS = 15 * 60_000

/** A backup's two times: the one in its key, and when the storage wrote it (by its own clock). */
export interface KeyAndStorageTime {
  key: string
  keyTime: Date
  lastModified: Date
}

/** What a backup is ranked and aged by, as trustTimes decided. */
export interface TrustedTime {
  time: Date
  /** The key's time, or the storage's where the key disagrees with it (and is not part of a copy). */
  timeFrom: 'key' | 'storage'
  /** Dated more than the margin after `now`: not ranked at all (kept by retention, passed over by the restore). */
  futureDated: boolean
  /** Stored long after its key's time as part of a copy of the history: its key is trusted. */
  copied: boolean
}

/** The minimum size of a copy: one backup stored late is a slow upload, or a planted object. */
const COPY_MIN_BACKUPS = 2

/**
 * The one rule for which clock dates a backup, shared by retention and the restore's `latest`
 * (results in the order of `backups`, with warnings about copies). A key's time counts where it
 * agrees with the storage's modification time within the margin; a key dated in the future (by
 * `now`) is not ranked at all; otherwise the storage's time counts: a forged or wrong-clock key
 * cannot put its object ahead of, or among, the real backups.
 *
 * Except for a copy of the history. `aws s3 sync`, `cp -r`, `gsutil cp`, a directory restored
 * from elsewhere write every object anew: each is stored long after its key's time, and those
 * times cluster at the copy. Ranked by the storage's time, the whole history would fall on one
 * day, and calendar retention would keep one backup of it. So a group of backups is taken for a
 * copy, and ranked by its keys, when all of this holds:
 * - at least two backups, each stored more than the margin after its key's time;
 * - their storage times form one cluster, no gap between two of them wider than the margin (a
 *   copy writes one object after another);
 * - the copy began after the newest of them was taken: every key's time is before the first
 *   storage time of the group;
 * - every one of them is older, by its key, than every backup whose key agrees with the storage
 *   (a copy is the history up to some day; the backups made since are stored at their own times).
 * The last rule is what makes trusting them safe: a copied key ranks below every backup stored at
 * its own time, so it cannot take a place (newest of a day, week, month or year, keep-last,
 * max-backups, restore latest) from one of them; objects planted among the real history, or
 * newer than any of it, are no copy and stay ranked by the storage's time. Someone who can make a
 * real backup look copied must rewrite it, and could then have destroyed it anyway.
 */
export function trustTimes(backups: readonly KeyAndStorageTime[], now: Date): { times: TrustedTime[]; warnings: string[] } {
  const margin = CLOCK_MARGIN_MS
  const futureDated = (backup: KeyAndStorageTime): boolean => backup.keyTime.getTime() > now.getTime() + margin
  const agrees = (backup: KeyAndStorageTime): boolean => Math.abs(backup.keyTime.getTime() - backup.lastModified.getTime()) <= margin
  const storedLate = (backup: KeyAndStorageTime): boolean => !futureDated(backup) && backup.lastModified.getTime() - backup.keyTime.getTime() > margin
  const oldestAgreeing = Math.min(...backups.filter((backup) => !futureDated(backup) && agrees(backup)).map((backup) => backup.keyTime.getTime()))

  const copied = new Set<KeyAndStorageTime>()
  const warnings: string[] = []
  for (const group of storageTimeClusters(backups.filter(storedLate), margin)) {
    if (group.length < COPY_MIN_BACKUPS) continue
    const keyTimes = group.map((backup) => backup.keyTime.getTime())
    const storedFrom = group[0].lastModified
    const storedTo = group[group.length - 1].lastModified
    const newestKey = Math.max(...keyTimes)
    const what = `${group.length} backups dated ${iso(new Date(Math.min(...keyTimes)))} to ${iso(new Date(newestKey))} were all stored between ${iso(storedFrom)} and ${iso(storedTo)}`
    if (newestKey < storedFrom.getTime() && newestKey < oldestAgreeing) {
      for (const backup of group) copied.add(backup)
      warnings.push(`${what}: a copy of the history (aws s3 sync, cp -r, a restored directory), so they are ranked and aged by the times in their keys`)
    } else {
      const why = newestKey >= storedFrom.getTime() ? 'some are dated after the first of them was stored' : 'backups stored at their own times are older than some of them'
      warnings.push(`${what}, long after their keys' times, but are no copy of the history (${why}): they are ranked and aged by the storage's times`)
    }
  }
  const times = backups.map((backup): TrustedTime => {
    const byKey = agrees(backup) || copied.has(backup)
    return { time: byKey ? backup.keyTime : backup.lastModified, timeFrom: byKey ? 'key' : 'storage', futureDated: futureDated(backup), copied: copied.has(backup) }
  })
  return { times, warnings }
}

/** The backups grouped by storage time, oldest first, a new group wherever two are more than `gap` apart. */
function storageTimeClusters<T extends KeyAndStorageTime>(backups: readonly T[], gap: number): T[][] {
  const groups: T[][] = []
  for (const backup of [...backups].sort((a, b) => a.lastModified.getTime() - b.lastModified.getTime())) {
    const last = groups.at(-1)
    if (last && backup.lastModified.getTime() - (last.at(-1) as T).lastModified.getTime() <= gap) last.push(backup)
    else groups.push([backup])
  }
  return groups
}

/** A time in messages: ISO 8601, without milliseconds where there are none. */
export const iso = (date: Date): string => date.toISOString().replace(/\.000Z$/, 'Z')
