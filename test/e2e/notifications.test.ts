import { readdir, readFile } from 'node:fs/promises'
import { Webhook } from 'standardwebhooks'
import { readJson, runAction, type ActionRun } from '../support/action.js'
import { clientPath, everythingVisible, postgresInputs, scratch, STEP_NAMES, backupFiles } from '../support/e2e.js'
import { startHttpReceiver, TELEGRAM_OK, type HttpReceiver, type ReceivedRequest } from '../support/http-receiver.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { decodeQuotedPrintable, smtpUrl, startSmtpServer, type SmtpServer } from '../support/smtp.js'

/** Each channel's secret holds a canary that must appear nowhere a person or a log could see it. */
const CANARY = {
  webhook: 'hook-canary-31a7',
  slack: 'slack-canary-9c2e',
  discord: 'discord-canary-5b8d',
  teams: 'teams-canary-0f4a',
  teamsWorkflow: '4f0e8c2a9b7d41c6a1e3d5f7b9c2e4a6',
  telegram: '987654321:AAF-telegram-canary-token_77',
  webhookSecret: 'whsec_' + Buffer.from('signing-canary-key-0123456789ab').toString('base64'),
  heartbeat: 'hb-canary-6e1f'
}

const PATHS = {
  webhook: `/generic/${CANARY.webhook}`,
  slack: `/services/T0/B0/${CANARY.slack}`,
  discord: `/api/webhooks/42/${CANARY.discord}`,
  // A Teams Workflows URL as Teams gives it: the workflow id in the path, the signature in the query.
  teams: `/workflows/${CANARY.teamsWorkflow}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${CANARY.teams}`,
  telegram: `/bot${CANARY.telegram}/sendMessage`,
  heartbeat: `/ping/${CANARY.heartbeat}`
}

let server: PostgresServer
let receiver: HttpReceiver
let smtp: SmtpServer

beforeAll(async () => {
  server = await startPostgres()
  await seedShop(server, 'shop')
  receiver = await startHttpReceiver()
  smtp = await startSmtpServer()
})

afterAll(async () => {
  await receiver?.close()
  await smtp?.close()
  await server?.stop()
})

beforeEach(() => {
  receiver.requests.length = 0
  receiver.respond = (request) => (request.path === PATHS.telegram ? TELEGRAM_OK : { status: request.path === PATHS.discord ? 204 : 200 })
  smtp.messages.length = 0
})

/** A PostgreSQL backup to a local directory, told to every channel at once and to the heartbeat. */
function everyChannel(store: string, audit: string, extra: Record<string, string> = {}): Record<string, string> {
  return postgresInputs(server, { ...receiver, url: `${receiver.url}${PATHS.webhook}` }, audit, {
    'storage-type': 'local',
    path: store,
    notify: 'console,file,webhook,slack,discord,teams,email,telegram',
    'webhook-secret': CANARY.webhookSecret,
    'slack-webhook-url': `${receiver.url}${PATHS.slack}`,
    'discord-webhook-url': `${receiver.url}${PATHS.discord}`,
    'teams-webhook-url': `${receiver.url}${PATHS.teams}`,
    'smtp-url': smtpUrl(smtp),
    'email-to': 'ops@example.com',
    'email-from': 'Backups <backups@example.com>',
    'telegram-bot-token': CANARY.telegram,
    'telegram-chat-id': '-1001234567890',
    'heartbeat-url': `${receiver.url}${PATHS.heartbeat}`,
    ...extra
  })
}

async function runWithChannels(inputs: Record<string, string>): Promise<ActionRun> {
  // The runner trusts the SMTP server's certificate as it would a real one's; the Bot API is local.
  return runAction(inputs, { ...clientPath(server), NODE_EXTRA_CA_CERTS: smtp.certFile, TELEGRAM_API_URL: receiver.url })
}

function requestTo(path: string): ReceivedRequest {
  const found = receiver.requests.filter((request) => request.path === path)
  expect(found).toHaveLength(1)
  return found[0]
}

/** The status and failed step each service was told. */
function told(): Record<string, string> {
  const json = (path: string): Record<string, unknown> => JSON.parse(requestTo(path).body)
  const slack = json(PATHS.slack) as { blocks: { text: { text: string } }[] }
  const discord = json(PATHS.discord) as { embeds: { title: string }[] }
  const teams = json(PATHS.teams) as { attachments: { content: { body: { text: string }[] } }[] }
  const telegram = json(PATHS.telegram) as { text: string }
  const webhook = json(PATHS.webhook) as { status: string }
  const mail = smtp.messages.map((message) => /^Subject: (.*)$/m.exec(message.raw)?.[1]?.trim() ?? '')
  return {
    webhook: webhook.status,
    slack: slack.blocks[0].text.text,
    discord: discord.embeds[0].title,
    teams: teams.attachments[0].content.body[0].text,
    telegram: telegram.text.split('\n')[0],
    email: mail.join(' | ')
  }
}

/**
 * Every channel's secret, and the SMTP password alone, registered with the runner's log masking
 * on its own: the runner masks a registered value only where it appears whole, so a token inside
 * a registered URL is not masked where it shows without the rest of the URL.
 */
function expectMasked(run: ActionRun): void {
  const masks = run.stdout.split('\n').filter((line) => line.startsWith('::add-mask::')).map((line) => line.slice('::add-mask::'.length))
  for (const secret of [...Object.values(CANARY), smtp.password]) {
    expect({ secret, masked: masks.includes(secret) }).toEqual({ secret, masked: true })
  }
}

/** Everything visible, and what the services received, holds no secret of any channel. */
async function expectNoSecret(run: ActionRun, audit: string): Promise<void> {
  const mails = smtp.messages.flatMap((message) => [message.raw, decodeQuotedPrintable(message.raw)])
  const sink = { url: '', status: 200, close: async () => undefined, bodies: [...receiver.bodies, ...mails] }
  const visible = await everythingVisible(run, audit, sink)
  expect(visible.length).toBeGreaterThan(1000)
  for (const secret of [...Object.values(CANARY), server.password, smtp.password, encodeURIComponent(smtp.password)]) {
    expect(visible).not.toContain(secret)
  }
}

describe('every notification channel at once, as the runner runs the bundle', () => {
  test('a successful backup is told to every channel, signed, the heartbeat pinged at start and end', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runWithChannels(everyChannel(store, audit))
    if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
    expect(run.outputs.status).toBe('SUCCESS')
    expect(await backupFiles(store)).toHaveLength(1)

    expect(told()).toEqual({
      webhook: 'SUCCESS',
      slack: '✅ Database backup SUCCESS: shop',
      discord: 'Database backup SUCCESS: shop',
      teams: 'Database backup SUCCESS: shop',
      telegram: '✅ Database backup SUCCESS: shop',
      email: 'Database backup SUCCESS: shop'
    })
    expect(smtp.messages[0].secure).toBe(true)

    const hook = requestTo(PATHS.webhook)
    const headers = Object.fromEntries(Object.entries(hook.headers).map(([name, value]) => [name, String(value)]))
    expect(new Webhook(CANARY.webhookSecret).verify(hook.body, headers)).toMatchObject({ status: 'SUCCESS', backup: { sha256: run.outputs.sha256 } })

    const paths = receiver.requests.map((request) => `${request.method} ${request.path}`)
    expect(paths[0]).toBe(`GET ${PATHS.heartbeat}/start`)
    expect(paths.at(-1)).toBe(`POST ${PATHS.heartbeat}`)
    expect(paths.filter((path) => path.includes(PATHS.heartbeat))).toHaveLength(2)
    expect(receiver.requests.at(-1)?.body).toMatch(/^Database backup SUCCESS: shop\n[\s\S]*Size: [\d.]+ kB \(\d+ bytes\)/)

    const record = await readJson<{ steps: { name: string; status: string }[] }>(run.outputs['audit-file'])
    expect(record.steps.map((step) => [step.name, step.status])).toEqual(STEP_NAMES.map((name) => [name, 'success']))
    expect(run.summary).toMatch(/size bytes: \d+ \([\d.]+ kB\)/)
    expect(run.summary).toMatch(/bytes per second: \d+ \([\d.]+ [kMG]?B\/s\)/)
    expectMasked(run)
    await expectNoSecret(run, audit)
  })

  test('a backup that fails in take-snapshot is told FAILED everywhere, and the heartbeat gets start then fail', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runWithChannels(everyChannel(store, audit, { 'db-password': 'rotated-password-canary' }))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('take-snapshot')
    expect(await readdir(store)).toEqual([])
    expect(told()).toEqual({
      webhook: 'FAILED',
      slack: '❌ Database backup FAILED: shop',
      discord: 'Database backup FAILED: shop',
      teams: 'Database backup FAILED: shop',
      telegram: '❌ Database backup FAILED: shop',
      email: 'Database backup FAILED: shop (failed in take-snapshot)'
    })
    const heartbeat = receiver.requests.filter((request) => request.path.startsWith(PATHS.heartbeat))
    expect(heartbeat.map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${PATHS.heartbeat}/start`, `POST ${PATHS.heartbeat}/fail`])
    expect(heartbeat[1].body).toMatch(/Failed step: take-snapshot[\s\S]*password authentication failed/)
    await expectNoSecret(run, audit)
    expect(await everythingVisible(run, audit, { url: '', status: 200, close: async () => undefined, bodies: receiver.bodies })).not.toContain('rotated-password-canary')
  })

  test('a run that fails in validate-config still tells every channel, and the heartbeat gets start then fail', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runWithChannels(everyChannel(store, audit, { 'db-port': 'not-a-port' }))
    expect(run.outputs['failed-step']).toBe('validate-config')
    expect(told().slack).toBe('❌ Database backup FAILED: shop')
    const heartbeat = receiver.requests.filter((request) => request.path.startsWith(PATHS.heartbeat))
    expect(heartbeat.map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${PATHS.heartbeat}/start`, `POST ${PATHS.heartbeat}/fail`])
    expect(heartbeat[1].body).toMatch(/Failed step: validate-config/)
    await expectNoSecret(run, audit)
  })

  test('a channel named without its settings fails validate-config naming the input, and nothing is dumped', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runWithChannels(everyChannel(store, audit, { 'teams-webhook-url': '', 'email-to': 'ops@example.com, nobody' }))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('validate-config')
    expect(run.stdout).toMatch(/input "teams-webhook-url": is required when notify includes teams/)
    expect(run.stdout).toMatch(/input "email-to": must be a list of email addresses, separated by commas or new lines \("nobody" is not one\)/)
    expect(await readdir(store)).toEqual([])
    // The channels that can be sent still hear of it; the two that cannot are left out.
    expect(receiver.requests.some((request) => request.path === PATHS.teams)).toBe(false)
    expect(smtp.messages).toHaveLength(0)
    expect(JSON.parse(requestTo(PATHS.slack).body).text).toMatch(/validate-config|teams-webhook-url/)
    await expectNoSecret(run, audit)
  })

  test('an unknown channel in notify is one error line naming it; nothing is dumped and the other channels are told', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runWithChannels(everyChannel(store, audit, { notify: 'console,file,webhook,slack,discord,teams,email,telegram,pager' }))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('validate-config')
    const cause = '"pager" is not a channel'
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'))
    expect(errors).toEqual([expect.stringContaining(`input "notify": ${cause}`)])
    expect(errors[0].split(cause)).toHaveLength(2)
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::warning'))).toEqual([])
    expect(await readdir(store)).toEqual([])
    expect(told()).toEqual({
      webhook: 'FAILED',
      slack: '❌ Database backup FAILED: shop',
      discord: 'Database backup FAILED: shop',
      teams: 'Database backup FAILED: shop',
      telegram: '❌ Database backup FAILED: shop',
      email: 'Database backup FAILED: shop (failed in validate-config)'
    })
    await expectNoSecret(run, audit)
  })

  test('services that answer 404 quoting the path back (`Cannot POST /hooks/<token>`) fail the run, and no token shows anywhere', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    // Express's answer to a route it does not know, from every service and the heartbeat; the Bot API's own refusal.
    receiver.respond = (request) =>
      request.path === PATHS.telegram
        ? { status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: false, description: `Not Found: ${request.path}` }) }
        : { status: 404, headers: { 'content-type': 'text/html' }, body: `<pre>Cannot ${request.method} ${request.path}</pre>` }
    const run = await runWithChannels(everyChannel(store, audit))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs).toMatchObject({ status: 'FAILED', 'failed-step': 'send-notification' })
    // The backup was made; every HTTP channel failed, each saying what its service answered.
    expect(await backupFiles(store)).toHaveLength(1)
    for (const channel of ['webhook', 'slack', 'discord', 'teams', 'heartbeat']) {
      expect(run.stdout).toMatch(new RegExp(`notification channel ${channel}: .* answered HTTP 404: <pre>Cannot (POST|GET) /`))
    }
    expect(run.stdout).toMatch(/heartbeat start: the heartbeat answered HTTP 404: <pre>Cannot GET \/ping\/\*\*\*\/start<\/pre>/)
    const record = await readJson<{ error: string }>(run.outputs['audit-file'])
    expect(record.error).toMatch(/slack: Slack answered HTTP 404: <pre>Cannot POST \/services\/T0\/B0\/\*\*\*<\/pre>/)
    expectMasked(run)
    await expectNoSecret(run, audit)
  })

  test('notify-on failure: a successful run tells no channel, yet writes the audit record and pings the heartbeat', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runWithChannels(everyChannel(store, audit, { 'notify-on': 'failure' }))
    expect(run.exitCode).toBe(0)
    expect(receiver.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${PATHS.heartbeat}/start`, `POST ${PATHS.heartbeat}`])
    expect(smtp.messages).toHaveLength(0)
    expect(await readJson<{ status: string }>(run.outputs['audit-file'])).toMatchObject({ status: 'SUCCESS' })
    expect(await readFile(`${audit}/notifications.jsonl`, 'utf8').catch(() => '')).toBe('')
  })
})
