import { azureBlobHooks } from './azure-blob/hooks.js'
import type { StorageType } from './catalog.js'
import { localHooks } from './local/hooks.js'
import type { StorageHooks } from './types.js'

/**
 * What every run and the post step need of a backend without loading it (types.ts, StorageHooks):
 * a line per backend, {} where it needs nothing. Kept apart from the registry of storages, whose
 * lazy imports would carry every SDK into the post step's bundle.
 */
export const storageHooks: Record<StorageType, StorageHooks> = {
  s3: {},
  gcs: {},
  'azure-blob': azureBlobHooks,
  local: localHooks
}
