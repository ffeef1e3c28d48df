import { QUOTE_BYTES, refusal, type StatementText } from '../shared/confinement.js'
import { isSpace, isWordByte } from '../shared/sql-bytes.js'

/**
 * The lexer under the PostgreSQL restore's confinement scan (confinement.ts, where the rules are):
 * a streaming lexer over bytes: strings, quoted identifiers, comments, dollar quotes (whose contents
 * are read as code, their end found as the server finds it), COPY data (skipped), psql
 * meta-commands (only pg_restore's own `\restrict` and `\unrestrict`). It holds a few bytes of each
 * token and hands each token, and each statement's end, to the rules.
 */

const MAX_TOKEN_BYTES = 256
const MAX_DOLLAR_TAG = 63

type Lexer = 'code' | 'line-comment' | 'block-comment' | 'string' | 'ident' | 'word' | 'meta' | 'copy-data'

export interface Token {
  kind: 'word' | 'string' | 'ident' | 'punct' | 'number'
  text: string
}

export abstract class PgScriptLexer<S extends StatementText> {
  private carry: Buffer | undefined
  private line = 1
  protected lexer: Lexer = 'code'
  private tokenBytes: number[] = []
  /** A string of E'…' or with standard_conforming_strings off: backslash escapes. */
  private escapes = false
  protected standardStrings = true
  /** Open dollar quotes, outermost first: their contents are read as code; the outermost's tag ends them all. */
  protected dollars: string[] = []
  private blockDepth = 0
  protected statement: S | undefined
  protected previous: Token[] = []
  private lineStart = true

  /** `target`: the database restored into, for messages; `what`: which script (schema, data). */
  constructor(
    protected readonly target: string,
    protected readonly what: string
  ) {}

  /** A new statement starting on `line`, with nothing of it read yet. */
  protected abstract newStatement(line: number): S

  /** Each token of code, in order: the rules are applied as it streams past. */
  protected abstract token(token: Token): void

  /** The statement's end (its `;` or the end of the script): what the rules check once it is whole. */
  protected abstract endStatement(): void

  push(chunk: Buffer): void {
    const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk
    this.carry = undefined
    this.scan(bytes, false)
  }

  finish(): void {
    const rest = this.carry ?? Buffer.alloc(0)
    this.carry = undefined
    this.scan(rest, true)
    this.endWord()
    if (this.dollars.length > 0 || this.lexer === 'string' || this.lexer === 'ident') this.fail(`leaves a quoted text open at the end of ${this.what}`)
    this.endStatement()
  }

  protected fail(why: string): never {
    const quote = this.statement ? Buffer.from(this.statement.quote).toString('utf8') : why
    throw refusal(`database "${this.target}"`, this.statement?.line ?? this.line, quote, why)
  }

  private scan(bytes: Buffer, final: boolean): void {
    const length = bytes.length
    let i = 0
    const peek = (ahead: number): number | undefined => (i + ahead < length ? bytes[i + ahead] : final ? -1 : undefined)
    while (i < length) {
      const byte = bytes[i]
      let step = i
      // The outermost dollar quote ends at its tag whatever is open inside it, as the server reads it.
      if (byte === 0x24 && this.dollars.length > 0 && this.lexer !== 'word') {
        const tag = this.dollars[0]
        const end = this.matchAt(bytes, i, `$${tag}$`, final)
        if (end === undefined) return this.keep(bytes, i)
        if (end > 0) {
          this.dollars = []
          this.lexer = 'code'
          this.blockDepth = 0
          this.token({ kind: 'string', text: '' })
          this.advance(bytes, i, end)
          i = end
          continue
        }
      }
      switch (this.lexer) {
        case 'copy-data':
          // COPY … FROM stdin data: rows until a line `\.`.
          if (this.lineStart && byte === 0x5c) {
            const dot = peek(1)
            const newline = peek(2)
            if (dot === undefined || newline === undefined) return this.keep(bytes, i)
            if (dot === 0x2e && (newline === 0x0a || newline === -1 || newline === 0x0d)) {
              this.lexer = 'code'
              step = i + 1
            }
          }
          break
        case 'meta':
          if (byte === 0x0a) {
            this.endMeta()
            this.lexer = 'code'
          } else if (this.tokenBytes.length < MAX_TOKEN_BYTES) this.tokenBytes.push(byte)
          break
        case 'line-comment':
          if (byte === 0x0a) this.lexer = 'code'
          break
        case 'block-comment': {
          const next = peek(1)
          if (next === undefined) return this.keep(bytes, i)
          if (byte === 0x2a && next === 0x2f) {
            this.blockDepth--
            step = i + 1
            if (this.blockDepth === 0) this.lexer = 'code'
          } else if (byte === 0x2f && next === 0x2a) {
            this.blockDepth++
            step = i + 1
          }
          break
        }
        case 'string':
        case 'ident': {
          const quote = this.lexer === 'string' ? 0x27 : 0x22
          if (this.lexer === 'string' && this.escapes && byte === 0x5c) {
            const next = peek(1)
            if (next === undefined) return this.keep(bytes, i)
            if (next >= 0 && this.tokenBytes.length < MAX_TOKEN_BYTES) this.tokenBytes.push(next)
            step = i + 1
            if (next === 0x0a) this.line++
            break
          }
          if (byte === quote) {
            const next = peek(1)
            if (next === undefined) return this.keep(bytes, i)
            if (next === quote) {
              if (this.tokenBytes.length < MAX_TOKEN_BYTES) this.tokenBytes.push(byte)
              step = i + 1
              break
            }
            this.lexer = 'code'
            this.token({ kind: quote === 0x27 ? 'string' : 'ident', text: Buffer.from(this.tokenBytes).toString('utf8') })
            break
          }
          if (this.tokenBytes.length < MAX_TOKEN_BYTES) this.tokenBytes.push(byte)
          break
        }
        case 'word':
          if (isWordByte(byte) && !(byte === 0x24 && this.dollars.length > 0)) {
            if (this.tokenBytes.length < MAX_TOKEN_BYTES) this.tokenBytes.push(byte)
            break
          }
          this.endWord()
          continue
        case 'code': {
          const taken = this.code(bytes, i, peek)
          if (taken === undefined) return this.keep(bytes, i)
          step = taken
          break
        }
      }
      this.advance(bytes, i, step + 1)
      i = step + 1
    }
  }

  /** Counts lines, notes line starts and keeps the statement's first bytes for a quote, for bytes [from, to). */
  private advance(bytes: Buffer, from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const byte = bytes[k]
      if (byte === 0x0a) {
        this.line++
        this.lineStart = true
      } else if (!isSpace(byte)) this.lineStart = false
      if (this.statement && this.statement.quote.length < QUOTE_BYTES && this.lexer !== 'copy-data') this.statement.quote.push(byte)
    }
  }

  /** The index after `text` when the bytes at `at` are it, 0 when they are not, undefined to wait for more. */
  private matchAt(bytes: Buffer, at: number, text: string, final: boolean): number | undefined {
    for (let k = 0; k < text.length; k++) {
      if (at + k >= bytes.length) return final ? 0 : undefined
      if (bytes[at + k] !== text.charCodeAt(k)) return 0
    }
    return at + text.length
  }

  private keep(bytes: Buffer, at: number): void {
    this.carry = Buffer.from(bytes.subarray(at))
  }

  private startStatement(): void {
    if (this.statement) return
    this.statement = this.newStatement(this.line)
  }

  /** One byte of code; the index of the last byte it took, or undefined to wait for more. */
  private code(bytes: Buffer, i: number, peek: (ahead: number) => number | undefined): number | undefined {
    const byte = bytes[i]
    if (isSpace(byte)) return i
    if (byte === 0x3b && this.dollars.length === 0) {
      this.endStatement()
      return i
    }
    if (byte === 0x2d || byte === 0x2f) {
      const next = peek(1)
      if (next === undefined) return undefined
      if (byte === 0x2d && next === 0x2d) {
        this.lexer = 'line-comment'
        return i + 1
      }
      if (byte === 0x2f && next === 0x2a) {
        this.lexer = 'block-comment'
        this.blockDepth = 1
        return i + 1
      }
    }
    if (byte === 0x5c) {
      // A psql meta-command: pg_restore's script has only \restrict and \unrestrict lines, alone at a line's start.
      if (this.lineStart && this.dollars.length === 0 && !this.statement) {
        this.lexer = 'meta'
        this.tokenBytes = [byte]
        return i
      }
      this.startStatement()
      this.fail('has a backslash outside a quoted text (a psql meta-command)')
    }
    const afterWord = this.justEndedWord
    this.justEndedWord = false
    if (byte === 0x27 || byte === 0x22) {
      this.startStatement()
      const previous = this.previous[this.previous.length - 1]
      // E'…' (the E touching the quote) has backslash escapes, as every string has with standard_conforming_strings off.
      this.escapes = byte === 0x27 && (!this.standardStrings || (afterWord && previous?.kind === 'word' && previous.text === 'E'))
      this.lexer = byte === 0x27 ? 'string' : 'ident'
      this.tokenBytes = []
      return i
    }
    if (byte === 0x24) {
      // $tag$ opens a dollar quote; $1 is a parameter.
      let k = 1
      for (;;) {
        const next = peek(k)
        if (next === undefined) return undefined
        if (next === 0x24) break
        if (next < 0 || !(isWordByte(next) && next !== 0x24) || (k === 1 && next >= 0x30 && next <= 0x39) || k > MAX_DOLLAR_TAG) {
          this.startStatement()
          this.token({ kind: 'punct', text: '$' })
          return i
        }
        k++
      }
      const tag = bytes.subarray(i + 1, i + k).toString('latin1')
      this.startStatement()
      if (this.dollars.length === 0 || this.dollars[this.dollars.length - 1] !== tag) this.dollars.push(tag)
      else this.dollars.pop()
      this.token({ kind: 'punct', text: '$$' })
      return i + k
    }
    if (isWordByte(byte)) {
      this.startStatement()
      this.lexer = 'word'
      this.tokenBytes = [byte]
      return i
    }
    this.startStatement()
    this.token({ kind: 'punct', text: String.fromCharCode(byte) })
    return i
  }

  /** A word ended at the byte being read (E'…' is a string with escapes only when the E touches the quote). */
  private justEndedWord = false

  protected endWord(): void {
    if (this.lexer !== 'word') return
    this.lexer = 'code'
    this.justEndedWord = true
    const text = Buffer.from(this.tokenBytes).toString('utf8')
    this.token({ kind: /^\d/.test(text) ? 'number' : 'word', text: text.toUpperCase() })
  }

  private endMeta(): void {
    const line = Buffer.from(this.tokenBytes).toString('utf8').trim()
    if (/^\\(?:restrict|unrestrict) [A-Za-z0-9]+$/.test(line)) return
    this.statement = { ...this.newStatement(this.line), quote: [...Buffer.from(line).subarray(0, QUOTE_BYTES)] }
    this.fail(`is a psql meta-command (${line.split(/\s/)[0]}), which pg_restore writes only to reach another database`)
  }
}
