import { httpUrlText } from '../config/http-url.js'
import { HTTP_URL_SECRETS } from '../config/url-secret-rules.js'
import type { RunReport } from '../report/types.js'
import { redact } from '../util/secrets.js'
import { truncate } from '../report/format.js'
import type { Channel, ChannelInput } from './types.js'

/** Every channel's limit: a service that has not answered by then is a failed notification. */
export const NOTIFY_TIMEOUT_MS = 5000

/**
 * Sends one request to a notification service. Redirects are never followed (a webhook URL that
 * redirects has moved, or is not the service it claims to be): a 3xx fails naming where it
 * pointed, as does any other non-2xx answer, a timeout or a network error. Returns the answer.
 */
export async function send(service: string, url: string, init: RequestInit): Promise<Response> {
  let response: Response
  try {
    response = await fetch(url, {
      ...init,
      headers: { 'user-agent': 'db-backup-action', ...init.headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(NOTIFY_TIMEOUT_MS)
    })
  } catch (error) {
    // Duck-typed: fetch's errors may come from another realm (a vm context, as under jest).
    const { name, cause } = (error ?? {}) as { name?: string; cause?: { message?: string } }
    if (name === 'TimeoutError') throw new Error(`${service} did not answer within ${NOTIFY_TIMEOUT_MS / 1000} s`)
    const reason = typeof cause?.message === 'string' ? `: ${cause.message}` : ''
    throw new Error(`${service} could not be reached${reason}`)
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel()
    const location = response.headers.get('location')
    throw new Error(
      `${service} answered HTTP ${response.status} redirecting to ${location ? redact(locationShape(location, url)) : '(no location)'}; ` +
        'redirects are not followed: give the final URL'
    )
  }
  if (!response.ok) {
    // Redacted before anything else: the answer may quote the URL's token (`Cannot POST /hooks/<token>`),
    // and a secret is matched as registered, so neither a collapsed space nor the cut may split it first.
    const detail = redact(await response.text().catch(() => '')).replace(/\s+/g, ' ').trim()
    throw new Error(`${service} answered HTTP ${response.status}${detail ? `: ${truncate(detail, 200)}` : ''}`)
  }
  return response
}

/** POSTs a JSON payload; the answer's body is read and dropped. */
export async function postJson(service: string, url: string, payload: unknown): Promise<string> {
  const response = await send(service, url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) })
  await response.body?.cancel()
  return `HTTP ${response.status}`
}

/** Where a redirect points, without what may be a token: the origin and the shape of the path. */
function locationShape(location: string, base: string): string {
  try {
    const target = new URL(location, base)
    return `${target.origin}${target.pathname === '/' ? '/' : '/…'}`
  } catch {
    return '(an unreadable location)'
  }
}

const webhookUrl = httpUrlText('put the token in the path or the query string')

/** An http(s) URL input whose token may be anywhere in the URL (a webhook's, the heartbeat's). */
export function httpUrlInput(name: string, required = true): ChannelInput {
  return { name, required, secret: HTTP_URL_SECRETS, check: (value) => webhookUrl.safeParse(value).error?.issues[0]?.message }
}

/** The settings of a channel that is one incoming-webhook URL. */
export interface WebhookUrlSettings {
  /** A secret: the URL is the credential. */
  url: string
}

/** A channel that POSTs a JSON payload made of the report to one incoming-webhook URL (Slack, Discord, Teams). */
export function jsonWebhookChannel(service: string, input: string, payload: (report: RunReport) => unknown): Channel<WebhookUrlSettings> {
  return {
    inputs: [httpUrlInput(input)],
    parse: (read) => ({ url: read.value(input) }),
    send: (report, settings) => postJson(service, settings.url, payload(report))
  }
}
