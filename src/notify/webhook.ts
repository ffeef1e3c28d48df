import { redact } from '../util/secrets.js'
import type { Notifier } from './types.js'

const TIMEOUT_MS = 5000

/**
 * POSTs the run report as JSON. A non-2xx answer, a timeout or a network error is a failure, and
 * so is a redirect: following one would re-send the report as a body-less GET (or to a host the
 * user never named), and log success for a report nobody received.
 */
export const webhookNotifier: Notifier = {
  async send(report, config) {
    let response: Response
    try {
      response = await fetch(config.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'db-backup-action' },
        body: JSON.stringify(report),
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS)
      })
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
      if (error instanceof Error && error.name === 'TimeoutError') throw new Error(`the webhook did not answer within ${TIMEOUT_MS / 1000} s`)
      throw new Error(`the webhook could not be reached${cause}`)
    }
    await response.body?.cancel()
    if (response.status >= 300 && response.status < 400) {
      // The new location is the receiver's own URL, which may hold its token like the old one.
      const location = response.headers.get('location')
      throw new Error(
        `the webhook answered HTTP ${response.status}, a redirect${location ? ` to ${redact(maskUrl(location, config.webhookUrl))}` : ''}, ` +
          'which is never followed: set webhook-url to the final URL'
      )
    }
    if (!response.ok) throw new Error(`the webhook answered HTTP ${response.status}`)
    return `HTTP ${response.status}`
  }
}

/** Where a redirect points, without what may be a token: origin and path shape only. */
function maskUrl(location: string, base: string): string {
  try {
    const url = new URL(location, base)
    const path = url.pathname === '/' ? '/' : '/…'
    return `${url.origin}${path}`
  } catch {
    return '(an unreadable location)'
  }
}
