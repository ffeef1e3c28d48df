/**
 * The allow-list a stored globals object (`pg_dumpall --globals-only`) is read through before any
 * of it reaches a server. The object comes from storage, which whoever can write the bucket can
 * rewrite, and psql runs more than SQL: `\!` starts a shell command on the runner, `\o |cmd` and
 * `\copy … program` too, `\connect` leaves the target. So the script is not run as it is stored:
 * it is parsed into the few statements pg_dumpall writes and the action understands (roles the
 * file creates, their attributes, settings and comments, memberships between roles, the dump's own
 * session settings), every other statement or line is refused with its line number, and what is
 * applied is written again by the action from the parsed parts (identifiers and literals quoted
 * here), so no byte of the stored text reaches psql as it was stored.
 *
 * The script is handled as bytes (a latin1 string: one character per byte), so that role names,
 * passwords and comments in any server encoding come through unchanged, and a name's length in
 * characters is its length in bytes.
 */

import { lex, quoteOf, type Refusal } from './globals-lexer.js'
import { displayName, quoteIdent, quoteLiteral } from './globals-quoting.js'
import { Reader } from './globals-reader.js'

export class GlobalsRefusedError extends Error {
  constructor(readonly refusals: Refusal[]) {
    const shown = refusals.slice(0, 10).map((refusal) => `line ${refusal.line}: ${refusal.reason}: ${refusal.quote}`)
    const more = refusals.length > 10 ? `; and ${refusals.length - 10} more` : ''
    super(
      `the globals object holds what pg_dumpall does not write and the action does not run, so none of it was applied: ${shown.join('; ')}${more} ` +
        '(a globals object from include-globals holds roles, their settings, comments and memberships only: was it changed in the storage?)'
    )
  }
}

/** A role statement the action applies, written again from its parts. */
interface RoleStatement {
  role: string
  sql: string
  line: number
}

export interface Membership {
  role: string
  member: string
  grantor?: string
  /** The statement without GRANTED BY; the grantor is added when it will exist on the target. */
  sql: string
  line: number
}

/** A statement pg_dumpall writes that the action recognizes but does not apply (tablespaces, privileges on parameters, security labels). */
export interface NotApplied {
  line: number
  what: string
}

export interface GlobalsScript {
  /** The dump's own session settings (`SET client_encoding = 'UTF8';` ...), written again. */
  settings: string[]
  /** The dump's client_encoding, a server encoding (ASCII-safe), when it says it. */
  encoding?: string
  /** The roles the script creates, in order. */
  created: string[]
  /** CREATE, ALTER, COMMENT ON of the roles the script creates, in order. */
  roleStatements: RoleStatement[]
  memberships: Membership[]
  notApplied: NotApplied[]
}

/** The server encodings (client_encoding a dump can be written in); none lets a quote or backslash byte be part of a character. */
const SERVER_ENCODINGS = new Set([
  'SQL_ASCII', 'UTF8', 'EUC_CN', 'EUC_JP', 'EUC_JIS_2004', 'EUC_KR', 'EUC_TW', 'ISO_8859_5', 'ISO_8859_6', 'ISO_8859_7', 'ISO_8859_8',
  'KOI8R', 'KOI8U', 'LATIN1', 'LATIN2', 'LATIN3', 'LATIN4', 'LATIN5', 'LATIN6', 'LATIN7', 'LATIN8', 'LATIN9', 'LATIN10', 'MULE_INTERNAL',
  'WIN866', 'WIN874', 'WIN1250', 'WIN1251', 'WIN1252', 'WIN1253', 'WIN1254', 'WIN1255', 'WIN1256', 'WIN1257', 'WIN1258'
])

/** Role attributes pg_dumpall writes after ALTER ROLE x WITH (CONNECTION LIMIT, PASSWORD, VALID UNTIL take a value). */
const ROLE_FLAGS = new Set([
  'SUPERUSER', 'NOSUPERUSER', 'INHERIT', 'NOINHERIT', 'CREATEROLE', 'NOCREATEROLE', 'CREATEDB', 'NOCREATEDB',
  'LOGIN', 'NOLOGIN', 'REPLICATION', 'NOREPLICATION', 'BYPASSRLS', 'NOBYPASSRLS'
])

/** `[WITH] SUPERUSER LOGIN CONNECTION LIMIT 5 PASSWORD '…' VALID UNTIL '…'`, written again. */
function roleOptions(reader: Reader): string {
  const parts: string[] = []
  while (!reader.done) {
    const word = reader.keyword(...ROLE_FLAGS, 'CONNECTION', 'PASSWORD', 'ENCRYPTED', 'VALID')
    if (ROLE_FLAGS.has(word)) parts.push(word)
    else if (word === 'CONNECTION') {
      reader.keyword('LIMIT')
      parts.push(`CONNECTION LIMIT ${reader.number()}`)
    } else if (word === 'PASSWORD' || word === 'ENCRYPTED') {
      if (word === 'ENCRYPTED') reader.keyword('PASSWORD')
      parts.push(reader.optionalKeyword('NULL') ? 'PASSWORD NULL' : `PASSWORD ${quoteLiteral(reader.string())}`)
    } else {
      reader.keyword('UNTIL')
      parts.push(`VALID UNTIL ${quoteLiteral(reader.string())}`)
    }
  }
  return parts.join(' ')
}

/** The dump's own session settings, as pg_dumpall writes them at the top; nothing else may be SET. */
function sessionSetting(reader: Reader, script: GlobalsScript): string {
  const name = reader.keyword('DEFAULT_TRANSACTION_READ_ONLY', 'CLIENT_ENCODING', 'STANDARD_CONFORMING_STRINGS', 'ESCAPE_STRING_WARNING')
  if (reader.peekPunct() === '=') reader.punct('=')
  else reader.keyword('TO')
  let value: string
  if (name === 'CLIENT_ENCODING') {
    const encoding = reader.string().toUpperCase()
    if (!SERVER_ENCODINGS.has(encoding)) throw new Error(`client_encoding ${encoding} is not an encoding a server writes dumps in`)
    script.encoding = encoding
    value = quoteLiteral(encoding)
  } else if (name === 'DEFAULT_TRANSACTION_READ_ONLY' || name === 'ESCAPE_STRING_WARNING') {
    value = reader.keyword('OFF').toLowerCase()
  } else {
    value = reader.keyword('ON', 'OFF').toLowerCase()
  }
  reader.end()
  return `SET ${name.toLowerCase()} = ${value};`
}

/** `GRANT role TO member [WITH ADMIN OPTION, INHERIT TRUE, SET FALSE] [GRANTED BY grantor]`: a membership. */
function membership(reader: Reader, line: number): Membership {
  const role = reader.role()
  reader.keyword('TO')
  const member = reader.role()
  const options: string[] = []
  if (reader.optionalKeyword('WITH')) {
    const seen = new Set<string>()
    for (;;) {
      const option = reader.keyword('ADMIN', 'INHERIT', 'SET')
      if (seen.has(option)) throw new Error(`${option} given twice`)
      seen.add(option)
      options.push(option === 'ADMIN' && reader.optionalKeyword('OPTION') ? 'ADMIN OPTION' : `${option} ${reader.keyword('TRUE', 'FALSE')}`)
      if (reader.peekPunct() !== ',') break
      reader.punct(',')
    }
  }
  let grantor: string | undefined
  if (reader.optionalKeyword('GRANTED')) {
    reader.keyword('BY')
    grantor = reader.role()
  }
  reader.end()
  const sql = `GRANT ${quoteIdent(role)} TO ${quoteIdent(member)}${options.length > 0 ? ` WITH ${options.join(', ')}` : ''}`
  return { role, member, grantor, sql, line }
}

/** Whether a role not created by the script may still appear in a membership: PostgreSQL's own roles, which pg_dumpall never creates. */
function isBuiltInRole(name: string): boolean {
  return name.startsWith('pg_')
}

/**
 * Parses a globals script against the allow-list; throws GlobalsRefusedError naming every line
 * that is not on it. Nothing here touches a server: the target's roles are considered later, in
 * planGlobals.
 */
export function parseGlobalsScript(text: string): GlobalsScript {
  const lexed = lex(text)
  const refusals = [...lexed.refusals]
  const script: GlobalsScript = { settings: [], created: [], roleStatements: [], memberships: [], notApplied: [] }
  const created = new Set<string>()

  // \restrict <key> (before every statement) and \unrestrict <same key> (after them): pg_dumpall's only meta-commands.
  const firstStatementLine = lexed.statements[0]?.line ?? Infinity
  const lastStatementLine = lexed.statements.at(-1)?.line ?? 0
  let restrictKey: string | undefined
  let unrestricted = false
  for (const meta of lexed.metaCommands) {
    const match = /^\\(restrict|unrestrict) ([A-Za-z0-9]+)[ \t\r]*$/.exec(meta.text)
    const refuse = (reason: string) => refusals.push({ line: meta.line, quote: quoteOf(meta.text), reason })
    if (!match) refuse('a psql meta-command (only the \\restrict and \\unrestrict lines pg_dumpall writes are accepted)')
    else if (match[1] === 'restrict') {
      if (restrictKey !== undefined || meta.line > firstStatementLine) refuse('a \\restrict line that is not the one before every statement')
      restrictKey = match[2]
    } else if (match[2] !== restrictKey || unrestricted || meta.line < lastStatementLine) refuse('an \\unrestrict line that does not close the script\'s \\restrict after every statement')
    else unrestricted = true
  }

  for (const statement of lexed.statements) {
    const reader = new Reader(statement.tokens)
    const refuse = (reason: string) => refusals.push({ line: statement.line, quote: quoteOf(statement.source), reason })
    try {
      const first = reader.keyword('SET', 'RESET', 'CREATE', 'ALTER', 'COMMENT', 'SECURITY', 'GRANT', 'REVOKE')
      if (first === 'SET' || first === 'RESET') {
        // SET SESSION AUTHORIZATION … RESET: what pg_dumpall wraps a tablespace's or parameter's grants in; those are not applied, nor is this.
        if (reader.peekKeyword() === 'SESSION' && reader.peekKeyword(1) === 'AUTHORIZATION') {
          script.notApplied.push({ line: statement.line, what: `${first} SESSION AUTHORIZATION (around grants on tablespaces or parameters)` })
          continue
        }
        if (first === 'RESET') throw new Error('expected SESSION AUTHORIZATION')
        script.settings.push(sessionSetting(reader, script))
        continue
      }
      if (first === 'CREATE' || first === 'ALTER') {
        const kind = reader.keyword('ROLE', 'USER', 'GROUP', 'TABLESPACE')
        if (kind === 'TABLESPACE') {
          script.notApplied.push({ line: statement.line, what: `${first} TABLESPACE ${displayName(reader.name())}` })
          continue
        }
        const role = reader.role()
        if (first === 'CREATE') {
          if (isBuiltInRole(role)) throw new Error(`role names starting with pg_ are reserved (${displayName(role)})`)
          if (created.has(role)) throw new Error(`creates ${displayName(role)} a second time`)
          reader.optionalKeyword('WITH')
          const options = roleOptions(reader)
          created.add(role)
          script.created.push(role)
          script.roleStatements.push({ role, line: statement.line, sql: `CREATE ${kind} ${quoteIdent(role)}${options ? ` WITH ${options}` : ''};` })
          continue
        }
        if (!created.has(role)) throw new Error(`alters ${displayName(role)}, which the globals do not create`)
        if (reader.optionalKeyword('SET')) {
          const setting = reader.name()
          if (reader.peekPunct() === '=') reader.punct('=')
          else reader.keyword('TO')
          const values = [quoteLiteral(reader.string())]
          while (reader.peekPunct() === ',') {
            reader.punct(',')
            values.push(quoteLiteral(reader.string()))
          }
          reader.end()
          script.roleStatements.push({ role, line: statement.line, sql: `ALTER ROLE ${quoteIdent(role)} SET ${quoteIdent(setting)} TO ${values.join(', ')};` })
          continue
        }
        reader.optionalKeyword('WITH')
        const options = roleOptions(reader)
        if (!options) throw new Error('expected role attributes or SET')
        script.roleStatements.push({ role, line: statement.line, sql: `ALTER ROLE ${quoteIdent(role)} WITH ${options};` })
        continue
      }
      if (first === 'COMMENT' || first === 'SECURITY') {
        let provider = ''
        if (first === 'COMMENT') reader.keyword('ON')
        else {
          reader.keyword('LABEL')
          if (reader.optionalKeyword('FOR')) provider = ` FOR ${reader.name()}`
          reader.keyword('ON')
        }
        const kind = reader.keyword('ROLE', 'TABLESPACE')
        const name = kind === 'ROLE' ? reader.role() : reader.name()
        if (kind === 'ROLE' && !created.has(name)) throw new Error(`is about ${displayName(name)}, which the globals do not create`)
        reader.keyword('IS')
        const value = reader.optionalKeyword('NULL') ? 'NULL' : quoteLiteral(reader.string())
        reader.end()
        if (first === 'SECURITY' || kind === 'TABLESPACE') {
          script.notApplied.push({ line: statement.line, what: `${first === 'SECURITY' ? `SECURITY LABEL${provider}` : 'COMMENT'} ON ${kind} ${displayName(name)}` })
          continue
        }
        script.roleStatements.push({ role: name, line: statement.line, sql: `COMMENT ON ROLE ${quoteIdent(name)} IS ${value};` })
        continue
      }
      // GRANT / REVOKE: a role membership, or privileges on a tablespace or a parameter (recognized, not applied).
      const on = statement.tokens.findIndex((token) => token.kind === 'word' && token.text.toUpperCase() === 'ON')
      if (on !== -1) {
        const object = statement.tokens[on + 1]
        const objectKind = object?.kind === 'word' ? object.text.toUpperCase() : ''
        if (objectKind !== 'TABLESPACE' && objectKind !== 'PARAMETER') throw new Error('grants privileges on something other than a tablespace or a parameter')
        script.notApplied.push({ line: statement.line, what: `${first} … ON ${objectKind} ${displayName(new Reader(statement.tokens.slice(on + 2)).name())}` })
        continue
      }
      if (first === 'REVOKE') throw new Error('revokes a role membership')
      const grant = membership(reader, statement.line)
      for (const name of [grant.role, grant.member, ...(grant.grantor === undefined ? [] : [grant.grantor])]) {
        if (!created.has(name) && !isBuiltInRole(name)) throw new Error(`names ${displayName(name)}, which the globals do not create`)
      }
      script.memberships.push(grant)
    } catch (error) {
      const message = (error as Error).message
      const where = /^(un)?expected/.test(message) && !reader.done ? `, at ${reader.describeNext()}` : ''
      refuse(`not a statement the action applies (${message}${where})`)
    }
  }
  if (refusals.length > 0) throw new GlobalsRefusedError(refusals.sort((a, b) => a.line - b.line))
  return script
}
