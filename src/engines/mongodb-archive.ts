import { deserialize, type Document } from 'bson'
import { goEcmaCrc64, type Crc64 } from '../util/crc64.js'
import { errorMessage } from '../util/errors.js'

// The archive format: https://github.com/mongodb/mongo-tools/blob/master/common/archive/spec.md
const ARCHIVE_MAGIC = 0x8199e26d
const TERMINATOR = -1
const MIN_BSON_BYTES = 5
const MAX_BSON_BYTES = 16 * 1024 * 1024

/**
 * One of the archive's own documents (its header, a collection's metadata, a block header),
 * decoded by MongoDB's BSON library. Int64 fields come back as bigint: a CRC-64 needs all 64 bits.
 */
function decode(doc: Buffer, what: string): Document {
  try {
    return deserialize(doc, { useBigInt64: true })
  } catch (error) {
    throw new Error(`the archive's ${what} is not a well-formed BSON document (${errorMessage(error)}): it is damaged`)
  }
}

function text(doc: Document, name: string, what: string): string {
  const value: unknown = doc[name]
  if (typeof value !== 'string') throw new Error(`the archive's ${what} has no "${name}"`)
  return value
}

interface Namespace {
  crc: Crc64
  documents: number
  closed: boolean
}

export interface ArchiveSummary {
  formatVersion: string
  serverVersion: string
  toolVersion: string
  /** Collections described in the prelude. */
  collections: number
  /** Namespaces whose data ended with an end marker and a matching CRC-64. */
  namespaces: number
  documents: number
  /** Documents of each namespace (`<database>.<collection>`). */
  documentsPerNamespace: Map<string, number>
  /** The namespaces the prelude lists (views and empty collections among them). */
  listedNamespaces: string[]
}

type ArchiveState = 'magic' | 'prelude' | 'metadata' | 'block' | 'body' | 'after-eof'

/**
 * Walks a mongodump archive as it streams past, as mongorestore's demultiplexer reads it: the
 * magic number, the prelude, then blocks of BSON documents per namespace, each namespace closed by
 * an end marker whose CRC-64 must match its documents. Holds at most one document at a time; the
 * data documents are only hashed, never decoded.
 */
export class MongoArchiveChecker {
  private chunks: Buffer[] = []
  private available = 0
  private offset = 0
  private state: ArchiveState = 'magic'
  private header?: Document
  private collections = 0
  private readonly listed: string[] = []
  private documents = 0
  private readonly namespaces = new Map<string, Namespace>()
  private current?: Namespace

  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.chunks.push(chunk)
    this.available += chunk.length
    while (this.step()) {
      // each step consumes one magic number, terminator or document
    }
  }

  finish(): ArchiveSummary {
    if (this.state === 'magic' && this.offset === 0 && this.available === 0) throw new Error('the archive is empty')
    if (this.available > 0) throw new Error(`the archive ends in the middle of a document (${this.available} bytes left at byte ${this.offset}): it was cut short`)
    if (this.state !== 'block') throw new Error(`the archive ends inside ${this.describeState()}: it was cut short`)
    const open = [...this.namespaces].filter(([, namespace]) => !namespace.closed).map(([name]) => name)
    if (open.length > 0) throw new Error(`the archive ends before the end marker of ${open.join(', ')}: it is incomplete`)
    const header = this.header as Document
    return {
      formatVersion: text(header, 'version', 'header'),
      serverVersion: String(header.server_version ?? ''),
      toolVersion: String(header.tool_version ?? ''),
      collections: this.collections,
      namespaces: this.namespaces.size,
      documents: this.documents,
      documentsPerNamespace: new Map([...this.namespaces].map(([name, namespace]) => [name, namespace.documents])),
      listedNamespaces: [...this.listed]
    }
  }

  private describeState(): string {
    return { magic: 'its magic number', prelude: 'its header', metadata: 'its collection list', block: '', body: 'a block of documents', 'after-eof': 'an end marker' }[this.state]
  }

  private take(length: number): Buffer | undefined {
    if (this.available < length) return undefined
    const first = this.chunks[0]
    let taken: Buffer
    if (first.length >= length) {
      taken = first.subarray(0, length)
      if (first.length === length) this.chunks.shift()
      else this.chunks[0] = first.subarray(length)
    } else {
      taken = Buffer.allocUnsafe(length)
      let filled = 0
      while (filled < length) {
        const chunk = this.chunks[0]
        const part = Math.min(chunk.length, length - filled)
        chunk.copy(taken, filled, 0, part)
        filled += part
        if (part === chunk.length) this.chunks.shift()
        else this.chunks[0] = chunk.subarray(part)
      }
    }
    this.available -= length
    this.offset += length
    return taken
  }

  private peekInt32(): number | undefined {
    if (this.available < 4) return undefined
    if (this.chunks[0].length >= 4) return this.chunks[0].readInt32LE(0)
    return Buffer.concat(this.chunks, 4).readInt32LE(0)
  }

  private step(): boolean {
    if (this.state === 'magic') {
      const magic = this.take(4)
      if (!magic) return false
      if (magic.readUInt32LE(0) !== ARCHIVE_MAGIC) throw new Error('the file does not start with the magic number of a mongodump archive')
      this.state = 'prelude'
      return true
    }
    const size = this.peekInt32()
    if (size === undefined) return false
    if (size === TERMINATOR) {
      this.take(4)
      this.onTerminator()
      return true
    }
    if (size < MIN_BSON_BYTES || size > MAX_BSON_BYTES) {
      throw new Error(`at byte ${this.offset} of the archive, ${size} is neither a BSON document length nor a terminator: the archive is damaged`)
    }
    const doc = this.take(size)
    if (!doc) return false
    if (doc[size - 1] !== 0) throw new Error(`the BSON document at byte ${this.offset - size} of the archive does not end with a zero byte: the archive is damaged`)
    this.onDocument(doc)
    return true
  }

  private onTerminator(): void {
    if (this.state === 'prelude') throw new Error('the archive has no header after its magic number')
    if (this.state === 'block') throw new Error(`the archive has two terminators in a row at byte ${this.offset}: it is damaged`)
    this.current = undefined
    this.state = 'block'
  }

  private onDocument(doc: Buffer): void {
    switch (this.state) {
      case 'prelude':
        this.header = decode(doc, 'header')
        text(this.header, 'version', 'header')
        this.state = 'metadata'
        return
      case 'metadata': {
        const metadata = decode(doc, 'collection list')
        this.listed.push(`${text(metadata, 'db', 'collection list')}.${text(metadata, 'collection', 'collection list')}`)
        this.collections++
        return
      }
      case 'block':
        this.onNamespaceHeader(decode(doc, 'block header'))
        return
      case 'body': {
        const namespace = this.current as Namespace
        namespace.crc.update(doc)
        namespace.documents++
        this.documents++
        return
      }
      default:
        throw new Error(`the archive has data after an end marker at byte ${this.offset - doc.length}: it is damaged`)
    }
  }

  private onNamespaceHeader(header: Document): void {
    const name = `${text(header, 'db', 'block header')}.${text(header, 'collection', 'block header')}`
    const namespace = this.namespaces.get(name) ?? { crc: goEcmaCrc64(), documents: 0, closed: false }
    this.namespaces.set(name, namespace)
    if (namespace.closed) throw new Error(`the archive has more of ${name} after its end marker: it is damaged`)
    if (header.EOF !== true) {
      this.current = namespace
      this.state = 'body'
      return
    }
    const stored: unknown = header.CRC
    if (typeof stored !== 'bigint' && typeof stored !== 'number') throw new Error(`the end marker of ${name} has no CRC`)
    const expected = BigInt.asUintN(64, BigInt(stored))
    const computed = namespace.crc.digest()
    if (computed !== expected) {
      throw new Error(`the CRC-64 of ${name} is ${computed.toString(16)} but its end marker says ${expected.toString(16)}: the archive is damaged`)
    }
    namespace.closed = true
    this.state = 'after-eof'
  }
}
