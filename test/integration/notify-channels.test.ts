import { jest } from '@jest/globals'
import { createServer, type AddressInfo, type Socket } from 'node:net'
import { rootCertificates, setDefaultCACertificates } from 'node:tls'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Webhook } from 'standardwebhooks'
import { parseNotify } from '../../src/notify/settings.js'
import { pingStart } from '../../src/notify/heartbeat.js'
import { sendThrough, type ChannelName, type NotifyConfig } from '../../src/notify/index.js'
import { runPipeline } from '../../src/actions/backup/pipeline.js'
import { sendNotification } from '../../src/run/send-notification.js'
import { clearSecrets, registerSecret } from '../../src/util/secrets.js'
import { failedReport, rawInputs, successReport } from '../support/fixtures.js'
import { startHttpReceiver, TELEGRAM_OK, type HttpReceiver } from '../support/http-receiver.js'
import { decodeQuotedPrintable, smtpUrl, startSmtpServer, type SmtpServer } from '../support/smtp.js'

const BOT_TOKEN = '123456789:AAH-telegram-token-canary_xyz'
const SLACK_PATH = '/services/T000/B000/slack-canary-token'

let receiver: HttpReceiver
let smtp: SmtpServer

beforeAll(async () => {
  receiver = await startHttpReceiver()
  smtp = await startSmtpServer()
  // The SMTP server's certificate is self-signed: trust it as a runner would trust a real one.
  setDefaultCACertificates([...rootCertificates, smtp.cert])
})

afterAll(async () => {
  await receiver?.close()
  await smtp?.close()
})

beforeEach(() => {
  receiver.requests.length = 0
  receiver.status = 200
  receiver.respond = () => ({ status: receiver.status, body: 'ok' })
  smtp.messages.length = 0
  clearSecrets()
})

/** The config validate-config makes of these inputs; fails the test if any is wrong. */
function configOf(values: Record<string, string>): NotifyConfig {
  const { config, issues } = parseNotify(rawInputs(values), { TELEGRAM_API_URL: receiver.url })
  expect(issues).toEqual([])
  return config
}

const channelInputs = (): Record<Exclude<ChannelName, 'console' | 'file' | 'email'>, Record<string, string>> => ({
  webhook: { notify: 'webhook', 'webhook-url': `${receiver.url}/hooks/generic` },
  slack: { notify: 'slack', 'slack-webhook-url': `${receiver.url}${SLACK_PATH}` },
  discord: { notify: 'discord', 'discord-webhook-url': `${receiver.url}/api/webhooks/1/discord-token` },
  teams: { notify: 'teams', 'teams-webhook-url': `${receiver.url}/workflows/teams-sig` },
  telegram: { notify: 'telegram', 'telegram-bot-token': BOT_TOKEN, 'telegram-chat-id': '-1001234567890' }
})

describe('each channel delivers to its service', () => {
  test('Slack: one JSON POST of the Block Kit message to the webhook URL', async () => {
    const delivered = await sendThrough('slack', failedReport(), configOf(channelInputs().slack))
    expect(delivered).toBe('HTTP 200')
    expect(receiver.requests).toHaveLength(1)
    const [request] = receiver.requests
    expect(request).toMatchObject({ method: 'POST', path: SLACK_PATH })
    expect(request.headers['content-type']).toBe('application/json')
    const body = JSON.parse(request.body)
    expect(body.blocks[0]).toMatchObject({ type: 'header' })
    expect(body.text).toMatch(/FAILED/)
  })

  test('Discord: one embed, and a 204 (Discord\'s usual answer) is a delivery', async () => {
    receiver.status = 204
    await sendThrough('discord', successReport(), configOf(channelInputs().discord))
    expect(receiver.requests).toHaveLength(1)
    expect(JSON.parse(receiver.requests[0].body).embeds[0]).toMatchObject({ title: 'Database backup SUCCESS: shop', color: 0x2ea043 })
  })

  test('Teams: the Adaptive Card, and a 202 (a Workflows webhook\'s answer) is a delivery', async () => {
    receiver.status = 202
    await sendThrough('teams', failedReport(), configOf(channelInputs().teams))
    expect(JSON.parse(receiver.requests[0].body).attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive')
  })

  test('Telegram: sendMessage on the Bot API server named by TELEGRAM_API_URL', async () => {
    receiver.respond = () => TELEGRAM_OK
    const delivered = await sendThrough('telegram', failedReport(), configOf(channelInputs().telegram))
    expect(delivered).toBe('message sent to chat -1001234567890')
    expect(receiver.requests[0]).toMatchObject({ method: 'POST', path: `/bot${BOT_TOKEN}/sendMessage` })
    expect(JSON.parse(receiver.requests[0].body)).toMatchObject({ chat_id: '-1001234567890', text: expect.stringMatching(/^❌ Database backup FAILED: shop/) })
  })

  test('Telegram: a refused message fails with the Bot API\'s reason', async () => {
    receiver.respond = () => ({ status: 400, headers: { 'content-type': 'application/json' }, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' })
    await expect(sendThrough('telegram', failedReport(), configOf(channelInputs().telegram))).rejects.toThrow(/HTTP 400: .*chat not found/)
  })

  test('Telegram: a secret the Bot API repeats across the cut of its reason is removed whole, not left in part', async () => {
    const config = configOf(channelInputs().telegram)
    registerSecret(BOT_TOKEN)
    // The reason is cut at 200 characters; the token starts 10 before the cut.
    const description = `${'x'.repeat(190)}${BOT_TOKEN} is not a bot`
    receiver.respond = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: false, description }) })
    const failed = sendThrough('telegram', failedReport(), config)
    await expect(failed).rejects.toThrow(/did not accept the message: x{190}\*\*\* is no/)
    await expect(failed).rejects.not.toThrow(BOT_TOKEN.slice(0, 8))
  })

  test('the signed webhook verifies with the standardwebhooks package', async () => {
    const secret = `whsec_${Buffer.from('a-signing-key-of-32-bytes-length').toString('base64')}`
    await sendThrough('webhook', successReport(), configOf({ ...channelInputs().webhook, 'webhook-secret': secret }))
    const [request] = receiver.requests
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]))
    expect(new Webhook(secret).verify(request.body, headers)).toMatchObject({ status: 'SUCCESS', backupName: 'shop' })
  })

  test('an unsigned webhook carries no signature headers', async () => {
    await sendThrough('webhook', successReport(), configOf(channelInputs().webhook))
    expect(receiver.requests[0].headers['webhook-signature']).toBeUndefined()
  })
})

describe('a long error reaches each service cut to its documented limits, not refused', () => {
  // The limits as the services document them, written out here apart from the code's own constants.
  const withinLimits: Record<'slack' | 'discord' | 'teams' | 'telegram', (body: string) => string[]> = {
    slack(body) {
      const { text, blocks } = JSON.parse(body) as { text: string; blocks: { type: string; text?: { text: string }; fields?: { text: string }[] }[] }
      const header = blocks.find((block) => block.type === 'header')?.text?.text ?? ''
      return [
        ...(blocks.length > 50 ? ['more than 50 blocks'] : []),
        ...(header.length > 150 ? ['header text over 150'] : []),
        ...blocks.flatMap((block) => (block.type === 'section' && (block.text?.text.length ?? 0) > 3000 ? ['section text over 3,000'] : [])),
        ...blocks.flatMap((block) => ((block.fields ?? []).length > 10 ? ['more than 10 fields'] : [])),
        ...blocks.flatMap((block) => (block.fields ?? []).filter((field) => field.text.length > 2000).map(() => 'field over 2,000')),
        ...(text.length > 40_000 ? ['text over 40,000'] : [])
      ]
    },
    discord(body) {
      const [embed] = (JSON.parse(body) as { embeds: { title: string; description?: string; fields: { name: string; value: string }[] }[] }).embeds
      const total = embed.title.length + (embed.description ?? '').length + embed.fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0)
      return [
        ...(embed.title.length > 256 ? ['title over 256'] : []),
        ...((embed.description ?? '').length > 4096 ? ['description over 4,096'] : []),
        ...(embed.fields.length > 25 ? ['more than 25 fields'] : []),
        ...embed.fields.flatMap((field) => (field.name.length > 256 || field.value.length > 1024 || field.value.length === 0 ? [`field ${field.name} out of bounds`] : [])),
        ...(total > 6000 ? ['over 6,000 characters in all'] : [])
      ]
    },
    teams: (body) => (Buffer.byteLength(body) > 28_000 ? ['message over 28 KB'] : []),
    telegram(body) {
      const { text } = JSON.parse(body) as { text: string }
      return text.length < 1 || text.length > 4096 ? ['text not 1-4,096 characters'] : []
    }
  }

  test.each(Object.keys(withinLimits) as (keyof typeof withinLimits)[])('%s', async (channel) => {
    // The receiver refuses what breaks a limit, as the service would (Slack: invalid_blocks, Discord: 400).
    receiver.respond = (request) => {
      const broken = withinLimits[channel](request.body)
      if (broken.length > 0) return { status: 400, body: broken.join(', ') }
      return channel === 'telegram' ? TELEGRAM_OK : { status: 200, body: 'ok' }
    }
    const report = failedReport()
    const error = `pg_dump: error: <server> & "client" disagree \u0001 漢 ${'x'.repeat(60_000)} END-OF-ERROR`
    const long = { ...report, error, steps: report.steps.map((step) => (step.error ? { ...step, error } : step)) }
    await sendThrough(channel, long, configOf(channelInputs()[channel]))
    expect(receiver.requests).toHaveLength(1)
    const body = receiver.requests[0].body
    expect(body).toContain('pg_dump: error:')
    expect(body).toContain('…')
    expect(body).not.toContain('END-OF-ERROR')
  })
})

describe('a service that does not take the message fails send-notification', () => {
  const http = ['slack', 'discord', 'teams', 'telegram'] as const

  test.each(http)('%s: a non-2xx answer fails, naming the status', async (channel) => {
    receiver.status = 500
    await expect(sendThrough(channel, failedReport(), configOf(channelInputs()[channel]))).rejects.toThrow(/answered HTTP 500/)
  })

  test.each(http)('%s: a redirect is not followed, and fails naming where it pointed, secrets redacted', async (channel) => {
    const moved = `${receiver.url}/moved/redirect-canary-secret`
    registerSecret('redirect-canary-secret')
    receiver.respond = (request) => (request.path.startsWith('/moved') ? { status: 200, body: 'followed' } : { status: 302, headers: { location: moved } })
    const failure = sendThrough(channel, failedReport(), configOf(channelInputs()[channel]))
    await expect(failure).rejects.toThrow(`answered HTTP 302 redirecting to ${receiver.url}/…`)
    await expect(failure).rejects.not.toThrow(/redirect-canary-secret/)
    expect(receiver.requests).toHaveLength(1)
  })

  test('a service that does not answer within 5 s fails', async () => {
    receiver.respond = () => ({ status: 200, delayMs: 7000 })
    const started = performance.now()
    await expect(sendThrough('discord', failedReport(), configOf(channelInputs().discord))).rejects.toThrow(/did not answer within 5 s/)
    const took = performance.now() - started
    expect(took).toBeGreaterThanOrEqual(4900)
    expect(took).toBeLessThan(6900)
  })

  test('a service that cannot be reached fails', async () => {
    const config = configOf({ notify: 'slack', 'slack-webhook-url': 'http://127.0.0.1:9/hook' })
    await expect(sendThrough('slack', failedReport(), config)).rejects.toThrow(/Slack could not be reached/)
  })
})

describe('email over SMTP', () => {
  const emailInputs = (overrides: Record<string, string> = {}): Record<string, string> => ({
    notify: 'email',
    'smtp-url': smtpUrl(smtp),
    'email-to': 'ops@example.com, dba@example.com',
    'email-from': 'Backups <backups@example.com>',
    ...overrides
  })

  test('is sent after STARTTLS, authenticated, with a plain-text and an HTML body', async () => {
    const delivered = await sendThrough('email', failedReport(), configOf(emailInputs()))
    expect(delivered).toBe(`accepted by 127.0.0.1:${smtp.port} for 2 recipient(s)`)
    expect(smtp.messages).toHaveLength(1)
    const [mail] = smtp.messages
    expect(mail.secure).toBe(true)
    expect(mail.user).toBe(smtp.user)
    expect(mail.from).toBe('backups@example.com')
    expect(mail.to).toEqual(['ops@example.com', 'dba@example.com'])
    expect(mail.raw).toMatch(/^Subject: Database backup FAILED: shop \(failed in take-snapshot\)\r?$/m)
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/)
    const parts = mail.raw.split(/\r?\n--[^\r\n]+/)
    const text = decodeQuotedPrintable(parts.find((part) => /Content-Type: text\/plain/.test(part)) ?? '')
    const html = decodeQuotedPrintable(parts.find((part) => /Content-Type: text\/html/.test(part)) ?? '')
    expect(text).toContain('Failed step: take-snapshot')
    expect(text).toContain('pg_dump exited with code 1: <password authentication failed>')
    expect(html).toContain('&lt;password authentication failed&gt;')
  })

  test('a recipient the server rejects fails the channel', async () => {
    const config = configOf(emailInputs({ 'email-to': 'nobody@reject.example' }))
    await expect(sendThrough('email', failedReport(), config)).rejects.toThrow(/no such mailbox here/)
    expect(smtp.messages).toHaveLength(0)
  })

  test('a wrong password fails the channel and is not in the message', async () => {
    const url = smtpUrl({ ...smtp, password: 'wrong-smtp-password-canary' })
    registerSecret('wrong-smtp-password-canary')
    const failure = sendThrough('email', failedReport(), configOf(emailInputs({ 'smtp-url': url })))
    await expect(failure).rejects.toThrow(/535|auth/i)
    await expect(failure).rejects.not.toThrow(/wrong-smtp-password-canary/)
  })

  test('smtps:// speaks TLS from the first byte, authenticated', async () => {
    const implicit = await startSmtpServer({ implicitTls: true })
    setDefaultCACertificates([...rootCertificates, smtp.cert, implicit.cert])
    try {
      const delivered = await sendThrough('email', successReport(), configOf(emailInputs({ 'smtp-url': smtpUrl(implicit, 'smtps') })))
      expect(delivered).toBe(`accepted by 127.0.0.1:${implicit.port} for 2 recipient(s)`)
      expect(implicit.messages).toHaveLength(1)
      expect(implicit.messages[0]).toMatchObject({ secure: true, user: implicit.user })
    } finally {
      await implicit.close()
    }
  })

  test('without credentials, smtp:// upgrades with STARTTLS where the server offers it, and sends in clear where it does not', async () => {
    const offering = await startSmtpServer({ authOptional: true })
    const plain = await startSmtpServer({ authOptional: true, noStartTls: true })
    setDefaultCACertificates([...rootCertificates, smtp.cert, offering.cert])
    try {
      for (const server of [offering, plain]) {
        await sendThrough('email', successReport(), configOf(emailInputs({ 'smtp-url': `smtp://${server.host}:${server.port}` })))
      }
      expect(offering.messages.map((mail) => mail.secure)).toEqual([true])
      expect(plain.messages.map((mail) => mail.secure)).toEqual([false])
    } finally {
      await offering.close()
      await plain.close()
    }
  })

  test('an SMTP server that takes the connection and never answers fails the channel at the 5 s limit', async () => {
    const sockets: Socket[] = []
    const silent = createServer((socket) => void sockets.push(socket))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const config = configOf(emailInputs({ 'smtp-url': `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}` }))
      const started = performance.now()
      await expect(sendThrough('email', failedReport(), config)).rejects.toThrow(/Greeting never received|within 5 s/)
      // nodemailer alone would wait 30 s for the greeting; well under that is the 5 s limit.
      expect(performance.now() - started).toBeLessThan(15_000)
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  test('a password is never sent to a server that offers no STARTTLS', async () => {
    const plain = await startSmtpServer({ noStartTls: true })
    try {
      const config = configOf(emailInputs({ 'smtp-url': smtpUrl(plain) }))
      await expect(sendThrough('email', failedReport(), config)).rejects.toThrow(/STARTTLS/)
      expect(plain.messages).toHaveLength(0)
    } finally {
      await plain.close()
    }
  })
})

describe('notify-on and the heartbeat', () => {
  const slackAndHeartbeat = (notifyOn: string): NotifyConfig =>
    configOf({ ...channelInputs().slack, 'notify-on': notifyOn, 'heartbeat-url': `${receiver.url}/ping/hc-uuid` })

  test.each([
    ['failure', 'SUCCESS', []],
    ['success', 'FAILED', []],
    ['failure', 'FAILED', [SLACK_PATH]],
    ['success', 'SUCCESS', [SLACK_PATH]],
    ['always', 'SUCCESS', [SLACK_PATH]],
    ['always', 'FAILED', [SLACK_PATH]]
  ])('notify-on %s, a %s run: channels told %j; the heartbeat hears of it anyway', async (notifyOn, status, told) => {
    const report = status === 'SUCCESS' ? successReport() : failedReport()
    const failures = await sendNotification(report, slackAndHeartbeat(notifyOn))
    expect(failures).toEqual([])
    const heartbeat = status === 'SUCCESS' ? '/ping/hc-uuid' : '/ping/hc-uuid/fail'
    // A failed run's heartbeat goes at once with the channels; a successful run's waits for them.
    const paths = receiver.requests.map((request) => request.path)
    expect(report.status === 'SUCCESS' ? paths : paths.sort()).toEqual(report.status === 'SUCCESS' ? [...told, heartbeat] : [...told, heartbeat].sort())
  })

  test('every channel, and a failed run\'s heartbeat, is sent at once: all are in flight before any is answered', async () => {
    const inputs = Object.values(channelInputs())
    const config = configOf({
      ...Object.assign({}, ...inputs),
      notify: inputs.map((values) => values.notify).join(','),
      'heartbeat-url': `${receiver.url}/ping/hc-uuid`
    })
    // Each request is answered only once every one has arrived: one after another, the first
    // would wait past its time limit, and so would each after it.
    const expected = inputs.length + 1
    let allArrived: () => void = () => undefined
    const arrived = new Promise<void>((resolve) => (allArrived = resolve))
    receiver.respond = (request) => {
      if (receiver.requests.length === expected) allArrived()
      return { ...(request.path.includes('/sendMessage') ? TELEGRAM_OK : { status: 200, body: 'ok' }), after: arrived }
    }
    expect(await sendNotification(failedReport(), config)).toEqual([])
    expect(receiver.requests.map((request) => request.path).sort()).toEqual(
      [SLACK_PATH, '/api/webhooks/1/discord-token', '/hooks/generic', '/ping/hc-uuid/fail', `/bot${BOT_TOKEN}/sendMessage`, '/workflows/teams-sig'].sort()
    )
  })

  test('a channel that failed turns the heartbeat to fail, with the reason in its log', async () => {
    receiver.respond = (request) => ({ status: request.path === SLACK_PATH ? 500 : 200 })
    const failures = await sendNotification(successReport(), slackAndHeartbeat('always'))
    expect(failures).toEqual([expect.stringMatching(/^slack: Slack answered HTTP 500/)])
    const ping = receiver.requests[1]
    expect(ping).toMatchObject({ method: 'POST', path: '/ping/hc-uuid/fail' })
    expect(ping.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(ping.body).toMatch(/^Database backup SUCCESS: shop[\s\S]*Notification failed: slack: Slack answered HTTP 500/)
  })

  test('a heartbeat that fails to take the end ping fails send-notification', async () => {
    receiver.respond = (request) => ({ status: request.path.startsWith('/ping') ? 503 : 200 })
    const failures = await sendNotification(successReport(), slackAndHeartbeat('always'))
    expect(failures).toEqual([expect.stringMatching(/^heartbeat: the heartbeat answered HTTP 503/)])
  })

  test('a ping URL with a query (healthchecks.io slug URLs take ?create=1): /start and /fail go on its path', async () => {
    const config = configOf({ notify: 'console', 'heartbeat-url': `${receiver.url}/ping/key/nightly-db?create=1` })
    await pingStart(config)
    await sendNotification(failedReport(), config)
    await sendNotification(successReport(), config)
    expect(receiver.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /ping/key/nightly-db/start?create=1',
      'POST /ping/key/nightly-db/fail?create=1',
      'POST /ping/key/nightly-db?create=1'
    ])
  })

  test('a run that fails in validate-config: start, then fail with the reason, in that order', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'audit-'))
    const report = await runPipeline(
      rawInputs({ 'db-type': 'postgresql', 'db-port': 'nonsense', 'storage-type': 'local', path: '/tmp/x', notify: 'file', 'audit-dir': auditDir, 'heartbeat-url': `${receiver.url}/ping/hc-uuid/` }),
      new AbortController().signal
    )
    expect(report.failedStep).toBe('validate-config')
    expect(receiver.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /ping/hc-uuid/start', 'POST /ping/hc-uuid/fail'])
    expect(receiver.requests[1].body).toMatch(/Failed step: validate-config[\s\S]*db-port/)
  })

  test('a monitor that is down at the start is a warning: the run goes on and reports at the end', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'audit-'))
    receiver.respond = (request) => ({ status: request.path.endsWith('/start') ? 500 : 200 })
    const written: string[] = []
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => written.push(String(chunk)) > 0)
    let report
    try {
      report = await runPipeline(
        rawInputs({ 'db-type': 'postgresql', 'db-port': 'nonsense', 'storage-type': 'local', path: '/tmp/x', notify: 'file', 'audit-dir': auditDir, 'heartbeat-url': `${receiver.url}/ping/hc-uuid` }),
        new AbortController().signal
      )
    } finally {
      stdout.mockRestore()
    }
    const lines = written.join('').split('\n')
    expect(lines.filter((line) => line.startsWith('::warning'))).toEqual([
      '::warning title=Heartbeat start ping failed::heartbeat start: the heartbeat answered HTTP 500; the backup goes on'
    ])
    expect(lines.filter((line) => line.startsWith('::error'))).toEqual([])
    expect(report.steps.find((step) => step.name === 'send-notification')?.status).toBe('success')
    expect(receiver.requests.map((request) => request.path)).toEqual(['/ping/hc-uuid/start', '/ping/hc-uuid/fail'])
  })
})
