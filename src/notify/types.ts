import type { RunReport } from '../report/types.js'
import type { UrlSecretRules } from '../util/url-secrets.js'

/** One thing wrong with one notification input (the shape of parse.ts's ConfigIssue). */
export interface NotifyIssue {
  input: string
  message: string
}

/** One input of action.yml that a channel (or the heartbeat) reads. */
export interface ChannelInput {
  name: string
  /** Must be set when notify lists the channel; set while notify does not list it, any input is a mistake. */
  required?: boolean
  /**
   * A secret: read untrimmed, masked as given and trimmed, never quoted in an error. With URL
   * rules, each secret part of the URL is masked on its own too (a receiver's error quotes its
   * path, an SMTP error its user).
   */
  secret?: true | UrlSecretRules
  /** Secrets inside the value that are masked on their own as well (the Telegram token's secret half). */
  secretParts?(value: string): string[]
  /** What is wrong with the value (trimmed, not empty), or undefined; checked whether or not notify lists the channel. */
  check?(value: string): string | undefined
}

/** What a channel's parse is given. */
export interface ChannelReader {
  /** One of its inputs, trimmed; '' when not given or when its value is wrong (that is reported already). */
  value(name: string): string
  env: NodeJS.ProcessEnv
  /** Reports what is wrong beyond one input's value (an environment variable): the channel is left out of the run. */
  fail(input: string, message: string): void
}

/** What every channel is told besides its own settings. */
export interface RunNotify {
  /** The audit directory, where the file channel appends. */
  auditDir: string
}

/**
 * One notification channel: the inputs it owns, how it makes its settings of them, and how it
 * sends a report. Its settings hold only its own inputs, so no channel sees another's secrets.
 */
export interface Channel<Settings> {
  readonly inputs: readonly ChannelInput[]
  /**
   * The settings from its inputs. Called for every channel notify lists, even one whose required
   * input is missing, so that each problem is reported at once; the settings are used only when
   * every required input is set and valid and fail was not called.
   */
  parse(read: ChannelReader): Settings
  /** Sends the (redacted) report; returns a short description of what it delivered. */
  send(report: RunReport, settings: Settings, run: RunNotify): Promise<string>
}

/** A channel with no inputs of its own. */
export type NoSettings = Record<string, never>
