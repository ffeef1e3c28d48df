import { Binary, Long, ObjectId } from 'bson'
import { MongoArchiveChecker } from '../../src/engines/mongodb-archive.js'
import { bson, endOf, header, MAGIC, orders, sampleArchive, segment, TERMINATOR } from '../support/mongodb-archive.js'

function check(archive: Buffer, chunkSize = archive.length): ReturnType<MongoArchiveChecker['finish']> {
  const checker = new MongoArchiveChecker()
  for (let at = 0; at < archive.length; at += chunkSize) checker.push(archive.subarray(at, at + chunkSize))
  return checker.finish()
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
