import * as core from '@actions/core'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RestoreInputs, RestoreStepNames } from '../../constants.js'
import { checkIdentities } from '../../config/encryption.js'
import { describeKind } from '../../config/signing.js'
import { ConfigError } from '../../config/parse.js'
import { parseRestoreConfig, type RestoreConfig } from '../../config/restore.js'
import type { RawInputs } from '../../config/types.js'
import { describeTarget, reportOf } from '../../run/run-report.js'
import { notifyAndRecord } from '../../run/send-notification.js'
import { pingStart } from '../../notify/heartbeat.js'
import { configuredChannels } from '../../notify/index.js'
import { parseNotify, type ParsedNotify } from '../../notify/settings.js'
import type { BackupRecord, RestoreRecord, RunReport } from '../../report/types.js'
import { checkRestored } from './check-restored.js'
import { downloadBackup } from './download-backup.js'
import { locateBackup } from './locate-backup.js'
import { StepRunner } from '../../run/step-runner.js'
import { restoreDatabase } from './restore-database.js'
import { verifyDownload } from './verify-download.js'
import { registerSecret } from '../../util/secrets.js'
import { RESTORE_WORK_DIR_PREFIX, saveRunStarted, saveWorkDir } from '../../run/state.js'

async function validateRestoreConfig(raw: RawInputs, notify: ParsedNotify) {
  const config = parseRestoreConfig(raw, notify)
  // A password taken out of db-url is masked in its decoded form too.
  registerSecret(config.database.password)
  // The identities are parsed by the age library, loaded only when one is given.
  const keyIssues = config.decryptionIdentities.length > 0 ? await checkIdentities(RestoreInputs.DecryptionIdentity, config.decryptionIdentities) : []
  if (keyIssues.length > 0) throw new ConfigError(keyIssues)
  // As the backup says them: how an input was read (an alias, db-type from db-url, a directory made absolute), and what may surprise.
  for (const notice of config.notices) core.info(notice)
  for (const warning of config.warnings) core.warning(warning, { title: 'Restore inputs' })
  const { database, storage } = config
  return {
    warnings: config.warnings,
    value: config,
    figures: {
      target: `${database.type} ${database.name || '(server)'} at ${database.host}:${database.port}`,
      storage: storage.bucket ? `${storage.type} ${storage.bucket}/${storage.path}` : `${storage.type} ${storage.path}`,
      'backup name': config.backupName,
      'backup key': config.backupKey,
      'restore mode': config.restoreMode,
      decryption: config.decryptionIdentities.length > 0 ? 'age, with decryption-identity' : 'none',
      signature: config.verifyKey ? `required, ${describeKind(config.verifyKey.kind)} (key fingerprint ${config.verifyKey.fingerprint})` : 'not checked (no verify-key)',
      ...(config.restoreGlobals ? { 'restore globals': 'roles first, those that exist skipped' } : {}),
      notify: configuredChannels(notify.config).join(', '),
      ...(config.notices.length > 0 ? { 'inputs read as': config.notices.join('; ') } : {})
    }
  }
}

/**
 * validate-config -> locate-backup -> download-backup -> verify-integrity -> restore-database ->
 * check-restored -> send-notification. Nothing reaches the target before the download matched its
 * recorded SHA-256 and passed the engine's check. The notification and the audit record happen
 * whatever failed before them, a cancellation included.
 */
export async function runRestorePipeline(raw: RawInputs, cancel: AbortSignal): Promise<RunReport> {
  const startedAt = new Date()
  // Saved for the post step, which reports a restore killed before it could and removes its work directory.
  saveRunStarted(startedAt)
  const steps = new StepRunner(cancel, RestoreStepNames)
  let workDir = ''
  let config: RestoreConfig | undefined
  let backup: BackupRecord | null = null
  let restore: RestoreRecord | null = null
  // Parsed once: validate-config reports what is wrong, and the run is told through what can be sent.
  const notify = parseNotify(raw)
  await pingStart(notify.config)
  try {
    config = await steps.run('validate-config', () => validateRestoreConfig(raw, notify))
    const valid = config
    const located = valid && (await steps.run('locate-backup', () => locateBackup(valid)))
    const downloaded =
      valid &&
      located &&
      (await steps.run('download-backup', async () => {
        workDir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), RESTORE_WORK_DIR_PREFIX))
        saveWorkDir(workDir)
        return downloadBackup(located, workDir, valid.decryptionIdentities, cancel, valid.verifyKey)
      }))
    backup = downloaded ? downloaded.record : null
    const verified = valid && downloaded && (await steps.run('verify-integrity', () => verifyDownload(valid, downloaded.file, downloaded.record.sizeBytes, workDir, downloaded.globalsFile)))
    const restored = valid && verified && (await steps.run('restore-database', () => restoreDatabase(valid, verified, workDir, downloaded.globalsFile)))
    restore = (valid && restored && (await steps.run('check-restored', () => checkRestored(valid, restored.restorer, restored, workDir)))) || null
  } finally {
    // The backup may hold anything in the database: it never stays on the runner.
    if (workDir) await rm(workDir, { recursive: true, force: true })
  }

  const report = reportOf(steps.beforeNotification(), startedAt, describeTarget(config, raw), { backup, retention: null })
  return notifyAndRecord({ ...report, action: 'restore', restore }, notify.config)
}
