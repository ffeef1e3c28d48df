import { ContentDigest } from '../../util/content-digest.js'
import type { RowSink } from '../shared/row-finder.js'
import type { Digests } from '../types.js'

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

/** Bytes of the start of a line outside the data kept to read the script's settings from. */
const HEAD_BYTES = 64
const CLIENT_ENCODING = /^SET client_encoding = '([A-Za-z0-9_]+)';/
const DUMPED_FROM = /^-- Dumped from database version (\d+)(?:\.(\d+))?/

/**
 * Node's name for a PostgreSQL encoding, for the table names of a COPY header. LATIN1 is read by
 * Buffer's own latin1 (the WHATWG label iso-8859-1 means windows-1252); SQL_ASCII holds whatever
 * bytes were stored, most often UTF-8.
 */
const DECODERS: Record<string, string> = {
  LATIN2: 'iso-8859-2',
  LATIN3: 'iso-8859-3',
  LATIN4: 'iso-8859-4',
  LATIN5: 'iso-8859-9',
  LATIN6: 'iso-8859-10',
  LATIN7: 'iso-8859-13',
  LATIN8: 'iso-8859-14',
  LATIN9: 'iso-8859-15',
  LATIN10: 'iso-8859-16',
  ISO_8859_5: 'iso-8859-5',
  ISO_8859_6: 'iso-8859-6',
  ISO_8859_7: 'iso-8859-7',
  ISO_8859_8: 'iso-8859-8',
  WIN866: 'ibm866',
  WIN874: 'windows-874',
  KOI8R: 'koi8-r',
  KOI8U: 'koi8-u',
  EUC_JP: 'euc-jp',
  EUC_KR: 'euc-kr',
  SJIS: 'shift_jis',
  BIG5: 'big5',
  GBK: 'gbk',
  GB18030: 'gb18030'
}

/** A name's bytes as text, read in the script's client_encoding. */
export function decodeName(bytes: Buffer, encoding: string): string {
  if (encoding === 'LATIN1') return bytes.toString('latin1')
  const label = /^WIN(125\d)$/.exec(encoding) ? `windows-${encoding.slice(3)}` : DECODERS[encoding]
  if (!label) return bytes.toString('utf8')
  try {
    return new TextDecoder(label).decode(bytes)
  } catch {
    return bytes.toString('latin1')
  }
}

export type { RowSink }

/**
 * Reads each table's data in a pg_restore or pg_dump SQL script as it streams past: the lines
 * between `COPY <table> (...) FROM stdin;` and `\.`. COPY's text format escapes newlines inside
 * values, so a line is a row: it counts them and folds each into the table's content digest. It
 * reads bytes, never a whole line: a row is known to be one from its first byte (only `\.` is
 * not) and is hashed as it passes, and of a line outside the data only its first bytes and a
 * COPY header's table name are kept, so a row of any size passes through in time linear in its
 * length and in memory bounded by the longest name. The script's client_encoding (the names are
 * written in it) and the server version it was dumped from are read on the way.
 */
export class CopyRowCounter {
  readonly rows = new Map<string, number>()
  /** `SET client_encoding`: the encoding of every name and value of the script. */
  encoding = 'UTF8'
  /** The major version of the server the dump was taken from, where the script says it (`-- Dumped from database version`). */
  dumpedFromMajor: number | undefined
  private readonly contents = new Map<string, ContentDigest>()
  /** Each table's name as the script's bytes, in its encoding. */
  private readonly rawNames = new Map<string, Buffer>()
  private table: string | undefined
  private digest: RowSink | undefined
  /** The current row's digest was begun: the row came in more than one chunk. */
  private hashing = false
  /** Bytes of the current line read so far. */
  private lineBytes = 0
  /** The current line is still what it may be: the terminator (in the data), a COPY header (outside). */
  private candidate = true
  private header: Header | undefined
  private readonly name = Buffer.alloc(MAX_NAME_BYTES)
  private nameBytes = 0
  private readonly head = Buffer.alloc(HEAD_BYTES)

  /**
   * Where each table's rows go: by default a ContentDigest a table (digests()); firstDifferingRow
   * gives its own, for one table.
   */
  constructor(private readonly sinkFor: (table: string) => RowSink | undefined = (table) => this.contentDigest(table)) {}

  /** What the counter holds of the line being read: the table name of a COPY header, at most. */
  get retainedBytes(): number {
    return this.nameBytes
  }

  /** Each table's content digest (ContentDigest.text()). */
  digests(): Digests {
    return new Map([...this.contents].map(([table, digest]) => [table, digest.text()]))
  }

  /** A table's name as the script wrote it: its bytes in the script's encoding, a valid SQL name. */
  rawName(table: string): Buffer {
    return this.rawNames.get(table) ?? Buffer.from(table)
  }

  push(chunk: Buffer): void {
    let from = 0
    while (from < chunk.length) {
      const newline = chunk.indexOf(0x0a, from)
      const to = newline < 0 ? chunk.length : newline
      if (this.digest && this.lineBytes === 0 && newline >= 0) {
        // A whole row in this chunk, the most common case: hashed in one call.
        this.wholeLine(chunk.subarray(from, to))
        from = newline + 1
        continue
      }
      if (this.candidate) this.read(chunk, from, to)
      else if (this.hashing) this.digest?.update(chunk.subarray(from, to))
      if (this.table === undefined && this.lineBytes < HEAD_BYTES) chunk.copy(this.head, this.lineBytes, from, Math.min(to, from + HEAD_BYTES - this.lineBytes))
      this.lineBytes += to - from
      if (newline < 0) return
      this.endLine()
      from = newline + 1
    }
  }

  /** A line of the data that lies whole in one chunk. */
  private wholeLine(line: Buffer): void {
    if (line.length === TERMINATOR.length && line.equals(TERMINATOR)) {
      this.table = undefined
      this.digest = undefined
      return
    }
    this.digest?.add(line)
    this.countRow()
  }

  /** Bytes [from, to) of the current line, while it may still be the terminator or a header. */
  private read(chunk: Buffer, from: number, to: number): void {
    if (this.table !== undefined) {
      // Only the first bytes tell: a line longer than `\.` is a row.
      for (let i = from, at = this.lineBytes; i < to && this.candidate; i++, at++) this.candidate = at < TERMINATOR.length && chunk[i] === TERMINATOR[at]
      if (!this.candidate) {
        // Until now the line was a prefix of the terminator: those bytes are the row's first.
        this.digest?.begin()
        this.digest?.update(TERMINATOR.subarray(0, this.lineBytes))
        this.digest?.update(chunk.subarray(from, to))
        this.hashing = true
      }
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

  private countRow(): void {
    if (this.table !== undefined) this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + 1)
  }

  private endLine(): void {
    if (this.table !== undefined) {
      if (this.candidate && this.lineBytes === TERMINATOR.length) {
        this.table = undefined
        this.digest = undefined
      } else {
        // A row that was a prefix of the terminator to its end (an empty line, one backslash) was never begun.
        if (this.hashing) this.digest?.end()
        else this.digest?.add(TERMINATOR.subarray(0, this.lineBytes))
        this.countRow()
      }
    } else if (this.candidate && this.header?.at === 'from' && this.header.matched === FROM_STDIN.length) {
      this.table = decodeName(this.name.subarray(0, this.nameBytes), this.encoding)
      this.rawNames.set(this.table, Buffer.from(this.name.subarray(0, this.nameBytes)))
      this.rows.set(this.table, this.rows.get(this.table) ?? 0)
      this.digest = this.sinkFor(this.table)
    } else this.readSetting(this.head.toString('latin1', 0, Math.min(this.lineBytes, HEAD_BYTES)))
    this.lineBytes = 0
    this.candidate = true
    this.hashing = false
    this.header = undefined
    this.nameBytes = 0
  }

  private contentDigest(table: string): ContentDigest {
    const digest = this.contents.get(table) ?? new ContentDigest()
    this.contents.set(table, digest)
    return digest
  }

  private readSetting(head: string): void {
    const encoding = CLIENT_ENCODING.exec(head)
    if (encoding) this.encoding = encoding[1].toUpperCase()
    const dumped = DUMPED_FROM.exec(head)
    // Before 10, a major version was two numbers (9.6).
    if (dumped) this.dumpedFromMajor = Number(dumped[1]) >= 10 ? Number(dumped[1]) : Number(dumped[1]) + Number(dumped[2] ?? 0) / 10
  }
}

