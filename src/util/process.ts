import * as core from '@actions/core'
import * as exec from '@actions/exec'
import * as io from '@actions/io'
import { createHash } from 'node:crypto'
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs'
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

/** Runs a command without a shell, handing each chunk of its stdout to `onStdout` as it arrives. */
export async function runWithListener(
  command: ToolCommand,
  onStdout: (chunk: Buffer) => void
): Promise<ToolResult> {
  const [file, args] = await withTimeout(command)
  core.info(`$ ${[command.command, ...command.args].map(quoteForLog).join(' ')}`)
  let stderrTail: Buffer = Buffer.alloc(0)
  const exitCode = await exec.exec(file, args, {
    env: childEnv(command.env),
    silent: true,
    ignoreReturnCode: true,
    listeners: {
      stdout: onStdout,
      stderr: (chunk) => {
        stderrTail = appendTail(stderrTail, chunk)
      }
    }
  })
  const stderr = redact(stderrTail.toString('utf8')).trim()
  return {
    exitCode,
    stdout: '',
    stderr,
    timedOut: Boolean(command.timeoutMs) && file !== command.command && TIMEOUT_EXIT_CODES.has(exitCode)
  }
}

/** Runs a command without a shell and returns its (small) output. */
export async function runTool(command: ToolCommand): Promise<ToolResult> {
  const chunks: Buffer[] = []
  const result = await runWithListener(command, (chunk) => chunks.push(chunk))
  return { ...result, stdout: Buffer.concat(chunks).toString('utf8') }
}

/** A synchronous stage between a child's stdout and the file (compression, for example). */
export interface ChunkEncoder {
  encode(chunk: Buffer): Buffer[]
  finish(): Buffer[]
}

/**
 * Runs a command whose stdout is written to `path` (created, mode 0600) while its SHA-256 and
 * size are computed from the same bytes as they are written. The writes are synchronous: they
 * hold the event loop, so a fast producer waits on the pipe instead of filling memory.
 */
export async function runToolToFile(
  command: ToolCommand,
  path: string,
  encoder?: ChunkEncoder
): Promise<ToolResult & CapturedFile> {
  const fd = openSync(path, 'wx', 0o600)
  const hash = createHash('sha256')
  let sizeBytes = 0
  let writeError: unknown
  const write = (chunks: Buffer[]): void => {
    for (const chunk of chunks) {
      hash.update(chunk)
      sizeBytes += chunk.length
      let offset = 0
      while (offset < chunk.length) offset += writeSync(fd, chunk, offset)
    }
  }
  try {
    const result = await runWithListener(command, (chunk) => {
      // A throw here would escape into the child's event handler: keep the first error for later.
      if (writeError) return
      try {
        write(encoder ? encoder.encode(chunk) : [chunk])
      } catch (error) {
        writeError = error
      }
    })
    if (writeError) throw writeError
    if (encoder) write(encoder.finish())
    fsyncSync(fd)
    return { ...result, sha256: hash.digest('hex'), sizeBytes }
  } finally {
    closeSync(fd)
  }
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
