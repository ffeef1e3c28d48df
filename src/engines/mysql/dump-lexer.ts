import { isSpace, isWordByte } from '../shared/sql-bytes.js'
import { QUOTE_BYTES, type StatementText } from '../shared/confinement.js'
import { MAX_TOKEN_BYTES, MysqlTokenizer } from './dump-tokens.js'

/**
 * The lexer under the MySQL/MariaDB restore's confinement scan (confinement.ts, where the rules
 * are). It is a streaming lexer over bytes (strings, quoted identifiers, comments, executable
 * `/*!…*\/` comments, the client's DELIMITER), holding a few bytes of each token and nothing of a
 * line, so a 50 MB extended INSERT costs no memory; it hands each token, and each statement's end,
 * to the rules.
 */

export abstract class MysqlDumpLexer<S extends StatementText> extends MysqlTokenizer<S> {
  /** Whether a name (`a`, `a.`) is being read: a `.5` after it is part of the name, not a number. */
  protected abstract inName(): boolean

  protected scan(bytes: Buffer, final: boolean): void {
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
          if (this.lexer === 'string' && byte === 0x5c && !this.sqlMode().noBackslashEscapes) {
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
      this.lexer = byte === 0x60 || (byte === 0x22 && this.sqlMode().ansiQuotes) ? 'ident' : 'string'
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
      if (next >= 0x30 && next <= 0x39 && !this.inName()) {
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
}
