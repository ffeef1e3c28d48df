import type { DeleteResult } from '../types.js'
import { mapLimit } from './batches.js'
import type { ObjectStore } from './cloud-storage.js'

/** How many deletions went through before a failure, for the error message. */
function deletedSoFar(deleted: number): string {
  return deleted > 0 ? ` (${deleted} other(s) were deleted)` : ''
}

/** One error for the deletions that failed, naming the first few. */
function deletionFailure(failures: string[], deleted: number, where: string): Error {
  const shown = `${failures.slice(0, 5).join('; ')}${failures.length > 5 ? '; ...' : ''}`
  return new Error(`${failures.length} old backup(s) could not be deleted from ${where}: ${shown}${deletedSoFar(deleted)}`)
}

/**
 * What delete() did with its keys, collected across batches: deleted (or already gone), kept by
 * a retention lock, or refused otherwise, which fails the whole call once every key was tried.
 */
export class Deletions {
  readonly deleted: string[] = []
  readonly locked: string[] = []
  readonly failures: string[] = []

  constructor(private readonly store: ObjectStore) {}

  /** A batch request that failed as a whole: the call fails, saying what went before. */
  batchFailed(count: number, error: unknown): Error {
    return new Error(`deleting ${count} old backup(s) from ${this.store.where} failed: ${this.store.describe(error)}${deletedSoFar(this.deleted.length)}`)
  }

  /**
   * One request per key, a few at a time, for services without batch deletes. `remove` resolves
   * whether it deleted the key (false: it was already gone).
   */
  async oneByOne<T>(items: readonly T[], keyOf: (item: T) => string, remove: (item: T) => Promise<boolean>, isLocked: (error: unknown) => boolean): Promise<void> {
    await mapLimit(items, 8, async (item) => {
      const key = keyOf(item)
      try {
        if (await remove(item)) this.deleted.push(key)
      } catch (error) {
        if (isLocked(error)) this.locked.push(key)
        else this.failures.push(`${key}: ${this.store.describe(error)}`)
      }
    })
  }

  /** The result; throws naming the refusals, if any. */
  result(): DeleteResult {
    if (this.failures.length > 0) throw deletionFailure(this.failures, this.deleted.length, this.store.where)
    return { deleted: this.deleted, locked: this.locked }
  }
}
