import type { Config } from '../config/types.js'
import type { RetentionRecord } from '../report/types.js'
import { backupTime, joinKey, keyPrefix } from '../storage/keys.js'
import { selectExpired, type Backup } from '../storage/retention.js'
import type { Uploaded } from './upload-to-storage.js'
import type { StepOutcome } from './types.js'

export async function cleanupOldBackups(config: Config, uploaded: Uploaded, now: Date): Promise<StepOutcome<RetentionRecord>> {
  const prefix = keyPrefix(config.storage)
  const listed = await uploaded.backend.list(joinKey(prefix, `${config.backupName}-`))
  const backups: Backup[] = []
  for (const object of listed) {
    const time = backupTime(object.key, prefix, config.backupName)
    if (time) backups.push({ ...object, time })
  }
  // If the storage does not show the backup just uploaded, its listing cannot be trusted to decide
  // what else to delete.
  const own = backups.find((backup) => backup.key === uploaded.backup.key)
  if (!own || own.sizeBytes !== uploaded.backup.sizeBytes) {
    throw new Error(`the storage listing does not show ${uploaded.backup.key} with ${uploaded.backup.sizeBytes} bytes; nothing was deleted`)
  }
  const expired = selectExpired(backups, config.retention, now, uploaded.backup.key)
  const deletedKeys = expired.length > 0 ? await uploaded.backend.delete(expired.map((backup) => backup.key)) : []
  const deleted = new Set(deletedKeys)
  const freedBytes = expired.filter((backup) => deleted.has(backup.key)).reduce((sum, backup) => sum + backup.sizeBytes, 0)
  return {
    value: { deletedCount: deletedKeys.length, freedBytes, deletedKeys },
    figures: {
      'backups found': backups.length,
      'deleted count': deletedKeys.length,
      'freed bytes': freedBytes,
      retries: uploaded.backend.takeRetryCount(),
      kept: backups.length - deletedKeys.length
    }
  }
}
