import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { planGlobals } from '../../src/engines/postgresql/globals-plan.js'
import { quoteLiteral } from '../../src/engines/postgresql/globals-quoting.js'
import { GlobalsRefusedError, parseGlobalsScript, type GlobalsScript } from '../../src/engines/postgresql/globals-script.js'
import { psqlRestricts } from '../../src/engines/postgresql/globals.js'

/**
 * The globals allow-list against real pg_dumpall output: test/fixtures/globals/ holds what
 * `pg_dumpall --globals-only` (15.20, Debian) wrote for a throwaway SQL_ASCII server with quoted,
 * mixed-case and non-ASCII role names, a comment with a new line and one with a backslash, role
 * settings, memberships WITH ADMIN OPTION and GRANTED BY, a tablespace with options, a comment and
 * a grant, and privileges on parameters; once with passwords, once with --no-role-passwords.
 */

const fixture = (name: string) => readFile(join('test', 'fixtures', 'globals', name), 'latin1')

/** A small script as pg_dumpall frames it, around `body` lines. */
function framed(...body: string[]): string {
  return ['--', '-- PostgreSQL database cluster dump', '--', '', 'SET default_transaction_read_only = off;', "SET client_encoding = 'UTF8';", 'SET standard_conforming_strings = on;', '', ...body, '', '--', '-- PostgreSQL database cluster dump complete', '--', ''].join('\n')
}

function refusals(script: string): Array<{ line: number; reason: string; quote: string }> {
  try {
    parseGlobalsScript(script)
  } catch (error) {
    if (error instanceof GlobalsRefusedError) return error.refusals
    throw error
  }
  throw new Error('expected the script to be refused')
}

describe('real pg_dumpall output', () => {
  let withPasswords: GlobalsScript
  let withoutPasswords: GlobalsScript

  beforeAll(async () => {
    withPasswords = parseGlobalsScript(await fixture('pg_dumpall-15.20-globals.sql'))
    withoutPasswords = parseGlobalsScript(await fixture('pg_dumpall-15.20-globals-no-role-passwords.sql'))
  })

  test('every statement is understood: the dump\'s settings, the roles it creates, their settings, comments and memberships', () => {
    expect(withPasswords.settings).toEqual(['SET default_transaction_read_only = off;', "SET client_encoding = 'SQL_ASCII';", 'SET standard_conforming_strings = on;'])
    expect(withPasswords.encoding).toBe('SQL_ASCII')
    const utf8 = (name: string) => Buffer.from(name, 'latin1').toString('utf8')
    expect(withPasswords.created.map(utf8)).toEqual(['Reporting team', 'UpperUser', 'admin', 'app_owner', 'mixed', 'select', 'we"ird;name', 'ünï'])
    expect(withoutPasswords.created).toEqual(withPasswords.created)
    expect(withPasswords.memberships.map((grant) => [grant.role, grant.member, grant.grantor])).toEqual([
      ['Reporting team', 'app_owner', 'admin'],
      ['Reporting team', 'we"ird;name', 'app_owner'],
      ['app_owner', 'mixed', 'admin'],
      ['pg_read_all_data', 'app_owner', 'admin']
    ])
  })

  test('what is applied is written again by the action: names double-quoted, literals quoted here, a backslash only as E\'\\\\\'', () => {
    const sql = withPasswords.roleStatements.map((statement) => statement.sql)
    expect(sql).toContain('CREATE ROLE "we""ird;name";')
    expect(sql).toContain("COMMENT ON ROLE \"app_owner\" IS 'the owner; it''s here\non two lines';")
    expect(sql).toContain("COMMENT ON ROLE \"mixed\" IS E'back\\\\slash';")
    expect(sql).toContain("ALTER ROLE \"app_owner\" SET \"search_path\" TO 'shop', 'public';")
    expect(sql).toContain("ALTER ROLE \"mixed\" SET \"search_path\" TO '$user', 'public';")
    expect(sql.find((statement) => statement.startsWith('ALTER ROLE "app_owner" WITH'))).toMatch(
      /^ALTER ROLE "app_owner" WITH NOSUPERUSER INHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 5 PASSWORD 'SCRAM-SHA-256\$4096:[^']+' VALID UNTIL '2030-01-01 00:00:00\+00';$/
    )
    expect(withoutPasswords.roleStatements.some((statement) => statement.sql.includes('PASSWORD'))).toBe(false)
    expect(withPasswords.memberships[0].sql).toBe('GRANT "Reporting team" TO "app_owner" WITH ADMIN OPTION')
    // No statement the action writes holds a backslash outside a literal: nothing psql could read as a meta-command.
    for (const statement of [...sql, ...withPasswords.memberships.map((grant) => grant.sql)]) expect(statement.replace(/E?'(?:[^']|'')*'/g, "''")).not.toContain('\\')
  })

  test('tablespaces and privileges on parameters are recognized and not applied, named with their lines', () => {
    expect(withPasswords.notApplied.map((entry) => entry.what)).toEqual([
      'GRANT … ON PARAMETER log_min_duration_statement',
      'GRANT … ON PARAMETER work_mem',
      'CREATE TABLESPACE extra',
      'ALTER TABLESPACE extra',
      'GRANT … ON TABLESPACE extra',
      'COMMENT ON TABLESPACE extra'
    ])
  })

  test('planned against a target: roles it has are neither created nor altered; memberships with them wait for the opt-in', () => {
    const plan = planGlobals(withPasswords, new Set(['admin', 'mixed', 'pg_read_all_data']), false)
    expect(plan.existed).toEqual(['admin', 'mixed'])
    expect(plan.statements.some((statement) => /ROLE "(admin|mixed)"/.test(statement))).toBe(false)
    expect(plan.statements).toContain('CREATE ROLE "app_owner";')
    expect(plan.statements).toContain('GRANT "Reporting team" TO "app_owner" WITH ADMIN OPTION GRANTED BY "admin";')
    expect(plan.granted).toEqual(['"Reporting team" TO app_owner', '"Reporting team" TO "we""ird;name"'])
    expect(plan.notGranted).toEqual(['app_owner TO mixed (mixed already on the target)', 'pg_read_all_data TO app_owner (pg_read_all_data already on the target)'])
    expect(plan.settings).toEqual(withPasswords.settings)

    const opted = planGlobals(withPasswords, new Set(['admin', 'mixed', 'pg_read_all_data']), true)
    expect(opted.grantedWithExisting).toEqual(['app_owner TO mixed', 'pg_read_all_data TO app_owner'])
    expect(opted.statements).toContain('GRANT "pg_read_all_data" TO "app_owner" GRANTED BY "admin";')
    // Even with the opt-in, no statement about a role the target has is run.
    expect(opted.statements.some((statement) => /ROLE "(admin|mixed)"/.test(statement))).toBe(false)
  })

  test('a PostgreSQL role the target does not have (a newer server\'s) is named, its membership not granted', () => {
    const plan = planGlobals(withPasswords, new Set(), true)
    expect(plan.notGranted).toEqual(['pg_read_all_data TO app_owner (pg_read_all_data not on the target)'])
  })
})

describe('what the allow-list refuses, naming the line', () => {
  const created = ['CREATE ROLE app;', 'ALTER ROLE app WITH NOSUPERUSER LOGIN;']
  // framed() puts body lines from line 9 on.
  const cases: Array<[string, string[], number, RegExp]> = [
    ['a shell command', [...created, '\\! touch /tmp/owned'], 11, /a psql meta-command/],
    ['output to a pipe', ['\\o |sh', ...created], 9, /a psql meta-command/],
    ['\\copy from a program', [...created, "\\copy t from program 'id'"], 11, /a psql meta-command/],
    ['\\connect', ['\\connect other', ...created], 9, /a psql meta-command/],
    ['a meta-command after a statement on its line', ['CREATE ROLE app; \\! id'], 9, /meta-command inside a statement/],
    ['a meta-command inside a statement', ['CREATE ROLE app', '\\! id', ';'], 10, /meta-command inside a statement/],
    ['\\restrict after the statements', [...created, '\\restrict abc'], 11, /\\restrict line that is not the one before/],
    ['\\restrict with a key pg_dumpall does not write', ['\\restrict a;b', ...created], 9, /a psql meta-command/],
    ['\\unrestrict with another key', ['\\restrict abc', ...created, '\\unrestrict abd'], 12, /\\unrestrict line/],
    ['a query', [...created, 'SELECT pg_read_file(\'/etc/passwd\');'], 11, /expected SET or RESET or CREATE/],
    ['DROP ROLE', [...created, 'DROP ROLE backup_admin;'], 11, /not a statement the action applies/],
    ['lower-case ALTER of a role the file does not create', [...created, "alter role postgres with password 'x';"], 11, /alters postgres, which the globals do not create/],
    ['ALTER USER of a role the file does not create', [...created, "ALTER USER postgres VALID UNTIL '2001-01-01';"], 11, /alters postgres/],
    ['ALTER GROUP ADD USER', [...created, 'ALTER GROUP app ADD USER postgres;'], 11, /expected SUPERUSER/],
    ['ALTER ROLE CURRENT_USER', [...created, 'ALTER ROLE CURRENT_USER WITH SUPERUSER;'], 11, /expected a role name/],
    ['ALTER ROLE … RENAME', [...created, 'ALTER ROLE app RENAME TO postgres;'], 11, /not a statement the action applies/],
    ['ALTER ROLE … IN DATABASE', [...created, "ALTER ROLE app IN DATABASE shop SET work_mem TO '1GB';"], 11, /not a statement the action applies/],
    ['CREATE ROLE … IN ROLE', ['CREATE ROLE app IN ROLE pg_read_all_data;'], 9, /not a statement the action applies/],
    ['a reserved role name', ['CREATE ROLE pg_evil;'], 9, /reserved/],
    ['a role created twice', [...created, 'CREATE ROLE APP;'], 11, /creates app a second time/],
    ['SET ROLE', [...created, 'SET ROLE postgres;'], 11, /expected DEFAULT_TRANSACTION_READ_ONLY/],
    ['SET of another setting', ["SET session_preload_libraries = 'evil';", ...created], 9, /expected DEFAULT_TRANSACTION_READ_ONLY/],
    ['a client-only encoding', ["SET client_encoding = 'SJIS';", ...created], 9, /SJIS is not an encoding a server writes dumps in/],
    ['COMMENT ON a role the file does not create', [...created, "COMMENT ON ROLE postgres IS 'x';"], 11, /is about postgres, which the globals do not create/],
    ['a membership to a role the file does not create', [...created, 'GRANT pg_read_all_data TO postgres;'], 11, /names postgres, which the globals do not create/],
    ['a membership from a role the file does not create', [...created, 'GRANT postgres TO app;'], 11, /names postgres/],
    ['a grant on a table', [...created, 'GRANT SELECT ON TABLE t TO app;'], 11, /privileges on something other than a tablespace or a parameter/],
    ['REVOKE of a membership', [...created, 'REVOKE pg_monitor FROM app;'], 11, /revokes a role membership/],
    ['a psql variable', [...created, 'ALTER ROLE app WITH :attrs;'], 11, /a character pg_dumpall does not write/],
    ['a dollar quote', [...created, "COMMENT ON ROLE app IS $$x$$;"], 11, /a character pg_dumpall does not write/],
    ['a block comment', ['/* x */ CREATE ROLE app;'], 9, /a character pg_dumpall does not write/],
    ['a Unicode-escaped identifier', ['CREATE ROLE U&"\\0061pp";'], 9, /a quoting form pg_dumpall does not write/],
    ['an escape pg_dumpall does not write', [...created, "COMMENT ON ROLE app IS E'\\x41';"], 11, /an escape other than/],
    ['a backslash in a plain literal', [...created, "COMMENT ON ROLE app IS 'a\\';"], 11, /a backslash in a plain string literal/],
    ['a literal never closed', [...created, "COMMENT ON ROLE app IS 'x;"], 11, /never closed/],
    ['an empty statement', [...created, ';'], 11, /an empty statement/],
    ['a NUL byte in a literal', [...created, "COMMENT ON ROLE app IS 'a\u0000b';"], 11, /a NUL byte/],
    ['a NUL byte outside quotes', [...created, 'CREATE ROLE b\u0000;'], 11, /a character pg_dumpall does not write/],
    ['a name longer than PostgreSQL keeps', [`CREATE ROLE "${'a'.repeat(64)}";`], 9, /longer than 63 bytes/]
  ]

  test.each(cases)('%s', (_, body, line, reason) => {
    const found = refusals(framed(...body))
    expect(found.map((refusal) => refusal.line)).toContain(line)
    expect(found.find((refusal) => refusal.line === line)?.reason).toMatch(reason)
  })

  test('every refused line is named, with a short quote that stops before a literal (a password may be in it)', () => {
    const script = framed(...created, "alter role postgres with password 'the-planted-secret';", '\\! id', 'GRANT pg_read_all_data TO postgres;')
    let message = ''
    try {
      parseGlobalsScript(script)
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain('line 11: not a statement the action applies (alters postgres, which the globals do not create')
    expect(message).toContain('"alter role postgres with password \'…\'"')
    expect(message).toContain('line 12: a psql meta-command (only the \\restrict and \\unrestrict lines pg_dumpall writes are accepted): "\\! id"')
    expect(message).toContain('line 13:')
    expect(message).not.toContain('the-planted-secret')
  })
})

describe('names as the server reads them', () => {
  test('keywords in any case; unquoted names fold to lower case, quoted ones are exact; ROLE, USER and GROUP are one', () => {
    const script = parseGlobalsScript(framed('create user APP;', 'Alter Group app With Login;', 'ALTER USER "app" SET search_path = \'x\';', 'comment on role App is null;', 'CREATE GROUP "App";'))
    expect(script.created).toEqual(['app', 'App'])
    expect(script.roleStatements.map((statement) => statement.role)).toEqual(['app', 'app', 'app', 'app', 'App'])
    expect(script.roleStatements[0].sql).toBe('CREATE USER "app";')
    // The target has app: nothing of it runs; "App" is another role.
    const plan = planGlobals(script, new Set(['app']), false)
    expect(plan.statements).toEqual(['CREATE GROUP "App";'])
    expect(plan.existed).toEqual(['app'])
  })

  test('a literal reads the same whatever standard_conforming_strings is', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'")
    expect(quoteLiteral('a\\b')).toBe("E'a\\\\b'")
  })
})

describe('psql with \\restrict', () => {
  test.each([
    ['15.20', true],
    ['15.14', true],
    ['15.13', false],
    ['16.10', true],
    ['16.9', false],
    ['17.6', true],
    ['17.5', false],
    ['18.0', true],
    ['14.19', true],
    ['13.21', false],
    ['12.22', false]
  ])('psql %s: %s', (version, restricts) => {
    expect(psqlRestricts(version)).toBe(restricts)
  })
})
