import { createHash, type Hash } from 'node:crypto'
import type { DatabaseConfig } from '../config/types.js'
import { requireTool } from '../tools/find.js'
import { compressionOfName, storedBytes } from '../util/compression.js'
import { ContentDigest } from '../util/content-digest.js'
import { decoded, runFed } from '../util/dump-stream.js'
import { describeFailure, runStreaming } from '../util/process.js'
import { conninfo, passwordEnv, psql } from './postgresql-connection.js'
import { CopyRowCounter, DATA_SESSION_ENV, type RowSink } from './postgresql-content.js'

/**
 * Naming the first row of a table that differs between an archive and a restored database, once
 * their digests differ: each side's rows are hashed into buckets by their hash (one pass each),
 * then the rows of the first bucket that differs are kept by hash with their key (one more pass
 * each), so that memory holds one bucket's rows, never the table. A row is named by its primary
 * key, never by its values.
 */

/** Buckets of the first pass: a bucket of a table of n rows holds about n / 4096 of them. */
const BUCKET_BITS = 12
/** Of a row, the bytes kept to read its key from: primary keys are short and come first. */
const KEY_BYTES = 4096

function bucketOf(rowHash: Buffer): number {
  return rowHash.readUInt16BE(0) >> (16 - BUCKET_BITS)
}

/** Hashes each row (whole or in parts) and hands the hash, with the row's first bytes, to `done`. */
class RowHasher implements RowSink {
  private hash: Hash | undefined
  private readonly start = Buffer.alloc(KEY_BYTES)
  private startBytes = 0

  constructor(private readonly done: (rowHash: Buffer, start: Buffer) => void) {}

  add(row: Uint8Array): void {
    this.done(createHash('sha256').update(row).digest(), Buffer.from(row.subarray(0, KEY_BYTES)))
  }

  begin(): void {
    this.hash = createHash('sha256')
    this.startBytes = 0
  }

  update(part: Uint8Array): void {
    this.hash?.update(part)
    if (this.startBytes < KEY_BYTES) {
      const taken = Math.min(part.length, KEY_BYTES - this.startBytes)
      this.start.set(part.subarray(0, taken), this.startBytes)
      this.startBytes += taken
    }
  }

  end(): void {
    if (this.hash) this.done(this.hash.digest(), Buffer.from(this.start.subarray(0, this.startBytes)))
    this.hash = undefined
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
    if (result.exitCode !== 0 || result.timedOut) throw new Error(describeFailure(`pg_restore reading ${table} of the archive`, result, timeoutMs))
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
    if (result.exitCode !== 0 || result.timedOut) throw new Error(describeFailure(`pg_dump reading ${table} back`, result, timeoutMs))
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

/** Each row's content digest per bucket, of one side. */
async function bucketDigests(read: TableReader): Promise<string[]> {
  const buckets = Array.from({ length: 1 << BUCKET_BITS }, () => new ContentDigest())
  const counter = new CopyRowCounter(() => new RowHasher((rowHash) => buckets[bucketOf(rowHash)].add(rowHash)))
  await read((chunk) => counter.push(chunk))
  return buckets.map((bucket) => bucket.text())
}

/** The rows of one bucket, by hash: how many more the archive holds than the target, and one's first bytes. */
type BucketRows = Map<string, { surplus: number; start: Buffer }>

async function collectBucket(read: TableReader, bucket: number, rows: BucketRows, sign: 1 | -1): Promise<void> {
  const counter = new CopyRowCounter(
    () =>
      new RowHasher((rowHash, start) => {
        if (bucketOf(rowHash) !== bucket) return
        const key = rowHash.toString('base64')
        const row = rows.get(key) ?? { surplus: 0, start }
        row.surplus += sign
        rows.set(key, row)
      })
  )
  await read((chunk) => counter.push(chunk))
}

/** The primary key's columns, by their place among the columns COPY writes (generated and dropped ones are not). */
const PRIMARY_KEY = (table: string): string => `
SELECT a.attname, (SELECT count(*) FROM pg_attribute b WHERE b.attrelid = a.attrelid AND b.attnum > 0 AND b.attnum < a.attnum AND NOT b.attisdropped AND b.attgenerated = '')
FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
WHERE i.indrelid = '${table.replace(/'/g, "''")}'::regclass AND i.indisprimary
ORDER BY array_position(i.indkey::int2[], a.attnum)`

/** `(id, region)=(7, eu)`: the key's fields of a row (COPY text, escapes kept), or undefined if its first bytes do not hold them. */
function keyOf(start: Buffer, columns: Array<[string, number]>): string | undefined {
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
  const [archiveBuckets, targetBuckets] = [await bucketDigests(archive), await bucketDigests(target)]
  const bucket = archiveBuckets.findIndex((digest, index) => digest !== targetBuckets[index])
  if (bucket < 0) return undefined
  const rows: BucketRows = new Map()
  await collectBucket(archive, bucket, rows, 1)
  await collectBucket(target, bucket, rows, -1)
  const row = [...rows.values()].find(({ surplus }) => surplus !== 0)
  if (!row) return undefined
  const where = row.surplus > 0 ? 'of the backup, which the target does not hold as it was' : 'of the target, which the backup does not hold'
  const columns = (await psql(keyDatabase, PRIMARY_KEY(table), timeoutMs))
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
    .map(([name, place]): [string, number] => [name, Number(place)])
  if (columns.length === 0) return `a row ${where} (the table has no primary key to name it by)`
  const key = keyOf(row.start, columns)
  return key ? `the row ${key} ${where}` : `a row ${where} (its key is not in its first ${KEY_BYTES} bytes)`
}
