import { jest } from '@jest/globals'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rootCertificates, setDefaultCACertificates } from 'node:tls'
import { NOTIFICATIONS_FILE } from '../../src/notify/file.js'
import { channelNames, sendThrough, type ChannelName, type NotifyConfig } from '../../src/notify/index.js'
import { notifySecrets, parseNotify } from '../../src/notify/settings.js'
import type { RunReport } from '../../src/report/types.js'
import { sendNotification } from '../../src/run/send-notification.js'
import { clearSecrets, registerSecret } from '../../src/util/secrets.js'
import { failedReport, rawInputs, successReport } from '../support/fixtures.js'
import { startHttpReceiver, TELEGRAM_OK, type HttpReceiver } from '../support/http-receiver.js'
import { decodeQuotedPrintable, smtpUrl, startSmtpServer, type SmtpServer } from '../support/smtp.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'

/**
 * What every channel of the registry promises, whatever it talks to: a success and a failure are
 * told as such, a long error fits the service's limits, and no secret of its inputs shows in what
 * it sends or in the error of a refused send. A channel added to the registry without a harness
 * here fails the typecheck.
 */

const BOT_TOKEN = '123456789:AAH-telegram-contract-canary_xyz'

let receiver: HttpReceiver
let webhook: WebhookReceiver
let smtp: SmtpServer
let auditDir: string
let stdout: string[] = []

/** How the contract reaches one channel: its inputs, pointing at the local stand-ins, and what it delivered. */
interface Harness {
  inputs(): Record<string, string>
  /** Each message the channel delivered since the test began, as text. */
  delivered(): Promise<string[]>
  /** Makes the stand-in refuse the next message, quoting back what it can of the request; absent where nothing can refuse. */
  refuse?(): void
  /** What in one delivered message breaks the service's size limits. */
  limits?(message: string): string[]
}

/** The message of an HTTP channel: its request body (the URL may carry the token: that is the service's own credential). */
const bodies = async (): Promise<string[]> => receiver.requests.map((request) => request.body)

/** A service that answers 404 quoting the request's path and body, as some do (`Cannot POST /hooks/<token>`). */
const quoteBack = (): void => {
  receiver.respond = (request) => ({ status: 404, body: `Cannot ${request.method} ${request.path}: ${request.body.slice(0, 300)}` })
}

const harnesses: Record<ChannelName, Harness> = {
  console: {
    inputs: () => ({ notify: 'console' }),
    delivered: async () => [stdout.join('')]
  },
  file: {
    inputs: () => ({ notify: 'file', 'audit-dir': auditDir }),
    delivered: async () => (await readFile(join(auditDir, NOTIFICATIONS_FILE), 'utf8').catch(() => '')).split('\n').filter(Boolean)
  },
  webhook: {
    inputs: () => ({ notify: 'webhook', 'webhook-url': webhook.url, 'webhook-secret': 'whsec_Y29udHJhY3Qtc2lnbmluZy1rZXk=' }),
    delivered: async () => webhook.bodies,
    refuse: () => (webhook.status = 500)
  },
  slack: {
    inputs: () => ({ notify: 'slack', 'slack-webhook-url': `${receiver.url}/services/T000/B000/slack-contract-canary` }),
    delivered: bodies,
    refuse: quoteBack,
    limits(body) {
      const { text, blocks } = JSON.parse(body) as { text: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[] }[] }
      const broken = text.length > 3000 ? ['fallback text over 3,000'] : []
      for (const block of blocks) {
        if (block.type === 'header' && (block.text?.text.length ?? 0) > 150) broken.push('header over 150')
        if (block.type === 'section' && (block.text?.text.length ?? 0) > 3000) broken.push('section over 3,000')
        if ((block.fields?.length ?? 0) > 10 || block.fields?.some((field) => field.text.length > 2000)) broken.push('fields over 10 or 2,000')
      }
      return broken
    }
  },
  discord: {
    inputs: () => ({ notify: 'discord', 'discord-webhook-url': `${receiver.url}/api/webhooks/1/discord-contract-canary` }),
    delivered: bodies,
    refuse: quoteBack,
    limits(body) {
      const [embed] = (JSON.parse(body) as { embeds: { title: string; description?: string; fields: { name: string; value: string }[] }[] }).embeds
      const total = embed.title.length + (embed.description?.length ?? 0) + embed.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0)
      return [
        ...(embed.title.length > 256 ? ['title over 256'] : []),
        ...((embed.description?.length ?? 0) > 4096 ? ['description over 4,096'] : []),
        ...(embed.fields.length > 25 || embed.fields.some((field) => field.value.length > 1024) ? ['fields over 25 or 1,024'] : []),
        ...(total > 6000 ? ['embed over 6,000 in all'] : [])
      ]
    }
  },
  teams: {
    inputs: () => ({ notify: 'teams', 'teams-webhook-url': `${receiver.url}/workflows/teams-contract-canary` }),
    delivered: bodies,
    refuse: quoteBack,
    limits: (body) => (Buffer.byteLength(body) > 28_000 ? ['message over 28 KB'] : [])
  },
  email: {
    inputs: () => ({ notify: 'email', 'smtp-url': smtpUrl(smtp), 'email-to': 'ops@example.com', 'email-from': 'Backups <backups@example.com>' }),
    delivered: async () => smtp.messages.map((message) => decodeQuotedPrintable(message.raw)),
    // The test server refuses any address at reject.example, naming it.
    refuse: () => undefined,
    limits(message) {
      const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(message)?.[1].replace(/\r?\n[ \t]/g, ' ') ?? ''
      return subject.length > 998 ? ['subject over 998'] : []
    }
  },
  telegram: {
    inputs: () => ({ notify: 'telegram', 'telegram-bot-token': BOT_TOKEN, 'telegram-chat-id': '-1001234567890' }),
    delivered: bodies,
    refuse() {
      receiver.respond = (request) => ({
        status: 401,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ok: false, description: `Unauthorized: ${request.path}` })
      })
    },
    limits(body) {
      const { text } = JSON.parse(body) as { text: string }
      return text.length < 1 || text.length > 4096 ? ['text not 1-4,096 characters'] : []
    }
  }
}

beforeAll(async () => {
  receiver = await startHttpReceiver()
  webhook = await startWebhookReceiver('/hooks/webhook-contract-canary')
  smtp = await startSmtpServer()
  // The SMTP server's certificate is self-signed: trust it as a runner would trust a real one.
  setDefaultCACertificates([...rootCertificates, smtp.cert])
})

afterAll(async () => {
  await receiver?.close()
  await webhook?.close()
  await smtp?.close()
})

let restoreStdout: () => void = () => undefined

beforeEach(async () => {
  receiver.requests.length = 0
  receiver.respond = (request) => (request.path.includes('/sendMessage') ? TELEGRAM_OK : { status: 200, body: 'ok' })
  webhook.bodies.length = 0
  webhook.status = 200
  smtp.messages.length = 0
  auditDir = await mkdtemp(join(tmpdir(), 'contract-'))
  clearSecrets()
  stdout = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    stdout.push(String(chunk))
    return true
  })
  restoreStdout = () => spy.mockRestore()
})

afterEach(() => restoreStdout())

describe.each(channelNames)('channel %s', (name) => {
  const harness = harnesses[name]

  /** The inputs as validate-config reads them, their secrets masked as the run masks them. */
  function configure(overrides: Record<string, string> = {}): { config: NotifyConfig; secrets: string[] } {
    const raw = rawInputs({ ...harness.inputs(), ...overrides })
    const { config, issues } = parseNotify(raw, { TELEGRAM_API_URL: receiver.url })
    expect(issues).toEqual([])
    expect(Object.keys(config.channels)).toEqual([name])
    const secrets = notifySecrets(raw)
    for (const secret of secrets) registerSecret(secret)
    return { config, secrets }
  }

  async function deliveredOne(): Promise<string> {
    const messages = await harness.delivered()
    expect(messages).toHaveLength(1)
    return messages[0]
  }

  test('a success is told as one, naming the backup', async () => {
    const { config } = configure()
    await expect(sendThrough(name, successReport(), config)).resolves.toEqual(expect.any(String))
    const message = await deliveredOne()
    expect(message).toContain('SUCCESS')
    expect(message).toContain('shop')
    expect(message).not.toContain('FAILED')
  })

  test('a failure is told as one, with the failed step and the error', async () => {
    const { config } = configure()
    await sendThrough(name, failedReport(), config)
    const message = await deliveredOne()
    expect(message).toContain('FAILED')
    expect(message).toContain('take-snapshot')
    expect(message).toContain('password authentication failed')
  })

  test('a very long error still makes one message, within the service\'s limits, its start kept', async () => {
    const { config } = configure()
    const report = failedReport()
    const error = `pg_dump: error: <server> & "client" disagree \u0001 漢 ${'x'.repeat(60_000)} END-OF-ERROR`
    const long: RunReport = { ...report, error, steps: report.steps.map((step) => (step.error ? { ...step, error } : step)) }
    await sendThrough(name, long, config)
    const message = await deliveredOne()
    expect(message).toContain('pg_dump: error:')
    expect(harness.limits?.(message) ?? []).toEqual([])
  })

  test('no secret of its inputs shows in what it sends, even when the report quotes one', async () => {
    const { config, secrets } = configure()
    const report = failedReport()
    const leaky: RunReport = { ...report, error: `${report.error}; the server said: ${secrets.join(' | ')}` }
    // As the run sends it: every channel gets the report with every known secret scrubbed.
    expect(await sendNotification(leaky, config)).toEqual([])
    const message = await deliveredOne()
    for (const secret of secrets) expect(message).not.toContain(secret)
  })

  const refusing = harness.refuse ? test : test.skip
  refusing('a refused message fails the send, and its error names no secret', async () => {
    harness.refuse?.()
    const { config, secrets } = configure(name === 'email' ? { 'email-to': 'nobody@reject.example' } : {})
    const failure = await sendThrough(name, failedReport(), config).then(
      () => 'delivered',
      (error: unknown) => String(error)
    )
    expect(failure).not.toBe('delivered')
    for (const secret of secrets) expect(failure).not.toContain(secret)
  })
})
