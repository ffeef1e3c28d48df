import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { DatabaseConfig } from '../config/types.js'
import { requireTool } from '../tools/find.js'
import { errorMessage } from '../util/errors.js'
import { compressionOfName, storedBytes } from '../util/compression.js'
import { decoded, runFed } from '../util/dump-stream.js'
import { describeFailure, runTool } from '../util/process.js'
import type { Figures, VerifyRequest } from './types.js'
import { conninfo, passwordEnv } from './postgresql-connection.js'

/** `\.`: the line that ends a COPY's data. */
const TERMINATOR = Buffer.from('\\.')
const COPY_START = Buffer.from('COPY ')
const FROM_STDIN = Buffer.from('FROM stdin;')
/**
 * The longest table name a COPY header can hold: schema and table, each at most 63 bytes
 * (NAMEDATALEN - 1), every byte a doubled quote at worst, plus their quotes and the dot.
 */
const MAX_NAME_BYTES = 2 * (2 * 63 + 2) + 1

/** Where the counter is in a `COPY <name> [(<columns>) ]FROM stdin;` header line. */
type Header =
  | { at: 'name'; quoted: boolean }
  | { at: 'after-name' }
  | { at: 'columns'; quoted: boolean }
  | { at: 'after-columns' }
  | { at: 'from'; matched: number }

/**
 * Counts the rows of each table's data in a pg_restore SQL script, as it streams past: the lines
 * between `COPY <table> (...) FROM stdin;` and `\.`. COPY's text format escapes newlines inside
 * values, so a line is a row. It reads bytes, never a whole line: a row is known to be one from
 * its first byte (only `\.` is not), and of a line outside the data only a COPY header is kept,
 * its table name alone, so a row of any size passes through in time linear in its length and in
 * memory bounded by the longest name.
 */
export class CopyRowCounter {
  readonly rows = new Map<string, number>()
  private table: string | undefined
  /** Bytes of the current line read so far. */
  private lineBytes = 0
  /** The current line is still what it may be: the terminator (in the data), a COPY header (outside). */
  private candidate = true
  private header: Header | undefined
  private readonly name = Buffer.alloc(MAX_NAME_BYTES)
  private nameBytes = 0

  /** What the counter holds of the line being read: the table name of a COPY header, at most. */
  get retainedBytes(): number {
    return this.nameBytes
  }

  push(chunk: Buffer): void {
    let from = 0
    while (from < chunk.length) {
      const newline = chunk.indexOf(0x0a, from)
      const to = newline < 0 ? chunk.length : newline
      if (this.candidate) this.read(chunk, from, to)
      this.lineBytes += to - from
      if (newline < 0) return
      this.endLine()
      from = newline + 1
    }
  }

  /** Bytes [from, to) of the current line, while it may still be the terminator or a header. */
  private read(chunk: Buffer, from: number, to: number): void {
    if (this.table !== undefined) {
      // Only the first bytes tell: a line longer than `\.` is a row.
      for (let i = from, at = this.lineBytes; i < to && this.candidate; i++, at++) this.candidate = at < TERMINATOR.length && chunk[i] === TERMINATOR[at]
      return
    }
    for (let i = from, at = this.lineBytes; i < to && this.candidate; i++, at++) {
      if (at < COPY_START.length) this.candidate = chunk[i] === COPY_START[at]
      else this.headerByte(chunk[i])
    }
  }

  private headerByte(byte: number): void {
    const header = (this.header ??= { at: 'name', quoted: false })
    switch (header.at) {
      case 'name':
        // A quoted identifier holds spaces; `""` inside it closes and reopens it, as the server reads it.
        if (byte === 0x20 && !header.quoted) {
          this.header = { at: 'after-name' }
          this.candidate = this.nameBytes > 0
          return
        }
        if (byte === 0x22) header.quoted = !header.quoted
        if (this.nameBytes === MAX_NAME_BYTES) this.candidate = false
        else this.name[this.nameBytes++] = byte
        return
      case 'after-name':
        // pg_dump writes `COPY <name> <columns> FROM stdin;`, the columns empty for a table without any.
        if (byte === 0x28) this.header = { at: 'columns', quoted: false }
        else if (byte === 0x20) this.header = { at: 'from', matched: 0 }
        else {
          const from: Header = { at: 'from', matched: 0 }
          this.header = from
          this.fromByte(from, byte)
        }
        return
      case 'columns':
        if (byte === 0x22) header.quoted = !header.quoted
        else if (byte === 0x29 && !header.quoted) this.header = { at: 'after-columns' }
        return
      case 'after-columns':
        if (byte === 0x20) this.header = { at: 'from', matched: 0 }
        else this.candidate = false
        return
      case 'from':
        this.fromByte(header, byte)
    }
  }

  private fromByte(header: { matched: number }, byte: number): void {
    this.candidate = header.matched < FROM_STDIN.length && byte === FROM_STDIN[header.matched]
    header.matched++
  }

  private endLine(): void {
    if (this.table !== undefined) {
      if (this.candidate && this.lineBytes === TERMINATOR.length) this.table = undefined
      else this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + 1)
    } else if (this.candidate && this.header?.at === 'from' && this.header.matched === FROM_STDIN.length) {
      this.table = this.name.toString('utf8', 0, this.nameBytes)
      this.rows.set(this.table, this.rows.get(this.table) ?? 0)
    }
    this.lineBytes = 0
    this.candidate = true
    this.header = undefined
    this.nameBytes = 0
  }
}

/** Exact row counts of every ordinary table, named as pg_dump names them (quote_ident, schema-qualified). */
export const COUNT_ROWS = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),
       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`

export async function psql(database: DatabaseConfig, sql: string, timeoutMs: number, cleanup = false): Promise<string> {
  const psqlPath = await requireTool('psql', 'install the PostgreSQL client (psql)')
  const result = await runTool({
    command: psqlPath,
    args: ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--field-separator=\t', '--set=ON_ERROR_STOP=1', `--command=${sql}`, `--dbname=${conninfo(database)}`],
    env: passwordEnv(database),
    timeoutMs,
    cleanup
  })
  if (result.exitCode !== 0 || result.timedOut) throw new Error(describeFailure('psql', result, timeoutMs))
  return result.stdout
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** The archive in a dump file, decompressed if it was piped through zstd (`.dump.zst`), for pg_restore's stdin. */
function archive(file: string): Readable {
  return decoded(storedBytes(file), compressionOfName(file))
}

/**
 * Restores the archive into a scratch database on the same server, then checks that every table
 * holds as many rows as the archive does. The scratch database is dropped whatever happens. The
 * comparison is with the archive, not with the live source, which may have changed since.
 */
export async function restoreCheck({ database, file, timeoutMs }: VerifyRequest): Promise<Figures> {
  const pgRestore = await requireTool('pg_restore', 'install the PostgreSQL client (pg_restore)')
  const counter = new CopyRowCounter()
  const script = await runFed({ command: pgRestore, args: ['--data-only', '--file=-'], timeoutMs }, archive(file), { stdout: (chunk) => counter.push(chunk) })
  if (script.exitCode !== 0 || script.timedOut) throw new Error(describeFailure('pg_restore reading the table data', script, timeoutMs))

  const scratchName = `restore_check_${randomBytes(4).toString('hex')}`
  const scratch: DatabaseConfig = { ...database, name: scratchName }
  try {
    await psql(database, `CREATE DATABASE ${quoteIdentifier(scratchName)}`, timeoutMs).catch((error: unknown) => {
      throw new Error(`restore-check could not create the scratch database ${scratchName} (the user needs CREATEDB): ${errorMessage(error)}`)
    })
    const restore = await runFed(
      {
        command: pgRestore,
        args: ['--no-owner', '--no-privileges', '--exit-on-error', '--no-password', `--dbname=${conninfo(scratch)}`],
        env: passwordEnv(database),
        timeoutMs
      },
      archive(file)
    )
    if (restore.exitCode !== 0 || restore.timedOut) throw new Error(describeFailure('restoring into the scratch database: pg_restore', restore, timeoutMs))

    const restored = new Map<string, number>()
    for (const line of (await psql(scratch, COUNT_ROWS, timeoutMs)).split('\n').filter(Boolean)) {
      const [table, count] = line.split('\t')
      restored.set(table, Number(count))
    }
    const differences = rowCountDifferences(counter.rows, restored)
    if (differences.length > 0) {
      throw new Error(`the restored database differs from the dump: ${differences.slice(0, 5).join('; ')}${differences.length > 5 ? '; ...' : ''}`)
    }
    const rows = [...counter.rows.values()].reduce((sum, count) => sum + count, 0)
    return { 'restore check': `${counter.rows.size} tables, ${rows} rows restored into a scratch database and matched` }
  } finally {
    await dropScratch(database, scratchName, timeoutMs)
  }
}

/** Each table of the dump whose rows did not all come back. */
export function rowCountDifferences(dumped: Map<string, number>, restored: Map<string, number>): string[] {
  const differences: string[] = []
  for (const [table, rows] of dumped) {
    const got = restored.get(table)
    if (got !== rows) differences.push(`${table}: ${rows} in the dump, ${got ?? 'no table'} restored`)
  }
  return differences
}

async function dropScratch(database: DatabaseConfig, name: string, timeoutMs: number): Promise<void> {
  try {
    // FORCE (PostgreSQL 13 and newer) ends connections a failed restore may have left.
    await psql(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`, timeoutMs, true).catch(() =>
      psql(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`, timeoutMs, true)
    )
  } catch (error) {
    core.warning(`the scratch database ${name} could not be dropped: drop it by hand (${errorMessage(error)})`)
  }
}
