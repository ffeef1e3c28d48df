import { send } from './http.js'
import { signatureHeaders } from './signature.js'
import type { Notifier } from './types.js'

/**
 * POSTs the run report as JSON, signed (Standard Webhooks) when webhook-secret is set. A non-2xx
 * answer, a redirect, a timeout or a network error is a failure.
 */
export const webhookNotifier: Notifier = {
  async send(report, config) {
    const body = JSON.stringify(report)
    const signature = config.webhookSecret ? signatureHeaders(config.webhookSecret, body) : {}
    const response = await send('the webhook', config.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signature },
      body
    })
    await response.body?.cancel()
    return `HTTP ${response.status}`
  }
}
