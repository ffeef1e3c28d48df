import * as core from '@actions/core'
import * as exec from '@actions/exec'
import * as io from '@actions/io'
import { createHash } from 'node:crypto'
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process'
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs'
import { constants as osConstants } from 'node:os'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { redact } from './secrets.js'

export interface ToolCommand {
  command: string
  args: string[]
  /** Added to the runner's environment: the only place a password may travel. */
  env?: Record<string, string>
  timeoutMs?: number
}

export interface ToolResult {
  exitCode: number
  stdout: string
  /** The last part of stderr, secrets removed. */
  stderr: string
  timedOut: boolean
}

export interface CapturedFile {
  sha256: string
  sizeBytes: number
}

const STDERR_TAIL_BYTES = 16 * 1024
/** coreutils `timeout` exits 124 when the limit is reached, 137 when it had to SIGKILL. */
const TIMEOUT_EXIT_CODES = new Set([124, 137])

let timeoutBinary: Promise<string> | undefined

/**
 * @actions/exec cannot stop a child, so a time limit is enforced by coreutils `timeout`
 * (present on Linux and macOS runners). Without it the job's own timeout-minutes is the limit.
 */
async function withTimeout(command: ToolCommand): Promise<[string, string[]]> {
  if (!command.timeoutMs) return [command.command, command.args]
  timeoutBinary ??= io.which('timeout', false)
  const timeout = await timeoutBinary
  if (!timeout) {
    core.warning(`coreutils "timeout" is not on PATH: ${command.command} runs without a time limit`)
    return [command.command, command.args]
  }
  const seconds = Math.max(1, Math.ceil(command.timeoutMs / 1000))
  return [timeout, ['--kill-after=30s', `${seconds}s`, command.command, ...command.args]]
}

function childEnv(extra: Record<string, string> | undefined): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
  return { ...env, ...extra }
}

function appendTail(tail: Buffer, chunk: Buffer): Buffer {
  const joined = Buffer.concat([tail, chunk])
  return joined.length > STDERR_TAIL_BYTES ? joined.subarray(joined.length - STDERR_TAIL_BYTES) : joined
}

/**
 * Starts a child process without a shell. Every child of the action is started here, so that
 * what children inherit and how they are stopped is decided in one place.
 */
export function startChild(command: ToolCommand, stdio: StdioOptions): ChildProcess {
  return spawn(command.command, command.args, { env: childEnv(command.env), stdio })
}

/** Runs a command without a shell and returns its (small) output. */
export async function runTool(command: ToolCommand): Promise<ToolResult> {
  const [file, args] = await withTimeout(command)
  core.info(`$ ${commandLine(command)}`)
  const chunks: Buffer[] = []
  let stderrTail: Buffer = Buffer.alloc(0)
  const exitCode = await exec.exec(file, args, {
    env: childEnv(command.env),
    silent: true,
    ignoreReturnCode: true,
    listeners: {
      stdout: (chunk) => chunks.push(chunk),
      stderr: (chunk) => {
        stderrTail = appendTail(stderrTail, chunk)
      }
    }
  })
  return {
    exitCode,
    stdout: Buffer.concat(chunks).toString('utf8'),
    stderr: redact(stderrTail.toString('utf8')).trim(),
    timedOut: Boolean(command.timeoutMs) && file !== command.command && TIMEOUT_EXIT_CODES.has(exitCode)
  }
}

/**
 * Runs a command without a shell, handing its stdout to `onStdout` chunk by chunk, with the
 * pipe's backpressure: the next chunk is read only once `onStdout` has returned, so a dump tool
 * faster than the disk (or the compressor) waits instead of filling memory. This is spawn, not
 * @actions/exec: exec cannot pause a child's output, splits every chunk of it into lines (slow
 * on the long lines of a SQL dump), and cannot stop a child at its time limit.
 */
export async function runStreaming(command: ToolCommand, onStdout: (chunk: Buffer) => void): Promise<ToolResult> {
  core.info(`$ ${commandLine(command)}`)
  const child = startChild(command, ['ignore', 'pipe', 'pipe']) as ChildProcessByStdio
  let stderrTail: Buffer = Buffer.alloc(0)
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = appendTail(stderrTail, chunk)
  })
  let timedOut = false
  const timer = command.timeoutMs
    ? setTimeout(() => {
        timedOut = true
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 30_000).unref()
      }, command.timeoutMs)
    : undefined
  // Settles on the child's end or on its failure to start, whichever comes: never left unhandled.
  const exited = new Promise<number | Error>((resolve) => {
    child.once('error', resolve)
    child.once('close', (code, signal) => resolve(code ?? 128 + (signal ? osConstants.signals[signal] : 0)))
  })
  const consumer = new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        onStdout(chunk)
        done()
      } catch (error) {
        done(error as Error)
      }
    }
  })
  try {
    // If the consumer fails, the child is stopped: nothing would read the rest of its output.
    await pipeline(child.stdout, consumer).catch((error: unknown) => {
      child.kill('SIGTERM')
      throw error
    })
    const exitCode = await exited
    if (typeof exitCode !== 'number') throw new Error(`${command.command} could not be started: ${exitCode.message}`)
    return { exitCode, stdout: '', stderr: redact(stderrTail.toString('utf8')).trim(), timedOut }
  } finally {
    clearTimeout(timer)
  }
}

/** A synchronous stage between a child's stdout and the file (compression, for example). */
type ChildProcessByStdio = ChildProcess & { stdout: NonNullable<ChildProcess['stdout']>; stderr: NonNullable<ChildProcess['stderr']> }

export interface ChunkEncoder {
  encode(chunk: Buffer): Buffer[]
  finish(): Buffer[]
}

/**
 * Runs a command whose stdout is written to `path` (created, mode 0600) while its SHA-256 and
 * size are computed from the same bytes as they are written: one pass, and memory bounded by the
 * pipe's backpressure.
 */
export async function runToolToFile(
  command: ToolCommand,
  path: string,
  encoder?: ChunkEncoder
): Promise<ToolResult & CapturedFile> {
  const fd = openSync(path, 'wx', 0o600)
  const hash = createHash('sha256')
  let sizeBytes = 0
  const write = (chunks: Buffer[]): void => {
    for (const chunk of chunks) {
      hash.update(chunk)
      sizeBytes += chunk.length
      let offset = 0
      while (offset < chunk.length) offset += writeSync(fd, chunk, offset)
    }
  }
  try {
    const result = await runStreaming(command, (chunk) => write(encoder ? encoder.encode(chunk) : [chunk]))
    if (encoder) write(encoder.finish())
    fsyncSync(fd)
    return { ...result, sha256: hash.digest('hex'), sizeBytes }
  } finally {
    closeSync(fd)
  }
}

function commandLine(command: ToolCommand): string {
  return [command.command, ...command.args].map(quoteForLog).join(' ')
}

/** Shell-like quoting for the log line only; commands never go through a shell. */
function quoteForLog(arg: string): string {
  const safe = redact(arg)
  return /^[\w@%+=:,./-]+$/.test(safe) ? safe : `'${safe.replace(/'/g, `'\\''`)}'`
}

/** A non-zero exit, a timeout or stderr turned into one error message. */
export function describeFailure(what: string, result: ToolResult, timeoutMs?: number): string {
  if (result.timedOut) {
    return `${what} did not finish within ${Math.round((timeoutMs ?? 0) / 60000)} minute(s) and was stopped`
  }
  const detail = result.stderr ? `: ${lastLines(result.stderr, 6)}` : ' (no error output)'
  return `${what} exited with code ${result.exitCode}${detail}`
}

function lastLines(text: string, count: number): string {
  return text.split(/\r?\n/).filter(Boolean).slice(-count).join(' | ')
}

export interface TrackedChild {
  child: ChildProcess
  /** Settles once the child has exited (or failed to start), with its exit code and stderr's tail; never rejects. */
  result: Promise<ToolResult>
}

/**
 * Starts a command (through startChild) with the given stdio, keeps the tail of its stderr and
 * enforces its time limit. For children wired to streams or to each other, where runStreaming's
 * one stdout consumer does not fit: a dump tool piped into a compressor, a checker fed on stdin.
 */
export function startTracked(command: ToolCommand, stdio: StdioOptions): TrackedChild {
  core.info(`$ ${commandLine(command)}`)
  const child = startChild(command, stdio)
  let stderrTail: Buffer = Buffer.alloc(0)
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = appendTail(stderrTail, chunk)
  })
  let timedOut = false
  const timer = command.timeoutMs
    ? setTimeout(() => {
        timedOut = true
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 30_000).unref()
      }, command.timeoutMs)
    : undefined
  const result = new Promise<ToolResult>((resolve) => {
    const settle = (exitCode: number, stderr: string): void => {
      clearTimeout(timer)
      resolve({ exitCode, stdout: '', stderr, timedOut })
    }
    child.once('error', (error) => settle(127, `${command.command} could not be started: ${error.message}`))
    child.once('close', (code, signal) => settle(code ?? 128 + (signal ? osConstants.signals[signal] : 0), redact(stderrTail.toString('utf8')).trim()))
  })
  return { child, result }
}
