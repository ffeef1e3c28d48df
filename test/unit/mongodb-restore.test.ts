import { mkdtemp, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MongoClient, MongoServerError } from 'mongodb'
import type { DatabaseConfig } from '../../src/config/types.js'
import { driverConnection, driverFailure, targetSelection, withMongoClient } from '../../src/engines/mongodb/driver.js'
import { checkScratchNames, restoreCheck } from '../../src/engines/mongodb/restore.js'
import { confine, restoreArgs, restoreSummary } from '../../src/engines/mongodb/restore-args.js'
import { MongoArchiveChecker } from '../../src/engines/mongodb/archive.js'
import { URL_OPTIONS } from '../../src/engines/mongodb/engine.js'
import { clearSecrets, redact } from '../../src/util/secrets.js'
import { freePort } from '../support/ports.js'
import { bson, customers, endOf, header, MAGIC, sampleArchive, segment, TERMINATOR } from '../support/mongodb-archive.js'

/** MongoDB's trial restore and the restore's counts, as far as they go without a server (the self-test workflow runs them against one). */

const fields: DatabaseConfig = {
  type: 'mongodb',
  host: 'db.internal',
  port: 27017,
  name: 'shop',
  user: 'back up@ops',
  password: 'pa:ss/w@rd"\\%41',
  params: {},
  urlProtocol: ''
}

/** A value of each connection-string option the Database Tools read, as a user would write it. */
const OPTION_VALUES: Record<string, string> = {
  replicaSet: 'rs0',
  directConnection: 'true',
  loadBalanced: 'false',
  tls: 'true',
  ssl: 'true',
  tlsCAFile: '/etc/ssl/ca.pem',
  tlsCertificateKeyFile: '/etc/ssl/client.pem',
  tlsCertificateKeyFilePassword: 'key-pass',
  tlsInsecure: 'true',
  tlsDisableOCSPEndpointCheck: 'true',
  connectTimeoutMS: '5000',
  socketTimeoutMS: '5000',
  serverSelectionTimeoutMS: '5000',
  timeoutMS: '5000',
  compressors: 'snappy,zstd',
  zlibCompressionLevel: '3',
  maxPoolSize: '5',
  minPoolSize: '1',
  maxConnecting: '2',
  maxIdleTimeMS: '1000',
  w: 'majority',
  journal: 'true',
  readConcernLevel: 'majority',
  readPreference: 'secondaryPreferred',
  readPreferenceTags: 'dc:ny',
  maxStalenessSeconds: '120',
  authSource: 'admin',
  authMechanism: 'SCRAM-SHA-256',
  authMechanismProperties: 'SERVICE_NAME:mongodb',
  localThresholdMS: '15',
  heartbeatFrequencyMS: '10000',
  serverMonitoringMode: 'poll',
  srvMaxHosts: '2',
  srvServiceName: 'mongodb',
  appName: 'nightly',
  retryReads: 'true',
  retryWrites: 'true'
}
const SRV_ONLY = new Set(['srvMaxHosts', 'srvServiceName'])

describe('the driver connection (restore-check, and the restore\'s counts of the target)', () => {
  test.each(URL_OPTIONS)('db-url parameter %s: the driver takes the connection the tools take', (option) => {
    expect(OPTION_VALUES[option]).toBeDefined()
    const database: DatabaseConfig = {
      ...fields,
      urlProtocol: SRV_ONLY.has(option) ? 'mongodb+srv:' : 'mongodb:',
      params: { [option]: OPTION_VALUES[option] }
    }
    const { uri, options } = driverConnection(database)
    // The constructor parses the connection string and options, and refuses what it does not know; it does not connect.
    expect(() => new MongoClient(uri, options)).not.toThrow()
  })

  test('the credentials travel in the options, exactly as given; the URI holds neither the user nor the password', () => {
    const { uri, options } = driverConnection(fields)
    expect(uri).toBe('mongodb://db.internal:27017/')
    const parsed = new MongoClient(uri, options).options.credentials
    expect(parsed).toMatchObject({ username: fields.user, password: fields.password })
  })

  test('the authentication database is the one the tools use: admin with separate inputs, else the db-url path unless authSource says otherwise', () => {
    const sourceOf = (database: DatabaseConfig): string | undefined => {
      const { uri, options } = driverConnection(database)
      return new MongoClient(uri, options).options.credentials?.source
    }
    expect(sourceOf(fields)).toBe('admin')
    expect(sourceOf({ ...fields, urlProtocol: 'mongodb:' })).toBe('shop')
    expect(sourceOf({ ...fields, urlProtocol: 'mongodb:', params: { authSource: 'users' } })).toBe('users')
  })

  test('a target without db-name is counted as a whole-server mongodump takes it: a fresh replica set\'s config.transactions is not "something there"', () => {
    expect(targetSelection(fields)).toEqual({ names: ['shop'] })
    const whole = targetSelection({ ...fields, name: '' })
    if (!('wanted' in whole)) throw new Error('a whole-server selection lists databases')
    expect(['shop', 'admin', 'config', 'local', '__mdb_internal_sync'].filter((database) => whole.wanted(database))).toEqual(['shop', 'admin', 'config'])
    expect(['transactions', 'image_collection', 'settings', 'chunks'].filter((collection) => whole.wanted('config', collection))).toEqual(['settings', 'chunks'])
    expect(whole.wanted('shop', 'transactions')).toBe(true)
  })

  test('the server\'s refusals in words: a rejected password, missing privileges', () => {
    const rejected = new MongoServerError({ errmsg: 'Authentication failed.', code: 18, codeName: 'AuthenticationFailed' })
    expect(driverFailure('restore-check', rejected, fields).message).toMatch(/^restore-check: authentication failed: the server rejected user "back up@ops" with this password/)
    const unauthorized = new MongoServerError({ errmsg: 'not authorized on restore_check_0a1b2c3d_shop to execute command { dropDatabase: 1 }', code: 13, codeName: 'Unauthorized' })
    expect(driverFailure('restore-check', unauthorized, fields).message).toMatch(/^restore-check: user "back up@ops" lacks the privileges for it \(not authorized on restore_check_/)
  })

  test('a server that does not answer fails naming the address, without the password; a secret db-url parameter is masked first', async () => {
    const port = await freePort()
    const keyPassword = 'canary-key-pass-5150'
    const database: DatabaseConfig = { ...fields, host: '127.0.0.1', port, urlProtocol: 'mongodb:', params: { serverSelectionTimeoutMS: '200', tlsCertificateKeyFilePassword: keyPassword } }
    try {
      const failure = withMongoClient(database, 'counting the target\'s documents', async () => 'connected')
      await expect(failure).rejects.toThrow(`counting the target's documents: cannot connect to the server at 127.0.0.1:${port}`)
      await expect(failure).rejects.not.toThrow(fields.password)
      expect(redact(`key ${keyPassword}`)).not.toContain(keyPassword)
    } finally {
      clearSecrets()
    }
  })
})

describe('mongorestore for the restore-check', () => {
  test('each database into a scratch database under the prefix; the server\'s own collections left out, escaped as mongorestore reads patterns', () => {
    expect(restoreArgs('/w/tools.yaml', '/w/a.archive', 'empty', { prefix: 'restore_check_0a1b2c3d_', exclude: ['admin.system.users', 'odd*db\\x.system.js'] })).toEqual([
      '--config=/w/tools.yaml',
      '--archive=/w/a.archive',
      '--stopOnError',
      '--nsFrom=$db$.$collection$',
      '--nsTo=restore_check_0a1b2c3d_$db$.$collection$',
      '--nsExclude=admin.system.users',
      '--nsExclude=odd\\*db\\\\x.system.js'
    ])
  })

  test('its summary line, read from recorded output (the namespaces quoted since Database Tools 100.16, bare before)', () => {
    const current = [
      '2026-11-26T10:00:00.101+0000\tpreparing collections to restore from',
      '2026-11-26T10:00:00.112+0000\treading metadata for `restore_check_0a1b2c3d_shop.customers` from archive `/w/shop.archive.plain`',
      '2026-11-26T10:00:00.140+0000\trestoring `restore_check_0a1b2c3d_shop.customers` from archive `/w/shop.archive.plain`',
      '2026-11-26T10:00:00.201+0000\tfinished restoring `restore_check_0a1b2c3d_shop.customers` (40 documents, 0 failures)',
      '2026-11-26T10:00:00.202+0000\tno indexes to restore for collection `restore_check_0a1b2c3d_shop.customers`',
      '2026-11-26T10:00:00.230+0000\t65 document(s) restored successfully. 0 document(s) failed to restore.'
    ].join('\n')
    expect(restoreSummary(current)).toEqual({ restored: 65, failed: 0 })
    const older = [
      '2024-03-01T08:00:00.000+0000\tfinished restoring shop.orders (25 documents, 2 failures)',
      '2024-03-01T08:00:00.001+0000\t23 document(s) restored successfully. 2 document(s) failed to restore.'
    ].join('\n')
    expect(restoreSummary(older)).toEqual({ restored: 23, failed: 2 })
    // With w=0 mongorestore cannot know, and says only "done".
    expect(restoreSummary('2026-11-26T10:00:00.230+0000\tdone')).toBeUndefined()
  })

  test('a scratch database name MongoDB would refuse (64 bytes or more) is refused before anything is restored', () => {
    const prefix = 'restore_check_0a1b2c3d_'
    expect(() => checkScratchNames(prefix, ['s'.repeat(63 - prefix.length)])).not.toThrow()
    expect(() => checkScratchNames(prefix, ['shop', 'é'.repeat(21)])).toThrow(
      `restore-check cannot name a scratch database for "${'é'.repeat(21)}": "restore_check_0a1b2c3d_<name>" would be longer than the 63 bytes MongoDB allows a database name`
    )
  })
})

describe('restoreCheck without a server', () => {
  async function archiveFile(db: string): Promise<{ file: string; workDir: string }> {
    const workDir = await mkdtemp(join(tmpdir(), 'mongo-check-'))
    const documents = [bson({ _id: 1 }), bson({ _id: 2 })]
    const bytes = Buffer.concat([
      MAGIC,
      header(),
      bson({ db, collection: 'items', metadata: '{}', size: 0, type: 'collection' }),
      TERMINATOR,
      segment(db, 'items', documents),
      endOf(db, 'items', documents)
    ])
    const file = join(workDir, 'backup.archive')
    await writeFile(file, bytes)
    return { file, workDir }
  }

  test('an unreachable server fails the check before mongorestore is started, and leaves only the archive', async () => {
    const { file, workDir } = await archiveFile('shop')
    const database: DatabaseConfig = { ...fields, host: '127.0.0.1', port: await freePort(), urlProtocol: 'mongodb:', params: { serverSelectionTimeoutMS: '200' } }
    await expect(restoreCheck({ database, file, workDir, timeoutMs: 10_000 })).rejects.toThrow(/^restore-check: cannot connect to the server at 127\.0\.0\.1:/)
    expect(await readdir(workDir)).toEqual(['backup.archive'])
  })

  test('a database whose scratch name would be too long fails before connecting', async () => {
    const { file, workDir } = await archiveFile('d'.repeat(41))
    // Nothing listens on port 9 of this address: the check must fail on the name, not on the connection.
    const database: DatabaseConfig = { ...fields, host: '127.0.0.1', port: 9, urlProtocol: 'mongodb:', params: { serverSelectionTimeoutMS: '200' } }
    await expect(restoreCheck({ database, file, workDir, timeoutMs: 10_000 })).rejects.toThrow(/cannot name a scratch database for "d{41}"/)
  })
})

describe('a restore touches only its target', () => {
  /** An archive of shop with one more namespace planted: in its prelude only, or with documents too. */
  function planted(db: string, collection: string, withData: boolean): Buffer {
    return Buffer.concat([
      MAGIC,
      header(),
      bson({ db: 'shop', collection: 'customers', metadata: '{"indexes":[]}', size: 4096, type: 'collection' }),
      bson({ db, collection, metadata: '{"indexes":[]}', size: 0, type: 'collection' }),
      TERMINATOR,
      segment('shop', 'customers', customers),
      endOf('shop', 'customers', customers),
      ...(withData ? [segment(db, collection, customers.slice(0, 1)), endOf(db, collection, customers.slice(0, 1))] : [])
    ])
  }

  function namespacesOf(archive: Buffer): string[] {
    const checker = new MongoArchiveChecker()
    checker.push(archive)
    const summary = checker.finish()
    return [...summary.listedNamespaces, ...summary.documentsPerNamespace.keys()]
  }

  test('an archive of one database restores only that database, renamed into db-name when it had another name', () => {
    const namespaces = namespacesOf(sampleArchive())
    expect(confine(namespaces, 'shop')).toEqual({ include: 'shop', exclude: [] })
    expect(confine(namespaces, 'drill')).toEqual({ include: 'shop', renameTo: 'drill', exclude: [] })
    expect(restoreArgs('/w/tools.yaml', '/w/a.archive', 'clean', undefined, confine(namespaces, 'drill'))).toEqual([
      '--config=/w/tools.yaml',
      '--archive=/w/a.archive',
      '--stopOnError',
      '--drop',
      '--nsInclude=shop.*',
      '--nsFrom=shop.$collection$',
      '--nsTo=drill.$collection$'
    ])
  })

  test.each([
    ['another database, in the prelude only', 'prod', 'orders', false, /namespace prod\.orders, outside its database shop/],
    ['another database, with documents', 'prod', 'orders', true, /namespace prod\.orders, outside its database shop/],
    ["the server's users", 'admin', 'system.users', true, /namespace admin\.system\.users, outside its database shop/]
  ])('refuses, before mongorestore runs, an archive for db-name with a namespace of %s', (_name, db, collection, withData, reason) => {
    const namespaces = namespacesOf(planted(db, collection, withData))
    expect(() => confine(namespaces, 'drill')).toThrow(reason)
    expect(() => confine(namespaces, 'shop')).toThrow(reason)
  })

  test("into a whole server, every database of the archive is restored but the server's users and roles", () => {
    const namespaces = namespacesOf(planted('admin', 'system.users', true))
    expect(confine(namespaces, '')).toEqual({ exclude: ['admin.system.users'] })
    expect(restoreArgs('/w/tools.yaml', '/w/a.archive', 'empty', undefined, confine(namespaces, ''))).toEqual([
      '--config=/w/tools.yaml',
      '--archive=/w/a.archive',
      '--stopOnError',
      '--nsExclude=admin.system.users'
    ])
  })
})
