import type { RunReport } from '../report/types.js'
import { consoleChannel } from './console.js'
import { discordChannel } from './discord.js'
import { emailChannel } from './email.js'
import { fileChannel } from './file.js'
import { slackChannel } from './slack.js'
import { teamsChannel } from './teams.js'
import { telegramChannel } from './telegram.js'
import type { Channel, ChannelInput } from './types.js'
import { webhookChannel } from './webhook.js'

/**
 * Every notification channel, in the order notify's error message lists them. Adding one: a file
 * in this folder, a line here, its inputs in action.yml (and restore/action.yml) and the docs.
 */
export const channels = {
  console: consoleChannel,
  file: fileChannel,
  webhook: webhookChannel,
  slack: slackChannel,
  discord: discordChannel,
  teams: teamsChannel,
  email: emailChannel,
  telegram: telegramChannel
}

export type ChannelName = keyof typeof channels
export const channelNames = Object.keys(channels) as ChannelName[]

/** The settings a channel makes of its inputs. */
export type SettingsOf<N extends ChannelName> = (typeof channels)[N] extends Channel<infer S> ? S : never

/** The settings of each configured channel, in the order notify lists them. */
export type ChannelSettings = { [N in ChannelName]?: SettingsOf<N> }

/** Which runs the channels hear about; the audit record is written for every run. */
export const notifyOnValues = ['always', 'failure', 'success'] as const
export type NotifyOn = (typeof notifyOnValues)[number]

/** The notification settings of a run. Every URL, token and secret here is masked. */
export interface NotifyConfig {
  /** Only the channels that can be sent: one whose inputs are missing or wrong is left out (validate-config says why). */
  channels: ChannelSettings
  notifyOn: NotifyOn
  /** healthchecks.io-style ping URL: <url>/start, <url>, <url>/fail; '' for none. Independent of `channels` and `notifyOn`. */
  heartbeatUrl: string
  auditDir: string
}

/** The configured channels, in the order notify lists them. */
export function configuredChannels(config: NotifyConfig): ChannelName[] {
  return Object.keys(config.channels) as ChannelName[]
}

/** Sends the report through one configured channel; returns what it delivered. */
export function sendThrough(name: ChannelName, report: RunReport, config: NotifyConfig): Promise<string> {
  const settings = config.channels[name]
  if (settings === undefined) return Promise.reject(new Error(`${name} is not configured`))
  // The registry pairs each name with its channel, which TypeScript cannot follow through an index.
  const channel = channels[name] as Channel<typeof settings>
  return channel.send(report, settings, { auditDir: config.auditDir })
}

/** Every input of every channel. */
export const channelInputs: readonly ChannelInput[] = channelNames.flatMap((channel) => channels[channel].inputs)

/** The names of every channel's inputs, for reading them (beside the run-wide Inputs). */
export const CHANNEL_INPUT_NAMES: readonly string[] = channelInputs.map((input) => input.name)
