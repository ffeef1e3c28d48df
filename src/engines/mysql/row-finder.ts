import type { DatabaseConfig } from '../../config/types.js'
import { dumpTableData } from './engine.js'
import { SqlRowCounter } from './dump-reader.js'
import { decompressedStream } from '../shared/restore-input.js'
import { firstDifferingRow, KEY_BYTES, type KeyReader, type RowReader } from '../shared/row-finder.js'

/**
 * MariaDB's and MySQL's side of naming the first differing row (row-finder.ts): the rows are the
 * tuples of the INSERTs, read from the dump file itself and from the table re-dumped, data only,
 * by the same dump tool; a row's key is read from its tuple's fields, the places of the key's
 * columns taken from each INSERT's column list, or from the table's columns where it has none.
 */

/** Streams SQL holding the table's INSERTs (the whole dump, or the table dumped alone) to `push`. */
export type SqlReader = (push: (chunk: Buffer) => void) => Promise<void>

/** Runs one query in the database, its rows split into fields. */
export type Query = (sql: string) => Promise<string[][]>

/** What the target's catalog says of the table: its primary key's columns in key order, and every column in order. */
export interface TupleKey {
  names: string[]
  columns: string[]
}

const OPEN = 0x28
const CLOSE = 0x29
const COMMA = 0x2c
const BACKSLASH = 0x5c
const SINGLE_QUOTE = 0x27
const DOUBLE_QUOTE = 0x22

/**
 * Reads the key's fields of a tuple as it passes: the fields are split at the commas of depth 1
 * outside quotes (a quoted value skipped by its quotes and backslash escapes, as SqlRowCounter
 * reads it), and of a field only a key's is kept, all of them together in KEY_BYTES at most. A
 * tuple whose fields are not as many as the columns it is read by is not named: its places would
 * be wrong.
 */
class TupleKeyReader implements KeyReader {
  private readonly text = Buffer.alloc(KEY_BYTES)
  private textBytes = 0
  /** Each kept field's bytes in `text`, in the key's order. */
  private readonly starts: number[]
  private readonly ends: number[]
  private depth = 0
  private quote = 0
  private escaped = false
  private field = 0
  private closed = false
  private cut = false

  /**
   * @param places each key column's field, in the key's order
   * @param names those columns' names
   * @param fields how many fields a tuple holds
   */
  constructor(
    private readonly places: number[],
    private readonly names: string[],
    private readonly fields: number
  ) {
    this.starts = places.map(() => -1)
    this.ends = places.map(() => -1)
  }

  begin(): void {
    this.textBytes = 0
    this.starts.fill(-1)
    this.ends.fill(-1)
    this.depth = 0
    this.quote = 0
    this.escaped = false
    this.field = 0
    this.closed = false
    this.cut = false
  }

  update(part: Uint8Array): void {
    // Where the field being read starts in this part.
    let fieldStart = this.depth > 0 ? 0 : -1
    for (let i = 0; i < part.length; i++) {
      const byte = part[i]
      if (this.quote) {
        if (this.escaped) this.escaped = false
        else if (byte === BACKSLASH) this.escaped = true
        else if (byte === this.quote) this.quote = 0
        continue
      }
      if (byte === SINGLE_QUOTE || byte === DOUBLE_QUOTE) this.quote = byte
      else if (byte === OPEN) {
        if (this.depth++ === 0) fieldStart = i + 1
      } else if (byte === CLOSE) {
        if (--this.depth === 0) {
          this.keep(part, fieldStart, i)
          this.closed = true
          fieldStart = -1
        }
      } else if (byte === COMMA && this.depth === 1) {
        this.keep(part, fieldStart, i)
        this.field++
        fieldStart = i + 1
      }
    }
    if (this.depth > 0 && fieldStart >= 0) this.keep(part, fieldStart, part.length)
  }

  key(): string | undefined {
    if (!this.closed || this.cut || this.field + 1 !== this.fields) return undefined
    const values = this.places.map((_, index) => this.text.toString('utf8', this.starts[index], this.ends[index]))
    return `(${this.names.join(', ')})=(${values.join(', ')})`
  }

  /** Bytes [from, to) of the current field, kept if it is the key's. */
  private keep(part: Uint8Array, from: number, to: number): void {
    const index = this.places.indexOf(this.field)
    if (index < 0 || this.cut) return
    if (this.starts[index] < 0) this.starts[index] = this.textBytes
    if (this.textBytes + (to - from) > KEY_BYTES) {
      this.cut = true
      return
    }
    this.text.set(part.subarray(from, to), this.textBytes)
    this.textBytes += to - from
    this.ends[index] = this.textBytes
  }
}

/** Never names a row: the tuples of this INSERT do not hold the key. */
const NO_KEY: KeyReader = { begin: () => undefined, update: () => undefined, key: () => undefined }

/**
 * The key reader of an INSERT whose tuples hold `columns` (its column list), or every column of
 * the table where it has none. A key column the table's columns do not list is one the server
 * keeps itself (row_end of a system-versioned table): named where the INSERT holds it, left out
 * where it does not (a dump without history holds current rows only, whose row_end is the same).
 */
export function tupleKeyReader(key: TupleKey, columns: string[] | undefined): KeyReader {
  const layout = columns ?? key.columns
  const kept = key.names.filter((name) => layout.includes(name))
  if (kept.length === 0 || key.names.some((name) => !layout.includes(name) && key.columns.includes(name))) return NO_KEY
  return new TupleKeyReader(
    kept.map((name) => layout.indexOf(name)),
    kept,
    layout.length
  )
}

/** The tuples of `table`'s INSERTs in what `read` streams; other tables' are skipped. */
function tupleRows(read: SqlReader, table: string): RowReader<TupleKey> {
  return async (sink, key) => {
    const counter = new SqlRowCounter((name, columns) => (name === table ? sink(key && tupleKeyReader(key, columns)) : undefined))
    await read((chunk) => counter.push(chunk))
    counter.finish()
  }
}

/** The dump file, decompressed as it streams. */
export function dumpSql(file: string): SqlReader {
  return async (push) => {
    for await (const chunk of await decompressedStream(file)) push(chunk as Buffer)
  }
}

/** One table of a database, re-dumped data only by the dump tool that reads a restored database back. */
export function tableSql(database: DatabaseConfig, workDir: string, table: string, history: boolean, timeoutMs: number): SqlReader {
  return (push) => dumpTableData(database, workDir, timeoutMs, push, history, table)
}

/** A name as a hex literal: no quoting to get wrong, whatever the session's sql_mode. */
function nameLiteral(name: string): string {
  return `CONVERT(X'${Buffer.from(name).toString('hex')}' USING utf8mb4)`
}

/** The table's columns and primary key from the catalog of the database it was restored into; undefined without a primary key. */
export async function catalogKey(query: Query, table: string): Promise<TupleKey | undefined> {
  const where = `TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${nameLiteral(table)}`
  const rows = await query(
    `SELECT 'column', HEX(TABLE_NAME), HEX(COLUMN_NAME) FROM information_schema.COLUMNS WHERE ${where} ORDER BY ORDINAL_POSITION; ` +
      `SELECT 'key', HEX(TABLE_NAME), HEX(COLUMN_NAME) FROM information_schema.KEY_COLUMN_USAGE WHERE ${where} AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION`
  )
  const text = (hex: string): string => Buffer.from(hex, 'hex').toString('utf8')
  // The catalog compares names without regard to case: only the table of this very name counts.
  const ofTable = rows.filter(([, name]) => text(name) === table)
  const names = ofTable.filter(([kind]) => kind === 'key').map(([, , column]) => text(column))
  const columns = ofTable.filter(([kind]) => kind === 'column').map(([, , column]) => text(column))
  return names.length > 0 ? { names, columns } : undefined
}

/**
 * How check-restored and restore-check name the first differing row of a table: the dump file
 * against the table re-dumped from `database`, the key from `database`'s catalog.
 */
export function mysqlRowFinder(file: string, database: DatabaseConfig, workDir: string, timeoutMs: number, history: boolean, query: Query): (table: string) => Promise<string | undefined> {
  return (table) =>
    firstDifferingRow<TupleKey>({
      archive: tupleRows(dumpSql(file), table),
      target: tupleRows(tableSql(database, workDir, table, history, timeoutMs), table),
      primaryKey: () => catalogKey(query, table),
      unreadKey: `its key's fields are not all in its INSERT's tuple within ${KEY_BYTES} bytes`
    })
}
