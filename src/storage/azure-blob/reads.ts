import { saveStream } from '../../util/files.js'
import { download as downloading, listing } from '../shared/reads.js'
import type { DownloadOptions, DownloadResult, StoredObject } from '../types.js'
import type { AzureContainer } from './client.js'
import { isMissing } from './errors.js'

const LIST_PAGE_SIZE = 1000

export async function download(azure: AzureContainer, key: string, file: string, { expectedBytes, abort }: DownloadOptions): Promise<DownloadResult> {
  return downloading(azure, key, abort, isMissing, async () => {
    const response = await azure.container.getBlobClient(key).download(0, undefined, { abortSignal: abort })
    if (!response.readableStreamBody) throw new Error('the response has no body')
    const saved = await saveStream(response.readableStreamBody, file, abort, { name: azure.uri(key), maxBytes: expectedBytes, announcedBytes: response.contentLength })
    return { ...saved, recordedSha256: response.metadata?.sha256 }
  })
}

export async function list(azure: AzureContainer, keyPrefix: string): Promise<StoredObject[]> {
  return listing(azure, keyPrefix, async () => {
    const objects: StoredObject[] = []
    const blobs = azure.container.listBlobsFlat({ prefix: keyPrefix, includeMetadata: true, includeImmutabilityPolicy: true })
    for await (const page of blobs.byPage({ maxPageSize: LIST_PAGE_SIZE })) {
      for (const item of page.segment.blobItems) {
        const until = item.properties.immutabilityPolicyExpiresOn
        objects.push({
          key: item.name,
          sizeBytes: item.properties.contentLength ?? 0,
          lastModified: item.properties.lastModified,
          metadata: item.metadata ?? {},
          ...(until ? { lockedUntil: until } : {})
        })
      }
    }
    return objects
  })
}
