import type { StorageSpec } from '../types.js'

/** The GCS backend: the only module imported from outside this folder, by the registry; the Google client loads with `load`. */
export const gcsStorage: StorageSpec = {
  load: async (config) => new (await import('./storage.js')).GcsStorage(config)
}
