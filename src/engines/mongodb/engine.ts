import * as core from '@actions/core'
import * as io from '@actions/io'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { CompressionName, DatabaseConfig } from '../../config/types.js'
import { parseToolVersion } from './client.js'
import { requireTool } from '../../tools/find.js'
import { compareVersions } from '../../tools/versions.js'
import { compressionOf, compressionOfName, sinkStream, storedBytes } from '../../util/compression.js'
import { captureDump } from '../../util/dump-stream.js'
import { decoded } from '../../util/dump-feed.js'
import { errorMessage } from '../../util/errors.js'
import { readHead } from '../../util/files.js'
import { commandLine, requireSuccess, runTool, toolFailed } from '../../util/process.js'
import { NO_DUMP_OPTIONS, type DumpOptions } from '../../config/dump-args.js'
import { withSecretFile } from '../../util/secret-file.js'
import { registerSecret } from '../../util/secrets.js'
import { MongoArchiveChecker } from './archive.js'
import { failureExplainedBy } from '../shared/failure.js'
import { storedSnapshot } from '../shared/snapshot.js'
import type { Engine, Figures, Snapshot, SnapshotRequest, VerifyRequest } from '../types.js'

const TOOLS_HINT =
  'install the MongoDB Database Tools 100.3.0 or newer (https://www.mongodb.com/try/download/database-tools; ' +
  'on Debian and Ubuntu the mongodb-database-tools package)'

/** The first Database Tools release that reads the connection string and the password from a --config file. */
const CONFIG_FILE_VERSION = '100.3.0'

const EXTENSIONS: Record<CompressionName, string> = { zstd: 'archive.zst', gzip: 'archive.gz', none: 'archive' }

/** Mechanisms that authenticate without a password (certificates, cloud identities, Kerberos tickets). */
const PASSWORDLESS_MECHANISMS = new Set(['MONGODB-X509', 'MONGODB-AWS', 'MONGODB-OIDC', 'GSSAPI'])

/**
 * The connection-string options of MongoDB's manual (reference/connection-string-options) that the
 * Database Tools read. Their Go driver takes the names in any case, and only warns about any other
 * option and ignores it (tlsAllowInvalidCertificates, wtimeoutMS and gssapiServiceName among them),
 * so those are refused rather than silently dropped.
 */
export const URL_OPTIONS = [
  'replicaSet',
  'directConnection',
  'loadBalanced',
  'tls',
  'ssl',
  'tlsCAFile',
  'tlsCertificateKeyFile',
  'tlsCertificateKeyFilePassword',
  'tlsInsecure',
  'tlsDisableOCSPEndpointCheck',
  'connectTimeoutMS',
  'socketTimeoutMS',
  'serverSelectionTimeoutMS',
  'timeoutMS',
  'compressors',
  'zlibCompressionLevel',
  'maxPoolSize',
  'minPoolSize',
  'maxConnecting',
  'maxIdleTimeMS',
  'w',
  'journal',
  'readConcernLevel',
  'readPreference',
  'readPreferenceTags',
  'maxStalenessSeconds',
  'authSource',
  'authMechanism',
  'authMechanismProperties',
  'localThresholdMS',
  'heartbeatFrequencyMS',
  'serverMonitoringMode',
  'srvMaxHosts',
  'srvServiceName',
  'appName',
  'retryReads',
  'retryWrites'
]
const KNOWN_URL_OPTIONS = new Set(URL_OPTIONS.map((name) => name.toLowerCase()))

/** The value of a db-url parameter, whatever the case of its name (as the tools read it). */
function urlOption(database: DatabaseConfig, name: string): string | undefined {
  const wanted = name.toLowerCase()
  return Object.entries(database.params).find(([key]) => key.toLowerCase() === wanted)?.[1]
}

/**
 * Refuses db-url parameters mongodump would ignore, and masks the secret ones from here on: the
 * client key's password, and an AWS session token in authMechanismProperties
 * (`AWS_SESSION_TOKEN:<token>`). The tools repeat the connection string in some errors.
 */
export function checkUrlOptions(database: DatabaseConfig): void {
  for (const key of Object.keys(database.params)) {
    if (!KNOWN_URL_OPTIONS.has(key.toLowerCase())) {
      throw new Error(`db-url parameter "${key}" is not a connection-string option that mongodump reads (it would ignore it): use one of ${URL_OPTIONS.join(', ')}`)
    }
  }
  registerSecret(urlOption(database, 'tlsCertificateKeyFilePassword'))
  const properties = urlOption(database, 'authMechanismProperties')
  registerSecret(properties)
  for (const property of properties?.split(',') ?? []) {
    const [name, ...value] = property.split(':')
    if (name.trim().toUpperCase() === 'AWS_SESSION_TOKEN') registerSecret(value.join(':'))
  }
}

function uriHost(database: DatabaseConfig): string {
  const { host, port } = database
  // A socket path is percent-encoded whole, as the connection string format requires.
  if (host.startsWith('/')) return encodeURIComponent(host)
  // An SRV name, or a seed list from db-url that carries its own ports.
  if (database.urlProtocol === 'mongodb+srv:' || host.includes(',')) return host
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`
}

/**
 * The connection string without the password. With db-url, its database stays in the path, where
 * MongoDB also reads it as the authentication database (unless authSource says otherwise); with
 * separate inputs the path is empty, so the user authenticates against admin, and the database is
 * passed as --db. Parameters are encoded as registerSecret encodes secrets, so that a secret
 * parameter the tools repeat in an error is still found and masked.
 */
export function mongoUri(database: DatabaseConfig): string {
  const scheme = database.urlProtocol === 'mongodb+srv:' ? 'mongodb+srv' : 'mongodb'
  const user = database.user ? `${encodeURIComponent(database.user)}@` : ''
  const path = database.urlProtocol && database.name ? encodeURIComponent(database.name) : ''
  const query = Object.entries(database.params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&')
  return `${scheme}://${user}${uriHost(database)}/${path}${query ? `?${query}` : ''}`
}

/**
 * A YAML double-quoted scalar that any YAML reader turns back into `value`: everything but
 * printable ASCII is escaped, so no character can end the line or the string early.
 */
export function yamlQuoted(value: string): string {
  let quoted = '"'
  for (const char of value) {
    const code = char.codePointAt(0) as number
    if (char === '"' || char === '\\') quoted += `\\${char}`
    else if (code >= 0x20 && code <= 0x7e) quoted += char
    else if (code <= 0xffff) quoted += `\\u${code.toString(16).padStart(4, '0')}`
    else quoted += `\\U${code.toString(16).padStart(8, '0')}`
  }
  return `${quoted}"`
}

/**
 * The --config file of the Database Tools: the connection string, with every secret parameter,
 * and the password, which no command line carries.
 */
export function configFile(database: DatabaseConfig): string {
  const lines = [`uri: ${yamlQuoted(mongoUri(database))}`]
  if (database.password) lines.push(`password: ${yamlQuoted(database.password)}`)
  return `${lines.join('\n')}\n`
}

/** mongodump writes the archive to its stdout (`--archive` without a file), for the action to compress. */
export function dumpArgs(database: DatabaseConfig, configPath: string, options: DumpOptions = NO_DUMP_OPTIONS): string[] {
  return [
    `--config=${configPath}`,
    '--archive',
    // With db-url the database is in the URI; the tools refuse it twice when the two differ.
    ...(database.name && !database.urlProtocol ? [`--db=${database.name}`] : []),
    // One collection at most (mongodump takes one --collection); validate-config said so.
    ...options.tables.map((collection) => `--collection=${collection}`),
    ...options.excludeTables.map((collection) => `--excludeCollection=${collection}`),
    ...options.args
  ]
}

export function restoreDryRunArgs(archive: string, compression: Exclude<CompressionName, 'zstd'>, configPath: string): string[] {
  return [`--config=${configPath}`, `--archive=${archive}`, ...(compression === 'gzip' ? ['--gzip'] : []), '--dryRun']
}

/** Credentials that would make the tools fail late, or wait for a password on standard input. */
export function checkCredentials(database: DatabaseConfig): void {
  const mechanism = (urlOption(database, 'authMechanism') ?? '').toUpperCase()
  if (database.password && !database.user) throw new Error('db-password is set but db-user is empty: give the user the password belongs to')
  if (database.user && !database.password && !PASSWORDLESS_MECHANISMS.has(mechanism)) {
    throw new Error(`db-user "${database.user}" has no db-password: give the password (mongodump would otherwise wait for one on standard input)`)
  }
}

/** What a failure of mongodump or mongorestore means, in words; undefined for others. */
export function explainFailure(stderr: string, database: DatabaseConfig): string | undefined {
  if (/AuthenticationFailed|Authentication failed|unable to authenticate/i.test(stderr)) {
    return (
      `authentication failed: the server rejected user "${database.user}" with this password ` +
      '(with db-url, the database in its path is the authentication database unless authSource is given)'
    )
  }
  if (/Unauthorized|not authorized/i.test(stderr)) {
    return `user "${database.user}" lacks privileges: mongodump needs the backup role (or find on every collection it dumps)`
  }
  if (/server selection|no reachable servers|connection refused|no such host|i\/o timeout|context deadline exceeded/i.test(stderr)) {
    return `cannot connect to the server at ${database.urlProtocol === 'mongodb+srv:' ? database.host : `${database.host}:${database.port}`}`
  }
  if (/error parsing .*config|yaml:/i.test(stderr)) return 'the tools could not read their --config file (they need version 100.3.0 or newer)'
  return undefined
}

export const failure = failureExplainedBy(explainFailure)

function withToolsConfig<T>(workDir: string, database: DatabaseConfig, use: (configPath: string) => Promise<T>): Promise<T> {
  return withSecretFile(workDir, 'mongo-tools.yaml', configFile(database), use)
}

async function toolVersion(path: string): Promise<string> {
  const result = await runTool({ command: path, args: ['--version'] })
  requireSuccess(`${path} --version`, result)
  return parseToolVersion(result.stdout)
}

/**
 * Reads an archive's stored bytes through the archive checker: the magic number, the header, each
 * namespace's documents and its CRC-64. The figures, or an error saying what is wrong.
 */
async function readArchive(stored: Readable, compression: CompressionName, database: DatabaseConfig): Promise<Figures> {
  const checker = new MongoArchiveChecker()
  try {
    await pipeline(decoded(stored, compression), sinkStream((chunk) => checker.push(chunk)))
  } catch (error) {
    throw new Error(`the archive is damaged or cut short: ${errorMessage(error)}`)
  }
  const archive = checker.finish()
  if (archive.collections === 0) {
    core.warning(`the archive holds no collection: ${database.name ? `database "${database.name}" is empty or does not exist` : 'the server has no data'}`)
  }
  return {
    'read through': compression === 'none' ? 'whole file' : `whole ${compression} stream`,
    'archive format': archive.formatVersion,
    'server version': archive.serverVersion,
    'mongodump version': archive.toolVersion,
    collections: archive.collections,
    documents: archive.documents,
    'CRC-64 checked': `${archive.namespaces} namespaces`
  }
}

async function restoreDryRun(database: DatabaseConfig, file: string, compression: CompressionName, workDir: string, timeoutMs: number): Promise<string> {
  // It would read the archive from its standard input; the action starts children without one.
  if (compression === 'zstd') return 'not run: mongorestore reads gzip or uncompressed archives only (the action read this one through itself)'
  const mongorestore = await io.which('mongorestore', false)
  if (!mongorestore) return 'not installed (the archive was checked without it)'
  const result = await withToolsConfig(workDir, database, (configPath) =>
    runTool({ command: mongorestore, args: restoreDryRunArgs(file, compression, configPath), timeoutMs })
  )
  if (toolFailed(result)) throw failure('mongorestore --dryRun', result, database, timeoutMs)
  return 'passed; a weak check: it reads only the archive\'s prelude and reports 0 documents whatever the archive holds (TOOLS-3493)'
}

export const mongodb: Engine = {
  fileExtension: (compression) => EXTENSIONS[compression.name],
  // The magic number and the archive header alone take more than this, compressed or not.
  minimumSizeBytes: 60,

  async snapshot(request: SnapshotRequest): Promise<Snapshot> {
    const { database, workDir, fileName, timeoutMs } = request
    // Everything that can be wrong without the server fails before connecting.
    checkUrlOptions(database)
    checkCredentials(database)
    const mongodump = await requireTool('mongodump', TOOLS_HINT)
    const version = await toolVersion(mongodump)
    if (compareVersions(version, CONFIG_FILE_VERSION) < 0) {
      throw new Error(`mongodump ${version} cannot read its connection string and password from a --config file (it needs ${CONFIG_FILE_VERSION} or newer): ${TOOLS_HINT}`)
    }
    const file = join(workDir, fileName)
    let command = ''
    const capture = await withToolsConfig(workDir, database, (configPath) => {
      const dump = { command: mongodump, args: dumpArgs(database, configPath, request.options), timeoutMs }
      command = commandLine(dump)
      return captureDump({
        dump,
        compression: request.compression,
        file,
        check: (stored) => readArchive(stored, request.compression.name, database),
        encryption: request.encryption,
        open: request.open
      })
    })
    if (toolFailed(capture.dump)) throw failure('mongodump', capture.dump, database, timeoutMs)
    return storedSnapshot(file, capture, { client: `mongodump ${version}`, 'client path': mongodump, command, compression: capture.compressor })
  },

  async verify({ database, file, workDir, timeoutMs }: VerifyRequest): Promise<Figures> {
    const expected = compressionOfName(file)
    const actual = compressionOf(await readHead(file, 4))
    if (actual !== expected) {
      throw new Error(
        `the archive is named .${EXTENSIONS[expected]} but ${actual === 'none' ? `does not start with the ${expected} magic number` : `is ${actual}-compressed`}`
      )
    }
    return {
      ...(await readArchive(storedBytes(file), expected, database)),
      'mongorestore --dryRun': await restoreDryRun(database, file, expected, workDir, timeoutMs)
    }
  }
}
