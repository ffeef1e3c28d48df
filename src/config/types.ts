import type { SigningKey } from './signing.js'
import type { DbType } from '../engines/catalog.js'
import type { DumpOptions } from './dump-args.js'
import type { S3Encryption, S3ObjectLockMode, StorageType } from '../storage/catalog.js'

import type { ClientConfig } from '../tools/types.js'
import type { Compression } from '../util/compression.js'
import type { EncryptionConfig } from '../util/encryption.js'

export type { ClientConfig, DbType, EncryptionConfig, StorageType }
// The compression names and types belong to the compressor (util), which the config chooses from.
export { compressionNames, type Compression, type CompressionLevel, type CompressionName } from '../util/compression.js'

export interface DatabaseConfig {
  type: DbType
  host: string
  port: number
  /** Empty when not given (allowed where the engine dumps all databases). */
  name: string
  user: string
  password: string
  /** Query parameters of `db-url` (sslmode, authSource, ...), credentials removed. */
  params: Record<string, string>
  /** Scheme of `db-url` when one was given (`rediss:` asks for TLS). */
  urlProtocol: string
}

export interface StorageConfig {
  type: StorageType
  /** Bucket or container; empty for local. */
  bucket: string
  /** Local: the absolute directory. Cloud: the key prefix, without leading or trailing slash. */
  path: string
  /** Set for storage-type s3 only. */
  s3?: S3Options
  /** Set for storage-type azure-blob only. */
  azure?: AzureOptions
  /** How each backup object is written (class, encryption, lock); set for cloud storage types. */
  objects?: ObjectSettings
}

/** The per-object settings of an upload, applied by each backend in one place. */
export interface ObjectSettings {
  /** The storage class (S3, GCS) or access tier (Azure) as the storage spells it; '' for the bucket's default. */
  storageClass: string
  /** Days each new backup is locked against deletion and overwrite (a retention lock); 0 for none. */
  immutableDays: number
  /** S3 server-side encryption; '' for the bucket's default. */
  s3Encryption: S3Encryption | ''
  /** The KMS key (id, ARN or alias) with s3Encryption aws:kms; '' for the AWS-managed key. */
  s3KmsKeyId: string
  /** The S3 Object Lock mode of the retention set with immutableDays. */
  s3ObjectLockMode: S3ObjectLockMode
}

/** `sha256`: an S3 checksum on every upload request; `none`: only where the API requires one. */
export const s3ChecksumModes = ['sha256', 'none'] as const
export type S3ChecksumMode = (typeof s3ChecksumModes)[number]

export interface S3Options {
  /** An S3-compatible service (MinIO, R2, B2, Wasabi); empty for AWS itself. */
  endpoint: string
  /** Empty: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1. */
  region: string
  forcePathStyle: boolean
  checksum: S3ChecksumMode
}

export interface AzureOptions {
  /** From azure-connection-string, else AZURE_STORAGE_CONNECTION_STRING; empty when not given. A secret. */
  connectionString: string
  /** Used with DefaultAzureCredential when there is no connection string. */
  accountUrl: string
}

/** The calendar rules (restic's --keep-*): each a count, 0 for off. */
export interface KeepCounts {
  /** The newest this many backups. */
  last: number
  /** The newest backup of each of the last this many UTC days that have one. */
  daily: number
  /** ... of ISO weeks (Monday to Sunday, UTC). */
  weekly: number
  monthly: number
  yearly: number
}

export interface RetentionConfig {
  /** Backups older than this many days are deleted; 0 keeps them regardless of age. */
  days: number
  /** At most this many backups are kept, the newest; 0 keeps any number. */
  maxBackups: number
  /**
   * Whether `days` and `maxBackups` form a rule ("within limits": the newest maxBackups younger
   * than days). Always without calendar rules; with them, only when retention-days or max-backups
   * was set.
   */
  limits: boolean
  keep: KeepCounts
}


/** `disk`: the dump is written to RUNNER_TEMP, verified, then uploaded; `stream`: sent to the storage as it is taken, committed once verified; `auto`: chosen per run. */
export const stagingModes = ['auto', 'disk', 'stream'] as const
export type Staging = (typeof stagingModes)[number]


/** Which databases one run backs up (db-name): one, a list, or `*`. */
export interface DatabaseSelection {
  /** db-name `*`: every database the user can connect to, found by validate-config. */
  all: boolean
  /** The databases named; after validate-config, for `*`, those found. Empty where none is named (the whole server). */
  names: string[]
  /** backup-name as given ('' when not): with several databases each is stored as `<backup-name>-<database>`, else `<database>`. */
  namePrefix: string
}

export interface Config {
  /** With several databases, `name` is db-name as written; each backup has its own config (perDatabaseConfigs). */
  database: DatabaseConfig
  /** The tables, exclusions and extra arguments of the dump tool (the tables, exclude-tables and dump-args inputs). */
  dump: DumpOptions
  databases: DatabaseSelection
  /** PostgreSQL: the roles and other globals (pg_dumpall --globals-only) stored beside each dump. */
  includeGlobals: boolean
  client: ClientConfig
  storage: StorageConfig
  backupName: string
  retention: RetentionConfig
  dumpTimeoutMs: number
  compression: Compression
  /** Where the dump is kept between the dump tool and the storage (the staging input). */
  staging: Staging
  /** Restore each backup into a scratch database and compare (the restore-check input). */
  restoreCheck: boolean
  /** Also compare the dump with the source, read in the dump's snapshot (restore-check: source). */
  sourceCheck: boolean
  /** Set when encryption-recipients is given: the dump is stored encrypted to them (`.age`). */
  encryption?: EncryptionConfig
  /** Set when signing-key is given: every backup is stored with a manifest signed with it. */
  signing?: SigningKey
  /** How inputs were read where that is not plain from what was written (an alias, a relative path). */
  notices: string[]
  /** What the inputs ask for that works but may surprise (backups kept on a disk that is deleted with the job). */
  warnings: string[]
}

/** The action's inputs as the runner passed them: every name of Inputs, '' when not set. */
export type RawInputs = Record<string, string>
