import * as core from '@actions/core'
import { setOutputs } from '../report/outputs.js'
import { writeSummary } from '../report/summary.js'
import type { RunReport } from '../report/types.js'
import { errorMessage } from '../util/errors.js'

/**
 * Outputs, job summary, and a red step for a failed run. Each write has its time limit; one that
 * fails or hangs does not stop the other, and fails the run naming it.
 */
export async function publish(report: RunReport): Promise<void> {
  const writes: [string, () => Promise<void>][] = [
    ['the outputs', () => setOutputs(report)],
    ['the job summary', () => writeSummary(report)]
  ]
  for (const [what, write] of writes) {
    try {
      await write()
    } catch (error) {
      core.setFailed(`${what} could not be written: ${errorMessage(error)}`)
    }
  }
  const what = report.action === 'restore' ? 'Restore' : 'Backup'
  if (report.status === 'FAILED') {
    // One error annotation per failure: the run's, and one for each later step that failed too
    // (a notification that could not tell of a failed dump).
    for (const step of report.steps) {
      if (step.status === 'failed' && step.name !== report.failedStep) core.error(`${step.name} failed too: ${step.error ?? ''}`, { title: `Database ${what.toLowerCase()}` })
    }
    const storedUris = (report.databases ?? []).flatMap((run) => (run.backup ? [run.backup.uri] : []))
    const stored =
      report.backup && report.action !== 'restore'
        ? ` (the backup itself is stored: ${report.backup.uri})`
        : storedUris.length > 0
          ? ` (the backups of the other databases are stored: ${storedUris.join(', ')})`
          : ''
    core.setFailed(`${what} FAILED in ${report.failedStep}: ${report.error}${stored}`)
  } else core.info(`${what} SUCCESS: ${report.databases ? report.databases.map((run) => run.backup?.uri).join(', ') : report.backup?.uri}`)
}
