import * as core from '@actions/core'
import { headline, oneLine } from '../report/headline.js'
import type { Channel, NoSettings } from './types.js'

export const consoleChannel: Channel<NoSettings> = {
  inputs: [],
  parse: () => ({}),
  async send(report) {
    // A success is a notice on the run's page; a failure is already its one error annotation (the
    // run fails with it), so here it is a plain line, not the same error a second time.
    if (report.status === 'FAILED') core.info(oneLine(headline(report)))
    else core.notice(headline(report), { title: `Database ${report.action ?? 'backup'} SUCCESS` })
    for (const step of report.steps) {
      core.info(oneLine(`  ${step.name}: ${step.status} (${step.durationMs} ms)${step.error ? ` - ${step.error}` : ''}`))
    }
    return 'logged'
  }
}
