import { bytesWithExact } from './fields.js'
import type { RunReport } from '../report/types.js'

/** One-line headline used by the console channel and the job summary. */
export function headline(report: RunReport): string {
  const subject = `${report.database.type} backup "${report.backupName}"`
  if (report.status === 'SUCCESS') {
    return `SUCCESS: ${subject} stored at ${report.backup?.uri ?? ''}, ${bytesWithExact(report.backup?.sizeBytes ?? 0)}`
  }
  return `FAILED: ${subject} failed in ${report.failedStep}: ${report.error}`
}
