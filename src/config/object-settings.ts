import { Inputs } from '../constants.js'
import { s3EncryptionModes, s3ObjectLockModes, storageCatalog, type StorageFacts, type StorageType } from '../storage/catalog.js'
import { closest, oneOfMessage } from './choices.js'
import { describeValue } from './describe.js'
import type { ObjectSettings, RawInputs } from './types.js'

interface Issue {
  input: string
  message: string
}

/** What parsing says beside the settings: how they interact with retention. */
interface Remarks {
  notices: string[]
  warnings: string[]
}

// A KMS key id, ARN or alias (or the key name of an S3-compatible service's KMS): one token, and
// not option-like.
// eslint-disable-next-line no-control-regex
const KMS_KEY_ID = /^[^\s\u0000-\u001f\u007f-][^\s\u0000-\u001f\u007f]{0,2047}$/

/** The storage class as the storage spells it (its facts say where that is not in capitals, as Azure's `Cool`). */
function classSpelling(type: StorageType, written: string): string {
  const facts: StorageFacts = storageCatalog[type]
  return facts.spellClass?.(written) ?? written.toUpperCase().replace(/-/g, '_')
}

/**
 * The per-object settings (storage-class, immutable-days, s3-sse, s3-kms-key-id,
 * s3-object-lock-mode) for a cloud storage type; undefined where none is asked for, and for a
 * directory, where any of them is already reported as not used with it. Each bad value adds one
 * issue naming its input.
 */
export function parseObjectSettings(type: StorageType, raw: RawInputs, retentionDays: number, issues: Issue[], remarks: Remarks): ObjectSettings | undefined {
  const facts = storageCatalog[type]
  if (!facts.needsBucket) return undefined
  const text = (name: string): string => (raw[name] ?? '').trim()
  const settings: ObjectSettings = { storageClass: '', immutableDays: 0, s3Encryption: '', s3KmsKeyId: '', s3ObjectLockMode: 'GOVERNANCE' }

  const writtenClass = text(Inputs.StorageClass)
  if (writtenClass) {
    const storageClass = classSpelling(type, writtenClass)
    const classes: Readonly<Record<string, { minimumDays: number }>> = facts.storageClasses
    const unreadable: Readonly<Record<string, string>> = facts.unreadableClasses
    if (unreadable[storageClass]) {
      issues.push({ input: Inputs.StorageClass, message: `cannot be ${storageClass}: ${unreadable[storageClass]}` })
    } else if (!classes[storageClass]) {
      const near = closest(storageClass, Object.keys(classes))
      issues.push({
        input: Inputs.StorageClass,
        message: `must be one of ${Object.keys(classes).join(', ')} for storage-type ${type}${near ? ` (did you mean "${near}"?)` : ''}${describeValue(writtenClass, false)}`
      })
    } else {
      settings.storageClass = storageClass
      const minimumDays = classes[storageClass].minimumDays
      if (minimumDays > 0 && retentionDays > 0 && retentionDays < minimumDays) {
        remarks.warnings.push(
          `storage-class ${storageClass} bills each object for at least ${minimumDays} days: backups that retention-days ${retentionDays} deletes earlier are charged as if kept ${minimumDays} days`
        )
      }
    }
  }

  const writtenDays = text(Inputs.ImmutableDays)
  if (writtenDays) {
    const max = facts.maxImmutableDays
    if (!/^\d+$/.test(writtenDays) || Number(writtenDays) > max) {
      issues.push({ input: Inputs.ImmutableDays, message: `must be a whole number of days from 0 (no lock) to ${max}, the longest retention ${type} accepts${describeValue(writtenDays, false)}` })
    } else {
      settings.immutableDays = Number(writtenDays)
      if (retentionDays > 0 && settings.immutableDays > retentionDays) {
        remarks.notices.push(
          `immutable-days ${settings.immutableDays} is longer than retention-days ${retentionDays}: backups are kept until their lock ends, and cleanup-old-backups counts the older ones as locked`
        )
      }
    }
  }

  if (type !== 's3') return applies(settings) ? settings : undefined
  const writtenSse = text(Inputs.S3Sse)
  if (writtenSse) {
    const mode = s3EncryptionModes.find((candidate) => candidate.toLowerCase() === writtenSse.toLowerCase())
    if (mode) settings.s3Encryption = mode
    else issues.push({ input: Inputs.S3Sse, message: `${oneOfMessage(writtenSse, s3EncryptionModes)}${describeValue(writtenSse, false)}` })
  }
  const keyId = text(Inputs.S3KmsKeyId)
  if (keyId) {
    if (!KMS_KEY_ID.test(keyId)) {
      issues.push({ input: Inputs.S3KmsKeyId, message: 'must be a KMS key id, key ARN, alias (alias/name) or alias ARN, without spaces, not starting with "-"' })
    } else if (settings.s3Encryption !== 'aws:kms' && !(writtenSse && !settings.s3Encryption)) {
      issues.push({ input: Inputs.S3KmsKeyId, message: `is only used with s3-sse aws:kms${settings.s3Encryption ? `, not ${settings.s3Encryption}` : ''}: set s3-sse: aws:kms, or remove it` })
    } else {
      settings.s3KmsKeyId = keyId
    }
  }
  const writtenMode = text(Inputs.S3ObjectLockMode)
  if (writtenMode) {
    const mode = s3ObjectLockModes.find((candidate) => candidate === writtenMode.toUpperCase())
    if (!mode) {
      issues.push({ input: Inputs.S3ObjectLockMode, message: `${oneOfMessage(writtenMode.toUpperCase(), s3ObjectLockModes)}${describeValue(writtenMode, false)}` })
    } else if (mode !== 'GOVERNANCE' && settings.immutableDays === 0) {
      issues.push({ input: Inputs.S3ObjectLockMode, message: 'is only used with immutable-days: set immutable-days to the days each backup is locked, or remove it' })
    } else {
      settings.s3ObjectLockMode = mode
    }
  }
  return applies(settings) ? settings : undefined
}

/** Whether anything is asked beyond the storage's defaults (the lock mode alone asks nothing). */
function applies(settings: ObjectSettings): boolean {
  return Boolean(settings.storageClass || settings.immutableDays || settings.s3Encryption || settings.s3KmsKeyId)
}
