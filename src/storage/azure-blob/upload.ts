import type { BlobClient, BlockBlobParallelUploadOptions } from '@azure/storage-blob'
import { stat } from 'node:fs/promises'
import { mayHaveStored } from '../shared/failures.js'
import { unquoteEtag } from '../shared/metadata.js'
import { MiB, partSizeFor } from '../shared/parts.js'
import { uploadVerified, type StoredCopy } from '../shared/verified-upload.js'
import type { BackupMetadata, UploadResult } from '../types.js'
import type { AzureContainer } from './client.js'
import { discard } from './leftovers.js'
import { appliedAzureSettings, azureBlobOptions, commitOptions, type BlobOptions } from './settings.js'

const MIN_BLOCK_SIZE = 8 * MiB
export const MAX_BLOCKS = 50_000
/** Larger dumps go as blocks, several at a time; smaller ones in a single Put Blob. */
const SINGLE_SHOT_LIMIT = 32 * MiB
const BLOCK_CONCURRENCY = 4

/** A dump file sent by the SDK's uploadFile (one Put Blob, or blocks and a block list), then read back. */
export async function uploadFile(azure: AzureContainer, file: string, key: string, metadata: BackupMetadata, abort?: AbortSignal): Promise<UploadResult> {
  const { size } = await stat(file)
  const blob = azure.container.getBlockBlobClient(key)
  const settings = azureBlobOptions(azure.objects)
  return uploadVerified(
    azure,
    key,
    { sizeBytes: size, sha256: metadata.sha256 },
    {
      // Each block is read from the file as it is sent (a stream per block range), so memory does
      // not grow with the dump. Nothing is visible until the block list is committed, and a
      // failed upload never commits it: Azure discards uncommitted blocks after a week.
      send: () =>
        blob.uploadFile(file, {
          blockSize: partSizeFor(size, MIN_BLOCK_SIZE, MAX_BLOCKS),
          maxSingleShotSize: SINGLE_SHOT_LIMIT,
          concurrency: BLOCK_CONCURRENCY,
          ...commitOptions(metadata, settings, abort)
        } as BlockBlobParallelUploadOptions),
      cleanUp: async (error) => (abort?.aborted || mayHaveStored(error) ? discard(azure, blob, metadata) : ''),
      readBack: () => readBlob(blob, settings, key),
      discard: () => discard(azure, blob, metadata)
    },
    abort
  )
}

/** The committed blob's properties: its size, its recorded SHA-256 and the settings asked for. */
export async function readBlob(blob: BlobClient, settings: BlobOptions, key: string): Promise<StoredCopy> {
  const properties = await blob.getProperties()
  return {
    sizeBytes: properties.contentLength,
    sha256: properties.metadata?.sha256,
    etag: unquoteEtag(properties.etag),
    versionId: properties.versionId ?? '',
    settings: appliedAzureSettings(settings, properties, key)
  }
}
