import type { HeadObjectCommandOutput, PutObjectCommandInput } from '@aws-sdk/client-s3'
import type { ObjectSettings } from '../../config/types.js'
import { lockedUntil } from '../shared/locks.js'
import type { SettingsCheck } from '../shared/verified-upload.js'

export type ObjectParams = Pick<PutObjectCommandInput, 'StorageClass' | 'ServerSideEncryption' | 'SSEKMSKeyId' | 'ObjectLockMode' | 'ObjectLockRetainUntilDate'>

/**
 * The per-object settings every upload sends, whether one PutObject or a multipart upload (its
 * CreateMultipartUpload carries them): storage class, server-side encryption, Object Lock retention.
 */
export function s3ObjectParams(objects: ObjectSettings | undefined, now = new Date()): ObjectParams {
  if (!objects) return {}
  return {
    ...(objects.storageClass ? { StorageClass: objects.storageClass as ObjectParams['StorageClass'] } : {}),
    ...(objects.s3Encryption ? { ServerSideEncryption: objects.s3Encryption } : {}),
    ...(objects.s3KmsKeyId ? { SSEKMSKeyId: objects.s3KmsKeyId } : {}),
    ...(objects.immutableDays > 0 ? { ObjectLockMode: objects.s3ObjectLockMode, ObjectLockRetainUntilDate: lockedUntil(objects.immutableDays, now) } : {})
  }
}

/** The settings without the Object Lock retention: for a first version that must stay deletable. */
export function withoutLock(settings: ObjectParams): ObjectParams {
  const unlocked: ObjectParams = { ...settings }
  delete unlocked.ObjectLockMode
  delete unlocked.ObjectLockRetainUntilDate
  return unlocked
}

/**
 * What the storage reports of the settings asked for, read from the HeadObject after the upload.
 * Missing encryption or lock is a problem: a service that ignores the headers must not pass for
 * one that honours them. A class other than asked is only a warning (S3-compatible services keep
 * their own classes); S3 reports no class for STANDARD.
 */
export function appliedS3Settings(asked: ObjectParams, head: HeadObjectCommandOutput, key: string): SettingsCheck {
  const applied = {
    storageClass: head.StorageClass ?? 'STANDARD',
    ...(head.ServerSideEncryption ? { encryption: head.SSEKMSKeyId ? `${head.ServerSideEncryption} (${head.SSEKMSKeyId})` : head.ServerSideEncryption } : {}),
    ...(head.ObjectLockRetainUntilDate ? { lockedUntil: head.ObjectLockRetainUntilDate.toISOString() } : {})
  }
  const problems: string[] = []
  const warnings: string[] = []
  if (asked.ServerSideEncryption && head.ServerSideEncryption !== asked.ServerSideEncryption) {
    problems.push(`it is stored with server-side encryption ${head.ServerSideEncryption ?? 'none reported'}, not ${asked.ServerSideEncryption} as s3-sse asks`)
  }
  if (asked.ObjectLockRetainUntilDate) {
    const until = head.ObjectLockRetainUntilDate
    if (!until || until.getTime() < asked.ObjectLockRetainUntilDate.getTime() - 1000) {
      problems.push(`it is stored without the Object Lock retention immutable-days asks for (${until ? `retained until ${until.toISOString()}` : 'none reported: the service ignored it, or the credentials lack s3:GetObjectRetention'})`)
    }
  }
  if (asked.StorageClass && applied.storageClass !== asked.StorageClass) {
    warnings.push(`the storage keeps ${key} in storage class ${applied.storageClass}, not ${asked.StorageClass} as storage-class asks`)
  }
  return { applied, problems, warnings }
}
