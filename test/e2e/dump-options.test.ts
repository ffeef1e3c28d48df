import { readdir } from 'node:fs/promises'
import { runAction } from '../support/action.js'
import { clientPath, scratch, connectionInputs } from '../support/e2e.js'
import { rowCounts as mariaRowCounts, schemaObjects, seedShop as seedMaria, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { seedShop as seedPostgres, startPostgres, type PostgresServer } from '../support/postgres.js'
import { backup, expectRestored, restore } from '../support/restore.js'

/**
 * tables, exclude-tables and dump-args, the backup and restore bundles run as the runner runs
 * them: a table left out is absent after the restore, the others hold the same rows; the summary
 * shows the command that ran; a refused argument stops the run before anything is dumped.
 */

let pg: PostgresServer
let maria: MariaDbServer
let pgCounts: Record<string, number>
let mariaCounts: Record<string, number>

beforeAll(async () => {
  ;[pg, maria] = await Promise.all([startPostgres(), startMariaDb()])
  ;[pgCounts, mariaCounts] = await Promise.all([seedPostgres(pg, 'shop'), seedMaria(maria, 'shop', 300)])
})

afterAll(async () => {
  await Promise.all([pg?.stop(), maria?.stop()])
})

function pgInputs(database: string, store: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...connectionInputs('postgresql', pg, database),
    'backup-name': 'shop',
    'storage-type': 'local',
    path: store,
    notify: 'console,file',
    ...extra
  }
}

function mariaInputs(database: string, store: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...connectionInputs('mariadb', maria, database),
    'backup-name': 'shop',
    'storage-type': 'local',
    path: store,
    notify: 'console,file',
    ...extra
  }
}

/** Each table of a PostgreSQL database's public schema with its row count. */
async function pgTableRows(database: string): Promise<Record<string, number>> {
  const tables = (await pg.sql(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).trim().split('\n').filter(Boolean)
  const counts: Record<string, number> = {}
  for (const table of tables) counts[table] = Number((await pg.sql(database, `SELECT count(*) FROM ${table}`)).trim())
  return counts
}

/** Each base table of a MariaDB database with its row count. */
async function mariaTableRows(database: string): Promise<Record<string, number>> {
  const tables = (await maria.sql(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1"))
    .trim()
    .split('\n')
    .filter(Boolean)
  const counts: Record<string, number> = {}
  for (const table of tables) counts[table] = Number((await maria.sql(database, `SELECT COUNT(*) FROM ${table}`)).trim())
  return counts
}

describe('exclusions and dump arguments, backed up and restored', () => {
  test('PostgreSQL: exclude-tables leaves events out; the restored database holds the other tables, row for row; the summary shows the command', async () => {
    const store = await scratch('store')
    const made = await backup(pgInputs('shop', store, { 'exclude-tables': 'event*', 'dump-args': '--no-owner --lock-wait-timeout 30s' }), clientPath(pg))
    expect(made.summary).toContain('--exclude-table=event*')
    expect(made.summary).toMatch(/command: \S*pg_dump --format=custom .*--no-owner --lock-wait-timeout 30s/)
    expect(made.summary).not.toContain(pg.password)

    await pg.sql('postgres', 'CREATE DATABASE restored_excluded')
    const { run, record } = await restore(pgInputs('restored_excluded', store), clientPath(pg))
    expectRestored(run, record)
    const { events, ...kept } = pgCounts
    expect(events).toBeGreaterThan(0)
    expect(await pgTableRows('restored_excluded')).toEqual(kept)
  })

  test('PostgreSQL: tables keeps only the tables named', async () => {
    const store = await scratch('store')
    await backup(pgInputs('shop', store, { tables: 'customers\norders' }), clientPath(pg))
    await pg.sql('postgres', 'CREATE DATABASE restored_chosen')
    const { run, record } = await restore(pgInputs('restored_chosen', store), clientPath(pg))
    expectRestored(run, record)
    expect(await pgTableRows('restored_chosen')).toEqual({ customers: pgCounts.customers, orders: pgCounts.orders })
  })

  test('MariaDB: exclude-tables leaves audit_log out (--ignore-table); the restored database holds the other tables, row for row', async () => {
    const store = await scratch('store')
    const made = await backup(mariaInputs('shop', store, { 'exclude-tables': 'audit_log', 'dump-args': '--skip-dump-date' }))
    expect(made.summary).toMatch(/command: \S*(mariadb-dump|mysqldump) .*--ignore-table=shop\.audit_log --skip-dump-date -- shop/)
    expect(made.summary).not.toContain(maria.password)

    await maria.sql('mysql', 'CREATE DATABASE restored_excluded')
    const { run, record } = await restore(mariaInputs('restored_excluded', store))
    expectRestored(run, record)
    const { audit_log: auditLog, ...kept } = mariaCounts
    expect(auditLog).toBeGreaterThan(0)
    expect(await mariaTableRows('restored_excluded')).toEqual(kept)
    expect(await mariaRowCounts(maria, 'shop')).toEqual(mariaCounts)
  })

  test('MariaDB: tables keeps only the tables named (after the database name)', async () => {
    const store = await scratch('store')
    await backup(mariaInputs('shop', store, { tables: 'customers, shop.orders' }))
    await maria.sql('mysql', 'CREATE DATABASE restored_chosen')
    const { run, record } = await restore(mariaInputs('restored_chosen', store))
    expectRestored(run, record)
    expect(await mariaTableRows('restored_chosen')).toEqual({ customers: mariaCounts.customers, orders: mariaCounts.orders })
    // Routines and events are the database's, and come along; triggers with their tables; the view was not named.
    expect(await schemaObjects(maria, 'restored_chosen')).toEqual(['event nightly_cleanup', 'routine customer_count', 'trigger orders_audit'])
  })

  test('a refused dump-args fails validate-config, naming the input: nothing is dumped or stored', async () => {
    const store = await scratch('store')
    const run = await runAction({ ...pgInputs('shop', store, { 'dump-args': '--no-owner -f /tmp/elsewhere.dump' }), 'audit-dir': await scratch('audit') }, clientPath(pg))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('validate-config')
    expect(run.stdout).toContain('input "dump-args": -f is refused for pg_dump')
    expect(await readdir(store)).toEqual([])
  })
})
