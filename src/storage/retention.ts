import type { RetentionConfig } from '../config/types.js'

export interface Backup {
  key: string
  sizeBytes: number
  time: Date
}

const DAY_MS = 86_400_000

/**
 * The backups to delete: older than `days`, or beyond the newest `maxBackups`. The backup just
 * made ranks first among the kept, whatever its time says, and is never selected.
 */
export function selectExpired(backups: Backup[], retention: RetentionConfig, now: Date, justMade: string): Backup[] {
  const others = backups
    .filter((backup) => backup.key !== justMade)
    .sort((a, b) => b.time.getTime() - a.time.getTime() || b.key.localeCompare(a.key))
  // Index 0 belongs to the backup just made.
  return others.filter((backup, index) => {
    const tooOld = retention.days > 0 && now.getTime() - backup.time.getTime() > retention.days * DAY_MS
    const tooMany = retention.maxBackups > 0 && index + 1 >= retention.maxBackups
    return tooOld || tooMany
  })
}
