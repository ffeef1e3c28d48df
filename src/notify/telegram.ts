import type { RunReport } from '../report/types.js'
import { messageOf, textReport, truncate } from '../report/format.js'
import { send } from './http.js'
import type { Notifier } from './types.js'
import { redact } from '../util/secrets.js'

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

export const telegramNotifier: Notifier = {
  async send(report, config) {
    const telegram = config.telegram
    if (!telegram) throw new Error('telegram is not configured')
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
