import { Inputs, RestoreStepNames, StepNames, type StepName } from '../constants.js'
import type { Config, RawInputs } from '../config/types.js'
import { runContext } from '../report/context.js'
import type { RunReport, StepResult } from '../report/types.js'
import type { Progress } from './state.js'

/**
 * The report of a run, the main step's or, for a main step that never got there, the post
 * step's: what send-notification tells, the audit record keeps and publish shows.
 */

/** What was backed up, and where to. */
export type Target = Pick<RunReport, 'backupName' | 'database' | 'storage'>

/** The target from the config, or from the raw inputs where it did not parse (none of it secret). */
export function describeTarget(config: Config | undefined, raw: RawInputs): Target {
  if (config) {
    const { database, storage } = config
    return {
      backupName: config.backupName,
      database: { type: database.type, host: database.host, port: database.port, name: database.name },
      storage: { type: storage.type, bucket: storage.bucket, path: storage.path }
    }
  }
  const text = (name: string): string => (raw[name] ?? '').trim()
  return {
    backupName: text(Inputs.BackupName) || text(Inputs.DbName) || text(Inputs.DbType) || 'backup',
    database: { type: text(Inputs.DbType), host: text(Inputs.DbHost), port: Number(text(Inputs.DbPort)) || null, name: text(Inputs.DbName) },
    storage: { type: text(Inputs.StorageType), bucket: text(Inputs.Bucket), path: text(Inputs.Path) }
  }
}

/** The report of the steps before send-notification: FAILED in the first that failed. */
export function reportOf(
  before: StepResult[],
  startedAt: Date,
  target: Target,
  backupReport: Pick<RunReport, 'backup' | 'retention' | 'databases'>
): RunReport {
  const failed = before.find((step) => step.status === 'failed')
  return {
    status: failed ? 'FAILED' : 'SUCCESS',
    failedStep: failed?.name ?? '',
    error: failed?.error ?? '',
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    durationMs: 0,
    ...target,
    steps: before,
    ...backupReport,
    run: runContext(),
    auditFile: ''
  }
}

/** Which action a post step reports for: the backup's (the default) or the restore's. */
export type ActionKind = 'backup' | 'restore'

/**
 * For the post step: the report of a run whose main step ended without reporting. The steps it
 * saved as done keep their status, the last one that started failed, and the rest were skipped.
 */
export function interruptedRunReport(progress: Progress, target: Target, action: ActionKind = 'backup'): RunReport {
  const stepNames: readonly StepName[] = action === 'restore' ? RestoreStepNames : StepNames
  const interrupted = progress.lastStepStarted ?? 'validate-config'
  const error =
    `the ${action}'s main step ended while ${interrupted} was running, without reporting: it was killed ` +
    '(cancelled past the runner\'s grace period, out of memory, or the runner was lost)'
  const before = stepNames.filter((name) => name !== 'send-notification').map((name): StepResult => {
    const saved = progress.steps.find((step) => step.name === name)
    if (saved?.status === 'failed') return { ...saved, error: "failed: the cause is in the main step's log", figures: {} }
    if (saved) return { ...saved, figures: {} }
    if (name === interrupted) return { name, status: 'failed', durationMs: 0, error, figures: {} }
    return { name, status: 'skipped', durationMs: 0, figures: {} }
  })
  const report = reportOf(before, progress.startedAt ?? new Date(), target, { backup: null, retention: null })
  return { ...report, ...(action === 'restore' ? { action, restore: null } : {}), status: 'FAILED', failedStep: report.failedStep || interrupted, error }
}
