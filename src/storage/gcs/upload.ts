import type { File, FileMetadata } from '@google-cloud/storage'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { mayHaveStored } from '../shared/failures.js'
import { objectMetadata } from '../shared/metadata.js'
import { MiB } from '../shared/parts.js'
import { uploadVerified, type StoredCopy } from '../shared/verified-upload.js'
import type { BackupMetadata, UploadResult } from '../types.js'
import type { GcsBucket } from './client.js'
import { discard } from './leftovers.js'
import { appliedGcsSettings, gcsObjectFields, type ObjectFields } from './settings.js'

/**
 * Each request of the resumable upload carries this much (a multiple of 256 KiB, as GCS requires).
 * The client keeps the chunk in flight in memory so it can resend it after a network error,
 * instead of failing the whole upload: that memory, not the size of the dump, bounds the upload.
 */
export const CHUNK_SIZE = 16 * MiB

/** A dump file sent in one resumable session, then its metadata read back. */
export async function uploadFile(gcs: GcsBucket, file: string, key: string, metadata: BackupMetadata, abort?: AbortSignal): Promise<UploadResult> {
  const { size } = await stat(file)
  const object = gcs.bucket.file(key)
  const settings = gcsObjectFields(gcs.objects)
  let session: string | undefined
  return uploadVerified(
    gcs,
    key,
    { sizeBytes: size, sha256: metadata.sha256 },
    {
      send: async () => {
        const target = resumableWrite(object, metadata, settings, (uri) => {
          session = uri
        })
        // An abort destroys the write stream, which ends the request in flight; the session is cancelled below.
        await pipeline(createReadStream(file, { highWaterMark: MiB }), target, { signal: abort })
      },
      cleanUp: (error) => discard(gcs, object, metadata, session, session !== undefined && (abort?.aborted || mayHaveStored(error))),
      readBack: async () => storedCopy((await object.getMetadata())[0], settings, key),
      discard: () => discard(gcs, object, metadata, undefined, true)
    },
    abort
  )
}

/**
 * A resumable upload of the object, with its metadata and settings; `onSession` gets the
 * session's URI, which cancels it (leftovers.ts).
 */
export function resumableWrite(object: File, metadata: BackupMetadata, fields: ObjectFields, onSession: (uri: string) => void): Writable {
  const target = object.createWriteStream({
    resumable: true,
    chunkSize: CHUNK_SIZE,
    // The client computes the CRC32C of what it sends and compares it with the one GCS computed;
    // on a mismatch it deletes the object and fails.
    validation: 'crc32c',
    metadata: { contentType: 'application/octet-stream', metadata: objectMetadata(metadata), ...fields },
    // Never replaces an object: the upload fails if anything already exists under the key.
    preconditionOpts: { ifGenerationMatch: 0 }
  })
  target.on('uri', onSession)
  return target
}

/** What GCS reports holding: the object's metadata as read back, and the settings asked for in it. */
export function storedCopy(stored: FileMetadata, settings: ObjectFields, key: string): StoredCopy {
  return {
    sizeBytes: stored.size === undefined ? undefined : Number(stored.size),
    sha256: stored.metadata?.sha256 === undefined || stored.metadata.sha256 === null ? undefined : String(stored.metadata.sha256),
    etag: stored.etag ?? '',
    versionId: stored.generation === undefined ? '' : String(stored.generation),
    settings: appliedGcsSettings(settings, stored, key)
  }
}
