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

/** One statement of the script, as tokens, with the line it starts on. */
interface Token {
  kind: 'word' | 'ident' | 'string' | 'number' | 'punct'
  /** word: as written; ident and string: the value (quotes undone); number and punct: as written. */
  text: string
  line: number
}

interface Statement {
  tokens: Token[]
  line: number
}

/** A line or statement the allow-list refuses. */
export interface Refusal {
  line: number
  quote: string
  reason: string
}

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

/** Words that name no role when written unquoted (pg_dumpall quotes a role named so): CURRENT_USER would be the connecting user. */
const NOT_A_ROLE_NAME = new Set(['CURRENT_USER', 'SESSION_USER', 'CURRENT_ROLE', 'USER', 'PUBLIC', 'NONE', 'ALL', 'WITH', 'SET', 'IN', 'RESET', 'RENAME'])

/** PostgreSQL's identifier limit (NAMEDATALEN - 1 bytes): a longer name would be cut to another. */
const MAX_NAME_BYTES = 63

// ---- quoting, as the action writes statements again ----

/** A role or setting name, always double-quoted (so a name is never read as a keyword such as CURRENT_USER). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** A string literal that reads the same whatever standard_conforming_strings is: E'' with doubled backslashes when it holds one. */
export function quoteLiteral(value: string): string {
  const doubled = value.replace(/'/g, "''")
  return value.includes('\\') ? `E'${doubled.replace(/\\/g, '\\\\')}'` : `'${doubled}'`
}

/** A name as shown in messages and figures: UTF-8 read back from the bytes, quoted unless plain. */
export function displayName(name: string): string {
  const text = Buffer.from(name, 'latin1').toString('utf8')
  return /^[a-z_][a-z0-9_]*$/.test(text) ? text : quoteIdent(text)
}

// ---- lexing ----

/** What a refused line is shown as: its start, cut before any string literal (a password may follow), control characters escaped. */
function quoteOf(text: string): string {
  const firstLine = text.split('\n')[0]
  const literal = firstLine.indexOf("'")
  const head = literal === -1 ? firstLine : firstLine.slice(0, literal)
  const cut = head.length > 80 ? `${Buffer.from(head.slice(0, 80), 'latin1').toString('utf8')}…` : Buffer.from(head, 'latin1').toString('utf8')
  const shown = literal === -1 || head.length > 80 ? cut : `${cut}'…'`
  // eslint-disable-next-line no-control-regex
  return `"${shown.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`
}

const WORD_START = /[A-Za-z_]/
const WORD_PART = /[A-Za-z0-9_]/

interface Lexed {
  statements: Array<Statement & { source: string }>
  metaCommands: Array<{ line: number; text: string }>
  refusals: Refusal[]
}

/**
 * Splits the script into statements of tokens and psql meta-command lines. Anything psql or the
 * server would read differently from what is parsed here is refused: dollar quotes, U&'' and
 * B'' forms, block comments, `:variables`, a backslash outside a literal except at the start of
 * a line, escapes other than `\\` in E'' literals, and a plain literal holding a backslash (which
 * pg_dumpall always writes as E'').
 */
function lex(script: string): Lexed {
  const statements: Lexed['statements'] = []
  const metaCommands: Lexed['metaCommands'] = []
  const refusals: Refusal[] = []
  let tokens: Token[] = []
  let start = 0
  let line = 1
  let i = 0
  const refuse = (at: number, from: number, reason: string): Lexed => {
    refusals.push({ line: at, quote: quoteOf(script.slice(from)), reason })
    return { statements, metaCommands, refusals }
  }
  while (i < script.length) {
    const char = script[i]
    if (char === '\n') {
      line++
      i++
      continue
    }
    if (char === ' ' || char === '\t' || char === '\r' || char === '\f') {
      i++
      continue
    }
    if (char === '-' && script[i + 1] === '-') {
      while (i < script.length && script[i] !== '\n') i++
      continue
    }
    if (tokens.length === 0) start = i
    const tokenLine = line
    if (char === '\\') {
      const lineStart = script.lastIndexOf('\n', i - 1) + 1
      if (tokens.length > 0 || script.slice(lineStart, i).trim() !== '') return refuse(line, tokens.length > 0 ? start : lineStart, 'a psql meta-command inside a statement')
      const end = script.indexOf('\n', i) === -1 ? script.length : script.indexOf('\n', i)
      metaCommands.push({ line, text: script.slice(i, end) })
      i = end
      continue
    }
    if (char === "'" || ((char === 'E' || char === 'e') && script[i + 1] === "'")) {
      const escaped = char !== "'"
      let j = escaped ? i + 2 : i + 1
      let value = ''
      for (;;) {
        if (j >= script.length) return refuse(tokenLine, start, 'a string literal that is never closed')
        const c = script[j]
        if (c === "'") {
          if (script[j + 1] === "'") {
            value += "'"
            j += 2
            continue
          }
          j++
          break
        }
        // PostgreSQL text never holds a NUL; psql's line reader would cut the line at one.
        if (c === '\0') return refuse(tokenLine, start, 'a NUL byte in a string literal')
        if (c === '\\') {
          if (!escaped) return refuse(tokenLine, start, 'a backslash in a plain string literal (pg_dumpall writes such a literal as E\'…\')')
          if (script[j + 1] !== '\\') return refuse(tokenLine, start, 'an escape other than \\\\ in an E\'…\' literal')
          value += '\\'
          j += 2
          continue
        }
        if (c === '\n') line++
        value += c
        j++
      }
      tokens.push({ kind: 'string', text: value, line: tokenLine })
      i = j
      continue
    }
    if (char === '"') {
      let j = i + 1
      let value = ''
      for (;;) {
        if (j >= script.length) return refuse(tokenLine, start, 'a quoted identifier that is never closed')
        const c = script[j]
        if (c === '\0') return refuse(tokenLine, start, 'a NUL byte in a quoted identifier')
        if (c === '"') {
          if (script[j + 1] === '"') {
            value += '"'
            j += 2
            continue
          }
          j++
          break
        }
        if (c === '\n') line++
        value += c
        j++
      }
      if (value === '' || value.length > MAX_NAME_BYTES) return refuse(tokenLine, start, `a quoted identifier that is empty or longer than ${MAX_NAME_BYTES} bytes`)
      tokens.push({ kind: 'ident', text: value, line: tokenLine })
      i = j
      continue
    }
    if (WORD_START.test(char)) {
      let j = i + 1
      while (j < script.length && WORD_PART.test(script[j])) j++
      // U&'…', B'…', X'…', N'…', a word run into a quote or a $: forms pg_dumpall never writes.
      if (script[j] === "'" || script[j] === '"' || script[j] === '$' || script[j] === '&') return refuse(tokenLine, start, 'a quoting form pg_dumpall does not write')
      if (j - i > MAX_NAME_BYTES) return refuse(tokenLine, start, `a name longer than ${MAX_NAME_BYTES} bytes`)
      tokens.push({ kind: 'word', text: script.slice(i, j), line: tokenLine })
      i = j
      continue
    }
    if (/[0-9]/.test(char) || (char === '-' && /[0-9]/.test(script[i + 1] ?? ''))) {
      let j = i + 1
      while (j < script.length && /[0-9.]/.test(script[j])) j++
      tokens.push({ kind: 'number', text: script.slice(i, j), line: tokenLine })
      i = j
      continue
    }
    if (char === ';') {
      if (tokens.length === 0) return refuse(line, i, 'an empty statement')
      statements.push({ tokens, line: tokens[0].line, source: script.slice(start, i + 1) })
      tokens = []
      i++
      continue
    }
    if (char === ',' || char === '(' || char === ')' || char === '=' || char === '.') {
      tokens.push({ kind: 'punct', text: char, line: tokenLine })
      i++
      continue
    }
    return refuse(line, tokens.length > 0 ? start : i, `a character pg_dumpall does not write there (${JSON.stringify(Buffer.from(char, 'latin1').toString('utf8'))})`)
  }
  if (tokens.length > 0) return refuse(tokens[0].line, start, 'a statement without its closing ";" (is the script cut short?)')
  return { statements, metaCommands, refusals }
}

// ---- parsing statements ----

/** A cursor over one statement's tokens; every read either matches the grammar or throws the reason. */
class Reader {
  private at = 0
  constructor(private readonly tokens: Token[]) {}

  get done(): boolean {
    return this.at >= this.tokens.length
  }

  peekKeyword(offset = 0): string | undefined {
    const token = this.tokens[this.at + offset]
    return token?.kind === 'word' ? token.text.toUpperCase() : undefined
  }

  peekPunct(): string | undefined {
    const token = this.tokens[this.at]
    return token?.kind === 'punct' ? token.text : undefined
  }

  keyword(...choices: string[]): string {
    const word = this.peekKeyword()
    if (word === undefined || !choices.includes(word)) throw new Error(`expected ${choices.join(' or ')}`)
    this.at++
    return word
  }

  optionalKeyword(word: string): boolean {
    if (this.peekKeyword() !== word) return false
    this.at++
    return true
  }

  punct(char: string): void {
    if (this.peekPunct() !== char) throw new Error(`expected "${char}"`)
    this.at++
  }

  /** A role name: an unquoted name folds to lower case, as the server reads it; a quoted one is exact. */
  role(): string {
    const token = this.tokens[this.at]
    if (token?.kind === 'ident') {
      this.at++
      return token.text
    }
    if (token?.kind === 'word' && !NOT_A_ROLE_NAME.has(token.text.toUpperCase())) {
      this.at++
      return token.text.replace(/[A-Z]/g, (c) => c.toLowerCase())
    }
    throw new Error('expected a role name')
  }

  /** Any name (tablespace, parameter, provider): word or quoted identifier, dotted parts joined. */
  name(): string {
    const parts = [this.namePart()]
    while (this.peekPunct() === '.') {
      this.at++
      parts.push(this.namePart())
    }
    return parts.join('.')
  }

  private namePart(): string {
    const token = this.tokens[this.at]
    if (token?.kind === 'ident') {
      this.at++
      return token.text
    }
    if (token?.kind === 'word') {
      this.at++
      return token.text.replace(/[A-Z]/g, (c) => c.toLowerCase())
    }
    throw new Error('expected a name')
  }

  string(): string {
    const token = this.tokens[this.at]
    if (token?.kind !== 'string') throw new Error('expected a string literal')
    this.at++
    return token.text
  }

  number(): string {
    const token = this.tokens[this.at]
    if (token?.kind !== 'number' || !/^-?[0-9]+$/.test(token.text)) throw new Error('expected a whole number')
    this.at++
    return token.text
  }

  end(): void {
    if (!this.done) throw new Error(`unexpected ${this.describeNext()}`)
  }

  describeNext(): string {
    const token = this.tokens[this.at]
    if (!token) return 'end of statement'
    return token.kind === 'string' ? 'string literal' : `"${Buffer.from(token.text, 'latin1').toString('utf8')}"`
  }
}

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

// ---- the plan against a target ----

export interface GlobalsPlan {
  /** The dump's own session settings, run first (default_transaction_read_only = off must precede the transaction). */
  settings: string[]
  /** The roles' and memberships' statements, written by the action, to run in one transaction. */
  statements: string[]
  created: string[]
  /** Roles the script creates that the target already has: none of their statements is run. */
  existed: string[]
  /** Memberships applied (`role TO member`). */
  granted: string[]
  /** Of those, the ones with a role the target already has (only with the opt-in). */
  grantedWithExisting: string[]
  /** Memberships not applied, each with why. */
  notGranted: string[]
}

function describeGrant(grant: Membership): string {
  return `${displayName(grant.role)} TO ${displayName(grant.member)}`
}

/**
 * What of a parsed script runs on a target that has the roles `existing`: a role the target has
 * is never created again or altered; a membership with such a role (a PostgreSQL role such as
 * pg_read_all_data, or one the target already had) is granted only with `grantsWithExistingRoles`.
 */
export function planGlobals(script: GlobalsScript, existing: Set<string>, grantsWithExistingRoles: boolean): GlobalsPlan {
  const existed = script.created.filter((role) => existing.has(role))
  const isNew = (role: string) => script.created.includes(role) && !existing.has(role)
  const statements = script.roleStatements.filter((statement) => isNew(statement.role)).map((statement) => statement.sql)
  const plan: GlobalsPlan = { settings: script.settings, statements, created: script.created.filter(isNew), existed, granted: [], grantedWithExisting: [], notGranted: [] }
  for (const grant of script.memberships) {
    const roles = [grant.role, grant.member, ...(grant.grantor === undefined ? [] : [grant.grantor])]
    const missing = roles.filter((role) => !isNew(role) && !existing.has(role))
    const withExisting = [grant.role, grant.member].filter((role) => existing.has(role))
    if (missing.length > 0) {
      plan.notGranted.push(`${describeGrant(grant)} (${missing.map(displayName).join(', ')} not on the target)`)
      continue
    }
    if (withExisting.length > 0 && !grantsWithExistingRoles) {
      plan.notGranted.push(`${describeGrant(grant)} (${withExisting.map(displayName).join(', ')} already on the target)`)
      continue
    }
    statements.push(`${grant.sql}${grant.grantor === undefined ? '' : ` GRANTED BY ${quoteIdent(grant.grantor)}`};`)
    plan.granted.push(describeGrant(grant))
    if (withExisting.length > 0) plan.grantedWithExisting.push(describeGrant(grant))
  }
  return plan
}
