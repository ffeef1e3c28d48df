import * as core from '@actions/core'
import { constants as osConstants } from 'node:os'
import { killAllChildrenNow, stopAllChildren } from '../util/process.js'

/**
 * The runner's cancellation (a cancelled run, or timeout-minutes reached): SIGINT to the action's
 * node process, SIGTERM 7.5 s later, and 2.5 s after that the process tree is killed. Everything
 * a cancelled run does (stop the tool, abort the upload, remove the dump, report) fits in those 7.5 s:
 */
const CANCEL_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']
/** how long a tool gets between SIGTERM and SIGKILL, */
const CHILD_GRACE_MS = 1000
/** how long the cancelled step gets to end (children stopped, upload aborted) before it is reported, */
const WIND_DOWN_MS = 2000
// and the webhook has 5 s of its own.

export class CancelledError extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`the run was cancelled: ${signal} received (the workflow run was cancelled, reached timeout-minutes, or the runner is stopping)`)
    this.name = 'CancelledError'
  }
}

export interface Cancellation {
  signal: AbortSignal
  /** Stops listening for the signals. */
  dispose(): void
}

/**
 * Turns the first SIGINT or SIGTERM into a cancelled run: the signal aborts, every tool is
 * stopped and no other is started. A second signal ends the action at once (the post step
 * reports a run that ends that way).
 */
export function cancelOnSignals(): Cancellation {
  const controller = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      core.error(`${signal} received again: the action ends now`)
      killAllChildrenNow()
      process.exit(128 + osConstants.signals[signal])
    }
    const reason = new CancelledError(signal)
    core.warning(`${reason.message}: stopping the running step and reporting`)
    controller.abort(reason)
    void stopAllChildren(reason, CHILD_GRACE_MS)
  }
  for (const name of CANCEL_SIGNALS) process.on(name, onSignal)
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of CANCEL_SIGNALS) process.off(name, onSignal)
    }
  }
}

/**
 * The outcome of `work`, or, once `signal` aborts, its reason: the work then gets a moment to end
 * (its tools are being stopped, its upload aborted), so that it is not still writing when the run
 * cleans up, but a step that does not end in time is not waited for.
 */
export async function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted()
  let stopListening = (): void => undefined
  const cancelled = new Promise<never>((_resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error)
    signal.addEventListener('abort', onAbort, { once: true })
    stopListening = () => signal.removeEventListener('abort', onAbort)
  })
  try {
    return await Promise.race([work, cancelled])
  } catch (error) {
    if (!signal.aborted) throw error
    await settledWithin(work, WIND_DOWN_MS)
    throw signal.reason
  } finally {
    stopListening()
  }
}

async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([work.then(noop, noop), new Promise((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}

function noop(): void {}
