import type { DbType } from '../engines/catalog.js'
import type { StorageType } from '../storage/catalog.js'

export type { DbType, StorageType }

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

export interface RetentionConfig {
  /** Backups older than this many days are deleted; 0 keeps them regardless of age. */
  days: number
  /** At most this many backups are kept, the newest; 0 keeps any number. */
  maxBackups: number
}

/** How a dump is compressed as it streams (the `compression` input: `zstd`, `gzip:6`, `none`). */
export const compressionNames = ['zstd', 'gzip', 'none'] as const
export type CompressionName = (typeof compressionNames)[number]
/** A level within the algorithm's range: zstd 1-19, gzip 1-9; 0 for none. */
export type CompressionLevel = number
export interface Compression {
  name: CompressionName
  level: CompressionLevel
}

/** `disk`: the dump is written to RUNNER_TEMP, verified, then uploaded; `stream`: sent to the storage as it is taken, committed once verified; `auto`: chosen per run. */
export const stagingModes = ['auto', 'disk', 'stream'] as const
export type Staging = (typeof stagingModes)[number]

export const channelNames = ['console', 'file', 'webhook', 'slack', 'discord', 'teams', 'email', 'telegram'] as const
export type ChannelName = (typeof channelNames)[number]

/** Which runs the channels hear about; the audit record is written for every run. */
export const notifyOnValues = ['always', 'failure', 'success'] as const
export type NotifyOn = (typeof notifyOnValues)[number]

export interface EmailSettings {
  /** smtp:// (STARTTLS where offered, required when it carries a password) or smtps:// (TLS from the start). A secret. */
  smtpUrl: string
  to: string[]
  from: string
}

export interface TelegramSettings {
  /** A secret. */
  botToken: string
  chatId: string
  /** The Bot API server: https://api.telegram.org, or a self-hosted one (TELEGRAM_API_URL). */
  apiUrl: string
}

/** Every URL, token and secret here is masked; each is '' (or absent) unless its channel is in `channels`. */
export interface NotifyConfig {
  channels: ChannelName[]
  notifyOn: NotifyOn
  webhookUrl: string
  /** Signs the generic webhook (Standard Webhooks) when set: `whsec_<base64>` or the raw secret. */
  webhookSecret: string
  slackWebhookUrl: string
  discordWebhookUrl: string
  teamsWebhookUrl: string
  email?: EmailSettings
  telegram?: TelegramSettings
  /** healthchecks.io-style ping URL: <url>/start, <url>, <url>/fail. Independent of `channels` and `notifyOn`. */
  heartbeatUrl: string
  auditDir: string
}

export interface ClientConfig {
  /** `auto`, `system`, or a version prefix such as `17`, `8.4` or `100.10.0`. */
  version: string
  /** Base URL that replaces the official download source of the client; empty for the official one. */
  downloadUrl: string
}

export interface Config {
  database: DatabaseConfig
  client: ClientConfig
  storage: StorageConfig
  backupName: string
  retention: RetentionConfig
  notify: NotifyConfig
  dumpTimeoutMs: number
  compression: Compression
  /** Where the dump is kept between the dump tool and the storage (the staging input). */
  staging: Staging
  /** Restore each backup into a scratch database and compare (the restore-check input). */
  restoreCheck: boolean
  /** How inputs were read where that is not plain from what was written (an alias, a relative path). */
  notices: string[]
  /** What the inputs ask for that works but may surprise (backups kept on a disk that is deleted with the job). */
  warnings: string[]
}

/** The action's inputs as the runner passed them: every name of Inputs, '' when not set. */
export type RawInputs = Record<string, string>
