/** The bytes of SQL text as the restores' confinement lexers (MySQL's and PostgreSQL's) read them. */

/** A byte of an unquoted word: ASCII letters and digits, `_`, `$`, and every byte of a multi-byte UTF-8 character. */
export function isWordByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f || byte === 0x24 || byte >= 0x80
}

/** Space, tab, line feed, vertical tab, form feed, carriage return. */
export function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)
}
