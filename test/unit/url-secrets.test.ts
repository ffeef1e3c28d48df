import { parseConfig } from '../../src/config/parse.js'
import { databaseUrlSecrets, HTTP_URL_SECRETS, SMTP_URL_SECRETS } from '../../src/config/url-secret-rules.js'
import { notifySecrets } from '../../src/notify/settings.js'
import { connectionArgs } from '../../src/engines/redis/engine.js'
import { looksLikeToken, urlSecretParts } from '../../src/util/url-secrets.js'
import { rawInputs } from '../support/fixtures.js'

/** Issue 21, finding 10: each secret part of a URL is a secret on its own; the words around it are not. */

const webhook = (url: string): string[] => urlSecretParts(url, HTTP_URL_SECRETS)

describe('the tokens of the services\' URLs, and only those', () => {
  test.each([
    ['Slack', 'https://hooks.slack.com/services/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', ['T0123ABCD', 'B0456EFGH', 'XyZ1aBcD2eFgH3iJkL4mNoP5']],
    ['Discord', 'https://discord.com/api/webhooks/1234567890123456789/AbC-dEf_1234567890abcdefGHIJ', ['1234567890123456789', 'AbC-dEf_1234567890abcdefGHIJ']],
    ['healthchecks.io by UUID', 'https://hc-ping.com/5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8', ['5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8']],
    ['healthchecks.io by key and slug', 'https://hc-ping.com/fqOOd6-F4MMNuCEnzTU01w/nightly-backup', ['fqOOd6-F4MMNuCEnzTU01w']],
    ['a generic webhook', 'https://example.com/hooks/backup-secret-token-123', ['backup-secret-token-123']],
    ['Uptime Kuma', 'https://kuma.example/api/push/Ab12Cd34Ef?status=up&msg=OK&ping=', ['Ab12Cd34Ef']],
    ['Azure Functions', 'https://fn.azurewebsites.net/api/notify?code=plainwords', ['plainwords']]
  ])('%s', (_service, url, secrets) => {
    expect(webhook(url).sort()).toEqual([...secrets].sort())
  })

  test('Teams Workflows: the workflow id, the signature and the encoded trigger path, as written and decoded; not sv=1.0', () => {
    const url =
      'https://prod-27.westus.logic.azure.com:443/workflows/4f0e8c2a9b7d41c6a1e3d5f7b9c2e4a6/triggers/manual/paths/invoke' +
      '?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Zm9vYmFy_c2lnbmF0dXJl-Q'
    const parts = webhook(url)
    expect(parts).toEqual(expect.arrayContaining(['4f0e8c2a9b7d41c6a1e3d5f7b9c2e4a6', 'Zm9vYmFy_c2lnbmF0dXJl-Q', '%2Ftriggers%2Fmanual%2Frun', '/triggers/manual/run', '2016-06-01']))
    for (const word of ['workflows', 'triggers', 'manual', 'paths', 'invoke', '1.0', 'prod-27.westus.logic.azure.com', '443']) expect(parts).not.toContain(word)
  })

  test('a percent-encoded token is given as written and decoded', () => {
    expect(webhook('https://example.com/hooks/tok%2Fen%20Secret9')).toEqual(['tok%2Fen%20Secret9', 'tok/en Secret9'])
  })

  test('credentials in a webhook URL (refused by validate-config, masked before it) are secret, the user too', () => {
    expect(webhook('https://someone:Pa55word@example.com/hooks')).toEqual(['Pa55word', 'someone'])
  })

  test('words, short parts and numbers too short for a token are not: masking them would blank them from the whole log', () => {
    for (const word of ['api', 'v1', 'T0', 'hooks', 'services', 'webhooks', 'nightly-backup', 'my_job.daily', '2024']) expect(looksLikeToken(word)).toBe(false)
    for (const token of ['Abcdef', 'abc123', 'a1b2c3d4', 'ABCDEFGH', 'hook-canary-31a7']) expect(looksLikeToken(token)).toBe(true)
  })
})

describe('user-info', () => {
  test('smtp-url: the user and the password, as written and decoded', () => {
    expect(urlSecretParts('smtps://AKIAEXAMPLE:s%40cret@email-smtp.example:465', SMTP_URL_SECRETS).sort()).toEqual(['AKIAEXAMPLE', 's%40cret', 's@cret'].sort())
    expect(urlSecretParts('smtp://apikey:SG.key@smtp.example', SMTP_URL_SECRETS)).toEqual(['SG.key', 'apikey'])
  })

  test.each([
    ['redis://PASSWORD@cache:6379', ['PASSWORD']],
    ['rediss://:pw-only@cache', ['pw-only']],
    ['redis://backup_acl:pw-9@cache', ['pw-9']],
    ['redis://Acl-User7:pw-9@cache', ['pw-9', 'Acl-User7']],
    ['postgresql://postgres:s3cret@db/shop', ['s3cret']],
    ['postgresql://backup@db/shop', []],
    // A password typed in the user's place, where libpq reads the user: masked, as it looks like a key.
    ['postgresql://Xk9pQ2wL@db/shop', ['Xk9pQ2wL']],
    ['mongodb://backup:pa,s@ss@a:1,b:2/shop?tlsCertificateKeyFilePassword=kp-1&authSource=admin', ['pa,s@ss', 'kp-1']],
    // No parser takes it (validate-config refuses it), yet the password is masked before that.
    ['my_sql://backup:p%zz@db/shop', ['p%zz']]
  ])('db-url %s', (url, secrets) => {
    expect(urlSecretParts(url, databaseUrlSecrets(url))).toEqual(secrets)
  })

  test('notifySecrets holds each URL token alone, the SMTP user and password, and the Telegram token\'s secret half', () => {
    const secrets = notifySecrets(
      rawInputs({
        'webhook-url': 'https://example.com/hooks/hook-Token-1',
        'heartbeat-url': 'https://hc-ping.com/5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8',
        'smtp-url': 'smtp://mailer:m%40il-pw@smtp.example:587',
        'telegram-bot-token': '123456:AAF-telegram-secret-half_77'
      })
    )
    expect(secrets).toEqual(
      expect.arrayContaining(['hook-Token-1', '5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8', 'mailer', 'm%40il-pw', 'm@il-pw', 'AAF-telegram-secret-half_77'])
    )
    expect(secrets).not.toContain('hooks')
  })
})

describe('redis://PASSWORD@host', () => {
  const redis = (url: string) => parseConfig(rawInputs({ 'db-url': url, 'storage-type': 'local', path: '/backups' })).database

  test('is the password, as redis-cli reads it, and never reaches the command line as --user', () => {
    const database = redis('redis://canary%40pw@cache.example:6380')
    expect(database).toMatchObject({ type: 'redis', user: '', password: 'canary@pw', host: 'cache.example', port: 6380 })
    expect(connectionArgs(database)).toEqual(['-h', 'cache.example', '-p', '6380'])
  })

  test('user:password@ is an ACL user and its password; :password@ the default user\'s', () => {
    expect(redis('redis://backup_acl:pw@cache')).toMatchObject({ user: 'backup_acl', password: 'pw' })
    expect(redis('redis://:pw@cache')).toMatchObject({ user: '', password: 'pw' })
    expect(redis('redis://backup_acl:@cache')).toMatchObject({ user: 'backup_acl', password: '' })
  })

  test('other engines read a lone user-info as the user, as their clients do', () => {
    expect(parseConfig(rawInputs({ 'db-url': 'postgresql://backup@db/shop', 'storage-type': 'local', path: '/backups' })).database).toMatchObject({ user: 'backup', password: '' })
  })
})
