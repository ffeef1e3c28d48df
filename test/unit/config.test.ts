import { describePolicy, NO_KEEP } from '../../src/config/retention.js'
import { parseConfig } from '../../src/config/parse.js'
import { parseNotify } from '../../src/notify/settings.js'
import type { RawInputs } from '../../src/config/types.js'
import { configIssues, parseInputs, rawInputs } from '../support/fixtures.js'

function raw(overrides: Record<string, string> = {}): RawInputs {
  return rawInputs({ 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: '/backups', ...overrides })
}

const issuesOf = configIssues

describe('parseConfig', () => {
  test('applies the documented defaults', () => {
    const config = parseInputs(raw())
    expect(config.database).toMatchObject({ type: 'postgresql', host: 'localhost', port: 5432, name: 'shop', user: '', password: '' })
    expect(config.storage).toEqual({ type: 'local', bucket: '', path: '/backups' })
    expect(config.retention).toEqual({ days: 30, maxBackups: 10, limits: true, keep: NO_KEEP })
    expect(Object.keys(config.notify.channels)).toEqual(['console', 'file'])
    expect(config.backupName).toBe('shop')
    expect(config.dumpTimeoutMs).toBe(360 * 60_000)
  })

  test('the audit directory defaults to $RUNNER_TEMP/backup-notifications', () => {
    const previous = process.env.RUNNER_TEMP
    process.env.RUNNER_TEMP = '/runner/tmp'
    try {
      expect(parseInputs(raw()).notify.auditDir).toBe('/runner/tmp/backup-notifications')
      delete process.env.RUNNER_TEMP
      expect(parseInputs(raw()).notify.auditDir).toBe('/tmp/backup-notifications')
    } finally {
      if (previous === undefined) delete process.env.RUNNER_TEMP
      else process.env.RUNNER_TEMP = previous
    }
  })

  test('db-url fills and overrides the separate fields, and decodes the password', () => {
    const config = parseConfig(
      raw({ 'db-host': 'ignored', 'db-url': 'postgres://app%40corp:p%40ss%3Aw0rd@db.internal:6543/sales%20db?sslmode=require' })
    )
    expect(config.database).toMatchObject({ host: 'db.internal', port: 6543, user: 'app@corp', password: 'p@ss:w0rd', name: 'sales db', urlProtocol: 'postgres:' })
    expect(config.database.params).toEqual({ sslmode: 'require' })
    expect(config.backupName).toBe('sales-db')
  })

  test('case and whitespace of enumerations are forgiven', () => {
    const config = parseInputs(raw({ 'db-type': ' PostgreSQL ', 'storage-type': 'LOCAL', notify: ' console , FILE,console' }))
    expect(config.database.type).toBe('postgresql')
    expect(Object.keys(config.notify.channels)).toEqual(['console', 'file'])
  })

  test('a relative path is resolved against the working directory', () => {
    expect(parseConfig(raw({ path: 'backups/db' })).storage.path).toBe(`${process.cwd()}/backups/db`)
  })

  test('0 disables a retention rule', () => {
    expect(parseConfig(raw({ 'retention-days': '0', 'max-backups': '0' })).retention).toEqual({ days: 0, maxBackups: 0, limits: true, keep: NO_KEEP })
  })

  describe('calendar retention (keep-*)', () => {
    test('the keep-* counts are read; retention-days and max-backups at their defaults then do not apply, and the log says so', () => {
      const config = parseConfig(raw({ 'keep-daily': '7', 'keep-weekly': '4', 'keep-monthly': '12', 'retention-days': '30', 'max-backups': '10' }))
      expect(config.retention).toEqual({ days: 0, maxBackups: 0, limits: false, keep: { last: 0, daily: 7, weekly: 4, monthly: 12, yearly: 0 } })
      expect(config.notices).toContainEqual(expect.stringMatching(/keep-\* rules decide; retention-days and max-backups are not set/))
      expect(describePolicy(config.retention)).toBe('keep-daily 7, keep-weekly 4, keep-monthly 12')
    })

    test('a retention-days or max-backups that is set joins the policy; the one not set is no limit', () => {
      const config = parseConfig(raw({ 'keep-yearly': '3', 'retention-days': '90', 'max-backups': '10' }))
      expect(config.retention).toEqual({ days: 90, maxBackups: 0, limits: true, keep: { ...NO_KEEP, yearly: 3 } })
      expect(describePolicy(config.retention)).toBe('keep-yearly 3, retention-days 90')
      expect(parseConfig(raw({ 'keep-last': '2', 'max-backups': '5' })).retention).toMatchObject({ days: 0, maxBackups: 5, limits: true })
    })

    test('retention-days 0 and max-backups 0 beside keep-* keep everything: a warning says so', () => {
      const config = parseConfig(raw({ 'keep-daily': '7', 'retention-days': '0', 'max-backups': '0' }))
      expect(config.warnings).toContainEqual(expect.stringMatching(/^retention-days 0 and max-backups 0 keep every backup/))
    })

    test.each([
      ['keep-daily', '-1'],
      ['keep-weekly', '1.5'],
      ['keep-monthly', 'twelve'],
      ['keep-yearly', '10001'],
      ['keep-last', '7 days']
    ])('%s: %s is refused, naming the input', (input, value) => {
      expect(() => parseConfig(raw({ [input]: value }))).toThrow(new RegExp(`^input "${input}": must be (a whole number from 0 to|at most)`))
    })
  })

  test.each([
    ['db-type', { 'db-type': '' }, /is required \(one of postgresql/],
    ['db-port', { 'db-port': '0' }, /1 to 65535/],
    ['db-port', { 'db-port': '65536' }, /1 to 65535/],
    ['db-port', { 'db-port': '54.32' }, /1 to 65535/],
    ['db-host', { 'db-host': 'db host' }, /host name/],
    ['db-name', { 'db-name': '--help' }, /must not start with "-"/],
    ['db-user', { 'db-user': 'a\u0000b' }, /control characters/],
    ['storage-type', { 'storage-type': 'dropbox' }, /must be one of/],
    ['backup-name', { 'backup-name': 'has space' }, /letters, digits/],
    ['backup-name', { 'backup-name': '.hidden' }, /starting with a letter or digit/],
    ['retention-days', { 'retention-days': '3.5' }, /whole number/],
    ['retention-days', { 'retention-days': '40000' }, /at most 36500/],
    ['max-backups', { 'max-backups': '-2' }, /whole number/],
    ['notify', { notify: 'pager' }, /console, file, webhook/],
    ['notify', { notify: ',' }, /console, file, webhook/],
    ['webhook-url', { notify: 'webhook' }, /required when notify includes webhook/],
    ['webhook-url', { notify: 'webhook', 'webhook-url': 'javascript:alert(1)' }, /http:\/\/ or https:\/\//],
    ['notify', { 'webhook-url': 'https://hooks.example/x' }, /must include webhook/],
    ['db-url', { 'db-url': 'not a url' }, /not a valid URL/],
    ['db-url', { 'db-url': 'redis://localhost' }, /postgres:\/\/ or postgresql:\/\//],
    ['dump-timeout-minutes', { 'dump-timeout-minutes': '0' }, /at least 1/]
  ])('%s: %j is rejected naming the input', (input, overrides, rule) => {
    const issues = issuesOf(raw(overrides))
    const issue = issues.find((candidate) => candidate.input === input)
    expect(issue).toBeDefined()
    expect(issue?.message).toMatch(rule)
  })

  test('every wrong input is reported at once', () => {
    const issues = issuesOf(raw({ 'db-port': 'x', 'retention-days': 'y', 'backup-name': '!' }))
    expect(issues.map((issue) => issue.input).sort()).toEqual(['backup-name', 'db-port', 'retention-days'])
  })

  test('the value of a secret input is never echoed in an error', () => {
    const error = issuesOf(raw({ 'db-url': 'postgres://u:hunter2-secret@[bad' }))
    expect(JSON.stringify(error)).not.toContain('hunter2-secret')
    const webhook = issuesOf(raw({ notify: 'webhook', 'webhook-url': 'ftp://token-abc123@hooks' }))
    expect(JSON.stringify(webhook)).not.toContain('token-abc123')
  })

  test('a non-secret value is echoed to help the reader', () => {
    const issues = issuesOf(raw({ 'db-port': '70000' }))
    expect(issues[0].message).toContain('(got "70000")')
  })
})

describe('parseNotify', () => {
  const parseNotifyConfig = (inputs: RawInputs) => parseNotify(inputs).config

  test('keeps what it can read when other inputs are wrong', () => {
    const config = parseNotifyConfig(raw({ 'db-port': 'nonsense', notify: 'console,webhook', 'webhook-url': 'https://hooks.example/x', 'audit-dir': '/audit' }))
    expect(config).toMatchObject({ channels: { console: {}, webhook: { url: 'https://hooks.example/x', secret: '' } }, auditDir: '/audit' })
    expect(Object.keys(config.channels)).toEqual(['console', 'webhook'])
  })

  test('falls back to console and file when notify itself is wrong, and drops a webhook without a usable URL', () => {
    expect(Object.keys(parseNotifyConfig(raw({ notify: 'pager' })).channels)).toEqual(['console', 'file'])
    expect(Object.keys(parseNotifyConfig(raw({ notify: 'console,webhook', 'webhook-url': 'ftp://x' })).channels)).toEqual(['console'])
  })
})
