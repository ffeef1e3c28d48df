import {
  BlobServiceClient,
  StorageRetryPolicyType,
  type BlobClient,
  type BlobGetPropertiesResponse,
  type BlobImmutabilityPolicy,
  type BlockBlobParallelUploadOptions,
  type ContainerClient,
  type StoragePipelineOptions
} from '@azure/storage-blob'
import { randomBytes } from 'node:crypto'
import { stat } from 'node:fs/promises'
import type { ObjectSettings, StorageConfig } from '../../config/types.js'
import { errorMessage } from '../../util/errors.js'
import { DownloadTooLarge, saveStream } from '../../util/files.js'
import { registerConnectionString } from './secrets.js'
import {
  chunks,
  deletionFailure,
  isOurs,
  lockedUntil,
  mapLimit,
  MAX_ATTEMPTS,
  mayHaveStored,
  MiB,
  networkErrorCode,
  objectMetadata,
  partSizeFor,
  plainMessage,
  RetryCounter,
  storedObjectProblems,
  unquoteEtag
} from '../shared/cloud.js'
import { PartQueue, streamPartSizing } from '../shared/staged-upload.js'
import type { AppliedSettings, BackupMetadata, DeleteResult, DownloadOptions, DownloadResult, PreflightResult, StagedUpload, StagingMetadata, StorageBackend, StoredObject, UploadResult } from '../types.js'

const MIN_BLOCK_SIZE = 8 * MiB
const MAX_BLOCKS = 50_000
const MAX_BLOCK_SIZE = 4000 * MiB
/** Larger dumps go as blocks, several at a time; smaller ones in a single Put Blob. */
const SINGLE_SHOT_LIMIT = 32 * MiB
const BLOCK_CONCURRENCY = 4
/** A blob batch holds at most 256 sub-requests. */
const BATCH_SIZE = 256
const LIST_PAGE_SIZE = 1000

interface AzureFailure {
  name?: string
  code?: string
  statusCode?: number
  message?: string
  details?: { errorCode?: string }
}

const pipelineOptions: StoragePipelineOptions = {
  // The SDK's storage retry policy: 500 and 503 (ServerBusy is how Azure Storage throttles) and
  // connection errors are retried at once, then after 1 and 3 s (exponential, no jitter: the
  // SDK's); any other answer fails at once. An unreachable account fails within seconds.
  retryOptions: { retryPolicyType: StorageRetryPolicyType.EXPONENTIAL, maxTries: MAX_ATTEMPTS, retryDelayInMs: 1000, maxRetryDelayInMs: 16_000 }
}

/**
 * The per-blob settings every upload sends: the access tier, and a version-level immutability
 * policy (Unlocked: it can be extended, and shortened only by an identity allowed to change
 * immutability policies). uploadFile hands its options to Put Blob or Put Block List, whichever
 * commits the blob, and both take the policy, though its own options type does not list it.
 */
export function azureBlobOptions(objects: ObjectSettings | undefined, now = new Date()): Pick<BlockBlobParallelUploadOptions, 'tier'> & { immutabilityPolicy?: BlobImmutabilityPolicy } {
  if (!objects) return {}
  return {
    ...(objects.storageClass ? { tier: objects.storageClass } : {}),
    ...(objects.immutableDays > 0 ? { immutabilityPolicy: { expiriesOn: lockedUntil(objects.immutableDays, now), policyMode: 'Unlocked' as const } } : {})
  }
}

/** What Azure reports of the settings asked for; a missing policy is a problem, another tier a warning. */
function appliedAzureSettings(
  asked: ReturnType<typeof azureBlobOptions>,
  properties: BlobGetPropertiesResponse,
  key: string
): { applied: AppliedSettings; problems: string[]; warnings: string[] } {
  const until = properties.immutabilityPolicyExpiresOn
  const applied: AppliedSettings = {
    ...(properties.accessTier ? { storageClass: properties.accessTier } : {}),
    ...(properties.encryptionScope ? { encryption: `encryption scope ${properties.encryptionScope}` } : {}),
    ...(until ? { lockedUntil: until.toISOString() } : {})
  }
  const problems: string[] = []
  const askedUntil = asked.immutabilityPolicy?.expiriesOn
  if (askedUntil && (!until || until.getTime() < askedUntil.getTime() - 1000)) {
    problems.push(
      `it is stored without the immutability policy immutable-days asks for (${until ? `locked until ${until.toISOString()}` : 'none reported: the container needs version-level immutability support'})`
    )
  }
  const warnings = asked.tier && properties.accessTier !== asked.tier ? [`the storage keeps ${key} in access tier ${properties.accessTier ?? 'unknown'}, not ${asked.tier} as storage-class asks`] : []
  return { applied, problems, warnings }
}

/** A delete refused because an immutability policy or a legal hold protects the blob (or its container). */
function lockRefusal(status: number | undefined, code: string | undefined): boolean {
  return status === 409 && /Immutable|LegalHold/i.test(code ?? '')
}

/**
 * Azure Blob Storage (block blobs). Authorised by a connection string (an account key or a SAS),
 * or, given only an account URL, by DefaultAzureCredential: what azure/login sets up with OIDC
 * (through the Azure CLI), a managed identity, or AZURE_CLIENT_ID/AZURE_TENANT_ID/... variables.
 */
export class AzureBlobStorage implements StorageBackend {
  static async create(config: StorageConfig): Promise<AzureBlobStorage> {
    const options = config.azure ?? { connectionString: '', accountUrl: '' }
    if (options.connectionString) {
      registerConnectionString(options.connectionString)
      let service: BlobServiceClient
      try {
        service = BlobServiceClient.fromConnectionString(options.connectionString, pipelineOptions)
      } catch (error) {
        throw new Error(`the Azure Storage connection string cannot be used: ${plainMessage(error)}`)
      }
      return new AzureBlobStorage(service, config.bucket, 'a connection string', config.objects)
    }
    // @azure/identity is loaded only for this way of signing in.
    const { DefaultAzureCredential } = await import('@azure/identity')
    const service = new BlobServiceClient(options.accountUrl, new DefaultAzureCredential(), pipelineOptions)
    return new AzureBlobStorage(service, config.bucket, 'DefaultAzureCredential', config.objects)
  }

  private readonly container: ContainerClient
  private readonly retries = new RetryCounter()

  private constructor(
    private readonly service: BlobServiceClient,
    private readonly containerName: string,
    private readonly authorisedBy: string,
    private readonly objects: ObjectSettings | undefined
  ) {
    this.container = service.getContainerClient(containerName)
    // The retry policy resends the same request, with the client request id it was given once.
    this.retries.watch(new URL(service.url).host, (request) => request.getHeader('x-ms-client-request-id')?.toString())
  }

  takeRetryCount(): number {
    return this.retries.take()
  }

  /** The blob's URL without a query: a SAS from the connection string must not end up in an output. */
  uri(key: string): string {
    const url = new URL(this.container.getBlockBlobClient(key).url)
    url.search = ''
    return url.href
  }

  private get where(): string {
    const account = new URL(this.service.url)
    return `Azure container "${this.containerName}" at ${account.origin}${account.pathname.replace(/\/$/, '')} (signed in with ${this.authorisedBy})`
  }

  async upload(file: string, key: string, metadata: BackupMetadata, abort?: AbortSignal): Promise<UploadResult> {
    const { size } = await stat(file)
    const blob = this.container.getBlockBlobClient(key)
    const settings = azureBlobOptions(this.objects)
    const started = performance.now()
    try {
      // Each block is read from the file as it is sent (a stream per block range), so memory does
      // not grow with the dump. Nothing is visible until the block list is committed, and a
      // failed upload never commits it: Azure discards uncommitted blocks after a week.
      await blob.uploadFile(file, {
        blockSize: partSizeFor(size, MIN_BLOCK_SIZE, MAX_BLOCKS),
        maxSingleShotSize: SINGLE_SHOT_LIMIT,
        concurrency: BLOCK_CONCURRENCY,
        metadata: objectMetadata(metadata),
        blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
        // Never replaces a blob: the commit fails if anything already exists under the name.
        conditions: { ifNoneMatch: '*' },
        // An abort ends the requests in flight; the blocks already sent stay uncommitted.
        abortSignal: abort,
        ...settings
      } as BlockBlobParallelUploadOptions)
    } catch (error) {
      const cleanup = abort?.aborted || mayHaveStored(error) ? await this.discard(blob, metadata) : ''
      const cause = abort?.aborted ? errorMessage(abort.reason) : this.describe(error)
      throw new Error(`upload of ${this.uri(key)} to ${this.where} failed: ${cause}${cleanup}`)
    }
    const durationMs = performance.now() - started

    return this.confirmStored(blob, key, metadata, size, settings, durationMs)
  }

  /**
   * Blocks staged as the dump is written; the blob exists only once commit() commits the block
   * list, with the full metadata (the SHA-256 included) and only if nothing is under the name yet.
   * Azure has no call that discards staged blocks: one never committed is invisible, is dropped by
   * Azure after a week, and is replaced by the next upload under the name.
   */
  async beginUpload(key: string, metadata: StagingMetadata, abort: AbortSignal, estimatedBytes: number | undefined): Promise<StagedUpload> {
    const blob = this.container.getBlockBlobClient(key)
    const settings = azureBlobOptions(this.objects)
    const ids: string[] = []
    const sizing = streamPartSizing(estimatedBytes, MAX_BLOCKS, MAX_BLOCK_SIZE)
    // Fixed-length ids, as Azure requires of the blocks of one blob.
    const queue = new PartQueue(sizing, async (index, body) => {
      const id = Buffer.from(`block-${String(index).padStart(6, '0')}`).toString('base64')
      await blob.stageBlock(id, body, body.length, { abortSignal: abort })
      ids[index] = id
    })
    const failed = (error: unknown): Error =>
      new Error(`upload of ${this.uri(key)} to ${this.where} failed: ${abort.aborted ? errorMessage(abort.reason) : this.describe(error)}`)
    const started = performance.now()
    return {
      write: async (chunk) => queue.write(chunk).catch((error: unknown) => Promise.reject(failed(error))),
      flush: async () => queue.flush().catch((error: unknown) => Promise.reject(failed(error))),
      figures: () => ({ parts: queue.parts, 'part size bytes': sizing.initial, 'peak part memory bytes': queue.peakBytes }),
      abort: async () => '',
      commit: async (sha256, sizeBytes) => {
        await queue.flush().catch((error: unknown) => Promise.reject(failed(error)))
        const full = { ...metadata, sha256 }
        try {
          await blob.commitBlockList(ids, {
            metadata: objectMetadata(full),
            blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
            conditions: { ifNoneMatch: '*' },
            abortSignal: abort,
            ...settings
          })
        } catch (error) {
          const cleanup = abort.aborted || mayHaveStored(error) ? await this.discard(blob, full) : ''
          throw new Error(`${failed(error).message}${cleanup}`)
        }
        const durationMs = performance.now() - started
        return this.confirmStored(blob, key, full, sizeBytes, settings, durationMs)
      }
    }
  }

  /**
   * Reads the committed blob back: its size, its recorded SHA-256 and the settings asked for must be
   * the dump's, or it is removed again and the upload fails.
   */
  private async confirmStored(
    blob: BlobClient,
    key: string,
    metadata: BackupMetadata,
    sizeBytes: number,
    settings: ReturnType<typeof azureBlobOptions>,
    durationMs: number
  ): Promise<UploadResult> {
    let properties: Awaited<ReturnType<BlobClient['getProperties']>>
    try {
      properties = await blob.getProperties()
    } catch (error) {
      const cleanup = await this.discard(blob, metadata)
      throw new Error(`${this.uri(key)} was uploaded but cannot be read back from ${this.where}: ${this.describe(error)}${cleanup}`)
    }
    const problems = storedObjectProblems({ sizeBytes, sha256: metadata.sha256 }, { sizeBytes: properties.contentLength, sha256: properties.metadata?.sha256 })
    const { applied, problems: unapplied, warnings } = appliedAzureSettings(settings, properties, key)
    problems.push(...unapplied)
    if (problems.length > 0) {
      const cleanup = await this.discard(blob, metadata)
      throw new Error(`${this.uri(key)} in ${this.where} is not the dump: ${problems.join('; ')}${cleanup}`)
    }
    return {
      uri: this.uri(key),
      etag: unquoteEtag(properties.etag),
      versionId: properties.versionId ?? '',
      sizeBytes: properties.contentLength ?? 0,
      durationMs,
      applied,
      ...(warnings.length > 0 ? { warnings } : {})
    }
  }

  /**
   * Deletes a blob that a failed upload committed after all, recognised by its metadata so that a
   * blob this upload did not write is never touched; a note when that did not work.
   */
  private async discard(blob: BlobClient, metadata: BackupMetadata): Promise<string> {
    try {
      const properties = await blob.getProperties()
      if (isOurs(properties.metadata, metadata)) {
        await blob.deleteIfExists({ deleteSnapshots: 'include', conditions: { ifMatch: properties.etag } })
      }
      return ''
    } catch (error) {
      if ((error as AzureFailure).statusCode === 404) return ''
      return `; whether a blob was left under the name could not be checked (${this.describe(error)})`
    }
  }

  /** Whether the connection string signs with a SAS (its signature rides in the URL). */
  private hasSas(): boolean {
    return new URL(this.service.url).searchParams.has('sig')
  }

  /**
   * A SAS says what it permits (sp), so whether it can write is known without a request: a
   * listing alone would pass a read-only SAS, and the upload would be refused after the dump.
   * A new blob is written with w or c (the action never overwrites), read back with r.
   */
  private sasProblem(): string | undefined {
    const permissions = new URL(this.service.url).searchParams.get('sp')
    if (permissions === null) return undefined
    const missing = [...(/[wc]/.test(permissions) ? [] : ['w (write) or c (create), to upload']), ...(permissions.includes('r') ? [] : ['r (read), to read the backup back'])]
    if (missing.length === 0) return undefined
    return `the SAS of the connection string permits "${permissions}" only, without ${missing.join(', nor ')}: give one with the permissions racwdl (d and l for retention)`
  }

  /**
   * A one-blob listing: it resolves the credentials, finds the container and needs the List
   * permission retention needs too. Then, without a SAS, the write check.
   */
  async preflight(keyPrefix: string): Promise<PreflightResult> {
    const sas = this.sasProblem()
    if (sas) throw new Error(`${this.where} cannot be used: ${sas}`)
    try {
      await this.container.listBlobsFlat({ prefix: keyPrefix }).byPage({ maxPageSize: 1 }).next()
    } catch (error) {
      throw new Error(`${this.where} cannot be used: ${this.describe(error)}`)
    }
    const checks = ['credentials and container OK (one-blob listing)']
    if (this.objects?.immutableDays) checks.push(await this.checkImmutability())
    // A SAS says offline whether it may write; an account key or an identity is asked.
    if (!this.hasSas()) checks.push(await this.checkWrite(keyPrefix))
    return { checked: checks.join('; ') }
  }

  /**
   * Whether the identity may write, leaving nothing visible: one block of one byte staged under a
   * name never committed (Put Block needs the same write permission as the upload). An uncommitted
   * block makes no blob, version or listing entry (only a listing asking for uncommitted blobs
   * shows it), cannot be locked, and Azure discards it after 7 days; a probe blob would leave a
   * version behind in a container with versioning or immutability.
   */
  private async checkWrite(keyPrefix: string): Promise<string> {
    const name = `${keyPrefix}preflight-${randomBytes(4).toString('hex')}`
    try {
      await this.container.getBlockBlobClient(name).stageBlock(Buffer.from('preflight').toString('base64'), Buffer.alloc(1), 1)
    } catch (error) {
      const failure = error as AzureFailure
      const code = failure.code ?? failure.details?.errorCode ?? ''
      const cause =
        code === 'AuthorizationPermissionMismatch' || (failure.statusCode === 403 && !/^Authentication|^AuthorizationFailure/.test(code))
          ? `staging a block was refused (${code || 'HTTP 403'}): the identity needs write permission on blobs (Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write, in the Storage Blob Data Contributor role): ${plainMessage(error)}`
          : this.describe(error)
      throw new Error(`${this.where} cannot be written under ${this.uri(keyPrefix)}*: ${cause}`)
    }
    return 'writable (one-byte block staged, never committed)'
  }

  /** immutable-days needs version-level immutability support on the container (or its account). */
  private async checkImmutability(): Promise<string> {
    let enabled: boolean | undefined
    try {
      enabled = (await this.container.getProperties()).isImmutableStorageWithVersioningEnabled
    } catch (error) {
      throw new Error(`whether ${this.where} supports version-level immutability, which immutable-days needs, cannot be read: ${this.describe(error)}`)
    }
    if (!enabled) {
      throw new Error(
        `${this.where} does not have version-level immutability support, which immutable-days needs: enable it on the container or the account (see docs/storage.md), or remove immutable-days`
      )
    }
    return 'version-level immutability enabled'
  }

  async download(key: string, file: string, { expectedBytes, abort }: DownloadOptions): Promise<DownloadResult> {
    const started = performance.now()
    try {
      const response = await this.container.getBlobClient(key).download(0, undefined, { abortSignal: abort })
      if (!response.readableStreamBody) throw new Error('the response has no body')
      const saved = await saveStream(response.readableStreamBody, file, abort, { name: this.uri(key), maxBytes: expectedBytes, announcedBytes: response.contentLength })
      return { ...saved, recordedSha256: response.metadata?.sha256, durationMs: performance.now() - started }
    } catch (error) {
      if (abort?.aborted) throw abort.reason
      if (error instanceof DownloadTooLarge) throw error
      if ((error as AzureFailure).statusCode === 404) throw new Error(`${this.uri(key)} does not exist in ${this.where}`)
      throw new Error(`downloading ${this.uri(key)} from ${this.where} failed: ${this.describe(error)}`)
    }
  }

  async list(keyPrefix: string): Promise<StoredObject[]> {
    const objects: StoredObject[] = []
    try {
      const blobs = this.container.listBlobsFlat({ prefix: keyPrefix, includeMetadata: true, includeImmutabilityPolicy: true })
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
    } catch (error) {
      throw new Error(`listing ${this.uri(keyPrefix)}* in ${this.where} failed: ${this.describe(error)}`)
    }
    return objects
  }

  async delete(keys: string[]): Promise<DeleteResult> {
    const deleted: string[] = []
    const locked: string[] = []
    const failures: string[] = []
    const batchClient = this.container.getBlobBatchClient()
    for (const batch of chunks(keys, BATCH_SIZE)) {
      const clients = batch.map((key) => this.container.getBlobClient(key))
      const keyOfUrl = new Map(clients.map((client, index) => [client.url, batch[index]]))
      try {
        const response = await batchClient.deleteBlobs(clients, { deleteSnapshots: 'include' })
        response.subResponses.forEach((sub, index) => {
          const key = keyOfUrl.get(sub._request.url) ?? batch[index]
          if (sub.status >= 200 && sub.status < 300) deleted.push(key)
          else if (lockRefusal(sub.status, sub.errorCode)) locked.push(key)
          else if (sub.status !== 404) failures.push(`${key}: ${sub.errorCode ?? `HTTP ${sub.status}`} ${sub.statusMessage ?? ''}`.trim())
        })
      } catch (error) {
        if (!this.lacksBatch(error)) {
          throw new Error(
            `deleting ${batch.length} old backup(s) from ${this.where} failed: ${this.describe(error)}` +
              (deleted.length > 0 ? ` (${deleted.length} other(s) were deleted)` : '')
          )
        }
        // Where blob batches are refused (some SAS scopes, gateways), one request per blob.
        await mapLimit(clients, 8, async (client) => {
          const key = keyOfUrl.get(client.url) as string
          try {
            const result = await client.deleteIfExists({ deleteSnapshots: 'include' })
            if (result.succeeded) deleted.push(key)
          } catch (single) {
            const failure = single as AzureFailure
            if (lockRefusal(failure.statusCode, failure.code ?? failure.details?.errorCode)) locked.push(key)
            else failures.push(`${key}: ${this.describe(single)}`)
          }
        })
      }
    }
    if (failures.length > 0) throw deletionFailure(failures, deleted.length, this.where)
    return { deleted, locked }
  }

  private lacksBatch(error: unknown): boolean {
    const status = (error as AzureFailure).statusCode
    return status === 400 || status === 405 || status === 501
  }

  /** What went wrong, in words that say what to fix. */
  private describe(error: unknown): string {
    const failure = error as AzureFailure
    const code = failure.code ?? failure.details?.errorCode ?? ''
    const status = failure.statusCode
    const detail = plainMessage(error)
    const network = networkErrorCode(error)
    if (network) return `cannot reach ${new URL(this.service.url).origin} (${network}): ${detail}`
    if (failure.name === 'CredentialUnavailableError' || failure.name === 'AggregateAuthenticationError' || failure.name === 'AuthenticationError') {
      return `no usable Azure credentials (use azure/login before this action, or give azure-connection-string): ${detail}`
    }
    if (code === 'ContainerNotFound') return `the container "${this.containerName}" does not exist (ContainerNotFound)`
    if (code === 'AuthenticationFailed' || code === 'AuthorizationFailure' || status === 401) {
      return `the credentials were refused (${code || `HTTP ${status}`}): ${detail}`
    }
    if (code === 'AuthorizationPermissionMismatch' || status === 403) {
      return `access denied (${code || 'HTTP 403'}): the identity needs the Storage Blob Data Contributor role on the container or account: ${detail}`
    }
    if (code === 'BlobAlreadyExists' || status === 409) return `a blob already exists under the name (${code || 'HTTP 409'}): ${detail}`
    const label = code ? `${code}${status ? `, HTTP ${status}` : ''}` : status ? `HTTP ${status}` : ''
    return label ? `${label}: ${detail}` : detail
  }
}
