import type { FileMetadata } from '@google-cloud/storage'
import { finished } from 'node:stream/promises'
import { offer } from '../../util/offer.js'
import { confirmStored, recordSha256, uploadFailed } from '../shared/verified-upload.js'
import type { StagedUpload, StagingMetadata } from '../types.js'
import type { GcsBucket } from './client.js'
import { discard } from './leftovers.js'
import { gcsObjectFields } from './settings.js'
import { CHUNK_SIZE, resumableWrite, storedCopy } from './upload.js'

/**
 * A resumable session fed as the dump is written: the client sends each full chunk as
 * `bytes a-b/*` and holds the last one until the stream ends, so the object exists only once
 * commit() ends the stream. GCS keeps custom metadata editable: the SHA-256, known at the end,
 * is patched in right after (ifMetagenerationMatch, so nothing else's edit is overwritten).
 */
export async function beginUpload(gcs: GcsBucket, key: string, metadata: StagingMetadata, abort: AbortSignal): Promise<StagedUpload> {
  const object = gcs.bucket.file(key)
  // The retention goes on with the SHA-256, after the upload: until then the object stays deletable.
  const { retention, ...unlocked } = gcsObjectFields(gcs.objects)
  let session: string | undefined
  const state: { failure?: { error: unknown } } = {}
  const failure = (): { error: unknown } | undefined => state.failure
  const target = resumableWrite(object, { ...metadata, sha256: '' }, unlocked, (uri) => {
    session = uri
  })
  target.on('error', (error: unknown) => {
    state.failure ??= { error }
  })
  const stop = (): void => {
    target.destroy(abort.reason as Error)
  }
  abort.addEventListener('abort', stop, { once: true })
  const failed = (error: unknown): Error => uploadFailed(gcs, key, error, abort)
  const started = performance.now()
  let finalised = false
  return {
    write: async (chunk) => {
      if (failure()) throw failed(failure()?.error)
      await offer(target, chunk)
      if (failure()) throw failed(failure()?.error)
    },
    // Everything but the last chunk goes as it fills; the last one is the commit.
    flush: async () => {
      if (failure()) throw failed(failure()?.error)
    },
    figures: () => ({ 'chunk size bytes': CHUNK_SIZE, 'final chunk': 'held back until verified' }),
    abort: async () => {
      abort.removeEventListener('abort', stop)
      if (!target.destroyed) target.destroy(new Error('aborted'))
      if (finalised) return ''
      return discard(gcs, object, { ...metadata, sha256: '' }, session, false)
    },
    commit: async (sha256, sizeBytes) => {
      try {
        if (failure()) throw failure()?.error
        target.end()
        await finished(target)
        finalised = true
      } catch (error) {
        throw failed(error)
      } finally {
        abort.removeEventListener('abort', stop)
      }
      const durationMs = performance.now() - started
      const stored: FileMetadata = await recordSha256(
        gcs,
        key,
        async () => {
          const [current] = await object.getMetadata()
          return (await object.setMetadata({ metadata: { sha256 }, ...(retention ? { retention } : {}) }, { ifMetagenerationMatch: current.metageneration }))[0]
        },
        () => object.delete()
      )
      const full = { ...metadata, sha256 }
      return confirmStored(gcs, key, { sizeBytes, sha256 }, storedCopy(stored, { ...unlocked, ...(retention ? { retention } : {}) }, key), () => discard(gcs, object, full, undefined, true), durationMs)
    }
  }
}
