import * as core from '@actions/core'
import { pingFinish } from '../notify/heartbeat.js'
import { configuredChannels, sendThrough, type NotifyConfig } from '../notify/index.js'
import { writeAuditRecord } from '../notify/audit.js'
import { redactReport } from '../report/redact.js'
import type { RunReport, StepResult } from '../report/types.js'
import { errorMessage } from '../util/errors.js'
import { saveReported, saveStepStarted } from './state.js'

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

/**
 * send-notification: every channel, then the audit record; the report comes back completed with
 * this step, which fails the run if a channel or the record failed.
 */
export async function notifyAndRecord(report: RunReport, notifyConfig: NotifyConfig): Promise<RunReport> {
  const notifyStarted = performance.now()
  saveStepStarted('send-notification', report.steps)
  core.startGroup('send-notification')
  try {
    const failures = await sendNotification(report, notifyConfig)
    let final = withNotification(report, failures, notifyStarted)
    try {
      final.auditFile = await writeAuditRecord(final, notifyConfig.auditDir)
      core.info(`audit record: ${final.auditFile}`)
    } catch (error) {
      const message = `audit record: ${errorMessage(error)}`
      core.info(message)
      final = withNotification(report, [...failures, message], notifyStarted)
    }
    saveReported()
    return final
  } finally {
    core.endGroup()
  }
}

/** The report completed with the notification step, which fails the run if any channel failed. */
function withNotification(report: RunReport, failures: string[], notifyStarted: number): RunReport {
  const error = failures.join('; ')
  const notification: StepResult = {
    name: 'send-notification',
    status: error ? 'failed' : 'success',
    durationMs: Math.round(performance.now() - notifyStarted),
    figures: { channels: failures.length ? `${failures.length} failed` : 'all delivered' },
    ...(error ? { error } : {})
  }
  const finishedAt = new Date()
  return {
    ...report,
    status: report.status === 'SUCCESS' && !error ? 'SUCCESS' : 'FAILED',
    failedStep: report.failedStep || (error ? 'send-notification' : ''),
    error: report.error || error,
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - new Date(report.startedAt).getTime(),
    steps: [...report.steps, notification]
  }
}
