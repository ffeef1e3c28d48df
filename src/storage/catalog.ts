import type { StorageConfig } from '../config/types.js'
import { azureBlobFacts } from './azure-blob/facts.js'
import { gcsFacts } from './gcs/facts.js'
import { localFacts } from './local/facts.js'
import { s3Facts } from './s3/facts.js'

/**
 * What is known of each storage type without loading its backend (or its SDK). Each backend's
 * folder states its own in facts.ts, which like this module loads no backend code: config
 * validation, key naming and the summary read the facts without the backends.
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
  /** The storage class as the storage spells it, from the input as written; absent: capitals, `-` as `_` (`standard-ia` is STANDARD_IA). */
  spellClass?(written: string): string
  /** What a bucket (or container) name must look like, and the rule said when it does not. */
  bucketName?: { pattern: RegExp; rule: string }
  /** Where a person finds a stored object: its console page and the CLI command that writes it to standard output. */
  links(storage: StorageConfig, key: string, env: NodeJS.ProcessEnv): ObjectLinks
}

/**
 * Where people find a stored backup, built from the settings alone (no secret: an Azure connection
 * string only gives its account name); '' where there is nothing to link to, such as an
 * S3-compatible service or an emulator.
 */
export interface ObjectLinks {
  consoleUrl: string
  /** A shell command that writes the object to standard output. */
  fetchCommand: string
}

export const storageCatalog = {
  s3: s3Facts,
  gcs: gcsFacts,
  'azure-blob': azureBlobFacts,
  local: localFacts
} as const satisfies Record<string, StorageFacts>

export type StorageType = keyof typeof storageCatalog

export const storageTypes = Object.keys(storageCatalog) as [StorageType, ...StorageType[]]

/** S3 server-side encryption: S3-managed keys, or KMS keys (then s3-kms-key-id may name one). */
export const s3EncryptionModes = ['AES256', 'aws:kms'] as const
export type S3Encryption = (typeof s3EncryptionModes)[number]

/** S3 Object Lock modes: GOVERNANCE can be lifted by s3:BypassGovernanceRetention, COMPLIANCE by nobody. */
export const s3ObjectLockModes = ['GOVERNANCE', 'COMPLIANCE'] as const
export type S3ObjectLockMode = (typeof s3ObjectLockModes)[number]
