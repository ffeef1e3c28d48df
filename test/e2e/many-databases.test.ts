import { readdir, readFile, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { zstdDecompressSync } from 'node:zlib'
import { readJson, runAction, type ActionRun } from '../support/action.js'
import { seedShop as seedMariaDb, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { backupFiles, clientPath, restoredCounts, scratch, sha256Of, pastThisSecond } from '../support/e2e.js'

/** db-name a list or `*`: one verified backup per database of one server, and a `backups` output. */

interface BackupEntry {
  database: string
  backupName: string
  uri: string
  key: string
  sha256: string
  sizeBytes: number
}

interface ManyRecord {
  status: string
  failedStep: string
  error: string
  backup: unknown
  steps: { name: string; status: string; error?: string }[]
  databases: { database: string; backupName: string; status: string; failedStep: string; error: string; steps: { name: string; status: string }[] }[]
}

let pg: PostgresServer
let maria: MariaDbServer
const counts: Record<string, Record<string, number>> = {}

beforeAll(async () => {
  ;[pg, maria] = await Promise.all([startPostgres(), startMariaDb()])
  for (const name of ['shop', 'billing', 'analytics']) counts[name] = await seedShop(pg, name)
  for (const name of ['shop', 'billing', 'analytics']) await seedMariaDb(maria, name, 50)
})

afterAll(async () => {
  await Promise.all([pg?.stop(), maria?.stop()])
})

function pgInputs(store: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'db-type': 'postgresql',
    'db-host': pg.host,
    'db-port': String(pg.port),
    'db-user': pg.user,
    'db-password': pg.password,
    'storage-type': 'local',
    path: store,
    notify: 'console,file',
    ...extra
  }
}

/** Each entry of the backups output is a stored file whose SHA-256 and size it gives. */
async function expectStored(run: ActionRun, store: string): Promise<BackupEntry[]> {
  const entries = JSON.parse(run.outputs.backups) as BackupEntry[]
  for (const entry of entries) {
    const file = join(store, entry.key)
    expect(entry.uri).toBe(`file://${file}`)
    expect(entry.sha256).toBe(await sha256Of(file))
    expect(entry.sizeBytes).toBe((await stat(file)).size)
  }
  return entries
}

describe('db-name "*" on one PostgreSQL server', () => {
  test('three databases, three verified backups, each under <backup-name>-<database>, one row each in the summary', async () => {
    const store = await scratch('many-store')
    const run = await runAction({ ...pgInputs(store), 'db-name': '*', 'backup-name': 'prod', 'audit-dir': await scratch('many-audit') }, clientPath(pg))
    if (run.exitCode !== 0) throw new Error(`the backup failed:\n${run.stdout}\n${run.stderr}`)
    expect(run.outputs.status).toBe('SUCCESS')

    const entries = await expectStored(run, store)
    // postgres (the maintenance database) and the templates are left out.
    expect(entries.map((entry) => [entry.database, entry.backupName])).toEqual([
      ['analytics', 'prod-analytics'],
      ['billing', 'prod-billing'],
      ['shop', 'prod-shop']
    ])
    for (const entry of entries) expect(entry.key).toMatch(new RegExp(`^prod-${entry.database}-\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.dump\\.zst$`))
    expect((await backupFiles(store)).sort()).toEqual(entries.map((entry) => entry.key).sort())
    // Each one is a dump of its own database.
    for (const entry of entries) {
      expect(await restoredCounts(pg, join(store, entry.key), `${entry.database}_back`)).toEqual(counts[entry.database])
      await pg.sql('postgres', `DROP DATABASE ${entry.database}_back`)
      await rm(join(store, `${entry.key}.archive`), { force: true })
    }

    // The single-valued outputs describe one backup; with several they are empty.
    expect(run.outputs['backup-uri']).toBe('')
    expect(run.outputs['deleted-count']).toBe('0')

    const record = await readJson<ManyRecord>(run.outputs['audit-file'])
    expect(record.databases.map((database) => [database.database, database.status])).toEqual([
      ['analytics', 'SUCCESS'],
      ['billing', 'SUCCESS'],
      ['shop', 'SUCCESS']
    ])
    expect(record.databases.every((database) => database.steps.map((step) => step.status).join() === 'success,success,success,success')).toBe(true)
    expect(run.summary).toContain('<h3>Databases</h3>')
    for (const entry of entries) expect(run.summary).toContain(`<td>${entry.database}</td><td>${entry.backupName}</td><td>✅ success</td>`)
    for (const entry of entries) expect(run.summary).toContain(`<p>Restore the backup of "${entry.database}":</p>\n<pre><code>cat ${join(store, entry.key)} | zstd -dc | pg_restore`)
    expect(run.summary).toMatch(/3 of 3 succeeded/)

    // A second run: retention works per database, each series on its own. The first run's backups
    // are made to look stored an hour ago (retention spares what was stored moments ago: possibly another run's).
    const anHourAgo = new Date(Date.now() - 3_600_000)
    for (const name of await readdir(store)) await utimes(join(store, name), anHourAgo, anHourAgo)
    await pastThisSecond()
    const again = await runAction({ ...pgInputs(store), 'db-name': '*', 'backup-name': 'prod', 'max-backups': '1', 'audit-dir': await scratch('many-audit') }, clientPath(pg))
    expect(again.exitCode).toBe(0)
    expect(again.outputs['deleted-count']).toBe('3')
    const kept = (JSON.parse(again.outputs.backups) as BackupEntry[]).map((entry) => entry.key).sort()
    expect((await backupFiles(store)).sort()).toEqual(kept)
  }, 240_000)

  test('one database failing fails the run and is named; the others are still backed up', async () => {
    const store = await scratch('many-store')
    const run = await runAction({ ...pgInputs(store), 'db-name': 'shop\nno_such_db\nbilling', 'audit-dir': await scratch('many-audit') }, clientPath(pg))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs.status).toBe('FAILED')
    expect(run.outputs['failed-step']).toBe('take-snapshot')
    expect(run.stdout).toMatch(/Backup FAILED in take-snapshot: database "no_such_db": .*no_such_db/)

    const entries = await expectStored(run, store)
    expect(entries.map((entry) => entry.database)).toEqual(['shop', 'billing'])
    expect(entries.map((entry) => entry.backupName)).toEqual(['shop', 'billing'])
    expect((await backupFiles(store)).length).toBe(2)

    const record = await readJson<ManyRecord>(run.outputs['audit-file'])
    expect(record.databases.map((database) => [database.database, database.status, database.failedStep])).toEqual([
      ['shop', 'SUCCESS', ''],
      ['no_such_db', 'FAILED', 'take-snapshot'],
      ['billing', 'SUCCESS', '']
    ])
    expect(record.steps.find((step) => step.name === 'take-snapshot')?.error).toMatch(/^database "no_such_db": /)
    expect(run.summary).toContain('FAILED in take-snapshot: 1 of 3 databases failed')
  }, 240_000)

  test('"*" finds nothing to back up for a user who may connect to no database but those it leaves out: validate-config fails', async () => {
    await pg.sql('postgres', "CREATE ROLE lonely LOGIN PASSWORD 'lonely-pw'")
    const others = (await pg.sql('postgres', "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres'")).trim().split('\n')
    for (const name of others) await pg.sql('postgres', `REVOKE CONNECT ON DATABASE ${name} FROM PUBLIC`)
    try {
      const store = await scratch('many-store')
      const run = await runAction({ ...pgInputs(store), 'db-user': 'lonely', 'db-password': 'lonely-pw', 'db-name': '*', 'audit-dir': await scratch('many-audit') }, clientPath(pg))
      expect(run.exitCode).not.toBe(0)
      expect(run.outputs['failed-step']).toBe('validate-config')
      expect(run.stdout).toMatch(/input "db-name": "\*" found no database to back up: lonely can connect to only postgres/)
      expect(await backupFiles(store)).toEqual([])
    } finally {
      for (const name of others) await pg.sql('postgres', `GRANT CONNECT ON DATABASE ${name} TO PUBLIC`)
    }
  }, 120_000)
})

describe('db-name "*" on one MariaDB server', () => {
  test('three databases, three verified backups; the system databases are left out', async () => {
    const store = await scratch('many-store')
    const run = await runAction(
      {
        'db-type': 'mariadb',
        'db-host': maria.host,
        'db-port': String(maria.port),
        'db-user': maria.user,
        'db-password': maria.password,
        'db-name': '*',
        'storage-type': 'local',
        path: store,
        'restore-check': 'true',
        'audit-dir': await scratch('many-audit')
      }
    )
    if (run.exitCode !== 0) throw new Error(`the backup failed:\n${run.stdout}\n${run.stderr}`)
    const entries = await expectStored(run, store)
    // restore-check: each dump was restored into a scratch database and compared, or the run would have failed.
    expect(entries.map((entry) => entry.database)).toEqual(['analytics', 'billing', 'shop'])
    for (const entry of entries) expect(entry.key).toMatch(new RegExp(`^${entry.database}-\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.sql\\.zst$`))
  }, 240_000)
})

/**
 * Databases whose names cannot each name a series of their own: `*` has no letter or digit, and
 * `shop/eu` would be stored as `shop-eu`, the series of the database `shop-eu`. Each of those is
 * refused, named; every other database is still backed up, and the run is red.
 */
const AWKWARD = ['*', 'shop/eu', 'shop-eu', 'ok']

/** The decompressed bytes of a stored `.zst` backup. */
async function unpacked(file: string): Promise<string> {
  return zstdDecompressSync(await readFile(file)).toString('latin1')
}

async function expectAwkwardOutcome(run: ActionRun, store: string, others: string[]): Promise<void> {
  expect(run.exitCode).not.toBe(0)
  expect(run.outputs.status).toBe('FAILED')
  expect(run.outputs['failed-step']).toBe('validate-config')

  // The good ones are stored, each a dump of its own database.
  const entries = await expectStored(run, store)
  expect(entries.map((entry) => [entry.database, entry.backupName]).sort()).toEqual([...others, 'ok', 'shop-eu'].map((name) => [name, name]).sort())
  expect((await backupFiles(store)).sort()).toEqual(entries.map((entry) => entry.key).sort())
  for (const name of ['ok', 'shop-eu']) {
    const entry = entries.find((one) => one.database === name) as BackupEntry
    const text = await unpacked(join(store, entry.key))
    expect(text).toContain(`marker_${name.replace('-', '_')}`)
    expect(text).not.toContain('marker_shop_slash_eu')
  }

  // The awkward ones FAILED, named, in the audit record, the summary and the log.
  const record = await readJson<ManyRecord>(run.outputs['audit-file'])
  const byName = new Map(record.databases.map((database) => [database.database, database]))
  expect([...byName.keys()].sort()).toEqual([...others, ...AWKWARD].sort())
  expect(byName.get('*')).toMatchObject({ status: 'FAILED', failedStep: 'validate-config' })
  expect(byName.get('*')?.error).toMatch(/input "db-name": .*database "\*" .*no letter or digit/)
  expect(byName.get('shop/eu')).toMatchObject({ status: 'FAILED', failedStep: 'validate-config' })
  expect(byName.get('shop/eu')?.error).toMatch(/input "db-name": .*database "shop\/eu" would be stored as "shop-eu", .*database "shop-eu"/)
  for (const name of [...others, 'ok', 'shop-eu']) expect(byName.get(name)).toMatchObject({ status: 'SUCCESS', failedStep: '' })
  const validate = record.steps.find((step) => step.name === 'validate-config')
  expect(validate?.status).toBe('failed')
  expect(validate?.error).toMatch(/database "\*": .*; database "shop\/eu": /)
  expect(record.steps.find((step) => step.name === 'upload-to-storage')?.status).toBe('success')

  expect(run.summary).toContain(`FAILED in validate-config: 2 of ${others.length + AWKWARD.length} databases failed`)
  expect(run.summary).toMatch(/<tr><td>\*<\/td><td>[^<]*<\/td><td>❌ failed<\/td><td><strong>validate-config: input "db-name": [^<]*no letter or digit/)
  expect(run.summary).toMatch(/<tr><td>shop\/eu<\/td><td>[^<]*<\/td><td>❌ failed<\/td><td><strong>validate-config: input "db-name": [^<]*would be stored as "shop-eu"/)
  expect(run.summary).toContain('<tr><td>shop-eu</td><td>shop-eu</td><td>✅ success</td>')
  expect(run.stdout).toMatch(/Backup FAILED in validate-config: database "\*": /)
}

describe('db-name "*" with databases whose names cannot name a series of their own', () => {
  test('PostgreSQL: "*" and "shop/eu" (beside "shop-eu") fail, named; every other database is stored; the run is red', async () => {
    for (const name of AWKWARD) await pg.sql('postgres', `CREATE DATABASE "${name}"`)
    try {
      await pg.sql('shop/eu', 'CREATE TABLE marker_shop_slash_eu (id int); INSERT INTO marker_shop_slash_eu VALUES (1)')
      await pg.sql('shop-eu', 'CREATE TABLE marker_shop_eu (id int); INSERT INTO marker_shop_eu VALUES (1)')
      await pg.sql('ok', 'CREATE TABLE marker_ok (id int); INSERT INTO marker_ok VALUES (1)')
      const store = await scratch('many-store')
      const run = await runAction({ ...pgInputs(store), 'db-name': '*', 'audit-dir': await scratch('many-audit') }, clientPath(pg))
      await expectAwkwardOutcome(run, store, ['analytics', 'billing', 'shop'])
    } finally {
      for (const name of AWKWARD) await pg.sql('postgres', `DROP DATABASE IF EXISTS "${name}"`)
    }
  }, 240_000)

  test('MariaDB: the same', async () => {
    for (const name of AWKWARD) await maria.sql('mysql', `CREATE DATABASE \`${name}\``)
    try {
      await maria.sql('shop/eu', 'CREATE TABLE marker_shop_slash_eu (id INT); INSERT INTO marker_shop_slash_eu VALUES (1)')
      await maria.sql('shop-eu', 'CREATE TABLE marker_shop_eu (id INT); INSERT INTO marker_shop_eu VALUES (1)')
      await maria.sql('ok', 'CREATE TABLE marker_ok (id INT); INSERT INTO marker_ok VALUES (1)')
      const store = await scratch('many-store')
      const run = await runAction({
        'db-type': 'mariadb',
        'db-host': maria.host,
        'db-port': String(maria.port),
        'db-user': maria.user,
        'db-password': maria.password,
        'db-name': '*',
        'storage-type': 'local',
        path: store,
        'audit-dir': await scratch('many-audit')
      })
      await expectAwkwardOutcome(run, store, ['analytics', 'billing', 'shop'])
    } finally {
      for (const name of AWKWARD) await maria.sql('mysql', `DROP DATABASE IF EXISTS \`${name}\``)
    }
  }, 240_000)
})

test('PostgreSQL: a database name with a line break in it is found as the one database it is, and stored', async () => {
  const name = 'two\nlines'
  await pg.sql('postgres', `CREATE DATABASE "${name}"`)
  try {
    await pg.sql(name, 'CREATE TABLE marker_two_lines (id int); INSERT INTO marker_two_lines VALUES (1)')
    const store = await scratch('many-store')
    const run = await runAction({ ...pgInputs(store), 'db-name': '*', 'audit-dir': await scratch('many-audit') }, clientPath(pg))
    if (run.exitCode !== 0) throw new Error(`the backup failed:\n${run.stdout}\n${run.stderr}`)
    const entries = await expectStored(run, store)
    expect(entries.map((entry) => [entry.database, entry.backupName]).sort()).toEqual([
      ['analytics', 'analytics'],
      ['billing', 'billing'],
      ['shop', 'shop'],
      [name, 'two-lines']
    ])
    const entry = entries.find((one) => one.database === name) as BackupEntry
    expect(await unpacked(join(store, entry.key))).toContain('marker_two_lines')
  } finally {
    await pg.sql('postgres', `DROP DATABASE IF EXISTS "${name}"`)
  }
}, 240_000)

test('MariaDB: a database name with a backslash in it (which the client escapes in its --batch output) is found as it is, and stored', async () => {
  const name = 'back\\slash'
  await maria.sql('mysql', `CREATE DATABASE \`${name}\``)
  try {
    await maria.sql(name, 'CREATE TABLE marker_back_slash (id INT); INSERT INTO marker_back_slash VALUES (1)')
    const store = await scratch('many-store')
    const run = await runAction({
      'db-type': 'mariadb',
      'db-host': maria.host,
      'db-port': String(maria.port),
      'db-user': maria.user,
      'db-password': maria.password,
      'db-name': '*',
      'storage-type': 'local',
      path: store,
      'audit-dir': await scratch('many-audit')
    })
    if (run.exitCode !== 0) throw new Error(`the backup failed:\n${run.stdout}\n${run.stderr}`)
    const entries = await expectStored(run, store)
    expect(entries.map((entry) => [entry.database, entry.backupName]).sort()).toEqual([
      ['analytics', 'analytics'],
      [name, 'back-slash'],
      ['billing', 'billing'],
      ['shop', 'shop']
    ])
    const entry = entries.find((one) => one.database === name) as BackupEntry
    expect(await unpacked(join(store, entry.key))).toContain('marker_back_slash')
  } finally {
    await maria.sql('mysql', `DROP DATABASE IF EXISTS \`${name}\``)
  }
}, 240_000)
