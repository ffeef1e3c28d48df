import { chunks } from '../shared/batches.js'
import { Deletions } from '../shared/deletions.js'
import type { DeleteResult } from '../types.js'
import type { AzureContainer } from './client.js'
import { errorCode, type AzureFailure } from './errors.js'

/** A blob batch holds at most 256 sub-requests. */
const BATCH_SIZE = 256

/** A delete refused because an immutability policy or a legal hold protects the blob (or its container). */
function lockRefusal(status: number | undefined, code: string | undefined): boolean {
  return status === 409 && /Immutable|LegalHold/i.test(code ?? '')
}

function lacksBatch(error: unknown): boolean {
  const status = (error as AzureFailure).statusCode
  return status === 400 || status === 405 || status === 501
}

export async function deleteKeys(azure: AzureContainer, keys: string[]): Promise<DeleteResult> {
  const done = new Deletions(azure)
  const batchClient = azure.container.getBlobBatchClient()
  for (const batch of chunks(keys, BATCH_SIZE)) {
    const clients = batch.map((key) => azure.container.getBlobClient(key))
    const keyOfUrl = new Map(clients.map((client, index) => [client.url, batch[index]]))
    try {
      const response = await batchClient.deleteBlobs(clients, { deleteSnapshots: 'include' })
      response.subResponses.forEach((sub, index) => {
        const key = keyOfUrl.get(sub._request.url) ?? batch[index]
        if (sub.status >= 200 && sub.status < 300) done.deleted.push(key)
        else if (lockRefusal(sub.status, sub.errorCode)) done.locked.push(key)
        else if (sub.status !== 404) done.failures.push(`${key}: ${sub.errorCode ?? `HTTP ${sub.status}`} ${sub.statusMessage ?? ''}`.trim())
      })
    } catch (error) {
      if (!lacksBatch(error)) throw done.batchFailed(batch.length, error)
      // Where blob batches are refused (some SAS scopes, gateways), one request per blob.
      await done.oneByOne(
        clients,
        (client) => keyOfUrl.get(client.url) as string,
        async (client) => (await client.deleteIfExists({ deleteSnapshots: 'include' })).succeeded,
        (single) => lockRefusal((single as AzureFailure).statusCode, errorCode(single))
      )
    }
  }
  return done.result()
}
