import { redactDeep } from '../util/secrets.js'
import type { RunReport } from './types.js'

/**
 * The report as it may leave the run (notifications, the audit record, the job summary, the
 * outputs): every string scrubbed of every known secret, whatever put it there.
 */
export function redactReport(report: RunReport): RunReport {
  return redactDeep(report)
}
