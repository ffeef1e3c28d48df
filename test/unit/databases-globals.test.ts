import { backupNameFor, backupNames, databaseTargets, perDatabaseConfigs } from '../../src/config/databases.js'
import { parseConfig } from '../../src/config/parse.js'
import { parseRestoreConfig } from '../../src/config/restore.js'
import { ConfigError, type ConfigIssue } from '../../src/config/parse.js'
import type { RawInputs } from '../../src/config/types.js'
import { mergedSteps, storedBackups, totalRetention, databaseRun } from '../../src/report/databases.js'
import { outputsOf } from '../../src/report/outputs.js'
import type { BackupRecord, RunReport, StepResult } from '../../src/report/types.js'
import { globalsName, isGlobalsOf, parseBackupKey, identifyBackupKey } from '../../src/config/backup-keys.js'
import { configIssues, rawInputs } from '../support/fixtures.js'

function raw(overrides: Record<string, string> = {}): RawInputs {
  return rawInputs({ 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: '/backups', ...overrides })
}

/** The restore action's own inputs too, blank unless given. */
function restoreRaw(inputs: RawInputs): RawInputs {
  return { 'backup-key': '', 'restore-mode': '', 'restore-globals': '', ...inputs }
}

function restoreIssues(inputs: RawInputs): ConfigIssue[] {
  try {
    parseRestoreConfig(restoreRaw(inputs))
  } catch (error) {
    if (error instanceof ConfigError) return error.issues
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('db-name: one database, a list, or *', () => {
  test('one name is one backup under its own name, as before', () => {
    const config = parseConfig(raw())
    expect(config.databases).toEqual({ all: false, names: ['shop'], namePrefix: '' })
    expect(perDatabaseConfigs(config)).toEqual([config])
  })

  test('a comma or newline list gives one config per database, each stored as <database> without backup-name', () => {
    const config = parseConfig(raw({ 'db-name': 'shop, billing\nanalytics\n, shop' }))
    expect(config.databases.names).toEqual(['shop', 'billing', 'analytics'])
    const each = perDatabaseConfigs(config)
    expect(each.map((one) => [one.database.name, one.backupName])).toEqual([
      ['shop', 'shop'],
      ['billing', 'billing'],
      ['analytics', 'analytics']
    ])
    expect(each.every((one) => one.databases.names.length === 1 && !one.databases.all)).toBe(true)
  })

  test('with backup-name, each database is stored as <backup-name>-<database>', () => {
    const each = perDatabaseConfigs(parseConfig(raw({ 'db-name': 'shop,billing', 'backup-name': 'prod' })))
    expect(each.map((one) => one.backupName)).toEqual(['prod-shop', 'prod-billing'])
  })

  test('characters a backup name cannot hold become "-"', () => {
    expect(backupNameFor('', 'sales db')).toBe('sales-db')
    expect(backupNameFor('prod', 'ünïcode_db')).toBe('prod-n-code_db')
  })

  test('* is every database, found when the run starts', () => {
    const config = parseConfig(raw({ 'db-name': '*', 'backup-name': 'prod' }))
    expect(config.databases).toEqual({ all: true, names: [], namePrefix: 'prod' })
    expect(config.backupName).toBe('prod')
  })

  test.each([
    ['* with a db-url that names a database', { 'db-name': '*', 'db-url': 'postgres://u:p@db/shop' }, /db-url names one database/],
    ['a list with a db-url that names a database', { 'db-name': 'a,b', 'db-url': 'postgres://u:p@db/shop' }, /db-url names one database/],
    ['* beside names', { 'db-name': '*, shop' }, /give it alone/],
    ['a list on redis', { 'db-type': 'redis', 'db-name': '0,1' }, /whole server/],
    ['two databases with one backup name', { 'db-name': 'sales db, sales-db' }, /database "sales db" would be stored as "sales-db", the backups of database "sales-db"/],
    ['a name with no letter or digit', { 'db-name': 'shop, @@@' }, /no letter or digit/],
    ['an option-like name in a list', { 'db-name': 'shop, -x' }, /must not start with "-"/]
  ])('%s fails validate-config naming db-name', (_case, overrides, message) => {
    const issues = configIssues(raw(overrides))
    expect(issues).toHaveLength(1)
    expect(issues[0].input).toBe('db-name')
    expect(issues[0].message).toMatch(message)
  })

  test('a backup-name collision: the database whose name is its backup name keeps the series, the other is refused, named', () => {
    const several = { all: true, names: [], namePrefix: '' }
    const { names, refused } = backupNames(several, ['shop/eu', 'shop-eu', '*', 'ok'])
    expect([...names]).toEqual([
      ['shop-eu', 'shop-eu'],
      ['ok', 'ok']
    ])
    expect(refused.map((one) => one.database)).toEqual(['shop/eu', '*'])
    expect(refused[0].reason).toMatch(/database "shop\/eu" would be stored as "shop-eu", the backups of database "shop-eu"/)
    expect(refused[1].reason).toMatch(/database "\*" has no letter or digit/)
    // Two names that both become "shop-eu", neither of them "shop-eu": both refused, whichever is listed first.
    for (const order of [['shop/eu', 'shop eu'], ['shop eu', 'shop/eu']]) {
      const both = backupNames(several, order)
      expect(both.names.size).toBe(0)
      expect(both.refused.map((one) => one.database)).toEqual(order)
    }
    // With backup-name, the same rule on <backup-name>-<database>.
    expect(backupNames({ ...several, namePrefix: 'prod' }, ['shop/eu', 'shop-eu']).refused.map((one) => one.database)).toEqual(['shop/eu'])
  })

  test('every database of "*", the refused ones in their place, each with its config or the reason', () => {
    const config = parseConfig(raw({ 'db-name': '*' }))
    const found = { ...config, databases: { ...config.databases, names: ['*', 'ok', 'shop-eu', 'shop/eu'] } }
    const targets = databaseTargets(found)
    expect(targets.map((target) => [target.database, target.config?.backupName ?? 'refused'])).toEqual([
      ['*', 'refused'],
      ['ok', 'ok'],
      ['shop-eu', 'shop-eu'],
      ['shop/eu', 'refused']
    ])
    expect(perDatabaseConfigs(found).map((one) => one.database.name)).toEqual(['ok', 'shop-eu'])
    // What the refusal advises for "*": the database in db-url's path, in a run of its own.
    const star = parseConfig(raw({ 'db-name': '', 'db-url': 'postgres://u:p@db/%2A', 'backup-name': 'star' }))
    expect([star.database.name, star.backupName, star.databases.all]).toEqual(['*', 'star', false])
  })

  test('* with a db-url without a database is accepted', () => {
    expect(parseConfig(raw({ 'db-name': '*', 'db-url': 'postgres://u:p@db:5432' })).databases.all).toBe(true)
  })

  test('a list of mongodb databases, or *, is accepted', () => {
    expect(parseConfig(raw({ 'db-type': 'mongodb', 'db-name': 'a,b' })).databases.names).toEqual(['a', 'b'])
    expect(parseConfig(raw({ 'db-type': 'mongodb', 'db-name': '*' })).databases.all).toBe(true)
    expect(configIssues(raw({ 'db-type': 'mongodb', 'db-name': '*', 'db-url': 'mongodb://h/shop' })).map((issue) => issue.input)).toEqual(['db-name'])
  })

  test('mongodb with a db-url: each database goes in the path, and the user still authenticates against admin', () => {
    const each = perDatabaseConfigs(parseConfig(raw({ 'db-type': 'mongodb', 'db-name': 'a,b', 'db-url': 'mongodb://u:p@h:27017/?tls=true' })))
    expect(each.map((one) => [one.database.name, one.database.params])).toEqual([
      ['a', { tls: 'true', authSource: 'admin' }],
      ['b', { tls: 'true', authSource: 'admin' }]
    ])
    const own = perDatabaseConfigs(parseConfig(raw({ 'db-type': 'mongodb', 'db-name': 'a,b', 'db-url': 'mongodb://u:p@h:27017/?authSource=users' })))
    expect(own[0].database.params).toEqual({ authSource: 'users' })
    expect(perDatabaseConfigs(parseConfig(raw({ 'db-type': 'mongodb', 'db-name': 'a,b' })))[0].database.params).toEqual({})
  })

  test('the restore action takes one target database', () => {
    const issues = restoreIssues(raw({ 'db-name': 'a,b' }))
    expect(issues.map((issue) => issue.input)).toEqual(['db-name'])
  })
})

describe('include-globals and restore-globals', () => {
  test('include-globals is read as a boolean for postgresql', () => {
    expect(parseConfig(raw({ 'include-globals': 'true' })).includeGlobals).toBe(true)
    expect(parseConfig(raw()).includeGlobals).toBe(false)
  })

  test.each(['mysql', 'mariadb', 'mongodb', 'redis'])('include-globals on %s fails validate-config naming it', (type) => {
    const issues = configIssues(raw({ 'db-type': type, 'include-globals': 'true' }))
    expect(issues.map((issue) => [issue.input, /postgresql only/.test(issue.message)])).toEqual([['include-globals', true]])
  })

  test('include-globals must be a boolean', () => {
    expect(configIssues(raw({ 'include-globals': 'roles' })).map((issue) => issue.input)).toEqual(['include-globals'])
  })

  test('restore-globals is refused for another engine', () => {
    expect(restoreIssues(raw({ 'db-type': 'mysql', 'restore-globals': 'true' })).map((issue) => issue.input)).toEqual(['restore-globals'])
    expect(parseRestoreConfig(restoreRaw(raw({ 'restore-globals': 'yes' }))).restoreGlobals).toBe(true)
  })

  test('restore-globals-existing-role-grants: off unless given, and only with restore-globals', () => {
    expect(parseRestoreConfig(restoreRaw(raw({ 'restore-globals': 'true' }))).restoreGlobalsExistingRoleGrants).toBe(false)
    expect(parseRestoreConfig(restoreRaw(raw({ 'restore-globals': 'true', 'restore-globals-existing-role-grants': 'true' }))).restoreGlobalsExistingRoleGrants).toBe(true)
    const alone = restoreIssues(raw({ 'restore-globals-existing-role-grants': 'true' }))
    expect(alone.map((issue) => [issue.input, /set restore-globals: true too/.test(issue.message)])).toEqual([['restore-globals-existing-role-grants', true]])
    expect(restoreIssues(raw({ 'restore-globals': 'true', 'restore-globals-existing-role-grants': 'all' })).map((issue) => issue.input)).toEqual(['restore-globals-existing-role-grants'])
  })
})

describe('the globals object is part of its backup', () => {
  const dump = 'nightly/shop-20261126T030405Z-0123abcd.dump.zst'
  const globals = 'nightly/shop-20261126T030405Z-0123abcd.globals.sql.zst'

  test('it is named after its dump, with the extension of its compression', () => {
    expect(globalsName(dump, '.zst')).toBe(globals)
    expect(globalsName('shop-20261126T030405Z-0123abcd.dump', '')).toBe('shop-20261126T030405Z-0123abcd.globals.sql')
    expect(() => globalsName('notes.txt', '')).toThrow(/not a backup name/)
  })

  test('retention never takes it for a backup, of postgresql or of an engine writing .sql', () => {
    for (const dbType of ['postgresql', 'mysql', 'mariadb'] as const) {
      expect(parseBackupKey(globals, { prefix: 'nightly', backupName: 'shop', dbType })).toBeUndefined()
    }
    expect(identifyBackupKey(globals, 'nightly')?.dbTypes).toEqual([])
  })

  test('it belongs to its dump only', () => {
    expect(isGlobalsOf(globals, dump)).toBe(true)
    expect(isGlobalsOf('nightly/shop-20261126T030405Z-0123abcd.globals.sql', dump)).toBe(true)
    expect(isGlobalsOf(dump, dump)).toBe(false)
    expect(isGlobalsOf('nightly/shop-20261126T030405Z-0123abce.globals.sql.zst', dump)).toBe(false)
    expect(isGlobalsOf('nightly/shop-20261126T030405Z-0123abcd.globals.sql.bak', dump)).toBe(false)
    expect(isGlobalsOf('nightly/shop-20261126T030405Z-0123abcd.other.sql.zst', dump)).toBe(false)
  })
})

describe('a run over several databases', () => {
  const step = (name: StepResult['name'], status: StepResult['status'], error?: string): StepResult => ({ name, status, durationMs: 10, figures: {}, ...(error ? { error } : {}) })
  const backup = (key: string): BackupRecord => ({ uri: `file:///b/${key}`, key, sha256: 'a'.repeat(64), sizeBytes: 1234, etag: '', versionId: '', throughputBytesPerSecond: 1 })
  const ok = databaseRun('shop', 'shop', [step('take-snapshot', 'success'), step('verify-integrity', 'success'), step('upload-to-storage', 'success'), step('cleanup-old-backups', 'success')], {
    backup: backup('shop-20261126T030405Z-0123abcd.dump.zst'),
    retention: { deletedCount: 2, freedBytes: 100, deletedKeys: ['x', 'y'], spared: [], kept: [] }
  })
  const broken = databaseRun('billing', 'billing', [step('take-snapshot', 'failed', 'pg_dump exited with 1: permission denied')], { backup: null, retention: null })

  test('a step failed for the run if it failed for any database, the error naming it', () => {
    const merged = mergedSteps([ok, broken], ['take-snapshot', 'verify-integrity'])
    expect(merged[0]).toMatchObject({ name: 'take-snapshot', status: 'failed', durationMs: 20, error: 'database "billing": pg_dump exited with 1: permission denied' })
    expect(merged[0].figures.databases).toBe('1 of 2 succeeded, failed: billing')
    expect(merged[1]).toMatchObject({ name: 'verify-integrity', status: 'success' })
    expect(broken).toMatchObject({ status: 'FAILED', failedStep: 'take-snapshot' })
  })

  test('retention adds up; the backups output lists each stored backup; the single-valued outputs are empty', () => {
    expect(totalRetention([ok, broken])).toMatchObject({ deletedCount: 2, freedBytes: 100 })
    const report = {
      status: 'FAILED',
      failedStep: 'take-snapshot',
      error: '',
      startedAt: '',
      finishedAt: '',
      durationMs: 5,
      backupName: 'postgresql',
      database: { type: 'postgresql', host: 'h', port: 5432, name: 'shop, billing' },
      storage: { type: 'local', bucket: '', path: '/b' },
      steps: [],
      backup: null,
      retention: totalRetention([ok, broken]),
      databases: [ok, broken],
      run: { repository: '', workflow: '', runId: '', runAttempt: '', runUrl: '', eventName: '', ref: '', sha: '' },
      auditFile: ''
    } satisfies RunReport
    expect(storedBackups(report)).toEqual([
      { database: 'shop', backupName: 'shop', uri: 'file:///b/shop-20261126T030405Z-0123abcd.dump.zst', key: 'shop-20261126T030405Z-0123abcd.dump.zst', sha256: 'a'.repeat(64), sizeBytes: 1234 }
    ])
    const outputs = outputsOf(report)
    expect(JSON.parse(outputs.backups)).toHaveLength(1)
    expect(outputs['backup-uri']).toBe('')
    expect(outputs['deleted-count']).toBe('2')
  })
})
