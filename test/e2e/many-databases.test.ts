import { readdir, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
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
