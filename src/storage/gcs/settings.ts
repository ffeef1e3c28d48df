import type { FileMetadata } from '@google-cloud/storage'
import type { ObjectSettings } from '../../config/types.js'
import { lockedUntil } from '../shared/locks.js'
import type { SettingsCheck } from '../shared/verified-upload.js'

export type ObjectFields = Pick<FileMetadata, 'storageClass' | 'retention'>

/**
 * The per-object settings every upload sends with the object's resource: its storage class, and
 * an object retention (in the Unlocked mode: it cannot be shortened or removed without
 * storage.objects.overrideUnlockedRetention, which the action does not need).
 */
export function gcsObjectFields(objects: ObjectSettings | undefined, now = new Date()): ObjectFields {
  if (!objects) return {}
  return {
    ...(objects.storageClass ? { storageClass: objects.storageClass } : {}),
    ...(objects.immutableDays > 0 ? { retention: { mode: 'Unlocked', retainUntilTime: lockedUntil(objects.immutableDays, now).toISOString() } } : {})
  }
}

/** What GCS reports of the settings asked for; a missing retention is a problem, another class a warning. */
export function appliedGcsSettings(asked: ObjectFields, stored: FileMetadata, key: string): SettingsCheck {
  const until = stored.retention?.retainUntilTime
  const applied = {
    ...(stored.storageClass ? { storageClass: stored.storageClass } : {}),
    ...(stored.kmsKeyName ? { encryption: `Cloud KMS (${stored.kmsKeyName})` } : {}),
    ...(until ? { lockedUntil: new Date(until).toISOString() } : {})
  }
  const problems: string[] = []
  const warnings: string[] = []
  const askedUntil = asked.retention?.retainUntilTime
  if (askedUntil && (!until || new Date(until).getTime() < new Date(askedUntil).getTime() - 1000)) {
    problems.push(`it is stored without the object retention immutable-days asks for (${until ? `retained until ${until}` : 'none reported'})`)
  }
  if (asked.storageClass && stored.storageClass !== asked.storageClass) {
    warnings.push(`the storage keeps ${key} in storage class ${stored.storageClass ?? 'unknown'}, not ${asked.storageClass} as storage-class asks`)
  }
  return { applied, problems, warnings }
}

/** Until when a listed object cannot be deleted: its own retention, or the bucket's retention policy. */
export function gcsLockedUntil(stored: FileMetadata): Date | undefined {
  const times = [stored.retention?.retainUntilTime, stored.retentionExpirationTime].filter((time): time is string => Boolean(time)).map((time) => new Date(time))
  return times.length > 0 ? new Date(Math.max(...times.map((time) => time.getTime()))) : undefined
}

/** The object's custom metadata as strings (GCS gives its values as JSON). */
export function customMetadata(stored: FileMetadata): Record<string, string> {
  return Object.fromEntries(Object.entries(stored.metadata ?? {}).map(([name, value]) => [name, String(value)]))
}
