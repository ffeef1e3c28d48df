/**
 * What is known of each storage type without loading its backend (or its SDK). This module
 * imports nothing, so config validation and key naming can read it without the backends.
 */

export interface StorageFacts {
  /** A bucket (or container) is required, else a `path` directory. */
  needsBucket: boolean
  /**
   * The storage classes (S3, GCS) or access tiers (Azure) an object can be written in, spelt as
   * the storage spells them, each with the days the storage bills an object for at the least
   * (deleted earlier, it is charged as if kept that long); none for a directory.
   */
  storageClasses: Readonly<Record<string, { minimumDays: number }>>
  /**
   * Classes the storage has but from which an object cannot be read at once: a backup there could
   * not be restored without a retrieval of hours. Each with the reason and what to use instead.
   */
  unreadableClasses: Readonly<Record<string, string>>
  /** The longest object-level retention lock the storage accepts, in days; 0 where it has none. */
  maxImmutableDays: number
}

export const storageCatalog = {
  s3: {
    needsBucket: true,
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html
    storageClasses: {
      STANDARD: { minimumDays: 0 },
      INTELLIGENT_TIERING: { minimumDays: 0 },
      STANDARD_IA: { minimumDays: 30 },
      ONEZONE_IA: { minimumDays: 30 },
      GLACIER_IR: { minimumDays: 90 },
      REDUCED_REDUNDANCY: { minimumDays: 0 }
    },
    unreadableClasses: {
      GLACIER:
        'objects in GLACIER (Flexible Retrieval) must be restored, which takes minutes to hours, before they can be read, and this action reads back what it stores: use GLACIER_IR (instant retrieval), or a lifecycle rule that moves backups to GLACIER after the upload',
      DEEP_ARCHIVE:
        'objects in DEEP_ARCHIVE must be restored, which takes 12 to 48 hours, before they can be read, and this action reads back what it stores: use GLACIER_IR (instant retrieval), or a lifecycle rule that moves backups to DEEP_ARCHIVE after the upload'
    },
    // Object Lock retention periods go up to 100 years.
    maxImmutableDays: 36500
  },
  gcs: {
    needsBucket: true,
    // https://cloud.google.com/storage/docs/storage-classes: every class, ARCHIVE included, is read
    // in milliseconds; the colder ones cost a retrieval fee and a minimum storage duration.
    storageClasses: {
      STANDARD: { minimumDays: 0 },
      NEARLINE: { minimumDays: 30 },
      COLDLINE: { minimumDays: 90 },
      ARCHIVE: { minimumDays: 365 }
    },
    unreadableClasses: {},
    // A retain-until time is at most 3,155,760,000 seconds ahead.
    maxImmutableDays: 36524
  },
  'azure-blob': {
    needsBucket: true,
    // https://learn.microsoft.com/azure/storage/blobs/access-tiers-overview
    storageClasses: {
      Hot: { minimumDays: 0 },
      Cool: { minimumDays: 30 },
      Cold: { minimumDays: 90 }
    },
    unreadableClasses: {
      Archive:
        'a blob in the Archive tier is offline: it must be rehydrated, which takes up to 15 hours, before it can be read, and this action reads back what it stores: use Cold, or a lifecycle management rule that moves backups to Archive after the upload'
    },
    // Time-based retention intervals go up to 146,000 days.
    maxImmutableDays: 146000
  },
  local: { needsBucket: false, storageClasses: {}, unreadableClasses: {}, maxImmutableDays: 0 }
} as const satisfies Record<string, StorageFacts>

export type StorageType = keyof typeof storageCatalog

export const storageTypes = Object.keys(storageCatalog) as [StorageType, ...StorageType[]]

/** S3 server-side encryption: S3-managed keys, or KMS keys (then s3-kms-key-id may name one). */
export const s3EncryptionModes = ['AES256', 'aws:kms'] as const
export type S3Encryption = (typeof s3EncryptionModes)[number]

/** S3 Object Lock modes: GOVERNANCE can be lifted by s3:BypassGovernanceRetention, COMPLIANCE by nobody. */
export const s3ObjectLockModes = ['GOVERNANCE', 'COMPLIANCE'] as const
export type S3ObjectLockMode = (typeof s3ObjectLockModes)[number]
