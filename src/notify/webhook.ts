import { httpUrlInput, send } from './http.js'
import { signatureHeaders } from './signature.js'
import type { Channel } from './types.js'

const URL_INPUT = 'webhook-url'
const SECRET_INPUT = 'webhook-secret'

export interface WebhookSettings {
  /** A secret: the URL may carry the receiver's token. */
  url: string
  /** Signs the report (Standard Webhooks) when set: `whsec_<base64>` or the raw secret; '' for unsigned. */
  secret: string
}

function checkWebhookSecret(value: string): string | undefined {
  if (!value.startsWith('whsec_')) return undefined
  const base64 = value.slice('whsec_'.length)
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || Buffer.from(base64, 'base64').length === 0) {
    return 'must be whsec_ followed by base64, or the raw secret without the whsec_ prefix'
  }
  return undefined
}

/**
 * POSTs the run report as JSON, signed (Standard Webhooks) when webhook-secret is set. A non-2xx
 * answer, a redirect, a timeout or a network error is a failure. A wrong webhook-secret fails
 * validate-config, and the report still goes out, unsigned.
 */
export const webhookChannel: Channel<WebhookSettings> = {
  inputs: [httpUrlInput(URL_INPUT), { name: SECRET_INPUT, secret: true, check: checkWebhookSecret }],
  parse: (read) => ({ url: read.value(URL_INPUT), secret: read.value(SECRET_INPUT) }),
  async send(report, settings) {
    const body = JSON.stringify(report)
    const signature = settings.secret ? signatureHeaders(settings.secret, body) : {}
    const response = await send('the webhook', settings.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signature },
      body
    })
    await response.body?.cancel()
    return `HTTP ${response.status}`
  }
}
