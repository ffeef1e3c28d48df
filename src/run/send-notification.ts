import * as core from '@actions/core'
import { pingFinish } from '../notify/heartbeat.js'
import { configuredChannels, sendThrough, type NotifyConfig } from '../notify/index.js'
import { redactReport } from '../report/redact.js'
import type { RunReport } from '../report/types.js'
import { errorMessage } from '../util/errors.js'

/** Whether notify-on asks for this run to be told. */
function wanted(config: NotifyConfig, report: RunReport): boolean {
  return config.notifyOn === 'always' || (config.notifyOn === 'failure') === (report.status === 'FAILED')
}

/**
 * Sends the report through every configured channel (those notify-on asks for this run), and the
 * heartbeat, which hears of every run and counts a failed channel as a failure. Returns what
 * could not deliver, with why, in the order configured; one failing does not stop the others.
 */
export async function sendNotification(report: RunReport, config: NotifyConfig): Promise<string[]> {
  // Every channel, present and future, gets the report with every known secret scrubbed.
  const safe = redactReport(report)
  const attempt = async (name: string, deliver: () => Promise<string>): Promise<string | undefined> => {
    try {
      core.info(`notification ${name}: ${await deliver()}`)
      return undefined
    } catch (error) {
      const message = `${name}: ${errorMessage(error)}`
      // A plain line: the run's error annotations are made once, in publish().
      core.info(`notification channel ${message}`)
      return message
    }
  }
  const told = wanted(config, report)
  if (!told) core.info(`notifications: none for a ${report.status} run (notify-on: ${config.notifyOn})`)
  // All at once, not one after another: each may take its whole time limit, and a cancelled run
  // has the runner's 7.5 s for all of them.
  const channels = told ? configuredChannels(config).map((channel) => attempt(channel, () => sendThrough(channel, safe, config))) : []
  const heartbeat = async (failures: string[]): Promise<string | undefined> =>
    config.heartbeatUrl ? attempt('heartbeat', () => pingFinish(config, safe, failures)) : undefined
  if (report.status === 'FAILED') {
    // A failed run pings fail whatever the channels do: the heartbeat need not wait for them.
    const [beat, ...failed] = await Promise.all([heartbeat([]), ...channels])
    return [...failed, beat].filter((failure) => failure !== undefined)
  }
  const failed = (await Promise.all(channels)).filter((failure) => failure !== undefined)
  const beat = await heartbeat(failed)
  return beat === undefined ? failed : [...failed, beat]
}
