import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { redactReport } from '../report/redact.js'
import type { RunReport } from '../report/types.js'
import { formatTimestamp } from '../storage/keys.js'

/** Writes the audit record of the run: one JSON file per run, never overwriting another. */
export async function writeAuditRecord(report: RunReport, auditDir: string): Promise<string> {
  await mkdir(auditDir, { recursive: true })
  const safeName = report.backupName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100) || 'backup'
  const name = `audit-${safeName}-${formatTimestamp(new Date(report.startedAt))}-${randomBytes(4).toString('hex')}.json`
  const path = join(auditDir, name)
  await writeFile(path, `${JSON.stringify(redactReport({ ...report, auditFile: path }), null, 2)}\n`, { mode: 0o600, flag: 'wx' })
  return path
}
