import { join } from 'node:path'
import { closest, oneOfMessage } from './choices.js'
import { splitList } from './lists.js'
import { homeDirectoryIssue, resolveDirectory } from './paths.js'
import { z } from 'zod'
import { Inputs } from '../constants.js'
import { httpUrlText, isHttpUrl } from './http-url.js'
import { directoryText } from './rules.js'
import { NOTIFY_SECRET_INPUTS } from './describe.js'
import { urlSecretParts } from '../util/url-secrets.js'
import { HTTP_URL_SECRETS, SMTP_URL_SECRETS } from './url-secret-rules.js'
import { channelNames, notifyOnValues, type ChannelName, type NotifyConfig, type NotifyOn, type RawInputs } from './types.js'

/** One thing wrong with one notification input (the shape of parse.ts's ConfigIssue). */
export interface NotifyIssue {
  input: string
  message: string
}

/** Where the Bot API lives unless TELEGRAM_API_URL names a self-hosted server. */
export const TELEGRAM_API_URL = 'TELEGRAM_API_URL'
const DEFAULT_TELEGRAM_API = 'https://api.telegram.org'

const DEFAULT_CHANNELS: ChannelName[] = ['console', 'file']

/** The settings each channel needs; one of them set while the channel is not in `notify` is a mistake. */
const CHANNEL_INPUTS: Partial<Record<ChannelName, { required: string[]; optional?: string[] }>> = {
  webhook: { required: [Inputs.WebhookUrl], optional: [Inputs.WebhookSecret] },
  slack: { required: [Inputs.SlackWebhookUrl] },
  discord: { required: [Inputs.DiscordWebhookUrl] },
  teams: { required: [Inputs.TeamsWebhookUrl] },
  email: { required: [Inputs.SmtpUrl, Inputs.EmailTo, Inputs.EmailFrom] },
  telegram: { required: [Inputs.TelegramBotToken, Inputs.TelegramChatId] }
}

const HTTP_URL_INPUTS: readonly string[] = [Inputs.WebhookUrl, Inputs.SlackWebhookUrl, Inputs.DiscordWebhookUrl, Inputs.TeamsWebhookUrl, Inputs.HeartbeatUrl]


/**
 * Every secret the notification inputs hold, for masking before anything runs: each value as
 * given and trimmed; each secret part of each URL on its own, as written and decoded (a receiver's
 * error quotes its path, an SMTP error its user); the Telegram token's secret half alone.
 */
export function notifySecrets(raw: RawInputs): string[] {
  const values = NOTIFY_SECRET_INPUTS.flatMap((name) => [raw[name] ?? '', (raw[name] ?? '').trim()])
  const urlParts = [
    ...HTTP_URL_INPUTS.flatMap((name) => urlSecretParts(raw[name] ?? '', HTTP_URL_SECRETS)),
    ...urlSecretParts(raw[Inputs.SmtpUrl] ?? '', SMTP_URL_SECRETS)
  ]
  const botToken = (raw[Inputs.TelegramBotToken] ?? '').trim()
  const tokenSecret = botToken.includes(':') ? botToken.slice(botToken.indexOf(':') + 1) : ''
  return [...values, ...urlParts, tokenSecret].filter(Boolean)
}

const email = z.email()

const webhookUrl = httpUrlText('put the token in the path or the query string')

/** `a@b.example` or `Backups <a@b.example>`: the address inside, or undefined. */
function mailbox(value: string): string | undefined {
  const named = /^[^<>@]*<([^<>\s]+)>$/.exec(value)
  const address = named ? named[1] : value
  return email.safeParse(address).success ? value : undefined
}

function text(raw: RawInputs, name: string): string {
  return (raw[name] ?? '').trim()
}

function channelList(value: string, issues: NotifyIssue[]): ChannelName[] {
  if (value === '') return DEFAULT_CHANNELS
  const entries = splitList(value).map((entry) => entry.toLowerCase())
  const known = (entry: string): entry is ChannelName => (channelNames as readonly string[]).includes(entry)
  const unknown = entries.filter((entry) => entry && !known(entry)).map((entry) => JSON.stringify(entry.slice(0, 40)))
  if (unknown.length > 0) {
    const what = unknown.length === 1 ? `${unknown[0]} is not a channel` : `${unknown.join(', ')} are not channels`
    const near = entries.filter((entry) => entry && !known(entry)).map((entry) => closest(entry, channelNames)).find(Boolean)
    issues.push({
      input: Inputs.Notify,
      message: `${what}: each entry must be one of ${channelNames.join(', ')}, separated by commas or new lines${near ? ` (did you mean "${near}"?)` : ''}`
    })
  }
  const channels = [...new Set(entries.filter(known))]
  if (channels.length === 0 && !issues.some((issue) => issue.input === Inputs.Notify)) {
    issues.push({ input: Inputs.Notify, message: `must list at least one of ${channelNames.join(', ')}` })
  }
  return channels
}

function checkSmtpUrl(value: string): string | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'is not a valid URL (its value is not shown: it may hold a password)'
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return 'must be an smtp:// or smtps:// URL (smtp://user:pass@host:587 or smtps://user:pass@host:465)'
  if (!url.hostname) return 'must name the SMTP server: smtp://user:pass@host:port'
  return undefined
}

function checkWebhookSecret(value: string): string | undefined {
  if (!value.startsWith('whsec_')) return undefined
  const base64 = value.slice('whsec_'.length)
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) || Buffer.from(base64, 'base64').length === 0) {
    return 'must be whsec_ followed by base64, or the raw secret without the whsec_ prefix'
  }
  return undefined
}

/** Checks one input's value; the message of what is wrong, or undefined. Secret values are never quoted. */
function checkValue(name: string, value: string): string | undefined {
  if (HTTP_URL_INPUTS.includes(name)) return webhookUrl.safeParse(value).error?.issues[0]?.message
  switch (name) {
    case Inputs.SmtpUrl:
      return checkSmtpUrl(value)
    case Inputs.EmailTo: {
      const bad = splitList(value).find((entry) => !mailbox(entry))
      return bad === undefined ? undefined : `must be a list of email addresses, separated by commas or new lines (${JSON.stringify(bad.slice(0, 80))} is not one)`
    }
    case Inputs.EmailFrom:
      return mailbox(value) ? undefined : `must be one email address, such as backups@example.com or "Backups <backups@example.com>" (got ${JSON.stringify(value.slice(0, 80))})`
    case Inputs.TelegramBotToken:
      return /^\d+:[A-Za-z0-9_-]{20,}$/.test(value) ? undefined : 'must be a bot token as @BotFather gives it (digits, a colon, then letters, digits, "_" or "-")'
    case Inputs.TelegramChatId:
      return /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,})$/.test(value) ? undefined : `must be a numeric chat id (such as -1001234567890) or a @channelusername (got ${JSON.stringify(value.slice(0, 80))})`
    case Inputs.WebhookSecret:
      return checkWebhookSecret(value)
    default:
      return undefined
  }
}

/**
 * Parses the notification settings on their own, so that a run whose other inputs are wrong can
 * still report that through the channels it asked for. The config always comes back usable:
 * a channel whose settings are missing or wrong is left out of it, and `issues` says why.
 */
export function parseNotify(raw: RawInputs, env: NodeJS.ProcessEnv = process.env): { config: NotifyConfig; issues: NotifyIssue[] } {
  const issues: NotifyIssue[] = []
  const wanted = channelList(text(raw, Inputs.Notify), issues)
  const broken = new Set<string>()
  const fail = (input: string, message: string): void => {
    issues.push({ input, message })
    broken.add(input)
  }

  for (const [channel, inputs] of Object.entries(CHANNEL_INPUTS) as [ChannelName, { required: string[]; optional?: string[] }][]) {
    for (const name of inputs.required) {
      if (wanted.includes(channel) && !text(raw, name)) fail(name, `is required when notify includes ${channel}`)
    }
    for (const name of [...inputs.required, ...(inputs.optional ?? [])]) {
      if (!wanted.includes(channel) && text(raw, name)) fail(Inputs.Notify, `must include ${channel} when ${name} is set (or remove ${name})`)
    }
  }
  for (const name of [...HTTP_URL_INPUTS, Inputs.WebhookSecret, Inputs.SmtpUrl, Inputs.EmailTo, Inputs.EmailFrom, Inputs.TelegramBotToken, Inputs.TelegramChatId]) {
    const value = text(raw, name)
    const problem = value ? checkValue(name, value) : undefined
    if (problem) fail(name, problem)
  }

  const telegramApi = (env[TELEGRAM_API_URL] ?? '').trim() || DEFAULT_TELEGRAM_API
  if (wanted.includes('telegram') && !isHttpUrl(telegramApi)) fail(TELEGRAM_API_URL, 'the environment variable must be an http:// or https:// URL of a Bot API server')

  const notifyOnText = text(raw, Inputs.NotifyOn).toLowerCase() || 'always'
  const notifyOn = (notifyOnValues as readonly string[]).includes(notifyOnText) ? (notifyOnText as NotifyOn) : 'always'
  if (notifyOn !== notifyOnText) issues.push({ input: Inputs.NotifyOn, message: `${oneOfMessage(notifyOnText, notifyOnValues)} (got ${JSON.stringify(notifyOnText.slice(0, 40))})` })

  // Left out: a channel that cannot be sent. The issues above say why and fail validate-config.
  const usable = (channel: ChannelName): boolean =>
    (CHANNEL_INPUTS[channel]?.required ?? []).every((name) => text(raw, name) && !broken.has(name)) && !(channel === 'telegram' && broken.has(TELEGRAM_API_URL))
  const channels = wanted.filter(usable)
  const on = (channel: ChannelName, value: string): string => (channels.includes(channel) ? value : '')
  // A wrong audit-dir is reported, and the record goes to the default directory instead.
  const audit = directoryText.safeParse(raw[Inputs.AuditDir] ?? '')
  if (!audit.success) issues.push({ input: Inputs.AuditDir, message: audit.error.issues[0].message })
  const homeIssue = audit.success ? homeDirectoryIssue(audit.data, env) : undefined
  if (homeIssue) issues.push({ input: Inputs.AuditDir, message: homeIssue })
  const auditDir = audit.success && !homeIssue ? audit.data : ''

  const config: NotifyConfig = {
    channels: channels.length > 0 ? channels : DEFAULT_CHANNELS,
    notifyOn,
    webhookUrl: on('webhook', text(raw, Inputs.WebhookUrl)),
    webhookSecret: broken.has(Inputs.WebhookSecret) ? '' : on('webhook', text(raw, Inputs.WebhookSecret)),
    slackWebhookUrl: on('slack', text(raw, Inputs.SlackWebhookUrl)),
    discordWebhookUrl: on('discord', text(raw, Inputs.DiscordWebhookUrl)),
    teamsWebhookUrl: on('teams', text(raw, Inputs.TeamsWebhookUrl)),
    ...(channels.includes('email')
      ? { email: { smtpUrl: text(raw, Inputs.SmtpUrl), to: splitList(text(raw, Inputs.EmailTo)), from: text(raw, Inputs.EmailFrom) } }
      : {}),
    ...(channels.includes('telegram')
      ? { telegram: { botToken: text(raw, Inputs.TelegramBotToken), chatId: text(raw, Inputs.TelegramChatId), apiUrl: telegramApi.replace(/\/+$/, '') } }
      : {}),
    heartbeatUrl: broken.has(Inputs.HeartbeatUrl) ? '' : text(raw, Inputs.HeartbeatUrl).replace(/\/+$/, ''),
    auditDir: auditDir ? resolveDirectory(auditDir, env) : join(env.RUNNER_TEMP || '/tmp', 'backup-notifications')
  }
  return { config, issues }
}

/** The notification settings of a run, whatever else is wrong with its inputs. */
export function parseNotifyConfig(raw: RawInputs): NotifyConfig {
  return parseNotify(raw).config
}
