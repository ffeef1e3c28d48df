import { Binary, Long, ObjectId } from 'bson'
import { idElement, idText, MongoArchiveChecker } from '../../src/engines/mongodb/archive.js'
import { ContentDigest } from '../../src/util/content-digest.js'
import { bson, collectionArchive, customers, endOf, header, MAGIC, orders, sampleArchive, segment, TERMINATOR } from '../support/mongodb-archive.js'

function check(archive: Buffer, chunkSize = archive.length): ReturnType<MongoArchiveChecker['finish']> {
  const checker = new MongoArchiveChecker()
  for (let at = 0; at < archive.length; at += chunkSize) checker.push(archive.subarray(at, at + chunkSize))
  return checker.finish()
}

/** The digest of documents, each fed whole: what the checker must find whatever chunks bring them. */
function digestOf(documents: Buffer[]): string {
  const digest = new ContentDigest()
  for (const document of documents) digest.add(document)
  return digest.text()
}

describe('mongodump archive check', () => {
  const expected = {
    formatVersion: '0.1',
    serverVersion: '7.0.14',
    toolVersion: '100.10.0',
    collections: 3,
    namespaces: 3,
    documents: 65,
    documentsPerNamespace: new Map([['shop.customers', 40], ['shop.orders', 25], ['shop.empty', 0]]),
    digestsPerNamespace: new Map([['shop.customers', digestOf(customers)], ['shop.orders', digestOf(orders)], ['shop.empty', digestOf([])]]),
    listedNamespaces: ['shop.customers', 'shop.orders', 'shop.empty']
  }

  test('a complete archive passes, with its collections, documents and the CRC-64 of each namespace', () => {
    for (const chunkSize of [1, 3, 4, 5, 100, 4096, Infinity]) expect(check(sampleArchive(), chunkSize)).toEqual(expected)
  })

  test('an archive of no collections passes with zero counts', () => {
    const empty = Buffer.concat([MAGIC, header(), TERMINATOR])
    expect(check(empty)).toMatchObject({ collections: 0, namespaces: 0, documents: 0 })
  })

  test('an archive cut short anywhere fails', () => {
    const archive = sampleArchive()
    for (const length of [0, 3, 20, 200, Math.floor(archive.length / 2), archive.length - 30, archive.length - 4, archive.length - 1]) {
      expect(() => check(archive.subarray(0, length))).toThrow(/empty|cut short|incomplete/)
    }
  })

  test('an archive whose last namespace has no end marker is incomplete', () => {
    const archive = sampleArchive()
    const withoutLastEnd = archive.subarray(0, archive.length - endOf('shop', 'orders', orders).length)
    expect(() => check(withoutLastEnd)).toThrow(/ends before the end marker of shop\.orders: it is incomplete/)
  })

  test('a changed byte in a document fails the CRC-64 of its namespace', () => {
    const archive = Buffer.from(sampleArchive())
    const at = archive.indexOf(Buffer.from('customer 7'))
    archive[at + 9] = '8'.charCodeAt(0)
    expect(() => check(archive)).toThrow(/the CRC-64 of shop\.customers is [0-9a-f]+ but its end marker says [0-9a-f]+/)
  })

  test('a file that is not an archive, or a damaged length, fails', () => {
    expect(() => check(Buffer.concat([Buffer.from('PGDMP'), sampleArchive()]))).toThrow(/magic number of a mongodump archive/)
    const archive = Buffer.from(sampleArchive())
    const firstSegment = archive.indexOf(bson({ db: 'shop', collection: 'customers', EOF: false, CRC: 0n }))
    archive.writeInt32LE(0x7fffffff, firstSegment)
    expect(() => check(archive)).toThrow(/neither a BSON document length nor a terminator/)
  })

  test('data after a namespace ended fails', () => {
    const archive = Buffer.concat([sampleArchive(), segment('shop', 'orders', orders.slice(0, 1))])
    expect(() => check(archive)).toThrow(/more of shop\.orders after its end marker/)
  })

  test('header documents may hold any BSON type: nested documents, arrays, binary data, ObjectIds, dates, int64', () => {
    const richHeader = bson({
      version: '0.1',
      server_version: '8.0.4',
      tool_version: '100.14.1',
      options: { nested: [1, 'two', { three: 3 }] },
      id: new ObjectId('0123456789abcdef01234567'),
      at: new Date(0),
      blob: new Binary(Buffer.from([1, 2, 3])),
      big: Long.fromBigInt(9007199254740993n)
    })
    expect(check(Buffer.concat([MAGIC, richHeader, TERMINATOR]))).toMatchObject({ formatVersion: '0.1', serverVersion: '8.0.4', toolVersion: '100.14.1' })
  })

  test('a malformed block header fails, naming the part of the archive', () => {
    const archive = Buffer.from(sampleArchive())
    const blockHeader = bson({ db: 'shop', collection: 'customers', EOF: false, CRC: 0n })
    const at = archive.indexOf(blockHeader)
    // The length of the "db" string (after the document length, the type byte and the name "db\0") runs past the document's end.
    archive.writeInt32LE(100, at + 4 + 1 + 3)
    expect(() => check(archive)).toThrow(/the archive's block header is not a well-formed BSON document .*: it is damaged/)
  })
})

describe('the content digest of each collection of an archive', () => {
  const digestIn = (archive: Buffer, chunkSize?: number): string | undefined => check(archive, chunkSize).digestsPerNamespace.get('shop.customers')

  test('the same documents in another order and other blocks have the same digest', () => {
    const inOrder = collectionArchive('shop', 'customers', [customers])
    const reversed = collectionArchive('shop', 'customers', [customers.slice(20).reverse(), customers.slice(0, 20).reverse()])
    expect(digestIn(reversed)).toBe(digestIn(inOrder))
    expect(digestIn(inOrder)).toBe(digestOf(customers))
  })

  test('one changed byte of one document, in an archive still valid (its CRC-64 recomputed), changes the digest but not the count', () => {
    const changed = customers.map((document) => Buffer.from(document))
    const at = changed[7].indexOf(Buffer.from('customer 7'))
    changed[7][at + 9] = '8'.charCodeAt(0)
    const summary = check(collectionArchive('shop', 'customers', [changed]))
    expect(summary.documentsPerNamespace.get('shop.customers')).toBe(40)
    expect(summary.digestsPerNamespace.get('shop.customers')).not.toBe(digestOf(customers))
    expect(summary.digestsPerNamespace.get('shop.customers')).toBe(digestOf(changed))
  })

  test('a document split across chunks at any point, its length prefix included, has the same digest', () => {
    const archive = collectionArchive('shop', 'customers', [customers])
    const start = archive.indexOf(customers[3])
    const expected = digestOf(customers)
    for (let split = start - 2; split <= start + customers[3].length + 2; split++) {
      const checker = new MongoArchiveChecker()
      checker.push(archive.subarray(0, split))
      checker.push(archive.subarray(split, split + 1))
      checker.push(archive.subarray(split + 1))
      expect(checker.finish().digestsPerNamespace.get('shop.customers')).toBe(expected)
    }
  })

  test('a 16 MB document has the same digest in chunks of any size, and the checker keeps no pushed chunk once push returns', () => {
    const big = bson({ _id: 1, blob: new Binary(Buffer.alloc(16 * 1024 * 1024 - 100, 7)) })
    const documents = [customers[0], big, customers[1]]
    const archive = collectionArchive('shop', 'customers', [documents])
    const expected = digestOf(documents)
    for (const chunkSize of [4093, 65_537, 1024 * 1024 + 3]) {
      // Every chunk lands in the same buffer, overwritten once pushed: a checker that kept a chunk would hash garbage.
      const scratch = Buffer.alloc(chunkSize)
      const checker = new MongoArchiveChecker()
      for (let at = 0; at < archive.length; at += chunkSize) {
        const length = archive.copy(scratch, 0, at, at + chunkSize)
        checker.push(scratch.subarray(0, length))
        scratch.fill(0xee)
      }
      expect(checker.finish().digestsPerNamespace.get('shop.customers')).toBe(expected)
    }
  })

  test('a large document pushed one byte at a time reads in linear time', () => {
    const large = bson({ _id: 2, blob: new Binary(Buffer.alloc(512 * 1024, 3)) })
    const archive = collectionArchive('shop', 'customers', [[large]])
    const started = performance.now()
    expect(check(archive, 1).digestsPerNamespace.get('shop.customers')).toBe(digestOf([large]))
    // Linear, this takes well under a second; holding the chunks and re-reading them per byte took minutes.
    expect(performance.now() - started).toBeLessThan(10_000)
  })
})

describe('the documents of one namespace, handed over whole (to name a difference)', () => {
  test('each document of the namespace asked for, in the archive\'s order, whatever the chunks; the other namespaces only hashed', () => {
    for (const chunkSize of [1, 7, 300, Infinity]) {
      const seen: Buffer[] = []
      const checker = new MongoArchiveChecker({ documentsOf: { namespace: 'shop.orders', each: (document) => seen.push(Buffer.from(document)) } })
      const archive = sampleArchive()
      for (let at = 0; at < archive.length; at += chunkSize) checker.push(archive.subarray(at, at + chunkSize))
      expect(seen).toEqual(orders)
      expect(checker.finish()).toMatchObject({ documents: 65, digestsPerNamespace: new Map([['shop.customers', digestOf(customers)], ['shop.orders', digestOf(orders)], ['shop.empty', digestOf([])]]) })
    }
  })

  test('a data document that does not end with a zero byte fails, whole in a chunk or split', () => {
    const archive = Buffer.from(sampleArchive())
    const at = archive.indexOf(customers[5])
    archive[at + customers[5].length - 1] = 1
    for (const chunkSize of [Infinity, 64]) {
      expect(() => check(archive, chunkSize)).toThrow(`the BSON document at byte ${at} of the archive does not end with a zero byte: the archive is damaged`)
    }
  })
})

describe("a document's _id, to name it in a message", () => {
  test('the _id element wherever it is in the document, rendered as Extended JSON of the _id alone', () => {
    const document = bson({ secret: 'hunter2', _id: new ObjectId('0123456789abcdef01234567'), more: 'private' })
    const element = idElement(document)
    expect(element && idText(element)).toBe('{"_id":{"$oid":"0123456789abcdef01234567"}}')
    expect(idText(idElement(bson({ _id: { region: 'eu', n: 7 }, card: '4111' })) as Buffer)).toBe('{"_id":{"region":"eu","n":7}}')
    expect(idElement(bson({ name: 'no id' }))).toBeUndefined()
  })

  test('a long _id is cut to a readable length', () => {
    const text = idText(idElement(bson({ _id: 'k'.repeat(100_000) })) as Buffer)
    expect(text.length).toBeLessThan(220)
    expect(text).toMatch(/^\{"_id":"k+\.\.\.$/)
  })
})
