import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'
import { appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'
import { Outputs, RestoreOutputs } from '../constants.js'
import { storedBackups } from './databases.js'
import { redactReport } from './redact.js'
import type { RunReport } from './types.js'
import { APPEND_WITHOUT_BLOCKING } from '../util/files.js'
import { LOCAL_WRITE_LIMIT_MS, withinTimeLimit } from '../util/time-limit.js'

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

/**
 * Sets every output, in one write to GITHUB_OUTPUT within a time limit (core.setOutput appends
 * synchronously: a hung file would stop the run before it reported). The entries are written as
 * core.setOutput writes them: `name<<delimiter`, the value, the delimiter.
 */
export async function setOutputs(report: RunReport): Promise<void> {
  const outputs = Object.entries(outputsOf(report))
  const file = process.env.GITHUB_OUTPUT
  if (!file) {
    for (const [name, value] of outputs) core.setOutput(name, value)
    return
  }
  const delimiter = `ghadelimiter_${randomUUID()}`
  const text = outputs.map(([name, value]) => `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`).join('')
  await withinTimeLimit(appendFile(file, text, { encoding: 'utf8', flag: APPEND_WITHOUT_BLOCKING }), LOCAL_WRITE_LIMIT_MS, `writing the outputs to ${file}`)
}
