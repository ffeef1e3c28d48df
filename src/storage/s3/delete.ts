import { DeleteObjectCommand, DeleteObjectsCommand } from '@aws-sdk/client-s3'
import { chunks } from '../shared/batches.js'
import { Deletions } from '../shared/deletions.js'
import type { DeleteResult } from '../types.js'
import type { S3Bucket } from './client.js'
import type { S3Failure } from './errors.js'

const DELETE_BATCH = 1000

/** Whether a refused deletion was refused because Object Lock protects the object (or version). */
function lockRefusal(code: string | undefined, message: string | undefined): boolean {
  return code === 'AccessDenied' && /object lock|retention|legal hold/i.test(message ?? '')
}

function lacksBatchDelete(error: unknown): boolean {
  const failure = error as S3Failure
  const status = failure.$metadata?.httpStatusCode
  return failure.name === 'NotImplemented' || failure.name === 'MissingContentMD5' || status === 405 || status === 501
}

export async function deleteKeys(s3: S3Bucket, keys: string[]): Promise<DeleteResult> {
  const done = new Deletions(s3)
  for (const batch of chunks(keys, DELETE_BATCH)) {
    try {
      const response = await s3.client.send(new DeleteObjectsCommand({ Bucket: s3.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: false } }))
      for (const object of response.Deleted ?? []) if (object.Key !== undefined) done.deleted.push(object.Key)
      for (const failure of response.Errors ?? []) {
        if (failure.Key !== undefined && lockRefusal(failure.Code, failure.Message)) done.locked.push(failure.Key)
        else done.failures.push(`${failure.Key}: ${failure.Code ?? 'error'} ${failure.Message ?? ''}`.trim())
      }
    } catch (error) {
      if (!lacksBatchDelete(error)) throw done.batchFailed(batch.length, error)
      // Some S3-compatible services have no DeleteObjects (or want a Content-MD5 the SDK no longer sends).
      await done.oneByOne(
        batch,
        (Key) => Key,
        async (Key) => {
          await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key }))
          return true
        },
        (single) => lockRefusal((single as S3Failure).name, (single as S3Failure).message)
      )
    }
  }
  return done.result()
}
