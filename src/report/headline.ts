import { bytesWithExact } from './format.js'
import type { RunReport } from './types.js'

/**
 * Control characters escaped, for a plain log line: text read from an input or a tool's stderr
 * must not start a line of its own (the runner would take a line starting "::" for a command).
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => JSON.stringify(char).slice(1, -1))
}

/** One-line headline used by the console channel and the job summary. */
export function headline(report: RunReport): string {
  const subject = `${report.database.type} ${report.action ?? 'backup'} "${report.backupName}"`
  if (report.status === 'SUCCESS' && report.action === 'restore') {
    return `SUCCESS: ${subject}: ${report.restore?.restoredObjects ?? 0} objects restored from ${report.backup?.uri ?? ''} into ${report.database.name || report.database.host}`
  }
  if (report.status === 'SUCCESS' && report.databases) {
    return `SUCCESS: ${subject}: ${report.databases.length} databases stored (${report.databases.map((run) => run.database).join(', ')})`
  }
  if (report.status === 'SUCCESS') {
    return `SUCCESS: ${subject} stored at ${report.backup?.uri ?? ''}, ${bytesWithExact(report.backup?.sizeBytes ?? 0)}`
  }
  return `FAILED: ${subject} failed in ${report.failedStep}: ${report.error}`
}
