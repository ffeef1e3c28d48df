import { parseConfig } from '../../src/config/parse.js'
import type { RawInputs } from '../../src/config/types.js'
import { configIssues, rawInputs } from '../support/fixtures.js'
import type { DbType } from '../../src/engines/catalog.js'
import { parseBackupKey } from '../../src/config/backup-keys.js'

function raw(overrides: Record<string, string> = {}): RawInputs {
  return rawInputs({ 'storage-type': 'local', path: '/backups', ...overrides })
}

const issuesOf = configIssues

describe('engine inputs', () => {
  test('without backup-name, a backup is named after its database; a Redis database, an index, after the engine and the index', () => {
    expect(parseConfig(raw({ 'db-type': 'postgresql', 'db-name': 'shop orders' })).backupName).toBe('shop-orders')
    expect(parseConfig(raw({ 'db-type': 'redis' })).backupName).toBe('redis')
    expect(parseConfig(raw({ 'db-url': 'redis://cache.internal:6379/2' })).backupName).toBe('redis-db2')
    expect(parseConfig(raw({ 'db-type': 'redis', 'backup-name': 'sessions' })).backupName).toBe('sessions')
  })

  test('restore-check is accepted for every engine, and must be true or false', () => {
    expect(parseConfig(raw({ 'db-type': 'postgresql', 'db-name': 'shop', 'restore-check': 'true' })).restoreCheck).toBe(true)
    expect(parseConfig(raw({ 'db-type': 'postgresql', 'db-name': 'shop' })).restoreCheck).toBe(false)
    expect(parseConfig(raw({ 'db-type': 'mariadb', 'db-name': 'shop', 'restore-check': 'true' })).restoreCheck).toBe(true)
    expect(parseConfig(raw({ 'db-type': 'redis', 'restore-check': 'true' })).restoreCheck).toBe(true)
    expect(parseConfig(raw({ 'db-type': 'mongodb', 'restore-check': 'true' })).restoreCheck).toBe(true)
    expect(issuesOf(raw({ 'db-type': 'postgresql', 'db-name': 'shop', 'restore-check': 'yes please' }))[0]).toMatchObject({ input: 'restore-check', message: expect.stringMatching(/true, false or source/) })
  })

  test('restore-check source is PostgreSQL only, and is a restore-check too', () => {
    expect(parseConfig(raw({ 'db-type': 'postgresql', 'db-name': 'shop', 'restore-check': 'Source' }))).toMatchObject({ restoreCheck: true, sourceCheck: true })
    expect(parseConfig(raw({ 'db-type': 'postgresql', 'db-name': 'shop', 'restore-check': 'true' }))).toMatchObject({ restoreCheck: true, sourceCheck: false })
    expect(issuesOf(raw({ 'db-type': 'mariadb', 'db-name': 'shop', 'restore-check': 'source' }))).toEqual([
      { input: 'restore-check', message: "source (comparing the dump with the database read in the dump's own snapshot) is supported for postgresql, not mariadb: use true" }
    ])
  })

  test('default ports and whether db-name is required', () => {
    expect(parseConfig(raw({ 'db-type': 'mysql', 'db-name': 'shop' })).database.port).toBe(3306)
    expect(parseConfig(raw({ 'db-type': 'mariadb', 'db-name': 'shop' })).database.port).toBe(3306)
    expect(parseConfig(raw({ 'db-type': 'mongodb' })).database.port).toBe(27017)
    expect(parseConfig(raw({ 'db-type': 'redis' })).database.port).toBe(6379)
    expect(parseConfig(raw({ 'db-type': 'redis' })).backupName).toBe('redis')
    expect(issuesOf(raw({ 'db-type': 'mariadb' }))).toEqual([{ input: 'db-name', message: 'is required for db-type mariadb (or give the database in db-url)' }])
    expect(issuesOf(raw({ 'db-type': 'mysql' }))[0].input).toBe('db-name')
  })

  test('compression defaults to zstd level 1 for every engine, takes a level, is read case-insensitively, and a wrong value names the input', () => {
    for (const type of ['postgresql', 'mariadb', 'redis']) {
      expect(parseConfig(raw({ 'db-type': type, 'db-name': 'shop' })).compression).toEqual({ name: 'zstd', level: 1 })
    }
    expect(parseConfig(raw({ 'db-type': 'mariadb', 'db-name': 'shop', compression: ' ZSTD:7 ' })).compression).toEqual({ name: 'zstd', level: 7 })
    expect(parseConfig(raw({ 'db-type': 'postgresql', 'db-name': 'shop', compression: 'gzip' })).compression).toEqual({ name: 'gzip', level: 6 })
    expect(parseConfig(raw({ 'db-type': 'mariadb', 'db-name': 'shop', compression: 'none' })).compression).toEqual({ name: 'none', level: 0 })
    expect(issuesOf(raw({ 'db-type': 'mariadb', 'db-name': 'shop', compression: 'brotli' }))).toEqual([
      { input: 'compression', message: 'must be one of zstd, gzip, none, optionally with a level (zstd:3, gzip:6) (got "brotli")' }
    ])
    expect(issuesOf(raw({ 'db-type': 'mariadb', 'db-name': 'shop', compression: 'gzip:12' }))).toEqual([
      { input: 'compression', message: 'the gzip level must be 1-9 (got "gzip:12")' }
    ])
  })

  test.each([
    ['mysql', 'mysql://backup:s%40cret@db.internal:3307/shop', { host: 'db.internal', port: 3307, name: 'shop', user: 'backup', password: 's@cret' }],
    ['mysql', 'mariadb://backup:x@db.internal/shop', { port: 3306, name: 'shop' }],
    ['mariadb', 'mysql://backup:x@db.internal/shop?ssl-ca=/etc/ca.pem', { params: { 'ssl-ca': '/etc/ca.pem' } }],
    ['redis', 'rediss://default:pw@cache.example:6380', { host: 'cache.example', port: 6380, urlProtocol: 'rediss:', password: 'pw' }],
    ['redis', 'redis://:pw@cache.example', { port: 6379, user: '', password: 'pw' }],
    ['mongodb', 'mongodb+srv://backup:pw@cluster0.example.net/shop?retryWrites=true', { host: 'cluster0.example.net', name: 'shop', urlProtocol: 'mongodb+srv:' }],
    ['mongodb', 'mongodb://backup:pw@db.internal:27018/?authSource=admin', { port: 27018, name: '', params: { authSource: 'admin' } }],
    ['mongodb', 'mongodb://backup:p%40w@a.internal:27017,b.internal:27018/shop?replicaSet=rs0', { host: 'a.internal:27017,b.internal:27018', user: 'backup', password: 'p@w', name: 'shop', params: { replicaSet: 'rs0' } }]
  ])('%s accepts db-url %s', (type, url, expected) => {
    expect(parseConfig(raw({ 'db-type': type, 'db-url': url })).database).toMatchObject(expected)
  })

  test.each([
    ['mariadb', 'postgres://u:p@h/db', /must start with mariadb:\/\/ or mysql:\/\//],
    ['redis', 'http://cache.example', /must start with redis:\/\/ or rediss:\/\//],
    ['mongodb', 'mysql://u:p@h/db', /must start with mongodb:\/\/ or mongodb\+srv:\/\//]
  ])('%s refuses db-url %s', (type, url, rule) => {
    const issues = issuesOf(raw({ 'db-type': type, 'db-url': url, 'db-name': 'x' }))
    expect(issues[0].input).toBe('db-url')
    expect(issues[0].message).toMatch(rule)
  })

  test('retention recognises every extension the new engines write, and nothing like them', () => {
    const series = (dbType: DbType) => ({ prefix: '', backupName: 'shop', dbType })
    for (const [extension, dbType] of [['sql.gz', 'mariadb'], ['sql.zst', 'mysql'], ['sql', 'mariadb'], ['rdb', 'redis'], ['archive.gz', 'mongodb']] as const) {
      expect(parseBackupKey(`shop-20260101T000000Z-0123abcd.${extension}`, series(dbType))?.time).toEqual(new Date('2026-01-01T00:00:00Z'))
    }
    for (const name of ['shop-20260101T000000Z-0123abcd.sql.bz2', 'shop-20260101T000000Z-0123abcd.gz', 'shop-20260101T000000Z-0123abcd.sql.gz.bak']) {
      expect(parseBackupKey(name, series('mariadb'))).toBeUndefined()
    }
  })
})
