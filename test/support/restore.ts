import { readJson, runAction, runRestoreAction, type ActionRun } from './action.js'
import { scratch, type AuditRecord } from './e2e.js'

/** What the restore tests share: a backup made with the backup bundle, restored with the restore bundle. */

export const RESTORE_STEPS = ['validate-config', 'locate-backup', 'download-backup', 'verify-integrity', 'restore-database', 'check-restored', 'send-notification']

export async function backup(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  const run = await runAction({ ...inputs, 'audit-dir': await scratch('audit') }, env)
  if (run.exitCode !== 0) throw new Error(`the backup failed:\n${run.stdout}\n${run.stderr}`)
  return run
}

export async function restore(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<{ run: ActionRun; record: AuditRecord }> {
  const run = await runRestoreAction({ ...inputs, 'audit-dir': await scratch('audit') }, env)
  const record = await readJson<AuditRecord>(run.outputs['audit-file'])
  return { run, record }
}

export function expectRestored(run: ActionRun, record: AuditRecord): void {
  if (run.exitCode !== 0) throw new Error(`the restore failed:\n${run.stdout}\n${run.stderr}`)
  expect(run.outputs.status).toBe('SUCCESS')
  expect(record.steps.map((step) => [step.name, step.status])).toEqual(RESTORE_STEPS.map((name) => [name, 'success']))
  expect(run.summary).toContain('Database restore: SUCCESS')
}

export function expectRestoreFailed(run: ActionRun, record: AuditRecord, step: string, reason: RegExp): void {
  expect(run.exitCode).not.toBe(0)
  expect(run.outputs.status).toBe('FAILED')
  expect(run.outputs['failed-step']).toBe(step)
  expect(record.failedStep).toBe(step)
  expect(record.steps.find((entry) => entry.name === step)?.error).toMatch(reason)
  expect(run.summary).toContain('Database restore: FAILED')
}
