import * as core from '@actions/core'
import * as io from '@actions/io'
import { createWriteStream } from 'node:fs'
import { chmod, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { CompressionName, DatabaseConfig } from '../../config/types.js'
import { requireTool } from '../../tools/find.js'
import { compressionOfName, sinkStream, storedBytes } from '../../util/compression.js'
import { redisCrc64 } from '../../util/crc64.js'
import { compressFile, type ReadThrough } from '../../util/dump-stream.js'
import { decoded } from '../../util/dump-feed.js'
import { errorMessage } from '../../util/errors.js'
import { hashFile, readHead } from '../../util/files.js'
import { describeFailure, requireSuccess, runTool, toolFailed, type ToolResult } from '../../util/process.js'
import { failureExplainedBy } from '../shared/failure.js'
import { storedSnapshot } from '../shared/snapshot.js'
import type { Engine, Figures, Snapshot, SnapshotRequest, VerifyRequest } from '../types.js'

const CLIENT_HINT = 'install redis-cli (for example `sudo apt-get install redis-tools`)'

/** db-url parameters that become redis-cli TLS options; `insecure` is a flag. */
const URL_TLS_OPTIONS = new Set(['sni', 'cacert', 'cacertdir', 'cert', 'key', 'tls-ciphers', 'tls-ciphersuites', 'insecure'])

/** `REDIS` and a four-digit format version. */
const HEADER = /^REDIS(\d{4})$/
const EOF_OPCODE = 0xff
const CHECKSUM_BYTES = 8
/** RDB files carry a CRC-64 from format version 5 (Redis 2.6) on. */
const FIRST_VERSION_WITH_CHECKSUM = 5

function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1')
}

/**
 * Where and as whom to connect; the password is not here: it travels in REDISCLI_AUTH. An ACL
 * user's name can reach redis-cli only as `--user` (it reads no variable for it): a name, not a
 * secret. A lone user-info (`redis://PASSWORD@host`) is the password, as redis-cli reads it, and
 * never a user here (src/config/parse.ts).
 */
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

const failure = failureExplainedBy(explainFailure)

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
class RdbCheck extends Transform {
  version = 0
  checksum: ChecksumFinding = 'not stored'
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
      // The last bytes are held back until the end: the CRC-64 covers everything before the checksum.
      const joined = Buffer.concat([this.held, chunk])
      const body = joined.subarray(0, Math.max(0, joined.length - this.trailerBytes()))
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

  /** Until the header is read, as many bytes as a checksum are held. */
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

/** Reads stored RDB bytes to their end, decompressed, through RdbCheck; the decompressed RDB is written to `copy` if given. */
async function checkRdbStream(stored: Readable, compression: CompressionName, copy?: string): Promise<Figures> {
  const rdb = new RdbCheck()
  const sink = copy ? createWriteStream(copy, { mode: 0o600 }) : sinkStream(() => undefined)
  await pipeline(decoded(stored, compression, rdb), sink)
  if (rdb.checksum === 'not stored') {
    core.warning('the RDB file carries no checksum (rdbchecksum is off on the server): only its structure can be checked')
  }
  const checksumFigure = {
    match: 'match (whole file read)',
    'not stored': 'not stored (rdbchecksum off on the server)',
    'not in this format': `none before RDB version ${FIRST_VERSION_WITH_CHECKSUM}`
  }[rdb.checksum]
  return { 'RDB version': rdb.version, 'CRC-64': checksumFigure }
}

/** The RDB checked by its CRC-64 and by redis-check-rdb, which reads only a file: a compressed one is decompressed beside it first. */
async function verifyFile(file: string, workDir: string, timeoutMs: number): Promise<Figures> {
  const compression = compressionOfName(file)
  if (compression === 'none') {
    const figures = await checkRdbStream(storedBytes(file), 'none')
    return { ...figures, 'redis-check-rdb': await runChecker(file, Number(figures['RDB version']), timeoutMs) }
  }
  const plain = join(workDir, `${basename(file)}.rdb`)
  try {
    const figures = await checkRdbStream(storedBytes(file), compression, plain)
    return { ...figures, 'read through': `whole ${compression} stream`, 'redis-check-rdb': await runChecker(plain, Number(figures['RDB version']), timeoutMs) }
  } finally {
    await rm(plain, { force: true })
  }
}

/** redis-check-rdb prints its findings on stdout: the lines that say what is wrong. */
function checkerFindings(result: ToolResult): string {
  const lines = `${result.stdout}\n${result.stderr}`.split('\n').map((line) => line.trim())
  const wrong = lines.filter((line) => /RDB ERROR|\[offset \d+\] (?!Checking|AUX FIELD|Selecting|Checksum OK)/.test(line))
  return (wrong.length ? wrong : lines.filter(Boolean).slice(-4)).join(' | ')
}

async function runChecker(file: string, version: number, timeoutMs: number): Promise<string> {
  const checker = await io.which('redis-check-rdb', false)
  if (!checker) return 'not installed: the header and the CRC-64 were checked, not the contents'
  const result = await runTool({ command: checker, args: [file], timeoutMs })
  if (!toolFailed(result)) {
    const keys = /(\d+) keys read/.exec(result.stdout)
    return keys ? `OK, ${keys[1]} keys read` : 'OK'
  }
  const findings = checkerFindings(result)
  // An older checker than the server cannot read the newer format at all: that says nothing about the file.
  if (/Can't handle RDB format version/i.test(findings)) {
    const note = `${checker} is older than the server and cannot read RDB format version ${version}: only the header and the CRC-64 were checked`
    core.warning(note)
    return note
  }
  throw new Error(result.timedOut ? describeFailure('redis-check-rdb', result, timeoutMs) : `redis-check-rdb found the RDB file damaged: ${findings}`)
}

const EXTENSIONS: Record<CompressionName, string> = { zstd: 'rdb.zst', gzip: 'rdb.gz', none: 'rdb' }

/**
 * redis-cli writes the RDB to a file; compressed, that file is a transfer file beside the backup,
 * compressed into it while redis-check-rdb reads it and the compressed bytes are read back
 * through the CRC-64. (`redis-cli --rdb -` would stream, but 7.0.15 appends the 40-byte end mark
 * of a diskless transfer to stdout; only the file mode cuts it off.) Measured: zstd-1 stores an
 * RDB of JSON values in a third of its size, in 5 % of the transfer's time (bench/RESULTS.md).
 */
export const redis: Engine = {
  /** used_memory of INFO memory: an RDB is usually smaller (LZF, no overhead), never much larger. */
  async estimateSize(database: DatabaseConfig, _workDir: string, timeoutMs: number): Promise<number> {
    const redisCli = await requireTool('redis-cli', CLIENT_HINT)
    const result = await runTool({ command: redisCli, args: [...connectionArgs(database), 'INFO', 'memory'], env: authEnv(database), timeoutMs })
    const used = /^used_memory:(\d+)/m.exec(result.stdout)?.[1]
    if (toolFailed(result) || used === undefined) throw new Error(describeFailure('redis-cli INFO memory', result, timeoutMs))
    return Number(used)
  },

  fileExtension: (compression) => EXTENSIONS[compression.name],
  // Header (9 bytes), the EOF opcode and the checksum: an RDB of an empty server without metadata.
  minimumSizeBytes: 18,

  async snapshot({ database, workDir, fileName, timeoutMs, compression, encryption, open }: SnapshotRequest): Promise<Snapshot> {
    const connection = connectionArgs(database)
    const redisCli = await requireTool('redis-cli', CLIENT_HINT)
    const versionResult = await runTool({ command: redisCli, args: ['--version'] })
    requireSuccess(`${redisCli} --version`, versionResult)
    const file = join(workDir, fileName)
    // redis-cli writes a file, never a pipe: compressed, encrypted or streamed (staging stream), that
    // transfer file is sent on into the backup (it is on disk while it is sent).
    const transfer = compression.name === 'none' && !encryption && !open ? file : join(workDir, 'transfer.rdb')
    // redis-cli writes the file itself, and checks the transfer's length (or end marker) before it says success.
    const result = await runTool({ command: redisCli, args: [...connection, '--rdb', transfer], env: authEnv(database), timeoutMs })
    if (toolFailed(result)) throw failure('redis-cli --rdb', result, database, timeoutMs)
    await chmod(transfer, 0o600)
    const figures: Figures = {
      client: versionResult.stdout.trim(),
      'client path': redisCli,
      transfer: /Transfer finished with success[^\n]*/.exec(result.stderr)?.[0] ?? 'finished'
    }
    if (transfer === file) return { file, ...(await hashFile(file)), figures: { ...figures, compression: "none (RDB's own LZF on values)" } }
    try {
      const version = rdbVersion(await readHead(transfer, 9))
      const [stored, checker] = await Promise.all([
        compressFile(transfer, { compression, file, timeoutMs, encryption, open, check: (bytes) => checkRdbStream(bytes, compression.name) }),
        runChecker(transfer, version, timeoutMs).then(
          (figure) => ({ figure }),
          (error: unknown) => ({ error: errorMessage(error) })
        )
      ])
      const readThrough: ReadThrough =
        'error' in stored.readThrough ? stored.readThrough : 'error' in checker ? checker : { figures: { ...stored.readThrough.figures, 'redis-check-rdb': checker.figure } }
      return storedSnapshot(file, { ...stored, readThrough }, { ...figures, compression: stored.compressor })
    } finally {
      await rm(transfer, { force: true })
    }
  },

  verify: ({ file, workDir, timeoutMs }: VerifyRequest) => verifyFile(file, workDir, timeoutMs)
}
