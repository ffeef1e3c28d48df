import * as core from '@actions/core'
import { figureText } from '../notify/fields.js'
import { headline } from '../notify/message.js'
import { redactReport } from './redact.js'
import type { RunReport, StepResult } from './types.js'

const STATUS_ICON: Record<StepResult['status'], string> = { success: '✅ success', failed: '❌ failed', skipped: '⏭️ skipped' }

function figuresHtml(step: StepResult): string {
  const figures = Object.entries(step.figures).map(([key, value]) => escapeHtml(`${key}: ${figureText(key, value)}`))
  return [step.error ? `<strong>${escapeHtml(step.error)}</strong>` : '', ...figures].filter(Boolean).join('<br>')
}

/** The job summary: a headline and a table of the steps with status, duration and figures. */
export function buildSummary(unredacted: RunReport): typeof core.summary {
  const report = redactReport(unredacted)
  const rows = report.steps.map((step) => [step.name, STATUS_ICON[step.status], `${step.durationMs} ms`, figuresHtml(step)])
  const summary = core.summary
    .emptyBuffer()
    .addHeading(`Database ${report.action ?? 'backup'}: ${report.status}`, 2)
    .addRaw(`<p>${escapeHtml(headline(report))}</p>`, true)
    .addTable([
      [
        { data: 'Step', header: true },
        { data: 'Status', header: true },
        { data: 'Duration', header: true },
        { data: 'Figures', header: true }
      ],
      ...rows
    ])
  if (report.run.runUrl) summary.addLink('Workflow run', report.run.runUrl)
  return summary
}

export async function writeSummary(report: RunReport): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info('GITHUB_STEP_SUMMARY is not set (not on a runner): no job summary written')
    return
  }
  await buildSummary(report).write({ overwrite: false })
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
