import { open, type FileHandle } from 'node:fs/promises'
import { ContentDigest } from '../../util/content-digest.js'
import type { RespConnection } from './resp.js'
import { readKeys } from './content.js'

/**
 * The backup's keys and their content hashes, kept on disk while the archive is read, and the
 * target read back against them: its digests, and the first key that differs.
 */

/** One key of the ledger: its database, name and the SHA-256 of its content in the archive. */
export interface LedgerEntry {
  db: number
  key: Buffer
  hash: Buffer
}

/**
 * The backup's keys and their content hashes, written to a private file as they are read, so that
 * the target can be read back key by key (only the backup's keys: a Redis database is shared with
 * keys that are not the backup's) without holding every key name in memory.
 * Each record: database (u32), name length (u32), name, SHA-256 (32 bytes).
 */
export class KeyLedger {
  private constructor(
    readonly path: string,
    private handle: FileHandle | undefined
  ) {}

  static async create(path: string): Promise<KeyLedger> {
    return new KeyLedger(path, await open(path, 'wx', 0o600))
  }

  async append(entries: LedgerEntry[]): Promise<void> {
    if (!this.handle) throw new Error('the key ledger is closed')
    const parts: Buffer[] = []
    for (const { db, key, hash } of entries) {
      const head = Buffer.alloc(8)
      head.writeUInt32BE(db, 0)
      head.writeUInt32BE(key.length, 4)
      parts.push(head, key, hash)
    }
    await this.handle.write(Buffer.concat(parts))
  }

  async close(): Promise<void> {
    await this.handle?.close()
    this.handle = undefined
  }

  /** The entries of database `db` (all where undefined), in the order written, in batches. */
  async *read(db?: number, batch = 500): AsyncGenerator<LedgerEntry[]> {
    const handle = await open(this.path, 'r')
    try {
      let pending = Buffer.alloc(0)
      let entries: LedgerEntry[] = []
      const piece = Buffer.alloc(1024 * 1024)
      for (;;) {
        const { bytesRead } = await handle.read(piece, 0, piece.length, null)
        if (bytesRead === 0) break
        pending = pending.length === 0 ? Buffer.from(piece.subarray(0, bytesRead)) : Buffer.concat([pending, piece.subarray(0, bytesRead)])
        let at = 0
        while (pending.length - at >= 8) {
          const length = pending.readUInt32BE(at + 4)
          if (pending.length - at < 8 + length + 32) break
          const entryDb = pending.readUInt32BE(at)
          if (db === undefined || entryDb === db) {
            entries.push({ db: entryDb, key: Buffer.from(pending.subarray(at + 8, at + 8 + length)), hash: Buffer.from(pending.subarray(at + 8 + length, at + 40 + length)) })
          }
          at += 40 + length
          if (entries.length >= batch) {
            yield entries
            entries = []
          }
        }
        pending = pending.subarray(at)
      }
      if (entries.length > 0) yield entries
    } finally {
      await handle.close()
    }
  }
}

/** A key name for a message: its text, quoted and cut; a key name is its identifier, never a value. */
export function keyName(key: Buffer): string {
  const shown = JSON.stringify(key.toString('utf8'))
  return shown.length > 200 ? `${shown.slice(0, 197)}..."` : shown
}

/**
 * The target's digest of each database of the ledger: each key of the backup read back there
 * (keys of the target that are not the backup's are not read).
 */
export async function ledgerDigests(target: RespConnection, ledger: KeyLedger): Promise<Map<number, ContentDigest>> {
  const digests = new Map<number, ContentDigest>()
  let selected: number | undefined
  for await (const entries of ledger.read()) {
    // A batch may span two databases: read it database by database.
    for (const db of new Set(entries.map((entry) => entry.db))) {
      const own = entries.filter((entry) => entry.db === db)
      if (selected !== db) await target.command('SELECT', String(db))
      selected = db
      const digest = digests.get(db) ?? new ContentDigest()
      digests.set(db, digest)
      for (const reading of await readKeys(target, own.map((entry) => entry.key))) if (reading) digest.add(reading.hash)
    }
  }
  return digests
}

/** The first key of database `db` in the ledger whose content the target does not hold: its name, and how. */
export async function firstDifferingKey(target: RespConnection, ledger: KeyLedger, db: number): Promise<string | undefined> {
  await target.command('SELECT', String(db))
  for await (const entries of ledger.read(db)) {
    const readings = await readKeys(target, entries.map((entry) => entry.key))
    for (const [index, entry] of entries.entries()) {
      const reading = readings[index]
      if (!reading) return `key ${keyName(entry.key)}, not in the target`
      if (!reading.hash.equals(entry.hash)) return `key ${keyName(entry.key)}, changed`
    }
  }
  return undefined
}
