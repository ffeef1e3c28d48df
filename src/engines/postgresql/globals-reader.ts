import type { Token } from './globals-lexer.js'

/** Words that name no role when written unquoted (pg_dumpall quotes a role named so): CURRENT_USER would be the connecting user. */
const NOT_A_ROLE_NAME = new Set(['CURRENT_USER', 'SESSION_USER', 'CURRENT_ROLE', 'USER', 'PUBLIC', 'NONE', 'ALL', 'WITH', 'SET', 'IN', 'RESET', 'RENAME'])

/** A cursor over one statement's tokens; every read either matches the grammar or throws the reason. */
export class Reader {
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
