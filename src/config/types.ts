import type { DbType } from '../engines/index.js'
import type { StorageType } from '../storage/index.js'

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
}

export interface RetentionConfig {
  /** Backups older than this many days are deleted; 0 keeps them regardless of age. */
  days: number
  /** At most this many backups are kept, the newest; 0 keeps any number. */
  maxBackups: number
}

export const channelNames = ['console', 'file', 'webhook'] as const
export type ChannelName = (typeof channelNames)[number]

export interface NotifyConfig {
  channels: ChannelName[]
  webhookUrl: string
  auditDir: string
}

export interface Config {
  database: DatabaseConfig
  storage: StorageConfig
  backupName: string
  retention: RetentionConfig
  notify: NotifyConfig
  dumpTimeoutMs: number
}

/** The action's inputs as the runner passed them: every name of Inputs, '' when not set. */
export type RawInputs = Record<string, string>
