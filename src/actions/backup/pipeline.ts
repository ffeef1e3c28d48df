import * as core from '@actions/core'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StepNames, type StepName } from '../../constants.js'
import { backsUpSeveral, databaseTargets, type DatabaseTarget } from '../../config/databases.js'
import { databaseRun, mergedSteps, refusedRun, totalRetention, withRefusals } from '../../report/databases.js'
import type { Config, RawInputs } from '../../config/types.js'
import { describeTarget, reportOf } from '../../run/run-report.js'
import { notifyAndRecord } from '../../run/send-notification.js'
import { pingStart } from '../../notify/heartbeat.js'
import { parseNotify } from '../../notify/settings.js'
import { oneLine } from '../../report/headline.js'
import type { DatabaseRun, RunReport } from '../../report/types.js'
import { saveRunStarted, saveWorkDir, WORK_DIR_PREFIX } from '../../run/state.js'
import { cleanupOldBackups } from './cleanup-old-backups.js'
import { chooseStaging } from './staging.js'
import { streamBackup, type StreamedBackup } from './stream-backup.js'
import { takeSnapshot } from './take-snapshot.js'
import { StepRunner } from '../../run/step-runner.js'
import { uploadToStorage } from './upload-to-storage.js'
import { validateConfig } from './validate-config.js'
import { verifyIntegrity } from './verify-integrity.js'

/** The steps each database of a run goes through. */
const PER_DATABASE_STEPS: readonly StepName[] = ['take-snapshot', 'verify-integrity', 'upload-to-storage', 'cleanup-old-backups']

/**
 * The six steps: validate-config -> take-snapshot -> verify-integrity -> upload-to-storage ->
 * cleanup-old-backups -> send-notification. The notification and the audit record happen
 * whatever failed before them, a cancellation included.
 */
export async function runPipeline(raw: RawInputs, cancel: AbortSignal): Promise<RunReport> {
  const startedAt = new Date()
  saveRunStarted(startedAt)
  const steps = new StepRunner(cancel, StepNames)
  let backupReport: Pick<RunReport, 'backup' | 'retention' | 'databases'> = { backup: null, retention: null }
  // Parsed once: validate-config reports what is wrong, and the run is told through what can be sent.
  const notify = parseNotify(raw)
  await pingStart(notify.config)
  const config = await steps.run('validate-config', () => validateConfig(raw, notify))
  if (config) {
    if (backsUpSeveral(config.databases)) backupReport = await backupEachDatabase(databaseTargets(config), steps, cancel, startedAt)
    else backupReport = await backupDatabase(config, steps, cancel, startedAt)
  }

  const report = reportOf(steps.beforeNotification(), startedAt, describeTarget(config, raw), backupReport)
  return notifyAndRecord(report, notify.config)
}

/** take-snapshot -> verify-integrity -> upload-to-storage -> cleanup-old-backups for one database, recorded in `steps`. */
async function backupDatabase(config: Config, steps: StepRunner, cancel: AbortSignal, startedAt: Date): Promise<Pick<RunReport, 'backup' | 'retention'>> {
  let workDir = ''
  try {
    // staging stream: the three steps' work runs at once, each step reporting its own part of it.
    let stream: StreamedBackup | undefined
    const snapshot = await steps.run('take-snapshot', async () => {
      workDir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), WORK_DIR_PREFIX))
      saveWorkDir(workDir)
      const staging = await chooseStaging(config, workDir)
      if (staging.mode === 'disk') return takeSnapshot(config, workDir, staging)
      stream = streamBackup(config, workDir, staging, cancel)
      return stream.snapshot
    })
    const streamed = stream as StreamedBackup | undefined
    const verified = streamed
      ? await steps.run('verify-integrity', () => streamed.verified, streamed.startedAt)
      : snapshot && (await steps.run('verify-integrity', () => verifyIntegrity(config, snapshot, workDir)))
    const uploaded = streamed
      ? await steps.run('upload-to-storage', () => streamed.uploaded, streamed.startedAt)
      : verified && (await steps.run('upload-to-storage', () => uploadToStorage(config, verified, cancel)))
    const retention = uploaded && (await steps.run('cleanup-old-backups', () => cleanupOldBackups(config, uploaded, startedAt, new Date(), cancel)))
    return { backup: uploaded ? uploaded.backup : null, retention: retention ?? null }
  } finally {
    // The dump may hold anything in the database: it never stays on the runner.
    if (workDir) await rm(workDir, { recursive: true, force: true })
  }
}

/**
 * Several databases (db-name a list or `*`): each one backed up in turn as a backup of its own, a
 * failed one not stopping the others; the run's steps sum them up. A database `*` found that
 * cannot be stored under a series of its own fails in validate-config, named, and the run with it.
 */
async function backupEachDatabase(targets: DatabaseTarget[], steps: StepRunner, cancel: AbortSignal, startedAt: Date): Promise<Pick<RunReport, 'backup' | 'retention' | 'databases'>> {
  const runs: DatabaseRun[] = []
  for (const target of targets) {
    if (cancel.aborted) break
    if (target.refused !== undefined) {
      core.info(oneLine(`validate-config (database "${target.database}") failed: ${target.refused}`))
      runs.push(refusedRun(target.database, target.refused))
      continue
    }
    const { name } = target.config.database
    const databaseSteps = new StepRunner(cancel, StepNames, `database "${name}"`, steps.results)
    runs.push(databaseRun(name, target.config.backupName, databaseSteps.results, await backupDatabase(target.config, databaseSteps, cancel, startedAt)))
  }
  const validated = steps.results.findIndex((step) => step.name === 'validate-config')
  if (validated >= 0) steps.results[validated] = withRefusals(steps.results[validated], runs)
  steps.results.push(...mergedSteps(runs, PER_DATABASE_STEPS))
  return { backup: null, retention: totalRetention(runs), databases: runs }
}
