import * as core from '@actions/core'
import * as io from '@actions/io'
import { chmod } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatabaseConfig } from '../config/types.js'
import { parseToolVersion } from '../tools/clients/mongodb.js'
import { requireTool } from '../tools/find.js'
import { compareVersions } from '../tools/versions.js'
import { compressionOf, readDecompressed } from '../util/compression.js'
import { errorMessage } from '../util/errors.js'
import { hashFile, readHead } from '../util/files.js'
import { describeFailure, runTool, type ToolResult } from '../util/process.js'
import { withSecretFile } from '../util/secret-file.js'
import { MongoArchiveChecker } from './mongodb-archive.js'
import type { Engine, Figures, Snapshot, SnapshotRequest, VerifyRequest } from './types.js'

const TOOLS_HINT =
  'install the MongoDB Database Tools 100.3.0 or newer (https://www.mongodb.com/try/download/database-tools; ' +
  'on Debian and Ubuntu the mongodb-database-tools package)'

/** The first Database Tools release that reads the password from a --config file. */
const CONFIG_FILE_VERSION = '100.3.0'

/** Mechanisms that authenticate without a password (certificates, cloud identities, Kerberos tickets). */
const PASSWORDLESS_MECHANISMS = new Set(['MONGODB-X509', 'MONGODB-AWS', 'MONGODB-OIDC', 'GSSAPI'])

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
 * passed as --db.
 */
export function mongoUri(database: DatabaseConfig): string {
  const scheme = database.urlProtocol === 'mongodb+srv:' ? 'mongodb+srv' : 'mongodb'
  const user = database.user ? `${encodeURIComponent(database.user)}@` : ''
  const path = database.urlProtocol && database.name ? encodeURIComponent(database.name) : ''
  const query = new URLSearchParams(database.params).toString()
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

/** The --config file of the Database Tools: the only place the password is written. */
export function configFile(password: string): string {
  return `password: ${yamlQuoted(password)}\n`
}

export function dumpArgs(database: DatabaseConfig, archive: string, configPath: string | undefined): string[] {
  return [
    `--uri=${mongoUri(database)}`,
    `--archive=${archive}`,
    '--gzip',
    // With db-url the database is in the URI; the tools refuse it twice when the two differ.
    ...(database.name && !database.urlProtocol ? [`--db=${database.name}`] : []),
    ...(configPath ? [`--config=${configPath}`] : [])
  ]
}

export function restoreDryRunArgs(database: DatabaseConfig, archive: string, configPath: string | undefined): string[] {
  return [`--uri=${mongoUri(database)}`, `--archive=${archive}`, '--gzip', '--dryRun', ...(configPath ? [`--config=${configPath}`] : [])]
}

/** Credentials that would make the tools fail late, or wait for a password on standard input. */
export function checkCredentials(database: DatabaseConfig): void {
  const mechanism = (database.params.authMechanism ?? '').toUpperCase()
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

function failure(what: string, result: ToolResult, database: DatabaseConfig, timeoutMs: number): Error {
  const described = describeFailure(what, result, timeoutMs)
  const explanation = result.timedOut ? undefined : explainFailure(result.stderr, database)
  return new Error(explanation ? `${explanation}: ${described}` : described)
}

async function withPasswordConfig<T>(workDir: string, database: DatabaseConfig, use: (configPath: string | undefined) => Promise<T>): Promise<T> {
  if (!database.password) return use(undefined)
  return withSecretFile(workDir, 'mongo-tools.yaml', configFile(database.password), use)
}

async function toolVersion(path: string): Promise<string> {
  const result = await runTool({ command: path, args: ['--version'] })
  if (result.exitCode !== 0) throw new Error(describeFailure(`${path} --version`, result))
  return parseToolVersion(result.stdout)
}

async function restoreDryRun(database: DatabaseConfig, file: string, workDir: string, timeoutMs: number): Promise<string> {
  const mongorestore = await io.which('mongorestore', false)
  if (!mongorestore) return 'not installed (the archive was checked without it)'
  const result = await withPasswordConfig(workDir, database, (configPath) =>
    runTool({ command: mongorestore, args: restoreDryRunArgs(database, file, configPath), timeoutMs })
  )
  if (result.exitCode !== 0 || result.timedOut) throw failure('mongorestore --dryRun', result, database, timeoutMs)
  return 'passed; a weak check: it reads only the archive\'s prelude and reports 0 documents whatever the archive holds (TOOLS-3493)'
}

export const mongodb: Engine = {
  fileExtension: () => 'archive.gz',
  // The gzip header and trailer, the magic number and the archive header alone take more than this.
  minimumSizeBytes: 60,

  async snapshot({ database, workDir, fileName, timeoutMs }: SnapshotRequest): Promise<Snapshot> {
    checkCredentials(database)
    const mongodump = await requireTool('mongodump', TOOLS_HINT)
    const version = await toolVersion(mongodump)
    if (database.password && compareVersions(version, CONFIG_FILE_VERSION) < 0) {
      throw new Error(`mongodump ${version} cannot read the password from a --config file (it needs ${CONFIG_FILE_VERSION} or newer): ${TOOLS_HINT}`)
    }
    const file = join(workDir, fileName)
    const result = await withPasswordConfig(workDir, database, (configPath) =>
      runTool({ command: mongodump, args: dumpArgs(database, file, configPath), timeoutMs })
    )
    if (result.exitCode !== 0 || result.timedOut) throw failure('mongodump', result, database, timeoutMs)
    await chmod(file, 0o600)
    const { sha256, sizeBytes } = await hashFile(file)
    return { file, sha256, sizeBytes, figures: { client: `mongodump ${version}`, 'client path': mongodump } }
  },

  async verify({ database, file, workDir, timeoutMs }: VerifyRequest): Promise<Figures> {
    if (compressionOf(await readHead(file, 4)) !== 'gzip') {
      throw new Error('the archive does not start with the gzip magic number that mongodump --gzip writes')
    }
    const checker = new MongoArchiveChecker()
    try {
      await readDecompressed(file, 'gzip', (chunk) => checker.push(chunk), timeoutMs)
    } catch (error) {
      throw new Error(`the archive is damaged or cut short: ${errorMessage(error)}`)
    }
    const archive = checker.finish()
    if (archive.collections === 0) {
      core.warning(`the archive holds no collection: ${database.name ? `database "${database.name}" is empty or does not exist` : 'the server has no data'}`)
    }
    return {
      'read through': 'whole gzip stream',
      'archive format': archive.formatVersion,
      'server version': archive.serverVersion,
      'mongodump version': archive.toolVersion,
      collections: archive.collections,
      documents: archive.documents,
      'CRC-64 checked': `${archive.namespaces} namespaces`,
      'mongorestore --dryRun': await restoreDryRun(database, file, workDir, timeoutMs)
    }
  }
}
