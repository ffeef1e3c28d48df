import * as core from '@actions/core'
import type { StepName } from '../constants.js'
import { unlessCancelled } from './cancellation.js'
import { oneLine } from '../report/headline.js'
import type { StepResult } from '../report/types.js'
import { saveStepStarted } from './state.js'
import { errorMessage } from '../util/errors.js'
import { StoppedError, type StepOutcome } from './step.js'

/**
 * Runs an action's steps in order, each in a log group, and records how each went. After a
 * failure, the rest are skipped. Once the run is cancelled, the step running fails with the
 * cancellation. The backup and the restore action share it.
 */
export class StepRunner {
  readonly results: StepResult[] = []

  /**
   * `stepNames`: every step of the action, in order, send-notification last. For the steps of one
   * database of several: `label` names it in the log, `before` holds the run's steps done before.
   */
  constructor(
    private readonly cancel: AbortSignal,
    private readonly stepNames: readonly StepName[],
    private readonly label = '',
    private readonly before: readonly StepResult[] = []
  ) {}

  /** `startedAt` (performance.now()): when the step's work began, if before this call (steps that ran at once). */
  async run<T>(name: StepName, step: () => Promise<StepOutcome<T>>, startedAt?: number): Promise<T | undefined> {
    // Saved for the post step, which reports a run killed before it could.
    saveStepStarted(name, [...this.before, ...this.results])
    const started = startedAt ?? performance.now()
    core.startGroup(this.label ? `${name}: ${this.label}` : name)
    // A cancelled step that still ends while it winds down (deletions already sent, say) is
    // reported failed by the cancellation, with the figures of what it did.
    let ended: StepOutcome<T> | undefined
    try {
      const work = Promise.resolve().then(step)
      work.then((outcome) => (ended = outcome), () => undefined)
      const { value, figures, warnings } = await unlessCancelled(work, this.cancel)
      this.results.push({ name, status: 'success', durationMs: elapsed(started), figures, ...(warnings?.length ? { warnings } : {}) })
      return value
    } catch (error) {
      const message = errorMessage(error)
      if (error instanceof StoppedError && !this.cancel.aborted) {
        core.info(oneLine(`${name} ${message}`))
        this.results.push({ name, status: 'skipped', durationMs: elapsed(started), error: message, figures: ended?.figures ?? {} })
        return undefined
      }
      // A plain line: the run's one error annotation is the failure the action ends with.
      core.info(oneLine(`${name}${this.label ? ` (${this.label})` : ''} failed: ${message}`))
      this.results.push({ name, status: 'failed', durationMs: elapsed(started), error: message, figures: ended?.figures ?? {} })
      return undefined
    } finally {
      core.endGroup()
    }
  }

  /** The results of every step before the notification, those that never ran marked skipped. */
  beforeNotification(): StepResult[] {
    return this.stepNames
      .filter((name) => name !== 'send-notification')
      .map((name) => this.results.find((result) => result.name === name) ?? { name, status: 'skipped', durationMs: 0, figures: {} })
  }
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since)
}
