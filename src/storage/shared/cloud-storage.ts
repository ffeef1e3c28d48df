import type { BackupMetadata, DeleteResult, DownloadOptions, DownloadResult, PreflightResult, StagedUpload, StagingMetadata, StorageBackend, StoredObject, UploadResult } from '../types.js'
import type { RetryCounter } from './retries.js'

/** How a backend's messages name things: its bucket or container, a key, an SDK error. */
export interface ObjectStore {
  /** The bucket or container and where it is, as messages name it. */
  readonly where: string
  uri(key: string): string
  /** What went wrong, in words that say what to fix. */
  describe(error: unknown): string
}

/** What every part of a cloud backend works with: its client and bucket, how it names them, the retries counted. */
export interface CloudStore extends ObjectStore {
  readonly retries: RetryCounter
}

/** A cloud backend's calls, each written in the backend's file for its concern, made on its store. */
export interface CloudCalls<Store> {
  upload(store: Store, file: string, key: string, metadata: BackupMetadata, abort?: AbortSignal): Promise<UploadResult>
  beginUpload(store: Store, key: string, metadata: StagingMetadata, abort: AbortSignal, estimatedBytes: number | undefined): Promise<StagedUpload>
  preflight(store: Store, keyPrefix: string): Promise<PreflightResult>
  list(store: Store, keyPrefix: string): Promise<StoredObject[]>
  download(store: Store, key: string, file: string, options: DownloadOptions): Promise<DownloadResult>
  delete(store: Store, keys: string[]): Promise<DeleteResult>
}

/** A StorageBackend made of a cloud backend's store and its calls (see StorageBackend for what each does). */
export class CloudStorage<Store extends CloudStore> implements StorageBackend {
  constructor(
    protected readonly store: Store,
    private readonly calls: CloudCalls<Store>
  ) {}

  takeRetryCount(): number {
    return this.store.retries.take()
  }

  uri(key: string): string {
    return this.store.uri(key)
  }

  upload(file: string, key: string, metadata: BackupMetadata, abort?: AbortSignal): Promise<UploadResult> {
    return this.calls.upload(this.store, file, key, metadata, abort)
  }

  beginUpload(key: string, metadata: StagingMetadata, abort: AbortSignal, estimatedBytes: number | undefined): Promise<StagedUpload> {
    return this.calls.beginUpload(this.store, key, metadata, abort, estimatedBytes)
  }

  preflight(keyPrefix: string): Promise<PreflightResult> {
    return this.calls.preflight(this.store, keyPrefix)
  }

  list(keyPrefix: string): Promise<StoredObject[]> {
    return this.calls.list(this.store, keyPrefix)
  }

  download(key: string, file: string, options: DownloadOptions): Promise<DownloadResult> {
    return this.calls.download(this.store, key, file, options)
  }

  delete(keys: string[]): Promise<DeleteResult> {
    return this.calls.delete(this.store, keys)
  }
}
