import type { RunReport } from '../report/types.js'
import { messageOf, truncate, type Message } from '../report/format.js'
import { jsonWebhookChannel } from './http.js'

/**
 * A Teams message may be at most about 28 KB in all (counted here as the bytes of its JSON); no
 * single part has its own documented limit, so the error, the only unbounded part, is cut to fit.
 */
export const TEAMS_LIMITS = { title: 256, factValue: 1024, error: 8000, total: 28_000 } as const

/** An Adaptive Card as a Teams "Workflows" webhook takes it (Office 365 connectors are retired). */
export function teamsPayload(report: RunReport): Record<string, unknown> {
  const message = messageOf(report)
  let room: number = TEAMS_LIMITS.error
  let payload = teamsMessage(message, truncate(message.error, room))
  // 8,000 characters can be far more bytes once JSON-escaped (control characters, quotes) or
  // encoded (non-Latin text): the error gives way until the whole message fits.
  while (room > 0 && Buffer.byteLength(JSON.stringify(payload)) > TEAMS_LIMITS.total) {
    room = Math.floor(room * 0.8)
    payload = teamsMessage(message, truncate(message.error, room))
  }
  return payload
}

function teamsMessage(message: Message, error: string): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: truncate(message.title, TEAMS_LIMITS.title), size: 'Large', weight: 'Bolder', color: message.success ? 'Good' : 'Attention', wrap: true },
    { type: 'FactSet', facts: message.fields.map((field) => ({ title: field.label, value: truncate(field.value, TEAMS_LIMITS.factValue) })) }
  ]
  if (message.error) {
    body.push({ type: 'TextBlock', text: 'Error', weight: 'Bolder', wrap: true })
    body.push({ type: 'TextBlock', text: error, fontType: 'Monospace', wrap: true })
  }
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body,
    ...(message.runUrl ? { actions: [{ type: 'Action.OpenUrl', title: 'View the workflow run', url: message.runUrl }] } : {})
  }
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] }
}

export const teamsChannel = jsonWebhookChannel('Teams', 'teams-webhook-url', teamsPayload)
