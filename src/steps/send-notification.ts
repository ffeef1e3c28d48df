import * as core from '@actions/core'
import type { NotifyConfig } from '../config/types.js'
import { notifiers } from '../notify/index.js'
import { redactReport } from '../report/redact.js'
import type { RunReport } from '../report/types.js'
import { errorMessage } from '../util/errors.js'

/**
 * Sends the report through every configured channel, whatever happened before. Returns the
 * channels that could not deliver, with why; one failing does not stop the others.
 */
export async function sendNotification(report: RunReport, config: NotifyConfig): Promise<string[]> {
  const failures: string[] = []
  // Every channel, present and future, gets the report with every known secret scrubbed.
  const safe = redactReport(report)
  for (const channel of config.channels) {
    try {
      const delivered = await notifiers[channel].send(safe, config)
      core.info(`notification ${channel}: ${delivered}`)
    } catch (error) {
      const message = `${channel}: ${errorMessage(error)}`
      core.error(`notification channel ${message}`)
      failures.push(message)
    }
  }
  return failures
}
