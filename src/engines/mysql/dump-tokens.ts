import { QUOTE_BYTES, refusal, type StatementText } from '../shared/confinement.js'

/**
 * The tokens of a MySQL/MariaDB dump, as the confinement scan's lexer (dump-lexer.ts) reads them
 * from its bytes: the dump's input in chunks (and mariadb-dump's sandbox line), the bytes of the
 * token being read and what token they make, the client's DELIMITER, and the statement's first
 * bytes, quoted when the scan refuses it.
 */

export type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'var' | 'punct'

export interface Token {
  kind: TokenKind
  /** Words upper-cased; identifiers, strings and variables as written (without quotes), capped. */
  text: string
  /** As written: a bare word's case matters for a database name. */
  raw: string
  line: number
}

/** mariadb-dump's first line (10.5.25, 10.6.18, 10.11.8 and later): the client's own sandbox command, which only restricts it. */
const SANDBOX_LINE = '/*M!999999\\- enable the sandbox mode */'
export const MAX_TOKEN_BYTES = 1024

/** How the dump's quotes and backslashes read: sql_mode as the dump has set it. */
export interface SqlMode {
  ansiQuotes: boolean
  noBackslashEscapes: boolean
}

export type Lexer =
  | 'code'
  | 'line-comment'
  | 'block-comment'
  | 'string'
  | 'ident'
  | 'word'
  | 'number'
  | 'variable'
  | 'delimiter-argument'

export abstract class MysqlTokenizer<S extends StatementText> {
  private carry: Buffer | undefined
  protected line = 1
  protected lexer: Lexer = 'code'
  protected quote = 0
  protected tokenBytes: number[] = []
  protected tokenLine = 1
  protected tokenContainsCommentEnd = false
  protected lastByteOfToken = 0
  /** Inside `/*!…*\/` or `/*M!…*\/`: code for a server that runs it, a comment for one that does not. */
  protected executable = false
  protected delimiter = ';'
  protected statement: S | undefined
  protected previous: Token[] = []
  /** Until the first line is whole: mariadb-dump's sandbox line is recognised there. */
  private firstLine = true
  protected lineStart = true

  /** `target`: the database the dump is restored into. */
  constructor(protected readonly target: string) {}

  /** A new statement starting on `line`, with nothing of it read yet. */
  protected abstract newStatement(line: number): S

  /** Every token of code, in order: the statement's rules are applied as it streams past. */
  protected abstract token(token: Token): void

  /** The statement's end (its delimiter, or the end of the dump): what the rules check once it is whole. */
  protected abstract endStatement(): void

  /** How quotes and backslashes read now (the rules follow SET sql_mode). */
  protected abstract sqlMode(): SqlMode

  /** Reads the bytes: `final` once the dump has ended (there is no byte after the last). */
  protected abstract scan(bytes: Buffer, final: boolean): void

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

  protected fail(line: number, why: string): never {
    const quote = this.statement ? Buffer.from(this.statement.quote).toString('utf8') : ''
    throw refusal(`database \`${this.target}\``, this.statement?.line ?? line, quote || why, why)
  }

  protected quoteByte(byte: number): void {
    const statement = this.statement
    if (statement && statement.quote.length < QUOTE_BYTES) statement.quote.push(byte)
  }

  /** Keeps the bytes from `at` for the next chunk: a token's end or a comment's start needs a byte or two more. */
  protected keep(bytes: Buffer, at: number): void {
    this.carry = Buffer.from(bytes.subarray(at))
  }


  protected punct(byte: number, i: number): number {
    this.markStatementStart()
    this.token({ kind: 'punct', text: String.fromCharCode(byte), raw: String.fromCharCode(byte), line: this.line })
    return i
  }

  protected startToken(lexer: 'word' | 'variable' | 'number', byte: number): void {
    this.lexer = lexer
    this.tokenBytes = [byte]
    this.tokenLine = this.line
  }

  protected pushTokenByte(byte: number): void {
    if (this.tokenBytes.length < MAX_TOKEN_BYTES) this.tokenBytes.push(byte)
  }

  protected tokenText(): string {
    return Buffer.from(this.tokenBytes).toString('utf8')
  }

  protected endToken(): void {
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

  protected endQuoted(): void {
    const kind = this.quote === 0x60 || (this.quote === 0x22 && this.sqlMode().ansiQuotes) ? 'ident' : 'string'
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

  protected setDelimiter(): void {
    const argument = this.tokenText().trim().split(/\s+/)[0] ?? ''
    if (argument === '' || /[\\'"`]/.test(argument)) this.failAt(`sets the delimiter to "${argument}", which the scan does not follow`)
    this.delimiter = argument
    this.tokenBytes = []
  }

  /** Starts a statement at the first byte of code after the last one, and keeps its first bytes to quote. */
  protected markStatementStart(): void {
    if (!this.statement) {
      this.statement = this.newStatement(this.line)
      this.lineStartOfToken = this.lineStart
    }
  }

  protected failAt(why: string): never {
    this.fail(this.line, why)
  }
}
