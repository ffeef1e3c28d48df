import { z } from 'zod'
import { splitList } from '../config/lists.js'
import { SMTP_URL_SECRETS } from '../config/url-secret-rules.js'
import type { RunReport } from '../report/types.js'
import { messageOf, textReport, truncate } from '../report/format.js'
import { NOTIFY_TIMEOUT_MS } from './http.js'
import type { Channel } from './types.js'
import { redact } from '../util/secrets.js'

const SMTP_URL = 'smtp-url'
const EMAIL_TO = 'email-to'
const EMAIL_FROM = 'email-from'

export interface EmailSettings {
  /** smtp:// (STARTTLS where offered, required when it carries a password) or smtps:// (TLS from the start). A secret. */
  smtpUrl: string
  to: string[]
  from: string
}

/** A subject line well inside RFC 5322's 998 characters, and short enough to read in a list. */
export const EMAIL_SUBJECT_LIMIT = 200

export interface EmailContent {
  subject: string
  text: string
  html: string
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function emailContent(report: RunReport): EmailContent {
  const message = messageOf(report)
  const rows = message.fields.map((field) => `<tr><th align="left">${escapeHtml(field.label)}</th><td>${escapeHtml(field.value)}</td></tr>`)
  const html = [
    `<h2 style="color:${message.success ? '#1a7f37' : '#cf222e'}">${escapeHtml(message.title)}</h2>`,
    `<table cellpadding="4">${rows.join('')}</table>`,
    message.error ? `<h3>Error</h3><pre style="white-space:pre-wrap">${escapeHtml(message.error)}</pre>` : '',
    message.runUrl ? `<p><a href="${escapeHtml(message.runUrl)}">View the workflow run</a></p>` : ''
  ].join('\n')
  const subject = message.success ? message.title : `${message.title} (failed in ${report.failedStep || 'unknown'})`
  return { subject: truncate(subject, EMAIL_SUBJECT_LIMIT), text: textReport(report, message), html }
}

/** nodemailer's SMTP options from smtp-url: smtps:// is TLS from the start; smtp:// upgrades with STARTTLS where offered. */
function transportOptions(smtpUrl: string) {
  const url = new URL(smtpUrl)
  const secure = url.protocol === 'smtps:'
  const auth = url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    // A password never crosses the network in clear: without STARTTLS the send fails instead.
    requireTLS: !secure && auth !== undefined,
    auth,
    connectionTimeout: NOTIFY_TIMEOUT_MS,
    greetingTimeout: NOTIFY_TIMEOUT_MS,
    socketTimeout: NOTIFY_TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true
  }
}

async function sendEmail(settings: EmailSettings, content: EmailContent): Promise<string> {
  // Loaded only by runs that send email, so the others never load an SMTP client.
  const { createTransport } = await import('nodemailer')
  const options = transportOptions(settings.smtpUrl)
  const transport = createTransport(options)
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the SMTP server ${options.host}:${options.port} did not accept the message within ${NOTIFY_TIMEOUT_MS / 1000} s`)), NOTIFY_TIMEOUT_MS)
  })
  try {
    const info = await Promise.race([transport.sendMail({ from: settings.from, to: settings.to, ...content }), deadline])
    if (info.rejected.length > 0) throw new Error(`the SMTP server refused ${info.rejected.length} recipient(s): ${info.rejected.map(String).join(', ')}`)
    return `accepted by ${options.host}:${options.port} for ${info.accepted.length} recipient(s)`
  } catch (error) {
    // The server's answer is quoted (`535 Authentication failed for <user>`): redacted where it is made, as every channel's answer is.
    const text = redact(error instanceof Error ? error.message : String(error))
    throw new Error(text.startsWith('the SMTP server') ? text : `SMTP ${options.host}:${options.port}: ${text}`)
  } finally {
    clearTimeout(timer)
    transport.close()
  }
}

const email = z.email()

/** `a@b.example` or `Backups <a@b.example>`: the address inside, or undefined. */
function mailbox(value: string): string | undefined {
  const named = /^[^<>@]*<([^<>\s]+)>$/.exec(value)
  const address = named ? named[1] : value
  return email.safeParse(address).success ? value : undefined
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

export const emailChannel: Channel<EmailSettings> = {
  inputs: [
    { name: SMTP_URL, required: true, secret: SMTP_URL_SECRETS, check: checkSmtpUrl },
    {
      name: EMAIL_TO,
      required: true,
      check(value) {
        const bad = splitList(value).find((entry) => !mailbox(entry))
        return bad === undefined ? undefined : `must be a list of email addresses, separated by commas or new lines (${JSON.stringify(bad.slice(0, 80))} is not one)`
      }
    },
    {
      name: EMAIL_FROM,
      required: true,
      check: (value) => (mailbox(value) ? undefined : `must be one email address, such as backups@example.com or "Backups <backups@example.com>" (got ${JSON.stringify(value.slice(0, 80))})`)
    }
  ],
  parse: (read) => ({ smtpUrl: read.value(SMTP_URL), to: splitList(read.value(EMAIL_TO)), from: read.value(EMAIL_FROM) }),
  send: (report, settings) => sendEmail(settings, emailContent(report))
}
