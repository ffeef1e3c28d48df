import type { RunStatus, StepName } from '../constants.js'

/** Figures a step reports: shown in the summary and kept in the audit record. */
export type Figures = Record<string, string | number | boolean>

export type StepStatus = 'success' | 'failed' | 'skipped'

export interface StepResult {
  name: StepName
  status: StepStatus
  durationMs: number
  /** Why the step failed, secrets removed. */
  error?: string
  figures: Figures
  /** What worked but may surprise the reader (retention deleting backups younger than retention-days, ...). */
  warnings?: string[]
}

export interface BackupRecord {
  uri: string
  key: string
  sha256: string
  sizeBytes: number
  etag: string
  versionId: string
  throughputBytesPerSecond: number
  /** The object's page in its cloud console; absent where there is none (local, S3-compatible services, emulators). */
  consoleUrl?: string
  /** One shell line that feeds this backup to its restore tool. */
  restoreCommand?: string
  /** Set when the stored object is encrypted with age: for how many recipients. */
  encryption?: { format: 'age'; recipients: number }
  /** include-globals: the server's roles and other globals, stored beside the dump under the same key stem. */
  globals?: StoredGlobals
  /** signing-key: the signed manifest stored beside the dump, listing every object of the backup. */
  manifest?: StoredManifest
}

export interface StoredGlobals {
  uri: string
  key: string
  sha256: string
  sizeBytes: number
  /** The server refused to show role passwords: the roles are stored without them. */
  withoutPasswords: boolean
}

/** The signed manifest of a backup, as stored. */
export interface StoredManifest {
  uri: string
  key: string
  sizeBytes: number
  /** Ed25519 or HMAC-SHA256, and the key's fingerprint. */
  signature: string
}

export interface RetentionRecord {
  deletedCount: number
  freedBytes: number
  deletedKeys: string[]
  /** Backups kept although old or surplus, or not this engine's, and why (another run's, a future-dated key, ...). */
  spared: { key: string; reason: string }[]
  /**
   * Each backup the policy keeps, with every rule that keeps it: `within limits` (retention-days and
   * max-backups), `last`, `daily 2026-11-25`, `weekly 2026-W48`, `monthly 2026-11`, `yearly 2026`.
   */
  kept: { key: string; rules: string[] }[]
}

/** What the restore action put back, and where. */
export interface RestoreRecord {
  /** `empty` or `clean` (the restore-mode input). */
  mode: string
  /** Tables, collections or keys restored. */
  restoredObjects: number
}

/** Where the run happened, for the reader of a notification. */
export interface RunContext {
  repository: string
  workflow: string
  runId: string
  runAttempt: string
  runUrl: string
  eventName: string
  ref: string
  sha: string
}

/** One database of a run that backs up several (db-name a list or `*`): its own steps and backup. */
export interface DatabaseRun {
  database: string
  /** The series it is stored and retained under: `<backup-name>-<database>`, or `<database>`. */
  backupName: string
  status: RunStatus
  failedStep: StepName | ''
  error: string
  /** take-snapshot to cleanup-old-backups, as they went for this database. */
  steps: StepResult[]
  backup: BackupRecord | null
  retention: RetentionRecord | null
}

/** Everything a run did: the body of notifications, the audit record, the outputs and the summary. */
export interface RunReport {
  /** Set by the restore action; absent for a backup. */
  action?: 'restore'
  status: RunStatus
  failedStep: StepName | ''
  error: string
  startedAt: string
  finishedAt: string
  durationMs: number
  backupName: string
  database: { type: string; host: string; port: number | null; name: string }
  storage: { type: string; bucket: string; path: string }
  steps: StepResult[]
  /** With several databases: null (each database's backup is in `databases`). */
  backup: BackupRecord | null
  /** With several databases: the totals of every database's retention. */
  retention: RetentionRecord | null
  /** Set when the run backs up several databases: one entry per database, in the order backed up. */
  databases?: DatabaseRun[]
  /** The restore action's result, once check-restored passed. */
  restore?: RestoreRecord | null
  run: RunContext
  auditFile: string
}
