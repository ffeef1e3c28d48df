import type { SqlMode, Token } from './dump-tokens.js'

/**
 * What the dump's SET statements change of how the rest of it is read, followed by the
 * confinement scan: sql_mode (ANSI_QUOTES, NO_BACKSLASH_ESCAPES) and the client character set
 * (only ASCII-safe ones), also where they travel through a user variable.
 */

/** Character sets in which a byte below 0x80 is always that ASCII character, so quotes and backslashes read the same. */
const SAFE_CHARSETS = new Set(['UTF8', 'UTF8MB3', 'UTF8MB4', 'LATIN1', 'ASCII', 'BINARY'])
/** sql_mode words that turn `"` into an identifier quote. */
const ANSI_QUOTE_MODES = new Set(['ANSI_QUOTES', 'ANSI', 'DB2', 'MAXDB', 'MSSQL', 'ORACLE', 'POSTGRESQL'])

/** What a user variable was set to, as far as it changes how the dump is read. */
interface VariableValue {
  sqlMode?: SqlMode
  safeCharset: boolean
}

function parseSqlMode(text: string): SqlMode {
  const words = text.toUpperCase().split(',').map((word) => word.trim())
  return { ansiQuotes: words.some((word) => ANSI_QUOTE_MODES.has(word)), noBackslashEscapes: words.includes('NO_BACKSLASH_ESCAPES') }
}

/** The variable a SET assigns, as one name: `@@SESSION.sql_mode`, `SESSION sql_mode` and `sql_mode` are `SQL_MODE`; `@v` stays. */
function assignee(written: string): string {
  const name = written.toUpperCase().replace(/ *\. */g, '.')
  if (name.startsWith('@') && !name.startsWith('@@')) return name
  return name.replace(/^@@/, '').replace(/^(?:SESSION|LOCAL)[. ]/, '')
}

/** One assignment of a top-level SET statement, as it is read. */
export interface Assignment {
  name: string
  value: Token[]
  sawEquals: boolean
}

/** What of a statement the SET following reads and writes. */
export interface SetStatement {
  tokens: number
  body: boolean
  assignments: Assignment[]
  depth: number
}

export class SessionSettings {
  mode: SqlMode = { ansiQuotes: false, noBackslashEscapes: false }
  private readonly variables = new Map<string, VariableValue>()

  /** Reads the assignments of a top-level SET: which of them change how the rest of the dump is read. */
  follow(statement: SetStatement, token: Token): void {
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
  forget(token: Token): void {
    if (token.kind === 'var' && !token.text.startsWith('@@')) this.variables.set(token.text, { safeCharset: false })
  }

  /** Applies a SET statement's assignments once it has run: sql_mode and the client's character set. */
  apply(statement: SetStatement, fail: (why: string) => never): void {
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
