import type { Figures } from '../engines/types.js'

/** What a step hands on to the next ones, and the figures it reports. */
export interface StepOutcome<T> {
  value: T
  figures: Figures
  /** What worked but may surprise the reader: logged as warnings and shown in the summary. */
  warnings?: string[]
}
