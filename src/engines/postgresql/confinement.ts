import type { StatementText } from '../shared/confinement.js'
import { PgScriptLexer, type Token } from './script-lexer.js'

/**
 * Reads the SQL that pg_restore would run (its script output, `--file=-`, with the restore's own
 * options) before it runs, and refuses an archive that would act outside the target database: on
 * databases, roles, tablespaces, the server's settings or files, or another server. pg_dump's
 * archive holds SQL text per object, and an attacker who can write the bucket writes any archive;
 * an ordinary-looking one can still run code while it is restored (a function called by an index,
 * a check, a generated column or a materialized view), so function bodies are read too. The
 * streaming lexer it reads with is script-lexer.ts. The rules: docs/restore.md.
 */

/** Objects of the whole server, never created, altered or dropped by a restore. */
const SERVER_OBJECTS = new Map([
  ['DATABASE', 'a database'],
  ['ROLE', 'a role'],
  ['USER', 'a role'],
  ['GROUP', 'a role'],
  ['TABLESPACE', 'a tablespace'],
  ['SUBSCRIPTION', 'a subscription to another server'],
  ['SERVER', 'a foreign server']
])
const VERBS = new Map([
  ['CREATE', 'creates'],
  ['ALTER', 'alters'],
  ['DROP', 'drops']
])
/** Words that are an action outside the database wherever they stand. */
const FORBIDDEN_WORDS = new Map([
  ['GRANT', 'grants privileges or roles'],
  ['REVOKE', 'revokes privileges or roles'],
  ['REASSIGN', 'reassigns the objects of a role'],
  ['LO_IMPORT', 'reads a file on the server'],
  ['LO_EXPORT', 'writes a file on the server'],
  ['PG_READ_FILE', 'reads a file on the server'],
  ['PG_READ_BINARY_FILE', 'reads a file on the server'],
  ['PG_LS_DIR', 'lists a directory on the server'],
  ['PG_STAT_FILE', 'reads a file on the server'],
  ['PG_FILE_WRITE', 'writes a file on the server'],
  ['PG_FILE_RENAME', 'renames a file on the server'],
  ['PG_FILE_UNLINK', 'deletes a file on the server'],
  ['PG_TERMINATE_BACKEND', 'ends other sessions'],
  ['PG_CANCEL_BACKEND', 'cancels other sessions'],
  ['PG_SIGNAL_BACKEND', 'signals other sessions'],
  ['PG_RELOAD_CONF', 'reloads the server configuration'],
  ['PG_ROTATE_LOGFILE', 'rotates the server log'],
  ['PG_PROMOTE', 'promotes a standby']
])
const FORBIDDEN_PAIRS = new Map([
  ['ALTER SYSTEM', 'changes the server configuration'],
  ['SET ROLE', 'changes the session\'s role'],
  ['SESSION ROLE', 'changes the session\'s role'],
  ['LOCAL ROLE', 'changes the session\'s role'],
  ['SESSION AUTHORIZATION', 'changes the session\'s user'],
  ['DROP OWNED', 'drops the objects of a role'],
  ['USER MAPPING', 'holds a login for another server'],
  ['ON DATABASE', 'acts on a database'],
  ['ON ROLE', 'acts on a role'],
  ['ON TABLESPACE', 'acts on a tablespace']
])
/**
 * What a GRANT or REVOKE may act on when owners and privileges are restored: objects of the
 * database (pg_dump writes the kind every time), and the kinds of ALTER DEFAULT PRIVILEGES. Not
 * DATABASE, TABLESPACE or PARAMETER (the server's), nor a role's membership (no ON at all).
 */
const GRANTABLE_KINDS = new Set([
  'TABLE', 'SEQUENCE', 'FUNCTION', 'PROCEDURE', 'ROUTINE', 'SCHEMA', 'LARGE', 'TYPE', 'DOMAIN', 'LANGUAGE', 'FOREIGN',
  'TABLES', 'SEQUENCES', 'FUNCTIONS', 'ROUTINES', 'TYPES', 'SCHEMAS'
])
/** Words that end the list of grantees of a GRANT … TO or REVOKE … FROM. */
const AFTER_GRANTEES = new Set(['WITH', 'CASCADE', 'RESTRICT', 'GRANTED'])

/** The roles a script names: owners and default-privilege roles must be roles the restoring user may act as; grantees must exist. */
export interface NamedRoles {
  /** `ALTER … OWNER TO r`, `ALTER DEFAULT PRIVILEGES FOR ROLE r`. */
  actingAs: Set<string>
  /** `GRANT … TO r`, `REVOKE … FROM r` (PUBLIC left out: it is no role). */
  grantees: Set<string>
  /** `CREATE POLICY … TO r`: written with or without owners and privileges, so needed either way. */
  policyRoles: Set<string>
  ownerStatements: number
  privilegeStatements: number
}

/** Client encodings in which a byte below 0x80 can be part of a character (a quote or backslash hidden inside one). */
const UNSAFE_ENCODINGS = new Set(['SJIS', 'SHIFTJIS', 'SHIFT_JIS_2004', 'MSKANJI', 'WIN932', 'BIG5', 'WIN950', 'GBK', 'WIN936', 'CP936', 'UHC', 'WIN949', 'GB18030', 'JOHAB'])

interface Statement extends StatementText {
  first: string
  isCopy: boolean
  copyFromStdin: boolean
  /** SET [SESSION|LOCAL] name {TO|=} value: the name, and whether the value comes next. */
  setName?: string
  setValueNext?: boolean
  /** A GRANT or REVOKE on objects (privileges restored): the verb, whether ON was read, and whether grantees are being read. */
  grant?: { verb: string; on: boolean; grantees: boolean }
  defaultPrivileges?: boolean
  /** CREATE POLICY: whether its TO list of roles is being read. */
  policy?: { roles: boolean; done?: boolean }
}

export class PgScriptScanner extends PgScriptLexer<Statement> {
  private pending: ((next: Token | undefined) => void) | undefined
  private readonly privileges: boolean
  readonly roles: NamedRoles = { actingAs: new Set(), grantees: new Set(), policyRoles: new Set(), ownerStatements: 0, privilegeStatements: 0 }

  /**
   * `target`: the database restored into, for messages; `what`: which script (schema, data);
   * `privileges`: the script is written with owners and privileges (no --no-owner
   * --no-privileges), so GRANT and REVOKE on the database's own objects are let through.
   */
  constructor(target: string, what = 'the archive', options: { privileges?: boolean } = {}) {
    super(target, what)
    this.privileges = options.privileges ?? false
  }

  protected newStatement(line: number): Statement {
    return { line, quote: [], tokens: 0, first: '', isCopy: false, copyFromStdin: false }
  }

  protected endStatement(): void {
    this.endWord()
    const pending = this.pending
    this.pending = undefined
    pending?.(undefined)
    const statement = this.statement
    if (statement?.grant && !statement.grant.on) this.fail(`grants or revokes a role's membership (${statement.grant.verb} without ON)`)
    this.statement = undefined
    this.previous = []
    if (statement?.isCopy && statement.copyFromStdin) this.lexer = 'copy-data'
  }

  protected token(token: Token): void {
    const statement = this.statement
    if (!statement) return
    statement.tokens++
    const pending = this.pending
    this.pending = undefined
    pending?.(token)
    const inBody = this.dollars.length > 0
    const before = this.previous[this.previous.length - 1]
    const beforeThat = this.previous[this.previous.length - 2]
    if (token.kind === 'word') {
      if (statement.tokens === 1) {
        statement.first = token.text
        statement.isCopy = token.text === 'COPY'
        if (token.text === 'DO') this.fail('runs an anonymous code block (DO), which pg_dump never writes')
        if (token.text === 'LOAD') this.fail('loads a shared library into the server (LOAD)')
      }
      if (this.privileges && !inBody) this.followPrivileges(statement, token, before, beforeThat)
      const forbidden = FORBIDDEN_WORDS.get(token.text)
      const privilegeWord = statement.grant && (token.text === 'GRANT' || token.text === 'REVOKE')
      if (forbidden && !privilegeWord) this.fail(`${forbidden} (${token.text})`)
      if (token.text.startsWith('DBLINK')) this.fail(`connects to another database (${token.text})`)
      if (inBody && token.text === 'EXECUTE') this.fail('runs dynamic SQL inside a function body (EXECUTE), which can act on anything')
      if (before?.kind === 'word') {
        const pair = FORBIDDEN_PAIRS.get(`${before.text} ${token.text}`)
        if (pair) this.fail(`${pair} (${before.text} ${token.text})`)
        const verb = VERBS.get(before.text) ?? (before.text === 'REPLACE' && beforeThat?.text === 'OR' ? 'creates' : undefined)
        const object = SERVER_OBJECTS.get(token.text)
        if (verb && object) {
          if (token.text === 'USER') this.pending = (next) => (next?.text === 'MAPPING' ? this.fail('holds a login for another server (USER MAPPING)') : this.fail(`${verb} ${object} (${before.text} USER)`))
          else this.fail(`${verb} ${object} (${before.text} ${token.text})`)
        }
        if (before.text === 'LANGUAGE' && (token.text === 'C' || token.text === 'INTERNAL')) this.fail(`defines a function in server code (LANGUAGE ${token.text})`)
      }
      if (statement.isCopy && token.text === 'PROGRAM') this.fail('runs a program on the server (COPY … PROGRAM)')
      if (statement.isCopy && statement.tokens > 1 && before?.text === 'FROM' && token.text === 'STDIN') statement.copyFromStdin = true
    }
    if (token.kind === 'string') {
      if (before?.kind === 'word' && before.text === 'LANGUAGE' && ['C', 'INTERNAL'].includes(token.text.toUpperCase())) this.fail(`defines a function in server code (LANGUAGE ${token.text})`)
      if (statement.isCopy && (before?.text === 'FROM' || before?.text === 'TO')) this.fail('reads or writes a file on the server (COPY … FROM/TO a file)')
      if (before?.text === '(' && beforeThat?.text === 'SET_CONFIG' && token.text !== 'search_path') this.fail(`changes the setting ${token.text} with set_config`)
    }
    if (before?.text === '(' && beforeThat?.text === 'SET_CONFIG' && token.kind !== 'string') this.fail('changes a setting with set_config')
    if (token.kind === 'ident' && statement.grant && token.text.toLowerCase() === 'pg_catalog') this.fail('grants or revokes privileges on a system object (pg_catalog), whose reach is the server\'s, not the archive\'s objects')
    if (token.kind === 'ident' && !inBody) this.nameRole(statement, token, before, beforeThat)
    if ((token.kind === 'ident' || token.kind === 'word') && !inBody) this.followPolicy(statement, token)
    if (!inBody && statement.first === 'SET') this.followSet(token)
    this.previous.push(token)
    if (this.previous.length > 4) this.previous.shift()
  }

  /**
   * GRANT/REVOKE as a statement (or inside ALTER DEFAULT PRIVILEGES) on an object of the
   * database; the roles it names. Role names in words are pg_dump's unquoted ones, lower case.
   */
  private followPrivileges(statement: Statement, token: Token, before: Token | undefined, beforeThat: Token | undefined): void {
    if (statement.tokens === 3 && statement.first === 'ALTER' && before?.text === 'DEFAULT' && token.text === 'PRIVILEGES') statement.defaultPrivileges = true
    if ((token.text === 'GRANT' || token.text === 'REVOKE') && !statement.grant && (statement.tokens === 1 || statement.defaultPrivileges)) {
      statement.grant = { verb: token.text, on: false, grantees: false }
      this.roles.privilegeStatements++
      return
    }
    const grant = statement.grant
    if (grant && token.text === 'PG_CATALOG') this.fail('grants or revokes privileges on a system object (pg_catalog), whose reach is the server\'s, not the archive\'s objects')
    if (grant && !grant.on && before?.kind === 'word' && before.text === 'ON') {
      if (!GRANTABLE_KINDS.has(token.text)) this.fail(`grants or revokes privileges on ${token.text}, which is not an object of the database`)
      grant.on = true
      return
    }
    this.nameRole(statement, token, before, beforeThat)
  }

  private followPolicy(statement: Statement, token: Token): void {
    if (statement.tokens === 2 && statement.first === 'CREATE' && token.kind === 'word' && token.text === 'POLICY') statement.policy = { roles: false }
    const policy = statement.policy
    if (!policy || statement.tokens <= 2) return
    if (policy.done) return
    // pg_dump writes TO before USING and WITH CHECK, whose expressions may hold a TO of their own (SIMILAR TO).
    if (token.kind === 'word' && (token.text === 'USING' || token.text === 'WITH')) policy.done = true
    else if (token.kind === 'word' && token.text === 'TO') policy.roles = true
    else if (policy.roles && (token.kind === 'ident' || !['PUBLIC', 'CURRENT_USER', 'CURRENT_ROLE', 'SESSION_USER'].includes(token.text))) {
      this.roles.policyRoles.add(token.kind === 'ident' ? token.text : token.text.toLowerCase())
    }
  }

  private nameRole(statement: Statement, token: Token, before: Token | undefined, beforeThat: Token | undefined): void {
    const name = token.kind === 'ident' ? token.text : token.text.toLowerCase()
    if (before?.kind === 'word' && beforeThat?.kind === 'word' && beforeThat.text === 'OWNER' && before.text === 'TO') {
      this.roles.actingAs.add(name)
      this.roles.ownerStatements++
      return
    }
    if (statement.defaultPrivileges && !statement.grant && before?.kind === 'word' && beforeThat?.text === 'FOR' && (before.text === 'ROLE' || before.text === 'USER')) {
      this.roles.actingAs.add(name)
      return
    }
    const grant = statement.grant
    if (!grant?.on) return
    if (token.kind === 'word' && token.text === (grant.verb === 'GRANT' ? 'TO' : 'FROM')) {
      grant.grantees = true
      return
    }
    if (!grant.grantees) return
    if (token.kind === 'word' && AFTER_GRANTEES.has(token.text)) grant.grantees = false
    else if (token.kind === 'ident' || (token.kind === 'word' && token.text !== 'PUBLIC' && token.text !== 'GROUP')) this.roles.grantees.add(name)
  }

  /** SET standard_conforming_strings and client_encoding change how the rest is read: follow them. */
  private followSet(token: Token): void {
    const statement = this.statement as Statement
    if (statement.tokens === 1) return
    if (statement.setName === undefined) {
      if (token.kind === 'word' && (token.text === 'SESSION' || token.text === 'LOCAL')) return
      statement.setName = token.text.toUpperCase()
      // SET NAMES 'x' takes no TO.
      statement.setValueNext = statement.setName === 'NAMES'
      return
    }
    if (!statement.setValueNext) {
      if (token.text === '=' || token.text === 'TO') statement.setValueNext = true
      return
    }
    statement.setValueNext = false
    const setting = statement.setName
    if (setting !== 'STANDARD_CONFORMING_STRINGS' && setting !== 'CLIENT_ENCODING' && setting !== 'NAMES') return
    const value = token.text.toUpperCase()
    if (setting === 'STANDARD_CONFORMING_STRINGS') {
      if (['ON', 'TRUE', '1', 'YES'].includes(value)) this.standardStrings = true
      else if (['OFF', 'FALSE', '0', 'NO'].includes(value)) this.standardStrings = false
      else this.fail(`sets standard_conforming_strings to ${token.text}, which the scan cannot follow`)
    } else if (UNSAFE_ENCODINGS.has(value.replace(/-/g, '')) || value === 'DEFAULT') {
      this.fail(`sets the client encoding to ${token.text}, in which a quote could hide inside a character`)
    }
  }
}
