import * as core from '@actions/core'
import { appendFile } from 'node:fs/promises'
import { bytesWithExact, figureText, formatDuration } from './format.js'
import { headline } from './headline.js'
import { redactReport } from './redact.js'
import type { BackupRecord, RunReport, StepResult } from './types.js'
import { APPEND_WITHOUT_BLOCKING } from '../util/files.js'
import { LOCAL_WRITE_LIMIT_MS, withinTimeLimit } from '../util/time-limit.js'

const STATUS_ICON: Record<StepResult['status'], string> = { success: '✅ success', failed: '❌ failed', skipped: '⏭️ skipped' }

/** A figure longer than this (a hash, a URI, a list) goes to the details block, so the table stays narrow. */
const KEY_FIGURE_MAX = 48
const DETAILS_ONLY = new Set(['sha256', 'uri', 'etag', 'version id'])

type FigureEntry = [key: string, text: string]

function figureEntries(step: StepResult): FigureEntry[] {
  return Object.entries(step.figures).map(([key, value]) => [key, figureText(key, value)])
}

function isKeyFigure([key, text]: FigureEntry): boolean {
  return !DETAILS_ONLY.has(key) && text.length <= KEY_FIGURE_MAX
}

function keyFiguresHtml(step: StepResult): string {
  const figures = figureEntries(step)
    .filter(isKeyFigure)
    .map(([key, text]) => escapeHtml(`${key}: ${text}`))
  const warned = step.warnings?.length ? [`⚠️ ${step.warnings.length} warning(s), below`] : []
  return [step.error ? `<strong>${escapeHtml(step.error)}</strong>` : '', ...figures, ...warned].filter(Boolean).join('<br>')
}

/**
 * The title: a stored backup whose later step failed (retention, the notification) is told apart
 * from a backup that was never stored. Both fail the run.
 */
function title(report: RunReport): string {
  if (report.status === 'SUCCESS') return 'SUCCESS'
  if (report.action === 'restore') return `FAILED in ${report.failedStep || 'an unknown step'}`
  if (report.databases) {
    const failed = report.databases.filter((run) => run.status === 'FAILED').length
    return `FAILED in ${report.failedStep || 'an unknown step'}: ${failed > 0 ? `${failed} of ${report.databases.length} databases failed` : 'every database is stored and verified'}`
  }
  return report.backup ? `FAILED in ${report.failedStep}, but the backup is stored and verified` : `FAILED in ${report.failedStep || 'an unknown step'}: no backup was stored`
}

function lead(report: RunReport): string {
  if (report.status === 'FAILED' && report.backup && report.action !== 'restore') {
    return (
      `The backup "${report.backupName}" is stored at ${report.backup.uri}, ${bytesWithExact(report.backup.sizeBytes)}, and verified. ` +
      `Then ${report.failedStep} failed: ${report.error}. The run fails so that this is seen.`
    )
  }
  return headline(report)
}

function warningsHtml(report: RunReport): string {
  const items = report.steps.flatMap((step) => (step.warnings ?? []).map((warning) => `<li><strong>${step.name}</strong>: ${escapeHtml(warning)}</li>`))
  return items.length > 0 ? `<h3>⚠️ Warnings</h3>\n<ul>${items.join('')}</ul>` : ''
}

/** " (open in the console)", where the storage has a console page for the object. */
function consoleLink(backup: BackupRecord): string {
  return backup.consoleUrl ? ` (<a href="${escapeAttribute(backup.consoleUrl)}">open in the console</a>)` : ''
}

/**
 * One row per database of a run over several: its status, where it failed or where its backup is;
 * then the restore command of each stored backup.
 */
function databasesHtml(report: RunReport): string {
  if (!report.databases) return ''
  const rows = report.databases.map((run) => {
    const outcome = run.backup
      ? `<code>${escapeHtml(run.backup.key)}</code>${consoleLink(run.backup)}, ${escapeHtml(bytesWithExact(run.backup.sizeBytes))}${run.status === 'FAILED' ? `<br><strong>${escapeHtml(`${run.failedStep}: ${run.error}`)}</strong>` : ''}`
      : `<strong>${escapeHtml(`${run.failedStep}: ${run.error}`)}</strong>`
    const status = run.status === 'SUCCESS' ? STATUS_ICON.success : STATUS_ICON.failed
    return `<tr><td>${escapeHtml(run.database)}</td><td>${escapeHtml(run.backupName)}</td><td>${status}</td><td>${outcome}</td></tr>`
  })
  const restores = report.databases.flatMap((run) =>
    run.backup?.restoreCommand ? [`<p>${escapeHtml(`Restore the backup of "${run.database}":`)}</p>\n<pre><code>${escapeHtml(run.backup.restoreCommand)}</code></pre>`] : []
  )
  return `<h3>Databases</h3>\n<table><tr><th>Database</th><th>Backup name</th><th>Status</th><th>Backup</th></tr>${rows.join('')}</table>${restores.map((block) => `\n${block}`).join('')}`
}

/** Which staging ran and why (take-snapshot's figures); with stream, that three steps' durations overlap. */
function stagingHtml(report: RunReport): string {
  const figures = report.steps.find((step) => step.name === 'take-snapshot')?.figures ?? {}
  if (figures.staging === undefined) return ''
  const overlap =
    figures.staging === 'stream'
      ? ' take-snapshot, verify-integrity and upload-to-storage ran at the same time: their durations overlap, each counted from the start of the stream.'
      : ''
  return `<p>${escapeHtml(`Staging: ${String(figures.staging)} (${String(figures['staging reason'] ?? '')}).${overlap}`)}</p>`
}

function backupHtml(report: RunReport): string {
  const { backup } = report
  if (!backup) return ''
  const restore = backup.restoreCommand ? `\n<p>Restore this backup:</p>\n<pre><code>${escapeHtml(backup.restoreCommand)}</code></pre>` : ''
  const encrypted = backup.encryption
    ? `, encrypted with ${backup.encryption.format} for ${backup.encryption.recipients} recipient${backup.encryption.recipients === 1 ? '' : 's'}`
    : ''
  const globals = backup.globals
    ? `\n<p>Roles and other globals: <code>${escapeHtml(backup.globals.uri)}</code>, ${escapeHtml(bytesWithExact(backup.globals.sizeBytes))}${backup.globals.withoutPasswords ? ' (without role passwords: the server refused to show them)' : ''}</p>`
    : ''
  return `<h3>Backup</h3>\n<p><code>${escapeHtml(backup.uri)}</code>${consoleLink(backup)}, ${escapeHtml(bytesWithExact(backup.sizeBytes))}${encrypted}</p>${globals}${restore}`
}

/** Every figure in full, the long ones (hash, URI) included, and the keys retention deleted or spared. */
function detailsHtml(report: RunReport): string {
  const sections = report.steps
    .map((step) => {
      const items = figureEntries(step).map(([key, text]) => `<li>${escapeHtml(`${key}: ${text}`)}</li>`)
      if (step.name === 'cleanup-old-backups' && report.retention?.deletedKeys.length) {
        items.push(`<li>deleted: ${escapeHtml(report.retention.deletedKeys.join(', '))}</li>`)
      }
      if (step.name === 'cleanup-old-backups' && report.retention?.kept.length) {
        items.push(`<li>kept: ${escapeHtml(report.retention.kept.map((entry) => `${entry.key} (${entry.rules.join(', ')})`).join(', '))}</li>`)
      }
      if (step.name === 'cleanup-old-backups' && report.retention?.spared.length) {
        items.push(`<li>spared: ${escapeHtml(report.retention.spared.map((entry) => `${entry.key} (${entry.reason})`).join(', '))}</li>`)
      }
      return items.length > 0 ? `<p><strong>${step.name}</strong></p><ul>${items.join('')}</ul>` : ''
    })
    .filter(Boolean)
  for (const run of report.databases ?? []) {
    for (const step of run.steps) {
      const items = figureEntries(step).map(([key, text]) => `<li>${escapeHtml(`${key}: ${text}`)}</li>`)
      if (items.length > 0) sections.push(`<p><strong>${escapeHtml(`${step.name}, database "${run.database}"`)}</strong></p><ul>${items.join('')}</ul>`)
    }
  }
  return sections.length > 0 ? `<details><summary>All figures</summary>\n\n${sections.join('\n')}\n</details>` : ''
}

/**
 * The job summary: a title that says whether the backup is safe, one row per step with its key
 * figures in human units, the warnings, where the backup is and how to restore it, and every
 * figure in full in a details block.
 */
export function buildSummary(unredacted: RunReport): typeof core.summary {
  const report = redactReport(unredacted)
  const rows = report.steps.map((step) => [step.name, STATUS_ICON[step.status], step.status === 'skipped' ? '' : formatDuration(step.durationMs), keyFiguresHtml(step)])
  const summary = core.summary
    .emptyBuffer()
    .addHeading(`Database ${report.action ?? 'backup'}: ${title(report)}`, 2)
    .addRaw(`<p>${escapeHtml(lead(report))}</p>`, true)
    .addTable([
      [
        { data: 'Step', header: true },
        { data: 'Status', header: true },
        { data: 'Duration', header: true },
        { data: 'Key figures', header: true }
      ],
      ...rows
    ])
  for (const block of [databasesHtml(report), stagingHtml(report), warningsHtml(report), backupHtml(report), detailsHtml(report)]) if (block) summary.addRaw(block, true)
  if (report.run.runUrl) summary.addLink('Workflow run', report.run.runUrl)
  return summary
}

/** Appends the job summary to GITHUB_STEP_SUMMARY (as core.summary.write does, but never blocking on open), within a time limit. */
export async function writeSummary(report: RunReport): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    core.info('GITHUB_STEP_SUMMARY is not set (not on a runner): no job summary written')
    return
  }
  await withinTimeLimit(appendFile(file, buildSummary(report).stringify(), { encoding: 'utf8', flag: APPEND_WITHOUT_BLOCKING }), LOCAL_WRITE_LIMIT_MS, `writing the job summary to ${file}`)
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;')
}
