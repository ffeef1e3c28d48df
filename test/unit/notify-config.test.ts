import { notifySecrets, parseNotify } from '../../src/notify/settings.js'
import { configIssues, rawInputs } from '../support/fixtures.js'

/** Valid inputs for a PostgreSQL backup to a directory, plus `values`. */
function raw(values: Record<string, string> = {}): Record<string, string> {
  return rawInputs({ 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: '/backups', ...values })
}

const TOKEN = '123456789:AAH-telegram-token-canary_xyz'
const SMTP = 'smtp://mailer:p%40ss%2Fw0rd-canary@mail.example:587'

describe('channel settings', () => {
  test('every channel at once, with its settings', () => {
    const { config, issues } = parseNotify(
      raw({
        notify: 'console, file,webhook,Slack,discord,teams,email,telegram',
        'notify-on': 'Failure',
        'webhook-url': 'https://hooks.example/generic',
        'webhook-secret': 'whsec_c2VjcmV0LWtleS1ieXRlcw==',
        'slack-webhook-url': 'https://hooks.slack.com/services/T/B/x',
        'discord-webhook-url': 'https://discord.com/api/webhooks/1/x',
        'teams-webhook-url': 'https://prod.westeurope.logic.azure.com/workflows/x',
        'smtp-url': SMTP,
        'email-to': 'ops@example.com, DBA Team <dba@example.com>',
        'email-from': 'Backups <backups@example.com>',
        'telegram-bot-token': TOKEN,
        'telegram-chat-id': '-1001234567890',
        'heartbeat-url': 'https://hc-ping.com/0f7e-uuid/'
      }),
      {}
    )
    expect(issues).toEqual([])
    expect(Object.keys(config.channels)).toEqual(['console', 'file', 'webhook', 'slack', 'discord', 'teams', 'email', 'telegram'])
    expect(config).toMatchObject({
      channels: {
        webhook: { url: 'https://hooks.example/generic', secret: 'whsec_c2VjcmV0LWtleS1ieXRlcw==' },
        slack: { url: 'https://hooks.slack.com/services/T/B/x' },
        email: { smtpUrl: SMTP, to: ['ops@example.com', 'DBA Team <dba@example.com>'], from: 'Backups <backups@example.com>' },
        telegram: { botToken: TOKEN, chatId: '-1001234567890', apiUrl: 'https://api.telegram.org' }
      },
      notifyOn: 'failure',
      heartbeatUrl: 'https://hc-ping.com/0f7e-uuid'
    })
  })

  test('TELEGRAM_API_URL names a self-hosted Bot API server', () => {
    const { config } = parseNotify(raw({ notify: 'telegram', 'telegram-bot-token': TOKEN, 'telegram-chat-id': '@backups_channel' }), { TELEGRAM_API_URL: 'http://127.0.0.1:8081/' })
    expect(config.channels.telegram).toEqual({ botToken: TOKEN, chatId: '@backups_channel', apiUrl: 'http://127.0.0.1:8081' })
  })

  test('notify-on defaults to always', () => {
    expect(parseNotify(raw(), {}).config.notifyOn).toBe('always')
  })
})

describe('bad notification input fails validate-config, naming the input', () => {
  test.each([
    ['notify', { notify: 'console,pager' }, /"pager" is not a channel/],
    ['slack-webhook-url', { notify: 'slack' }, /required when notify includes slack/],
    ['discord-webhook-url', { notify: 'discord' }, /required when notify includes discord/],
    ['teams-webhook-url', { notify: 'teams' }, /required when notify includes teams/],
    ['smtp-url', { notify: 'email', 'email-to': 'a@example.com', 'email-from': 'b@example.com' }, /required when notify includes email/],
    ['email-to', { notify: 'email', 'smtp-url': SMTP, 'email-from': 'b@example.com' }, /required when notify includes email/],
    ['email-from', { notify: 'email', 'smtp-url': SMTP, 'email-to': 'a@example.com' }, /required when notify includes email/],
    ['telegram-bot-token', { notify: 'telegram', 'telegram-chat-id': '42' }, /required when notify includes telegram/],
    ['telegram-chat-id', { notify: 'telegram', 'telegram-bot-token': TOKEN }, /required when notify includes telegram/],
    ['notify', { 'slack-webhook-url': 'https://hooks.slack.com/x' }, /must include slack when slack-webhook-url is set/],
    ['notify', { 'telegram-chat-id': '42' }, /must include telegram when telegram-chat-id is set/],
    ['notify', { 'webhook-secret': 'raw-secret' }, /must include webhook when webhook-secret is set/],
    ['slack-webhook-url', { notify: 'slack', 'slack-webhook-url': 'ftp://hooks.slack.com/x' }, /http:\/\/ or https:\/\//],
    ['discord-webhook-url', { notify: 'discord', 'discord-webhook-url': 'discord.com/api/webhooks/1' }, /http:\/\/ or https:\/\//],
    ['teams-webhook-url', { notify: 'teams', 'teams-webhook-url': 'javascript:alert(1)' }, /http:\/\/ or https:\/\//],
    ['heartbeat-url', { 'heartbeat-url': 'hc-ping.com/uuid' }, /http:\/\/ or https:\/\//],
    ['email-to', { notify: 'email', 'smtp-url': SMTP, 'email-to': 'ops@example.com, not-an-address', 'email-from': 'b@example.com' }, /"not-an-address" is not one/],
    ['email-from', { notify: 'email', 'smtp-url': SMTP, 'email-to': 'a@example.com', 'email-from': 'backups' }, /one email address/],
    ['smtp-url', { notify: 'email', 'smtp-url': 'https://mail.example', 'email-to': 'a@example.com', 'email-from': 'b@example.com' }, /smtp:\/\/ or smtps:\/\//],
    ['telegram-bot-token', { notify: 'telegram', 'telegram-bot-token': 'not-a-token', 'telegram-chat-id': '42' }, /bot token/],
    ['telegram-chat-id', { notify: 'telegram', 'telegram-bot-token': TOKEN, 'telegram-chat-id': 'my chat' }, /numeric chat id/],
    ['webhook-secret', { notify: 'webhook', 'webhook-url': 'https://h.example', 'webhook-secret': 'whsec_!!!' }, /whsec_ followed by base64/],
    ['notify-on', { 'notify-on': 'sometimes' }, /always, failure, success/]
  ])('%s: %j', (input, values, rule) => {
    const issues = configIssues(raw(values))
    expect(issues).toContainEqual({ input, message: expect.stringMatching(rule) })
  })

  test('one error line for the bad channel names, naming each', () => {
    const issues = configIssues(raw({ notify: 'pager,console,sms' })).filter((issue) => issue.input === 'notify')
    expect(issues.map((issue) => issue.message)).toEqual([expect.stringMatching(/^"pager", "sms" are not channels/)])
  })

  test('notification errors are reported with the other inputs\' errors', () => {
    const issues = configIssues(raw({ 'db-port': 'x', notify: 'slack' }))
    expect(issues.map((issue) => issue.input).sort()).toEqual(['db-port', 'slack-webhook-url'])
  })

  test('a TELEGRAM_API_URL that is no http(s) URL is named', () => {
    const { issues } = parseNotify(raw({ notify: 'telegram', 'telegram-bot-token': TOKEN, 'telegram-chat-id': '42' }), { TELEGRAM_API_URL: 'api.telegram.org' })
    expect(issues).toEqual([{ input: 'TELEGRAM_API_URL', message: expect.stringMatching(/environment variable/) }])
  })

  test('no secret value is echoed in an error', () => {
    const issues = configIssues(
      raw({
        notify: 'webhook,slack,email,telegram',
        'webhook-url': 'ftp://hook-canary-1',
        'webhook-secret': 'whsec_secret-canary-2!',
        'slack-webhook-url': 'slack-canary-3',
        'smtp-url': 'imap://user:smtp-canary-4@mail',
        'email-to': 'a@example.com',
        'email-from': 'b@example.com',
        'telegram-bot-token': 'tg-canary-5',
        'telegram-chat-id': '42',
        'heartbeat-url': 'hb-canary-6'
      })
    )
    expect(issues.map((issue) => issue.input).sort()).toEqual(['heartbeat-url', 'slack-webhook-url', 'smtp-url', 'telegram-bot-token', 'webhook-secret', 'webhook-url'])
    expect(JSON.stringify(issues)).not.toMatch(/canary/)
  })
})

describe('a run whose notification settings are wrong still reports through what works', () => {
  test('a channel without usable settings is left out; console and file remain', () => {
    const { config } = parseNotify(raw({ notify: 'slack,email', 'slack-webhook-url': 'ftp://x', 'smtp-url': SMTP }), {})
    expect(config.channels).toEqual({ console: {}, file: {} })
  })

  test('a bad heartbeat URL is dropped, the rest kept', () => {
    const { config } = parseNotify(raw({ notify: 'discord', 'discord-webhook-url': 'https://d.example/x', 'heartbeat-url': 'nope' }), {})
    expect(config).toEqual(expect.objectContaining({ channels: { discord: { url: 'https://d.example/x' } }, heartbeatUrl: '' }))
  })
})

describe('notifySecrets', () => {
  test('lists every channel secret, trimmed and as given, and the SMTP password alone, decoded', () => {
    const secrets = notifySecrets(
      raw({
        'webhook-url': ' https://h.example/hook-token \n',
        'webhook-secret': 'whsec_abc',
        'slack-webhook-url': 'https://hooks.slack.com/s',
        'discord-webhook-url': 'https://discord.com/d',
        'teams-webhook-url': 'https://logic.azure.com/t',
        'smtp-url': SMTP,
        'telegram-bot-token': TOKEN,
        'heartbeat-url': 'https://hc-ping.com/uuid'
      })
    )
    for (const secret of [' https://h.example/hook-token \n', 'https://h.example/hook-token', 'whsec_abc', 'https://hooks.slack.com/s', 'https://discord.com/d', 'https://logic.azure.com/t', SMTP, TOKEN, 'https://hc-ping.com/uuid', 'p%40ss%2Fw0rd-canary', 'p@ss/w0rd-canary']) {
      expect(secrets).toContain(secret)
    }
    expect(secrets).not.toContain('')
  })

  test('a raw "@" in the SMTP password stays in the password, as the URL parser that sends the mail reads it', () => {
    const smtpUrl = 'smtp://mailer:canary@smtp-pw@smtp.example:587'
    expect(decodeURIComponent(new URL(smtpUrl).password)).toBe('canary@smtp-pw')
    expect(notifySecrets(raw({ 'smtp-url': smtpUrl }))).toContain('canary@smtp-pw')
  })
})
