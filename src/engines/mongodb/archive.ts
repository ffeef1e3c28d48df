import { deserialize, EJSON, onDemand, type Document } from 'bson'
import { ContentDigest } from '../../util/content-digest.js'
import { goEcmaCrc64, type Crc64 } from '../../util/crc64.js'
import { errorMessage } from '../../util/errors.js'

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
  digest: ContentDigest
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
  /** Each namespace's ContentDigest over its documents' BSON bytes, as `ContentDigest.text()`. */
  digestsPerNamespace: Map<string, string>
  /** The namespaces the prelude lists (views and empty collections among them). */
  listedNamespaces: string[]
}

export interface ArchiveReading {
  /**
   * The data documents of this namespace are also handed over whole, one at a time (to name the
   * first one that differs); the others are only hashed as their bytes stream past.
   */
  documentsOf?: { namespace: string; each(document: Buffer): void }
}

type ArchiveState = 'magic' | 'prelude' | 'metadata' | 'block' | 'body' | 'after-eof'

const HEAD_BYTES = 4

/**
 * Walks a mongodump archive as it streams past, as mongorestore's demultiplexer reads it: the
 * magic number, the prelude, then blocks of BSON documents per namespace, each namespace closed by
 * an end marker whose CRC-64 must match its documents. The data documents are hashed (CRC-64 and
 * content digest) where they lie in the chunk, or part by part as the chunks bring them, never
 * held nor decoded: no chunk is kept once push returns, and a document split across any number
 * of chunks costs no copy. Only the archive's own documents (header, collection
 * list, block headers; at most 16 MB each) are held whole, one at a time, to be decoded.
 */
export class MongoArchiveChecker {
  /** A length, a terminator or the magic number, as its four bytes arrive. */
  private readonly head = Buffer.alloc(HEAD_BYTES)
  private headFilled = 0
  /** The length of the document being read (0 between documents), and how much of it has come. */
  private size = 0
  private filled = 0
  private lastByte = 0
  /** The document being held whole; undefined while a data document streams into `streaming`. */
  private held?: Buffer
  private streaming?: Namespace
  /** Bytes of the archive before the item being read. */
  private offset = 0
  private state: ArchiveState = 'magic'
  private header?: Document
  private collections = 0
  private readonly listed: string[] = []
  private documents = 0
  private readonly namespaces = new Map<string, Namespace>()
  private current?: Namespace
  private currentName = ''

  constructor(private readonly reading: ArchiveReading = {}) {}

  push(chunk: Buffer): void {
    let at = 0
    while (at < chunk.length) at = this.size === 0 ? (this.wholeDataDocument(chunk, at) ?? this.readHead(chunk, at)) : this.readDocument(chunk, at)
  }

  /**
   * A data document that lies whole in the chunk, hashed in one call (a hash begun and ended for
   * each small document costs more than reading it); where it ends, or undefined for the general path.
   */
  private wholeDataDocument(chunk: Buffer, at: number): number | undefined {
    if (this.state !== 'body' || this.headFilled > 0 || chunk.length - at < HEAD_BYTES || this.reading.documentsOf?.namespace === this.currentName) return undefined
    const size = chunk.readInt32LE(at)
    if (size < MIN_BSON_BYTES || size > MAX_BSON_BYTES || chunk.length - at < size) return undefined
    const document = chunk.subarray(at, at + size)
    if (document[size - 1] !== 0) return undefined
    this.addWhole(this.current as Namespace, document)
    this.offset += size
    return at + size
  }

  finish(): ArchiveSummary {
    const pending = this.headFilled + this.filled
    if (this.state === 'magic' && this.offset === 0 && pending === 0) throw new Error('the archive is empty')
    if (pending > 0) throw new Error(`the archive ends in the middle of a document (${pending} bytes left at byte ${this.offset}): it was cut short`)
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
      digestsPerNamespace: new Map([...this.namespaces].map(([name, namespace]) => [name, namespace.digest.text()])),
      listedNamespaces: [...this.listed]
    }
  }

  private describeState(): string {
    return { magic: 'its magic number', prelude: 'its header', metadata: 'its collection list', block: '', body: 'a block of documents', 'after-eof': 'an end marker' }[this.state]
  }

  private readHead(chunk: Buffer, at: number): number {
    const part = Math.min(HEAD_BYTES - this.headFilled, chunk.length - at)
    chunk.copy(this.head, this.headFilled, at, at + part)
    this.headFilled += part
    if (this.headFilled === HEAD_BYTES) {
      this.headFilled = 0
      this.onHead()
    }
    return at + part
  }

  private onHead(): void {
    if (this.state === 'magic') {
      if (this.head.readUInt32LE(0) !== ARCHIVE_MAGIC) throw new Error('the file does not start with the magic number of a mongodump archive')
      this.offset += HEAD_BYTES
      this.state = 'prelude'
      return
    }
    const size = this.head.readInt32LE(0)
    if (size === TERMINATOR) {
      this.offset += HEAD_BYTES
      this.onTerminator()
      return
    }
    if (size < MIN_BSON_BYTES || size > MAX_BSON_BYTES) {
      throw new Error(`at byte ${this.offset} of the archive, ${size} is neither a BSON document length nor a terminator: the archive is damaged`)
    }
    this.size = size
    this.filled = HEAD_BYTES
    if (this.state === 'body' && this.reading.documentsOf?.namespace !== this.currentName) {
      this.streaming = this.current as Namespace
      this.streaming.crc.update(this.head)
      this.streaming.digest.begin()
      this.streaming.digest.update(this.head)
    } else {
      this.held = Buffer.allocUnsafe(size)
      this.head.copy(this.held)
    }
  }

  private readDocument(chunk: Buffer, at: number): number {
    const part = chunk.subarray(at, at + Math.min(this.size - this.filled, chunk.length - at))
    if (this.streaming) {
      this.streaming.crc.update(part)
      this.streaming.digest.update(part)
    } else {
      part.copy(this.held as Buffer, this.filled)
    }
    this.filled += part.length
    this.lastByte = part[part.length - 1]
    if (this.filled === this.size) this.onDocumentEnd()
    return at + part.length
  }

  private onDocumentEnd(): void {
    const start = this.offset
    this.offset += this.size
    this.size = 0
    this.filled = 0
    if (this.lastByte !== 0) throw new Error(`the BSON document at byte ${start} of the archive does not end with a zero byte: the archive is damaged`)
    const streamed = this.streaming
    if (streamed) {
      this.streaming = undefined
      streamed.digest.end()
      this.countDocument(streamed)
      return
    }
    const held = this.held as Buffer
    this.held = undefined
    this.onDocument(held, start)
  }

  private addWhole(namespace: Namespace, document: Buffer): void {
    namespace.crc.update(document)
    namespace.digest.add(document)
    this.countDocument(namespace)
  }

  private countDocument(namespace: Namespace): void {
    namespace.documents++
    this.documents++
  }

  private onTerminator(): void {
    if (this.state === 'prelude') throw new Error('the archive has no header after its magic number')
    if (this.state === 'block') throw new Error(`the archive has two terminators in a row at byte ${this.offset}: it is damaged`)
    this.current = undefined
    this.currentName = ''
    this.state = 'block'
  }

  private onDocument(doc: Buffer, start: number): void {
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
        // A document of the namespace asked for whole.
        this.addWhole(this.current as Namespace, doc)
        this.reading.documentsOf?.each(doc)
        return
      }
      default:
        throw new Error(`the archive has data after an end marker at byte ${start}: it is damaged`)
    }
  }

  private onNamespaceHeader(header: Document): void {
    const name = `${text(header, 'db', 'block header')}.${text(header, 'collection', 'block header')}`
    const namespace = this.namespaces.get(name) ?? { crc: goEcmaCrc64(), digest: new ContentDigest(), documents: 0, closed: false }
    this.namespaces.set(name, namespace)
    if (namespace.closed) throw new Error(`the archive has more of ${name} after its end marker: it is damaged`)
    if (header.EOF !== true) {
      this.current = namespace
      this.currentName = name
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

/** The longest rendering of an `_id` in a message: an _id may be a long string or a whole document. */
const ID_TEXT_CHARS = 200
const ID_NAME = Buffer.from('_id')

/** A document's `_id` element (type byte, name, value) as BSON bytes, or undefined when it has none. */
export function idElement(document: Uint8Array): Buffer | undefined {
  for (const [, nameOffset, nameLength, offset, length] of onDemand.parseToElements(document)) {
    if (nameLength === ID_NAME.length && ID_NAME.equals(document.subarray(nameOffset, nameOffset + nameLength))) {
      return Buffer.from(document.subarray(nameOffset - 1, offset + length))
    }
  }
  return undefined
}

/** `{ _id: <value> }`, decoded from an _id element with its BSON types kept (an Int32 stays an Int32): a query's filter matches it exactly. */
export function idOnly(element: Buffer): Document {
  const document = Buffer.alloc(4 + element.length + 1)
  document.writeInt32LE(document.length, 0)
  element.copy(document, 4)
  return deserialize(document, { promoteValues: false, bsonRegExp: true })
}

/** `{"_id":...}` in Extended JSON, cut to a readable length: the _id only, never another field. */
export function idText(element: Buffer): string {
  const json = EJSON.stringify(idOnly(element), { relaxed: true })
  return json.length > ID_TEXT_CHARS ? `${json.slice(0, ID_TEXT_CHARS)}...` : json
}
