import type { StorageSpec } from '../types.js'

/** The local directory backend: the only module imported from outside this folder, by the registry. */
export const localStorage: StorageSpec = {
  load: async (config) => new (await import('./storage.js')).LocalStorage(config)
}
