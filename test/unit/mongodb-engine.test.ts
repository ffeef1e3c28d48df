import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { DatabaseConfig } from '../../src/config/types.js'
import {
  checkCredentials,
  configFile,
  dumpArgs,
  explainFailure,
  mongodb,
  MongoArchiveChecker,
  mongoUri,
  parseToolVersion,
  readBsonFields,
  restoreDryRunArgs,
  yamlQuoted
} from '../../src/engines/mongodb.js'
import { goEcmaCrc64 } from '../../src/util/crc64.js'

const fields: DatabaseConfig = {
  type: 'mongodb',
  host: 'db.internal',
  port: 27017,
  name: 'shop',
  user: 'back up@ops',
  password: 'pa:ss/w@rd"\\',
  params: {},
  urlProtocol: ''
}

describe('MongoDB connection string and arguments', () => {
  test('separate inputs: no password, the user escaped, no database in the path, the database as --db', () => {
    expect(mongoUri(fields)).toBe('mongodb://back%20up%40ops@db.internal:27017/')
    expect(dumpArgs(fields, '/work/shop.archive.gz', '/work/mongo-tools.yaml-1')).toEqual([
      '--uri=mongodb://back%20up%40ops@db.internal:27017/',
      '--archive=/work/shop.archive.gz',
      '--gzip',
      '--db=shop',
      '--config=/work/mongo-tools.yaml-1'
    ])
  })

  test('all databases when db-name is empty, and no --config without a password', () => {
    expect(dumpArgs({ ...fields, name: '', user: '', password: '' }, '/a', undefined)).toEqual(['--uri=mongodb://db.internal:27017/', '--archive=/a', '--gzip'])
  })

  test('db-url: the scheme, its database path and its parameters stay; the port is left out for mongodb+srv', () => {
    const srv: DatabaseConfig = { ...fields, user: 'backup', host: 'cluster0.example.net', urlProtocol: 'mongodb+srv:', params: { retryWrites: 'true', authSource: 'admin' } }
    expect(mongoUri(srv)).toBe('mongodb+srv://backup@cluster0.example.net/shop?retryWrites=true&authSource=admin')
    expect(dumpArgs(srv, '/a', undefined)).not.toContain('--db=shop')
    const plain: DatabaseConfig = { ...fields, user: 'backup', urlProtocol: 'mongodb:', params: { replicaSet: 'rs0' } }
    expect(mongoUri(plain)).toBe('mongodb://backup@db.internal:27017/shop?replicaSet=rs0')
    const seedList: DatabaseConfig = { ...plain, host: 'a.internal:27017,b.internal:27018' }
    expect(mongoUri(seedList)).toBe('mongodb://backup@a.internal:27017,b.internal:27018/shop?replicaSet=rs0')
  })

  test('IPv6 addresses are bracketed and a socket path is escaped whole', () => {
    expect(mongoUri({ ...fields, user: '', host: '::1' })).toBe('mongodb://[::1]:27017/')
    expect(mongoUri({ ...fields, user: '', host: '[::1]', urlProtocol: 'mongodb:', name: '' })).toBe('mongodb://[::1]:27017/')
    expect(mongoUri({ ...fields, user: '', host: '/tmp/mongodb-27017.sock' })).toBe('mongodb://%2Ftmp%2Fmongodb-27017.sock/')
  })

  test('the password is on no command line, only in the --config file', () => {
    for (const args of [dumpArgs(fields, '/a', '/c'), restoreDryRunArgs(fields, '/a', '/c')]) {
      expect(args.join(' ')).not.toContain(fields.password)
      expect(args.join(' ')).not.toContain(encodeURIComponent(fields.password))
    }
    expect(restoreDryRunArgs(fields, '/a', '/c')).toEqual(['--uri=mongodb://back%20up%40ops@db.internal:27017/', '--archive=/a', '--gzip', '--dryRun', '--config=/c'])
    expect(configFile(fields.password)).toBe('password: "pa:ss/w@rd\\"\\\\"\n')
  })

  test.each(['plain', 'quote " backslash \\ hash # colon: dash -', 'tab\tnewline\nreturn\r', 'line\u2028separator\u0085next', 'ünïcödé'])(
    'the YAML value of %j is printable ASCII and reads back unchanged',
    (password) => {
      const quoted = yamlQuoted(password)
      expect(quoted).toMatch(/^"[\x20-\x7e]*"$/)
      // Without characters beyond the BMP, the escapes used are also JSON's.
      expect(JSON.parse(quoted)).toBe(password)
    }
  )

  test('characters beyond the BMP use the 8-digit YAML escape, not surrogates', () => {
    expect(yamlQuoted('key 🔑')).toBe('"key \\U0001f511"')
  })

  test('credentials that would fail late or make mongodump wait for input are refused', () => {
    expect(() => checkCredentials({ ...fields, user: '' })).toThrow(/db-password is set but db-user is empty/)
    expect(() => checkCredentials({ ...fields, password: '' })).toThrow(/has no db-password/)
    expect(() => checkCredentials({ ...fields, password: '', params: { authMechanism: 'MONGODB-X509' } })).not.toThrow()
    expect(() => checkCredentials({ ...fields, user: '', password: '' })).not.toThrow()
  })

  test('reads the Database Tools version', () => {
    expect(parseToolVersion('mongodump version: 100.9.4\ngit version: 1234\nGo version: go1.21.5\n')).toBe('100.9.4')
    expect(parseToolVersion('mongodump version: r4.0.3\n')).toBe('4.0.3')
    expect(() => parseToolVersion('something else')).toThrow(/cannot read the Database Tools version/)
  })

  test.each([
    [
      'Failed: can\'t create session: failed to connect to mongodb://backup@localhost:27017/: connection() error occurred during connection handshake: auth error: sasl conversation error: unable to authenticate using mechanism "SCRAM-SHA-256": (AuthenticationFailed) Authentication failed.',
      /^authentication failed/
    ],
    [
      'Failed: can\'t create session: could not connect to server: server selection error: server selection timeout, current topology: { Type: Single, Servers: [{ Addr: localhost:27017, Type: Unknown, Last error: dial tcp 127.0.0.1:27017: connect: connection refused }, ] }',
      /^cannot connect to the server at db\.internal:27017/
    ],
    ['Failed: error creating intents to dump: (Unauthorized) not authorized on shop to execute command { listCollections: 1 }', /lacks privileges: mongodump needs the backup role/]
  ])('%s', (stderr, meaning) => {
    expect(explainFailure(stderr, fields)).toMatch(meaning)
  })
})

// A BSON encoder from the specification (bsonspec.org), for the few types the archive uses.
type Value = string | number | boolean | bigint | null | Buffer | { [key: string]: Value }

function cstring(text: string): Buffer {
  return Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0])])
}

function int32(value: number): Buffer {
  const bytes = Buffer.alloc(4)
  bytes.writeInt32LE(value)
  return bytes
}

function element(name: string, value: Value): Buffer {
  const typed = (type: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([type]), cstring(name), body])
  if (typeof value === 'string') {
    const text = cstring(value)
    return typed(0x02, Buffer.concat([int32(text.length), text]))
  }
  if (typeof value === 'number') return typed(0x10, int32(value))
  if (typeof value === 'bigint') {
    const bytes = Buffer.alloc(8)
    bytes.writeBigInt64LE(value)
    return typed(0x12, bytes)
  }
  if (typeof value === 'boolean') return typed(0x08, Buffer.from([value ? 1 : 0]))
  if (value === null) return typed(0x0a, Buffer.alloc(0))
  if (Buffer.isBuffer(value)) return typed(0x05, Buffer.concat([int32(value.length), Buffer.from([0]), value]))
  return typed(0x03, bson(value))
}

function bson(document: { [key: string]: Value }): Buffer {
  const body = Buffer.concat(Object.entries(document).map(([name, value]) => element(name, value)))
  return Buffer.concat([int32(body.length + 5), body, Buffer.from([0])])
}

const MAGIC = Buffer.from([0x6d, 0xe2, 0x99, 0x81])
const TERMINATOR = Buffer.from([0xff, 0xff, 0xff, 0xff])

function crcOf(documents: Buffer[]): bigint {
  const crc = goEcmaCrc64()
  for (const document of documents) crc.update(document)
  return BigInt.asIntN(64, crc.digest())
}

const customers = Array.from({ length: 40 }, (_, i) => bson({ _id: i, name: `customer ${i}`, photo: Buffer.from([i, 0, 255]), address: { city: 'Lyon', zip: 69000 + i } }))
const orders = Array.from({ length: 25 }, (_, i) => bson({ _id: BigInt(1000 + i), customer: i % 40, paid: i % 2 === 0, note: null }))

function segment(db: string, collection: string, documents: Buffer[]): Buffer {
  return Buffer.concat([bson({ db, collection, EOF: false, CRC: 0n }), ...documents, TERMINATOR])
}

function endOf(db: string, collection: string, documents: Buffer[]): Buffer {
  return Buffer.concat([bson({ db, collection, EOF: true, CRC: crcOf(documents) }), TERMINATOR])
}

/** An archive as mongodump writes it: collections interleaved, an empty one, each closed by its end marker. */
function sampleArchive(): Buffer {
  return Buffer.concat([
    MAGIC,
    bson({ concurrent_collections: 4, version: '0.1', server_version: '7.0.14', tool_version: '100.10.0' }),
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

function check(archive: Buffer, chunkSize = archive.length): ReturnType<MongoArchiveChecker['finish']> {
  const checker = new MongoArchiveChecker()
  for (let at = 0; at < archive.length; at += chunkSize) checker.push(archive.subarray(at, at + chunkSize))
  return checker.finish()
}

describe('mongodump archive check', () => {
  const expected = { formatVersion: '0.1', serverVersion: '7.0.14', toolVersion: '100.10.0', collections: 3, namespaces: 3, documents: 65 }

  test('a complete archive passes, with its collections, documents and the CRC-64 of each namespace', () => {
    for (const chunkSize of [1, 3, 4, 5, 100, 4096, Infinity]) expect(check(sampleArchive(), chunkSize)).toEqual(expected)
  })

  test('an archive of no collections passes with zero counts', () => {
    const empty = Buffer.concat([MAGIC, bson({ concurrent_collections: 1, version: '0.1', server_version: '7.0.14', tool_version: '100.10.0' }), TERMINATOR])
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

  test('reads the header fields of BSON, skipping nested documents and binary data', () => {
    const read = readBsonFields(bson({ a: 'text', b: 7, c: 9007199254740993n, d: true, e: null, f: { g: 'nested' }, h: Buffer.from([1, 2, 3]), i: 'after' }))
    expect(Object.fromEntries(read)).toEqual({ a: 'text', b: 7, c: 9007199254740993n, d: true, e: null, f: undefined, h: undefined, i: 'after' })
    const cut = bson({ a: 'a long enough text' })
    cut.writeInt32LE(100, 4 + 1 + 2)
    expect(() => readBsonFields(cut)).toThrow(/malformed/)
  })
})

describe('MongoDB engine without the Database Tools', () => {
  let savedPath: string | undefined
  let workDir: string

  beforeEach(async () => {
    savedPath = process.env.PATH
    // Neither mongodump nor mongorestore: what this machine has, made certain.
    process.env.PATH = await mkdtemp(join(tmpdir(), 'no-mongo-tools-'))
    workDir = await mkdtemp(join(tmpdir(), 'mongo-engine-'))
  })

  afterEach(() => {
    process.env.PATH = savedPath
  })

  test('verify reads the gzip stream to its end, checks the archive, and says mongorestore was not there', async () => {
    const file = join(workDir, 'shop.archive.gz')
    await writeFile(file, gzipSync(sampleArchive()))
    const figures = await mongodb.verify({ database: fields, file, workDir, timeoutMs: 60_000 })
    expect(figures).toEqual({
      'read through': 'whole gzip stream',
      'archive format': '0.1',
      'server version': '7.0.14',
      'mongodump version': '100.10.0',
      collections: 3,
      documents: 65,
      'CRC-64 checked': '3 namespaces',
      'mongorestore --dryRun': 'not installed (the archive was checked without it)'
    })
  })

  test('verify fails on a gzip stream cut short, on an archive that is not gzip, and on a damaged archive inside a sound gzip', async () => {
    const compressed = gzipSync(sampleArchive())
    const cut = join(workDir, 'cut.archive.gz')
    await writeFile(cut, compressed.subarray(0, compressed.length - 100))
    await expect(mongodb.verify({ database: fields, file: cut, workDir, timeoutMs: 60_000 })).rejects.toThrow(/the archive is damaged or cut short: (Error: )?unexpected end of file/)

    const plain = join(workDir, 'plain.archive.gz')
    await writeFile(plain, sampleArchive())
    await expect(mongodb.verify({ database: fields, file: plain, workDir, timeoutMs: 60_000 })).rejects.toThrow(/gzip magic number/)

    const archive = sampleArchive()
    const inner = join(workDir, 'inner.archive.gz')
    await writeFile(inner, gzipSync(archive.subarray(0, archive.length - 50)))
    await expect(mongodb.verify({ database: fields, file: inner, workDir, timeoutMs: 60_000 })).rejects.toThrow(/cut short|incomplete/)
  })

  test('snapshot says how to get mongodump', async () => {
    await expect(mongodb.snapshot({ database: fields, workDir, fileName: 'x.archive.gz', timeoutMs: 60_000, compression: { name: 'zstd', level: 1 } })).rejects.toThrow(
      /mongodump was not found on PATH: install the MongoDB Database Tools 100\.3\.0 or newer/
    )
  })

  test('the extension says what the file is', () => {
    expect(mongodb.fileExtension({ name: 'zstd', level: 1 })).toBe('archive.gz')
  })
})
