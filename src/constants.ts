/**
 * Names of the action's inputs, outputs and steps: the contract of action.yml, in one place. The
 * inputs of each notification channel are its own, declared in its file in src/notify.
 */

export const Inputs = {
  DbType: 'db-type',
  DbUrl: 'db-url',
  DbHost: 'db-host',
  DbPort: 'db-port',
  DbName: 'db-name',
  DbUser: 'db-user',
  DbPassword: 'db-password',
  StorageType: 'storage-type',
  Bucket: 'bucket',
  Path: 'path',
  S3Endpoint: 's3-endpoint',
  S3Region: 's3-region',
  S3ForcePathStyle: 's3-force-path-style',
  S3Checksum: 's3-checksum',
  S3Sse: 's3-sse',
  S3KmsKeyId: 's3-kms-key-id',
  S3ObjectLockMode: 's3-object-lock-mode',
  StorageClass: 'storage-class',
  ImmutableDays: 'immutable-days',
  AzureConnectionString: 'azure-connection-string',
  AzureAccountUrl: 'azure-account-url',
  BackupName: 'backup-name',
  RetentionDays: 'retention-days',
  MaxBackups: 'max-backups',
  KeepLast: 'keep-last',
  KeepDaily: 'keep-daily',
  KeepWeekly: 'keep-weekly',
  KeepMonthly: 'keep-monthly',
  KeepYearly: 'keep-yearly',
  Tables: 'tables',
  ExcludeTables: 'exclude-tables',
  DumpArgs: 'dump-args',
  Notify: 'notify',
  NotifyOn: 'notify-on',
  HeartbeatUrl: 'heartbeat-url',
  AuditDir: 'audit-dir',
  DumpTimeoutMinutes: 'dump-timeout-minutes',
  Compression: 'compression',
  RestoreCheck: 'restore-check',
  IncludeGlobals: 'include-globals',
  Staging: 'staging',
  ClientVersion: 'client-version',
  ClientDownloadUrl: 'client-download-url',
  ClientDownloadAllowInsecureHttp: 'client-download-allow-insecure-http',
  EncryptionRecipients: 'encryption-recipients',
  EncryptionVerifyIdentity: 'encryption-verify-identity',
  SigningKey: 'signing-key'
} as const

export type InputName = (typeof Inputs)[keyof typeof Inputs]

/** The restore action's own inputs, besides the storage, database, client and notification inputs above. */
export const RestoreInputs = {
  BackupKey: 'backup-key',
  RestoreMode: 'restore-mode',
  DecryptionIdentity: 'decryption-identity',
  RestoreGlobals: 'restore-globals',
  VerifyKey: 'verify-key',
  RestoreGlobalsExistingRoleGrants: 'restore-globals-existing-role-grants',
  AcceptUnrestoredRedisFunctions: 'accept-unrestored-redis-functions',
  AcceptMissingDefiners: 'accept-missing-definers',
  RestoreOwnership: 'restore-ownership',
  RestoreDatabaseSettings: 'restore-database-settings',
  RestoreAtomic: 'restore-atomic'
} as const

export const Outputs = {
  Status: 'status',
  FailedStep: 'failed-step',
  BackupUri: 'backup-uri',
  BackupKey: 'backup-key',
  Sha256: 'sha256',
  SizeBytes: 'size-bytes',
  Etag: 'etag',
  VersionId: 'version-id',
  ThroughputBytesPerSecond: 'throughput-bytes-per-second',
  DeletedCount: 'deleted-count',
  FreedBytes: 'freed-bytes',
  AuditFile: 'audit-file',
  DurationMs: 'duration-ms',
  Backups: 'backups'
} as const

/** Outputs of the restore action besides status, failed-step, backup-key, backup-uri, sha256, size-bytes, duration-ms and audit-file. */
export const RestoreOutputs = {
  RestoredObjects: 'restored-objects'
} as const

export const StepNames = [
  'validate-config',
  'take-snapshot',
  'verify-integrity',
  'upload-to-storage',
  'cleanup-old-backups',
  'send-notification'
] as const

/** The restore action's steps, tracked and reported like the backup's. */
export const RestoreStepNames = [
  'validate-config',
  'locate-backup',
  'download-backup',
  'verify-integrity',
  'restore-database',
  'check-restored',
  'send-notification'
] as const

export type StepName = (typeof StepNames)[number] | (typeof RestoreStepNames)[number]

export type RunStatus = 'SUCCESS' | 'FAILED'

/**
 * What the main step saves for the post step (core.saveState; the runner hands it to the post
 * step as STATE_<name>), so that a main step killed outright is still reported.
 */
export const States = {
  StartedAt: 'startedAt',
  LastStepStarted: 'lastStepStarted',
  StepResults: 'stepResults',
  WorkDir: 'workDir',
  RunId: 'runId',
  Reported: 'reported'
} as const
