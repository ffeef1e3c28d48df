import type { StorageType } from './catalog.js'
import type { StorageSpec } from './types.js'

/**
 * Every storage backend. Each is imported only when used, so a run that writes to a directory
 * never loads a cloud SDK. Adding one: a file in this folder, its facts in catalog.ts, one line here.
 */
export const storages: Record<StorageType, StorageSpec> = {
  s3: { load: async (config) => new (await import('./s3/backend.js')).S3Storage(config) },
  gcs: { load: async (config) => new (await import('./gcs/backend.js')).GcsStorage(config) },
  'azure-blob': { load: async (config) => (await import('./azure-blob/backend.js')).AzureBlobStorage.create(config) },
  local: { load: async (config) => new (await import('./local/backend.js')).LocalStorage(config) }
}
