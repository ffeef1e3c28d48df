import { isAbsolute, join, resolve } from 'node:path'
import { z } from 'zod'
import { Inputs } from '../constants.js'
import { dbTypes, engineFacts, type DbType } from '../engines/catalog.js'
import { storageCatalog, storageTypes } from '../storage/catalog.js'
import { parseStorageOptions } from './storage-options.js'
import {
  channelNames,
  type ChannelName,
  type Config,
  type DatabaseConfig,
  type NotifyConfig,
  type RawInputs
} from './types.js'
import { compressionInput } from './compression.js'
import { isHttpUrl } from './http-url.js'

/** One thing wrong with one input. */
export interface ConfigIssue {
  input: string
  message: string
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map((issue) => `input "${issue.input}": ${issue.message}`).join('; '))
    this.name = 'ConfigError'
  }
}

/** Inputs whose value must never be echoed in an error. */
const SECRET_INPUTS = new Set<string>([Inputs.DbPassword, Inputs.DbUrl, Inputs.WebhookUrl, Inputs.AzureConnectionString])

const BACKUP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
const HOST = /^(\/[^\0\s]*|\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+|[0-9A-Fa-f:]+)$/
// eslint-disable-next-line no-control-regex
const PLAIN_NAME = /^[^-\u0000-\u001f\u007f][^\u0000-\u001f\u007f]{0,127}$/

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

const channelList = z
  .string()
  .trim()
  .transform((value) => (value === '' ? 'console,file' : value))
  .transform((value) => value.split(',').map((part) => part.trim().toLowerCase()))
  .pipe(
    z
      .array(z.enum(channelNames, { error: `each entry must be one of ${channelNames.join(', ')}` }))
      .min(1, `must list at least one of ${channelNames.join(', ')}`)
  )
  .transform((list) => [...new Set(list)])

const webhookUrl = z
  .string()
  .trim()
  .refine((value) => value === '' || isHttpUrl(value), 'must be an http:// or https:// URL')

const inputSchema = z.object({
  [Inputs.DbType]: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(dbTypes, { error: `must be one of ${dbTypes.join(', ')}` })),
  [Inputs.DbUrl]: optionalText,
  [Inputs.DbHost]: optionalText.refine((v) => v === '' || HOST.test(v), 'must be a host name, IP address or socket directory'),
  [Inputs.DbPort]: optionalText.refine(
    (v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535),
    'must be a whole number from 1 to 65535'
  ),
  [Inputs.DbName]: optionalText.refine((v) => v === '' || PLAIN_NAME.test(v), 'must not start with "-" or contain control characters (at most 128 characters)'),
  [Inputs.DbUser]: optionalText.refine((v) => v === '' || PLAIN_NAME.test(v), 'must not start with "-" or contain control characters (at most 128 characters)'),
  [Inputs.DbPassword]: z.string(),
  [Inputs.StorageType]: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(storageTypes, { error: `must be one of ${storageTypes.join(', ')}` })),
  [Inputs.Bucket]: optionalText,
  [Inputs.Path]: optionalText,
  [Inputs.BackupName]: optionalText.refine(
    (v) => v === '' || BACKUP_NAME.test(v),
    'must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit'
  ),
  [Inputs.RetentionDays]: wholeNumber(0, 36500, DEFAULT_RETENTION_DAYS),
  [Inputs.MaxBackups]: wholeNumber(0, 100000, DEFAULT_MAX_BACKUPS),
  [Inputs.Notify]: channelList,
  [Inputs.WebhookUrl]: webhookUrl,
  [Inputs.AuditDir]: optionalText,
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
  [Inputs.ClientDownloadUrl]: z
    .string()
    .trim()
    .refine((value) => value === '' || isHttpUrl(value), 'must be an http:// or https:// URL')
    .transform((value) => value.replace(/\/+$/, ''))
})

type ParsedInputs = z.infer<typeof inputSchema>

function defaultAuditDir(): string {
  return join(process.env.RUNNER_TEMP || '/tmp', 'backup-notifications')
}

function absolute(path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd(), path)
}

function describeValue(input: string, raw: RawInputs): string {
  if (SECRET_INPUTS.has(input)) return ''
  const value = raw[input] ?? ''
  return value === '' ? ' (it is empty)' : ` (got "${value.length > 80 ? `${value.slice(0, 80)}...` : value}")`
}

function zodIssues(error: z.ZodError, raw: RawInputs): ConfigIssue[] {
  return error.issues.map((issue) => {
    const input = String(issue.path[0] ?? 'inputs')
    return { input, message: `${issue.message}${describeValue(input, raw)}` }
  })
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
  if (rawUrl) {
    // A MongoDB seed list (mongodb://a:27017,b:27017/...) is no WHATWG URL: parse the rest
    // around a stand-in host and keep the list, ports included, as the host.
    const seedList = /^(mongodb:\/\/)([^@/?]*@)?([^/?]*,[^/?]*)(.*)$/.exec(rawUrl)
    let url: URL | undefined
    try {
      url = new URL(seedList ? `${seedList[1]}${seedList[2] ?? ''}seed-list.invalid${seedList[4]}` : rawUrl)
    } catch {
      issues.push({ input: Inputs.DbUrl, message: 'is not a valid URL (its value is not shown: it may hold a password)' })
    }
    if (url && !spec.urlProtocols.includes(url.protocol)) {
      issues.push({
        input: Inputs.DbUrl,
        message: `must start with ${spec.urlProtocols.map((p) => `${p}//`).join(' or ')} for db-type ${type}`
      })
    } else if (url) {
      database.urlProtocol = url.protocol
      if (seedList) database.host = seedList[3]
      else if (url.hostname) database.host = url.hostname
      if (url.port) database.port = Number(url.port)
      if (url.username) database.user = decodeURIComponent(url.username)
      if (url.password) database.password = decodeURIComponent(url.password)
      const path = decodeURIComponent(url.pathname.replace(/^\//, ''))
      if (path) database.name = path
      for (const [key, value] of url.searchParams) {
        if (key.toLowerCase() !== 'password') database.params[key] = value
      }
    }
  }
  if (spec.requiresDatabaseName && !database.name) {
    issues.push({ input: Inputs.DbName, message: `is required for db-type ${type} (or give the database in db-url)` })
  }
  return database
}

function defaultBackupName(database: DatabaseConfig): string {
  // A Redis "name" is a database index (redis://host/2): not a name to file backups under.
  if (database.type === 'redis') return database.name ? `redis-db${database.name}` : 'redis'
  const fromName = database.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '')
  return (fromName || database.type).slice(0, 100)
}

function keyPrefix(path: string, issues: ConfigIssue[]): string {
  const prefix = path.replace(/^\/+|\/+$/g, '')
  if (prefix.split('/').some((segment) => segment === '..' || segment === '.')) {
    issues.push({ input: Inputs.Path, message: 'must not contain "." or ".." segments' })
  }
  return prefix
}

/**
 * Parses the notification settings on their own, so that a run whose other inputs are wrong can
 * still report that, through the channels it asked for.
 */
export function parseNotifyConfig(raw: RawInputs): NotifyConfig {
  const channels = channelList.safeParse(raw[Inputs.Notify] ?? '')
  const webhook = webhookUrl.safeParse(raw[Inputs.WebhookUrl] ?? '')
  const auditDir = (raw[Inputs.AuditDir] ?? '').trim()
  const url = webhook.success ? webhook.data : ''
  const wanted: ChannelName[] = channels.success ? channels.data : ['console', 'file']
  return {
    // A webhook without a usable URL cannot be sent; the config error says why.
    channels: url ? wanted : wanted.filter((channel) => channel !== 'webhook'),
    webhookUrl: url,
    auditDir: auditDir ? absolute(auditDir) : defaultAuditDir()
  }
}

/** Parses every input once. Throws a ConfigError naming each input that is wrong. */
export function parseConfig(raw: RawInputs): Config {
  const parsed = inputSchema.safeParse(raw)
  if (!parsed.success) throw new ConfigError(zodIssues(parsed.error, raw))
  const inputs = parsed.data
  const issues: ConfigIssue[] = []

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

  const channels = inputs[Inputs.Notify]
  const webhook = inputs[Inputs.WebhookUrl]
  if (channels.includes('webhook') && !webhook) {
    issues.push({ input: Inputs.WebhookUrl, message: 'is required when notify includes webhook' })
  }
  if (webhook && !channels.includes('webhook')) {
    issues.push({ input: Inputs.Notify, message: 'must include webhook when webhook-url is set (or remove webhook-url)' })
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
    notify: {
      channels,
      webhookUrl: webhook,
      auditDir: inputs[Inputs.AuditDir] ? absolute(inputs[Inputs.AuditDir]) : defaultAuditDir()
    },
    compression: inputs[Inputs.Compression],
    restoreCheck,
    dumpTimeoutMs: inputs[Inputs.DumpTimeoutMinutes] * 60_000
  }
}
