import { ELLIPSIS, messageOf, truncate } from '../report/format.js'
import { jsonWebhookChannel } from './http.js'
import type { RunReport } from '../report/types.js'

/** Block Kit limits (api.slack.com/reference/block-kit): header text 150, section text 3,000, 10 fields of 2,000. */
export const SLACK_LIMITS = { header: 150, sectionText: 3000, fields: 10, fieldText: 2000, fallbackText: 3000 } as const

/** Slack's mrkdwn gives &, < and > meaning; everything else is literal. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** An incoming-webhook message: a header with the status, the fields, the error, a link to the run. */
export function slackPayload(report: RunReport): Record<string, unknown> {
  const message = messageOf(report)
  const icon = message.success ? ':white_check_mark:' : ':x:'
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`${message.success ? '✅' : '❌'} ${message.title}`, SLACK_LIMITS.header), emoji: true } },
    {
      type: 'section',
      fields: message.fields
        .slice(0, SLACK_LIMITS.fields)
        .map((field) => {
          const label = `*${escape(field.label)}*\n`
          return { type: 'mrkdwn', text: `${label}${escapeWithin(field.value, SLACK_LIMITS.fieldText - label.length)}` }
        })
    }
  ]
  if (message.error) {
    // Cut before escaping could split an entity; cut after, the code fence may lose its end: cut the raw text to leave room for both.
    const room = SLACK_LIMITS.sectionText - '*Error*\n``````'.length
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Error*\n\`\`\`${escapeWithin(message.error, room)}\`\`\`` } })
  }
  if (message.runUrl) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${message.runUrl}|View the workflow run>` }] })
  const fallback = `${icon} ${escapeWithin(`${message.title}${message.error ? `: ${message.error}` : ''}`, SLACK_LIMITS.fallbackText - icon.length - 1)}`
  return { text: fallback, blocks }
}

/** The escaped text, at most `max` long, cut (with an ellipsis) at a character, never inside an entity. */
function escapeWithin(text: string, max: number): string {
  const escaped = escape(text)
  if (escaped.length <= max) return escaped
  let out = ''
  for (const char of text) {
    const next = escape(char)
    if (out.length + next.length > max - 1) break
    out += next
  }
  return `${out}${ELLIPSIS}`
}

export const slackChannel = jsonWebhookChannel('Slack', 'slack-webhook-url', slackPayload)
