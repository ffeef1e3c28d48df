import * as core from '@actions/core'
import * as io from '@actions/io'
import { chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { CompressionName, DatabaseConfig } from '../config/types.js'
import { redisClient } from '../tools/clients/redis.js'
import { requireTool } from '../tools/find.js'
import { compareVersions } from '../tools/versions.js'
import { compressionOfName, sinkStream, storedBytes } from '../util/compression.js'
import { redisCrc64 } from '../util/crc64.js'
import { captureDump, decoded, runFed } from '../util/dump-stream.js'
import { hashFile } from '../util/files.js'
import { describeFailure, runTool, type ToolResult } from '../util/process.js'
import type { Engine, Figures, Snapshot, SnapshotRequest, VerifyRequest } from './types.js'

const CLIENT_HINT = 'install redis-cli (for example `sudo apt-get install redis-tools`)'

/** db-url parameters that become redis-cli TLS options; `insecure` is a flag. */
const URL_TLS_OPTIONS = new Set(['sni', 'cacert', 'cacertdir', 'cert', 'key', 'tls-ciphers', 'tls-ciphersuites', 'insecure'])

/** `REDIS` and a four-digit format version. */
const HEADER = /^REDIS(\d{4})$/
const EOF_OPCODE = 0xff
const CHECKSUM_BYTES = 8
/** RDB files carry a CRC-64 from format version 5 (Redis 2.6) on. */
const FIRST_VERSION_WITH_CHECKSUM = 5
/** `redis-cli --rdb -` writes the RDB to stdout from this version on. */
const STREAMING_CLI = '7.0.0'

function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1')
}

/** Where and as whom to connect; the password is not here: it travels in REDISCLI_AUTH. */
export function connectionArgs(database: DatabaseConfig): string[] {
  const args = database.host.startsWith('/') ? ['-s', database.host] : ['-h', bareHost(database.host), '-p', String(database.port)]
  if (database.user) args.push('--user', database.user)
  const tlsOptions: string[] = []
  for (const [key, value] of Object.entries(database.params)) {
    if (!URL_TLS_OPTIONS.has(key)) {
      throw new Error(`db-url parameter "${key}" is not supported for redis: use one of ${[...URL_TLS_OPTIONS].join(', ')}`)
    }
    if (key === 'insecure') {
      if (value !== 'false') tlsOptions.push('--insecure')
    } else {
      tlsOptions.push(`--${key}`, value)
    }
  }
  if (database.urlProtocol === 'rediss:') args.push('--tls', ...tlsOptions)
  else if (tlsOptions.length > 0) throw new Error('db-url TLS parameters need a rediss:// URL')
  return args
}

export function authEnv(database: DatabaseConfig): Record<string, string> {
  return database.password ? { REDISCLI_AUTH: database.password } : {}
}

/** What a failure of `redis-cli --rdb` means, in words; undefined for others. */
export function explainFailure(stderr: string, database: DatabaseConfig): string | undefined {
  if (/WRONGPASS|invalid password|AUTH failed/i.test(stderr)) {
    return `authentication failed: the server rejected ${database.user ? `user "${database.user}" with ` : ''}this password`
  }
  if (/NOAUTH/.test(stderr)) return 'the server requires a password: set db-password (and db-user for an ACL user)'
  if (/NOPERM/.test(stderr)) {
    return (
      `the server refused SYNC/replication: ${database.user ? `user "${database.user}"` : 'this user'} may not run SYNC ` +
      '(an ACL user needs +sync, or +@admin); managed Redis services often block it for every user'
    )
  }
  if (/SYNC with master failed|unknown command .?(?:P?SYNC)/i.test(stderr)) {
    return (
      'the server refused SYNC/replication: managed Redis services (ElastiCache, MemoryDB, Azure Cache and others) often block it, ' +
      'and then redis-cli --rdb cannot take a backup; use the service\'s own snapshots or export, or a server that allows SYNC'
    )
  }
  if (/Could not connect|Connection refused|Name or service not known|timed out/i.test(stderr)) {
    return `cannot connect to the server at ${database.host.startsWith('/') ? database.host : `${bareHost(database.host)}:${database.port}`}`
  }
  return undefined
}

function failure(what: string, result: ToolResult, database: DatabaseConfig, timeoutMs: number): Error {
  const described = describeFailure(what, result, timeoutMs)
  const explanation = result.timedOut ? undefined : explainFailure(result.stderr, database)
  return new Error(explanation ? `${explanation}: ${described}` : described)
}

/** The RDB format version of a file's first 9 bytes, or an error if they are not an RDB header. */
export function rdbVersion(head: Buffer): number {
  const match = HEADER.exec(head.subarray(0, 9).toString('latin1'))
  if (!match) throw new Error('the file does not start with the REDIS magic and a four-digit version of an RDB file')
  return Number(match[1])
}

type ChecksumFinding = 'match' | 'not stored' | 'not in this format'

/**
 * Passes an RDB stream through while checking its header, and that it ends with the EOF opcode
 * followed by the CRC-64 of everything before it, as Redis writes it. A checksum of 0 means the
 * server has rdbchecksum off; formats before version 5 end with the EOF opcode alone.
 */
export class RdbCheck extends Transform {
  version = 0
  checksum: ChecksumFinding | undefined
  private head = Buffer.alloc(0)
  private readonly crc = redisCrc64()
  private held = Buffer.alloc(0)
  private lastBodyByte = -1

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    try {
      if (this.version === 0) {
        this.head = Buffer.concat([this.head, chunk.subarray(0, 9 - this.head.length)])
        if (this.head.length === 9) this.version = rdbVersion(this.head)
      }
      const trailerBytes = this.trailerBytes()
      const joined = Buffer.concat([this.held, chunk])
      const body = joined.subarray(0, Math.max(0, joined.length - trailerBytes))
      if (body.length > 0) {
        this.crc.update(body)
        this.lastBodyByte = body[body.length - 1]
      }
      this.held = Buffer.from(joined.subarray(body.length))
      done(null, chunk)
    } catch (error) {
      done(error as Error)
    }
  }

  override _flush(done: (error?: Error | null) => void): void {
    try {
      if (this.version === 0) rdbVersion(this.head)
      this.checksum = this.finish()
      done()
    } catch (error) {
      done(error as Error)
    }
  }

  /** The checksum trailer is held back until the stream's end: the body is what the CRC covers. Until the header is read, 8 bytes are held. */
  private trailerBytes(): number {
    return this.version === 0 || this.version >= FIRST_VERSION_WITH_CHECKSUM ? CHECKSUM_BYTES : 0
  }

  private finish(): ChecksumFinding {
    const trailerBytes = this.trailerBytes()
    if (this.held.length < trailerBytes || this.lastBodyByte !== EOF_OPCODE) {
      throw new Error('the RDB file does not end with the EOF marker and checksum Redis writes last: it was cut short')
    }
    if (trailerBytes === 0) return 'not in this format'
    const stored = this.held.readBigUInt64LE(0)
    if (stored === 0n) return 'not stored'
    const computed = this.crc.digest()
    if (stored !== computed) {
      throw new Error(`the RDB file's CRC-64 is ${computed.toString(16)} but it says ${stored.toString(16)}: the file is damaged`)
    }
    return 'match'
  }
}

/** redis-check-rdb prints its findings on stdout: the lines that say what is wrong. */
function checkerFindings(result: ToolResult): string {
  const lines = `${result.stdout}\n${result.stderr}`.split('\n').map((line) => line.trim())
  const wrong = lines.filter((line) => /RDB ERROR|\[offset \d+\] (?!Checking|AUX FIELD|Selecting|Checksum OK)/.test(line))
  return (wrong.length ? wrong : lines.filter(Boolean).slice(-4)).join(' | ')
}

/** What redis-check-rdb's run says; an older checker than the server says nothing about the file. */
function judgeChecker(checker: string, result: ToolResult, version: number, timeoutMs: number): string {
  if (result.exitCode === 0 && !result.timedOut) {
    const keys = /(\d+) keys read/.exec(result.stdout)
    return keys ? `OK, ${keys[1]} keys read` : 'OK'
  }
  const findings = checkerFindings(result)
  if (/Can't handle RDB format version/i.test(findings)) {
    const note = `${checker} is older than the server and cannot read RDB format version ${version}: only the header and the CRC-64 were checked`
    core.warning(note)
    return note
  }
  throw new Error(result.timedOut ? describeFailure('redis-check-rdb', result, timeoutMs) : `redis-check-rdb found the RDB file damaged: ${findings}`)
}

const EXTENSIONS: Record<CompressionName, string> = { zstd: 'rdb.zst', gzip: 'rdb.gz', none: 'rdb' }

/**
 * Reads the stored bytes to their end: decompressed, checked for the RDB header, end marker and
 * CRC-64 on the way, and read by redis-check-rdb (from its stdin) where it is installed.
 */
async function readThrough(stored: Readable, compression: CompressionName, timeoutMs: number): Promise<Figures> {
  const rdb = new RdbCheck()
  const content = decoded(stored, compression, rdb)
  const checker = await io.which('redis-check-rdb', false)
  let checkerFigure = 'not installed: the header and the CRC-64 were checked, not the contents'
  if (checker) {
    let stdout = ''
    const result = await runFed({ command: checker, args: ['/dev/stdin'], timeoutMs }, content, { stdout: (chunk) => (stdout += chunk.toString('utf8')) })
    checkerFigure = judgeChecker(checker, { ...result, stdout }, rdb.version, timeoutMs)
  } else {
    await pipeline(content, sinkStream(() => undefined))
  }
  if (rdb.checksum === 'not stored') {
    core.warning('the RDB file carries no checksum (rdbchecksum is off on the server): only its structure can be checked')
  }
  const checksumFigure = {
    match: 'match (whole file read)',
    'not stored': 'not stored (rdbchecksum off on the server)',
    'not in this format': `none before RDB version ${FIRST_VERSION_WITH_CHECKSUM}`
  }[rdb.checksum as ChecksumFinding]
  return {
    'RDB version': rdb.version,
    'CRC-64': checksumFigure,
    'redis-check-rdb': checkerFigure
  }
}

export const redis: Engine = {
  fileExtension: (compression) => EXTENSIONS[compression.name],
  // Header (9 bytes), the EOF opcode and the checksum: an RDB of an empty server without metadata.
  minimumSizeBytes: 18,

  async snapshot({ database, workDir, fileName, timeoutMs, compression }: SnapshotRequest): Promise<Snapshot> {
    const connection = connectionArgs(database)
    const redisCli = await requireTool('redis-cli', CLIENT_HINT)
    const versionResult = await runTool({ command: redisCli, args: ['--version'] })
    if (versionResult.exitCode !== 0) throw new Error(describeFailure(`${redisCli} --version`, versionResult))
    const client = { client: versionResult.stdout.trim(), 'client path': redisCli }
    const command = { command: redisCli, env: authEnv(database), timeoutMs }
    // redis-cli checks the transfer's length (or end marker) before it says success, to a file or (from 7.0) to stdout.
    const transfer = (result: ToolResult) => /Transfer finished with success[^\n]*/.exec(result.stderr)?.[0] ?? 'finished'
    if (compareVersions(redisClient.parseVersion(versionResult.stdout), STREAMING_CLI) < 0) {
      const file = join(workDir, fileName.replace(/\.rdb\.\w+$/, '.rdb'))
      core.warning(`${client.client} cannot write an RDB to a pipe (redis-cli ${STREAMING_CLI} can): the RDB is stored as the server sent it, uncompressed`)
      const result = await runTool({ ...command, args: [...connection, '--rdb', file] })
      if (result.exitCode !== 0 || result.timedOut) throw failure('redis-cli --rdb', result, database, timeoutMs)
      await chmod(file, 0o600)
      return { file, ...(await hashFile(file)), figures: { ...client, transfer: transfer(result), compression: 'none (as the server sent it)' } }
    }
    const file = join(workDir, fileName)
    const capture = await captureDump({
      dump: { ...command, args: [...connection, '--rdb', '-'] },
      compression,
      file,
      check: (stored) => readThrough(stored, compression.name, timeoutMs)
    })
    if (capture.dump.exitCode !== 0 || capture.dump.timedOut) throw failure('redis-cli --rdb', capture.dump, database, timeoutMs)
    return {
      file,
      sha256: capture.sha256,
      sizeBytes: capture.sizeBytes,
      figures: { ...client, transfer: transfer(capture.dump), compression: capture.compressor },
      readThrough: capture.readThrough
    }
  },

  verify: ({ file, timeoutMs }: VerifyRequest) => readThrough(storedBytes(file), compressionOfName(file), timeoutMs)
}
