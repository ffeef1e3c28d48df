import type { StorageBackend, StorageSpec } from './types.js'

/**
 * Every supported storage type. Each backend is imported only when used, so a run that writes
 * to a directory never loads a cloud SDK.
 */
export const storages = {
  s3: {
    needsBucket: true,
    load: async (config): Promise<StorageBackend> => new (await import('./s3.js')).S3Storage(config)
  },
  gcs: {
    needsBucket: true,
    load: async (config): Promise<StorageBackend> => new (await import('./gcs.js')).GcsStorage(config)
  },
  'azure-blob': {
    needsBucket: true,
    load: async (config): Promise<StorageBackend> => (await import('./azure-blob.js')).AzureBlobStorage.create(config)
  },
  local: {
    needsBucket: false,
    load: async (config): Promise<StorageBackend> => new (await import('./local.js')).LocalStorage(config)
  }
} satisfies Record<string, StorageSpec>

export type StorageType = keyof typeof storages

export const storageTypes = Object.keys(storages) as [StorageType, ...StorageType[]]
