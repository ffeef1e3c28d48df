import * as core from '@actions/core'
import { headline } from './message.js'
import type { Notifier } from './types.js'

export const consoleNotifier: Notifier = {
  async send(report) {
    // A failure becomes an error annotation, visible on the run's page without opening the log.
    if (report.status === 'FAILED') core.error(headline(report), { title: 'Database backup FAILED' })
    else core.notice(headline(report), { title: 'Database backup SUCCESS' })
    for (const step of report.steps) {
      core.info(`  ${step.name}: ${step.status} (${step.durationMs} ms)${step.error ? ` - ${step.error}` : ''}`)
    }
    return 'logged'
  }
}
