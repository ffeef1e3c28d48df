import { HeadObjectCommand, type HeadObjectCommandOutput } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { mayHaveStored } from '../shared/failures.js'
import { objectMetadata, unquoteEtag } from '../shared/metadata.js'
import { MiB, partSizeFor, partsInFlight } from '../shared/parts.js'
import { uploadVerified, type StoredCopy } from '../shared/verified-upload.js'
import type { BackupMetadata, UploadResult } from '../types.js'
import type { S3Bucket } from './client.js'
import { isCredentialsError } from './errors.js'
import { discard } from './leftovers.js'
import { appliedS3Settings, s3ObjectParams, type ObjectParams } from './settings.js'

export const MIN_PART_SIZE = 5 * MiB
export const MAX_PARTS = 10_000

/** A dump file sent by lib-storage (one PutObject, or a multipart upload), then read back with HeadObject. */
export async function uploadFile(s3: S3Bucket, file: string, key: string, metadata: BackupMetadata, abort?: AbortSignal): Promise<UploadResult> {
  const { size } = await stat(file)
  const partSize = partSizeFor(size, MIN_PART_SIZE, MAX_PARTS)
  const sha256 = s3.checksummed
  const settings = s3ObjectParams(s3.objects)
  // A dump that fits in one part goes in one PutObject: with checksums on, S3 checks it against
  // the whole dump's SHA-256; each part of a multipart upload is checked against its own.
  const singlePut = size <= partSize
  const body = createReadStream(file, { highWaterMark: MiB })
  // A client of its own, whose connections an abort cuts: lib-storage's abort() only stops
  // waiting for the requests in flight, which would go on and could store the object after all.
  const transfer = s3.newClient()
  const upload = new Upload({
    client: transfer,
    partSize,
    queueSize: partsInFlight(partSize),
    // Aborting is done below: lib-storage's own abort would replace the upload's error with the
    // abort's, and services without AbortMultipartUpload would hide why the upload failed.
    leavePartsOnError: true,
    params: {
      Bucket: s3.bucket,
      Key: key,
      Body: body,
      ContentLength: size,
      ContentType: 'application/octet-stream',
      Metadata: objectMetadata(metadata),
      ...settings,
      ...(sha256 ? { ChecksumAlgorithm: 'SHA256' as const } : {}),
      ...(sha256 && singlePut ? { ChecksumSHA256: Buffer.from(metadata.sha256, 'hex').toString('base64') } : {})
    }
  })
  return uploadVerified(
    s3,
    key,
    { sizeBytes: size, sha256: metadata.sha256 },
    {
      send: async () => {
        const stop = (): void => {
          void upload.abort()
          transfer.destroy()
        }
        abort?.addEventListener('abort', stop, { once: true })
        try {
          abort?.throwIfAborted()
          return await upload.done()
        } finally {
          abort?.removeEventListener('abort', stop)
          transfer.destroy()
        }
      },
      cleanUp: async (error) => {
        body.destroy()
        return discard(s3, key, metadata, upload.uploadId, abort?.aborted || (mayHaveStored(error) && !isCredentialsError(error)))
      },
      readBack: async (result) => {
        const head = await s3.client.send(
          new HeadObjectCommand({
            Bucket: s3.bucket,
            Key: key,
            ...(result.VersionId ? { VersionId: result.VersionId } : {}),
            ...(sha256 ? { ChecksumMode: 'ENABLED' as const } : {})
          })
        )
        const expectedChecksum = Buffer.from(metadata.sha256, 'hex').toString('base64')
        const checksumProblems =
          sha256 && singlePut && head.ChecksumSHA256 && head.ChecksumSHA256 !== expectedChecksum ? [`its S3 SHA-256 checksum is ${head.ChecksumSHA256}, the dump's is ${expectedChecksum}`] : []
        return { ...storedCopy({ ...head, ETag: result.ETag ?? head.ETag, VersionId: result.VersionId ?? head.VersionId }, settings, key), checksumProblems }
      },
      discard: () => discard(s3, key, metadata, undefined, true)
    },
    abort
  )
}

/** What HeadObject read back: the object's size, its recorded SHA-256 and the settings asked for. */
export function storedCopy(head: HeadObjectCommandOutput, settings: ObjectParams, key: string): StoredCopy {
  return { sizeBytes: head.ContentLength, sha256: head.Metadata?.sha256, etag: unquoteEtag(head.ETag), versionId: head.VersionId ?? '', settings: appliedS3Settings(settings, head, key) }
}
