import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type CompletedPart
} from '@aws-sdk/client-s3'
import { mapLimit } from '../shared/batches.js'
import { objectMetadata } from '../shared/metadata.js'
import { MiB } from '../shared/parts.js'
import { PartQueue, queuedParts, streamPartSizing } from '../shared/staged-upload.js'
import { confirmStored, recordSha256, uploadFailed } from '../shared/verified-upload.js'
import { errorMessage } from '../../util/errors.js'
import type { BackupMetadata, StagedUpload, StagingMetadata } from '../types.js'
import type { S3Bucket } from './client.js'
import { discard } from './leftovers.js'
import { s3ObjectParams, withoutLock, type ObjectParams } from './settings.js'
import { MAX_PARTS, storedCopy } from './upload.js'

/** The largest part, and the largest object one CopyObject copies. */
const MAX_PART_SIZE = 5 * 1024 * MiB
/** Parts of a multipart copy (a streamed backup over 5 GiB getting its SHA-256 recorded). */
const COPY_PART_SIZE = 1024 * MiB

/**
 * A multipart upload whose parts are sent as the dump is written and which is completed only by
 * commit(). S3 keeps user metadata only as an object is created, and the SHA-256 is known only
 * once the dump has ended: commit() completes the upload, then copies the object onto itself
 * with the SHA-256 added (one CopyObject up to 5 GiB, a multipart copy beyond, both inside S3).
 */
export async function beginUpload(s3: S3Bucket, key: string, metadata: StagingMetadata, abort: AbortSignal, estimatedBytes: number | undefined): Promise<StagedUpload> {
  const checksum = s3.checksummed
  const settings = s3ObjectParams(s3.objects)
  // The lock goes on the copy that records the SHA-256 only: the first version must stay deletable.
  const unlocked = withoutLock(settings)
  const transfer = s3.newClient()
  const stop = (): void => transfer.destroy()
  abort.addEventListener('abort', stop, { once: true })
  const common = { Bucket: s3.bucket, Key: key }
  const objectParams = { ContentType: 'application/octet-stream', ...(checksum ? { ChecksumAlgorithm: 'SHA256' as const } : {}) }
  const firstParams = { ...objectParams, ...unlocked }
  let uploadId: string
  try {
    const created = await transfer.send(new CreateMultipartUploadCommand({ ...common, ...firstParams, Metadata: objectMetadata({ ...metadata, sha256: '' }) }), { abortSignal: abort })
    if (!created.UploadId) throw new Error('CreateMultipartUpload returned no UploadId')
    uploadId = created.UploadId
  } catch (error) {
    abort.removeEventListener('abort', stop)
    transfer.destroy()
    throw new Error(`starting the upload of ${s3.uri(key)} to ${s3.where} failed: ${abort.aborted ? errorMessage(abort.reason) : s3.describe(error)}`)
  }
  const parts: CompletedPart[] = []
  const sizing = streamPartSizing(estimatedBytes, MAX_PARTS, MAX_PART_SIZE)
  const queue = new PartQueue(sizing, async (index, body) => {
    const sent = await transfer.send(
      new UploadPartCommand({ ...common, UploadId: uploadId, PartNumber: index + 1, Body: body, ContentLength: body.length, ...(checksum ? { ChecksumAlgorithm: 'SHA256' as const } : {}) }),
      // An abort ends the request at once: no retry of a part after the run was stopped.
      { abortSignal: abort }
    )
    parts[index] = { PartNumber: index + 1, ETag: sent.ETag, ...(sent.ChecksumSHA256 ? { ChecksumSHA256: sent.ChecksumSHA256 } : {}) }
  })
  const failed = (error: unknown): Error => uploadFailed(s3, key, error, abort)
  const writer = queuedParts(queue, sizing, failed)
  const started = performance.now()
  const figures: Record<string, string> = {}
  let completed = false
  return {
    ...writer,
    figures: () => ({ ...writer.figures(), ...figures }),
    abort: async () => {
      abort.removeEventListener('abort', stop)
      transfer.destroy()
      if (completed) return ''
      return discard(s3, key, { ...metadata, sha256: '' }, uploadId, false)
    },
    commit: async (sha256, sizeBytes) => {
      await writer.flush()
      let first: { ETag?: string; VersionId?: string }
      try {
        first = await transfer.send(new CompleteMultipartUploadCommand({ ...common, UploadId: uploadId, MultipartUpload: { Parts: parts } }), { abortSignal: abort })
        completed = true
      } catch (error) {
        throw failed(error)
      } finally {
        abort.removeEventListener('abort', stop)
        transfer.destroy()
      }
      const durationMs = performance.now() - started
      const full = { ...metadata, sha256 }
      let firstVersion = ''
      const head = await recordSha256(
        s3,
        key,
        async () => {
          const copied = await copyWithSha256(s3, key, full, sizeBytes, { ...objectParams, ...settings })
          // In a versioned bucket the version without the SHA-256 would stay: it is this upload's
          // own, removed where the bucket allows (an object lock keeps it until it expires).
          if (first.VersionId && copied.VersionId && first.VersionId !== copied.VersionId) {
            firstVersion = await s3.client.send(new DeleteObjectCommand({ ...common, VersionId: first.VersionId })).then(
              () => 'deleted',
              (error: unknown) => `kept (${s3.describe(error)})`
            )
          }
          return s3.client.send(new HeadObjectCommand({ ...common, ...(copied.VersionId ? { VersionId: copied.VersionId } : {}) }))
        },
        // Its metadata has no SHA-256 yet, so isOurs cannot tell: this upload just completed it.
        () => s3.client.send(new DeleteObjectCommand({ ...common, ...(first.VersionId ? { VersionId: first.VersionId } : {}) }))
      )
      const stored = await confirmStored(s3, key, { sizeBytes, sha256 }, storedCopy(head, settings, key), () => discard(s3, key, full, undefined, true), durationMs)
      if (firstVersion) figures['version without sha256'] = firstVersion
      return stored
    }
  }
}

/** Copies the object onto itself with the full metadata: the bytes never leave S3. */
async function copyWithSha256(
  s3: S3Bucket,
  key: string,
  metadata: BackupMetadata,
  sizeBytes: number,
  objectParams: ObjectParams & { ContentType: string; ChecksumAlgorithm?: 'SHA256' }
): Promise<{ VersionId?: string }> {
  const common = { Bucket: s3.bucket, Key: key }
  // URL-encoded, its slashes kept: the form every S3 implementation reads.
  const source = `${s3.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`
  if (sizeBytes <= MAX_PART_SIZE) {
    const copied = await s3.client.send(new CopyObjectCommand({ ...common, ...objectParams, CopySource: source, MetadataDirective: 'REPLACE', Metadata: objectMetadata(metadata) }))
    return { VersionId: copied.VersionId }
  }
  const created = await s3.client.send(new CreateMultipartUploadCommand({ ...common, ...objectParams, Metadata: objectMetadata(metadata) }))
  const uploadId = created.UploadId as string
  try {
    const ranges = Array.from({ length: Math.ceil(sizeBytes / COPY_PART_SIZE) }, (_, index) => index)
    const parts = await mapLimit(ranges, 4, async (index) => {
      const end = Math.min(sizeBytes, (index + 1) * COPY_PART_SIZE) - 1
      const copied = await s3.client.send(
        new UploadPartCopyCommand({ ...common, UploadId: uploadId, PartNumber: index + 1, CopySource: source, CopySourceRange: `bytes=${index * COPY_PART_SIZE}-${end}` })
      )
      return { PartNumber: index + 1, ETag: copied.CopyPartResult?.ETag, ...(copied.CopyPartResult?.ChecksumSHA256 ? { ChecksumSHA256: copied.CopyPartResult.ChecksumSHA256 } : {}) }
    })
    const done = await s3.client.send(new CompleteMultipartUploadCommand({ ...common, UploadId: uploadId, MultipartUpload: { Parts: parts } }))
    return { VersionId: done.VersionId }
  } catch (error) {
    await s3.client.send(new AbortMultipartUploadCommand({ ...common, UploadId: uploadId })).catch(() => undefined)
    throw error
  }
}
