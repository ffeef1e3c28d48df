import { Inputs } from '../../constants.js'
import type { StorageSpec } from '../types.js'
import { registerConnectionString } from './secrets.js'

/**
 * The Azure Blob backend: the only module imported from outside this folder, by the registry.
 * The Azure SDK loads with `load` (AzureBlobStorage.create); masking a connection string, which
 * every run does, loads none.
 */
export const azureBlobStorage: StorageSpec = {
  load: async (config) => (await import('./storage.js')).AzureBlobStorage.create(config),
  registerSecrets(raw) {
    registerConnectionString(raw[Inputs.AzureConnectionString])
    registerConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING)
  }
}
