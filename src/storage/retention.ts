import type { RetentionConfig } from '../config/types.js'

export interface Backup {
  key: string
  sizeBytes: number
  time: Date
}

const DAY_MS = 86_400_000

/**
 * The backups to delete: older than `days`, or beyond the newest `maxBackups` (the backup just
 * made counts among them). The backup just made is never selected, whatever its time says.
 */
export function selectExpired(backups: Backup[], retention: RetentionConfig, now: Date, justMade: string): Backup[] {
  const newestFirst = [...backups].sort((a, b) => b.time.getTime() - a.time.getTime() || b.key.localeCompare(a.key))
  return newestFirst.filter((backup, index) => {
    if (backup.key === justMade) return false
    const tooOld = retention.days > 0 && now.getTime() - backup.time.getTime() > retention.days * DAY_MS
    const tooMany = retention.maxBackups > 0 && index >= retention.maxBackups
    return tooOld || tooMany
  })
}
