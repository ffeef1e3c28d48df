import type { EmailSettings } from '../config/types.js'
import type { RunReport } from '../report/types.js'
import { messageOf, textReport, truncate } from '../report/format.js'
import { NOTIFY_TIMEOUT_MS } from './http.js'
import type { Notifier } from './types.js'
import { redact } from '../util/secrets.js'

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

export const emailNotifier: Notifier = {
  async send(report, config) {
    if (!config.email) throw new Error('email is not configured')
    return sendEmail(config.email, emailContent(report))
  }
}
