import * as core from '@actions/core'
import { StepNames, States, type StepName } from './constants.js'
import type { StepResult, StepStatus } from './report/types.js'

/** A step as the post step learns of it: no error text and no figures, which could hold anything. */
export type SavedStep = Pick<StepResult, 'name' | 'status' | 'durationMs'>

/** How far the main step got, as the post step reads it. */
export interface Progress {
  startedAt: Date | undefined
  lastStepStarted: StepName | undefined
  steps: SavedStep[]
  /** The directory the dump was written to, if one was made. */
  workDir: string
  /** The outcome was sent and recorded (send-notification ended), whatever it was. */
  reported: boolean
}

export function saveRunStarted(startedAt: Date): void {
  core.saveState(States.StartedAt, startedAt.toISOString())
}

export function saveStepStarted(name: StepName, done: readonly StepResult[]): void {
  core.saveState(States.StepResults, JSON.stringify(done.map(({ name, status, durationMs }): SavedStep => ({ name, status, durationMs }))))
  core.saveState(States.LastStepStarted, name)
}

export function saveWorkDir(path: string): void {
  core.saveState(States.WorkDir, path)
}

export function saveReported(): void {
  core.saveState(States.Reported, 'true')
}

const statuses: readonly StepStatus[] = ['success', 'failed', 'skipped']

function isSavedStep(value: unknown): value is SavedStep {
  const step = value as SavedStep
  return (
    typeof step === 'object' &&
    step !== null &&
    (StepNames as readonly StepName[]).includes(step.name) &&
    statuses.includes(step.status) &&
    typeof step.durationMs === 'number'
  )
}

/** Reads what the main step saved; anything missing or unreadable counts as not done. */
export function readProgress(): Progress {
  const started = new Date(core.getState(States.StartedAt))
  const last = core.getState(States.LastStepStarted) as StepName
  let steps: SavedStep[] = []
  try {
    const parsed: unknown = JSON.parse(core.getState(States.StepResults) || '[]')
    if (Array.isArray(parsed)) steps = parsed.filter(isSavedStep)
  } catch {
    // Unreadable: the steps are reported as not known to have run.
  }
  return {
    startedAt: Number.isNaN(started.getTime()) ? undefined : started,
    lastStepStarted: (StepNames as readonly StepName[]).includes(last) ? last : undefined,
    steps,
    workDir: core.getState(States.WorkDir),
    reported: core.getState(States.Reported) === 'true'
  }
}

/** The work directory's name starts with this; the post step removes only such a directory. */
export const WORK_DIR_PREFIX = 'db-backup-'
