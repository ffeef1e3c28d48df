import { readFile } from 'node:fs/promises'
import { rowCounts, seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { clientPath, connectionInputs, scratch } from '../support/e2e.js'
import { backup, expectRestored, expectRestoreFailed, restore } from '../support/restore.js'
import type { AuditRecord } from '../support/e2e.js'

/**
 * What a PostgreSQL restore keeps besides rows (issue 22): owners, grants and default privileges,
 * the database's comment and settings, and a failure that leaves the target as it was. Backups
 * made with the backup bundle, restored with the restore bundle, into real servers.
 */

let source: PostgresServer
/** A second server without the source's roles. */
let bare: PostgresServer
let store: string
let sourceCounts: Record<string, number>

const COMMENT = "the shop's database, 'quoted' and \\ backslashed"

beforeAll(async () => {
  ;[source, bare] = await Promise.all([startPostgres(), startPostgres()])
  sourceCounts = await seedShop(source, 'shop')
  await source.sql(
    'shop',
    `CREATE ROLE app_owner NOLOGIN;
     CREATE ROLE "Reporting team" NOLOGIN;
     CREATE ROLE limited NOLOGIN;
     ALTER TABLE customers OWNER TO app_owner;
     GRANT SELECT ON orders TO "Reporting team";
     GRANT SELECT (id, name) ON customers TO limited;
     ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA public GRANT SELECT ON TABLES TO limited;
     ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
     CREATE POLICY small_orders ON orders TO "Reporting team" USING (total < 100);
     CREATE INDEX orders_total_idx ON orders (total);
     COMMENT ON DATABASE shop IS '${COMMENT.replace(/'/g, "''")}';
     ALTER DATABASE shop SET search_path TO 'app', 'public';
     ALTER DATABASE shop SET work_mem TO '8MB';`
  )
  store = await scratch('fidelity-store')
  await backup({ ...connectionInputs('postgresql', source, 'shop'), 'backup-name': 'shop', 'storage-type': 'local', path: store }, clientPath(source))
}, 120_000)

afterAll(async () => {
  await source?.stop()
  await bare?.stop()
})

function restoreInputs(server: PostgresServer, database: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...connectionInputs('postgresql', server, database), 'backup-name': 'shop', 'storage-type': 'local', path: store, ...extra }
}

function restoreFigures(record: AuditRecord): Record<string, unknown> {
  return record.steps.find((step) => step.name === 'restore-database')?.figures ?? {}
}

const tableCount = async (server: PostgresServer, database: string): Promise<string> =>
  (await server.sql(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).trim()

describe('PostgreSQL restore: owners, grants, database settings, atomicity', () => {
  test('owners, grants, column grants, default privileges and policies come back when the roles exist on the target', async () => {
    await source.sql('postgres', 'CREATE DATABASE shop_owned')
    const { run, record } = await restore(restoreInputs(source, 'shop_owned'), clientPath(source))
    expectRestored(run, record)
    expect(await rowCounts(source, 'shop_owned')).toEqual(sourceCounts)
    expect((await source.sql('shop_owned', "SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).trim().split('\n')).toEqual([
      `customers|app_owner`,
      `events|${source.user}`,
      `orders|${source.user}`
    ])
    expect((await source.sql('shop_owned', "SELECT has_table_privilege('Reporting team', 'orders', 'SELECT'), has_column_privilege('limited', 'customers', 'name', 'SELECT'), has_column_privilege('limited', 'customers', 'email', 'SELECT')")).trim()).toBe('t|t|f')
    expect((await source.sql('shop_owned', "SELECT pg_get_userbyid(defaclrole), defaclacl::text FROM pg_default_acl")).trim()).toBe('app_owner|{limited=r/app_owner}')
    expect((await source.sql('shop_owned', 'SELECT policyname, roles::text FROM pg_policies')).trim()).toBe('small_orders|{"Reporting team"}')
    expect(restoreFigures(record)['owners and grants']).toMatch(/^restored: owners of \d+ objects and \d+ GRANT\/REVOKE statements, 4 roles \("Reporting team", app_owner, backup_admin, limited\)$/)
  }, 120_000)

  test("the database's comment and ALTER DATABASE … SET settings are put on the target under its own name, and nowhere else", async () => {
    await source.sql('postgres', 'CREATE DATABASE shop_settings')
    const { run, record } = await restore(restoreInputs(source, 'shop_settings'), clientPath(source))
    expectRestored(run, record)
    expect((await source.sql('postgres', "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = 'shop_settings'")).trim()).toBe(COMMENT)
    expect((await source.sql('postgres', "SELECT setconfig::text FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE datname = 'shop_settings' AND setrole = 0")).trim()).toBe(
      '{"search_path=app, public",work_mem=8MB}'
    )
    expect(restoreFigures(record)['database settings']).toBe('restored onto "shop_settings": comment and settings search_path, work_mem')
    // The source's own database is untouched, and so is every other.
    expect((await source.sql('postgres', "SELECT count(*) FROM pg_db_role_setting WHERE setrole = 0")).trim()).toBe(String(await countSettingDatabases(source)))
  }, 120_000)

  test('without the roles on the target: fails before anything is restored, naming the missing roles; restore-ownership: skip restores and says what was left out', async () => {
    await bare.sql('postgres', 'CREATE DATABASE shop_bare')
    // A policy names its roles even without owners and grants: skip cannot help.
    const noPolicyRole = await restore(restoreInputs(bare, 'shop_bare', { 'restore-ownership': 'skip' }), clientPath(bare))
    expectRestoreFailed(noPolicyRole.run, noPolicyRole.record, 'restore-database', /row-level security policies name roles the target does not have: "Reporting team": nothing was restored/)
    expect(await tableCount(bare, 'shop_bare')).toBe('0')

    await bare.sql('postgres', 'CREATE ROLE "Reporting team" NOLOGIN')
    const refused = await restore(restoreInputs(bare, 'shop_bare'), clientPath(bare))
    expectRestoreFailed(refused.run, refused.record, 'restore-database', /owners and grants name roles the target does not have: app_owner, limited: nothing was restored.*restore-ownership: skip/)
    expect(await tableCount(bare, 'shop_bare')).toBe('0')

    const skipped = await restore(restoreInputs(bare, 'shop_bare', { 'restore-ownership': 'skip', 'restore-database-settings': 'skip' }), clientPath(bare))
    expectRestored(skipped.run, skipped.record)
    expect(await rowCounts(bare, 'shop_bare')).toEqual(sourceCounts)
    const figures = restoreFigures(skipped.record)
    expect(figures['owners and grants']).toMatch(
      /^not restored \(restore-ownership: skip\): owners of \d+ objects and \d+ GRANT\/REVOKE statements \(roles the target does not have: app_owner, limited\); every object is owned by backup_admin$/
    )
    expect(figures['database settings']).toBe("not restored (restore-database-settings: skip): the archive's comment and settings search_path, work_mem")
    expect((await bare.sql('shop_bare', "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")).trim()).toBe(bare.user)
    expect((await bare.sql('postgres', "SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE datname = 'shop_bare'")).trim()).toBe('0')
  }, 120_000)

  test('restore-globals in the same run creates the roles first: the owners and grants then come back on a fresh server', async () => {
    const globalsStore = await scratch('fidelity-globals-store')
    await backup({ ...connectionInputs('postgresql', source, 'shop'), 'backup-name': 'shop', 'storage-type': 'local', path: globalsStore, 'include-globals': 'true' }, clientPath(source))
    await bare.sql('postgres', 'CREATE DATABASE shop_globals')
    const { run, record } = await restore({ ...restoreInputs(bare, 'shop_globals'), path: globalsStore, 'restore-globals': 'true' }, clientPath(bare))
    expectRestored(run, record)
    expect((await bare.sql('shop_globals', "SELECT tableowner FROM pg_tables WHERE tablename = 'customers'")).trim()).toBe('app_owner')
    expect((await bare.sql('shop_globals', "SELECT has_table_privilege('Reporting team', 'orders', 'SELECT')")).trim()).toBe('t')
    expect(restoreFigures(record)['owners and grants']).toMatch(/^restored: /)
  }, 120_000)

  test('a grant made by a role other than the owner (written under SET SESSION AUTHORIZATION) is refused, pointing at restore-ownership: skip, which restores', async () => {
    await seedShop(source, 'chained')
    await source.sql('chained', 'GRANT SELECT ON orders TO limited WITH GRANT OPTION; SET ROLE limited; GRANT SELECT ON orders TO "Reporting team"; RESET ROLE;')
    const chainedStore = await scratch('fidelity-chained-store')
    await backup({ ...connectionInputs('postgresql', source, 'chained'), 'backup-name': 'chained', 'storage-type': 'local', path: chainedStore }, clientPath(source))
    await source.sql('postgres', 'CREATE DATABASE chained_copy')
    const inputs = { ...restoreInputs(source, 'chained_copy'), 'backup-name': 'chained', path: chainedStore }
    const refused = await restore(inputs, clientPath(source))
    expectRestoreFailed(refused.run, refused.record, 'restore-database', /"SET SESSION AUTHORIZATION" changes the session's user.*restore-ownership: skip restores without them/)
    expect(await tableCount(source, 'chained_copy')).toBe('0')
    const skipped = await restore({ ...inputs, 'restore-ownership': 'skip' }, clientPath(source))
    expectRestored(skipped.run, skipped.record)
  }, 120_000)

  test('a restore that fails part way leaves the target as it was; with restore-atomic: false it says what the target holds', async () => {
    // The archive's index orders_total_idx cannot be made: a sequence of that name is there, after the tables and their rows were loaded.
    await source.sql('postgres', 'CREATE DATABASE shop_clash')
    await source.sql('shop_clash', 'CREATE SEQUENCE public.orders_total_idx')
    const atomic = await restore(restoreInputs(source, 'shop_clash'), clientPath(source))
    expectRestoreFailed(atomic.run, atomic.record, 'restore-database', /orders_total_idx.*already exists.*one transaction \(restore-atomic\), rolled back: the target is as it was before/s)
    expect(await tableCount(source, 'shop_clash')).toBe('0')
    expect((await source.sql('postgres', "SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE datname = 'shop_clash'")).trim()).toBe('0')

    const partial = await restore(restoreInputs(source, 'shop_clash', { 'restore-atomic': 'false' }), clientPath(source))
    expectRestoreFailed(partial.run, partial.record, 'restore-database', /partly restored \(restore-atomic: false\): it holds 3 of the archive's 3 tables;( with fewer rows than the archive: [a-z., ]+;)? indexes, constraints, policies/)
    expect(await tableCount(source, 'shop_clash')).toBe('3')
  }, 120_000)
})

describe('PostgreSQL backup leaving tables out', () => {
  test('a view on an excluded table is named at take-snapshot (the backup would not restore whole); a view whose tables are all in is not', async () => {
    await seedShop(source, 'views')
    await source.sql(
      'views',
      `CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
       CREATE MATERIALIZED VIEW "Order totals" AS SELECT customer_id, sum(total) FROM big_orders GROUP BY 1;
       CREATE VIEW named_customers AS SELECT name FROM customers;`
    )
    const made = await backup(
      { ...connectionInputs('postgresql', source, 'views'), 'backup-name': 'views', 'storage-type': 'local', path: await scratch('views-store'), 'exclude-tables': 'orders' },
      clientPath(source)
    )
    const record = JSON.parse(await readFile(made.outputs['audit-file'], 'utf8')) as AuditRecord
    const figures = record.steps.find((step) => step.name === 'take-snapshot')?.figures ?? {}
    expect(figures['needs a relation left out']).toBe('view public.big_orders needs public.orders')
    expect(made.stdout).toMatch(/::warning::the backup holds objects that need relations it leaves out.*view public\.big_orders needs public\.orders/)
    expect(made.stdout).not.toContain('named_customers needs')
  }, 120_000)
})

async function countSettingDatabases(server: PostgresServer): Promise<number> {
  // shop and the restored copies (shop_owned, shop_settings) have settings; nothing else does.
  return Number((await server.sql('postgres', "SELECT count(*) FROM pg_database WHERE datname IN ('shop', 'shop_owned', 'shop_settings')")).trim())
}
