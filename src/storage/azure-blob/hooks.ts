import { Inputs } from '../../constants.js'
import type { StorageHooks } from '../types.js'
import { registerConnectionString } from './secrets.js'

/** An Azure connection string holds secrets the inputs' own masking cannot see apart: masked in every run, whatever its storage-type. */
export const azureBlobHooks: StorageHooks = {
  registerSecrets(raw) {
    registerConnectionString(raw[Inputs.AzureConnectionString])
    registerConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING)
  }
}
