import * as core from '@actions/core'
import { RestoreStepNames, StepNames, States, type StepName } from '../constants.js'
import type { StepResult, StepStatus } from '../report/types.js'
import { RUN_ID } from '../util/run-id.js'

/** A step as the post step learns of it: no error text and no figures, which could hold anything. */
export type SavedStep = Pick<StepResult, 'name' | 'status' | 'durationMs'>

/** How far the main step got, as the post step reads it. */
export interface Progress {
  startedAt: Date | undefined
  lastStepStarted: StepName | undefined
  steps: SavedStep[]
  /** The directory the dump (or the downloaded backup) was written to, if one was made. */
  workDir: string
  /** The main step's RUN_ID, which marks the temporary files it writes outside its work directory; '' if none was saved. */
  runId: string
  /** The outcome was sent and recorded (send-notification ended), whatever it was. */
  reported: boolean
}

export function saveRunStarted(startedAt: Date): void {
  core.saveState(States.StartedAt, startedAt.toISOString())
  core.saveState(States.RunId, RUN_ID)
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

/** The steps of both actions: the post step reads what either saved. */
const KNOWN_STEPS: ReadonlySet<string> = new Set<string>([...StepNames, ...RestoreStepNames])

function isStepName(value: unknown): value is StepName {
  return typeof value === 'string' && KNOWN_STEPS.has(value)
}

function isSavedStep(value: unknown): value is SavedStep {
  const step = value as SavedStep
  return (
    typeof step === 'object' &&
    step !== null &&
    isStepName(step.name) &&
    statuses.includes(step.status) &&
    typeof step.durationMs === 'number'
  )
}

/** Reads what the main step saved; anything missing or unreadable counts as not done. */
export function readProgress(): Progress {
  const started = new Date(core.getState(States.StartedAt))
  const last = core.getState(States.LastStepStarted)
  let steps: SavedStep[] = []
  try {
    const parsed: unknown = JSON.parse(core.getState(States.StepResults) || '[]')
    if (Array.isArray(parsed)) steps = parsed.filter(isSavedStep)
  } catch {
    // Unreadable: the steps are reported as not known to have run.
  }
  return {
    startedAt: Number.isNaN(started.getTime()) ? undefined : started,
    lastStepStarted: isStepName(last) ? last : undefined,
    steps,
    workDir: core.getState(States.WorkDir),
    runId: /^[0-9a-f]+$/.test(core.getState(States.RunId)) ? core.getState(States.RunId) : '',
    reported: core.getState(States.Reported) === 'true'
  }
}

/** The work directory's name starts with this; the post step removes only such a directory. */
export const WORK_DIR_PREFIX = 'db-backup-'

/** The restore's work directory (the downloaded, decrypted backup): its name starts with this. */
export const RESTORE_WORK_DIR_PREFIX = 'db-restore-'
