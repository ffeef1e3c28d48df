import { ContentDigest } from '../util/content-digest.js'
import type { Contents, Digests } from './types.js'

/**
 * Bytes of a line's start kept to read a CREATE TABLE, an INSERT's header (its column list may be
 * long: up to 4,096 columns of 64 characters), and the dump's server version, from.
 */
const HEAD_BYTES = 1 << 20
const CREATE_TABLE = /^CREATE TABLE `((?:[^`]|``)+)` \(/
// A column list comes with generated or invisible columns (MySQL's mysqldump leaves generated ones
// out), and with history (--dump-history) names row_start and row_end unquoted.
const INSERT = /^INSERT INTO `((?:[^`]|``)+)` (?:\((?:(?:`(?:[^`]|``)*`|[A-Za-z0-9_$]+)(?:, ?)?)+\) )?VALUES ?/
const SERVER_VERSION = /^-- Server version\t(.+)$/
/** What mariadb-dump --dump-history writes before the rows of system-versioned tables with their history. */
const HISTORY = /system_versioning_insert_history=1/

const OPEN = 0x28
const CLOSE = 0x29
const BACKSLASH = 0x5c
const SEMICOLON = 0x3b
const NEWLINE = 0x0a
const SINGLE_QUOTE = 0x27
const DOUBLE_QUOTE = 0x22

function identifier(quoted: string): string {
  return quoted.replace(/``/g, '`')
}

/**
 * Reads a mysqldump or mariadb-dump script as it streams past: each table's rows, the top-level
 * parenthesised tuples of its INSERTs' VALUES lists (one line or one row a line, as the tools
 * write them; strings skipped by their quotes and backslash escapes), counted and folded into
 * the table's content digest as the tool wrote them; a table without rows still has its CREATE
 * TABLE. Newlines inside values are escaped by the tools, so a statement starts at the start of a
 * line. It reads bytes and keeps none of a value: a tuple is hashed as it passes, in as many
 * parts as chunks bring it, and of a line outside the values only its first bytes are kept, so a
 * row of any size passes in time linear in its length and in bounded memory.
 */
export class SqlRowCounter {
  readonly rows: Contents = new Map()
  /** The server the dump was taken from, as its `-- Server version` line says. */
  serverVersion: string | undefined
  /** The dump holds the history of its system-versioned tables (mariadb-dump --dump-history). */
  history = false
  /** The longest statement of the dump in bytes: the server's max_allowed_packet must be at least this to load it. */
  longestStatement = 0
  private readonly contents = new Map<string, ContentDigest>()
  /** Bytes of the current line read so far, while outside an INSERT's values. */
  private lineBytes = 0
  private readonly head = Buffer.alloc(HEAD_BYTES)
  /** The INSERT whose values are being read: its table's digest, and where the scan is. */
  private insert: { table: string; digest: ContentDigest } | undefined
  private statementBytes = 0
  private depth = 0
  private quote = 0
  private escaped = false
  /** The current tuple's digest was begun: it came in more than one chunk. */
  private hashing = false

  /** Each table's content digest (ContentDigest.text()). */
  digests(): Digests {
    return new Map([...this.contents].map(([table, digest]) => [table, digest.text()]))
  }

  push(chunk: Buffer): void {
    let at = 0
    while (at < chunk.length) at = this.insert ? this.values(chunk, at) : this.line(chunk, at)
  }

  finish(): Contents {
    if (!this.insert) this.endLine()
    return this.rows
  }

  /** Outside the values: up to the end of the line, or to the VALUES of an INSERT. */
  private line(chunk: Buffer, from: number): number {
    const newline = chunk.indexOf(NEWLINE, from)
    const to = newline < 0 ? chunk.length : newline
    if (this.lineBytes < HEAD_BYTES) chunk.copy(this.head, this.lineBytes, from, Math.min(to, from + HEAD_BYTES - this.lineBytes))
    const before = this.lineBytes
    this.lineBytes += to - from
    // An INSERT's header is short: once it is all in the head, the values start right after it.
    const insert = this.head[0] === 0x49 ? INSERT.exec(this.head.toString('utf8', 0, Math.min(this.lineBytes, HEAD_BYTES))) : null
    if (insert) {
      const headerBytes = Buffer.byteLength(insert[0])
      if (headerBytes <= this.lineBytes) {
        const table = identifier(insert[1])
        this.insert = { table, digest: this.digestOf(table) }
        this.statementBytes = headerBytes
        this.lineBytes = 0
        return from + (headerBytes - before)
      }
    }
    if (newline < 0) return chunk.length
    this.endLine()
    return newline + 1
  }

  private endLine(): void {
    const line = this.head.toString('utf8', 0, Math.min(this.lineBytes, HEAD_BYTES))
    this.longestStatement = Math.max(this.longestStatement, this.lineBytes)
    const created = CREATE_TABLE.exec(line)
    if (created) this.digestOf(identifier(created[1]))
    const version = SERVER_VERSION.exec(line)
    if (version) this.serverVersion = version[1].trim()
    if (HISTORY.test(line)) this.history = true
    this.lineBytes = 0
  }

  private digestOf(table: string): ContentDigest {
    if (!this.rows.has(table)) this.rows.set(table, 0)
    const digest = this.contents.get(table) ?? new ContentDigest()
    this.contents.set(table, digest)
    return digest
  }

  /** The values of an INSERT, from `from`: tuples hashed as they pass, to the `;` that ends it. */
  private values(chunk: Buffer, from: number): number {
    const insert = this.insert as NonNullable<SqlRowCounter['insert']>
    // Where the tuple being read starts in this chunk (its first byte, or this chunk's first).
    let tupleStart = this.depth > 0 ? from : -1
    for (let i = from; i < chunk.length; i++) {
      const byte = chunk[i]
      if (this.quote) {
        if (this.escaped) this.escaped = false
        else if (byte === BACKSLASH) this.escaped = true
        else if (byte === this.quote) this.quote = 0
        continue
      }
      if (byte === SINGLE_QUOTE || byte === DOUBLE_QUOTE) this.quote = byte
      else if (byte === OPEN) {
        if (this.depth++ === 0) tupleStart = i
      } else if (byte === CLOSE) {
        if (--this.depth === 0) {
          this.endTuple(insert, chunk.subarray(tupleStart, i + 1))
          tupleStart = -1
        }
      } else if (byte === SEMICOLON && this.depth === 0) {
        this.statementBytes += i + 1 - from
        this.longestStatement = Math.max(this.longestStatement, this.statementBytes)
        this.insert = undefined
        return i + 1
      }
    }
    if (tupleStart >= 0) {
      if (!this.hashing) insert.digest.begin()
      insert.digest.update(chunk.subarray(tupleStart))
      this.hashing = true
    }
    this.statementBytes += chunk.length - from
    return chunk.length
  }

  private endTuple(insert: NonNullable<SqlRowCounter['insert']>, last: Buffer): void {
    if (this.hashing) {
      insert.digest.update(last)
      insert.digest.end()
      this.hashing = false
    } else insert.digest.add(last)
    this.rows.set(insert.table, (this.rows.get(insert.table) ?? 0) + 1)
  }
}
