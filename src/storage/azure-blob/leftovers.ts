import type { BlobClient } from '@azure/storage-blob'
import { cleanupNotes, removeOwnObject } from '../shared/verified-upload.js'
import type { BackupMetadata } from '../types.js'
import type { AzureContainer } from './client.js'
import { isMissing } from './errors.js'

/**
 * Deletes a blob that a failed upload committed after all, recognised by its metadata so that a
 * blob this upload did not write is never touched; a note when that did not work. Staged blocks
 * never committed need nothing: they are invisible, and Azure drops them after a week.
 */
export async function discard(azure: AzureContainer, blob: BlobClient, metadata: BackupMetadata): Promise<string> {
  const note = await removeOwnObject(
    azure,
    metadata,
    {
      read: () => blob.getProperties(),
      metadataOf: (properties) => properties.metadata,
      remove: (properties) => blob.deleteIfExists({ deleteSnapshots: 'include', conditions: { ifMatch: properties.etag } }),
      isMissing
    },
    'a blob was left under the name'
  )
  return cleanupNotes([note])
}
