import { z } from 'zod'
import { Inputs } from '../constants.js'
import { dbTypes, engineFacts, type DbType } from '../engines/catalog.js'
import { storageCatalog, storageTypes, type StorageType } from '../storage/catalog.js'
import { parseStorageOptions } from './storage-options.js'
import { parseObjectSettings } from './object-settings.js'
import { stagingModes, type ClientConfig, type Config, type KeepCounts, type RawInputs } from './types.js'
import { describeValue, SECRET_INPUTS } from './describe.js'
import { CONTROL, httpUrlText, MAX_URL } from './http-url.js'
import { directoryText } from './rules.js'
import { compressionInput } from './compression.js'
import { booleanInput, booleanOrWord } from './boolean.js'
import { aliasNotice, choiceInput, closest, DB_TYPE_ALIASES, STORAGE_TYPE_ALIASES } from './choices.js'
import { homeDirectoryIssue, isShorthand, onEphemeralRunner, resolveDirectory } from './paths.js'
import { readEncryption } from './encryption.js'
import { readSigningKey } from './signing.js'
import { KEEP_INPUTS, retentionPolicy } from './retention.js'
import { parseDumpOptions } from './dump.js'
import { backsUpSeveral, databaseNames } from './databases.js'
import { defaultBackupName, hostProblem, PLAIN_NAME, PLAIN_NAME_RULE, resolveDatabase } from './database.js'

/** What parsing tells beside the config: how values were read, and what may surprise. */
export type Remarks = Pick<Config, 'notices' | 'warnings'>

/** One thing wrong with one input. */
export interface ConfigIssue {
  input: string
  message: string
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[]

  constructor(issues: ConfigIssue[]) {
    // One value that breaks several rules is one mistake: its first problem is the one reported.
    const first = issues.filter((issue, index) => issues.findIndex((other) => other.input === issue.input) === index)
    super(first.map((issue) => `input "${issue.input}": ${issue.message}`).join('; '))
    this.issues = first
    this.name = 'ConfigError'
  }
}

const BACKUP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
/** Long enough for any real password, short enough to fit a child's environment. */
const MAX_PASSWORD = 4096

const DEFAULT_RETENTION_DAYS = 30
const DEFAULT_MAX_BACKUPS = 10
const DEFAULT_DUMP_TIMEOUT_MINUTES = 360

function wholeNumber(min: number, max: number, fallback: number) {
  return z
    .string()
    .trim()
    .transform((value) => (value === '' ? String(fallback) : value))
    .pipe(
      z
        .string()
        .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
        .transform(Number)
        .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
    )
}

const optionalText = z.string().trim()

const inputSchema = z.object({
  // Empty: read from the db-url scheme.
  [Inputs.DbType]: choiceInput(dbTypes, DB_TYPE_ALIASES),
  [Inputs.DbUrl]: z
    .string()
    .trim()
    .refine((v) => v.length <= MAX_URL, `must be at most ${MAX_URL} characters`)
    .refine((v) => !CONTROL.test(v), 'must not contain control characters (newlines, tabs): percent-encode them'),
  [Inputs.DbHost]: optionalText.superRefine((value, ctx) => {
    const problem = hostProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  }),
  [Inputs.DbPort]: optionalText.refine(
    (v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535),
    'must be a whole number from 1 to 65535'
  ),
  [Inputs.DbName]: optionalText.refine(
    (v) => databaseNames(v).every((name) => PLAIN_NAME.test(name)),
    `each database name ${PLAIN_NAME_RULE}; several are separated by "," or new lines, or "*" for every database`
  ),
  [Inputs.DbUser]: optionalText.refine((v) => v === '' || PLAIN_NAME.test(v), PLAIN_NAME_RULE),
  // Taken as given: leading and trailing spaces are part of a password.
  [Inputs.DbPassword]: z.string().refine((v) => v.length <= MAX_PASSWORD, `must be at most ${MAX_PASSWORD} characters`),
  [Inputs.StorageType]: choiceInput(storageTypes, STORAGE_TYPE_ALIASES).refine((value) => value !== '', `must be one of ${storageTypes.join(', ')}`),
  [Inputs.Bucket]: optionalText,
  [Inputs.Path]: directoryText,
  [Inputs.BackupName]: optionalText.refine(
    (v) => v === '' || BACKUP_NAME.test(v),
    'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit'
  ),
  [Inputs.RetentionDays]: wholeNumber(0, 36500, DEFAULT_RETENTION_DAYS),
  [Inputs.MaxBackups]: wholeNumber(0, 100000, DEFAULT_MAX_BACKUPS),
  [Inputs.KeepLast]: wholeNumber(0, 100000, 0),
  [Inputs.KeepDaily]: wholeNumber(0, 100000, 0),
  [Inputs.KeepWeekly]: wholeNumber(0, 100000, 0),
  [Inputs.KeepMonthly]: wholeNumber(0, 100000, 0),
  [Inputs.KeepYearly]: wholeNumber(0, 10000, 0),
  [Inputs.DumpTimeoutMinutes]: wholeNumber(1, 1440, DEFAULT_DUMP_TIMEOUT_MINUTES),
  [Inputs.Compression]: compressionInput,
  [Inputs.RestoreCheck]: booleanOrWord('source'),
  [Inputs.IncludeGlobals]: booleanInput(),
  [Inputs.Staging]: choiceInput(stagingModes, {}, 'auto'),
  [Inputs.ClientVersion]: z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => value || 'auto')
    .superRefine((value, ctx) => {
      if (/^(auto|system|\d+(\.\d+){0,2})$/.test(value)) return
      const near = closest(value, ['auto', 'system'])
      ctx.addIssue({ code: 'custom', message: `must be auto, system, or a version such as 17, 8.4 or 100.10.0${near ? ` (did you mean "${near}"?)` : ''}` })
    }),
  [Inputs.ClientDownloadUrl]: httpUrlText('a mirror is read without credentials').transform((value) => value.replace(/\/+$/, '')),
  [Inputs.ClientDownloadAllowInsecureHttp]: booleanInput()
})

export type ParsedInputs = z.infer<typeof inputSchema>

function keepCounts(inputs: ParsedInputs): KeepCounts {
  return Object.fromEntries(KEEP_INPUTS.map(([input, rule]) => [rule, inputs[input]])) as unknown as KeepCounts
}

function zodIssues(error: z.ZodError, raw: RawInputs): ConfigIssue[] {
  return error.issues.map((issue) => {
    const input = String(issue.path[0] ?? 'inputs')
    return { input, message: `${issue.message}${describeValue(raw[input] ?? '', SECRET_INPUTS.has(input))}` }
  })
}

function keyPrefix(path: string, issues: ConfigIssue[]): string {
  const prefix = path.replace(/^\/+|\/+$/g, '')
  if (prefix.split('/').some((segment) => segment === '.')) {
    issues.push({ input: Inputs.Path, message: 'must not contain "." segments' })
  }
  return prefix
}

/**
 * What the parsers of the other inputs found (the notification channels parse their own, in
 * src/notify, which config does not import): reported with these inputs' issues and remarks.
 */
export interface OtherInputs {
  issues: ConfigIssue[]
  notices: string[]
  warnings: string[]
}

/**
 * Parses every input once (`other`: those parsed elsewhere, already). Throws a ConfigError naming
 * each input that is wrong.
 */
export function parseConfig(raw: RawInputs, other: OtherInputs = { issues: [], notices: [], warnings: [] }): Config {
  const parsed = inputSchema.safeParse(raw)
  if (!parsed.success) throw new ConfigError([...zodIssues(parsed.error, raw), ...other.issues])
  const inputs = parsed.data
  const issues: ConfigIssue[] = [...other.issues]
  const remarks: Remarks = { notices: [], warnings: [] }
  for (const [input, value] of [[Inputs.DbType, inputs[Inputs.DbType]], [Inputs.StorageType, inputs[Inputs.StorageType]]] as const) {
    const notice = value ? aliasNotice(input, raw[input] ?? '', value) : undefined
    if (notice) remarks.notices.push(notice)
  }

  const resolved = resolveDatabase(inputs, issues, remarks)
  const database = resolved?.database

  const storageType = inputs[Inputs.StorageType] as StorageType
  const needsBucket = storageCatalog[storageType].needsBucket
  const bucket = inputs[Inputs.Bucket]
  const path = inputs[Inputs.Path]
  if (needsBucket && !bucket) {
    issues.push({ input: Inputs.Bucket, message: `is required for storage-type ${storageType}` })
  }
  if (!needsBucket && !path) {
    issues.push({ input: Inputs.Path, message: `is required for storage-type ${storageType}: the directory to keep backups in` })
  }

  const restoreCheck = inputs[Inputs.RestoreCheck] !== false
  const sourceCheck = inputs[Inputs.RestoreCheck] === 'source'
  const canRestoreCheck = (type: DbType): boolean => engineFacts(type).restoreCheck
  const canSourceCheck = (type: DbType): boolean => engineFacts(type).sourceCheck
  if (restoreCheck && database && !canRestoreCheck(database.type)) {
    issues.push({ input: Inputs.RestoreCheck, message: `is supported for ${dbTypes.filter(canRestoreCheck).join(', ')}, not ${database.type}` })
  } else if (sourceCheck && database && !canSourceCheck(database.type)) {
    issues.push({
      input: Inputs.RestoreCheck,
      message: `source (comparing the dump with the database read in the dump's own snapshot) is supported for ${dbTypes.filter(canSourceCheck).join(', ')}, not ${database.type}: use true`
    })
  }

  const encryption = readEncryption(raw, issues)
  const signing = readSigningKey(raw, issues)
  if (restoreCheck && encryption && encryption.verifyIdentities.length === 0) {
    issues.push({ input: Inputs.RestoreCheck, message: 'with encryption-recipients needs encryption-verify-identity: the encrypted dump is decrypted to restore it into the scratch database' })
  }
  const includeGlobals = inputs[Inputs.IncludeGlobals]
  if (includeGlobals && database && !engineFacts(database.type).globals) {
    issues.push({ input: Inputs.IncludeGlobals, message: `is supported for ${dbTypes.filter((type) => engineFacts(type).globals).join(', ')} only (roles and other globals of the server), not ${database.type}` })
  }
  const staging = inputs[Inputs.Staging] || 'auto'
  if (staging === 'stream' && restoreCheck) {
    issues.push({ input: Inputs.Staging, message: 'stream cannot be combined with restore-check, which restores the dump from a file on the runner: use staging auto or disk' })
  } else if (staging === 'stream' && encryption && encryption.verifyIdentities.length > 0) {
    issues.push({ input: Inputs.Staging, message: 'stream cannot be combined with encryption-verify-identity, which decrypts the stored file on the runner: use staging auto or disk' })
  }

  const client = clientSettings(inputs, issues, remarks)
  const dump = database ? parseDumpOptions(raw, database, issues) : undefined
  const storagePath = needsBucket ? keyPrefix(path, issues) : path ? localDirectory(path, issues, remarks) : ''
  const storageOptions = parseStorageOptions(storageType, bucket, raw, issues)
  const objects = parseObjectSettings(storageType, raw, inputs[Inputs.RetentionDays], issues, remarks)
  if (issues.length > 0 || !database || !dump || !resolved) throw new ConfigError(issues)
  remarks.notices.push(...other.notices)
  remarks.warnings.push(...other.warnings)

  return {
    database,
    dump,
    databases: resolved.databases,
    includeGlobals,
    client,
    storage: { type: storageType, bucket, path: storagePath, ...storageOptions, ...(objects ? { objects } : {}) },
    backupName: inputs[Inputs.BackupName] || (backsUpSeveral(resolved.databases) ? database.type : defaultBackupName(database)),
    retention: retentionPolicy(inputs[Inputs.RetentionDays], inputs[Inputs.MaxBackups], keepCounts(inputs), raw, remarks),
    compression: inputs[Inputs.Compression],
    restoreCheck,
    sourceCheck,
    ...(encryption ? { encryption } : {}),
    ...(signing ? { signing } : {}),
    staging,
    dumpTimeoutMs: inputs[Inputs.DumpTimeoutMinutes] * 60_000,
    ...remarks
  }
}

/**
 * The dump client settings. A mirror must be https: over plain http anyone on the path can swap
 * the client that will run with the database's password. An explicit opt-in accepts http, with
 * a warning (a pinned SHA-256 still checks what arrives).
 */
function clientSettings(inputs: ParsedInputs, issues: ConfigIssue[], remarks: Remarks): ClientConfig {
  const downloadUrl = inputs[Inputs.ClientDownloadUrl]
  const allowInsecureHttp = inputs[Inputs.ClientDownloadAllowInsecureHttp]
  if (downloadUrl.startsWith('http:')) {
    if (allowInsecureHttp) {
      remarks.warnings.push(
        `client-download-url is plain http (${Inputs.ClientDownloadAllowInsecureHttp} is set): anyone on the network path can replace the downloads; only the pinned SHA-256 checks them`
      )
    } else {
      issues.push({
        input: Inputs.ClientDownloadUrl,
        message: `must be an https:// URL: a dump client downloaded over plain http can be replaced by anyone on the network path (set ${Inputs.ClientDownloadAllowInsecureHttp}: true to accept that risk)`
      })
    }
  }
  return { version: inputs[Inputs.ClientVersion], downloadUrl, allowInsecureHttp }
}

/** The local storage directory, absolute; says where a shorthand path landed, and when the directory goes with the runner. */
function localDirectory(path: string, issues: ConfigIssue[], remarks: Remarks): string {
  const homeIssue = homeDirectoryIssue(path)
  if (homeIssue) issues.push({ input: Inputs.Path, message: homeIssue })
  const directory = resolveDirectory(path)
  if (isShorthand(path)) remarks.notices.push(`path "${path}" is the directory ${directory}`)
  if (onEphemeralRunner()) {
    remarks.warnings.push(
      `storage-type local keeps the backups in ${directory} on a GitHub-hosted runner, which is deleted when the job ends: ` +
        'they are lost with it. Use s3, gcs or azure-blob, or a self-hosted runner with a lasting directory'
    )
  }
  return directory
}
