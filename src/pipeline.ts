import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { StepNames } from './constants.js'
import { parseNotifyConfig } from './config/notify.js'
import type { Config, RawInputs } from './config/types.js'
import { describeTarget, notifyAndRecord, reportOf } from './finish.js'
import { pingStart } from './notify/heartbeat.js'
import type { RunReport } from './report/types.js'
import { saveRunStarted, saveWorkDir, WORK_DIR_PREFIX } from './state.js'
import { cleanupOldBackups } from './steps/cleanup-old-backups.js'
import { chooseStaging } from './steps/staging.js'
import { streamBackup, type StreamedBackup } from './steps/stream-backup.js'
import { takeSnapshot } from './steps/take-snapshot.js'
import { StepRecorder } from './steps/recorder.js'
import { uploadToStorage } from './steps/upload-to-storage.js'
import { validateConfig } from './steps/validate-config.js'
import { verifyIntegrity } from './steps/verify-integrity.js'

/**
 * The six steps: validate-config -> take-snapshot -> verify-integrity -> upload-to-storage ->
 * cleanup-old-backups -> send-notification. The notification and the audit record happen
 * whatever failed before them, a cancellation included.
 */
export async function runPipeline(raw: RawInputs, cancel: AbortSignal): Promise<RunReport> {
  const startedAt = new Date()
  saveRunStarted(startedAt)
  const steps = new StepRecorder(cancel, StepNames)
  let workDir = ''
  let config: Config | undefined
  let backupReport: Pick<RunReport, 'backup' | 'retention'> = { backup: null, retention: null }
  await pingStart(parseNotifyConfig(raw))
  try {
    config = await steps.run('validate-config', () => validateConfig(raw))
    const valid = config
    // staging stream: the three steps' work runs at once, each step reporting its own part of it.
    let stream: StreamedBackup | undefined
    const snapshot =
      valid &&
      (await steps.run('take-snapshot', async () => {
        workDir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), WORK_DIR_PREFIX))
        saveWorkDir(workDir)
        const staging = await chooseStaging(valid, workDir)
        if (staging.mode === 'disk') return takeSnapshot(valid, workDir, staging)
        stream = streamBackup(valid, workDir, staging, cancel)
        return stream.snapshot
      }))
    const streamed = stream as StreamedBackup | undefined
    const verified = streamed
      ? await steps.run('verify-integrity', () => streamed.verified, streamed.startedAt)
      : valid && snapshot && (await steps.run('verify-integrity', () => verifyIntegrity(valid, snapshot, workDir)))
    const uploaded = streamed
      ? await steps.run('upload-to-storage', () => streamed.uploaded, streamed.startedAt)
      : valid && verified && (await steps.run('upload-to-storage', () => uploadToStorage(valid, verified, cancel)))
    const retention = valid && uploaded && (await steps.run('cleanup-old-backups', () => cleanupOldBackups(valid, uploaded, startedAt)))
    backupReport = { backup: uploaded ? uploaded.backup : null, retention: retention ?? null }
  } finally {
    // The dump may hold anything in the database: it never stays on the runner.
    if (workDir) await rm(workDir, { recursive: true, force: true })
  }

  const report = reportOf(steps.beforeNotification(), startedAt, describeTarget(config, raw), backupReport)
  return notifyAndRecord(report, config?.notify ?? parseNotifyConfig(raw))
}
