import { serialize, type Document } from 'bson'
import { goEcmaCrc64 } from '../../src/util/crc64.js'

/**
 * mongodump archives built from the format's specification
 * (https://github.com/mongodb/mongo-tools/blob/master/common/archive/spec.md), with documents
 * encoded by MongoDB's BSON library: what the archive check reads, without a server.
 */

export const bson = (document: Document): Buffer => Buffer.from(serialize(document))

export const MAGIC = Buffer.from([0x6d, 0xe2, 0x99, 0x81])
export const TERMINATOR = Buffer.from([0xff, 0xff, 0xff, 0xff])

function crcOf(documents: Buffer[]): bigint {
  const crc = goEcmaCrc64()
  for (const document of documents) crc.update(document)
  return BigInt.asIntN(64, crc.digest())
}

export const customers = Array.from({ length: 40 }, (_, i) => bson({ _id: i, name: `customer ${i}`, photo: Buffer.from([i, 0, 255]), address: { city: 'Lyon', zip: 69000 + i } }))
export const orders = Array.from({ length: 25 }, (_, i) => bson({ _id: BigInt(1000 + i), customer: i % 40, paid: i % 2 === 0, note: null }))

export function header(): Buffer {
  return bson({ concurrent_collections: 4, version: '0.1', server_version: '7.0.14', tool_version: '100.10.0' })
}

export function segment(db: string, collection: string, documents: Buffer[]): Buffer {
  return Buffer.concat([bson({ db, collection, EOF: false, CRC: 0n }), ...documents, TERMINATOR])
}

export function endOf(db: string, collection: string, documents: Buffer[]): Buffer {
  return Buffer.concat([bson({ db, collection, EOF: true, CRC: crcOf(documents) }), TERMINATOR])
}

/** An archive as mongodump writes it: collections interleaved, an empty one, each closed by its end marker. */
export function sampleArchive(): Buffer {
  return Buffer.concat([
    MAGIC,
    header(),
    bson({ db: 'shop', collection: 'customers', metadata: '{"indexes":[{"v":2,"key":{"_id":1},"name":"_id_"}]}', size: 4096, type: 'collection' }),
    bson({ db: 'shop', collection: 'orders', metadata: '{"indexes":[]}', size: 1024, type: 'collection' }),
    bson({ db: 'shop', collection: 'empty', metadata: '{"indexes":[]}', size: 0, type: 'collection' }),
    TERMINATOR,
    segment('shop', 'customers', customers.slice(0, 15)),
    segment('shop', 'orders', orders.slice(0, 10)),
    segment('shop', 'customers', customers.slice(15)),
    segment('shop', 'empty', []),
    endOf('shop', 'empty', []),
    segment('shop', 'orders', orders.slice(10)),
    endOf('shop', 'customers', customers),
    endOf('shop', 'orders', orders)
  ])
}

/** An archive of one collection, its documents in the blocks given, in that order. */
export function collectionArchive(db: string, collection: string, blocks: Buffer[][]): Buffer {
  return Buffer.concat([
    MAGIC,
    header(),
    bson({ db, collection, metadata: '{"indexes":[]}', size: 0, type: 'collection' }),
    TERMINATOR,
    ...blocks.map((documents) => segment(db, collection, documents)),
    endOf(db, collection, blocks.flat())
  ])
}
