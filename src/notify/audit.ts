import { randomBytes } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Inputs } from '../constants.js'
import { redactReport } from '../report/redact.js'
import type { RunReport } from '../report/types.js'
import { formatTimestamp } from '../config/backup-keys.js'
import { errorMessage } from '../util/errors.js'
import { makeDirectory } from '../util/files.js'
import { LOCAL_WRITE_LIMIT_MS, withinTimeLimit } from '../util/time-limit.js'

/**
 * Writes the audit record of the run: one JSON file per run, never overwriting another, within a
 * time limit. A failure names audit-dir and the path.
 */
export async function writeAuditRecord(report: RunReport, auditDir: string): Promise<string> {
  const safeName = report.backupName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100) || 'backup'
  const name = `audit-${safeName}-${formatTimestamp(new Date(report.startedAt))}-${randomBytes(4).toString('hex')}.json`
  const path = join(auditDir, name)
  const write = async (): Promise<void> => {
    await makeDirectory(auditDir)
    await writeFile(path, `${JSON.stringify(redactReport({ ...report, auditFile: path }), null, 2)}\n`, { mode: 0o600, flag: 'wx' })
  }
  try {
    await withinTimeLimit(write(), LOCAL_WRITE_LIMIT_MS, `writing ${path}`)
  } catch (error) {
    throw new Error(`${Inputs.AuditDir} ${auditDir}: ${errorMessage(error)}`, { cause: error })
  }
  return path
}
