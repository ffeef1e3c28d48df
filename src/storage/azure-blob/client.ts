import type { BlobServiceClient, ContainerClient, StoragePipelineOptions } from '@azure/storage-blob'
import type { ObjectSettings, StorageConfig } from '../../config/types.js'
import { plainMessage } from '../shared/failures.js'
import { MAX_ATTEMPTS, RetryCounter } from '../shared/retries.js'
import type { CloudStore } from '../shared/cloud-storage.js'
import { describeAzure } from './errors.js'
import { registerConnectionString } from './secrets.js'

/**
 * The account's client, signed in as configured. The SDK is loaded here, as the backend is
 * created, not when this folder is imported: run/inputs.ts imports registerConnectionString from
 * it in every run, and a run that stores elsewhere must not load the Azure SDK.
 */
export async function connect(config: StorageConfig): Promise<{ service: BlobServiceClient; authorisedBy: string }> {
  const { BlobServiceClient, StorageRetryPolicyType } = await import('@azure/storage-blob')
  const pipelineOptions: StoragePipelineOptions = {
    // The SDK's storage retry policy: 500 and 503 (ServerBusy is how Azure Storage throttles) and
    // connection errors are retried at once, then after 1 and 3 s (exponential, no jitter: the
    // SDK's); any other answer fails at once. An unreachable account fails within seconds.
    retryOptions: { retryPolicyType: StorageRetryPolicyType.EXPONENTIAL, maxTries: MAX_ATTEMPTS, retryDelayInMs: 1000, maxRetryDelayInMs: 16_000 }
  }
  const options = config.azure ?? { connectionString: '', accountUrl: '' }
  if (options.connectionString) {
    registerConnectionString(options.connectionString)
    try {
      return { service: BlobServiceClient.fromConnectionString(options.connectionString, pipelineOptions), authorisedBy: 'a connection string' }
    } catch (error) {
      throw new Error(`the Azure Storage connection string cannot be used: ${plainMessage(error)}`)
    }
  }
  // @azure/identity is loaded only for this way of signing in.
  const { DefaultAzureCredential } = await import('@azure/identity')
  return { service: new BlobServiceClient(options.accountUrl, new DefaultAzureCredential(), pipelineOptions), authorisedBy: 'DefaultAzureCredential' }
}

/**
 * The container as configured, with the client every request goes through and the words
 * messages name it by: what each part of the Azure backend works with.
 */
export class AzureContainer implements CloudStore {
  readonly container: ContainerClient
  readonly retries = new RetryCounter()

  constructor(
    readonly service: BlobServiceClient,
    readonly containerName: string,
    private readonly authorisedBy: string,
    readonly objects: ObjectSettings | undefined
  ) {
    this.container = service.getContainerClient(containerName)
    // The retry policy resends the same request, with the client request id it was given once.
    this.retries.watch(new URL(service.url).host, (request) => request.getHeader('x-ms-client-request-id')?.toString())
  }

  get serviceUrl(): string {
    return this.service.url
  }

  /** The blob's URL without a query: a SAS from the connection string must not end up in an output. */
  uri(key: string): string {
    const url = new URL(this.container.getBlockBlobClient(key).url)
    url.search = ''
    return url.href
  }

  get where(): string {
    const account = new URL(this.service.url)
    return `Azure container "${this.containerName}" at ${account.origin}${account.pathname.replace(/\/$/, '')} (signed in with ${this.authorisedBy})`
  }

  describe(error: unknown): string {
    return describeAzure(error, this)
  }
}
