import { refusal } from '../shared/confinement.js'
import { definerText, DefinerUses, type Definer } from './definers.js'

/**
 * Reads a MySQL/MariaDB dump as the server and the client would, before any of it runs, and
 * refuses one that would act outside the target database. It is a streaming lexer over bytes
 * (strings, quoted identifiers, comments, executable `/*!…*\/` comments, the client's DELIMITER),
 * holding a few bytes of each token and nothing of a line, so a 50 MB extended INSERT costs no
 * memory. The rules (docs/restore.md, "Confinement"):
 *
 * - a name qualified by a database (`other`.`t`, other.t, a.b.c) must be qualified by the target;
 *   outside view, trigger, routine and event bodies every `a.b` is such a name (a dump writes none
 *   there), inside them an `a.b` counts where a table, routine or sequence is named (after FROM,
 *   JOIN, INTO, UPDATE, TABLE, CALL, …, a trigger's ON, or before a `(`), as `t.col` is a column;
 * - a statement starts with what a dump tool writes (SET, DROP, CREATE, ALTER, LOCK, UNLOCK, INSERT,
 *   REPLACE, DO, SELECT, transactions) and creates, alters or drops only tables, views, triggers,
 *   routines, events, sequences and indexes; ALTER DATABASE only of the target;
 * - nowhere: USE of another database, CREATE/DROP DATABASE, users, roles, GRANT/REVOKE, SET
 *   GLOBAL/PERSIST/PASSWORD/ROLE, replication and server commands, files (INTO OUTFILE, LOAD DATA,
 *   LOAD_FILE), plugins and UDFs (SONAME), dynamic SQL (PREPARE/EXECUTE), client commands (`\!`,
 *   `\C`, `system`, `source`, `connect`, …: only DELIMITER and mariadb-dump's sandbox line);
 * - what changes how the rest is read is followed or refused: `SET sql_mode` (ANSI_QUOTES,
 *   NO_BACKSLASH_ESCAPES) and the client character set (only ASCII-safe ones: a multi-byte set such
 *   as GBK could hide a quote inside a character).
 *
 * On the way it collects the DEFINER of each view, routine, trigger and event it creates
 * (`definers`), for the restore to ask the target whether those accounts exist.
 */

type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'var' | 'punct'

interface Token {
  kind: TokenKind
  /** Words upper-cased; identifiers, strings and variables as written (without quotes), capped. */
  text: string
  /** As written: a bare word's case matters for a database name. */
  raw: string
  line: number
}

/** What a dump tool writes at the start of a statement. */
const HEADS = new Set(['SET', 'DROP', 'CREATE', 'ALTER', 'LOCK', 'UNLOCK', 'INSERT', 'REPLACE', 'DO', 'SELECT', 'COMMIT', 'START', 'BEGIN', 'ROLLBACK', 'USE'])
/** What CREATE, ALTER and DROP may act on: objects inside a database. */
const OBJECT_KINDS = new Set(['TABLE', 'VIEW', 'TRIGGER', 'PROCEDURE', 'FUNCTION', 'EVENT', 'SEQUENCE', 'INDEX'])
/** Objects whose body is SQL of its own, with table.column names in it. */
const BODY_KINDS = new Set(['VIEW', 'TRIGGER', 'PROCEDURE', 'FUNCTION', 'EVENT', 'PACKAGE'])
/** Words between CREATE and the kind of object (OR REPLACE, ALGORITHM=…, DEFINER=…, SQL SECURITY …). */
const CREATE_MODIFIERS = new Set([
  'OR', 'REPLACE', 'ALGORITHM', 'UNDEFINED', 'MERGE', 'TEMPTABLE', 'DEFINER', 'CURRENT_USER', 'CURRENT_ROLE', 'SQL', 'SECURITY', 'INVOKER', 'AGGREGATE',
  'TEMPORARY', 'UNIQUE', 'FULLTEXT', 'SPATIAL', 'ONLINE', 'OFFLINE', 'IGNORE'
])
/** Kinds of server-wide objects: never created, altered, renamed or dropped by a restore. */
const SERVER_KINDS = new Set(['DATABASE', 'SCHEMA', 'USER', 'ROLE', 'SERVER', 'TABLESPACE', 'LOGFILE', 'RESOURCE'])
/** Words that are a server or file operation wherever they stand. */
const FORBIDDEN_WORDS = new Map([
  ['GRANT', 'grants privileges'],
  ['REVOKE', 'revokes privileges'],
  ['OUTFILE', 'writes a file on the server'],
  ['DUMPFILE', 'writes a file on the server'],
  ['LOAD_FILE', 'reads a file on the server'],
  ['SONAME', 'loads a shared library into the server'],
  ['INSTALL', 'installs a plugin'],
  ['UNINSTALL', 'removes a plugin'],
  ['SHUTDOWN', 'stops the server'],
  ['KILL', 'ends other sessions'],
  ['FLUSH', 'flushes server-wide state'],
  ['PURGE', 'purges the binary logs'],
  ['BINLOG', 'replays binary log events'],
  ['FEDERATED', 'stores a table on another server'],
  ['SPIDER', 'stores a table on another server'],
  ['CONNECTION', 'points a table at another server'],
  ['PREPARE', 'runs dynamic SQL, which can act on any database'],
  ['EXECUTE', 'runs dynamic SQL, which can act on any database']
])
/** Word pairs that are a server operation. */
const FORBIDDEN_PAIRS = new Map([
  ['CHANGE MASTER', 'changes replication'],
  ['CHANGE REPLICATION', 'changes replication'],
  ['START SLAVE', 'starts replication'],
  ['START REPLICA', 'starts replication'],
  ['START ALL', 'starts replication'],
  ['STOP SLAVE', 'stops replication'],
  ['STOP REPLICA', 'stops replication'],
  ['STOP ALL', 'stops replication'],
  ['RESET MASTER', 'resets the binary logs'],
  ['RESET SLAVE', 'resets replication'],
  ['RESET REPLICA', 'resets replication'],
  ['RESET QUERY', 'resets the query cache'],
  ['LOAD DATA', 'reads a file'],
  ['LOAD XML', 'reads a file'],
  ['LOAD INDEX', 'loads a key cache'],
  ['DEFAULT ROLE', 'changes a default role']
])
/** Words after SET (or a comma of a SET) that are not an assignment to a variable or column of that name. */
const SET_WORDS = new Map([
  ['GLOBAL', 'changes a server-wide setting'],
  ['PERSIST', 'changes a server-wide setting'],
  ['PERSIST_ONLY', 'changes a server-wide setting'],
  ['PASSWORD', 'changes a password'],
  ['ROLE', 'changes the session\'s role'],
  ['STATEMENT', 'runs a statement under other settings']
])
/** Where a two-part name in a body is a table (or routine, sequence) of a database. */
const TABLE_POSITIONS = new Set([
  'FROM', 'JOIN', 'STRAIGHT_JOIN', 'INTO', 'UPDATE', 'TABLE', 'TABLES', 'REFERENCES', 'CALL', 'TRUNCATE', 'LIKE', 'TRIGGER', 'VIEW', 'PROCEDURE', 'FUNCTION',
  'EVENT', 'SEQUENCE', 'FOR', 'DATABASE', 'SCHEMA', 'EXISTS', 'TO', 'DESCRIBE', 'HANDLER'
])
const SEQUENCE_FUNCTIONS = new Set(['NEXTVAL', 'LASTVAL', 'SETVAL'])
/** Words that start or end a list of tables. */
const TABLE_LIST_STARTS = new Set(['FROM', 'UPDATE', 'TABLES', 'JOIN', 'STRAIGHT_JOIN'])
const TABLE_LIST_ENDS = new Set(['WHERE', 'SET', 'ON', 'USING', 'GROUP', 'ORDER', 'LIMIT', 'HAVING', 'WINDOW', 'UNION', 'VALUES', 'VALUE', 'SELECT', 'RETURNING', 'FOR'])
/** Kinds of object that may run as their invoker (SQL SECURITY INVOKER): then their definer is not used. */
const INVOKER_KINDS = new Set(['VIEW', 'PROCEDURE', 'FUNCTION', 'PACKAGE'])
/** Character sets in which a byte below 0x80 is always that ASCII character, so quotes and backslashes read the same. */
const SAFE_CHARSETS = new Set(['UTF8', 'UTF8MB3', 'UTF8MB4', 'LATIN1', 'ASCII', 'BINARY'])
/** sql_mode words that turn `"` into an identifier quote. */
const ANSI_QUOTE_MODES = new Set(['ANSI_QUOTES', 'ANSI', 'DB2', 'MAXDB', 'MSSQL', 'ORACLE', 'POSTGRESQL'])
/** mariadb-dump's first line (10.5.25, 10.6.18, 10.11.8 and later): the client's own sandbox command, which only restricts it. */
const SANDBOX_LINE = '/*M!999999\\- enable the sandbox mode */'

/** Words that are a value in a row: NULL, hex (0x…, X'…', B'…'), introducers, booleans, numbers with an exponent. */
const LITERAL_WORDS = /^(?:NULL|TRUE|FALSE|DEFAULT|0X[0-9A-F]*|0B[01]*|X|B|N|_(?:BINARY|UTF8MB4|UTF8MB3|UTF8|LATIN1|ASCII)|\d+E\d*)$/
const MAX_TOKEN_BYTES = 1024
const QUOTE_BYTES = 120

interface SqlMode {
  ansiQuotes: boolean
  noBackslashEscapes: boolean
}

/** What a user variable was set to, as far as it changes how the dump is read. */
interface VariableValue {
  sqlMode?: SqlMode
  safeCharset: boolean
}

function parseSqlMode(text: string): SqlMode {
  const words = text.toUpperCase().split(',').map((word) => word.trim())
  return { ansiQuotes: words.some((word) => ANSI_QUOTE_MODES.has(word)), noBackslashEscapes: words.includes('NO_BACKSLASH_ESCAPES') }
}

function isWordByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f || byte === 0x24 || byte >= 0x80
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)
}

/** The variable a SET assigns, as one name: `@@SESSION.sql_mode`, `SESSION sql_mode` and `sql_mode` are `SQL_MODE`; `@v` stays. */
function assignee(written: string): string {
  const name = written.toUpperCase().replace(/ *\. */g, '.')
  if (name.startsWith('@') && !name.startsWith('@@')) return name
  return name.replace(/^@@/, '').replace(/^(?:SESSION|LOCAL)[. ]/, '')
}

/** One assignment of a top-level SET statement, as it is read. */
interface Assignment {
  name: string
  value: Token[]
  sawEquals: boolean
}

/** The statement being read: enough of its head to classify it, and a quote for errors. */
interface Statement {
  line: number
  quote: number[]
  tokens: number
  head: Token[]
  body: boolean
  kindKnown: boolean
  isSet: boolean
  /** Past the VALUES of a top-level INSERT or REPLACE. */
  values?: boolean
  assignments: Assignment[]
  depth: number
  /** A view, routine, trigger or event created with a DEFINER: its name is read as it follows. */
  defined?: Defined
}

interface Defined {
  kind: string
  definer: Definer
  name?: string
  /** After `db.`: the name is the next part. */
  dot: boolean
  /** Past the name. */
  named: boolean
  /** SQL SECURITY INVOKER: runs as whoever uses it, whatever its definer. */
  invoker: boolean
}

type Lexer =
  | 'code'
  | 'line-comment'
  | 'block-comment'
  | 'string'
  | 'ident'
  | 'word'
  | 'number'
  | 'variable'
  | 'delimiter-argument'

export class MysqlDumpScanner {
  /** The DEFINERs of the dump's views, routines, triggers and events, with their objects. */
  readonly definers = new DefinerUses()
  private readonly target: string
  private carry: Buffer | undefined
  private line = 1
  private lexer: Lexer = 'code'
  private quote = 0
  private tokenBytes: number[] = []
  private tokenLine = 1
  private tokenContainsCommentEnd = false
  private lastByteOfToken = 0
  /** Inside `/*!…*\/` or `/*M!…*\/`: code for a server that runs it, a comment for one that does not. */
  private executable = false
  private delimiter = ';'
  private mode: SqlMode = { ansiQuotes: false, noBackslashEscapes: false }
  private readonly variables = new Map<string, VariableValue>()
  private statement: Statement | undefined
  private previous: Token[] = []
  private chain: { names: string[]; afterDot: boolean; tablePosition: boolean; line: number } | undefined
  private tableList = false
  private pendingCheck: ((next: Token | undefined) => void) | undefined
  /** Until the first line is whole: mariadb-dump's sandbox line is recognised there. */
  private firstLine = true
  private lineStart = true

  /** `target`: the database the dump is restored into. */
  constructor(target: string) {
    this.target = target
  }

  push(chunk: Buffer): void {
    let bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk
    this.carry = undefined
    if (this.firstLine) {
      const end = bytes.indexOf(0x0a)
      if (end === -1 && bytes.length < SANDBOX_LINE.length + 8) {
        this.carry = Buffer.from(bytes)
        return
      }
      bytes = this.skipSandboxLine(bytes, end)
    }
    this.scan(bytes, false)
  }

  /**
   * mariadb-dump's first line, read as nothing: servers skip it (its version is 99.99.99) and the
   * client takes it as its sandbox command, which only forbids client commands.
   */
  private skipSandboxLine(bytes: Buffer, end: number): Buffer {
    this.firstLine = false
    if (end === -1 || bytes.subarray(0, end).toString('latin1').trimEnd() !== SANDBOX_LINE) return bytes
    this.line = 2
    return bytes.subarray(end + 1)
  }

  /** The end of the dump: what is still open is read as the server would (a statement without delimiter still runs). */
  finish(): void {
    let rest = this.carry ?? Buffer.alloc(0)
    this.carry = undefined
    if (this.firstLine) rest = this.skipSandboxLine(rest, rest.indexOf(0x0a))
    this.scan(rest, true)
    this.endToken()
    if (this.lexer === 'string' || this.lexer === 'ident') this.fail(this.tokenLine, 'leaves a quoted text open at the end of the dump')
    this.endStatement()
  }

  private fail(line: number, why: string): never {
    const quote = this.statement ? Buffer.from(this.statement.quote).toString('utf8') : ''
    throw refusal(`database \`${this.target}\``, this.statement?.line ?? line, quote || why, why)
  }

  private scan(bytes: Buffer, final: boolean): void {
    let i = 0
    const length = bytes.length
    /** The byte `ahead` places on, or -1 past the end of the dump; undefined when the next chunk is needed. */
    const peek = (ahead: number): number | undefined => {
      if (i + ahead < length) return bytes[i + ahead]
      return final ? -1 : undefined
    }
    while (i < length) {
      const byte = bytes[i]
      switch (this.lexer) {
        case 'line-comment':
          if (byte === 0x0a) this.lexer = 'code'
          break
        case 'block-comment':
          if (byte === 0x2a) {
            const next = peek(1)
            if (next === undefined) return this.keep(bytes, i)
            if (next === 0x2f) {
              i++
              this.lexer = 'code'
            }
          }
          break
        case 'delimiter-argument':
          if (byte === 0x0a) {
            this.setDelimiter()
            this.lexer = 'code'
          } else this.pushTokenByte(byte)
          break
        case 'string':
        case 'ident':
          if (this.lexer === 'string' && byte === 0x5c && !this.mode.noBackslashEscapes) {
            const next = peek(1)
            if (next === undefined) return this.keep(bytes, i)
            if (next >= 0) this.pushTokenByte(next)
            if (next === 0x0a) this.line++
            this.lastByteOfToken = next
            i++
            break
          }
          if (byte === this.quote) {
            const next = peek(1)
            if (next === undefined) return this.keep(bytes, i)
            if (next === this.quote) {
              this.pushTokenByte(byte)
              this.lastByteOfToken = byte
              i++
              break
            }
            this.lexer = 'code'
            this.endQuoted()
            break
          }
          if (byte === 0x2f && this.lastByteOfToken === 0x2a) this.tokenContainsCommentEnd = true
          if (byte !== 0x0a && !this.executable) {
            // The bulk of a dump is its strings: skip to the next byte that matters, keeping what a token keeps.
            let end = i + 1
            const quote = this.quote
            while (end < length) {
              const next = bytes[end]
              if (next === quote || next === 0x5c || next === 0x0a) break
              end++
            }
            this.lastByteOfToken = bytes[end - 1]
            for (let k = i; k < end && this.tokenBytes.length < MAX_TOKEN_BYTES; k++) this.tokenBytes.push(bytes[k])
            const statement = this.statement
            if (statement) for (let k = i; k < end && statement.quote.length < QUOTE_BYTES; k++) statement.quote.push(bytes[k])
            this.lineStart = false
            i = end
            continue
          }
          this.lastByteOfToken = byte
          this.pushTokenByte(byte)
          break
        case 'word':
          if (isWordByte(byte)) {
            this.pushTokenByte(byte)
            break
          }
          if (byte === 0x2e && /^\d+$/.test(this.tokenText())) {
            this.lexer = 'number'
            this.pushTokenByte(byte)
            break
          }
          this.endToken()
          continue
        case 'number':
          if (isWordByte(byte)) {
            this.pushTokenByte(byte)
            break
          }
          this.endToken()
          continue
        case 'variable':
          // @name, @name.x, @@scope.name; a quoted @'name' or @`name` is read as a string or identifier after it.
          if (isWordByte(byte) || byte === 0x2e || byte === 0x40) {
            this.pushTokenByte(byte)
            break
          }
          this.endToken()
          continue
        case 'code': {
          const step = this.code(bytes, i, peek)
          if (step === undefined) return this.keep(bytes, i)
          // Bytes taken together (`/*!50001`, `*/`, `--`, a delimiter) are quoted too.
          for (let k = i; k < step; k++) this.quoteByte(bytes[k])
          i = step
          break
        }
      }
      if (byte === 0x0a) {
        this.line++
        this.lineStart = true
      } else if (!isSpace(byte)) this.lineStart = false
      this.quoteByte(bytes[i])
      i++
    }
  }

  private quoteByte(byte: number): void {
    const statement = this.statement
    if (statement && statement.quote.length < QUOTE_BYTES) statement.quote.push(byte)
  }

  /** Keeps the bytes from `at` for the next chunk: a token's end or a comment's start needs a byte or two more. */
  private keep(bytes: Buffer, at: number): void {
    this.carry = Buffer.from(bytes.subarray(at))
  }

  /** One byte of code; the index of the last byte it took, or undefined to wait for more. */
  private code(bytes: Buffer, i: number, peek: (ahead: number) => number | undefined): number | undefined {
    const byte = bytes[i]
    if (isSpace(byte)) return i
    // The client's delimiter ends a statement wherever it stands outside quotes and comments.
    if (byte === this.delimiter.charCodeAt(0)) {
      for (let k = 1; k < this.delimiter.length; k++) {
        const next = peek(k)
        if (next === undefined) return undefined
        if (next !== this.delimiter.charCodeAt(k)) return this.punct(byte, i)
      }
      this.endToken()
      this.endStatement()
      return i + this.delimiter.length - 1
    }
    if (byte === 0x23) {
      if (this.executable) this.failAt('puts a comment inside an executable comment, where servers that skip it and servers that run it would read it differently')
      this.lexer = 'line-comment'
      return i
    }
    if (byte === 0x2d) {
      const next = peek(1)
      if (next === undefined) return undefined
      if (next === 0x2d) {
        const after = peek(2)
        if (after === undefined) return undefined
        if (after === -1 || after <= 0x20 || after === 0x7f) {
          if (this.executable) this.failAt('puts a comment inside an executable comment, where servers that skip it and servers that run it would read it differently')
          this.lexer = 'line-comment'
          return i + 1
        }
      }
      return this.punct(byte, i)
    }
    if (byte === 0x2f) {
      const next = peek(1)
      if (next === undefined) return undefined
      if (next !== 0x2a) return this.punct(byte, i)
      const third = peek(2)
      const fourth = peek(3)
      if (third === undefined || fourth === undefined) return undefined
      const executable = third === 0x21 ? 3 : third === 0x4d && fourth === 0x21 ? 4 : 0
      if (this.executable) this.failAt('opens a comment inside an executable comment')
      if (executable === 0) {
        this.lexer = 'block-comment'
        return i + 1
      }
      // The version digits after `/*!` are part of the marker, not code.
      let end = i + executable
      for (;;) {
        const digit = peek(end - i)
        if (digit === undefined) return undefined
        if (digit < 0x30 || digit > 0x39) break
        end++
      }
      this.executable = true
      this.markStatementStart()
      return end - 1
    }
    if (byte === 0x2a && this.executable) {
      const next = peek(1)
      if (next === undefined) return undefined
      if (next === 0x2f) {
        this.executable = false
        return i + 1
      }
      return this.punct(byte, i)
    }
    if (byte === 0x5c) {
      const next = peek(1)
      if (next === undefined) return undefined
      this.markStatementStart()
      const command = next > 0x20 ? `\\${String.fromCharCode(next)}` : '\\'
      this.failAt(`is a client command (${command}): the restore runs SQL only`)
    }
    if (byte === 0x27 || byte === 0x22 || byte === 0x60) {
      this.markStatementStart()
      this.quote = byte
      this.tokenBytes = []
      this.tokenLine = this.line
      this.tokenContainsCommentEnd = false
      this.lastByteOfToken = 0
      this.lexer = byte === 0x60 || (byte === 0x22 && this.mode.ansiQuotes) ? 'ident' : 'string'
      return i
    }
    if (byte === 0x40) {
      this.markStatementStart()
      this.startToken('variable', byte)
      return i
    }
    if (byte === 0x2e) {
      const next = peek(1)
      if (next === undefined) return undefined
      if (next >= 0x30 && next <= 0x39 && !this.chain) {
        this.markStatementStart()
        this.startToken('number', byte)
        return i
      }
      return this.punct(byte, i)
    }
    if (isWordByte(byte)) {
      this.markStatementStart()
      this.startToken('word', byte)
      return i
    }
    return this.punct(byte, i)
  }

  private punct(byte: number, i: number): number {
    this.markStatementStart()
    this.token({ kind: 'punct', text: String.fromCharCode(byte), raw: String.fromCharCode(byte), line: this.line })
    return i
  }

  private startToken(lexer: 'word' | 'variable' | 'number', byte: number): void {
    this.lexer = lexer
    this.tokenBytes = [byte]
    this.tokenLine = this.line
  }

  private pushTokenByte(byte: number): void {
    if (this.tokenBytes.length < MAX_TOKEN_BYTES) this.tokenBytes.push(byte)
  }

  private tokenText(): string {
    return Buffer.from(this.tokenBytes).toString('utf8')
  }

  private endToken(): void {
    const lexer = this.lexer
    if (lexer !== 'word' && lexer !== 'number' && lexer !== 'variable') return
    this.lexer = 'code'
    const text = this.tokenText()
    if (lexer === 'word') {
      const upper = text.toUpperCase()
      if (this.statement && this.statement.tokens === 0 && upper === 'DELIMITER' && this.lineStartOfToken) {
        this.tokenBytes = []
        this.lexer = 'delimiter-argument'
        this.statement = undefined
        return
      }
      if (/^\d+(?:[eE]\d+)?$/.test(text)) return this.token({ kind: 'number', text, raw: text, line: this.tokenLine })
      this.token({ kind: 'word', text: upper, raw: text, line: this.tokenLine })
    } else if (lexer === 'variable') this.token({ kind: 'var', text: text.toUpperCase(), raw: text, line: this.tokenLine })
    else this.token({ kind: 'number', text, raw: text, line: this.tokenLine })
  }

  private lineStartOfToken = false

  private endQuoted(): void {
    const kind = this.quote === 0x60 || (this.quote === 0x22 && this.mode.ansiQuotes) ? 'ident' : 'string'
    if (this.executable && this.tokenContainsCommentEnd) {
      this.failAt('has "*/" inside a quoted text of an executable comment, where servers that skip the comment would end it')
    }
    const previous = this.previous[this.previous.length - 1]
    // @'name' and @`name` are a variable (a DEFINER's host), not a name; changed where it stands, so
    // that a statement's head, which holds the same token, reads the host too.
    if (previous && previous.kind === 'var' && previous.text === '@') {
      previous.text = previous.raw = `@${this.tokenText()}`
      return
    }
    this.token({ kind, text: this.tokenText(), raw: this.tokenText(), line: this.tokenLine })
  }

  private setDelimiter(): void {
    const argument = this.tokenText().trim().split(/\s+/)[0] ?? ''
    if (argument === '' || /[\\'"`]/.test(argument)) this.failAt(`sets the delimiter to "${argument}", which the scan does not follow`)
    this.delimiter = argument
    this.tokenBytes = []
  }

  /** Starts a statement at the first byte of code after the last one, and keeps its first bytes to quote. */
  private markStatementStart(): void {
    if (!this.statement) {
      this.statement = { line: this.line, quote: [], tokens: 0, head: [], body: false, kindKnown: false, isSet: false, assignments: [], depth: 0 }
      this.lineStartOfToken = this.lineStart
    }
  }

  private failAt(why: string): never {
    this.fail(this.line, why)
  }

  private endStatement(): void {
    this.endChain(undefined)
    this.runPending(undefined)
    const statement = this.statement
    if (statement && statement.isSet) this.applySet(statement)
    const defined = statement?.defined
    if (defined && !defined.invoker) this.definers.add(defined.definer, { kind: defined.kind.toLowerCase(), name: defined.name ?? '(unnamed)' })
    this.statement = undefined
    this.previous = []
    this.tableList = false
  }

  private runPending(next: Token | undefined): void {
    const check = this.pendingCheck
    this.pendingCheck = undefined
    check?.(next)
  }

  /** Every token of code, in order: the statement's rules are applied as it streams past. */
  private token(token: Token): void {
    const statement = this.statement
    if (!statement) return
    statement.tokens++
    // The rows of an extended INSERT: literals and punctuation, which no rule is about.
    if (statement.values && this.isLiteral(token)) {
      // Still followed as names: x.f( is a routine of the database x even among values.
      this.followNames(token)
      return
    }
    this.runPending(token)
    // The specific refusals first: they say more than "starts with …".
    this.checkForbidden(token)
    if (statement.tokens === 1) this.checkHead(token)
    else if (!statement.kindKnown) this.classify(token)
    else if (statement.defined) this.followDefined(statement.defined, token)
    this.followNames(token)
    if (statement.isSet && !statement.body) this.followSet(statement, token)
    else this.forget(token)
    if (token.kind === 'word' && (token.text === 'VALUES' || token.text === 'VALUE') && !statement.body && ['INSERT', 'REPLACE'].includes(statement.head[0]?.text)) {
      statement.values = true
    }
    if (token.kind === 'word') {
      if (TABLE_LIST_STARTS.has(token.text)) this.tableList = true
      else if (TABLE_LIST_ENDS.has(token.text)) this.tableList = false
    }
    this.previous.push(token)
    if (this.previous.length > 3) this.previous.shift()
  }

  private isLiteral(token: Token): boolean {
    if (token.kind === 'string' || token.kind === 'number') return true
    if (token.kind === 'punct') return token.text === '(' || token.text === ')' || token.text === ',' || token.text === '-' || token.text === '+'
    return token.kind === 'word' && LITERAL_WORDS.test(token.text)
  }

  private checkHead(token: Token): void {
    const statement = this.statement as Statement
    statement.head.push(token)
    if (token.kind !== 'word' || !HEADS.has(token.text)) {
      const what = token.kind === 'word' ? token.text : token.text.slice(0, 20)
      this.fail(token.line, `starts with ${what}, which a dump of one database does not run`)
    }
    statement.isSet = token.text === 'SET'
    statement.kindKnown = !['CREATE', 'ALTER', 'DROP', 'START', 'LOCK', 'UNLOCK'].includes(token.text)
  }

  /** CREATE/ALTER/DROP …: the kind of object, past OR REPLACE, ALGORITHM=…, DEFINER=…, SQL SECURITY …, IF [NOT] EXISTS. */
  private classify(token: Token): void {
    const statement = this.statement as Statement
    const verb = statement.head[0].text
    statement.head.push(token)
    if (verb === 'START') {
      if (token.text !== 'TRANSACTION') this.fail(token.line, `starts with START ${token.text}, which a dump of one database does not run`)
      statement.kindKnown = true
      return
    }
    if (verb === 'LOCK' || verb === 'UNLOCK') {
      if (token.text !== 'TABLES' && token.text !== 'TABLE') this.fail(token.line, `is ${verb} ${token.text}, which a dump of one database does not run`)
      statement.kindKnown = true
      return
    }
    if (token.kind !== 'word' || CREATE_MODIFIERS.has(token.text)) return
    // `DEFINER = app@host`: a bare user name, not the kind of object.
    const [equals, definer] = [statement.head[statement.head.length - 2], statement.head[statement.head.length - 3]]
    if (equals?.text === '=' && definer?.kind === 'word' && definer.text === 'DEFINER') return
    if (statement.head.length > 24) this.fail(token.line, `is a ${verb} of nothing the scan knows`)
    if (OBJECT_KINDS.has(token.text) || BODY_KINDS.has(token.text)) {
      statement.kindKnown = true
      statement.body = BODY_KINDS.has(token.text) && verb !== 'DROP'
      if (statement.body) this.startDefined(statement, token.text)
      return
    }
    // Refused, or for ALTER DATABASE checked to name the target, by checkForbidden.
    if (SERVER_KINDS.has(token.text)) {
      statement.kindKnown = verb === 'ALTER' && (token.text === 'DATABASE' || token.text === 'SCHEMA')
      return
    }
    this.fail(token.line, `is ${verb} ${token.text}, which a dump of one database does not run`)
  }

  /**
   * CREATE or ALTER of a view, routine, trigger or event: its DEFINER, from the head (`DEFINER =
   * user[@host]` among the modifiers, as the tools write it inside one or more executable
   * comments). CURRENT_USER is whoever restores, an account that exists.
   */
  private startDefined(statement: Statement, kind: string): void {
    const head = statement.head
    const at = head.findIndex((token, index) => token.kind === 'word' && token.text === 'DEFINER' && head[index + 1]?.text === '=')
    if (at < 0) return
    const [user, host] = [head[at + 2], head[at + 3]]
    if (!user || (user.kind !== 'ident' && user.kind !== 'string' && user.kind !== 'word')) return
    if (user.kind === 'word' && (user.text === 'CURRENT_USER' || user.text === 'CURRENT_ROLE')) return
    const invoker = INVOKER_KINDS.has(kind) && head.some((token, index) => token.text === 'SQL' && head[index + 1]?.text === 'SECURITY' && head[index + 2]?.text === 'INVOKER')
    const definer = { user: user.raw, host: host?.kind === 'var' && host.raw.startsWith('@') ? host.raw.slice(1) : '' }
    statement.defined = { kind, definer, dot: false, named: false, invoker }
  }

  /** The tokens after the kind: the object's name (`name`, `db`.`name`), and a routine's SQL SECURITY INVOKER. */
  private followDefined(defined: Defined, token: Token): void {
    const [before, beforeThat] = [this.previous[this.previous.length - 1], this.previous[this.previous.length - 2]]
    if (token.text === 'INVOKER' && before?.text === 'SECURITY' && beforeThat?.text === 'SQL' && INVOKER_KINDS.has(defined.kind)) defined.invoker = true
    if (defined.named) return
    const isName = token.kind === 'ident' || token.kind === 'word'
    if (defined.name === undefined) {
      if (token.kind === 'word' && (token.text === 'IF' || token.text === 'NOT' || token.text === 'EXISTS')) return
      if (token.kind === 'word' && token.text === 'BODY' && defined.kind === 'PACKAGE') defined.kind = 'PACKAGE BODY'
      else if (isName) defined.name = token.raw
      else defined.named = true
      return
    }
    if (token.text === '.' && !defined.dot) {
      defined.dot = true
      return
    }
    if (defined.dot && isName) defined.name = token.raw
    defined.named = true
  }

  private checkForbidden(token: Token): void {
    if (token.kind === 'var' && /^@@(?:GLOBAL|PERSIST|PERSIST_ONLY)\./.test(token.text)) {
      const before = this.previous[this.previous.length - 1]
      if (before && (before.text === 'SET' || before.text === ',')) this.fail(token.line, `sets ${token.text}, a server-wide setting`)
    }
    if (token.kind !== 'word' && token.text !== ',') return
    const forbidden = FORBIDDEN_WORDS.get(token.text)
    if (token.kind === 'word' && forbidden) this.fail(token.line, `${forbidden} (${token.text})`)
    const before = this.previous[this.previous.length - 1]
    const beforeThat = this.previous[this.previous.length - 2]
    if (before) {
      const pair = before.kind === 'word' ? FORBIDDEN_PAIRS.get(`${before.text} ${token.text}`) : undefined
      if (pair) this.fail(token.line, `${pair} (${before.text} ${token.text})`)
      const setWord = token.kind === 'word' && (before.text === 'SET' || before.text === ',') ? SET_WORDS.get(token.text) : undefined
      if (setWord) {
        // `SET password = …` assigns a column or a routine's variable of that name.
        this.pendingCheck = (next) => {
          if (!next || (next.text !== '=' && next.text !== ':' && next.text !== '.')) this.fail(token.line, `${setWord} (SET ${token.text})`)
        }
      }
    }
    if (token.kind !== 'word') return
    const verbBefore =
      before && before.kind === 'word' && ['CREATE', 'DROP', 'ALTER', 'RENAME'].includes(before.text)
        ? before.text
        : before?.text === 'REPLACE' && beforeThat?.text === 'OR'
          ? 'CREATE'
          : undefined
    if (verbBefore && SERVER_KINDS.has(token.text)) {
      if (verbBefore === 'ALTER' && (token.text === 'DATABASE' || token.text === 'SCHEMA')) {
        // ALTER DATABASE CHARACTER SET … is of the current database, the target.
        this.pendingCheck = (next) => {
          if (!next || (next.kind === 'word' && ['CHARACTER', 'CHARSET', 'DEFAULT', 'COLLATE', 'COMMENT'].includes(next.text))) return
          if (next.raw !== this.target) this.fail(next.line, `alters the database \`${next.raw}\``)
        }
        return
      }
      this.fail(token.line, `${verbBefore === 'ALTER' ? 'alters' : verbBefore === 'DROP' ? 'drops' : verbBefore === 'RENAME' ? 'renames' : 'creates'} a ${token.text.toLowerCase()}`)
    }
    if (token.text === 'USE') {
      this.pendingCheck = (next) => {
        if (!next || (next.kind === 'word' && (next.text === 'INDEX' || next.text === 'KEY'))) return
        if (next.raw !== this.target || (next.kind !== 'word' && next.kind !== 'ident')) this.fail(next.line, `switches to the database \`${next.raw}\``)
      }
    }
  }

  /** Follows `a.b` and `a.b.c` chains and judges each when it ends. */
  private followNames(token: Token): void {
    const isName = token.kind === 'ident' || token.kind === 'word'
    const chain = this.chain
    if (chain && chain.afterDot) {
      if (isName) {
        chain.names.push(token.raw)
        chain.afterDot = false
        return
      }
      // `a.*` (a table's every column, or GRANT ON db.*) ends the chain as a two-part name.
      if (token.text === '*') chain.names.push('*')
      chain.afterDot = false
    } else if (chain && token.text === '.') {
      chain.afterDot = true
      return
    }
    if (chain) this.endChain(token)
    if (isName) {
      this.chain = { names: [token.raw], afterDot: false, tablePosition: this.tablePosition(), line: token.line }
    }
  }

  private tablePosition(): boolean {
    const [second, first] = [this.previous[this.previous.length - 2], this.previous[this.previous.length - 1]]
    if (!first) return false
    if (first.kind === 'word' && TABLE_POSITIONS.has(first.text)) return true
    if (first.kind === 'word' && first.text === 'ON') return second?.kind === 'word' && ['INSERT', 'UPDATE', 'DELETE'].includes(second.text)
    if (first.text === '(' && second?.kind === 'word') return TABLE_POSITIONS.has(second.text) || SEQUENCE_FUNCTIONS.has(second.text)
    return first.text === ',' && this.tableList
  }

  private endChain(next: Token | undefined): void {
    const chain = this.chain
    this.chain = undefined
    if (!chain || chain.names.length < 2) return
    const statement = this.statement
    const qualifier = chain.names[0]
    const databaseNamed = chain.names.length >= 3 || !statement?.body || chain.tablePosition || next?.text === '('
    if (!databaseNamed || this.sameAsTarget(qualifier)) return
    const named = `names the database \`${qualifier}\` (${chain.names.map((name) => `\`${name}\``).join('.')})`
    const view = statement?.defined?.kind === 'VIEW' && !statement.defined.invoker ? statement.defined : undefined
    // MariaDB's SHOW CREATE VIEW, which the dump tools copy, qualifies every column by the view's
    // database when it cannot run the view as its definer (no such account, or one without SELECT
    // on what the view reads): such a view loads into a database of its source's name only
    // (elsewhere the server refuses it too, error 1054).
    if (view) {
      this.fail(
        chain.line,
        `${named}, in the view \`${view.name ?? '?'}\` that runs as DEFINER ${definerText(view.definer)}: the dump tool writes a view's columns qualified by its database ` +
          `where the server it was dumped from could not run it as its definer (the account missing there, or without the privileges the view needs), so this dump loads only into a database named \`${qualifier}\` ` +
          `(on that server, create the account or grant it what the view reads, or give the view a definer that can with ALTER DEFINER = … VIEW, and back up again)`
      )
    }
    this.fail(chain.line, named)
  }

  private sameAsTarget(name: string): boolean {
    return name === this.target
  }

  /** Reads the assignments of a top-level SET: which of them change how the rest of the dump is read. */
  private followSet(statement: Statement, token: Token): void {
    if (statement.body) return
    if (statement.tokens === 1) {
      statement.assignments.push({ name: '', value: [], sawEquals: false })
      return
    }
    const current = statement.assignments[statement.assignments.length - 1]
    if (token.text === '(') statement.depth++
    else if (token.text === ')') statement.depth--
    if (token.text === ',' && statement.depth === 0) {
      statement.assignments.push({ name: '', value: [], sawEquals: false })
      return
    }
    if (!current.sawEquals) {
      if (token.text === '=' || token.text === ':') {
        if (token.text === '=') current.sawEquals = true
        return
      }
      // SET NAMES x, SET CHARACTER SET x, SET CHARSET x: no equals sign.
      const name = `${current.name}${current.name ? ' ' : ''}${token.text}`
      if (['NAMES', 'CHARSET', 'CHARACTER SET'].includes(assignee(name))) {
        current.name = name
        current.sawEquals = true
        return
      }
      current.name = name
      return
    }
    // A variable read past the first token of a value may be assigned there (@a := …): no longer known.
    if (token.kind === 'var' && current.value.length > 0) this.forget(token)
    if (current.value.length < 4) current.value.push(token)
  }

  /** A user variable that a statement other than a plain SET may have changed (SELECT … INTO @v, a trigger). */
  private forget(token: Token): void {
    if (token.kind === 'var' && !token.text.startsWith('@@')) this.variables.set(token.text, { safeCharset: false })
  }

  /** Applies a SET statement's assignments once it has run: sql_mode and the client's character set. */
  private applySet(statement: Statement): void {
    const fail = (why: string): never => this.fail(statement.line, why)
    for (const { name: written, value } of statement.assignments) {
      const name = assignee(written)
      const [first] = value
      if (value.length !== 1) for (const token of value) this.forget(token)
      const single = value.length === 1 || (value.length === 2 && value[1].text === 'COLLATE') || value.length === 3
      if (name === 'SQL_MODE') {
        if (first?.kind === 'string' && value.length === 1) this.mode = parseSqlMode(first.text)
        else if (first?.kind === 'var' && value.length === 1 && /^@@(?:SESSION\.|LOCAL\.)?SQL_MODE$/.test(first.text)) continue
        else if (first?.kind === 'var' && value.length === 1 && this.variables.get(first.text)?.sqlMode) this.mode = { ...(this.variables.get(first.text)?.sqlMode as SqlMode) }
        else fail('sets sql_mode to a value the scan cannot know, which changes how the rest of the dump is read')
      } else if (['NAMES', 'CHARSET', 'CHARACTER SET', 'CHARACTER_SET_CLIENT'].includes(name)) {
        const safe =
          first !== undefined &&
          single &&
          (((first.kind === 'word' || first.kind === 'string' || first.kind === 'ident') && SAFE_CHARSETS.has(first.text.toUpperCase())) ||
            (first.kind === 'var' && (/^@@(?:SESSION\.|LOCAL\.)?CHARACTER_SET_CLIENT$/.test(first.text) || this.variables.get(first.text)?.safeCharset === true)))
        if (!safe) fail(`sets the client character set to ${first?.text ?? 'nothing'}, in which quotes could hide inside characters: only utf8mb4, utf8mb3, utf8, latin1, ascii and binary are read`)
      } else if (name.startsWith('@') && !name.startsWith('@@')) {
        const variable = name
        if (value.length === 1 && first.kind === 'string') this.variables.set(variable, { sqlMode: parseSqlMode(first.text), safeCharset: SAFE_CHARSETS.has(first.text.toUpperCase()) })
        else if (value.length === 1 && first.kind === 'var' && /^@@(?:SESSION\.|LOCAL\.)?SQL_MODE$/.test(first.text)) this.variables.set(variable, { sqlMode: { ...this.mode }, safeCharset: false })
        else if (value.length === 1 && first.kind === 'var' && /^@@(?:SESSION\.|LOCAL\.)?CHARACTER_SET_CLIENT$/.test(first.text)) this.variables.set(variable, { safeCharset: true })
        else this.variables.set(variable, { safeCharset: false })
      }
    }
  }
}

/** Scans a whole dump given as bytes (tests, small files). */
export function scanMysqlDump(target: string, chunks: Iterable<Buffer>): void {
  const scanner = new MysqlDumpScanner(target)
  for (const chunk of chunks) scanner.push(chunk)
  scanner.finish()
}
