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
  mongoUri,
  restoreDryRunArgs,
  yamlQuoted
} from '../../src/engines/mongodb.js'
import { parseToolVersion } from '../../src/tools/clients/mongodb.js'
import { sampleArchive } from '../support/mongodb-archive.js'

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
    await expect(mongodb.snapshot({ database: fields, workDir, fileName: 'x.archive.gz', timeoutMs: 60_000 })).rejects.toThrow(
      /mongodump was not found on PATH: install the MongoDB Database Tools 100\.3\.0 or newer/
    )
  })

  test('the extension says what the file is', () => {
    expect(mongodb.fileExtension('zstd')).toBe('archive.gz')
  })
})
