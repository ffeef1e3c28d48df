import { saveStream } from '../../util/files.js'
import { httpStatus } from '../shared/failures.js'
import { download as downloading, listing } from '../shared/reads.js'
import type { DownloadOptions, DownloadResult, StoredObject } from '../types.js'
import type { GcsBucket } from './client.js'
import { customMetadata, gcsLockedUntil } from './settings.js'

const LIST_PAGE_SIZE = 1000

export async function list(gcs: GcsBucket, keyPrefix: string): Promise<StoredObject[]> {
  return listing(gcs, keyPrefix, async () => {
    const objects: StoredObject[] = []
    let pageToken: string | undefined
    do {
      const [files, next] = await gcs.bucket.getFiles({ prefix: keyPrefix, autoPaginate: false, maxResults: LIST_PAGE_SIZE, pageToken })
      for (const file of files) {
        const { size, timeCreated, updated } = file.metadata
        // timeCreated is when this generation was written; updated also moves with metadata edits.
        const written = timeCreated ?? updated
        if (!written) throw new Error(`the listing gives no timeCreated for ${file.name}`)
        objects.push({
          key: file.name,
          sizeBytes: Number(size ?? 0),
          lastModified: new Date(written),
          metadata: customMetadata(file.metadata),
          ...(gcsLockedUntil(file.metadata) ? { lockedUntil: gcsLockedUntil(file.metadata) } : {})
        })
      }
      pageToken = (next as { pageToken?: string } | null)?.pageToken
    } while (pageToken)
    return objects
  })
}

export async function download(gcs: GcsBucket, key: string, file: string, { expectedBytes, abort }: DownloadOptions): Promise<DownloadResult> {
  const object = gcs.bucket.file(key)
  return downloading(gcs, key, abort, (error) => httpStatus(error) === 404, async () => {
    const [stored] = await object.getMetadata()
    const cap = { name: gcs.uri(key), maxBytes: expectedBytes, ...(stored.size === undefined ? {} : { announcedBytes: Number(stored.size) }) }
    // The generation read is the one downloaded, even if the key is written again meanwhile.
    const reader = gcs.bucket.file(key, { generation: stored.generation }).createReadStream({ validation: 'crc32c' })
    const saved = await saveStream(reader, file, abort, cap)
    return { ...saved, recordedSha256: stored.metadata?.sha256 === undefined ? undefined : String(stored.metadata.sha256) }
  })
}
