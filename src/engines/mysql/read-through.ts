import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { CompressionName } from '../../config/types.js'
import { sinkStream } from '../../util/compression.js'
import { decoded } from '../../util/dump-feed.js'
import { errorMessage } from '../../util/errors.js'
import type { Figures } from '../types.js'

/** MariaDB's dump tools write this first since May 2024; `/*!` at first, `/*M!` (which MySQL skips) since. */
const SANDBOX_LINE = /^\/\*M?!999999\\- enable the sandbox mode \*\/$/
const HEADER = /^-- (?:MySQL|MariaDB) dump\b/
const TRAILER = '-- Dump completed'
const TABLE_MARK = '\n-- Table structure for table '
/**
 * What both tools write, and go on, where SHOW CREATE PROCEDURE or FUNCTION gave no body: the
 * user lacks SHOW_ROUTINE (MySQL 8.0.20+) or SELECT on mysql.proc (MariaDB). The routine is then
 * missing from a dump that otherwise completes.
 */
const UNREADABLE_ROUTINE_MARK = '\n-- insufficient privileges to SHOW CREATE '
const HEAD_BYTES = 4096
const TAIL_BYTES = 4096

/** Counts a marker in a stream of chunks, including one split between two chunks. */
class MarkCounter {
  count = 0
  private readonly needle: Buffer
  private carry = Buffer.alloc(0)

  constructor(needle: string) {
    this.needle = Buffer.from(needle)
  }

  push(chunk: Buffer): void {
    for (let at = chunk.indexOf(this.needle); at !== -1; at = chunk.indexOf(this.needle, at + this.needle.length)) this.count++
    // A mark split between two chunks lies wholly inside this join, and no whole mark fits in either part.
    const join = Buffer.concat([this.carry, chunk.subarray(0, this.needle.length - 1)])
    if (this.carry.length > 0 && join.indexOf(this.needle) !== -1) this.count++
    const keep = this.needle.length - 1
    const kept = chunk.length >= keep ? chunk : Buffer.concat([this.carry, chunk])
    this.carry = Buffer.from(kept.subarray(Math.max(0, kept.length - keep)))
  }
}

/**
 * Reads a SQL dump as it streams past, keeping only its first and last few kilobytes: enough to
 * check the tool's header line and the `-- Dump completed` line that it writes last.
 */
export class SqlDumpScanner {
  private head = Buffer.alloc(0)
  private tail = Buffer.alloc(0)
  private bytes = 0
  private readonly tables = new MarkCounter(TABLE_MARK)
  private readonly unreadableRoutines = new MarkCounter(UNREADABLE_ROUTINE_MARK)

  push(chunk: Buffer): void {
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)])
    this.tables.push(chunk)
    this.unreadableRoutines.push(chunk)
    const joined = chunk.length >= TAIL_BYTES ? chunk : Buffer.concat([this.tail, chunk])
    this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - TAIL_BYTES)))
    this.bytes += chunk.length
  }

  /** The header and trailer lines, or an error saying which is missing. */
  finish(): { header: string; trailer: string; tables: number; bytes: number } {
    if (this.bytes === 0) throw new Error('the dump is empty')
    const lines = this.head.toString('utf8').split('\n', 3)
    const header = (SANDBOX_LINE.test(lines[0].trim()) ? lines[1] : lines[0])?.trim() ?? ''
    if (!HEADER.test(header)) {
      throw new Error(`the dump does not start with the header line of mysqldump or mariadb-dump (it starts with "${header.slice(0, 60)}")`)
    }
    const trailer = this.tail.toString('utf8').trimEnd().split('\n').pop()?.trim() ?? ''
    if (!trailer.startsWith(TRAILER)) {
      throw new Error(
        `the dump does not end with the "${TRAILER}" line the dump tool writes last: it was cut short (it ends with "${trailer.slice(-60)}")`
      )
    }
    if (this.unreadableRoutines.count > 0) {
      throw new Error(
        `the dump tool could not read the body of ${this.unreadableRoutines.count} stored routine(s) ("insufficient privileges to SHOW CREATE"): ` +
          'they are missing from the dump. Grant the backup user SHOW_ROUTINE (MySQL 8.0.20+) or SELECT on mysql.proc (MariaDB)'
      )
    }
    return { header, trailer, tables: this.tables.count, bytes: this.bytes }
  }
}

/** Reads the stored bytes to their end: the compressed stream whole, then the dump's header and trailer lines. */
export async function readThrough(stored: Readable, compression: CompressionName): Promise<Figures> {
  const scanner = new SqlDumpScanner()
  try {
    await pipeline(decoded(stored, compression), sinkStream((chunk) => scanner.push(chunk)))
  } catch (error) {
    const what = compression === 'none' ? 'reading the dump failed' : `the ${compression} stream of the dump is damaged or cut short`
    throw new Error(`${what}: ${errorMessage(error)}`)
  }
  const dump = scanner.finish()
  return {
    'read through': compression === 'none' ? 'whole file' : `whole ${compression} stream`,
    'SQL bytes': dump.bytes,
    tables: dump.tables,
    header: dump.header,
    trailer: dump.trailer
  }
}
