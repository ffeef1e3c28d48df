import type { ChannelName } from '../config/types.js'
import { consoleNotifier } from './console.js'
import { fileNotifier } from './file.js'
import { webhookNotifier } from './webhook.js'
import type { Notifier } from './types.js'

/** Every notification channel. Adding one: a file in this folder and a line here (and in channelNames). */
export const notifiers: Record<ChannelName, Notifier> = {
  console: consoleNotifier,
  file: fileNotifier,
  webhook: webhookNotifier
}
