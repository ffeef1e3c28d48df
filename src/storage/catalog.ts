/**
 * What is known of each storage type without loading its backend (or its SDK). This module
 * imports nothing, so config validation and key naming can read it without the backends.
 */

export interface StorageFacts {
  /** A bucket (or container) is required, else a `path` directory. */
  needsBucket: boolean
}

export const storageCatalog = {
  s3: { needsBucket: true },
  gcs: { needsBucket: true },
  'azure-blob': { needsBucket: true },
  local: { needsBucket: false }
} as const satisfies Record<string, StorageFacts>

export type StorageType = keyof typeof storageCatalog

export const storageTypes = Object.keys(storageCatalog) as [StorageType, ...StorageType[]]
