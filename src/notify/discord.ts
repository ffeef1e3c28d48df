import type { RunReport } from '../report/types.js'
import { messageOf, truncate } from '../report/format.js'
import { jsonWebhookChannel } from './http.js'

/** Embed limits (discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = { title: 256, description: 4096, fieldName: 256, fieldValue: 1024, fields: 25, total: 6000 } as const

const GREEN = 0x2e_a0_43
const RED = 0xd1_24_2f

/** One embed, green or red: the title, the fields, the error as the description, a link to the run. */
export function discordPayload(report: RunReport): Record<string, unknown> {
  const message = messageOf(report)
  const title = truncate(message.title, DISCORD_LIMITS.title)
  const fields = message.fields.slice(0, DISCORD_LIMITS.fields).map((field) => ({
    name: truncate(field.label, DISCORD_LIMITS.fieldName),
    value: truncate(field.value, DISCORD_LIMITS.fieldValue),
    inline: field.value.length <= 40
  }))
  const used = title.length + fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  // The error takes what the other parts leave of the 6,000 characters an embed may hold in all.
  const description = message.error ? truncate(message.error, Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.total - used)) : ''
  const embed = {
    title,
    color: message.success ? GREEN : RED,
    ...(description ? { description } : {}),
    ...(message.runUrl ? { url: message.runUrl } : {}),
    fields,
    timestamp: report.startedAt
  }
  // No @everyone or role pings from text that came out of a database error.
  return { embeds: [embed], allowed_mentions: { parse: [] } }
}

export const discordChannel = jsonWebhookChannel('Discord', 'discord-webhook-url', discordPayload)
