import { azureBlobStorage } from './azure-blob/index.js'
import type { StorageType } from './catalog.js'
import { gcsStorage } from './gcs/index.js'
import { localStorage } from './local/index.js'
import { s3Storage } from './s3/index.js'
import type { StorageSpec } from './types.js'

/**
 * Every storage backend. Each loads its code and SDK only when used, so a run that writes to a
 * directory never loads a cloud SDK. Adding one: a folder here whose index.ts is all that is
 * imported of it, its facts in catalog.ts, one line here; docs/architecture.md walks through it.
 */
export const storages: Record<StorageType, StorageSpec> = {
  s3: s3Storage,
  gcs: gcsStorage,
  'azure-blob': azureBlobStorage,
  local: localStorage
}
