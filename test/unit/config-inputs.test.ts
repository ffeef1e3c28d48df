import { readFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { parseConfig, type ConfigError, type ConfigIssue } from '../../src/config/parse.js'
import { parseRestoreConfig } from '../../src/config/restore.js'
import { splitList } from '../../src/config/lists.js'
import { closest } from '../../src/config/choices.js'
import type { RawInputs } from '../../src/config/types.js'
import { configIssues, parseInputs, rawInputs } from '../support/fixtures.js'

/** The input rules of issue 15: inputs that forgive what is clear and explain what is not. */

function raw(overrides: Record<string, string> = {}): RawInputs {
  return rawInputs({ 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: '/backups', ...overrides })
}

function messageFor(input: string, overrides: Record<string, string>): string {
  const issue = configIssues(raw(overrides)).find((candidate) => candidate.input === input)
  if (!issue) throw new Error(`no issue for ${input}`)
  return issue.message
}

/** Runs `work` with these environment variables set (undefined: unset), then puts them back. */
function withEnv<T>(values: Record<string, string | undefined>, work: () => T): T {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]))
  const apply = (from: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(from)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
  apply(values)
  try {
    return work()
  } finally {
    apply(saved)
  }
}

describe('aliases', () => {
  test.each([
    ['postgres', 'postgresql'],
    ['PG', 'postgresql'],
    ['mongo', 'mongodb']
  ])('db-type %s is read as %s, and the run says so', (written, type) => {
    const config = parseConfig(raw({ 'db-type': written, 'db-name': 'shop' }))
    expect(config.database.type).toBe(type)
    expect(config.notices).toContain(`db-type "${written}" is read as ${type}`)
  })

  test.each([
    ['azure', 'azure-blob'],
    ['gcp', 'gcs'],
    ['Google', 'gcs']
  ])('storage-type %s is read as %s', (written, type) => {
    const config = parseConfig(raw({ 'storage-type': written, path: '', bucket: 'backups', 'azure-connection-string': type === 'azure-blob' ? 'UseDevelopmentStorage=true' : '' }))
    expect(config.storage.type).toBe(type)
    expect(config.notices).toContain(`storage-type "${written}" is read as ${type}`)
  })

  test('a canonical value says nothing', () => {
    expect(parseConfig(raw()).notices).toEqual([])
  })
})

describe('did you mean', () => {
  test.each([
    ['db-type', { 'db-type': 'postgresq' }, 'must be one of postgresql, mysql, mariadb, mongodb, redis (did you mean "postgresql"?)'],
    ['db-type', { 'db-type': 'mongdb' }, '(did you mean "mongodb"?)'],
    ['storage-type', { 'storage-type': 'gsc' }, '(did you mean "gcs"?)'],
    ['storage-type', { 'storage-type': 'azur' }, '(did you mean "azure-blob"?)'],
    ['notify', { notify: 'console,slak' }, '(did you mean "slack"?)'],
    ['notify-on', { 'notify-on': 'failures' }, '(did you mean "failure"?)'],
    ['s3-checksum', { 'storage-type': 's3', path: '', bucket: 'backups', 's3-checksum': 'sha-256' }, '(did you mean "sha256"?)']
  ])('%s %j', (input, overrides, expected) => {
    expect(messageFor(input, overrides)).toContain(expected)
  })

  test.each([
    ['zst', 'must be one of zstd, gzip, none, optionally with a level (zstd:3, gzip:6) (did you mean "zstd"?) (got "zst")'],
    ['gz:9', 'must be one of zstd, gzip, none, optionally with a level (zstd:3, gzip:6) (did you mean "gzip"?) (got "gz:9")']
  ])('compression %s', (written, message) => {
    expect(messageFor('compression', { compression: written })).toBe(message)
  })

  test.each([
    ['sytem', ' (did you mean "system"?) (got "sytem")'],
    ['v17', ' (got "v17")']
  ])('client-version %s', (written, end) => {
    expect(messageFor('client-version', { 'client-version': written })).toBe(`must be auto, system, or a version such as 17, 8.4 or 100.10.0${end}`)
  })

  test('the restore action\'s restore-mode too; an empty one is empty', () => {
    const restoreRaw = (mode: string): RawInputs => ({ ...raw(), 'backup-key': '', 'restore-mode': mode, 'restore-globals': '' })
    let issue: ConfigIssue | undefined
    try {
      parseRestoreConfig(restoreRaw('Clen'))
    } catch (error) {
      issue = (error as ConfigError).issues.find((candidate) => candidate.input === 'restore-mode')
    }
    expect(issue?.message).toBe('must be one of empty, clean (did you mean "clean"?) (got "Clen")')
    expect(parseRestoreConfig(restoreRaw('')).restoreMode).toBe('empty')
    expect(parseRestoreConfig(restoreRaw(' CLEAN ')).restoreMode).toBe('clean')
  })

  test('nothing is suggested for a value far from every one', () => {
    expect(messageFor('storage-type', { 'storage-type': 'dropbox' })).not.toContain('did you mean')
    expect(closest('oracle', ['postgresql', 'mysql', 'mariadb', 'mongodb', 'redis'])).toBeUndefined()
  })
})

describe('db-type from the db-url scheme', () => {
  test.each([
    ['postgres://u@db/shop', 'postgresql'],
    ['postgresql://u@db/shop', 'postgresql'],
    ['mysql://u@db/shop', 'mysql'],
    ['mariadb://u@db/shop', 'mariadb'],
    ['mongodb+srv://u@cluster.example/shop', 'mongodb'],
    ['rediss://db:6380', 'redis']
  ])('%s is %s', (url, type) => {
    const config = parseConfig(raw({ 'db-type': '', 'db-name': '', 'db-url': url }))
    expect(config.database.type).toBe(type)
    expect(config.notices).toContain(`db-type is ${type}, from the db-url scheme`)
  })

  test('without db-url, db-type is required and says what else would do', () => {
    expect(messageFor('db-type', { 'db-type': '' })).toBe('is required (one of postgresql, mysql, mariadb, mongodb, redis), unless db-url is given: its scheme names the type')
  })

  test('a scheme of no engine asks for db-type', () => {
    expect(messageFor('db-type', { 'db-type': '', 'db-url': 'oracle://db/shop' })).toMatch(/^is required: the db-url scheme names no database type/)
  })

  test('an explicit db-type still has to agree with the scheme', () => {
    expect(messageFor('db-url', { 'db-type': 'mysql', 'db-url': 'postgres://u@db/shop' })).toBe('must start with mysql:// or mariadb:// for db-type mysql')
  })
})

describe('lists', () => {
  test('comma- and newline-separated entries alike', () => {
    expect(splitList('console,\nfile\r\n webhook ,,')).toEqual(['console', 'file', 'webhook'])
  })

  test('notify written one per line', () => {
    expect(Object.keys(parseInputs(raw({ notify: 'console\nfile\n' })).notify.channels)).toEqual(['console', 'file'])
  })

  test('email-to written one per line', () => {
    const config = parseInputs(raw({ notify: 'email', 'smtp-url': 'smtp://mail.example:587', 'email-from': 'b@example.com', 'email-to': 'a@example.com\nc@example.com' }))
    expect(config.notify.channels.email?.to).toEqual(['a@example.com', 'c@example.com'])
  })
})

describe('one boolean parser', () => {
  test.each([
    ['true', true],
    ['YES', true],
    ['1', true],
    ['On', true],
    ['false', false],
    ['no', false],
    ['0', false],
    ['', false]
  ])('%j is %s for restore-check and s3-force-path-style alike', (value, expected) => {
    expect(parseConfig(raw({ 'restore-check': value })).restoreCheck).toBe(expected)
    expect(parseConfig(raw({ 'storage-type': 's3', path: '', bucket: 'backups', 's3-force-path-style': value })).storage.s3?.forcePathStyle).toBe(expected)
  })

  test('anything else is refused with the same words for both, restore-check naming its one word more', () => {
    expect(messageFor('restore-check', { 'restore-check': 'maybe' })).toBe('must be true, false or source (yes/no, on/off and 1/0 are read too) (got "maybe")')
    expect(messageFor('s3-force-path-style', { 'storage-type': 's3', path: '', bucket: 'backups', 's3-force-path-style': 'maybe' })).toBe(
      'must be true or false (yes/no, on/off and 1/0 are read too) (got "maybe")'
    )
  })
})

describe('db-host', () => {
  test.each([
    ['db:5432', 'db', '5432'],
    ['127.0.0.1:5432', '127.0.0.1', '5432'],
    ['[::1]:5432', '[::1]', '5432'],
    ['cafe:5432', 'cafe', '5432']
  ])('%s is refused with the fix', (host, name, port) => {
    expect(messageFor('db-host', { 'db-host': host })).toBe(`must be the host alone: put the port in db-port (db-host: ${name}, db-port: ${port}) (got "${host}")`)
  })

  test.each(['::1', 'fe80::1', '2001:db8::5432', '[::1]', 'db.internal', '10.0.0.5', '/var/run/postgresql'])('%s is a host', (host) => {
    expect(parseConfig(raw({ 'db-host': host })).database.host).toBe(host)
  })
})

describe('directories', () => {
  test('~ is the home directory', () => {
    const config = withEnv({ HOME: '/home/runner' }, () => parseInputs(raw({ path: '~/backups', 'audit-dir': '~/audit' })))
    expect(config.storage.path).toBe('/home/runner/backups')
    expect(config.notify.auditDir).toBe('/home/runner/audit')
    expect(config.notices).toContain('path "~/backups" is the directory /home/runner/backups')
    expect(config.notices).toContain('audit-dir "~/audit" is the directory /home/runner/audit')
  })

  test('~user is that user\'s home directory: the runner user\'s own, or one /etc/passwd has', () => {
    const me = userInfo().username
    const [other, , , , , otherHome] = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .map((line) => line.split(':'))
      .find((fields) => fields.length >= 7 && fields[0] !== me && fields[5].startsWith('/') && fields[5] !== '/') as string[]
    const config = withEnv({ HOME: '/home/runner' }, () => parseInputs(raw({ path: `~${me}/backups`, 'audit-dir': `~${other}/audit` })))
    expect(config.storage.path).toBe('/home/runner/backups')
    expect(config.notify.auditDir).toBe(`${otherHome}/audit`)
  })

  test('~user of no user on the runner is refused, naming the input, not read as a directory "~user" of the workspace', () => {
    expect(messageFor('path', { path: '~nosuchuser/x' })).toMatch(/starts with "~nosuchuser", but this runner has no user "nosuchuser".*"\.\/~nosuchuser"/)
    expect(messageFor('audit-dir', { 'audit-dir': '~nosuchuser' })).toMatch(/no user "nosuchuser"/)
    // A key prefix is not a directory: "~x/" is a prefix like any other.
    expect(parseConfig(raw({ 'storage-type': 's3', bucket: 'backups', path: '~nosuchuser/x' })).storage.path).toBe('~nosuchuser/x')
    const workspace = withEnv({ GITHUB_WORKSPACE: '/w' }, () => parseConfig(raw({ path: './~nosuchuser/x' })))
    expect(workspace.storage.path).toBe('/w/~nosuchuser/x')
  })

  test('a relative path is read from GITHUB_WORKSPACE and shown absolute', () => {
    const config = withEnv({ GITHUB_WORKSPACE: '/home/runner/work/app/app' }, () => parseInputs(raw({ path: 'backups', 'audit-dir': './audit' })))
    expect(config.storage.path).toBe('/home/runner/work/app/app/backups')
    expect(config.notify.auditDir).toBe('/home/runner/work/app/app/audit')
    expect(config.notices).toContain('path "backups" is the directory /home/runner/work/app/app/backups')
  })

  test('on a GitHub-hosted runner, local storage and the audit directory are warned about', () => {
    const config = withEnv({ RUNNER_ENVIRONMENT: 'github-hosted', RUNNER_TEMP: '/home/runner/work/_temp' }, () => parseInputs(raw()))
    expect(config.warnings).toEqual([
      expect.stringMatching(/^storage-type local keeps the backups in \/backups on a GitHub-hosted runner, which is deleted when the job ends/),
      expect.stringMatching(/^the audit record is written to \/home\/runner\/work\/_temp\/backup-notifications on a GitHub-hosted runner/)
    ])
  })

  test('on a self-hosted runner, nothing is warned about', () => {
    expect(withEnv({ RUNNER_ENVIRONMENT: 'self-hosted' }, () => parseInputs(raw())).warnings).toEqual([])
  })
})

describe('an input of another type is an error naming its type', () => {
  test.each([
    ['bucket', { bucket: 'backups' }, 'is only used with storage-type s3, gcs or azure-blob, not local: remove it or change storage-type'],
    ['s3-region', { 's3-region': 'eu-west-1' }, 'is only used with storage-type s3, not local: remove it or change storage-type'],
    ['azure-account-url', { 'storage-type': 's3', path: '', bucket: 'backups', 'azure-account-url': 'https://a.blob.core.windows.net' }, 'is only used with storage-type azure-blob, not s3: remove it or change storage-type']
  ])('%s', (input, overrides, message) => {
    expect(messageFor(input, overrides)).toBe(message)
  })
})

describe('db-url', () => {
  test('an unencoded special character gets the fix, without the value', () => {
    const message = messageFor('db-url', { 'db-url': 'postgres://app:pa/ss@db:5432/shop' })
    expect(message).toMatch(/percent-encoded \("@" as %40/)
    expect(message).toMatch(/or leave the password out of the URL and give it in db-password/)
    expect(message).not.toContain('pa/ss')
  })

  test('a password in both db-url and db-password is warned about; the URL one is used', () => {
    const config = parseConfig(raw({ 'db-url': 'postgres://app:fromurl@db/shop', 'db-password': 'frominput' }))
    expect(config.database.password).toBe('fromurl')
    expect(config.warnings).toContain('db-url and db-password both hold a password: the one in db-url is used; remove the other')
  })

  test('one password says nothing', () => {
    expect(parseConfig(raw({ 'db-url': 'postgres://app@db/shop', 'db-password': 'frominput' })).warnings).toEqual([])
  })
})

describe('the defaults the runner passes', () => {
  test('every default of action.yml together is a valid run of any type: an s3 default is not "given" with local', async () => {
    const { INPUT_DEFAULTS } = await import('../../src/config/defaults.js')
    expect(() => parseConfig(raw({ ...INPUT_DEFAULTS }))).not.toThrow()
    expect(messageFor('s3-checksum', { ...INPUT_DEFAULTS, 's3-checksum': 'sha256' })).toBe('is only used with storage-type s3, not local: remove it or change storage-type')
  })
})
