/**
 * Splitting a stored globals script into statements of tokens and psql meta-command lines, before
 * globals-script.ts parses them against the allow-list. The script is a latin1 string (one
 * character per byte, see globals-script.ts).
 */

/** One statement of the script, as tokens, with the line it starts on. */
export interface Token {
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

/** PostgreSQL's identifier limit (NAMEDATALEN - 1 bytes): a longer name would be cut to another. */
export const MAX_NAME_BYTES = 63

/** What a refused line is shown as: its start, cut before any string literal (a password may follow), control characters escaped. */
export function quoteOf(text: string): string {
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
export function lex(script: string): Lexed {
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
