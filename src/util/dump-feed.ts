import { Transform, Writable, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { decoders, sinkStream, type CompressionName } from './compression.js'
import { offer } from './offer.js'
import { CONSUMER_FAILED_GRACE_MS, describeFailure, startTracked, stopChild, type ToolCommand, type ToolResult } from './process.js'

/**
 * A stored dump read back: decompressed and checked as one stream, or fed to a tool (a restore,
 * a reader) with its output kept. The other half of dump-stream.ts, which writes one.
 */

/**
 * The stored bytes decompressed and passed through `checks`, as one stream that fails if the
 * compression is damaged or cut short or a check fails.
 */
export function decoded(stored: Readable, name: CompressionName, ...checks: Transform[]): Readable {
  const stages = [...decoders(name), ...checks]
  if (stages.length === 0) return stored
  const last = stages[stages.length - 1]
  pipeline([stored, ...stages]).catch(() => undefined) // an error reaches `last`, which the reader sees
  return last
}

export interface FedOutput {
  /** Receives stdout chunk by chunk; discarded when not given. */
  stdout?: (chunk: Buffer) => void
  /** Receives stderr chunk by chunk, besides the tail kept for the result. */
  stderr?: (chunk: Buffer) => void
}

/**
 * Runs a command that reads `input` on its stdin, with the pipe's backpressure; with `through`,
 * the input goes through that program first, piped straight into the command (a decompressor:
 * the decompressed bytes then never pass through the action). The input is read to its end even
 * if the command stops reading early (pg_restore exits once it has read its last entry), so that
 * checks on the way see all of it. A failure of the input, or of `through`, stops the command and
 * is thrown.
 */
export async function runFed(command: ToolCommand, input: Readable, output: FedOutput = {}, through?: ToolCommand): Promise<ToolResult> {
  const filter = through ? startTracked(through, ['pipe', 'pipe', 'pipe']) : undefined
  const fed = startTracked(command, [filter ? filter.child.stdout : 'pipe', output.stdout ? 'pipe' : 'ignore', 'pipe'])
  if (filter) filter.child.stdout?.destroy()
  const first = filter ?? fed
  const stdin = first.child.stdin as Writable
  stdin.on('error', () => undefined) // EPIPE when the reader exits early: its exit code says whether that was a failure
  if (output.stderr) fed.child.stderr?.on('data', output.stderr)
  const reading = output.stdout ? pipeline(fed.child.stdout as Readable, sinkStream(output.stdout)) : Promise.resolve()
  const forward = new Writable({
    async write(chunk: Buffer, _encoding, done) {
      await offer(stdin, chunk)
      done()
    },
    final(done) {
      stdin.end()
      done()
    }
  })
  try {
    await pipeline(input, forward)
  } catch (error) {
    await Promise.all([filter && stopChild(filter.child, CONSUMER_FAILED_GRACE_MS), stopChild(fed.child, CONSUMER_FAILED_GRACE_MS)])
    await Promise.all([filter?.result, fed.result])
    throw error
  }
  const [filtered, result] = await Promise.all([filter?.result, fed.result, reading.catch(() => undefined)])
  if (filtered && (filtered.exitCode !== 0 || filtered.timedOut)) throw new Error(describeFailure(through?.command ?? '', filtered, through?.timeoutMs))
  return result
}

/** Passes bytes through, failing unless the stream starts with `signature`. */
export function signatureCheck(signature: Buffer, failure: string): Transform {
  let head = Buffer.alloc(0)
  let checked = false
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!checked) {
        head = Buffer.concat([head, chunk.subarray(0, signature.length - head.length)])
        if (head.length === signature.length) {
          if (!head.equals(signature)) return done(new Error(failure))
          checked = true
        }
      }
      done(null, chunk)
    },
    flush(done) {
      done(checked ? null : new Error(failure))
    }
  })
}
