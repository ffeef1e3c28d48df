import type { RunReport } from './types.js'

/**
 * What every channel says about a run, shaped once: a title, labelled fields and the error,
 * sizes and durations in human units. Each channel lays these out in its service's format and
 * cuts them to its service's limits with `truncate`.
 */

export const ELLIPSIS = '…'

/** At most `max` UTF-16 units, ending in an ellipsis when cut; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  if (max <= 0) return ''
  let cut = text.slice(0, max - 1)
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return `${cut}${ELLIPSIS}`
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB']

/** Decimal units, as storage consoles show them: 123456 -> "123.5 kB". */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`
}

/** 850 -> "850 ms", 4200 -> "4.2 s", 125000 -> "2 min 5 s", 3720000 -> "1 h 2 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const seconds = Math.round(ms / 1000)
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`
}

/** "123.5 kB (123456 bytes)": the human figure beside the exact one. */
export function bytesWithExact(bytes: number): string {
  return `${formatBytes(bytes)} (${bytes} bytes)`
}

export interface MessageField {
  label: string
  value: string
}

export interface Message {
  success: boolean
  /** "Database backup SUCCESS: shop" */
  title: string
  fields: MessageField[]
  /** The failed step's error; '' on success. */
  error: string
  /** The workflow run's page; '' off a runner. */
  runUrl: string
}

/** How long the run took so far: the report's total once known, else the sum of its steps. */
function runDuration(report: RunReport): number {
  return report.durationMs || report.steps.reduce((sum, step) => sum + step.durationMs, 0)
}

export function messageOf(report: RunReport): Message {
  const { database, storage, backup, retention } = report
  const success = report.status === 'SUCCESS'
  const where = database.host ? ` at ${database.host}${database.port ? `:${database.port}` : ''}` : ''
  const fields: MessageField[] = [
    { label: 'Database', value: `${database.type || 'unknown'}${database.name ? ` "${database.name}"` : ''}${where}` },
    { label: 'Storage', value: backup?.uri || [storage.type, [storage.bucket, storage.path].filter(Boolean).join('/')].filter(Boolean).join(' ') }
  ]
  if (report.databases) {
    const failed = report.databases.filter((run) => run.status === 'FAILED').map((run) => run.database)
    fields.push({ label: 'Databases', value: `${report.databases.length - failed.length} of ${report.databases.length} stored${failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''}` })
  }
  if (report.restore) fields.push({ label: 'Restored', value: `${report.restore.restoredObjects} objects (restore-mode ${report.restore.mode})` })
  if (backup) {
    fields.push({ label: 'Size', value: bytesWithExact(backup.sizeBytes) })
    fields.push({ label: 'Throughput', value: formatRate(backup.throughputBytesPerSecond) })
  }
  fields.push({ label: 'Duration', value: formatDuration(runDuration(report)) })
  if (retention) fields.push({ label: 'Retention', value: `${retention.deletedCount} deleted, ${formatBytes(retention.freedBytes)} freed` })
  if (!success) fields.push({ label: 'Failed step', value: report.failedStep || 'unknown' })
  return {
    success,
    title: `Database ${report.action ?? 'backup'} ${report.status}: ${report.backupName}`,
    fields: fields.filter((field) => field.value),
    error: success ? '' : report.error || 'no error message was recorded',
    runUrl: report.run.runUrl
  }
}

/** The short plain-text report: email's text body, Telegram's message, the heartbeat's log. */
export function textReport(report: RunReport, message: Message = messageOf(report)): string {
  const lines = [message.title, '', ...message.fields.map((field) => `${field.label}: ${field.value}`)]
  if (message.error) lines.push(`Error: ${message.error}`)
  if (message.runUrl) lines.push(`Run: ${message.runUrl}`)
  lines.push('', 'Steps:')
  for (const step of report.steps) {
    lines.push(`  ${step.name}: ${step.status} (${formatDuration(step.durationMs)})`)
  }
  return lines.join('\n')
}

/** A step's figure as shown to people: byte counts and rates get their human unit beside the exact number. */
export function figureText(key: string, value: string | number | boolean): string {
  if (typeof value !== 'number') return String(value)
  if (/\bbytes per second$/.test(key)) return `${value} (${formatRate(value)})`
  if (/\bbytes$/.test(key)) return `${value} (${formatBytes(value)})`
  return String(value)
}
