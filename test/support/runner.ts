import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { constants as osConstants } from 'node:os'
import { dirname, join } from 'node:path'
import { DIST, parseOutputFile, RESTORE_DIST, stepEnvironment, stepResult, type ActionRun, type StepEnvironment } from './action.js'
import { run } from './run.js'

/** The post step's bundle, beside the main one: dist/post/index.js. */
export const POST_DIST = join(dirname(DIST), 'post', 'index.js')

/** The restore action's post step's bundle, beside its main one: dist/restore/post/index.js. */
export const RESTORE_POST_DIST = join(dirname(RESTORE_DIST), 'post', 'index.js')

/** What the runner does on a cancel or timeout-minutes: SIGINT, SIGTERM 7.5 s later, then it kills the process tree 2.5 s after. */
export const RUNNER_SIGTERM_AFTER_MS = 7500
export const RUNNER_KILL_AFTER_MS = 2500

export interface SignalledRun extends ActionRun {
  step: StepEnvironment
  /** The RUNNER_TRACKING_ID the step ran with: the runner finds a job's leftover processes by it. */
  trackingId: string
  /** Signals sent, in order, with the time since the first. */
  sent: { signal: NodeJS.Signals; atMs: number }[]
  /** From the first signal to the action's exit. */
  exitedAfterMs: number
}

export interface StartedAction {
  pid: number
  step: StepEnvironment
  stdout(): string
  /** Sends one signal to the node process, as the runner does. */
  signal(signal: NodeJS.Signals): void
  /**
   * The runner's cancellation: `first` now; after 7.5 s without an exit SIGTERM (if `first` was
   * SIGINT); 2.5 s later SIGKILL to the whole process tree.
   */
  cancelLikeRunner(first: NodeJS.Signals): void
  /** SIGKILL to the node process and every process descended from it (the runner killing the tree). */
  killTree(): void
  finished: Promise<SignalledRun>
}

/** Starts the bundle (the backup's, or `bundle`) as the runner does, to signal it at a chosen moment. */
export async function startAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}, bundle = DIST): Promise<StartedAction> {
  const trackingId = `github_${randomBytes(8).toString('hex')}`
  const step = await stepEnvironment(inputs, { RUNNER_TRACKING_ID: trackingId, ...extraEnv })
  const child = spawn(process.execPath, [bundle], { env: step.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const sent: SignalledRun['sent'] = []
  let firstAt = 0
  const timers: NodeJS.Timeout[] = []
  const pid = child.pid as number
  const send = (signal: NodeJS.Signals): void => {
    const now = performance.now()
    if (sent.length === 0) firstAt = now
    sent.push({ signal, atMs: Math.round(now - firstAt) })
    try {
      process.kill(pid, signal)
    } catch {
      // Already gone.
    }
  }
  const killTree = (): void => {
    for (const member of [pid, ...descendantsOf(pid)]) {
      try {
        process.kill(member, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
  }
  const finished = new Promise<SignalledRun>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const exitedAfterMs = firstAt ? Math.round(performance.now() - firstAt) : 0
      for (const timer of timers) clearTimeout(timer)
      stepResult(step, { code: code ?? 128 + (signal ? osConstants.signals[signal] : 0), stdout, stderr }).then(
        (result) => resolve({ ...result, step, trackingId, sent, exitedAfterMs }),
        reject
      )
    })
  })
  return {
    pid,
    step,
    stdout: () => stdout,
    signal: send,
    cancelLikeRunner(first) {
      send(first)
      const killAfter = first === 'SIGINT' ? RUNNER_SIGTERM_AFTER_MS + RUNNER_KILL_AFTER_MS : RUNNER_KILL_AFTER_MS
      if (first === 'SIGINT') timers.push(setTimeout(() => send('SIGTERM'), RUNNER_SIGTERM_AFTER_MS))
      timers.push(
        setTimeout(() => {
          sent.push({ signal: 'SIGKILL', atMs: Math.round(performance.now() - firstAt) })
          killTree()
        }, killAfter)
      )
    },
    killTree,
    finished
  }
}

/** Polls until `probe` returns a value (a marker file, a log line); fails after `ms`. */
export async function waitUntil<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const deadline = performance.now() + ms
  while (performance.now() < deadline) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`)
}

/** Whether a process is running: a zombie (ended, not yet reaped) is not. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0])
  } catch {
    return false
  }
}

/** Pids of every running process (zombies excluded) with its parent. */
function processTable(): { pid: number; ppid: number }[] {
  const table: { pid: number; ppid: number }[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || !isRunning(Number(name))) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      table.push({ pid: Number(name), ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) })
    } catch {
      // Ended while being read.
    }
  }
  return table
}

function descendantsOf(root: number): number[] {
  const table = processTable()
  const found: number[] = []
  let frontier = [root]
  while (frontier.length > 0) {
    const children = table.filter((entry) => frontier.includes(entry.ppid)).map((entry) => entry.pid)
    found.push(...children)
    frontier = children
  }
  return found
}

/** Running processes whose environment holds RUNNER_TRACKING_ID=<id>: what the runner's orphan cleanup looks for. */
export function processesTrackedBy(trackingId: string): number[] {
  const marker = `RUNNER_TRACKING_ID=${trackingId}\0`
  return processTable()
    .map((entry) => entry.pid)
    .filter((pid) => {
      try {
        return `\0${readFileSync(`/proc/${pid}/environ`, 'latin1')}`.includes(`\0${marker}`)
      } catch {
        return false
      }
    })
}

/** What the main step saved with core.saveState, as the runner hands it to the post step: STATE_<name>. */
export async function stateEnv(step: StepEnvironment): Promise<Record<string, string>> {
  const saved = parseOutputFile(await readFile(step.stateFile, 'utf8'))
  return Object.fromEntries(Object.entries(saved).map(([name, value]) => [`STATE_${name}`, value]))
}

/**
 * Runs the post step (the backup's, or `bundle`) as the runner does after the main step: the same
 * inputs, its own output and summary files, the saved state.
 */
export async function runPostStep(main: { step: StepEnvironment }, bundle = POST_DIST): Promise<ActionRun & { step: StepEnvironment }> {
  const post = await stepEnvironment({}, {})
  const env: Record<string, string> = { ...main.step.env, ...(await stateEnv(main.step)) }
  Object.assign(env, { GITHUB_OUTPUT: post.outputFile, GITHUB_STEP_SUMMARY: post.summaryFile, GITHUB_STATE: post.stateFile })
  // The same job: the same RUNNER_TEMP.
  const result = await run(process.execPath, [bundle], { env })
  return { ...(await stepResult({ ...post, runnerTemp: main.step.runnerTemp }, result)), step: post }
}
