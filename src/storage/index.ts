import type { StorageBackend, StorageSpec } from './types.js'

/**
 * Every supported storage type. Each backend is imported only when used, so a run that writes
 * to a directory never loads a cloud SDK.
 */
export const storages = {
  local: {
    needsBucket: false,
    load: async (config): Promise<StorageBackend> => new (await import('./local.js')).LocalStorage(config)
  }
} satisfies Record<string, StorageSpec>

export type StorageType = keyof typeof storages

export const storageTypes = Object.keys(storages) as [StorageType, ...StorageType[]]
