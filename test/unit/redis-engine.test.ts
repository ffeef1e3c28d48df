import type { DatabaseConfig } from '../../src/config/types.js'
import { parseRestoreConfig } from '../../src/config/restore.js'
import { missingDatabasesText } from '../../src/engines/redis/restore.js'
import { scoreBytes } from '../../src/engines/redis/content.js'
import { rawInputs } from '../support/fixtures.js'
import { authEnv, connectionArgs, explainFailure, rdbVersion, redis } from '../../src/engines/redis/engine.js'

const database: DatabaseConfig = {
  type: 'redis',
  host: 'cache.internal',
  port: 6380,
  name: '',
  user: '',
  password: 'r3dis-pass!',
  params: {},
  urlProtocol: ''
}

describe('redis-cli arguments', () => {
  test('host and port, no password: that travels in REDISCLI_AUTH', () => {
    expect(connectionArgs(database)).toEqual(['-h', 'cache.internal', '-p', '6380'])
    expect(authEnv(database)).toEqual({ REDISCLI_AUTH: 'r3dis-pass!' })
    expect(authEnv({ ...database, password: '' })).toEqual({})
  })

  test('an ACL user with --user, a socket path with -s, an IPv6 address without brackets', () => {
    expect(connectionArgs({ ...database, user: 'backup' })).toEqual(['-h', 'cache.internal', '-p', '6380', '--user', 'backup'])
    expect(connectionArgs({ ...database, host: '/run/redis/redis.sock' })).toEqual(['-s', '/run/redis/redis.sock'])
    expect(connectionArgs({ ...database, host: '[::1]' })).toEqual(['-h', '::1', '-p', '6380'])
  })

  test('rediss:// asks for TLS, with its certificate parameters', () => {
    expect(connectionArgs({ ...database, urlProtocol: 'rediss:', params: { cacert: '/etc/ca.pem', sni: 'cache.example' } })).toEqual([
      '-h', 'cache.internal', '-p', '6380', '--tls', '--cacert', '/etc/ca.pem', '--sni', 'cache.example'
    ])
    expect(connectionArgs({ ...database, urlProtocol: 'rediss:', params: { insecure: 'true' } })).toContain('--insecure')
    expect(() => connectionArgs({ ...database, urlProtocol: 'redis:', params: { cacert: '/etc/ca.pem' } })).toThrow(/TLS parameters need a rediss:\/\/ URL/)
    expect(() => connectionArgs({ ...database, urlProtocol: 'redis:', params: { db: '2' } })).toThrow(/db-url parameter "db" is not supported for redis/)
  })

  test('the password is on no command line', () => {
    expect(connectionArgs({ ...database, user: 'backup', urlProtocol: 'rediss:' }).join(' ')).not.toContain(database.password)
  })
})

describe('redis-cli failures in words', () => {
  test.each([
    ['AUTH failed: WRONGPASS invalid username-password pair or user is disabled.', /^authentication failed/],
    ['SYNC with master failed: -NOAUTH Authentication required.', /requires a password/],
    ["SYNC with master failed: -NOPERM this user has no permissions to run the 'sync' command", /^the server refused SYNC\/replication: .*may not run SYNC/],
    ["SYNC with master failed: -ERR unknown command 'SYNC', with args beginning with: ", /^the server refused SYNC\/replication: managed Redis services .* often block it/],
    ['Could not connect to Redis at cache.internal:6380: Connection refused', /^cannot connect to the server at cache\.internal:6380/]
  ])('%s', (stderr, meaning) => {
    expect(explainFailure(stderr, database)).toMatch(meaning)
  })
})

describe('RDB header', () => {
  test('REDIS and a four-digit version', () => {
    expect(rdbVersion(Buffer.from('REDIS0011\xfa\x09redis-ver', 'latin1'))).toBe(11)
    expect(rdbVersion(Buffer.from('REDIS0006'))).toBe(6)
    expect(() => rdbVersion(Buffer.from('PGDMP\x01\x0e\x00\x04'))).toThrow(/REDIS magic/)
    expect(() => rdbVersion(Buffer.from('REDIS'))).toThrow(/REDIS magic/)
  })

  test('the extension tells the compression', () => {
    expect(redis.fileExtension({ name: 'zstd', level: 1 })).toBe('rdb.zst')
    expect(redis.fileExtension({ name: 'gzip', level: 6 })).toBe('rdb.gz')
    expect(redis.fileExtension({ name: 'none', level: 0 })).toBe('rdb')
  })
})

describe('accept-unrestored-redis-functions', () => {
  const restoreRaw = (extra: Record<string, string> = {}) =>
    rawInputs({ 'db-type': 'redis', 'db-host': 'cache.internal', 'storage-type': 'local', path: '/backups', 'backup-key': '', 'restore-mode': '', 'restore-globals': '', ...extra })

  test('off unless given; true or false otherwise, and anything else is named', () => {
    expect(parseRestoreConfig(restoreRaw()).acceptUnrestoredRedisFunctions).toBe(false)
    expect(parseRestoreConfig(restoreRaw({ 'accept-unrestored-redis-functions': 'true' })).acceptUnrestoredRedisFunctions).toBe(true)
    expect(() => parseRestoreConfig(restoreRaw({ 'accept-unrestored-redis-functions': 'sometimes' }))).toThrow(/accept-unrestored-redis-functions/)
  })
})

describe('the refusal of a target with too few databases', () => {
  test('names every database of the backup, those the target lacks, and the setting it needs', () => {
    expect(missingDatabasesText([20, 0, 31], [31, 20], 16)).toMatch(
      /keys in database 20 \(SELECT 20\), but the target has databases 0 to 15 \(databases 16\); the backup holds keys in databases 0, 20, 31, of which the target lacks 20, 31: the target needs `databases 32` or more/
    )
    expect(missingDatabasesText([5], [5], undefined)).toMatch(/but the target has no such database; the backup holds keys in database 5, of which the target lacks 5: the target needs `databases 6`/)
  })
})

describe('sorted set scores as float64', () => {
  test('the text of any version gives the same bytes', () => {
    expect(scoreBytes('0.10000000000000001')).toEqual(scoreBytes('0.1'))
    expect(scoreBytes('inf')).toEqual(scoreBytes('+inf'))
    expect(scoreBytes('-inf').readDoubleBE()).toBe(-Infinity)
    expect(() => scoreBytes('nan')).toThrow(/not a number/)
  })
})
