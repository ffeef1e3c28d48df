import { isAbsolute, resolve } from 'node:path'
import { z } from 'zod'
import { Inputs } from '../constants.js'
import { dbTypes, engineFacts, type DbType } from '../engines/catalog.js'
import { storageCatalog, storageTypes } from '../storage/catalog.js'
import { parseNotify } from './notify.js'
import { parseStorageOptions } from './storage-options.js'
import { type Config, type DatabaseConfig, type RawInputs } from './types.js'
import { conninfoParameterProblem } from '../engines/postgresql-connection.js'
import { describeValue, SECRET_INPUTS } from './describe.js'
import { CONTROL, httpUrlText, MAX_URL } from './http-url.js'
import { directoryText } from './rules.js'
import { compressionInput } from './compression.js'

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
// A host name, an IP address, or a socket directory; never option-like (a leading "-").
const HOST = /^(\/[^\0\s]{0,1023}|\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9_][A-Za-z0-9._-]{0,252}|[0-9A-Fa-f:]{2,45})$/
const HOST_RULE = 'must be a host name, IP address or socket directory'
// eslint-disable-next-line no-control-regex
const PLAIN_NAME = /^[^-\u0000-\u001f\u007f][^\u0000-\u001f\u007f]{0,127}$/
const PLAIN_NAME_RULE = 'must not start with "-" or contain control characters (at most 128 characters)'
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
  [Inputs.DbType]: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(dbTypes, { error: `must be one of ${dbTypes.join(', ')}` })),
  [Inputs.DbUrl]: z
    .string()
    .trim()
    .refine((v) => v.length <= MAX_URL, `must be at most ${MAX_URL} characters`)
    .refine((v) => !CONTROL.test(v), 'must not contain control characters (newlines, tabs): percent-encode them'),
  [Inputs.DbHost]: optionalText.refine((v) => v === '' || HOST.test(v), HOST_RULE),
  [Inputs.DbPort]: optionalText.refine(
    (v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535),
    'must be a whole number from 1 to 65535'
  ),
  [Inputs.DbName]: optionalText.refine((v) => v === '' || PLAIN_NAME.test(v), PLAIN_NAME_RULE),
  [Inputs.DbUser]: optionalText.refine((v) => v === '' || PLAIN_NAME.test(v), PLAIN_NAME_RULE),
  // Taken as given: leading and trailing spaces are part of a password.
  [Inputs.DbPassword]: z.string().refine((v) => v.length <= MAX_PASSWORD, `must be at most ${MAX_PASSWORD} characters`),
  [Inputs.StorageType]: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(storageTypes, { error: `must be one of ${storageTypes.join(', ')}` })),
  [Inputs.Bucket]: optionalText,
  [Inputs.Path]: directoryText,
  [Inputs.BackupName]: optionalText.refine(
    (v) => v === '' || BACKUP_NAME.test(v),
    'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit'
  ),
  [Inputs.RetentionDays]: wholeNumber(0, 36500, DEFAULT_RETENTION_DAYS),
  [Inputs.MaxBackups]: wholeNumber(0, 100000, DEFAULT_MAX_BACKUPS),
  [Inputs.DumpTimeoutMinutes]: wholeNumber(1, 1440, DEFAULT_DUMP_TIMEOUT_MINUTES),
  [Inputs.Compression]: compressionInput,
  [Inputs.RestoreCheck]: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => ['', 'true', 'false'].includes(value), 'must be true or false')
    .transform((value) => value === 'true'),
  [Inputs.ClientVersion]: z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => value || 'auto')
    .refine((value) => /^(auto|system|\d+(\.\d+){0,2})$/.test(value), 'must be auto, system, or a version such as 17, 8.4 or 100.10.0'),
  [Inputs.ClientDownloadUrl]: httpUrlText('a mirror is read without credentials').transform((value) => value.replace(/\/+$/, ''))
})

type ParsedInputs = z.infer<typeof inputSchema>

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd(), path)
}

function zodIssues(error: z.ZodError, raw: RawInputs): ConfigIssue[] {
  return error.issues.map((issue) => {
    const input = String(issue.path[0] ?? 'inputs')
    return { input, message: `${issue.message}${describeValue(raw[input] ?? '', SECRET_INPUTS.has(input))}` }
  })
}

/**
 * The parts of a MongoDB URL around its host list, which may be a seed list (a:27017,b:27017) and
 * so no WHATWG URL. The user-info ends at the LAST "@" before the first "/", "?" or "#": a raw ","
 * or "@" in a password belongs to the password, never to the hosts.
 */
const MONGODB_AUTHORITY = /^(mongodb:\/\/)(?:([^/?#]*)@)?([^@/?#]*)(.*)$/
const SEED = /^(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9_][A-Za-z0-9._-]{0,252})(:\d{1,5})?$/

/** A percent-decoded part of db-url; a bad escape is reported without showing the value. */
function decodePart(part: string, what: string, issues: ConfigIssue[]): string | undefined {
  try {
    return decodeURIComponent(part)
  } catch {
    issues.push({
      input: Inputs.DbUrl,
      message: `the ${what} holds a "%" that does not start a percent-encoded character: write "%" as %25 (percent-encode special characters; the value is not shown)`
    })
    return undefined
  }
}

/** The same rules for a value from db-url as for the input it stands in for. */
function checkUrlValue(value: string, what: string, valid: RegExp, rule: string, issues: ConfigIssue[]): void {
  if (value && !valid.test(value)) issues.push({ input: Inputs.DbUrl, message: `the ${what} ${rule} (the value is not shown)` })
}

/** Reads `db-url` and the separate fields into one database config; URL values win. */
function resolveDatabase(inputs: ParsedInputs, issues: ConfigIssue[]): DatabaseConfig {
  const type = inputs[Inputs.DbType]
  const spec = engineFacts(type)
  const database: DatabaseConfig = {
    type,
    host: inputs[Inputs.DbHost] || 'localhost',
    port: inputs[Inputs.DbPort] ? Number(inputs[Inputs.DbPort]) : spec.defaultPort,
    name: inputs[Inputs.DbName],
    user: inputs[Inputs.DbUser],
    password: inputs[Inputs.DbPassword],
    params: {},
    urlProtocol: ''
  }
  const rawUrl = inputs[Inputs.DbUrl]
  if (rawUrl) readDatabaseUrl(rawUrl, database, issues)
  if (spec.requiresDatabaseName && !database.name) {
    issues.push({ input: Inputs.DbName, message: `is required for db-type ${type} (or give the database in db-url)` })
  }
  return database
}

function readDatabaseUrl(rawUrl: string, database: DatabaseConfig, issues: ConfigIssue[]): void {
  const spec = engineFacts(database.type)
  const mongo = MONGODB_AUTHORITY.exec(rawUrl)
  const seedList = mongo && mongo[3].includes(',') ? mongo[3] : undefined
  let url: URL
  try {
    // A seed list is parsed around a stand-in host, and kept, ports included, as the host.
    url = new URL(seedList && mongo ? `${mongo[1]}${mongo[2] === undefined ? '' : `${mongo[2]}@`}seed-list.invalid${mongo[4]}` : rawUrl)
  } catch {
    issues.push({ input: Inputs.DbUrl, message: 'is not a valid URL (its value is not shown: it may hold a password)' })
    return
  }
  if (!spec.urlProtocols.includes(url.protocol)) {
    issues.push({ input: Inputs.DbUrl, message: `must start with ${spec.urlProtocols.map((p) => `${p}//`).join(' or ')} for db-type ${database.type}` })
    return
  }
  if (url.hash) issues.push({ input: Inputs.DbUrl, message: 'must not have a "#" fragment: percent-encode a "#" in the password as %23' })
  database.urlProtocol = url.protocol
  if (seedList) {
    if (!seedList.split(',').every((seed) => SEED.test(seed))) {
      issues.push({
        input: Inputs.DbUrl,
        message: 'the host list must be host:port entries separated by "," (percent-encode "/", "?", "#" and ":" in the user name and password; the value is not shown)'
      })
    }
    database.host = seedList
  } else if (url.hostname) {
    database.host = url.hostname
    checkUrlValue(url.hostname, 'host', HOST, HOST_RULE, issues)
  }
  if (url.port) database.port = Number(url.port)
  const user = decodePart(url.username, 'user name', issues)
  if (user) database.user = user
  checkUrlValue(user ?? '', 'user name', PLAIN_NAME, PLAIN_NAME_RULE, issues)
  const password = decodePart(url.password, 'password', issues)
  if (password) database.password = password
  const name = decodePart(url.pathname.replace(/^\//, ''), 'database name', issues)
  if (name) database.name = name
  checkUrlValue(name ?? '', 'database name', PLAIN_NAME, PLAIN_NAME_RULE, issues)
  for (const [key, value] of url.searchParams) {
    const problem = parameterProblem(database.type, key)
    if (problem) issues.push({ input: Inputs.DbUrl, message: problem })
    else database.params[key] = value
  }
}

/** Why a db-url query parameter cannot be used, or undefined. */
function parameterProblem(type: DbType, key: string): string | undefined {
  if (key.toLowerCase() === 'password') return 'must not carry the password as a query parameter: put it in the URL as user:password@ (percent-encoded) or in db-password'
  if (type === 'postgresql') return conninfoParameterProblem(key)
  return undefined
}

function defaultBackupName(database: DatabaseConfig): string {
  // A Redis "name" is a database index (redis://host/2): not a name to file backups under.
  if (database.type === 'redis') return database.name ? `redis-db${database.name}` : 'redis'
  const fromName = database.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '')
  return (fromName || database.type).slice(0, 100)
}

function keyPrefix(path: string, issues: ConfigIssue[]): string {
  const prefix = path.replace(/^\/+|\/+$/g, '')
  if (prefix.split('/').some((segment) => segment === '.')) {
    issues.push({ input: Inputs.Path, message: 'must not contain "." segments' })
  }
  return prefix
}

/** Parses every input once. Throws a ConfigError naming each input that is wrong. */
export function parseConfig(raw: RawInputs): Config {
  const notify = parseNotify(raw)
  const parsed = inputSchema.safeParse(raw)
  if (!parsed.success) throw new ConfigError([...zodIssues(parsed.error, raw), ...notify.issues])
  const inputs = parsed.data
  const issues: ConfigIssue[] = [...notify.issues]

  const database = resolveDatabase(inputs, issues)

  const storageType = inputs[Inputs.StorageType]
  const needsBucket = storageCatalog[storageType].needsBucket
  const bucket = inputs[Inputs.Bucket]
  const path = inputs[Inputs.Path]
  if (needsBucket && !bucket) {
    issues.push({ input: Inputs.Bucket, message: `is required for storage-type ${storageType}` })
  }
  if (!needsBucket && !path) {
    issues.push({ input: Inputs.Path, message: `is required for storage-type ${storageType}: the directory to keep backups in` })
  }

  const restoreCheck = inputs[Inputs.RestoreCheck]
  const canRestoreCheck = (type: DbType): boolean => engineFacts(type).restoreCheck
  if (restoreCheck && !canRestoreCheck(database.type)) {
    issues.push({ input: Inputs.RestoreCheck, message: `is supported for ${dbTypes.filter(canRestoreCheck).join(', ')}, not ${database.type}` })
  }

  const storagePath = needsBucket ? keyPrefix(path, issues) : path ? absolute(path) : ''
  const storageOptions = parseStorageOptions(storageType, bucket, raw, issues)
  if (issues.length > 0) throw new ConfigError(issues)

  return {
    database,
    client: { version: inputs[Inputs.ClientVersion], downloadUrl: inputs[Inputs.ClientDownloadUrl] },
    storage: { type: storageType, bucket, path: storagePath, ...storageOptions },
    backupName: inputs[Inputs.BackupName] || defaultBackupName(database),
    retention: { days: inputs[Inputs.RetentionDays], maxBackups: inputs[Inputs.MaxBackups] },
    notify: notify.config,
    compression: inputs[Inputs.Compression],
    restoreCheck,
    dumpTimeoutMs: inputs[Inputs.DumpTimeoutMinutes] * 60_000
  }
}
