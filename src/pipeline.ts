import * as core from '@actions/core'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Inputs, StepNames, type StepName } from './constants.js'
import { parseNotifyConfig } from './config/notify.js'
import type { Config, RawInputs } from './config/types.js'
import { runContext } from './report/context.js'
import type { RunReport, StepResult } from './report/types.js'
import { cleanupOldBackups } from './steps/cleanup-old-backups.js'
import { writeAuditRecord } from './notify/audit.js'
import { pingStart } from './notify/heartbeat.js'
import { oneLine } from './notify/message.js'
import { sendNotification } from './steps/send-notification.js'
import { takeSnapshot } from './steps/take-snapshot.js'
import type { StepOutcome } from './steps/types.js'
import { uploadToStorage } from './steps/upload-to-storage.js'
import { validateConfig } from './steps/validate-config.js'
import { verifyIntegrity } from './steps/verify-integrity.js'
import { errorMessage } from './util/errors.js'

/** Runs steps in order, each in a log group, and records how each went. After a failure, the rest are skipped. */
class StepRecorder {
  readonly results: StepResult[] = []

  get failed(): StepResult | undefined {
    return this.results.find((result) => result.status === 'failed')
  }

  async run<T>(name: StepName, step: () => Promise<StepOutcome<T>>): Promise<T | undefined> {
    const started = performance.now()
    core.startGroup(name)
    try {
      const { value, figures } = await step()
      this.results.push({ name, status: 'success', durationMs: elapsed(started), figures })
      return value
    } catch (error) {
      const message = errorMessage(error)
      // A plain line: the run's one error annotation is the failure the action ends with.
      core.info(oneLine(`${name} failed: ${message}`))
      this.results.push({ name, status: 'failed', durationMs: elapsed(started), error: message, figures: {} })
      return undefined
    } finally {
      core.endGroup()
    }
  }

  /** The results of every step before the notification, those that never ran marked skipped. */
  beforeNotification(): StepResult[] {
    return StepNames.filter((name) => name !== 'send-notification').map(
      (name) => this.results.find((result) => result.name === name) ?? { name, status: 'skipped', durationMs: 0, figures: {} }
    )
  }
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since)
}

function describeTarget(config: Config | undefined, raw: RawInputs): Pick<RunReport, 'backupName' | 'database' | 'storage'> {
  if (config) {
    const { database, storage } = config
    return {
      backupName: config.backupName,
      database: { type: database.type, host: database.host, port: database.port, name: database.name },
      storage: { type: storage.type, bucket: storage.bucket, path: storage.path }
    }
  }
  // The config did not parse: report what the inputs said, none of it secret.
  const text = (name: string): string => (raw[name] ?? '').trim()
  return {
    backupName: text(Inputs.BackupName) || text(Inputs.DbName) || text(Inputs.DbType) || 'backup',
    database: { type: text(Inputs.DbType), host: text(Inputs.DbHost), port: Number(text(Inputs.DbPort)) || null, name: text(Inputs.DbName) },
    storage: { type: text(Inputs.StorageType), bucket: text(Inputs.Bucket), path: text(Inputs.Path) }
  }
}

/**
 * The six steps: validate-config -> take-snapshot -> verify-integrity -> upload-to-storage ->
 * cleanup-old-backups -> send-notification. The notification and the audit record happen
 * whatever failed before them.
 */
export async function runPipeline(raw: RawInputs): Promise<RunReport> {
  const startedAt = new Date()
  const started = performance.now()
  const steps = new StepRecorder()
  let workDir = ''
  let config: Config | undefined
  let backupReport: Pick<RunReport, 'backup' | 'retention'> = { backup: null, retention: null }
  await pingStart(parseNotifyConfig(raw))
  try {
    config = await steps.run('validate-config', () => validateConfig(raw))
    const valid = config
    const snapshot =
      valid &&
      (await steps.run('take-snapshot', async () => {
        workDir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'db-backup-'))
        return takeSnapshot(valid, workDir)
      }))
    const verified = valid && snapshot && (await steps.run('verify-integrity', () => verifyIntegrity(valid, snapshot, workDir)))
    const uploaded = valid && verified && (await steps.run('upload-to-storage', () => uploadToStorage(valid, verified)))
    const retention = valid && uploaded && (await steps.run('cleanup-old-backups', () => cleanupOldBackups(valid, uploaded, startedAt)))
    backupReport = { backup: uploaded ? uploaded.backup : null, retention: retention ?? null }
  } finally {
    // The dump may hold anything in the database: it never stays on the runner.
    if (workDir) await rm(workDir, { recursive: true, force: true })
  }

  const before = steps.beforeNotification()
  const failed = before.find((step) => step.status === 'failed')
  const report: RunReport = {
    status: failed ? 'FAILED' : 'SUCCESS',
    failedStep: failed?.name ?? '',
    error: failed?.error ?? '',
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    durationMs: 0,
    ...describeTarget(config, raw),
    steps: before,
    ...backupReport,
    run: runContext(),
    auditFile: ''
  }

  const notifyConfig = config?.notify ?? parseNotifyConfig(raw)
  const notifyStarted = performance.now()
  core.startGroup('send-notification')
  try {
    const failures = await sendNotification(report, notifyConfig)
    let final = withNotification(report, failures, notifyStarted, started)
    try {
      final.auditFile = await writeAuditRecord(final, notifyConfig.auditDir)
      core.info(`audit record: ${final.auditFile}`)
    } catch (error) {
      const message = `audit record: ${errorMessage(error)}`
      core.error(message)
      final = withNotification(report, [...failures, message], notifyStarted, started)
    }
    return final
  } finally {
    core.endGroup()
  }
}

/** The report completed with the notification step, which fails the run if any channel failed. */
function withNotification(report: RunReport, failures: string[], notifyStarted: number, started: number): RunReport {
  const error = failures.join('; ')
  const notification: StepResult = {
    name: 'send-notification',
    status: error ? 'failed' : 'success',
    durationMs: elapsed(notifyStarted),
    figures: { channels: failures.length ? `${failures.length} failed` : 'all delivered' },
    ...(error ? { error } : {})
  }
  return {
    ...report,
    status: report.status === 'SUCCESS' && !error ? 'SUCCESS' : 'FAILED',
    failedStep: report.failedStep || (error ? 'send-notification' : ''),
    error: report.error || error,
    finishedAt: new Date().toISOString(),
    durationMs: elapsed(started),
    steps: [...report.steps, notification]
  }
}
