import * as core from '@actions/core'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StepNames, type StepName } from './constants.js'
import { unlessCancelled } from './cancellation.js'
import { parseNotifyConfig } from './config/notify.js'
import type { Config, RawInputs } from './config/types.js'
import { describeTarget, notifyAndRecord, reportOf } from './finish.js'
import { pingStart } from './notify/heartbeat.js'
import { oneLine } from './notify/message.js'
import type { RunReport, StepResult } from './report/types.js'
import { saveRunStarted, saveStepStarted, saveWorkDir, WORK_DIR_PREFIX } from './state.js'
import { cleanupOldBackups } from './steps/cleanup-old-backups.js'
import { takeSnapshot } from './steps/take-snapshot.js'
import type { StepOutcome } from './steps/types.js'
import { uploadToStorage } from './steps/upload-to-storage.js'
import { validateConfig } from './steps/validate-config.js'
import { verifyIntegrity } from './steps/verify-integrity.js'
import { errorMessage } from './util/errors.js'

/**
 * Runs steps in order, each in a log group, and records how each went. After a failure, the rest
 * are skipped. Once the run is cancelled, the step running fails with the cancellation.
 */
class StepRecorder {
  readonly results: StepResult[] = []

  constructor(private readonly cancel: AbortSignal) {}

  async run<T>(name: StepName, step: () => Promise<StepOutcome<T>>): Promise<T | undefined> {
    // Saved for the post step, which reports a run killed before it could.
    saveStepStarted(name, this.results)
    const started = performance.now()
    core.startGroup(name)
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
      // A plain line: the run's one error annotation is the failure the action ends with.
      core.info(oneLine(`${name} failed: ${message}`))
      this.results.push({ name, status: 'failed', durationMs: elapsed(started), error: message, figures: ended?.figures ?? {} })
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

/**
 * The six steps: validate-config -> take-snapshot -> verify-integrity -> upload-to-storage ->
 * cleanup-old-backups -> send-notification. The notification and the audit record happen
 * whatever failed before them, a cancellation included.
 */
export async function runPipeline(raw: RawInputs, cancel: AbortSignal): Promise<RunReport> {
  const startedAt = new Date()
  saveRunStarted(startedAt)
  const steps = new StepRecorder(cancel)
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
        workDir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), WORK_DIR_PREFIX))
        saveWorkDir(workDir)
        return takeSnapshot(valid, workDir)
      }))
    const verified = valid && snapshot && (await steps.run('verify-integrity', () => verifyIntegrity(valid, snapshot, workDir)))
    const uploaded = valid && verified && (await steps.run('upload-to-storage', () => uploadToStorage(valid, verified, cancel)))
    const retention = valid && uploaded && (await steps.run('cleanup-old-backups', () => cleanupOldBackups(valid, uploaded, startedAt)))
    backupReport = { backup: uploaded ? uploaded.backup : null, retention: retention ?? null }
  } finally {
    // The dump may hold anything in the database: it never stays on the runner.
    if (workDir) await rm(workDir, { recursive: true, force: true })
  }

  const report = reportOf(steps.beforeNotification(), startedAt, describeTarget(config, raw), backupReport)
  return notifyAndRecord(report, config?.notify ?? parseNotifyConfig(raw))
}
