import * as core from '@actions/core'
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process'
import { constants as osConstants } from 'node:os'
import { basename } from 'node:path'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { StringDecoder } from 'node:string_decoder'
import { errorMessage } from './errors.js'
import { redact } from './secrets.js'

export interface ToolCommand {
  command: string
  args: string[]
  /** What the tool needs beyond the allow-listed environment: the only place a password may travel. */
  env?: Record<string, string>
  timeoutMs?: number
  /**
   * A command that undoes what the run made (drops its scratch database): started even once the
   * run is cancelled, so that a cancelled run leaves nothing behind.
   */
  cleanup?: boolean
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

const STDERR_TAIL_CHARS = 16 * 1024
/** How long a child stopped at its time limit gets between SIGTERM and SIGKILL. */
const TIMEOUT_GRACE_MS = 30_000
/** How long a child whose output can no longer be consumed gets between SIGTERM and SIGKILL. */
export const CONSUMER_FAILED_GRACE_MS = 5_000

/**
 * What a child inherits from the action's environment; everything else it needs comes through
 * ToolCommand.env. The runner's environment holds every INPUT_* (the database password among
 * them), ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN and cloud keys: none of it is any
 * dump tool's business. RUNNER_TRACKING_ID is how the runner finds and ends a job's orphans.
 */
const INHERITED_NAMES = new Set(['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG', 'LANGUAGE', 'RUNNER_TRACKING_ID'])
const INHERITED_PREFIX = 'LC_'
/** What a program on Windows cannot start or find its temporary directory without (names there are case-insensitive). */
const WINDOWS_NAMES = new Set(['SYSTEMROOT', 'WINDIR', 'COMSPEC', 'PATHEXT', 'TEMP', 'TMP', 'USERPROFILE'])
const isWindows = process.platform === 'win32'

function inherited(name: string): boolean {
  if (!isWindows) return INHERITED_NAMES.has(name) || name.startsWith(INHERITED_PREFIX)
  const upper = name.toUpperCase()
  return INHERITED_NAMES.has(upper) || WINDOWS_NAMES.has(upper) || upper.startsWith(INHERITED_PREFIX)
}

/** The environment of a child: the allow-listed part of the action's, plus what the tool needs. */
export function childEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && inherited(name)) env[name] = value
  return { ...env, ...extra }
}

/**
 * The end of a child's stderr, secrets removed. Each chunk is redacted together with the tail it
 * joins before the tail is cut, so a secret split across chunks, or across the cut, is removed
 * whole rather than left in part.
 */
class StderrTail {
  private readonly decoder = new StringDecoder('utf8')
  private tail = ''

  push(chunk: Buffer): void {
    this.keep(this.decoder.write(chunk))
  }

  text(): string {
    this.keep(this.decoder.end())
    return this.tail.trim()
  }

  private keep(text: string): void {
    if (!text) return
    const joined = redact(this.tail + text)
    this.tail = joined.length > STDERR_TAIL_CHARS ? joined.slice(joined.length - STDERR_TAIL_CHARS) : joined
  }
}

/** Every child still running, so that a cancelled run can stop them all. */
const liveChildren = new Set<ChildProcess>()
/** Set once the run is cancelled: no child is started after that. */
let refusal: Error | undefined

/**
 * Signals the child's whole process group (its own children too); a group already gone is not an
 * error. Windows has no process groups to signal: there the child alone is stopped.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    if (isWindows) child.kill(signal)
    else process.kill(-child.pid, signal)
  } catch {
    // ESRCH: every process of the group has exited.
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null
}

/**
 * Stops the child's process group for sure: SIGTERM, then SIGKILL if the child has not exited
 * after `graceMs` (and SIGKILL to any of the group left behind once it has); resolves when the
 * child has exited.
 */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.pid === undefined) return
  const exited = hasExited(child) ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()))
  signalGroup(child, 'SIGTERM')
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs)
  })
  const outcome = await Promise.race([exited, late])
  clearTimeout(timer)
  signalGroup(child, 'SIGKILL')
  if (outcome === 'late') await exited
}

/**
 * Stops every running child and refuses to start any more: what a cancelled run does first.
 * Resolves when they have all exited.
 */
export async function stopAllChildren(reason: Error, graceMs: number): Promise<void> {
  refusal ??= reason
  await Promise.all([...liveChildren].map((child) => stopChild(child, graceMs)))
}

/** Kills every running child's process group at once: for a run that must end now. */
export function killAllChildrenNow(): void {
  for (const child of liveChildren) signalGroup(child, 'SIGKILL')
}

/** The pids of the children still running, for the tests. */
export function liveChildPids(): number[] {
  return [...liveChildren].flatMap((child) => (child.pid === undefined ? [] : [child.pid]))
}

/**
 * Starts a child process without a shell. Every child of the action is started here, so that
 * what children inherit and how they are stopped is decided in one place. Each child leads a
 * process group of its own, so that stopping it stops whatever it started too.
 */
export function startChild(command: ToolCommand, stdio: StdioOptions): ChildProcess {
  if (refusal && !command.cleanup) throw refusal
  // On Windows, detached would give the child a console window of its own, not a process group.
  const child = spawn(command.command, command.args, { env: childEnvironment(command.env), stdio, detached: !isWindows })
  if (child.pid !== undefined) {
    liveChildren.add(child)
    child.once('exit', () => liveChildren.delete(child))
  }
  return child
}

/** Runs a command without a shell and returns its (small) output. */
export async function runTool(command: ToolCommand): Promise<ToolResult> {
  const chunks: Buffer[] = []
  const result = await runStreaming(command, (chunk) => chunks.push(chunk))
  return { ...result, stdout: Buffer.concat(chunks).toString('utf8') }
}

/**
 * Runs a command without a shell, handing its stdout to `onStdout` chunk by chunk, with the
 * pipe's backpressure: the next chunk is read only once `onStdout` has returned, so a dump tool
 * faster than the disk (or the compressor) waits instead of filling memory.
 */
export async function runStreaming(command: ToolCommand, onStdout: (chunk: Buffer) => void): Promise<ToolResult> {
  core.info(`$ ${commandLine(command)}`)
  const child = startChild(command, ['ignore', 'pipe', 'pipe']) as ChildProcessByStdio
  const { stderr, exited, timedOut, done } = watchChild(child, command)
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
    try {
      await pipeline(child.stdout, consumer)
    } catch (error) {
      // Nothing would read the rest of its output: the child is stopped, waited for, and what it
      // said goes with the consumer's error.
      await stopChild(child, CONSUMER_FAILED_GRACE_MS)
      const ended = await exited
      if (typeof ended !== 'number') throw new Error(`${command.command} could not be started: ${ended.message}`)
      throw new Error(stoppedBecause(error, command.command, stderr.text()), { cause: error })
    }
    const exitCode = await exited
    if (typeof exitCode !== 'number') throw new Error(`${command.command} could not be started: ${exitCode.message}`)
    return { exitCode, stdout: '', stderr: stderr.text(), timedOut: timedOut() }
  } finally {
    done()
  }
}

/**
 * Collects a started child's stderr, stops it at its time limit, and settles `exited` when it
 * ends or fails to start, whichever comes: never left unhandled. `done` clears the time limit.
 */
function watchChild(child: ChildProcessByStdio, command: ToolCommand) {
  const stderr = new StderrTail()
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
  let timedOut = false
  const timer = command.timeoutMs
    ? setTimeout(() => {
        timedOut = true
        void stopChild(child, TIMEOUT_GRACE_MS)
      }, command.timeoutMs)
    : undefined
  const exited = new Promise<number | Error>((resolve) => {
    child.once('error', resolve)
    child.once('close', (code, signal) => resolve(code ?? 128 + (signal ? osConstants.signals[signal] : 0)))
  })
  return { stderr, exited, timedOut: () => timedOut, done: () => clearTimeout(timer) }
}

type ChildProcessByStdio = ChildProcess & { stdout: NonNullable<ChildProcess['stdout']>; stderr: NonNullable<ChildProcess['stderr']> }

/** The command as one line, quoted as a shell would need it, every known secret removed: for the log and the summary. */
export function commandLine(command: Pick<ToolCommand, 'command' | 'args'>): string {
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

/** Whether a command failed: it exited with a non-zero code or was stopped at its time limit. */
export function toolFailed(result: ToolResult): boolean {
  return result.exitCode !== 0 || result.timedOut
}

/** Throws describeFailure's message where the command failed (toolFailed). */
export function requireSuccess(what: string, result: ToolResult, timeoutMs?: number): void {
  if (toolFailed(result)) throw new Error(describeFailure(what, result, timeoutMs))
}

/** Why a child was stopped before its end (what its output was going into failed), with what it said. */
export function stoppedBecause(error: unknown, command: string, stderr: string): string {
  return `${errorMessage(error)}; ${basename(command)} was stopped${stderr ? `, its error output: ${lastLines(stderr, 6)}` : ''}`
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
  // Every caller pipes stderr: its tail is what a failure is explained with.
  const child = startChild(command, stdio) as ChildProcessByStdio
  const { stderr, exited, timedOut, done } = watchChild(child, command)
  const result = exited.then((ended): ToolResult => {
    done()
    if (typeof ended !== 'number') return { exitCode: 127, stdout: '', stderr: `${command.command} could not be started: ${ended.message}`, timedOut: false }
    return { exitCode: ended, stdout: '', stderr: stderr.text(), timedOut: timedOut() }
  })
  return { child, result }
}
