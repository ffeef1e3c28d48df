import * as core from '@actions/core'
import * as io from '@actions/io'
import { chmod } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatabaseConfig } from '../config/types.js'
import { requireTool } from '../tools/find.js'
import { compareVersions } from '../tools/versions.js'
import { compressionOf, readDecompressed } from '../util/compression.js'
import { goEcmaCrc64, type Crc64 } from '../util/crc64.js'
import { errorMessage } from '../util/errors.js'
import { hashFile, readHead } from '../util/files.js'
import { describeFailure, runTool, type ToolResult } from '../util/process.js'
import { withSecretFile } from '../util/secret-file.js'
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

/** `mongodump version: 100.9.4` (or `r4.0.3` before the tools left the server). */
export function parseToolVersion(output: string): string {
  const match = /version:\s*r?(\d+\.\d+\.\d+)/.exec(output)
  if (!match) throw new Error(`cannot read the Database Tools version from "${output.trim().split('\n')[0]}"`)
  return match[1]
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

// The archive format: https://github.com/mongodb/mongo-tools/blob/master/common/archive/spec.md
const ARCHIVE_MAGIC = 0x8199e26d
const TERMINATOR = -1
const MIN_BSON_BYTES = 5
const MAX_BSON_BYTES = 16 * 1024 * 1024

type BsonValue = string | number | boolean | bigint | null | undefined

/** Sizes of the fixed-size BSON types whose values archive headers never need: ObjectId, datetime, timestamp, decimal128. */
const SKIPPED_FIXED_SIZES: Record<number, number> = { 0x07: 12, 0x09: 8, 0x11: 8, 0x13: 16 }

/** The top-level fields of a BSON document that archive headers use; nested and binary values are skipped. */
export function readBsonFields(doc: Buffer): Map<string, BsonValue> {
  const fields = new Map<string, BsonValue>()
  const end = doc.length - 1
  let at = 4
  const take = (bytes: number): number => {
    if (bytes < 0 || at + bytes > end) throw new Error('a BSON document in the archive is malformed (a field runs past its end)')
    const start = at
    at += bytes
    return start
  }
  while (at < end) {
    const type = doc[at++]
    const nameEnd = doc.indexOf(0, at)
    if (nameEnd === -1 || nameEnd >= end) throw new Error('a BSON document in the archive is malformed (unterminated field name)')
    const name = doc.toString('utf8', at, nameEnd)
    at = nameEnd + 1
    if (type in SKIPPED_FIXED_SIZES) {
      take(SKIPPED_FIXED_SIZES[type])
      fields.set(name, undefined)
      continue
    }
    switch (type) {
      case 0x01:
        fields.set(name, doc.readDoubleLE(take(8)))
        break
      case 0x02: {
        const length = doc.readInt32LE(take(4))
        const start = take(length)
        fields.set(name, doc.toString('utf8', start, start + length - 1))
        break
      }
      case 0x03: // embedded document, its length counting itself
      case 0x04: // array, likewise
        take(doc.readInt32LE(take(4)) - 4)
        fields.set(name, undefined)
        break
      case 0x05: // binary: length, subtype, bytes
        take(1 + doc.readInt32LE(take(4)))
        fields.set(name, undefined)
        break
      case 0x08:
        fields.set(name, doc[take(1)] === 1)
        break
      case 0x0a:
        fields.set(name, null)
        break
      case 0x10:
        fields.set(name, doc.readInt32LE(take(4)))
        break
      case 0x12:
        fields.set(name, doc.readBigInt64LE(take(8)))
        break
      default:
        throw new Error(`a BSON document in the archive has a field of unexpected type 0x${type.toString(16)}`)
    }
  }
  return fields
}

function text(fields: Map<string, BsonValue>, name: string, what: string): string {
  const value = fields.get(name)
  if (typeof value !== 'string') throw new Error(`the archive's ${what} has no "${name}"`)
  return value
}

interface Namespace {
  crc: Crc64
  documents: number
  closed: boolean
}

export interface ArchiveSummary {
  formatVersion: string
  serverVersion: string
  toolVersion: string
  /** Collections described in the prelude. */
  collections: number
  /** Namespaces whose data ended with an end marker and a matching CRC-64. */
  namespaces: number
  documents: number
}

type ArchiveState = 'magic' | 'prelude' | 'metadata' | 'block' | 'body' | 'after-eof'

/**
 * Walks a mongodump archive as it streams past, as mongorestore's demultiplexer reads it: the
 * magic number, the prelude, then blocks of BSON documents per namespace, each namespace closed by
 * an end marker whose CRC-64 must match its documents. Holds at most one document at a time.
 */
export class MongoArchiveChecker {
  private chunks: Buffer[] = []
  private available = 0
  private offset = 0
  private state: ArchiveState = 'magic'
  private header?: Map<string, BsonValue>
  private collections = 0
  private documents = 0
  private readonly namespaces = new Map<string, Namespace>()
  private current?: Namespace

  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.chunks.push(chunk)
    this.available += chunk.length
    while (this.step()) {
      // each step consumes one magic number, terminator or document
    }
  }

  finish(): ArchiveSummary {
    if (this.state === 'magic' && this.offset === 0 && this.available === 0) throw new Error('the archive is empty')
    if (this.available > 0) throw new Error(`the archive ends in the middle of a document (${this.available} bytes left at byte ${this.offset}): it was cut short`)
    if (this.state !== 'block') throw new Error(`the archive ends inside ${this.describeState()}: it was cut short`)
    const open = [...this.namespaces].filter(([, namespace]) => !namespace.closed).map(([name]) => name)
    if (open.length > 0) throw new Error(`the archive ends before the end marker of ${open.join(', ')}: it is incomplete`)
    const header = this.header as Map<string, BsonValue>
    return {
      formatVersion: text(header, 'version', 'header'),
      serverVersion: String(header.get('server_version') ?? ''),
      toolVersion: String(header.get('tool_version') ?? ''),
      collections: this.collections,
      namespaces: this.namespaces.size,
      documents: this.documents
    }
  }

  private describeState(): string {
    return { magic: 'its magic number', prelude: 'its header', metadata: 'its collection list', block: '', body: 'a block of documents', 'after-eof': 'an end marker' }[this.state]
  }

  private take(length: number): Buffer | undefined {
    if (this.available < length) return undefined
    const first = this.chunks[0]
    let taken: Buffer
    if (first.length >= length) {
      taken = first.subarray(0, length)
      if (first.length === length) this.chunks.shift()
      else this.chunks[0] = first.subarray(length)
    } else {
      taken = Buffer.allocUnsafe(length)
      let filled = 0
      while (filled < length) {
        const chunk = this.chunks[0]
        const part = Math.min(chunk.length, length - filled)
        chunk.copy(taken, filled, 0, part)
        filled += part
        if (part === chunk.length) this.chunks.shift()
        else this.chunks[0] = chunk.subarray(part)
      }
    }
    this.available -= length
    this.offset += length
    return taken
  }

  private peekInt32(): number | undefined {
    if (this.available < 4) return undefined
    if (this.chunks[0].length >= 4) return this.chunks[0].readInt32LE(0)
    return Buffer.concat(this.chunks, 4).readInt32LE(0)
  }

  private step(): boolean {
    if (this.state === 'magic') {
      const magic = this.take(4)
      if (!magic) return false
      if (magic.readUInt32LE(0) !== ARCHIVE_MAGIC) throw new Error('the file does not start with the magic number of a mongodump archive')
      this.state = 'prelude'
      return true
    }
    const size = this.peekInt32()
    if (size === undefined) return false
    if (size === TERMINATOR) {
      this.take(4)
      this.onTerminator()
      return true
    }
    if (size < MIN_BSON_BYTES || size > MAX_BSON_BYTES) {
      throw new Error(`at byte ${this.offset} of the archive, ${size} is neither a BSON document length nor a terminator: the archive is damaged`)
    }
    const doc = this.take(size)
    if (!doc) return false
    if (doc[size - 1] !== 0) throw new Error(`the BSON document at byte ${this.offset - size} of the archive does not end with a zero byte: the archive is damaged`)
    this.onDocument(doc)
    return true
  }

  private onTerminator(): void {
    if (this.state === 'prelude') throw new Error('the archive has no header after its magic number')
    if (this.state === 'block') throw new Error(`the archive has two terminators in a row at byte ${this.offset}: it is damaged`)
    this.current = undefined
    this.state = 'block'
  }

  private onDocument(doc: Buffer): void {
    switch (this.state) {
      case 'prelude':
        this.header = readBsonFields(doc)
        text(this.header, 'version', 'header')
        this.state = 'metadata'
        return
      case 'metadata': {
        const fields = readBsonFields(doc)
        text(fields, 'db', 'collection list')
        text(fields, 'collection', 'collection list')
        this.collections++
        return
      }
      case 'block':
        this.onNamespaceHeader(readBsonFields(doc))
        return
      case 'body': {
        const namespace = this.current as Namespace
        namespace.crc.update(doc)
        namespace.documents++
        this.documents++
        return
      }
      default:
        throw new Error(`the archive has data after an end marker at byte ${this.offset - doc.length}: it is damaged`)
    }
  }

  private onNamespaceHeader(fields: Map<string, BsonValue>): void {
    const name = `${text(fields, 'db', 'block header')}.${text(fields, 'collection', 'block header')}`
    const namespace = this.namespaces.get(name) ?? { crc: goEcmaCrc64(), documents: 0, closed: false }
    this.namespaces.set(name, namespace)
    if (namespace.closed) throw new Error(`the archive has more of ${name} after its end marker: it is damaged`)
    if (fields.get('EOF') !== true) {
      this.current = namespace
      this.state = 'body'
      return
    }
    const stored = fields.get('CRC')
    if (typeof stored !== 'bigint' && typeof stored !== 'number') throw new Error(`the end marker of ${name} has no CRC`)
    const expected = BigInt.asUintN(64, BigInt(stored))
    const computed = namespace.crc.digest()
    if (computed !== expected) {
      throw new Error(`the CRC-64 of ${name} is ${computed.toString(16)} but its end marker says ${expected.toString(16)}: the archive is damaged`)
    }
    namespace.closed = true
    this.state = 'after-eof'
  }
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
      await readDecompressed(file, 'gzip', (chunk) => checker.push(chunk))
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
