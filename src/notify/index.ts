import type { ChannelName } from '../config/types.js'
import { consoleNotifier } from './console.js'
import { discordNotifier } from './discord.js'
import { emailNotifier } from './email.js'
import { fileNotifier } from './file.js'
import { slackNotifier } from './slack.js'
import { teamsNotifier } from './teams.js'
import { telegramNotifier } from './telegram.js'
import { webhookNotifier } from './webhook.js'
import type { Notifier } from './types.js'

/** Every notification channel. Adding one: a file in this folder and a line here (and in channelNames). */
export const notifiers: Record<ChannelName, Notifier> = {
  console: consoleNotifier,
  file: fileNotifier,
  webhook: webhookNotifier,
  slack: slackNotifier,
  discord: discordNotifier,
  teams: teamsNotifier,
  email: emailNotifier,
  telegram: telegramNotifier
}
