import { parseConfig } from '../../src/config/parse.js'
import type { RawInputs } from '../../src/config/types.js'
import { conninfo, passwordEnv } from '../../src/engines/postgresql/connection.js'
import { configIssues, rawInputs } from '../support/fixtures.js'

/** The config rules of the security review (issue 8): secrets read as given, and every value from db-url under the rules of its input. */

function raw(overrides: Record<string, string> = {}): RawInputs {
  return rawInputs({ 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: '/backups', ...overrides })
}

function issueFor(input: string, overrides: Record<string, string>): string {
  const issues = configIssues(raw(overrides))
  const issue = issues.find((candidate) => candidate.input === input)
  if (!issue) throw new Error(`no issue for ${input}: ${JSON.stringify(issues)}`)
  return issue.message
}

describe('a MongoDB URL whose password holds a raw "," or "@"', () => {
  test.each([
    ['mongodb://backup:pa,ss@db.internal:27017/shop', 'db.internal', 27017, 'pa,ss'],
    ['mongodb://backup:p@ss,w@db.internal/shop', 'db.internal', 27017, 'p@ss,w'],
    ['mongodb://backup:pa,ss@a.internal:27017,b.internal:27018/shop?replicaSet=rs0', 'a.internal:27017,b.internal:27018', 27017, 'pa,ss']
  ])('%s: the user-info ends at the last "@", and the host holds no credential', (url, host, port, password) => {
    const { database } = parseConfig(raw({ 'db-type': 'mongodb', 'db-url': url }))
    expect(database).toMatchObject({ host, port, user: 'backup', password, name: 'shop' })
    expect(database.host).not.toContain('backup')
  })

  test('a host list that is not host:port entries (a raw "/" in the password) is refused without showing it', () => {
    const message = issueFor('db-url', { 'db-type': 'mongodb', 'db-url': 'mongodb://backup:se,cr/et@a:1,b:2/shop' })
    expect(message).toMatch(/host list must be host:port entries/)
    expect(message).not.toMatch(/se,cr|et@/)
  })
})

describe('secret inputs are taken as given', () => {
  test('leading and trailing spaces are part of db-password', () => {
    expect(parseConfig(raw({ 'db-password': '  pass word \t' })).database.password).toBe('  pass word \t')
  })

  test('a password in db-url keeps its encoded spaces', () => {
    expect(parseConfig(raw({ 'db-url': 'postgres://u:%20pw%20@h/shop' })).database.password).toBe(' pw ')
  })
})

describe('a bare "%" in db-url', () => {
  test.each([
    ['password', 'postgres://u:50%off-secret@h/shop'],
    ['user name', 'postgres://us%er@h/shop'],
    ['database name', 'postgres://u@h/sh%op']
  ])('in the %s names db-url, says to percent-encode, and never shows the value', (what, url) => {
    const message = issueFor('db-url', { 'db-url': url })
    expect(message).toContain(`the ${what} holds a "%"`)
    expect(message).toMatch(/%25/)
    expect(message).not.toMatch(/50%off|us%er|sh%op|URI malformed/)
  })
})

describe('option injection through db-url is refused in validate-config', () => {
  test.each([
    ['mariadb', 'mariadb://u:p@db.internal/--xml', 'database name'],
    ['mysql', 'mysql://u:p@db.internal/-e', 'database name'],
    ['postgresql', 'postgres://--help:p@db.internal/shop', 'user name'],
    ['postgresql', 'postgres://u:p@db.internal/shop%0A--file', 'database name'],
    ['redis', 'redis://u:p@-h/0', 'host']
  ])('%s %s: the %s', (type, url, what) => {
    const message = issueFor('db-url', { 'db-type': type, 'db-url': url })
    expect(message).toContain(`the ${what} must`)
  })

  test('db-host is held to the same rule', () => {
    expect(issueFor('db-host', { 'db-host': '-oProxyCommand' })).toMatch(/host name/)
  })
})

describe('PostgreSQL URL parameters', () => {
  test('a documented, non-secret libpq parameter is passed on', () => {
    const { database } = parseConfig(raw({ 'db-url': 'postgres://u:p@h/shop?sslmode=verify-full&sslrootcert=/etc/ca.pem' }))
    expect(conninfo(database)).toContain("sslmode='verify-full' sslrootcert='/etc/ca.pem'")
  })

  test.each(['sslpassword', 'oauth_client_secret', 'password'])('%s is refused, naming db-url and the parameter, and never reaches argv', (key) => {
    const message = issueFor('db-url', { 'db-url': `postgres://u:p@h/shop?${key}=canary-secret-1` })
    expect(message).toContain(key === 'password' ? 'password as a query parameter' : `parameter "${key}"`)
    expect(message).not.toContain('canary-secret-1')
    const database = { ...parseConfig(raw()).database, params: { [key]: 'canary-secret-1' } }
    expect(() => conninfo(database)).toThrow(/db-url/)
  })

  test('an unknown parameter is refused naming it', () => {
    expect(issueFor('db-url', { 'db-url': 'postgres://u:p@h/shop?replication=database' })).toMatch(/parameter "replication" is not a libpq connection parameter/)
  })

  test('passfile travels in PGPASSFILE, never in the conninfo', () => {
    const { database } = parseConfig(raw({ 'db-url': 'postgres://u:secret-pw@h/shop?passfile=/run/pgpass' }))
    expect(conninfo(database)).not.toMatch(/passfile|secret-pw/)
    expect(passwordEnv(database)).toEqual({ PGPASSFILE: '/run/pgpass', PGPASSWORD: 'secret-pw' })
  })
})

describe('URLs that must not hold credentials', () => {
  test.each([
    ['client-download-url', { 'client-download-url': 'https://mirror-user:mirror-pass@mirror.example/pg' }],
    ['webhook-url', { notify: 'webhook', 'webhook-url': 'https://hook-user:hook-pass@hooks.example/x' }]
  ])('%s with user:pass@ is refused, and the credentials are not shown', (input, overrides) => {
    const message = issueFor(input, overrides)
    expect(message).toMatch(/must not contain credentials/)
    expect(message).not.toMatch(/mirror-pass|hook-pass/)
  })
})

describe('how errors read', () => {
  test('one bad value is one issue, even when it breaks several rules', () => {
    const issues = configIssues(raw({ path: `-\n${'x'.repeat(5000)}` }))
    expect(issues.filter((issue) => issue.input === 'path')).toHaveLength(1)
  })

  test('a newline in an echoed value cannot start a log line of its own', () => {
    const message = issueFor('db-port', { 'db-port': '5432\n::set-output name=status::SUCCESS' })
    expect(message).not.toContain('\n')
    expect(message).toContain('\\n::set-output')
  })
})

describe('reading the inputs', () => {
  const names = ['INPUT_DB-PASSWORD', 'INPUT_WEBHOOK-URL', 'INPUT_DB-NAME']
  afterEach(() => {
    for (const name of names) delete process.env[name]
  })

  test('secret inputs are read untrimmed, the others trimmed', async () => {
    process.env['INPUT_DB-PASSWORD'] = ' pass word '
    process.env['INPUT_WEBHOOK-URL'] = 'https://hooks.example/x '
    process.env['INPUT_DB-NAME'] = ' shop '
    const { readInputs } = await import('../../src/run/inputs.js')
    expect(readInputs()).toMatchObject({ 'db-password': ' pass word ', 'webhook-url': 'https://hooks.example/x ', 'db-name': 'shop' })
  })
})
