import { IdempotencyStrategy, Storage, type Bucket } from '@google-cloud/storage'
import type { ObjectSettings, StorageConfig } from '../../config/types.js'
import { MAX_ATTEMPTS, RetryCounter } from '../shared/retries.js'
import type { CloudStore } from '../shared/cloud-storage.js'
import { describeGcs } from './errors.js'

/**
 * The bucket as configured, with the client every request goes through and the words messages
 * name it by: what each part of the GCS backend works with.
 */
export class GcsBucket implements CloudStore {
  readonly storage: Storage
  readonly bucket: Bucket
  readonly bucketName: string
  readonly objects: ObjectSettings | undefined
  readonly retries = new RetryCounter()

  constructor(config: StorageConfig) {
    this.bucketName = config.bucket
    this.objects = config.objects
    this.storage = new Storage({
      // The client's own retries: 408, 429, 500, 502, 503, 504 and connection errors, after 2, 4, 8 s
      // plus up to 1 s of jitter, all within totalTimeout; other answers fail at once. A resumable
      // upload resends the chunk it holds in memory (CHUNK_SIZE) from the offset GCS confirms.
      // RetryAlways: every request here is safe to repeat (the upload carries ifGenerationMatch: 0,
      // and deleting an old backup twice deletes it once), so deletes are retried too.
      retryOptions: {
        autoRetry: true,
        maxRetries: MAX_ATTEMPTS - 1,
        retryDelayMultiplier: 2,
        maxRetryDelay: 16,
        totalTimeout: 600,
        idempotencyStrategy: IdempotencyStrategy.RetryAlways
      }
    })
    this.bucket = this.storage.bucket(config.bucket)
    // Every request of one operation carries the same invocation id in x-goog-api-client.
    this.retries.watch(new URL(this.storage.apiEndpoint).host, (request) => {
      return /gccl-invocation-id\/(\S+)/.exec(String(request.getHeader('x-goog-api-client') ?? ''))?.[1]
    })
  }

  get apiEndpoint(): string {
    return this.storage.apiEndpoint
  }

  uri(key: string): string {
    return `gs://${this.bucketName}/${key}`
  }

  get where(): string {
    return `GCS bucket "${this.bucketName}" at ${this.storage.apiEndpoint}`
  }

  describe(error: unknown): string {
    return describeGcs(error, this)
  }
}
