import * as core from '@actions/core'
import { Outputs, RestoreOutputs } from '../constants.js'
import { storedBackups } from './databases.js'
import { redactReport } from './redact.js'
import type { RunReport } from './types.js'

/** Every output of the contract, set on success and failure alike ('' where there is no value). */
export function outputsOf(unredacted: RunReport): Record<string, string> {
  const report = redactReport(unredacted)
  const { backup, retention } = report
  if (report.action === 'restore') {
    return {
      [Outputs.Status]: report.status,
      [Outputs.FailedStep]: report.failedStep,
      [Outputs.BackupKey]: backup?.key ?? '',
      [Outputs.BackupUri]: backup?.uri ?? '',
      [Outputs.Sha256]: backup?.sha256 ?? '',
      [Outputs.SizeBytes]: backup ? String(backup.sizeBytes) : '',
      [RestoreOutputs.RestoredObjects]: report.restore ? String(report.restore.restoredObjects) : '',
      [Outputs.AuditFile]: report.auditFile,
      [Outputs.DurationMs]: String(report.durationMs)
    }
  }
  return {
    [Outputs.Status]: report.status,
    [Outputs.FailedStep]: report.failedStep,
    [Outputs.BackupUri]: backup?.uri ?? '',
    [Outputs.BackupKey]: backup?.key ?? '',
    [Outputs.Sha256]: backup?.sha256 ?? '',
    [Outputs.SizeBytes]: backup ? String(backup.sizeBytes) : '',
    [Outputs.Etag]: backup?.etag ?? '',
    [Outputs.VersionId]: backup?.versionId ?? '',
    [Outputs.ThroughputBytesPerSecond]: backup ? String(backup.throughputBytesPerSecond) : '',
    [Outputs.DeletedCount]: retention ? String(retention.deletedCount) : '',
    [Outputs.FreedBytes]: retention ? String(retention.freedBytes) : '',
    [Outputs.AuditFile]: report.auditFile,
    [Outputs.DurationMs]: String(report.durationMs),
    [Outputs.Backups]: JSON.stringify(storedBackups(report))
  }
}

export function setOutputs(report: RunReport): void {
  for (const [name, value] of Object.entries(outputsOf(report))) core.setOutput(name, value)
}
