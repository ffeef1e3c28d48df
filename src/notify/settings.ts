import { join } from 'node:path'
import { closest, oneOfMessage } from '../config/choices.js'
import { splitList } from '../config/lists.js'
import { homeDirectoryIssue, isShorthand, onEphemeralRunner, resolveDirectory } from '../config/paths.js'
import { Inputs } from '../constants.js'
import { directoryText } from '../config/rules.js'
import type { RawInputs } from '../config/types.js'
import { urlSecretParts } from '../util/url-secrets.js'
import { heartbeatInput } from './heartbeat.js'
import { channelInputs, channelNames, channels, notifyOnValues, type ChannelName, type ChannelSettings, type NotifyConfig, type NotifyOn } from './index.js'
import type { ChannelInput, NotifyIssue } from './types.js'

export type { NotifyIssue }

/** The notification inputs parsed, once per run: the config, what is wrong, and how values were read. */
export interface ParsedNotify {
  config: NotifyConfig
  issues: NotifyIssue[]
  /** How audit-dir was read where that is not plain from what was written (a shorthand). */
  notices: string[]
  /** What may surprise (an audit record on a runner that is deleted with the job); only for an otherwise valid config. */
  warnings: string[]
}

/** The channels of a run whose notify is empty, or names none that can be sent. */
const DEFAULT_CHANNELS = { console: {}, file: {} } satisfies ChannelSettings

/** Every input the notification settings read: each channel's, then the heartbeat's. */
const NOTIFY_INPUTS: readonly ChannelInput[] = [...channelInputs, heartbeatInput]

/** The notification inputs that hold a secret (URLs that carry a token, keys, passwords): read untrimmed. */
export const NOTIFY_SECRET_INPUTS: ReadonlySet<string> = new Set(NOTIFY_INPUTS.filter((input) => input.secret).map((input) => input.name))

/**
 * Every secret the notification inputs hold, for masking before anything runs: each value as
 * given and trimmed; each secret part of each URL on its own, as written and decoded (a receiver's
 * error quotes its path, an SMTP error its user); the parts a channel names (the Telegram token's secret half).
 */
export function notifySecrets(raw: RawInputs): string[] {
  return NOTIFY_INPUTS.flatMap((input) => {
    if (!input.secret) return []
    const value = raw[input.name] ?? ''
    const urlParts = input.secret === true ? [] : urlSecretParts(value, input.secret)
    return [value, value.trim(), ...urlParts, ...(input.secretParts?.(value.trim()) ?? [])]
  }).filter(Boolean)
}

function text(raw: RawInputs, name: string): string {
  return (raw[name] ?? '').trim()
}

function channelList(value: string, issues: NotifyIssue[]): ChannelName[] {
  if (value === '') return Object.keys(DEFAULT_CHANNELS) as ChannelName[]
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
  const listed = [...new Set(entries.filter(known))]
  if (listed.length === 0 && !issues.some((issue) => issue.input === Inputs.Notify)) {
    issues.push({ input: Inputs.Notify, message: `must list at least one of ${channelNames.join(', ')}` })
  }
  return listed
}

/**
 * Parses the notification settings on their own, so that a run whose other inputs are wrong can
 * still report that through the channels it asked for. The config always comes back usable:
 * a channel whose settings are missing or wrong is left out of it, and `issues` says why.
 */
export function parseNotify(raw: RawInputs, env: NodeJS.ProcessEnv = process.env): ParsedNotify {
  const issues: NotifyIssue[] = []
  const wanted = channelList(text(raw, Inputs.Notify), issues)
  const broken = new Set<string>()
  const fail = (input: string, message: string): void => {
    issues.push({ input, message })
    broken.add(input)
  }

  for (const channel of channelNames) {
    const { inputs } = channels[channel]
    for (const input of inputs) {
      if (input.required && wanted.includes(channel) && !text(raw, input.name)) fail(input.name, `is required when notify includes ${channel}`)
    }
    for (const { name } of inputs) {
      if (!wanted.includes(channel) && text(raw, name)) fail(Inputs.Notify, `must include ${channel} when ${name} is set (or remove ${name})`)
    }
  }
  for (const input of NOTIFY_INPUTS) {
    const value = text(raw, input.name)
    const problem = value ? input.check?.(value) : undefined
    if (problem) fail(input.name, problem)
  }

  // Left out: a channel that cannot be sent. The issues say why and fail validate-config.
  const configured: ChannelSettings = {}
  for (const channel of wanted) {
    let failed = false
    const read = {
      value: (name: string): string => (broken.has(name) ? '' : text(raw, name)),
      env,
      fail(input: string, message: string): void {
        failed = true
        fail(input, message)
      }
    }
    const settings = channels[channel].parse(read)
    const usable = channels[channel].inputs.every((input) => !input.required || (text(raw, input.name) && !broken.has(input.name)))
    // The registry pairs each name with its settings, which TypeScript cannot follow through an index.
    if (usable && !failed) Object.assign(configured, { [channel]: settings })
  }

  const notifyOnText = text(raw, Inputs.NotifyOn).toLowerCase() || 'always'
  const notifyOn = (notifyOnValues as readonly string[]).includes(notifyOnText) ? (notifyOnText as NotifyOn) : 'always'
  if (notifyOn !== notifyOnText) issues.push({ input: Inputs.NotifyOn, message: `${oneOfMessage(notifyOnText, notifyOnValues)} (got ${JSON.stringify(notifyOnText.slice(0, 40))})` })

  // A wrong audit-dir is reported, and the record goes to the default directory instead.
  const audit = directoryText.safeParse(raw[Inputs.AuditDir] ?? '')
  if (!audit.success) issues.push({ input: Inputs.AuditDir, message: audit.error.issues[0].message })
  const homeIssue = audit.success ? homeDirectoryIssue(audit.data, env) : undefined
  if (homeIssue) issues.push({ input: Inputs.AuditDir, message: homeIssue })
  const auditDirText = audit.success && !homeIssue ? audit.data : ''
  const auditDir = auditDirText ? resolveDirectory(auditDirText, env) : join(env.RUNNER_TEMP || '/tmp', 'backup-notifications')

  const config: NotifyConfig = {
    channels: Object.keys(configured).length > 0 ? configured : DEFAULT_CHANNELS,
    notifyOn,
    heartbeatUrl: broken.has(Inputs.HeartbeatUrl) ? '' : text(raw, Inputs.HeartbeatUrl).replace(/\/+$/, ''),
    auditDir
  }
  return { config, issues, ...auditDirRemarks(raw[Inputs.AuditDir] ?? '', auditDir) }
}

/** How audit-dir was read, and when the directory goes with the runner. */
function auditDirRemarks(written: string, directory: string): Pick<ParsedNotify, 'notices' | 'warnings'> {
  const notices = isShorthand(written.trim()) ? [`audit-dir "${written.trim()}" is the directory ${directory}`] : []
  const warnings = onEphemeralRunner()
    ? [
        `the audit record is written to ${directory} on a GitHub-hosted runner, which is deleted when the job ends: ` +
          'keep it with actions/upload-artifact (path: the audit-file output), or rely on the notification channels'
      ]
    : []
  return { notices, warnings }
}
