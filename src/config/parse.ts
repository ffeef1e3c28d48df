import { isIPv6 } from 'node:net'
import { z } from 'zod'
import { Inputs } from '../constants.js'
import { dbTypes, engineFacts, type DbType } from '../engines/catalog.js'
import { storageCatalog, storageTypes, type StorageType } from '../storage/catalog.js'
import { parseStorageOptions } from './storage-options.js'
import { parseObjectSettings } from './object-settings.js'
import { stagingModes, type ClientConfig, type Config, type DatabaseConfig, type DatabaseSelection, type KeepCounts, type RawInputs } from './types.js'
import { describeValue, SECRET_INPUTS } from './describe.js'
import { CONTROL, httpUrlText, MAX_URL } from './http-url.js'
import { directoryText } from './rules.js'
import { loneUserinfoIsPassword } from './url-secret-rules.js'
import { compressionInput } from './compression.js'
import { booleanInput, booleanOrWord } from './boolean.js'
import { aliasNotice, choiceInput, closest, DB_TYPE_ALIASES, STORAGE_TYPE_ALIASES } from './choices.js'
import { homeDirectoryIssue, isShorthand, onEphemeralRunner, resolveDirectory } from './paths.js'
import { readEncryption } from './encryption.js'
import { readSigningKey } from './signing.js'
import { KEEP_INPUTS, retentionPolicy } from './retention.js'
import { parseDumpOptions } from './dump.js'
import { ALL_DATABASES, backsUpSeveral, backupNames, databaseNames, selectionProblem } from './databases.js'

/** What parsing tells beside the config: how values were read, and what may surprise. */
type Remarks = Pick<Config, 'notices' | 'warnings'>

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
// A host name, an IPv4 or bracketed IPv6 address, or a socket directory; never option-like (a leading "-").
const HOST = /^(\/[^\0\s]{0,1023}|\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9_][A-Za-z0-9._-]{0,252})$/
const HOST_RULE = 'must be a host name, IP address or socket directory'
// "db:5432", "10.0.0.5:5432", "[::1]:5432": a port written into the host.
const HOST_WITH_PORT = /^([^:[\]/]+|\[[^\]]+\]):(\d{1,5})$/

/** A bare IPv6 address (::1) is a host too; "db:5432" is not one, though "d" and "b" are hex digits. */
function validHost(value: string): boolean {
  return HOST.test(value) || isIPv6(value)
}

/** What is wrong with a db-host value, with the fix; undefined when it is fine. */
function hostProblem(value: string): string | undefined {
  if (value === '' || validHost(value)) return undefined
  const withPort = HOST_WITH_PORT.exec(value)
  if (withPort) return `must be the host alone: put the port in db-port (db-host: ${withPort[1]}, db-port: ${withPort[2]})`
  return HOST_RULE
}
// eslint-disable-next-line no-control-regex
const PLAIN_NAME = /^[^-\u0000-\u001f\u007f][^\u0000-\u001f\u007f]{0,127}$/
const isPlainName = (value: string): boolean => PLAIN_NAME.test(value)
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

type ParsedInputs = z.infer<typeof inputSchema>

function keepCounts(inputs: ParsedInputs): KeepCounts {
  return Object.fromEntries(KEEP_INPUTS.map(([input, rule]) => [rule, inputs[input]])) as unknown as KeepCounts
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
function checkUrlValue(value: string, what: string, valid: (value: string) => boolean, rule: string, issues: ConfigIssue[]): void {
  if (value && !valid(value)) issues.push({ input: Inputs.DbUrl, message: `the ${what} ${rule} (the value is not shown)` })
}

/** The database type a db-url's scheme names: the engine that lists it first (mysql: is mysql, mariadb: is mariadb). */
function typeOfUrl(rawUrl: string): DbType | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(rawUrl)?.[1].toLowerCase()
  if (!scheme) return undefined
  return dbTypes.find((type) => engineFacts(type).urlProtocols[0] === scheme) ?? dbTypes.find((type) => engineFacts(type).urlProtocols.includes(scheme))
}

/** Reads `db-url` and the separate fields into one database config; URL values win. */
function resolveDatabase(inputs: ParsedInputs, issues: ConfigIssue[], remarks: Remarks): { database: DatabaseConfig; databases: DatabaseSelection } | undefined {
  const rawUrl = inputs[Inputs.DbUrl]
  const inferred = inputs[Inputs.DbType] ? undefined : typeOfUrl(rawUrl)
  const type = inputs[Inputs.DbType] || inferred
  if (!type) {
    issues.push({
      input: Inputs.DbType,
      message: rawUrl
        ? `is required: the db-url scheme names no database type (use ${dbTypes.map((t) => engineFacts(t).urlProtocols[0]).join('//, ')}//), or set db-type to one of ${dbTypes.join(', ')}`
        : `is required (one of ${dbTypes.join(', ')}), unless db-url is given: its scheme names the type`
    })
    return undefined
  }
  if (inferred) remarks.notices.push(`db-type is ${inferred}, from the db-url scheme`)
  const spec = engineFacts(type)
  const names = databaseNames(inputs[Inputs.DbName])
  const all = names.includes(ALL_DATABASES)
  const databases: DatabaseSelection = { all, names: all ? [] : names, namePrefix: inputs[Inputs.BackupName] }
  if (all && names.length > 1) issues.push({ input: Inputs.DbName, message: '"*" already means every database: give it alone, or list the databases' })
  const database: DatabaseConfig = {
    type,
    host: inputs[Inputs.DbHost] || 'localhost',
    port: inputs[Inputs.DbPort] ? Number(inputs[Inputs.DbPort]) : spec.defaultPort,
    name: names.join(', '),
    user: inputs[Inputs.DbUser],
    password: inputs[Inputs.DbPassword],
    params: {},
    urlProtocol: ''
  }
  const listed = database.name
  if (rawUrl) readDatabaseUrl(rawUrl, database, issues, remarks.warnings)
  const problem = selectionProblem(type, databases, database.name !== listed)
  if (problem) issues.push({ input: Inputs.DbName, message: problem })
  else if (backsUpSeveral(databases)) {
    database.name = listed
    const named = backupNames(databases, databases.names)
    if (named.problem) issues.push({ input: Inputs.DbName, message: named.problem })
  } else if (database.name !== listed || names.length === 0) databases.names = database.name ? [database.name] : []
  if (spec.requiresDatabaseName && !database.name) {
    issues.push({ input: Inputs.DbName, message: `is required for db-type ${type} (or give the database in db-url)` })
  }
  return { database, databases }
}

function readDatabaseUrl(rawUrl: string, database: DatabaseConfig, issues: ConfigIssue[], warnings: string[]): void {
  const spec = engineFacts(database.type)
  const mongo = MONGODB_AUTHORITY.exec(rawUrl)
  const seedList = mongo && mongo[3].includes(',') ? mongo[3] : undefined
  let url: URL
  try {
    // A seed list is parsed around a stand-in host, and kept, ports included, as the host.
    url = new URL(seedList && mongo ? `${mongo[1]}${mongo[2] === undefined ? '' : `${mongo[2]}@`}seed-list.invalid${mongo[4]}` : rawUrl)
  } catch {
    issues.push({
      input: Inputs.DbUrl,
      message:
        'is not a valid URL: write it as scheme://user:password@host:port/database, with special characters in the user name and password ' +
        'percent-encoded ("@" as %40, ":" as %3A, "/" as %2F, "#" as %23, "%" as %25, a space as %20), or leave the password out of the URL ' +
        'and give it in db-password (the value is not shown: it may hold a password)'
    })
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
    checkUrlValue(url.hostname, 'host', validHost, HOST_RULE, issues)
  }
  if (url.port) database.port = Number(url.port)
  // redis://PASSWORD@host is the password, as redis-cli reads it: never a user name to pass as --user.
  const userinfo = /^[^:/]+:\/\/([^/?#]*)@/.exec(rawUrl)?.[1] ?? ''
  const lonePassword = loneUserinfoIsPassword(rawUrl) && !userinfo.includes(':')
  const user = decodePart(lonePassword ? '' : url.username, 'user name', issues)
  if (user) database.user = user
  checkUrlValue(user ?? '', 'user name', isPlainName, PLAIN_NAME_RULE, issues)
  const password = decodePart(lonePassword ? url.username : url.password, 'password', issues)
  if (password && database.password) warnings.push('db-url and db-password both hold a password: the one in db-url is used; remove the other')
  if (password) database.password = password
  const name = decodePart(url.pathname.replace(/^\//, ''), 'database name', issues)
  if (name) database.name = name
  checkUrlValue(name ?? '', 'database name', isPlainName, PLAIN_NAME_RULE, issues)
  for (const [key, value] of url.searchParams) {
    const problem = parameterProblem(database.type, key)
    if (problem) issues.push({ input: Inputs.DbUrl, message: problem })
    else database.params[key] = value
  }
}

/** Why a db-url query parameter cannot be used, or undefined. */
function parameterProblem(type: DbType, key: string): string | undefined {
  if (key.toLowerCase() === 'password') return 'must not carry the password as a query parameter: put it in the URL as user:password@ (percent-encoded) or in db-password'
  return engineFacts(type).urlParameterProblem?.(key)
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
