import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, rm } from 'node:fs/promises'
import type { ChildProcess } from 'node:child_process'
import { PassThrough, Transform, Writable, type Duplex, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { chooseCompressor, type Compressor } from './compression.js'
import type { Compression } from './compression.js'
import type { EncryptionConfig } from './encryption.js'
import { encryptStage } from './encryption.js'
import { writeAll } from './files.js'
import { errorMessage } from './errors.js'
import { offer } from './offer.js'
import {
  CONSUMER_FAILED_GRACE_MS,
  describeFailure,
  startTracked,
  stopChild,
  stoppedBecause,
  type CapturedFile,
  type ToolCommand,
  type ToolResult,
  type TrackedChild
} from './process.js'

/**
 * The data path of a dump: the dump tool's output, compressed (by a program it is piped into, or
 * inside the action), hashed and written to the file, and at the same time read through by the
 * engine's own check. The check reads the very bytes written, so verify-integrity needs no
 * second pass over the file beyond its SHA-256 re-read.
 */

/** Figures a check reports. */
export type CheckFigures = Record<string, string | number | boolean>

/** Reads stored bytes (compressed as stored) to their end and says what it found, or throws why they are not a good dump. */
export type StreamCheck = (stored: Readable) => Promise<CheckFigures>

/** The outcome of the check run while the dump was written. */
export type ReadThrough = { figures: CheckFigures } | { error: string }

/**
 * Where the captured bytes go: a private file in the work directory (staging disk), or a storage's
 * upload that nothing can see until it is committed (staging stream). Committing is not the
 * sink's business: whoever opened it commits once the dump and its check have passed.
 */
export interface DumpSink {
  write(chunk: Buffer): Promise<void>
  /** Every byte was written and is safe where it went (the file synced, the parts sent). */
  finish(): Promise<void>
  /** Removes what was written (the file, the uncommitted upload). */
  discard(reason: unknown): Promise<void>
  /** The dump is not worth finishing once its check has failed: stop the dump tool at once. */
  readonly stopOnCheckFailure?: boolean
}

/** Opens the sink for a dump whose file would be `file` (its name becomes the object's key). */
export type SinkOpener = (file: string) => Promise<DumpSink>

/** Thrown by a capture whose check failed while the sink asked to stop at once. */
export class CheckFailedError extends Error {
  constructor(readonly finding: string) {
    super(`the dump's check failed while it was written: ${finding}`)
    this.name = 'CheckFailedError'
  }
}

export interface CapturePlan {
  /** The dump tool: its stdout is the dump. */
  dump: ToolCommand
  compression: Compression
  file: string
  check: StreamCheck
  /** Where the bytes go: by default, `file` itself. */
  open?: SinkOpener
  /** When set, the file holds the compressed dump encrypted to its recipients; the check reads the plaintext. */
  encryption?: EncryptionConfig
}

/** What was encrypted: the stored file's sha256 and size are those of the encrypted bytes. */
export interface Encrypted {
  recipients: number
  /** Of the compressed dump before encryption: what decrypting the stored file must give back. */
  plaintextSha256: string
  plaintextBytes: number
}

export interface Stored extends CapturedFile {
  /** What compressed, for the figures. */
  compressor: string
  readThrough: ReadThrough
  encrypted?: Encrypted
}

export interface Capture extends Stored {
  /** The dump tool's exit: the caller explains a failure in the engine's words. */
  dump: ToolResult
}

/** Runs the dump tool into the file through the compression, while hashing and checking the bytes written. */
export async function captureDump({ dump, compression, file, check, encryption, open = openFileSink }: CapturePlan): Promise<Capture> {
  const compressor = await chooseCompressor(compression)
  const sink = await open(file)
  const dumper = startTracked(dump, ['ignore', 'pipe', 'pipe'])
  const program = compressor.program ? startTracked({ ...compressor.program, timeoutMs: dump.timeoutMs }, [dumper.child.stdout, 'pipe', 'pipe']) : undefined
  // The compressor reads the dump tool's pipe itself: the action's own copy of it is closed, so a
  // compressor that dies makes the dump tool fail on its next write instead of waiting forever.
  if (program) dumper.child.stdout?.destroy()
  let stopped = false
  const stop = (): Promise<void> => {
    stopped = true
    return stopChild(dumper.child, CONSUMER_FAILED_GRACE_MS)
  }
  let stored: Stored
  try {
    stored = await store(heldOutput((program ?? dumper).child), { compressor, program, sink, check, encryption, timeoutMs: dump.timeoutMs }, stop)
  } catch (error) {
    // Whatever failed, the dump tool is not left running, and its exit is waited for.
    ;(program ?? dumper).child.stdout?.destroy()
    if (!stopped) await stopChild(dumper.child, CONSUMER_FAILED_GRACE_MS)
    const { stderr } = await dumper.result
    if (!stopped) throw error
    // Stopped because nothing read its output any more: what it said goes with the error, which may well be its doing.
    if (error instanceof CheckFailedError) throw stderr ? new CheckFailedError(stoppedBecause(error.finding, dump.command, stderr)) : error
    throw new Error(stoppedBecause(error, dump.command, stderr), { cause: error })
  }
  const result = await dumper.result
  // A failed dump leaves no partial file (or upload) behind: the caller reports the dump tool's failure.
  if (result.exitCode !== 0 || result.timedOut) await sink.discard(new Error('the dump tool failed'))
  return { ...stored, dump: result }
}

/** Compresses a local file (a dump a tool could only write to a file) into `file`, while hashing and checking the bytes written. */
export async function compressFile(
  source: string,
  { compression, file, check, encryption, timeoutMs, open = openFileSink }: Omit<CapturePlan, 'dump'> & { timeoutMs: number }
): Promise<Stored> {
  const compressor = await chooseCompressor(compression)
  const sink = await open(file)
  if (!compressor.program) return store(createReadStream(source, { highWaterMark: 1 << 20 }), { compressor, sink, check, encryption, timeoutMs }, async () => undefined)
  // The program reads the file by its name: no descriptor of ours to hand over and close.
  const { program: command } = compressor
  const program = startTracked({ ...command, args: [...command.args, '--', source], timeoutMs }, ['ignore', 'pipe', 'pipe'])
  return store(heldOutput(program.child), { compressor, program, sink, check, encryption, timeoutMs }, async () => undefined)
}

/**
 * A child's stdout, read from now on. Node.js resumes (and so discards) the output of a child that
 * exits while nothing reads it yet: a compressor done with a small file before the store had opened
 * its file lost its whole output that way. The pipe holds the bytes, with backpressure, until read.
 */
function heldOutput(child: ChildProcess): Readable {
  return (child.stdout as Readable).pipe(new PassThrough({ highWaterMark: 1 << 20 }))
}

/** A new private file (mode 0600, never an existing one): staging disk. */
export async function openFileSink(file: string): Promise<DumpSink> {
  const handle = await open(file, 'wx', 0o600)
  let closed = false
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    await handle.close()
  }
  return {
    write: (chunk) => writeAll(handle, chunk),
    finish: async () => {
      await handle.sync()
      await close()
    },
    discard: async () => {
      await close().catch(() => undefined)
      await rm(file, { force: true })
    }
  }
}

interface StoreTarget {
  compressor: Compressor
  /** The compressor program, when it runs as a child. */
  program?: TrackedChild
  sink: DumpSink
  check: StreamCheck
  encryption?: EncryptionConfig
  timeoutMs?: number
}

/**
 * Writes `source` (through the compressor's stream, if it has one, then the encryption, if asked
 * for) to the sink, hashing the bytes written and handing the bytes before encryption to `check`.
 * Any failure stops the children for sure (the producer through `stop`, and the compressor
 * program), waits for them, and discards what the sink holds.
 */
async function store(source: Readable, { compressor, program, sink: target, check, encryption, timeoutMs }: StoreTarget, stop: () => Promise<void>): Promise<Stored> {
  const hash = createHash('sha256')
  let sizeBytes = 0
  const toCheck = new PassThrough({ highWaterMark: 1 << 18 })
  let checkFailure: CheckFailedError | undefined
  // Once the check has its answer, what it left unread is let through, so the file alone goes on.
  const readThrough = check(toCheck).then(
    (figures): ReadThrough => {
      toCheck.resume()
      return { figures }
    },
    (error: unknown): ReadThrough => {
      toCheck.destroy()
      if (target.stopOnCheckFailure) {
        checkFailure = new CheckFailedError(errorMessage(error))
        sink.destroy(checkFailure)
      }
      return { error: errorMessage(error) }
    }
  )
  // Encrypted, the check reads the plaintext on its way into the encryption; else the file's own bytes, as they are written.
  const plaintext = encryption ? { hash: createHash('sha256'), sizeBytes: 0 } : undefined
  const plaintextTap = plaintext
    ? new Transform({
        highWaterMark: 1 << 18,
        async transform(chunk: Buffer, _encoding, done) {
          plaintext.hash.update(chunk)
          plaintext.sizeBytes += chunk.length
          await offer(toCheck, chunk)
          done(null, chunk)
        }
      })
    : undefined
  const sink = new Writable({
    highWaterMark: 1 << 18,
    async write(chunk: Buffer, _encoding, done) {
      try {
        hash.update(chunk)
        sizeBytes += chunk.length
        await Promise.all([target.write(chunk), plaintext ? undefined : offer(toCheck, chunk)])
        done()
      } catch (error) {
        done(error as Error)
      }
    }
  })
  try {
    const encrypting = plaintextTap && encryption ? [plaintextTap, encryptStage(encryption.recipients)] : []
    const stages: (Readable | Duplex | Writable)[] = [source, ...(compressor.transform ? [compressor.transform()] : []), ...encrypting, sink]
    await pipeline(stages).catch(async (error: unknown) => {
      toCheck.destroy()
      await Promise.all([stop(), program && stopChild(program.child, CONSUMER_FAILED_GRACE_MS)])
      throw checkFailure ?? error
    })
    toCheck.end()
    await target.finish()
    const [programResult, checked] = await Promise.all([program?.result, readThrough])
    if (programResult && (programResult.exitCode !== 0 || programResult.timedOut)) {
      throw new Error(describeFailure(`the compressor ${compressor.program?.command}`, programResult, timeoutMs))
    }
    if (checkFailure) throw checkFailure
    const encrypted = plaintext && encryption ? { recipients: encryption.recipients.length, plaintextSha256: plaintext.hash.digest('hex'), plaintextBytes: plaintext.sizeBytes } : undefined
    return { compressor: compressor.description, readThrough: checked, sha256: hash.digest('hex'), sizeBytes, ...(encrypted ? { encrypted } : {}) }
  } catch (error) {
    await target.discard(error)
    throw error
  }
}
