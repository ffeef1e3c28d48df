/** Quoting, as the action writes a globals script's statements again from their parts. */

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
