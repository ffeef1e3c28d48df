import type { StorageSpec } from '../types.js'

/** The Azure Blob backend: the only module imported from outside this folder, by the registry; the Azure SDK loads with `load`. */
export const azureBlobStorage: StorageSpec = {
  load: async (config) => (await import('./storage.js')).AzureBlobStorage.create(config)
}
