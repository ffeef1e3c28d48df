import { PgScriptScanner } from '../../src/engines/postgresql/confinement.js'
import { describeRestoreFailure, parseDatabaseProperties, propertyStatements } from '../../src/engines/postgresql/restore-fidelity.js'
import { restoreArgs, schemaScriptArgs } from '../../src/engines/postgresql/restore.js'
import type { DatabaseConfig, RawInputs } from '../../src/config/types.js'
import { parseRestoreConfig } from '../../src/config/restore.js'
import { ConfigError } from '../../src/config/parse.js'
import { rawInputs } from '../support/fixtures.js'

/** What a PostgreSQL restore keeps besides rows: the scan of owners and grants, the database's entries, pg_restore's options. */

function scan(script: string, privileges: boolean, size = 4096): PgScriptScanner {
  const scanner = new PgScriptScanner('drill', 'the archive', { privileges })
  const bytes = Buffer.from(script)
  for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size))
  scanner.finish()
  return scanner
}

/** As pg_restore 15 writes a schema with owners and privileges (excerpts). */
const WITH_OWNERS = [
  'SET standard_conforming_strings = on;',
  "SELECT pg_catalog.set_config('search_path', '', false);",
  'CREATE TABLE public.customers (id integer NOT NULL, name text);',
  'ALTER TABLE public.customers OWNER TO app;',
  'ALTER TABLE public.orders OWNER TO "Reporting team";',
  'CREATE POLICY small_orders ON public.orders TO "Reporting team", auditor USING ((total < (100)::numeric));',
  'CREATE POLICY everyone ON public.orders USING (true);',
  'REVOKE ALL ON SCHEMA public FROM PUBLIC;',
  'GRANT SELECT ON TABLE public.customers TO rep;',
  'GRANT SELECT(id),SELECT(name) ON TABLE public.customers TO limited WITH GRANT OPTION;',
  'GRANT ALL ON FUNCTION public.f() TO "Ops", rep;',
  'ALTER DEFAULT PRIVILEGES FOR ROLE app IN SCHEMA public GRANT SELECT ON TABLES  TO rep;',
  'ALTER LARGE OBJECT 16400 OWNER TO app;',
  'GRANT SELECT ON LARGE OBJECT 16400 TO rep;',
  ''
].join('\n')

describe('PgScriptScanner with owners and privileges', () => {
  test.each([1, 7, 4096])('lets GRANT and REVOKE on the database\'s objects through and names every role (chunks of %i bytes)', (size) => {
    const { roles } = scan(WITH_OWNERS, true, size)
    expect([...roles.actingAs].sort()).toEqual(['Reporting team', 'app'])
    expect([...roles.grantees].sort()).toEqual(['Ops', 'limited', 'rep'])
    expect([...roles.policyRoles].sort()).toEqual(['Reporting team', 'auditor'])
    expect(roles.ownerStatements).toBe(3)
    expect(roles.privilegeStatements).toBe(6)
  })

  test('without privileges (the --no-owner --no-privileges script), GRANT is refused as before; policy roles are still named', () => {
    expect(() => scan('GRANT SELECT ON TABLE public.customers TO rep;\n', false)).toThrow(/grants privileges or roles \(GRANT\)/)
    expect([...scan('CREATE POLICY p ON public.t TO app USING (true);\n', false).roles.policyRoles]).toEqual(['app'])
    const expression = "CREATE POLICY p ON public.t FOR SELECT TO app, \"Ops\" USING ((name SIMILAR TO 'a%' ESCAPE '!')) WITH CHECK ((name SIMILAR TO other));\n"
    expect([...scan(expression, false).roles.policyRoles]).toEqual(['app', 'Ops'])
    expect([...scan('CREATE POLICY p ON public.t USING ((name SIMILAR TO other));\n', false).roles.policyRoles]).toEqual([])
  })

  test.each([
    ['a role membership', 'GRANT app TO rep;', /role's membership \(GRANT without ON\)/],
    ['a membership revoked', 'REVOKE app FROM rep;', /role's membership \(REVOKE without ON\)/],
    ['privileges on the database', 'GRANT CONNECT ON DATABASE other TO rep;', /not an object of the database/],
    ['privileges on a server parameter', 'GRANT SET ON PARAMETER work_mem TO rep;', /on PARAMETER, which is not an object of the database/],
    ['privileges on a tablespace', 'GRANT CREATE ON TABLESPACE t TO rep;', /not an object of the database/],
    ['a grant on a system function', 'GRANT ALL ON FUNCTION pg_catalog.pg_switch_wal() TO rep;', /system object \(pg_catalog\)/],
    ['a grant on a shared catalog, quoted', 'GRANT SELECT ON TABLE "pg_catalog".pg_authid TO rep;', /system object \(pg_catalog\)/],
    ['a GRANT inside a function body', "CREATE FUNCTION public.f() RETURNS void LANGUAGE sql AS $$GRANT SELECT ON TABLE public.t TO rep$$;", /grants privileges or roles \(GRANT\)/],
    ['a GRANT in the middle of another statement', 'CREATE TABLE public.t (a int); SELECT 1 GRANT SELECT ON TABLE public.t TO rep;', /grants privileges or roles/],
    ['the session switched to a grantor', 'SET SESSION AUTHORIZATION app;', /changes the session's user/]
  ])('still refuses %s', (_name, script, reason) => {
    expect(() => scan(`${script}\n`, true)).toThrow(reason)
  })
})

describe("the archive's database entries", () => {
  const SCRIPT = [
    '\\restrict abc',
    'SET standard_conforming_strings = on;',
    "SELECT pg_catalog.set_config('search_path', '', false);",
    "COMMENT ON DATABASE \"Shop DB\" IS 'it''s the shop;\nsecond line \\ kept';",
    "ALTER DATABASE \"Shop DB\" SET search_path TO 'app', 'public';",
    "ALTER DATABASE \"Shop DB\" SET work_mem TO '8MB';",
    'ALTER DATABASE "Shop DB" SET "Custom.Flag" TO on;',
    "ALTER ROLE app IN DATABASE \"Shop DB\" SET work_mem TO '16MB';",
    '\\unrestrict abc',
    ''
  ].join('\n')

  test('the comment and settings are read, and what is not applied named by its first words only', () => {
    const properties = parseDatabaseProperties(SCRIPT)
    expect(properties.comment).toBe("it's the shop;\nsecond line \\ kept")
    expect(properties.settings).toEqual([
      { name: 'search_path', value: "'app', 'public'" },
      { name: 'work_mem', value: "'8MB'" },
      { name: 'Custom.Flag', value: 'on' }
    ])
    expect(properties.notApplied).toEqual(['ALTER ROLE app IN DATABASE …'])
    expect(properties.notApplied.join()).not.toContain('16MB')
  })

  test('they are put on the target under its own name, quoted', () => {
    expect(propertyStatements('restored "copy"', parseDatabaseProperties(SCRIPT))).toEqual([
      "COMMENT ON DATABASE \"restored \"\"copy\"\"\" IS 'it''s the shop;\nsecond line \\ kept'",
      "ALTER DATABASE \"restored \"\"copy\"\"\" SET \"search_path\" TO 'app', 'public'",
      "ALTER DATABASE \"restored \"\"copy\"\"\" SET \"work_mem\" TO '8MB'",
      'ALTER DATABASE "restored ""copy""" SET "Custom.Flag" TO on'
    ])
  })

  test('a value that is not a plain list of literals is not applied', () => {
    const properties = parseDatabaseProperties("ALTER DATABASE shop SET work_mem TO (SELECT '8MB');\n")
    expect(properties.settings).toEqual([])
    expect(properties.notApplied).toEqual(['ALTER DATABASE shop …'])
  })
})

describe("pg_restore's options", () => {
  const database = { name: 'shop', host: 'localhost', port: 5432, user: 'u', password: 'p', params: {} } as unknown as DatabaseConfig

  test('owners and privileges: the restore and the scanned script are written with the same options', () => {
    const withOwners = restoreArgs(database, 'a.dump', 'empty', 1, { owners: true, singleTransaction: true })
    expect(withOwners).not.toContain('--no-owner')
    expect(schemaScriptArgs('a.dump', 'empty', true)).not.toContain('--no-owner')
    const without = restoreArgs(database, 'a.dump', 'clean', 1, { owners: false, singleTransaction: true })
    expect(without).toEqual(expect.arrayContaining(['--no-owner', '--no-privileges', '--clean', '--if-exists']))
    expect(schemaScriptArgs('a.dump', 'clean', false)).toEqual(expect.arrayContaining(['--no-owner', '--no-privileges', '--clean', '--if-exists']))
  })

  test('one transaction excludes parallel jobs', () => {
    expect(restoreArgs(database, 'a.dump', 'empty', 4, { owners: true, singleTransaction: true })).toContain('--single-transaction')
    expect(restoreArgs(database, 'a.dump', 'empty', 4, { owners: true, singleTransaction: true }).some((arg) => arg.startsWith('--jobs'))).toBe(false)
    expect(restoreArgs(database, 'a.dump', 'empty', 4, { owners: true, singleTransaction: false })).toContain('--jobs=4')
  })
})

describe('a failed pg_restore', () => {
  const database = { name: 'shop', host: 'localhost', port: 5432, user: 'u', password: 'p', params: {} } as unknown as DatabaseConfig

  test('in one transaction: the target is as it was, and running out of locks names the setting and the way out', async () => {
    const plain = await describeRestoreFailure('pg_restore exited with code 1: relation "x" already exists', true, database, new Map(), 1000)
    expect(plain).toMatch(/one transaction \(restore-atomic\), rolled back: the target is as it was before\.$/)
    const locks = await describeRestoreFailure('pg_restore exited with code 1: ERROR: out of shared memory | HINT: You might need to increase max_locks_per_transaction.', true, database, new Map(), 1000)
    expect(locks).toMatch(/max_locks_per_transaction × \(max_connections \+ max_prepared_transactions\).*raise max_locks_per_transaction on the target, or set restore-atomic: false/)
  })
})

describe('the restore inputs', () => {
  const raw = (overrides: Record<string, string> = {}) =>
    ({ ...rawInputs({ 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: '/backups' }), 'backup-key': '', 'restore-mode': '', 'restore-globals': '', ...overrides }) as RawInputs

  test('by default owners and settings are required and the restore is one transaction; skip and false are read', () => {
    expect(parseRestoreConfig(raw()).fidelity).toEqual({ ownership: 'require', databaseSettings: 'require', atomic: true })
    expect(parseRestoreConfig(raw({ 'restore-ownership': 'Skip', 'restore-database-settings': 'skip', 'restore-atomic': 'no' })).fidelity).toEqual({ ownership: 'skip', databaseSettings: 'skip', atomic: false })
  })

  test('another value is refused, naming the input', () => {
    expect(() => parseRestoreConfig(raw({ 'restore-ownership': 'ignore', 'restore-atomic': 'maybe' }))).toThrow(ConfigError)
    try {
      parseRestoreConfig(raw({ 'restore-ownership': 'ignore', 'restore-atomic': 'maybe' }))
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.input).sort()).toEqual(['restore-atomic', 'restore-ownership'])
    }
  })
})
