import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../config/types.js'
import { requireSuccess, runTool } from '../../util/process.js'
import type { NamedRoles } from './confinement.js'
import { psql } from './psql.js'
import { tableRows } from './target-content.js'
import type { Contents, Figures, RestoreFidelity } from '../types.js'

/**
 * What a PostgreSQL restore keeps of the source beyond tables and rows: owners, privileges and
 * default privileges (when the target has every role they name), the database's comment and
 * `ALTER DATABASE … SET` settings (put onto the target's name), and a restore in one transaction
 * so that a failure leaves the target as it was. docs/restore.md says why each is done so.
 */

export const DEFAULT_FIDELITY: RestoreFidelity = { ownership: 'require', databaseSettings: 'require', atomic: true }

const SKIP_SETTINGS_HINT = 'restore-database-settings: skip restores without them'

/** Settings no restore puts on a database: they change who every later session is, or load server code into it. */
const REFUSED_SETTINGS = new Set(['role', 'session_authorization', 'session_preload_libraries', 'local_preload_libraries', 'shared_preload_libraries'])

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** Standard-conforming (as every psql session the action opens is): quotes doubled, backslashes literal. */
function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/** psql's error without the values it quotes after the first name (a setting's value may be a secret). */
function errorWithoutValues(error: unknown): string {
  const message = (error as Error).message
  const line = /ERROR:\s+(.*)/.exec(message)?.[1] ?? 'psql failed'
  let seen = 0
  return line.replace(/"[^"]*"/g, (quoted) => (seen++ === 0 ? quoted : '"…"'))
}

function listed(names: Iterable<string>): string {
  return [...names].sort().map((name) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : quoteIdentifier(name))).join(', ')
}

/** The target's roles, and whether the restoring user may make each an owner (a member of it: always, for a superuser). */
async function targetRoles(database: DatabaseConfig, timeoutMs: number): Promise<Map<string, boolean>> {
  const roles = new Map<string, boolean>()
  const out = await psql(database, "SELECT to_json(rolname)::text, pg_has_role(oid, 'MEMBER') FROM pg_roles", timeoutMs)
  for (const line of out.split('\n').filter(Boolean)) {
    const [name, member] = line.split('\t')
    roles.set(JSON.parse(name) as string, member === 't')
  }
  return roles
}

export interface OwnershipPlan {
  /** Restore owners and privileges (pg_restore without --no-owner --no-privileges). */
  restore: boolean
  figures: Figures
}

/**
 * Whether owners and grants can be restored: every role the archive's schema names must be on
 * the target (restore-globals has already created the backup's roles by now), and the restoring
 * user must be a member of each owner. Else, nothing restored yet, it fails naming the roles,
 * unless restore-ownership is skip; then the figures say what was left out.
 */
export async function planOwnership(database: DatabaseConfig, named: NamedRoles, ownership: RestoreFidelity['ownership'], timeoutMs: number, counted = true): Promise<OwnershipPlan> {
  const what = counted ? `owners of ${named.ownerStatements} objects and ${named.privilegeStatements} GRANT/REVOKE statements` : 'owners and grants'
  const roles = await targetRoles(database, timeoutMs)
  // Policies name their roles whatever the options: without them the restore cannot succeed.
  const policyMissing = [...named.policyRoles].filter((name) => !roles.has(name))
  if (policyMissing.length > 0) {
    throw new Error(
      `the archive's row-level security policies name roles the target does not have: ${listed(policyMissing)}: nothing was restored. ` +
        'Create them first (restore-globals: true creates the roles a backup made with include-globals holds)'
    )
  }
  const missing = new Set([...named.actingAs, ...named.grantees].filter((name) => !roles.has(name)))
  const notMember = new Set([...named.actingAs].filter((name) => roles.get(name) === false))
  const problems = [
    ...(missing.size > 0 ? [`roles the target does not have: ${listed(missing)}`] : []),
    ...(notMember.size > 0 ? [`roles ${database.user} is not a member of, so cannot make owners: ${listed(notMember)}`] : [])
  ]
  if (ownership === 'skip') {
    return {
      restore: false,
      figures: { 'owners and grants': `not restored (restore-ownership: skip): ${what}${problems.length > 0 ? ` (${problems.join('; ')})` : ''}; every object is owned by ${database.user}` }
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `the archive's owners and grants name ${problems.join(', and ')}: nothing was restored. Create them first (restore-globals: true creates the roles a backup made with include-globals holds), ` +
        `or set restore-ownership: skip to restore without owners and grants (every object then owned by ${database.user})`
    )
  }
  const rolesNamed = new Set([...named.actingAs, ...named.grantees, ...named.policyRoles])
  return { restore: true, figures: { 'owners and grants': `restored: ${what}, ${rolesNamed.size} roles (${listed(rolesNamed)})` } }
}

interface Statement {
  tokens: { kind: 'word' | 'ident' | 'string' | 'punct'; text: string }[]
}

/**
 * The statements of pg_restore's script of the database entries (standard-conforming strings, as
 * pg_restore writes them), psql meta-command lines and comments left out.
 */
export function scriptStatements(script: string): Statement[] {
  const statements: Statement[] = []
  let tokens: Statement['tokens'] = []
  let i = 0
  let lineStart = true
  while (i < script.length) {
    const char = script[i]
    if (char === '\n') {
      lineStart = true
      i++
      continue
    }
    if (lineStart && char === '\\') {
      while (i < script.length && script[i] !== '\n') i++
      continue
    }
    lineStart = false
    if (/\s/.test(char)) {
      i++
    } else if (char === '-' && script[i + 1] === '-') {
      while (i < script.length && script[i] !== '\n') i++
    } else if (char === "'" || char === '"') {
      let text = ''
      i++
      for (;;) {
        if (i >= script.length) throw new Error('the archive\'s database entries leave a quoted text open')
        if (script[i] === char) {
          if (script[i + 1] === char) {
            text += char
            i += 2
            continue
          }
          i++
          break
        }
        text += script[i++]
      }
      tokens.push({ kind: char === "'" ? 'string' : 'ident', text })
    } else if (/[A-Za-z0-9_$.+-]/.test(char)) {
      let text = ''
      while (i < script.length && /[A-Za-z0-9_$.+-]/.test(script[i])) text += script[i++]
      tokens.push({ kind: 'word', text })
    } else {
      if (char === ';') {
        if (tokens.length > 0) statements.push({ tokens })
        tokens = []
      } else tokens.push({ kind: 'punct', text: char })
      i++
    }
  }
  if (tokens.length > 0) statements.push({ tokens })
  return statements
}

export interface DatabaseProperties {
  comment?: string
  /** Each setting's name and its value as SQL (literals re-quoted here). */
  settings: { name: string; value: string }[]
  /** What the entries hold that no restore applies, each as its first words (never its values). */
  notApplied: string[]
}

const words = (statement: Statement, count: number): string =>
  statement.tokens
    .slice(0, count)
    .map((token) => token.text)
    .join(' ')

/** Reads the comment and settings of the archive's database entries (`COMMENT - DATABASE`, `DATABASE PROPERTIES`). */
export function parseDatabaseProperties(script: string): DatabaseProperties {
  const properties: DatabaseProperties = { settings: [], notApplied: [] }
  for (const statement of scriptStatements(script)) {
    const tokens = statement.tokens
    const upper = (at: number) => (tokens[at]?.kind === 'word' ? tokens[at].text.toUpperCase() : '')
    if (upper(0) === 'SET' || (upper(0) === 'SELECT' && tokens[1]?.text === 'pg_catalog.set_config')) continue
    if (upper(0) === 'COMMENT' && upper(1) === 'ON' && upper(2) === 'DATABASE' && upper(4) === 'IS' && tokens.length === 6) {
      if (tokens[5].kind === 'string') properties.comment = tokens[5].text
      continue
    }
    if (upper(0) === 'ALTER' && upper(1) === 'DATABASE' && upper(3) === 'SET' && upper(5) === 'TO' && tokens.length > 6) {
      const name = tokens[4].kind === 'ident' ? tokens[4].text : tokens[4].text.toLowerCase()
      const values = tokens.slice(6)
      const parts: string[] = []
      let valid = true
      values.forEach((token, at) => {
        if (at % 2 === 1) valid &&= token.kind === 'punct' && token.text === ','
        else if (token.kind === 'string') parts.push(quoteLiteral(token.text))
        else if (token.kind === 'word' && /^[A-Za-z0-9_.+-]+$/.test(token.text)) parts.push(token.text)
        else valid = false
      })
      if (valid && values.length % 2 === 1) {
        properties.settings.push({ name, value: parts.join(', ') })
        continue
      }
    }
    properties.notApplied.push(`${words(statement, upper(0) === 'ALTER' && upper(1) === 'ROLE' ? 5 : 3)} …`)
  }
  return properties
}

/** The statements that put the properties onto the target's own name: the only database they touch. */
export function propertyStatements(target: string, properties: DatabaseProperties): string[] {
  return [
    ...(properties.comment !== undefined ? [`COMMENT ON DATABASE ${quoteIdentifier(target)} IS ${quoteLiteral(properties.comment)}`] : []),
    ...properties.settings.map((setting) => `ALTER DATABASE ${quoteIdentifier(target)} SET ${quoteIdentifier(setting.name)} TO ${setting.value}`)
  ]
}

/** The archive's database entries, as pg_restore --create writes them (they are left out of any restore without --create). */
async function readDatabaseEntries(pgRestore: string, archive: string, workDir: string, timeoutMs: number): Promise<string> {
  const list = await runTool({ command: pgRestore, args: ['--create', '--list', archive], timeoutMs })
  requireSuccess('pg_restore listing the archive', list, timeoutMs)
  const entries = list.stdout.split('\n').filter((line) => /^\d+; \d+ \d+ (COMMENT - DATABASE |DATABASE PROPERTIES - )/.test(line))
  if (entries.length === 0) return ''
  const listFile = join(workDir, 'database-entries.list')
  await writeFile(listFile, `${entries.join('\n')}\n`)
  const script = await runTool({ command: pgRestore, args: ['--create', `--use-list=${listFile}`, '--file=-', archive], timeoutMs })
  requireSuccess("pg_restore reading the archive's database entries", script, timeoutMs)
  return script.stdout
}

export interface DatabaseSettingsPlan {
  /** Puts the comment and settings on the target, in one transaction: once pg_restore has succeeded. */
  apply(): Promise<void>
  figures: Figures
}

/**
 * The database's comment and settings, read from the archive and tried on the target in a
 * transaction rolled back (the user must own the database, values must be valid), before
 * anything is restored; applied for real once the restore succeeded.
 */
export async function planDatabaseSettings(
  pgRestore: string,
  archive: string,
  database: DatabaseConfig,
  workDir: string,
  choice: RestoreFidelity['databaseSettings'],
  timeoutMs: number
): Promise<DatabaseSettingsPlan> {
  const properties = parseDatabaseProperties(await readDatabaseEntries(pgRestore, archive, workDir, timeoutMs))
  const names = properties.settings.map((setting) => setting.name)
  const held = [...(properties.comment !== undefined ? ['comment'] : []), ...(names.length > 0 ? [`settings ${names.join(', ')}`] : [])].join(' and ')
  const notApplied: Figures = properties.notApplied.length > 0 ? { 'database entries not restored': properties.notApplied.join('; ') } : {}
  if (!held) return { apply: async () => {}, figures: { 'database settings': 'none in the archive', ...notApplied } }
  if (choice === 'skip') return { apply: async () => {}, figures: { 'database settings': `not restored (restore-database-settings: skip): the archive's ${held}`, ...notApplied } }
  const refused = names.filter((name) => REFUSED_SETTINGS.has(name.toLowerCase()))
  if (refused.length > 0) {
    throw new Error(`the archive's database settings set ${refused.join(', ')}, which changes who every later session is or loads server code: nothing was restored (${SKIP_SETTINGS_HINT})`)
  }
  const statements = propertyStatements(database.name, properties)
  try {
    await psql(database, `BEGIN; ${statements.join('; ')}; ROLLBACK`, timeoutMs)
  } catch (error) {
    throw new Error(`the archive's database ${held} cannot be put on database "${database.name}" (tried in a transaction rolled back): ${errorWithoutValues(error)}; nothing was restored (${SKIP_SETTINGS_HINT})`)
  }
  return {
    apply: async () => {
      try {
        await psql(database, `BEGIN; ${statements.join('; ')}; COMMIT`, timeoutMs)
      } catch (error) {
        throw new Error(`the tables were restored, but the database's ${held} could not be put on database "${database.name}": ${errorWithoutValues(error)}`)
      }
    },
    figures: { 'database settings': `restored onto "${database.name}": ${held}`, ...notApplied }
  }
}

/** The pg_restore failure described with the state it leaves the target in. */
export async function describeRestoreFailure(failure: string, atomic: boolean, database: DatabaseConfig, archive: Contents, timeoutMs: number): Promise<string> {
  if (atomic) {
    const locks = /max_locks_per_transaction/.test(failure)
      ? ' The server ran out of lock slots: restoring every table in one transaction takes a lock on each table, index and sequence, at most max_locks_per_transaction × (max_connections + max_prepared_transactions) in all; raise max_locks_per_transaction on the target, or set restore-atomic: false.'
      : ''
    return `${failure}. The restore ran in one transaction (restore-atomic), rolled back: the target is as it was before.${locks}`
  }
  let held: Contents
  try {
    held = await tableRows(database, timeoutMs)
  } catch {
    return `${failure}. The target is partly restored (restore-atomic: false), and could not be read to say how far`
  }
  const missing = [...archive.keys()].filter((table) => !held.has(table))
  const short = [...archive.entries()].filter(([table, rows]) => held.has(table) && (held.get(table) ?? 0) < rows).map(([table]) => table)
  const name = (tables: string[]) => `${tables.slice(0, 10).join(', ')}${tables.length > 10 ? `, and ${tables.length - 10} more` : ''}`
  return (
    `${failure}. The target is partly restored (restore-atomic: false): it holds ${archive.size - missing.length} of the archive's ${archive.size} tables` +
    (missing.length > 0 ? `; not created: ${name(missing)}` : '') +
    (short.length > 0 ? `; with fewer rows than the archive: ${name(short)}` : '') +
    '; indexes, constraints, policies and sequence values of the entries after the failure are missing. Restore again into an empty database, or with restore-mode: clean'
  )
}
