import fc from 'fast-check'
import { BACKUP_INPUTS } from '../../src/run/inputs.js'
import { ConfigError, parseConfig } from '../../src/config/parse.js'
import type { Config, RawInputs } from '../../src/config/types.js'
import { parseNotify } from '../../src/notify/settings.js'
import { rawInputs } from '../support/fixtures.js'

/** Properties of the config parser, over values no one would think to write by hand. */

const INPUT_NAMES = [...BACKUP_INPUTS]
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

/** Any text: ASCII, full Unicode, control characters, option-like and URL-like pieces. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '-', '--file=/etc/x', '..', '%', '\n', '0', '65536', 'postgresql', 's3', 'local', 'webhook', 'https://h.example/x'),
  fc.tuple(fc.constantFrom('postgres://', 'mongodb://', 'mariadb://', 'redis://', 'https://'), fc.string({ unit: 'binary', maxLength: 30 })).map(([a, b]) => a + b)
)

/** As validate-config parses: the notification inputs by the channels, then the rest. */
function outcome(raw: RawInputs): Config | ConfigError {
  try {
    return parseConfig(raw, parseNotify(raw))
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
}

/** What a config hands to a dump tool as a name must never read as an option or break a line. */
function expectPlain(config: Config): void {
  for (const value of [config.database.name, config.database.user, config.database.host]) {
    expect(value.startsWith('-')).toBe(false)
    expect(CONTROL.test(value)).toBe(false)
  }
}

test('any inputs: a Config, or a ConfigError naming known inputs, one issue each; never another exception', () => {
  const inputs = fc.record(Object.fromEntries(INPUT_NAMES.map((name) => [name, anyText])) as Record<string, typeof anyText>)
  fc.assert(
    fc.property(inputs, (values) => {
      const result = outcome(rawInputs(values))
      if (result instanceof ConfigError) {
        expect(result.issues.length).toBeGreaterThan(0)
        for (const issue of result.issues) expect(INPUT_NAMES).toContain(issue.input)
        expect(new Set(result.issues.map((issue) => issue.input)).size).toBe(result.issues.length)
        expect(result.message).not.toContain('\n')
      } else {
        expectPlain(result)
      }
    }),
    { numRuns: 1500 }
  )
})

const base = { 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: '/backups' }

test('a db-url built from any user, password and database name: decoded exactly, or refused; never an option-like name', () => {
  const part = fc.string({ unit: 'binary', maxLength: 20 })
  fc.assert(
    fc.property(fc.constantFrom('postgresql', 'mariadb', 'mongodb', 'redis'), part, part, part, (type, user, password, name) => {
      const scheme = { postgresql: 'postgres', mariadb: 'mariadb', mongodb: 'mongodb', redis: 'redis' }[type]
      const url = `${scheme}://${encodeURIComponent(user)}:${encodeURIComponent(password)}@db.internal:4000/${encodeURIComponent(name)}`
      const result = outcome(rawInputs({ ...base, 'db-type': type, 'db-url': url }))
      if (result instanceof ConfigError) {
        expect(result.issues.map((issue) => issue.input)).toEqual(['db-url'])
        return
      }
      expectPlain(result)
      expect(result.database).toMatchObject({ host: 'db.internal', port: 4000 })
      if (password) expect(result.database.password).toBe(password)
      if (user) expect(result.database.user).toBe(user)
      if (name) expect(result.database.name).toBe(name)
    }),
    { numRuns: 1500 }
  )
})

test('a MongoDB password written raw, commas and "@" included, stays the password and never becomes the host', () => {
  const raw = fc.string({ unit: fc.constantFrom(...'abcXYZ019,@!$&*+;=-._~'.split('')), minLength: 1, maxLength: 24 })
  fc.assert(
    fc.property(raw, fc.boolean(), (password, seedList) => {
      const hosts = seedList ? 'a.internal:27017,b.internal:27018' : 'a.internal:27017'
      const config = parseConfig(rawInputs({ ...base, 'db-type': 'mongodb', 'db-name': '', 'db-url': `mongodb://backup:${password}@${hosts}/shop` }))
      expect(config.database.password).toBe(password)
      expect(config.database.host).toBe(seedList ? hosts : 'a.internal')
    }),
    { numRuns: 500 }
  )
})

test('a secret is never shown in an error, whatever else is wrong', () => {
  const secret = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')), minLength: 12, maxLength: 24 }).map((s) => `Zq${s}`)
  fc.assert(
    fc.property(secret, anyText, anyText, fc.constantFrom(...INPUT_NAMES), (value, noise, db, broken) => {
      const raw = rawInputs({
        ...base,
        [broken]: noise,
        'db-password': value,
        'db-url': `postgres://u:${value}@${db}/shop`,
        notify: 'webhook',
        'webhook-url': `https://hooks.example/${value}`,
        'azure-connection-string': `AccountName=a;AccountKey=${value}`
      })
      const result = outcome(raw)
      if (result instanceof ConfigError) expect(result.message).not.toContain(value)
    }),
    { numRuns: 1000 }
  )
})

test('db-port: every whole number from 1 to 65535 is that port; anything else is refused naming db-port', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 65535 }), (port) => {
      const config = parseConfig(rawInputs({ ...base, 'db-port': String(port) }))
      expect(config.database.port).toBe(port)
    })
  )
  fc.assert(
    fc.property(fc.oneof(fc.integer({ min: 65536 }).map(String), fc.integer({ max: 0 }).map(String), fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && !/^\s*\d+\s*$/.test(s))), (port) => {
      const result = outcome(rawInputs({ ...base, 'db-port': port }))
      expect(result).toBeInstanceOf(ConfigError)
      expect((result as ConfigError).issues.map((issue) => issue.input)).toContain('db-port')
    })
  )
})
