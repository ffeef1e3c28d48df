import type { DatabaseConfig } from '../../config/types.js'
import { requireTool } from '../../tools/find.js'
import { compressionOfName, storedBytes } from '../../util/compression.js'
import { decoded, runFed } from '../../util/dump-feed.js'
import { requireSuccess, runStreaming } from '../../util/process.js'
import { conninfo, passwordEnv } from './connection.js'
import { psql } from './psql.js'
import { CopyRowCounter } from './content.js'
import { DATA_SESSION_ENV } from './target-content.js'
import { firstDifferingRow as firstDifferingRowOf, KEY_BYTES, type KeyReader, type RowReader } from '../shared/row-finder.js'

/**
 * PostgreSQL's side of naming the first differing row (row-finder.ts): the rows are COPY text
 * lines, read from the archive by pg_restore and from the database by pg_dump, one table each,
 * and a row's key is read from its first bytes, whose fields are split at tabs.
 */

/** The primary key's columns, by name and by place among the fields of a COPY line. */
type KeyColumns = Array<[string, number]>

/** Keeps a row's first KEY_BYTES, where its key's fields are read from once the row has passed. */
class CopyKeyReader implements KeyReader {
  private readonly start = Buffer.alloc(KEY_BYTES)
  private startBytes = 0

  constructor(private readonly columns: KeyColumns) {}

  begin(): void {
    this.startBytes = 0
  }

  update(part: Uint8Array): void {
    if (this.startBytes >= KEY_BYTES) return
    const taken = Math.min(part.length, KEY_BYTES - this.startBytes)
    this.start.set(part.subarray(0, taken), this.startBytes)
    this.startBytes += taken
  }

  key(): string | undefined {
    return keyOf(this.start.subarray(0, this.startBytes), this.columns)
  }
}

/** Streams one table's COPY data (a pg_restore or pg_dump script holding only it) to `push`. */
export type TableReader = (push: (chunk: Buffer) => void) => Promise<void>

/** The table's data in the archive (`file`, compressed or not), as pg_restore writes it. */
export function archiveTable(file: string, table: string, timeoutMs: number): TableReader {
  return async (push) => {
    const pgRestore = await requireTool('pg_restore', 'install the PostgreSQL client (pg_restore)')
    const [schema, name] = qualifiedParts(table)
    const result = await runFed(
      { command: pgRestore, args: ['--data-only', '--file=-', `--schema=${schema}`, `--table=${name}`], timeoutMs },
      decoded(storedBytes(file), compressionOfName(file)),
      { stdout: push }
    )
    requireSuccess(`pg_restore reading ${table} of the archive`, result, timeoutMs)
  }
}

/** The table's data in a database, as the same client dumps it (pg_dump takes the quoted name as a pattern that matches it alone). */
export function databaseTable(database: DatabaseConfig, table: string, encoding: string, timeoutMs: number): TableReader {
  return async (push) => {
    const pgDump = await requireTool('pg_dump', 'install the PostgreSQL client (pg_dump)')
    const result = await runStreaming(
      {
        command: pgDump,
        args: ['--data-only', '--format=plain', `--encoding=${encoding}`, `--table=${table}`, '--no-password', `--dbname=${conninfo(database)}`],
        env: { ...passwordEnv(database), ...DATA_SESSION_ENV },
        timeoutMs
      },
      push
    )
    requireSuccess(`pg_dump reading ${table} back`, result, timeoutMs)
  }
}

/** `"Odd ""S"""."t"` -> ['Odd "S"', 't']: a name as pg_dump writes it (quoted where needed), split and unquoted. */
export function qualifiedParts(qualified: string): [string, string] {
  const parts: string[] = []
  let part = ''
  let quoted = false
  for (let i = 0; i < qualified.length; i++) {
    const char = qualified[i]
    if (char === '"') {
      if (quoted && qualified[i + 1] === '"') {
        part += '"'
        i++
      } else quoted = !quoted
    } else if (char === '.' && !quoted) {
      parts.push(part)
      part = ''
    } else part += char
  }
  parts.push(part)
  return [parts[0], parts.slice(1).join('.')]
}

/** The rows of one table's COPY data, as `read` streams it. */
function copyRows(read: TableReader): RowReader<KeyColumns> {
  return async (sink, key) => {
    const counter = new CopyRowCounter(() => sink(key && new CopyKeyReader(key)))
    await read((chunk) => counter.push(chunk))
  }
}

/** The primary key's columns, by their place among the columns COPY writes (generated and dropped ones are not). */
const PRIMARY_KEY = (table: string): string => `
SELECT a.attname, (SELECT count(*) FROM pg_attribute b WHERE b.attrelid = a.attrelid AND b.attnum > 0 AND b.attnum < a.attnum AND NOT b.attisdropped AND b.attgenerated = '')
FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
WHERE i.indrelid = '${table.replace(/'/g, "''")}'::regclass AND i.indisprimary
ORDER BY array_position(i.indkey::int2[], a.attnum)`

/** `(id, region)=(7, eu)`: the key's fields of a row (COPY text, escapes kept), or undefined if its first bytes do not hold them. */
function keyOf(start: Buffer, columns: KeyColumns): string | undefined {
  const fields = start.toString('utf8').split('\t')
  const values = columns.map(([, place]) => fields[place])
  // The last field read may be cut at KEY_BYTES: only a field followed by another is whole.
  if (columns.some(([, place]) => place >= fields.length - 1 && start.length === KEY_BYTES)) return undefined
  if (values.some((value) => value === undefined)) return undefined
  return `(${columns.map(([name]) => name).join(', ')})=(${values.join(', ')})`
}

/**
 * The first row of `table` that the archive and the target do not hold alike, named by its
 * primary key, or said to have none; undefined where nothing differs after all.
 */
export async function firstDifferingRow(archive: TableReader, target: TableReader, keyDatabase: DatabaseConfig, table: string, timeoutMs: number): Promise<string | undefined> {
  return firstDifferingRowOf<KeyColumns>({
    archive: copyRows(archive),
    target: copyRows(target),
    primaryKey: async () => {
      const columns = (await psql(keyDatabase, PRIMARY_KEY(table), timeoutMs))
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t'))
        .map(([name, place]): [string, number] => [name, Number(place)])
      return columns.length > 0 ? columns : undefined
    },
    unreadKey: `its key is not in its first ${KEY_BYTES} bytes`
  })
}
