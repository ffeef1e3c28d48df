import * as core from '@actions/core'
import type { NotifyConfig } from '../config/types.js'
import { pingFinish } from '../notify/heartbeat.js'
import { notifiers } from '../notify/index.js'
import { redactReport } from '../report/redact.js'
import type { RunReport } from '../report/types.js'
import { errorMessage } from '../util/errors.js'

/** Whether notify-on asks for this run to be told. */
function wanted(config: NotifyConfig, report: RunReport): boolean {
  return config.notifyOn === 'always' || (config.notifyOn === 'failure') === (report.status === 'FAILED')
}

/**
 * Sends the report through every configured channel (those notify-on asks for this run), then
 * the heartbeat, which hears of every run and counts a failed channel as a failure. Returns what
 * could not deliver, with why; one failing does not stop the others.
 */
export async function sendNotification(report: RunReport, config: NotifyConfig): Promise<string[]> {
  const failures: string[] = []
  // Every channel, present and future, gets the report with every known secret scrubbed.
  const safe = redactReport(report)
  const attempt = async (name: string, deliver: () => Promise<string>): Promise<void> => {
    try {
      core.info(`notification ${name}: ${await deliver()}`)
    } catch (error) {
      const message = `${name}: ${errorMessage(error)}`
      // A plain line: the run's error annotations are made once, in publish().
      core.info(`notification channel ${message}`)
      failures.push(message)
    }
  }
  if (wanted(config, report)) {
    for (const channel of config.channels) await attempt(channel, () => notifiers[channel].send(safe, config))
  } else {
    core.info(`notifications: none for a ${report.status} run (notify-on: ${config.notifyOn})`)
  }
  if (config.heartbeatUrl) await attempt('heartbeat', () => pingFinish(config, safe, [...failures]))
  return failures
}
