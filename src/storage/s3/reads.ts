import { GetObjectCommand, HeadObjectCommand, paginateListObjectsV2 } from '@aws-sdk/client-s3'
import { saveStream } from '../../util/files.js'
import { httpStatus } from '../shared/failures.js'
import { download as downloading, listing } from '../shared/reads.js'
import type { DownloadOptions, DownloadResult, ObjectDetails, StoredObject } from '../types.js'
import type { S3Bucket } from './client.js'

const isMissing = (error: unknown): boolean => httpStatus(error) === 404

export async function list(s3: S3Bucket, keyPrefix: string): Promise<StoredObject[]> {
  return listing(s3, keyPrefix, async () => {
    const objects: StoredObject[] = []
    const pages = paginateListObjectsV2({ client: s3.client, pageSize: 1000 }, { Bucket: s3.bucket, Prefix: keyPrefix })
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue
        // Retention's safety rules need the storage's own time of every object.
        if (!object.LastModified) throw new Error(`the listing gives no LastModified for ${object.Key}`)
        // ListObjectsV2 carries no user metadata: metadata() asks for it where it decides.
        objects.push({ key: object.Key, sizeBytes: object.Size ?? 0, lastModified: object.LastModified })
      }
    }
    return objects
  })
}

export async function download(s3: S3Bucket, key: string, file: string, { expectedBytes, abort }: DownloadOptions): Promise<DownloadResult> {
  return downloading(s3, key, abort, isMissing, async () => {
    const object = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }), { abortSignal: abort })
    if (!object.Body) throw new Error('the response has no body')
    const saved = await saveStream(object.Body as NodeJS.ReadableStream, file, abort, { name: s3.uri(key), maxBytes: expectedBytes, announcedBytes: object.ContentLength })
    return { ...saved, recordedSha256: object.Metadata?.sha256 }
  })
}

/** The lock comes with the HeadObject where the credentials have s3:GetObjectRetention. */
export async function metadata(s3: S3Bucket, key: string): Promise<ObjectDetails | undefined> {
  try {
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }))
    return { metadata: head.Metadata ?? {}, ...(head.ObjectLockRetainUntilDate ? { lockedUntil: head.ObjectLockRetainUntilDate } : {}) }
  } catch (error) {
    if (isMissing(error)) return undefined
    throw new Error(`reading the metadata of ${s3.uri(key)} in ${s3.where} failed: ${s3.describe(error)}`)
  }
}
