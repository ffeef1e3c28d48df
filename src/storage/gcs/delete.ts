import { mapLimit } from '../shared/batches.js'
import { Deletions } from '../shared/deletions.js'
import { httpStatus, plainMessage } from '../shared/failures.js'
import type { DeleteResult } from '../types.js'
import type { GcsBucket } from './client.js'

const DELETE_CONCURRENCY = 8

/** GCS refuses with 403 the deletion of an object under retention (its own, or the bucket's) or a hold. */
function lockRefusal(error: unknown): boolean {
  return httpStatus(error) === 403 && /retention|hold/i.test(plainMessage(error))
}

/** The JSON API has no multi-object delete: one request per object, a few at a time. */
export async function deleteKeys(gcs: GcsBucket, keys: string[]): Promise<DeleteResult> {
  const done = new Deletions(gcs)
  const results = await mapLimit(keys, DELETE_CONCURRENCY, async (key) => {
    try {
      await gcs.bucket.file(key).delete()
      return key
    } catch (error) {
      if (lockRefusal(error)) done.locked.push(key)
      else if (httpStatus(error) !== 404) done.failures.push(`${key}: ${gcs.describe(error)}`)
      return undefined
    }
  })
  // In the order of `keys`: mapLimit keeps each result in its place.
  done.deleted.push(...results.filter((key): key is string => key !== undefined))
  return done.result()
}
