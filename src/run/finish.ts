import * as core from '@actions/core'
import { Inputs, RestoreStepNames, StepNames, type StepName } from '../constants.js'
import type { Config, RawInputs } from '../config/types.js'
import { writeAuditRecord } from '../notify/audit.js'
import type { NotifyConfig } from '../notify/index.js'
import { setOutputs } from '../report/outputs.js'
import { writeSummary } from '../report/summary.js'
import type { RunReport, StepResult } from '../report/types.js'
import { runContext } from '../report/context.js'
import { saveReported, saveStepStarted, type Progress } from './state.js'
import { sendNotification } from './send-notification.js'
import { errorMessage } from '../util/errors.js'

/**
 * The end of every run, the main step's or, for a main step that never got there, the post
 * step's: the notification and the audit record, then outputs, job summary and exit status.
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

/**
 * send-notification: every channel, then the audit record; the report comes back completed with
 * this step, which fails the run if a channel or the record failed.
 */
export async function notifyAndRecord(report: RunReport, notifyConfig: NotifyConfig): Promise<RunReport> {
  const notifyStarted = performance.now()
  saveStepStarted('send-notification', report.steps)
  core.startGroup('send-notification')
  try {
    const failures = await sendNotification(report, notifyConfig)
    let final = withNotification(report, failures, notifyStarted)
    try {
      final.auditFile = await writeAuditRecord(final, notifyConfig.auditDir)
      core.info(`audit record: ${final.auditFile}`)
    } catch (error) {
      const message = `audit record: ${errorMessage(error)}`
      core.info(message)
      final = withNotification(report, [...failures, message], notifyStarted)
    }
    saveReported()
    return final
  } finally {
    core.endGroup()
  }
}

/** The report completed with the notification step, which fails the run if any channel failed. */
function withNotification(report: RunReport, failures: string[], notifyStarted: number): RunReport {
  const error = failures.join('; ')
  const notification: StepResult = {
    name: 'send-notification',
    status: error ? 'failed' : 'success',
    durationMs: Math.round(performance.now() - notifyStarted),
    figures: { channels: failures.length ? `${failures.length} failed` : 'all delivered' },
    ...(error ? { error } : {})
  }
  const finishedAt = new Date()
  return {
    ...report,
    status: report.status === 'SUCCESS' && !error ? 'SUCCESS' : 'FAILED',
    failedStep: report.failedStep || (error ? 'send-notification' : ''),
    error: report.error || error,
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - new Date(report.startedAt).getTime(),
    steps: [...report.steps, notification]
  }
}

/**
 * Outputs, job summary, and a red step for a failed run. Each write has its time limit; one that
 * fails or hangs does not stop the other, and fails the run naming it.
 */
export async function publish(report: RunReport): Promise<void> {
  const writes: [string, () => Promise<void>][] = [
    ['the outputs', () => setOutputs(report)],
    ['the job summary', () => writeSummary(report)]
  ]
  for (const [what, write] of writes) {
    try {
      await write()
    } catch (error) {
      core.setFailed(`${what} could not be written: ${errorMessage(error)}`)
    }
  }
  const what = report.action === 'restore' ? 'Restore' : 'Backup'
  if (report.status === 'FAILED') {
    // One error annotation per failure: the run's, and one for each later step that failed too
    // (a notification that could not tell of a failed dump).
    for (const step of report.steps) {
      if (step.status === 'failed' && step.name !== report.failedStep) core.error(`${step.name} failed too: ${step.error ?? ''}`, { title: `Database ${what.toLowerCase()}` })
    }
    const storedUris = (report.databases ?? []).flatMap((run) => (run.backup ? [run.backup.uri] : []))
    const stored =
      report.backup && report.action !== 'restore'
        ? ` (the backup itself is stored: ${report.backup.uri})`
        : storedUris.length > 0
          ? ` (the backups of the other databases are stored: ${storedUris.join(', ')})`
          : ''
    core.setFailed(`${what} FAILED in ${report.failedStep}: ${report.error}${stored}`)
  } else core.info(`${what} SUCCESS: ${report.databases ? report.databases.map((run) => run.backup?.uri).join(', ') : report.backup?.uri}`)
}
