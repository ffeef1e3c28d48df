import { createHash, type Hash } from 'node:crypto'
import { ContentDigest } from '../../util/content-digest.js'

/**
 * Naming the first row of a table that differs between an archive and a restored database, once
 * their digests differ: each side's rows are hashed into buckets by their hash (one pass each),
 * then the rows of the first bucket that differs are kept by hash with their key (one more pass
 * each), so that memory holds one bucket's rows, never the table. A row is named by its primary
 * key, never by its values. The engines read the rows (postgresql/row-finder.ts,
 * mysql/row-finder.ts); this is what they share.
 */

/** Buckets of the first pass: a bucket of a table of n rows holds about n / 4096 of them. */
const BUCKET_BITS = 12
/** Of a row, the bytes its key is read from at most: a longer key is not named. */
export const KEY_BYTES = 4096

/** What takes a table's rows, whole (`add`) or in parts (`begin`, `update`, `end`): ContentDigest's shape. */
export type RowSink = Pick<ContentDigest, 'add' | 'begin' | 'update' | 'end'>

/** Reads a row's key as the row passes in parts: `(id, region)=(7, eu)`, or undefined where its bytes do not hold it whole. */
export interface KeyReader {
  begin(): void
  update(part: Uint8Array): void
  key(): string | undefined
}

/**
 * One side's rows of the table: the engine's reader hands each row, whole or in parts, to a sink
 * that `sink` makes, with a reader of the row's key where `key` is given (the first pass needs
 * none). `K` is what the engine knows of the primary key.
 */
export type RowReader<K> = (sink: (keys: KeyReader | undefined) => RowSink, key: K | undefined) => Promise<void>

export interface TableRows<K> {
  archive: RowReader<K>
  target: RowReader<K>
  /** The table's primary key, asked once a bucket differs; undefined for a table without one. */
  primaryKey(): Promise<K | undefined>
  /** Why a row's key was not read, for the message: `its key is not in its first 4096 bytes`. */
  unreadKey: string
}

function bucketOf(rowHash: Buffer): number {
  return rowHash.readUInt16BE(0) >> (16 - BUCKET_BITS)
}

/** Hashes each row (whole or in parts) and hands the hash, with the key reader that read the same row, to `done`. */
class RowHasher implements RowSink {
  private hash: Hash | undefined

  constructor(
    private readonly done: (rowHash: Buffer, keys: KeyReader | undefined) => void,
    private readonly keys: KeyReader | undefined
  ) {}

  add(row: Uint8Array): void {
    this.keys?.begin()
    this.keys?.update(row)
    this.done(createHash('sha256').update(row).digest(), this.keys)
  }

  begin(): void {
    this.hash = createHash('sha256')
    this.keys?.begin()
  }

  update(part: Uint8Array): void {
    this.hash?.update(part)
    this.keys?.update(part)
  }

  end(): void {
    if (this.hash) this.done(this.hash.digest(), this.keys)
    this.hash = undefined
  }
}

/** Each row's content digest per bucket, of one side. */
async function bucketDigests<K>(read: RowReader<K>): Promise<string[]> {
  const buckets = Array.from({ length: 1 << BUCKET_BITS }, () => new ContentDigest())
  await read(() => new RowHasher((rowHash) => buckets[bucketOf(rowHash)].add(rowHash), undefined), undefined)
  return buckets.map((bucket) => bucket.text())
}

/** The rows of one bucket, by hash: how many more the archive holds than the target, and one's key. */
type BucketRows = Map<string, { surplus: number; key: string | undefined }>

async function collectBucket<K>(read: RowReader<K>, key: K | undefined, bucket: number, rows: BucketRows, sign: 1 | -1): Promise<void> {
  await read(
    (keys) =>
      new RowHasher((rowHash, reader) => {
        if (bucketOf(rowHash) !== bucket) return
        const id = rowHash.toString('base64')
        // The reader holds this row's key only until the next row begins: read now, once per distinct row.
        const row = rows.get(id) ?? { surplus: 0, key: reader?.key() }
        row.surplus += sign
        rows.set(id, row)
      }, keys),
    key
  )
}

/**
 * The first row of the table that the archive and the target do not hold alike, named by its
 * primary key, or said to have none; undefined where nothing differs after all.
 */
export async function firstDifferingRow<K>(table: TableRows<K>): Promise<string | undefined> {
  const [archiveBuckets, targetBuckets] = [await bucketDigests(table.archive), await bucketDigests(table.target)]
  const bucket = archiveBuckets.findIndex((digest, index) => digest !== targetBuckets[index])
  if (bucket < 0) return undefined
  const key = await table.primaryKey()
  const rows: BucketRows = new Map()
  await collectBucket(table.archive, key, bucket, rows, 1)
  await collectBucket(table.target, key, bucket, rows, -1)
  const row = [...rows.values()].find(({ surplus }) => surplus !== 0)
  if (!row) return undefined
  const where = row.surplus > 0 ? 'of the backup, which the target does not hold as it was' : 'of the target, which the backup does not hold'
  if (key === undefined) return `a row ${where} (the table has no primary key to name it by)`
  return row.key ? `the row ${row.key} ${where}` : `a row ${where} (${table.unreadKey})`
}
