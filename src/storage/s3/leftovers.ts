import { AbortMultipartUploadCommand, DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3'
import { httpStatus } from '../shared/failures.js'
import { cleanupNotes, removeOwnObject } from '../shared/verified-upload.js'
import type { BackupMetadata } from '../types.js'
import type { S3Bucket } from './client.js'

/**
 * Removes what a failed upload may have left: its multipart upload (the parts already stored
 * are billed until it is aborted) and an object that got written after all, recognised by its
 * metadata so that an object this upload did not write is never touched. Returns a note for the
 * error message when something could not be removed.
 */
export async function discard(s3: S3Bucket, key: string, metadata: BackupMetadata, uploadId: string | undefined, mayExist: boolean): Promise<string> {
  const notes: (string | undefined)[] = []
  if (uploadId) {
    try {
      await s3.client.send(new AbortMultipartUploadCommand({ Bucket: s3.bucket, Key: key, UploadId: uploadId }))
    } catch (error) {
      notes.push(`its multipart upload ${uploadId} could not be aborted (${s3.describe(error)}): ` + 'a lifecycle rule with AbortIncompleteMultipartUpload removes the parts it stored')
    }
  }
  if (mayExist) {
    notes.push(
      await removeOwnObject(s3, metadata, {
        read: () => s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key })),
        metadataOf: (head) => head.Metadata,
        remove: (head) => s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: key, ...(head.VersionId ? { VersionId: head.VersionId } : {}) })),
        isMissing: (error) => httpStatus(error) === 404
      })
    )
  }
  return cleanupNotes(notes)
}
