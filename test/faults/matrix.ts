import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readJson, RUNNER_FILES, type ActionRun } from '../support/action.js'
import { expectFailedEverywhere, STEP_NAMES, type AuditRecord } from '../support/e2e.js'
import type { WebhookReceiver } from '../support/webhook.js'

/** What the fault-matrix tests share (docs/reliability.md lists the rows). */

/** What the run left in its RUNNER_TEMP besides the runner's own files. */
export async function leftOnDisk(run: ActionRun): Promise<string[]> {
  const runnerFiles: readonly string[] = Object.values(RUNNER_FILES)
  return (await readdir(run.runnerTemp)).filter((name) => !runnerFiles.includes(name))
}

/** A run whose backup is stored but whose notification failed: FAILED in send-notification everywhere it can be. */
export async function expectNotificationFailed(run: ActionRun, reason: RegExp): Promise<AuditRecord> {
  expect(run.exitCode).not.toBe(0)
  expect(run.outputs.status).toBe('FAILED')
  expect(run.outputs['failed-step']).toBe('send-notification')
  expect(run.outputs['backup-uri']).not.toBe('')
  expect(run.stdout).toMatch(reason)
  // Told apart from a failed backup: the headline and the one error annotation say the backup is safe.
  expect(run.summary).toContain('Database backup: FAILED in send-notification, but the backup is stored and verified')
  expect(run.stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([
    expect.stringContaining(`(the backup itself is stored: ${run.outputs['backup-uri']})`)
  ])
  const record = await readJson<AuditRecord>(run.outputs['audit-file'])
  expect(record.status).toBe('FAILED')
  expect(record.failedStep).toBe('send-notification')
  expect(record.steps.map((step) => [step.name, step.status])).toEqual(STEP_NAMES.map((name) => [name, name === 'send-notification' ? 'failed' : 'success']))
  expect(record.steps[5].error).toMatch(reason)
  expect(record.backup?.sha256).toBe(run.outputs.sha256)
  return record
}

/** The last line of the file channel's notifications.jsonl. */
export async function lastFileNotification(auditDir: string): Promise<{ status: string; failedStep: string }> {
  const lines = (await readFile(join(auditDir, 'notifications.jsonl'), 'utf8')).trim().split('\n')
  return JSON.parse(lines[lines.length - 1])
}

/** The figures a step reported in the audit record. */
export async function stepFigures(run: ActionRun, step: string): Promise<Record<string, string | number>> {
  const record = await readJson<AuditRecord>(run.outputs['audit-file'])
  return record.steps.find((entry) => entry.name === step)?.figures ?? {}
}

export function resetWebhook(webhook: WebhookReceiver): void {
  webhook.status = 200
  webhook.bodies.length = 0
}

/**
 * A run that failed in `step` after the backup was stored (cleanup-old-backups): every report says
 * FAILED and names the step, and the outputs still name the stored backup.
 */
export async function expectFailedAfterUpload(run: ActionRun, auditDir: string, webhook: WebhookReceiver, step: string, reason: RegExp): Promise<AuditRecord> {
  expect(run.outputs['backup-uri']).not.toBe('')
  // expectFailedEverywhere also checks that no backup URI is reported, true of a failure before the upload only.
  return expectFailedEverywhere({ ...run, outputs: { ...run.outputs, 'backup-uri': '' } }, auditDir, webhook, step, reason)
}
