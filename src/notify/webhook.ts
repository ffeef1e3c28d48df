import { signatureHeaders } from './signature.js'
import type { Notifier } from './types.js'

const TIMEOUT_MS = 5000

/** POSTs the run report as JSON. A non-2xx answer, a timeout or a network error is a failure. */
export const webhookNotifier: Notifier = {
  async send(report, config) {
    let response: Response
    const body = JSON.stringify(report)
    const signature = config.webhookSecret ? signatureHeaders(config.webhookSecret, body) : {}
    try {
      response = await fetch(config.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'db-backup-action', ...signature },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS)
      })
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
      if (error instanceof Error && error.name === 'TimeoutError') throw new Error(`the webhook did not answer within ${TIMEOUT_MS / 1000} s`)
      throw new Error(`the webhook could not be reached${cause}`)
    }
    await response.body?.cancel()
    if (!response.ok) throw new Error(`the webhook answered HTTP ${response.status}`)
    return `HTTP ${response.status}`
  }
}
