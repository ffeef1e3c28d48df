import { mayHaveStored } from '../shared/failures.js'
import { MiB } from '../shared/parts.js'
import { PartQueue, queuedParts, streamPartSizing } from '../shared/staged-upload.js'
import { confirmStored, readBack, uploadFailed } from '../shared/verified-upload.js'
import type { StagedUpload, StagingMetadata } from '../types.js'
import type { AzureContainer } from './client.js'
import { discard } from './leftovers.js'
import { azureBlobOptions, commitOptions } from './settings.js'
import { MAX_BLOCKS, readBlob } from './upload.js'

const MAX_BLOCK_SIZE = 4000 * MiB

/**
 * Blocks staged as the dump is written; the blob exists only once commit() commits the block
 * list, with the full metadata (the SHA-256 included) and only if nothing is under the name yet.
 * Azure has no call that discards staged blocks: one never committed is invisible, is dropped by
 * Azure after a week, and is replaced by the next upload under the name.
 */
export async function beginUpload(azure: AzureContainer, key: string, metadata: StagingMetadata, abort: AbortSignal, estimatedBytes: number | undefined): Promise<StagedUpload> {
  const blob = azure.container.getBlockBlobClient(key)
  const settings = azureBlobOptions(azure.objects)
  const ids: string[] = []
  const sizing = streamPartSizing(estimatedBytes, MAX_BLOCKS, MAX_BLOCK_SIZE)
  // Fixed-length ids, as Azure requires of the blocks of one blob.
  const queue = new PartQueue(sizing, async (index, body) => {
    const id = Buffer.from(`block-${String(index).padStart(6, '0')}`).toString('base64')
    await blob.stageBlock(id, body, body.length, { abortSignal: abort })
    ids[index] = id
  })
  const writer = queuedParts(queue, sizing, (error) => uploadFailed(azure, key, error, abort))
  const started = performance.now()
  return {
    ...writer,
    abort: async () => '',
    commit: async (sha256, sizeBytes) => {
      await writer.flush()
      const full = { ...metadata, sha256 }
      try {
        await blob.commitBlockList(ids, commitOptions(full, settings, abort))
      } catch (error) {
        const cleanup = abort.aborted || mayHaveStored(error) ? await discard(azure, blob, full) : ''
        throw uploadFailed(azure, key, error, abort, cleanup)
      }
      const durationMs = performance.now() - started
      const removeAgain = (): Promise<string> => discard(azure, blob, full)
      const stored = await readBack(azure, key, () => readBlob(blob, settings, key), removeAgain)
      return confirmStored(azure, key, { sizeBytes, sha256 }, stored, removeAgain, durationMs)
    }
  }
}
