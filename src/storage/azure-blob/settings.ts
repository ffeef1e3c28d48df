import type { BlobGetPropertiesResponse, BlobImmutabilityPolicy, BlockBlobParallelUploadOptions } from '@azure/storage-blob'
import type { ObjectSettings } from '../../config/types.js'
import { lockedUntil } from '../shared/locks.js'
import { objectMetadata } from '../shared/metadata.js'
import type { SettingsCheck } from '../shared/verified-upload.js'
import type { BackupMetadata } from '../types.js'

export type BlobOptions = Pick<BlockBlobParallelUploadOptions, 'tier'> & { immutabilityPolicy?: BlobImmutabilityPolicy }

/**
 * The per-blob settings every upload sends: the access tier, and a version-level immutability
 * policy (Unlocked: it can be extended, and shortened only by an identity allowed to change
 * immutability policies). uploadFile hands its options to Put Blob or Put Block List, whichever
 * commits the blob, and both take the policy, though its own options type does not list it.
 */
export function azureBlobOptions(objects: ObjectSettings | undefined, now = new Date()): BlobOptions {
  if (!objects) return {}
  return {
    ...(objects.storageClass ? { tier: objects.storageClass } : {}),
    ...(objects.immutableDays > 0 ? { immutabilityPolicy: { expiriesOn: lockedUntil(objects.immutableDays, now), policyMode: 'Unlocked' as const } } : {})
  }
}

/** What Azure reports of the settings asked for; a missing policy is a problem, another tier a warning. */
export function appliedAzureSettings(asked: BlobOptions, properties: BlobGetPropertiesResponse, key: string): SettingsCheck {
  const until = properties.immutabilityPolicyExpiresOn
  const applied = {
    ...(properties.accessTier ? { storageClass: properties.accessTier } : {}),
    ...(properties.encryptionScope ? { encryption: `encryption scope ${properties.encryptionScope}` } : {}),
    ...(until ? { lockedUntil: until.toISOString() } : {})
  }
  const problems: string[] = []
  const askedUntil = asked.immutabilityPolicy?.expiriesOn
  if (askedUntil && (!until || until.getTime() < askedUntil.getTime() - 1000)) {
    problems.push(
      `it is stored without the immutability policy immutable-days asks for (${until ? `locked until ${until.toISOString()}` : 'none reported: the container needs version-level immutability support'})`
    )
  }
  const warnings = asked.tier && properties.accessTier !== asked.tier ? [`the storage keeps ${key} in access tier ${properties.accessTier ?? 'unknown'}, not ${asked.tier} as storage-class asks`] : []
  return { applied, problems, warnings }
}

/** What commits a new blob (Put Blob, or Put Block List after staged blocks): its metadata, content type and settings. */
export function commitOptions(metadata: BackupMetadata, settings: BlobOptions, abort: AbortSignal | undefined) {
  return {
    metadata: objectMetadata(metadata),
    blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
    // Never replaces a blob: the commit fails if anything already exists under the name.
    conditions: { ifNoneMatch: '*' },
    // An abort ends the requests in flight; the blocks already sent stay uncommitted.
    abortSignal: abort,
    ...settings
  }
}
