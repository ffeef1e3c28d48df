import { DownloadTooLarge } from '../../util/files.js'
import type { DownloadResult, StoredObject } from '../types.js'
import type { ObjectStore } from './cloud-storage.js'

/** Reading from a cloud storage, its failures worded once for every backend. */

/**
 * Runs a backend's download, timed; a cancelled run fails with the abort's reason, an object
 * larger than listed with DownloadTooLarge, a missing key by its name, anything else as described.
 */
export async function download(
  store: ObjectStore,
  key: string,
  abort: AbortSignal | undefined,
  isMissing: (error: unknown) => boolean,
  save: () => Promise<Omit<DownloadResult, 'durationMs'>>
): Promise<DownloadResult> {
  const started = performance.now()
  try {
    return { ...(await save()), durationMs: performance.now() - started }
  } catch (error) {
    if (abort?.aborted) throw abort.reason
    if (error instanceof DownloadTooLarge) throw error
    if (isMissing(error)) throw new Error(`${store.uri(key)} does not exist in ${store.where}`)
    throw new Error(`downloading ${store.uri(key)} from ${store.where} failed: ${store.describe(error)}`)
  }
}

/** Runs a backend's listing of `keyPrefix`; a failure names what was listed where. */
export async function listing(store: ObjectStore, keyPrefix: string, list: () => Promise<StoredObject[]>): Promise<StoredObject[]> {
  try {
    return await list()
  } catch (error) {
    throw new Error(`listing ${store.uri(keyPrefix)}* in ${store.where} failed: ${store.describe(error)}`)
  }
}
