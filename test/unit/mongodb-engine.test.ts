import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync, zstdCompressSync, zstdDecompressSync } from 'node:zlib'
import type { Compression, CompressionName, DatabaseConfig } from '../../src/config/types.js'
import { engineCatalog } from '../../src/engines/catalog.js'
import {
  checkCredentials,
  checkUrlOptions,
  configFile,
  dumpArgs,
  explainFailure,
  mongodb,
  mongoUri,
  restoreDryRunArgs,
  yamlQuoted
} from '../../src/engines/mongodb/engine.js'
import { parseToolVersion } from '../../src/engines/mongodb/client.js'
import { clearSecrets, redact } from '../../src/util/secrets.js'

/** A compression input as validate-config makes it, at its default level. */
function level(name: CompressionName): Compression {
  return { name, level: name === 'none' ? 0 : 1 }
}
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

const keyPassword = 'canary-key-p@ss~(1)'
const sessionToken = 'canary/Session+Token=='
/** AWS credentials with a session token, and a client certificate whose key has a password: every secret a db-url can carry. */
const withSecretParams: DatabaseConfig = {
  ...fields,
  user: 'AKIAEXAMPLE',
  password: 'canary-secret-access-key',
  urlProtocol: 'mongodb:',
  params: {
    tls: 'true',
    tlsCertificateKeyFile: '/keys/client.pem',
    tlsCertificateKeyFilePassword: keyPassword,
    authMechanism: 'MONGODB-AWS',
    authMechanismProperties: `AWS_SESSION_TOKEN:${sessionToken}`
  }
}

describe('MongoDB connection string and arguments', () => {
  afterEach(clearSecrets)

  test('separate inputs: no password, the user escaped, no database in the path, the database as --db', () => {
    expect(mongoUri(fields)).toBe('mongodb://back%20up%40ops@db.internal:27017/')
    expect(dumpArgs(fields, '/work/mongo-tools.yaml-1')).toEqual(['--config=/work/mongo-tools.yaml-1', '--archive', '--db=shop'])
  })

  test('all databases when db-name is empty', () => {
    expect(dumpArgs({ ...fields, name: '', user: '', password: '' }, '/c')).toEqual(['--config=/c', '--archive'])
  })

  test('db-url: the scheme, its database path and its parameters stay; the port is left out for mongodb+srv', () => {
    const srv: DatabaseConfig = { ...fields, user: 'backup', host: 'cluster0.example.net', urlProtocol: 'mongodb+srv:', params: { retryWrites: 'true', authSource: 'admin' } }
    expect(mongoUri(srv)).toBe('mongodb+srv://backup@cluster0.example.net/shop?retryWrites=true&authSource=admin')
    expect(dumpArgs(srv, '/c')).not.toContain('--db=shop')
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

  test('the password and the connection string are on no command line, only in the --config file', () => {
    for (const args of [dumpArgs(fields, '/c'), restoreDryRunArgs('/a', 'gzip', '/c')]) {
      expect(args.join(' ')).not.toContain(fields.password)
      expect(args.join(' ')).not.toContain(encodeURIComponent(fields.password))
      expect(args.join(' ')).not.toContain('db.internal')
    }
    expect(restoreDryRunArgs('/a', 'gzip', '/c')).toEqual(['--config=/c', '--archive=/a', '--gzip', '--dryRun'])
    expect(restoreDryRunArgs('/a', 'none', '/c')).toEqual(['--config=/c', '--archive=/a', '--dryRun'])
    expect(configFile(fields)).toBe('uri: "mongodb://back%20up%40ops@db.internal:27017/"\npassword: "pa:ss/w@rd\\"\\\\"\n')
    expect(configFile({ ...fields, user: '', password: '' })).toBe('uri: "mongodb://db.internal:27017/"\n')
  })

  test('secret db-url parameters (a client key password, an AWS session token) reach only the --config file, and are masked', () => {
    const database = withSecretParams
    checkUrlOptions(database)
    const argv = dumpArgs(database, '/c').join(' ')
    const config = configFile(database)
    const uri = mongoUri(database)
    for (const secret of [keyPassword, sessionToken, database.password]) {
      expect(argv).not.toContain(secret)
      expect(argv).not.toContain(encodeURIComponent(secret))
    }
    // As the tools word a failed connection: the connection string as they were given it.
    expect(uri).toMatch(/canary/)
    expect(redact(`failed to connect to ${uri}: server selection error`)).not.toMatch(/canary/)
    expect(redact(`AWS session token ${sessionToken} expired`)).not.toMatch(/canary/)
    expect(config).toContain(`tlsCertificateKeyFilePassword=${encodeURIComponent(keyPassword)}`)
    expect(config).toContain(`authMechanismProperties=${encodeURIComponent(`AWS_SESSION_TOKEN:${sessionToken}`)}`)
  })

  test('db-url parameters mongodump would ignore are refused, naming db-url; documented ones pass in any case', () => {
    for (const key of ['tlsAllowInvalidCertificates', 'wtimeoutMS', 'gssapiServiceName', 'sslmode', 'password']) {
      expect(() => checkUrlOptions({ ...fields, urlProtocol: 'mongodb:', params: { [key]: 'x' } })).toThrow(
        new RegExp(`^db-url parameter "${key}" is not a connection-string option that mongodump reads .*: use one of replicaSet, `)
      )
    }
    expect(() => checkUrlOptions({ ...fields, urlProtocol: 'mongodb:', params: { replicaset: 'rs0', TLS: 'true', readPreference: 'secondary', authSource: 'admin' } })).not.toThrow()
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
    await expect(mongodb.snapshot({ database: fields, workDir, fileName: 'x.archive.gz', timeoutMs: 60_000, compression: { name: 'zstd', level: 1 } })).rejects.toThrow(
      /mongodump was not found on PATH: install the MongoDB Database Tools 100\.3\.0 or newer/
    )
  })

  test('verify reads a zstd archive and an uncompressed one through the same check', async () => {
    const zstd = join(workDir, 'shop.archive.zst')
    await writeFile(zstd, zstdCompressSync(sampleArchive()))
    const zstdFigures = await mongodb.verify({ database: fields, file: zstd, workDir, timeoutMs: 60_000 })
    expect(zstdFigures).toMatchObject({ 'read through': 'whole zstd stream', collections: 3, documents: 65, 'CRC-64 checked': '3 namespaces' })
    expect(zstdFigures['mongorestore --dryRun']).toMatch(/^not run: mongorestore reads gzip or uncompressed archives only/)

    const plain = join(workDir, 'shop.archive')
    await writeFile(plain, sampleArchive())
    const plainFigures = await mongodb.verify({ database: fields, file: plain, workDir, timeoutMs: 60_000 })
    expect(plainFigures).toMatchObject({ 'read through': 'whole file', collections: 3, documents: 65, 'mongorestore --dryRun': 'not installed (the archive was checked without it)' })
  })

  test('verify fails on a zstd stream cut short or damaged, and on a file whose compression is not its name\'s', async () => {
    const compressed = zstdCompressSync(sampleArchive())
    const cut = join(workDir, 'cut.archive.zst')
    await writeFile(cut, compressed.subarray(0, compressed.length - 20))
    // The zstd program fails on a frame cut short; Node.js's decoder (used here, as no zstd is on PATH) returns nothing of it.
    await expect(mongodb.verify({ database: fields, file: cut, workDir, timeoutMs: 60_000 })).rejects.toThrow(/the archive is (damaged or cut short|empty)/)

    const damaged = Buffer.from(compressed)
    damaged[Math.floor(damaged.length / 2)] ^= 0xff
    const flipped = join(workDir, 'flipped.archive.zst')
    await writeFile(flipped, damaged)
    await expect(mongodb.verify({ database: fields, file: flipped, workDir, timeoutMs: 60_000 })).rejects.toThrow(/the archive is damaged or cut short/)

    const gzipNamedZstd = join(workDir, 'wrong.archive.zst')
    await writeFile(gzipNamedZstd, gzipSync(sampleArchive()))
    await expect(mongodb.verify({ database: fields, file: gzipNamedZstd, workDir, timeoutMs: 60_000 })).rejects.toThrow(/named \.archive\.zst but is gzip-compressed/)

    const zstdNamedPlain = join(workDir, 'wrong.archive')
    await writeFile(zstdNamedPlain, compressed)
    await expect(mongodb.verify({ database: fields, file: zstdNamedPlain, workDir, timeoutMs: 60_000 })).rejects.toThrow(/named \.archive but is zstd-compressed/)
  })

  test('the extension says what the file is, and retention knows every extension ever written', () => {
    expect(mongodb.fileExtension(level('zstd'))).toBe('archive.zst')
    expect(mongodb.fileExtension(level('gzip'))).toBe('archive.gz')
    expect(mongodb.fileExtension(level('none'))).toBe('archive')
    for (const compression of ['zstd', 'gzip', 'none'] as const) {
      expect(engineCatalog.mongodb.fileExtensions).toContain(mongodb.fileExtension(level(compression)))
    }
  })
})

/**
 * A stand-in for mongodump (no Database Tools can run here): it answers --version, records its
 * argv, environment and the --config file it was given, and prints a fixture archive on stdout, or
 * fails as mongodump fails to connect, repeating the connection string of its --config file.
 */
async function standInMongodump(binDir: string, record: string, archive: Buffer): Promise<void> {
  await writeFile(join(record, 'archive'), archive)
  const script = `#!/bin/sh
if [ "$1" = "--version" ]; then echo "mongodump version: 100.10.0"; exit 0; fi
printf '%s\\n' "$@" > '${record}/argv'
/usr/bin/cat /proc/$$/environ > '${record}/environ'
for arg in "$@"; do
  case "$arg" in --config=*) config="\${arg#--config=}" ;; esac
done
/usr/bin/cp "$config" '${record}/config'
/usr/bin/stat -c %a "$config" > '${record}/config-mode'
if [ -e '${record}/fail' ]; then
  echo "Failed: can't create session: failed to connect to $(/usr/bin/sed -n 's/^uri: "\\(.*\\)"$/\\1/p' "$config"): server selection error: connection refused" >&2
  exit 1
fi
exec /usr/bin/cat '${record}/archive'
`
  await writeFile(join(binDir, 'mongodump'), script, { mode: 0o755 })
}

describe('MongoDB snapshot through a stand-in mongodump', () => {
  const database = withSecretParams
  let savedPath: string | undefined
  let workDir: string
  let record: string

  beforeEach(async () => {
    savedPath = process.env.PATH
    const binDir = await mkdtemp(join(tmpdir(), 'stand-in-mongodump-'))
    record = await mkdtemp(join(tmpdir(), 'mongodump-record-'))
    workDir = await mkdtemp(join(tmpdir(), 'mongo-engine-'))
    await standInMongodump(binDir, record, sampleArchive())
    process.env.PATH = binDir
  })

  afterEach(() => {
    process.env.PATH = savedPath
    clearSecrets()
  })

  test.each([
    ['zstd', 'archive.zst', zstdDecompressSync],
    ['gzip', 'archive.gz', gunzipSync],
    ['none', 'archive', (bytes: Buffer) => bytes]
  ] as const)('compression %s: the archive from stdout is compressed as it streams into .%s, hashed, and verified', async (compression, extension, decompress) => {
    const fileName = `shop-20260101T000000Z-0123abcd.${mongodb.fileExtension(level(compression))}`
    expect(fileName.endsWith(`.${extension}`)).toBe(true)
    const snapshot = await mongodb.snapshot({ database, workDir, fileName, timeoutMs: 60_000, compression: level(compression) })
    const bytes = await readFile(snapshot.file)
    expect(snapshot.sizeBytes).toBe(bytes.length)
    expect(snapshot.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(decompress(bytes).equals(sampleArchive())).toBe(true)
    expect(snapshot.figures).toMatchObject({ client: 'mongodump 100.10.0', compression: expect.stringMatching(new RegExp(`^${compression}`)) })
    const figures = await mongodb.verify({ database, file: snapshot.file, workDir, timeoutMs: 60_000 })
    expect(figures).toMatchObject({ collections: 3, documents: 65, 'CRC-64 checked': '3 namespaces' })
  })

  test('the password and the secret db-url parameters are in no argv and no environment, only in the 0600 --config file, which is removed', async () => {
    await mongodb.snapshot({ database, workDir, fileName: 'shop.archive.zst', timeoutMs: 60_000, compression: level('zstd') })
    const argv = await readFile(join(record, 'argv'), 'utf8')
    const environ = await readFile(join(record, 'environ'), 'utf8')
    expect(argv.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^--config=/), '--archive'])
    for (const secret of [database.password, keyPassword, sessionToken]) {
      expect(argv).not.toContain(secret)
      expect(environ).not.toContain(secret)
    }
    const config = await readFile(join(record, 'config'), 'utf8')
    expect(config).toContain(`tlsCertificateKeyFilePassword=${encodeURIComponent(keyPassword)}`)
    expect(config).toContain(encodeURIComponent(sessionToken))
    expect(config).toContain(`password: "${database.password}"`)
    expect((await readFile(join(record, 'config-mode'), 'utf8')).trim()).toBe('600')
    expect((await readdir(workDir)).filter((name) => name.startsWith('mongo-tools.yaml'))).toEqual([])
  })

  test('a failed dump names the cause, with the secret parameters the tools repeat masked', async () => {
    await writeFile(join(record, 'fail'), '')
    const failed = mongodb.snapshot({ database, workDir, fileName: 'shop.archive.zst', timeoutMs: 60_000, compression: level('zstd') })
    await expect(failed).rejects.toThrow(/^cannot connect to the server at db\.internal:27017: mongodump exited with code 1: Failed: .*failed to connect to mongodb:\/\/AKIAEXAMPLE@db\.internal:27017\/shop\?tls=true/)
    await expect(failed).rejects.not.toThrow(/canary/)
  })

  test('a Database Tools release without --config support is refused before it connects', async () => {
    await writeFile(join(process.env.PATH as string, 'mongodump'), '#!/bin/sh\necho "mongodump version: 100.2.1"\n', { mode: 0o755 })
    await expect(mongodb.snapshot({ database, workDir, fileName: 'shop.archive.zst', timeoutMs: 60_000, compression: level('zstd') })).rejects.toThrow(
      /mongodump 100\.2\.1 cannot read its connection string and password from a --config file \(it needs 100\.3\.0 or newer\)/
    )
  })
})
