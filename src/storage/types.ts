import type { RawInputs, StorageConfig } from '../config/types.js'
import type { BackupSeries } from '../config/backup-keys.js'
import type { ManifestRole } from './shared/manifest.js'

export interface UploadResult {
  uri: string
  /** As returned by the storage; empty where the storage has none (a local directory). */
  etag: string
  versionId: string
  sizeBytes: number
  durationMs: number
  /** The object's storage class, encryption and lock, as the storage reports them after the upload. */
  applied?: AppliedSettings
  /** What the storage did otherwise than asked without harm to the backup (a class it does not keep). */
  warnings?: string[]
}

/** Per-object settings as read back from the storage; each absent where it reports none. */
export interface AppliedSettings {
  storageClass?: string
  encryption?: string
  /** ISO time until which the object cannot be deleted or overwritten. */
  lockedUntil?: string
}

/** What delete() did with the keys it was given. */
export interface DeleteResult {
  /** Deleted now, or already gone. */
  deleted: string[]
  /** Refused by the storage because a retention lock or hold still protects them. */
  locked: string[]
}

/** What metadata() read of one object. */
export interface ObjectDetails {
  metadata: Record<string, string>
  /** Until when a retention lock protects it from deletion, where the storage said. */
  lockedUntil?: Date
}

export interface DownloadOptions {
  /** The object's size as the listing gave it: the download stops there. */
  expectedBytes: number
  abort?: AbortSignal
}

/** What download() wrote, and the SHA-256 recorded when the backup was stored. */
export interface DownloadResult {
  /** SHA-256 and size of the bytes written to the file, computed as they were written. */
  sha256: string
  sizeBytes: number
  /** The SHA-256 the backup action recorded (object metadata, or a local sidecar); undefined where none was. */
  recordedSha256: string | undefined
  durationMs: number
}

export interface StoredObject {
  key: string
  sizeBytes: number
  /** When the storage last wrote the object, by the storage's own clock. */
  lastModified: Date
  /**
   * The object's user metadata (`dbtype`, `backupname`, ... as written by `objectMetadata`) where
   * the listing carries it ({} for an object without any); undefined where the listing has none.
   */
  metadata?: Record<string, string>
  /**
   * Until when a retention lock (object retention, a bucket or container policy, a hold) protects
   * the object from deletion, where the listing tells; retention does not try to delete it before.
   */
  lockedUntil?: Date
}

/** What the preflight checked, for the step's figures, and what worked but was not clean. */
export interface PreflightResult {
  checked: string
  warnings?: string[]
}

/** One storage backend. Keys are relative to the configured bucket and prefix. */
export interface StorageBackend {
  /**
   * Uploads the file under `key`; a failed upload leaves nothing behind, and so does one that
   * `abort` stops (a cancelled run): it fails with the abort's reason.
   */
  upload(file: string, key: string, metadata: BackupMetadata, abort?: AbortSignal): Promise<UploadResult>
  /**
   * Before any dump: the credentials resolve and the bucket, container or directory is there and
   * writable, by the cheapest calls that prove it and leave nothing behind. Throws naming the
   * cause; returns what was checked.
   */
  preflight(keyPrefix: string): Promise<PreflightResult>
  /** Every object whose key starts with `keyPrefix`, read from the storage itself. */
  list(keyPrefix: string): Promise<StoredObject[]>
  /**
   * The user metadata (and retention lock) of one object, for storages whose listing does not
   * carry them (S3); undefined when the object is gone.
   */
  metadata?(key: string): Promise<ObjectDetails | undefined>
  /**
   * Streams the object under `key` into `file` (created, mode 0600), hashing it as it is written;
   * `abort` stops it (a cancelled run) with the abort's reason. A missing key is an error naming it.
   * It never writes more than `expectedBytes` (the size listed): more fails with DownloadTooLarge
   * (util/files.ts), naming both sizes, as soon as the storage announces or sends them.
   */
  download(key: string, file: string, options: DownloadOptions): Promise<DownloadResult>
  /**
   * Deletes the keys; returns those deleted (now, or already gone: a backend may not tell the
   * two apart, as S3 does not) and those a retention lock kept; any other refusal is an error.
   */
  delete(keys: string[]): Promise<DeleteResult>
  /**
   * Removes what runs killed mid-upload left of the series where no listing shows it (a local
   * directory's hidden partial files), untouched since `olderThan`; returns their names. Absent
   * where a storage leaves nothing of the kind (an unfinished cloud upload is never an object).
   */
  removeStalePartials?(series: BackupSeries, olderThan: Date): Promise<string[]>
  /** The URI of a key, as reported in outputs. */
  uri(key: string): string
  /** How many requests were retried after a transient fault since the last call: a step's figure. */
  takeRetryCount(): number
  /** What it writes beside an object stored under `key` with this SHA-256: a signed manifest lists those too. */
  companions?(key: string, sha256: string): Companion[]
  /**
   * Starts an upload under `key` that nothing can see until it is committed (staging stream): S3
   * multipart parts, a GCS resumable session with its final chunk held back, Azure staged blocks,
   * a hidden file beside a local destination. `estimatedBytes` sizes the parts; `abort` stops it.
   */
  beginUpload(key: string, metadata: StagingMetadata, abort: AbortSignal, estimatedBytes: number | undefined): Promise<StagedUpload>
}

/** What is known of a backup when its upload starts: everything but the SHA-256, known at the end. */
export type StagingMetadata = Omit<BackupMetadata, 'sha256'>

/** An upload under way, invisible until commit(). */
export interface StagedUpload {
  /** Sends bytes; resolves once they are accepted, so memory stays at the parts in flight. */
  write(chunk: Buffer): Promise<void>
  /** Sends everything written, but for what the commit itself must carry (GCS's final chunk). */
  flush(): Promise<void>
  /**
   * Makes the object visible with its SHA-256 recorded (and, where the storage keeps no metadata
   * but at its creation, records it then) and checks what the storage holds; once called, a failure
   * removes the object again.
   */
  commit(sha256: string, sizeBytes: number): Promise<UploadResult>
  /** Discards what was sent; a note for the error message when something could not be removed. */
  abort(): Promise<string>
  /** Parts sent, part size, peak memory held for parts: figures of the upload step. */
  figures(): Record<string, string | number>
}

/**
 * One storage backend as the rest of the action sees it: its folder's index.ts exports one, and
 * the registry (storage/index.ts) lists it. `load` imports the backend (and its SDK) only when a
 * run stores there.
 */
export interface StorageSpec {
  load: (config: StorageConfig) => Promise<StorageBackend>
}

/**
 * What a run needs of a backend without loading it, where the backend needs anything: its
 * folder's hooks.ts exports them, and storage/hooks.ts lists them. Every run and the post step
 * use them, so they load no SDK, and the post step's bundle, which never stores, carries none.
 */
export interface StorageHooks {
  /**
   * Masks the backend's secrets that the inputs' own masking cannot see (each part of an Azure
   * connection string), before anything prints: every run, whatever its storage-type.
   */
  registerSecrets?(raw: RawInputs): void
  /**
   * The post step of a killed run: removes what its upload left where no listing shows it (a
   * local directory's hidden partial files); returns their names.
   */
  removeRunPartials?(config: StorageConfig, runId: string): Promise<string[]>
}

/** An object a backend writes beside each one it stores (the local directory's SHA-256 sidecar). */
export interface Companion {
  role: ManifestRole
  key: string
  /** Its size as written, which reading it back must find. */
  sizeBytes: number
}

/** Stored with the object where the storage supports metadata. */
export interface BackupMetadata {
  sha256: string
  backupName: string
  dbType: string
  createdAt: string
}
