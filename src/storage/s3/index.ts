import type { StorageSpec } from '../types.js'

/** The S3 backend: the only module imported from outside this folder, by the registry; the AWS SDK loads with `load`. */
export const s3Storage: StorageSpec = {
  load: async (config) => new (await import('./storage.js')).S3Storage(config)
}
