import { ContentDigest } from '../../util/content-digest.js'
import { describeContents } from '../shared/contents.js'
import type { RowSink } from '../shared/row-finder.js'
import type { Contents, Digests } from '../types.js'

/**
 * Bytes of a line's start kept to read a CREATE TABLE, an INSERT's header (its column list may be
 * long: up to 4,096 columns of 64 characters), and the dump's server version, from.
 */
const HEAD_BYTES = 1 << 20
const CREATE_TABLE = /^CREATE TABLE `((?:[^`]|``)+)` \(/
// A column list comes with generated or invisible columns (MySQL's mysqldump leaves generated ones
// out), and with history (--dump-history) names row_start and row_end unquoted.
const INSERT = /^INSERT INTO `((?:[^`]|``)+)` (?:\(((?:(?:`(?:[^`]|``)*`|[A-Za-z0-9_$]+)(?:, ?)?)+)\) )?VALUES ?/
const COLUMN = /`((?:[^`]|``)*)`|([A-Za-z0-9_$]+)/g
const DROP_TABLE = /^DROP TABLE (?:IF EXISTS )?`((?:[^`]|``)+)`/
const ENGINE = /\bENGINE=(\w+)/
/** Engines that undo a statement that fails: the others keep the rows it inserted before failing. */
const TRANSACTIONAL = /^(?:InnoDB|ROCKSDB|TokuDB|ndbcluster)$/i
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

/** The newline bytes in chunk[from, to): the client numbers the lines of its input by them. */
function newlines(chunk: Buffer, from: number, to: number): number {
  const part = chunk.subarray(from, to)
  let count = 0
  for (let at = part.indexOf(NEWLINE); at >= 0; at = part.indexOf(NEWLINE, at + 1)) count++
  return count
}

/**
 * Where a table's statements are in the dump, by line (from 1, as the client numbers them in its
 * errors): its DROP TABLE, the first and last line of its CREATE TABLE, the first and last line
 * of its first INSERT, and the last line of its last. What a failed load left of it is read off
 * them (describeLoadFailure).
 */
export interface TableLines {
  drop?: number
  createStart?: number
  createEnd?: number
  firstInsert?: number
  firstInsertEnd?: number
  lastInsertEnd?: number
  /** The ENGINE its CREATE TABLE names. */
  engine?: string
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
  /** Each table's statements by line, and those of the views' stand-ins, which are dropped as tables. */
  readonly lines = new Map<string, TableLines>()
  private readonly contents = new Map<string, ContentDigest>()
  /** Bytes of the current line read so far, while outside an INSERT's values. */
  private lineBytes = 0
  private readonly head = Buffer.alloc(HEAD_BYTES)
  /** The line being read, from 1. */
  private lineNumber = 1
  /** The last byte of the current line so far: a statement ends with `;` at the end of a line. */
  private lastByte = 0
  /** The table whose CREATE TABLE is being read, to its `;`. */
  private creating: string | undefined
  /** The INSERT whose values are being read: where its table's tuples go (none: only counted), and where the scan is. */
  private insert: { table: string; sink: RowSink | undefined } | undefined
  private statementBytes = 0
  private depth = 0
  private quote = 0
  private escaped = false
  /** The current tuple's digest was begun: it came in more than one chunk. */
  private hashing = false

  /**
   * Where each INSERT's tuples go, by table and by the INSERT's column list (undefined without
   * one): by default a ContentDigest a table (digests()); the row finder gives its own, for one
   * table, and undefined for the others.
   */
  constructor(private readonly sinkFor: (table: string, columns: string[] | undefined) => RowSink | undefined = (table) => this.digestOf(table)) {}

  /** Each table's content digest (ContentDigest.text()); a table without rows has that of none. */
  digests(): Digests {
    return new Map([...this.rows.keys()].map((table) => [table, (this.contents.get(table) ?? new ContentDigest()).text()]))
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
    if (to > from) this.lastByte = chunk[to - 1]
    if (this.lineBytes < HEAD_BYTES) chunk.copy(this.head, this.lineBytes, from, Math.min(to, from + HEAD_BYTES - this.lineBytes))
    const before = this.lineBytes
    this.lineBytes += to - from
    // An INSERT's header is short: once it is all in the head, the values start right after it.
    const insert = this.head[0] === 0x49 ? INSERT.exec(this.head.toString('utf8', 0, Math.min(this.lineBytes, HEAD_BYTES))) : null
    if (insert) {
      const headerBytes = Buffer.byteLength(insert[0])
      if (headerBytes <= this.lineBytes) {
        const table = identifier(insert[1])
        const columns = insert[2] === undefined ? undefined : [...insert[2].matchAll(COLUMN)].map((column) => column[2] ?? identifier(column[1]))
        this.seen(table)
        this.linesOf(table).firstInsert ??= this.lineNumber
        this.insert = { table, sink: this.sinkFor(table, columns) }
        this.statementBytes = headerBytes
        this.lineBytes = 0
        return from + (headerBytes - before)
      }
    }
    if (newline < 0) return chunk.length
    this.endLine()
    this.lineNumber++
    return newline + 1
  }

  private endLine(): void {
    const line = this.head.toString('utf8', 0, Math.min(this.lineBytes, HEAD_BYTES))
    this.longestStatement = Math.max(this.longestStatement, this.lineBytes)
    const created = CREATE_TABLE.exec(line)
    if (created) {
      const table = identifier(created[1])
      this.seen(table)
      this.linesOf(table).createStart ??= this.lineNumber
      this.creating = table
    }
    const dropped = DROP_TABLE.exec(line)
    if (dropped) this.linesOf(identifier(dropped[1])).drop ??= this.lineNumber
    if (this.creating !== undefined) {
      const lines = this.linesOf(this.creating)
      // The table options follow the closing parenthesis of the columns, on a line of their own.
      if (line.startsWith(')')) lines.engine ??= ENGINE.exec(line)?.[1]
      if (this.lastByte === SEMICOLON) {
        lines.createEnd = this.lineNumber
        this.creating = undefined
      }
    }
    const version = SERVER_VERSION.exec(line)
    if (version) this.serverVersion = version[1].trim()
    if (HISTORY.test(line)) this.history = true
    this.lineBytes = 0
    this.lastByte = 0
  }

  /** A table of the dump, in the order the dump holds them, with or without rows. */
  private seen(table: string): void {
    if (!this.rows.has(table)) this.rows.set(table, 0)
  }

  private linesOf(table: string): TableLines {
    const lines = this.lines.get(table) ?? {}
    this.lines.set(table, lines)
    return lines
  }

  private digestOf(table: string): ContentDigest {
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
        this.lineNumber += newlines(chunk, from, i)
        const lines = this.linesOf(insert.table)
        lines.firstInsertEnd ??= this.lineNumber
        lines.lastInsertEnd = this.lineNumber
        this.insert = undefined
        return i + 1
      }
    }
    if (tupleStart >= 0 && insert.sink) {
      if (!this.hashing) insert.sink.begin()
      insert.sink.update(chunk.subarray(tupleStart))
      this.hashing = true
    }
    this.statementBytes += chunk.length - from
    this.lineNumber += newlines(chunk, from, chunk.length)
    return chunk.length
  }

  private endTuple(insert: NonNullable<SqlRowCounter['insert']>, last: Buffer): void {
    if (this.hashing) {
      insert.sink?.update(last)
      insert.sink?.end()
      this.hashing = false
    } else insert.sink?.add(last)
    this.rows.set(insert.table, (this.rows.get(insert.table) ?? 0) + 1)
  }
}

/**
 * The client stops at the first statement that fails and names its line: `ERROR 1062 (23000) at line
 * 812: ...` (MariaDB's names the line it starts on; the spans below hold for any line of it).
 */
const FAILED_AT = /^ERROR \d+ \([0-9A-Z]{5}\) at line (\d+)/m

/** What a table whose statements span `line` (its first statement came before it) is left as, the client having stopped there. */
function stateAt(lines: TableLines, line: number, rows: number): string {
  if (lines.createStart === undefined || line < lines.createStart) return 'dropped, and not recreated'
  if (line <= (lines.createEnd ?? lines.createStart)) return 'dropped, and missing: its CREATE TABLE failed'
  if (lines.firstInsert === undefined || line < lines.firstInsert) return `recreated, and left empty: it failed before its rows (none of its ${rows} loaded)`
  // A transactional engine undoes the INSERT that failed; another keeps the rows it inserted before failing.
  const kept = lines.engine !== undefined && !TRANSACTIONAL.test(lines.engine) ? ` (and perhaps some of the failed INSERT's: ${lines.engine} does not undo a failed statement)` : ''
  if (line <= (lines.firstInsertEnd ?? Infinity)) return `recreated, and left empty: its first INSERT failed, none of its ${rows} rows are loaded${kept}`
  return `recreated, and partially loaded: it holds the rows of its INSERTs before line ${line}${kept}, not the rest of its ${rows} rows`
}

/**
 * What a load of `dump` that the client stopped at (its error output says the line) left in the
 * database, table by table: the statements run in order, so a table whose statements all end
 * before that line was dropped, recreated and loaded in full, a table whose first starts at it or
 * after it was not touched, and the table whose statements span it is told in detail. Undefined
 * where the client names no line (it was stopped, or could not connect).
 */
export function describeLoadFailure(dump: SqlRowCounter, stderr: string): string | undefined {
  const failedAt = FAILED_AT.exec(stderr)
  if (!failedAt) return undefined
  const line = Number(failedAt[1])
  const restored: string[] = []
  const untouched: string[] = []
  let current: string | undefined
  for (const [table, rows] of dump.rows) {
    const lines = dump.lines.get(table) ?? {}
    const start = lines.drop ?? lines.createStart ?? lines.firstInsert ?? Infinity
    const end = lines.lastInsertEnd ?? lines.createEnd ?? start
    if (end < line) restored.push(table)
    else if (start > line) untouched.push(table)
    else if (start === line) current = `${table} is as it was: its ${lines.drop !== undefined ? 'DROP TABLE' : lines.createStart !== undefined ? 'CREATE TABLE' : 'first INSERT'}, at line ${line}, failed`
    else current = `${table} was being loaded at line ${line}: ${stateAt(lines, line, rows)}`
  }
  const tables = (names: string[]): string => describeContents(new Map(names.map((name) => [name, 0])), 'table')
  const parts = [
    ...(restored.length > 0 ? [`restored in full (dropped, recreated and loaded): ${tables(restored)}`] : []),
    current ??
      `the statement that failed at line ${line}, ${restored.length > 0 ? `after the rows of ${restored[restored.length - 1]}` : 'before the first table'}, ` +
        "is none of a table's DROP, CREATE or INSERT (it is a setting, a trigger, a view, a routine or an event)",
    ...(untouched.length > 0 ? [`not reached, as they were before the restore: ${tables(untouched)}`] : [])
  ]
  return `what the target holds of the dump's ${dump.rows.size} tables: ${parts.join('; ')}`
}
