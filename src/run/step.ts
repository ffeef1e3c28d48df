import type { Figures } from '../engines/types.js'

/** What a step hands on to the next ones, and the figures it reports. */
export interface StepOutcome<T> {
  value: T
  figures: Figures
  /** What worked but may surprise the reader: logged as warnings and shown in the summary. */
  warnings?: string[]
}

/**
 * A step that ran at the same time as the one that failed (staging stream) and was stopped by
 * that failure: recorded as skipped, its cause named, so that the run fails in the step that failed.
 */
export class StoppedError extends Error {
  constructor(
    readonly by: string,
    readonly cause: string
  ) {
    super(`stopped because ${by} failed: ${cause}`)
    this.name = 'StoppedError'
  }
}
