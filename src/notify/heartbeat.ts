import * as core from '@actions/core'
import { Inputs } from '../constants.js'
import type { RunReport } from '../report/types.js'
import { errorMessage } from '../util/errors.js'
import { textReport, truncate } from '../report/format.js'
import { httpUrlInput, send } from './http.js'
import type { NotifyConfig } from './index.js'

/**
 * The dead man's switch, in the healthchecks.io convention that Better Stack, Healthchecks
 * self-hosted and others accept: GET <url>/start as the run begins, then POST <url> on success or
 * <url>/fail on failure with the text report as the ping's log. The monitor raises the alarm when
 * a run fails, and also when none arrives in time: the failure no step of a run can report.
 */

/** heartbeat-url: not a channel, it hears of every run whatever notify and notify-on say. */
export const heartbeatInput = httpUrlInput(Inputs.HeartbeatUrl, false)

/** healthchecks.io keeps the first 100 KB of a ping's body; this stays far below in any encoding. */
export const HEARTBEAT_BODY_LIMIT = 10_000

/** `<url>/start` or `<url>/fail`: the suffix goes on the path, before a query (healthchecks.io's `?create=1`). */
export function pingUrl(url: string, suffix: '' | '/start' | '/fail'): string {
  const target = new URL(url)
  target.pathname = `${target.pathname.replace(/\/+$/, '')}${suffix}`
  return target.href
}

/** Announces the run. Failing here is only a warning: a monitor being down is no reason not to back up. */
export async function pingStart(config: NotifyConfig): Promise<void> {
  if (!config.heartbeatUrl) return
  try {
    const response = await send('the heartbeat', pingUrl(config.heartbeatUrl, '/start'), { method: 'GET' })
    await response.body?.cancel()
    core.info(`heartbeat: start signalled (HTTP ${response.status})`)
  } catch (error) {
    core.warning(`heartbeat start: ${errorMessage(error)}; the backup goes on`, { title: 'Heartbeat start ping failed' })
  }
}

/** Reports how the run ended: `failed` when the run or any notification channel failed. */
export async function pingFinish(config: NotifyConfig, report: RunReport, channelFailures: string[]): Promise<string> {
  const failed = report.status === 'FAILED' || channelFailures.length > 0
  const log = [textReport(report), ...channelFailures.map((failure) => `Notification failed: ${failure}`)].join('\n')
  const response = await send('the heartbeat', pingUrl(config.heartbeatUrl, failed ? '/fail' : ''), {
    method: 'POST',
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: truncate(log, HEARTBEAT_BODY_LIMIT)
  })
  await response.body?.cancel()
  return `${failed ? 'fail' : 'success'} signalled (HTTP ${response.status})`
}
