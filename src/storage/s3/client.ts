import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3'
import type { ObjectSettings, S3Options, StorageConfig } from '../../config/types.js'
import { registerSecret } from '../../util/secrets.js'
import { MAX_ATTEMPTS, RetryCounter } from '../shared/retries.js'
import type { CloudStore } from '../shared/cloud-storage.js'
import { describeS3, type S3Failure } from './errors.js'

const DEFAULT_REGION = 'us-east-1'

/**
 * The bucket as configured, with the client every request goes through and the words messages
 * name it by: what each part of the S3 backend works with.
 */
export class S3Bucket implements CloudStore {
  readonly client: S3Client
  private readonly clientConfig: S3ClientConfig
  readonly bucket: string
  readonly endpoint: string
  readonly region: string
  readonly objects: ObjectSettings | undefined
  /** SHA-256 checksums on uploads: asked for, or required by S3 for uploads with an Object Lock retention. */
  readonly checksummed: boolean
  readonly retries = new RetryCounter()

  constructor(config: StorageConfig) {
    this.bucket = config.bucket
    const options: S3Options = config.s3 ?? { endpoint: '', region: '', forcePathStyle: false, checksum: 'sha256' }
    this.endpoint = options.endpoint
    // An SDK error never shows these, but a proxy's error page might: they are scrubbed like inputs.
    registerSecret(process.env.AWS_SECRET_ACCESS_KEY)
    registerSecret(process.env.AWS_SESSION_TOKEN)
    this.region = options.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || DEFAULT_REGION
    this.objects = config.objects
    this.checksummed = options.checksum === 'sha256' || (this.objects?.immutableDays ?? 0) > 0
    const checksums = this.checksummed ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED'
    this.clientConfig = {
      region: this.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle,
      // On AWS a bucket in another region than the one configured is still found.
      followRegionRedirects: !options.endpoint,
      requestChecksumCalculation: checksums,
      responseChecksumValidation: checksums,
      // The SDK's standard retry strategy: 500, 502, 503, 504, throttling (429, SlowDown) and
      // connection errors are retried with exponential backoff and full jitter (at most 1, 2, 4 s
      // after throttling); any other answer fails at once.
      retryMode: 'standard',
      maxAttempts: MAX_ATTEMPTS,
      requestHandler: { connectionTimeout: 10_000, socketTimeout: 120_000 }
    }
    this.client = this.newClient()
  }

  /** A client counting its retries: once per command, outside the retries, the SDK records how many attempts it took. */
  newClient(): S3Client {
    const client = new S3Client(this.clientConfig)
    client.middlewareStack.add(
      (next) => async (args) => {
        try {
          const result = await next(args)
          this.retries.add(((result.output as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1) - 1)
          return result
        } catch (error) {
          this.retries.add(((error as S3Failure).$metadata?.attempts ?? 1) - 1)
          throw error
        }
      },
      { step: 'initialize', name: 'countRetries' }
    )
    return client
  }

  uri(key: string): string {
    return `s3://${this.bucket}/${key}`
  }

  get where(): string {
    return `S3 bucket "${this.bucket}" at ${this.endpoint || `AWS (${this.region})`}`
  }

  describe(error: unknown): string {
    return describeS3(error, this)
  }
}
