import { isHttpUrl } from '../config/http-url.js'
import type { RunReport } from '../report/types.js'
import { messageOf, textReport, truncate } from '../report/format.js'
import { send } from './http.js'
import type { Channel } from './types.js'
import { redact } from '../util/secrets.js'

const BOT_TOKEN = 'telegram-bot-token'
const CHAT_ID = 'telegram-chat-id'

export interface TelegramSettings {
  /** A secret. */
  botToken: string
  chatId: string
  /** The Bot API server: https://api.telegram.org, or a self-hosted one (TELEGRAM_API_URL). */
  apiUrl: string
}

/** Where the Bot API lives unless TELEGRAM_API_URL names a self-hosted server. */
export const TELEGRAM_API_URL = 'TELEGRAM_API_URL'
const DEFAULT_TELEGRAM_API = 'https://api.telegram.org'

/** sendMessage takes 1-4,096 characters of text (core.telegram.org/bots/api#sendmessage). */
export const TELEGRAM_TEXT_LIMIT = 4096

/** Plain text, no parse mode: nothing in a database error can break the markup or the limit. */
export function telegramPayload(report: RunReport, chatId: string): Record<string, unknown> {
  const message = messageOf(report)
  const icon = message.success ? '✅' : '❌'
  return {
    chat_id: chatId,
    text: truncate(`${icon} ${textReport(report, message)}`, TELEGRAM_TEXT_LIMIT),
    link_preview_options: { is_disabled: true }
  }
}

export const telegramChannel: Channel<TelegramSettings> = {
  inputs: [
    {
      name: BOT_TOKEN,
      required: true,
      secret: true,
      secretParts: (token) => (token.includes(':') ? [token.slice(token.indexOf(':') + 1)] : []),
      check: (value) => (/^\d+:[A-Za-z0-9_-]{20,}$/.test(value) ? undefined : 'must be a bot token as @BotFather gives it (digits, a colon, then letters, digits, "_" or "-")')
    },
    {
      name: CHAT_ID,
      required: true,
      check: (value) =>
        /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,})$/.test(value) ? undefined : `must be a numeric chat id (such as -1001234567890) or a @channelusername (got ${JSON.stringify(value.slice(0, 80))})`
    }
  ],
  parse(read) {
    const apiUrl = (read.env[TELEGRAM_API_URL] ?? '').trim() || DEFAULT_TELEGRAM_API
    if (!isHttpUrl(apiUrl)) read.fail(TELEGRAM_API_URL, 'the environment variable must be an http:// or https:// URL of a Bot API server')
    return { botToken: read.value(BOT_TOKEN), chatId: read.value(CHAT_ID), apiUrl: apiUrl.replace(/\/+$/, '') }
  },
  async send(report, telegram) {
    const response = await send('Telegram', `${telegram.apiUrl}/bot${telegram.botToken}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(telegramPayload(report, telegram.chatId))
    })
    const answer = (await response.json().catch(() => ({}))) as { ok?: boolean; description?: string }
    // The Bot API answers {"ok": false, ...} for a refused message, usually with a 4xx; trust the body over the status.
    // Redacted before it is cut: a secret across the cut would otherwise survive in part.
    if (answer.ok !== true) throw new Error(`Telegram did not accept the message${answer.description ? `: ${truncate(redact(answer.description), 200)}` : ''}`)
    return `message sent to chat ${telegram.chatId}`
  }
}
