import { SqlRowCounter } from '../../src/engines/mysql-restore.js'
import { parseReply, keyspace, RespError } from '../../src/engines/redis-resp.js'
import { restoreArgs as mongoRestoreArgs } from '../../src/engines/mongodb-restore.js'
import { restoreArgs as pgRestoreArgs } from '../../src/engines/postgresql-restore.js'
import { contentDifferences } from '../../src/engines/contents.js'
import { identifyBackupKey } from '../../src/storage/keys.js'
import { parseSidecar } from '../../src/storage/local.js'
import type { DatabaseConfig } from '../../src/config/types.js'

function countRows(script: string, chunkSize: number): Map<string, number> {
  const counter = new SqlRowCounter()
  const bytes = Buffer.from(script)
  for (let at = 0; at < bytes.length; at += chunkSize) counter.push(bytes.subarray(at, at + chunkSize))
  return counter.finish()
}

describe('SqlRowCounter', () => {
  const script = [
    'CREATE TABLE `empty` (',
    '  `id` int',
    ') ENGINE=InnoDB;',
    'CREATE TABLE `we``ird` (`id` int);',
    "INSERT INTO `we``ird` VALUES (1,'a (b) c'),(2,'it\\'s; (not) a row'),(3,NULL);",
    'INSERT INTO `orders` VALUES',
    "(1,'x'),",
    "(2,'y);(z'),",
    '(3,0xABCDEF);',
    "INSERT INTO `orders` VALUES (4,'\\\\'),(5,'\"');",
    '-- Dump completed on 2026-11-26'
  ].join('\n')

  test.each([1, 7, 4096])('counts the tuples of single-line and row-a-line INSERTs (chunks of %i bytes)', (size) => {
    expect(Object.fromEntries(countRows(script, size))).toEqual({ empty: 0, 'we`ird': 3, orders: 5 })
  })
})

describe('RESP replies', () => {
  test('parses every type, and waits for a reply cut short', () => {
    const reply = Buffer.from('*3\r\n$1\r\n0\r\n*2\r\n$3\r\nk\r\n\r\n$-1\r\n:42\r\n+OK\r\n')
    expect(parseReply(reply.subarray(0, 10))).toBeUndefined()
    const parsed = parseReply(reply)
    expect(parsed?.reply).toEqual([Buffer.from('0'), [Buffer.from('k\r\n'), null], 42])
    expect(parseReply(reply, parsed?.end)?.reply).toBe('OK')
    expect(parseReply(Buffer.from('-WRONGPASS invalid\r\n'))?.reply).toEqual(new RespError('WRONGPASS invalid'))
  })

  test('keyspace reads the keys of each database', () => {
    expect(keyspace('# Keyspace\r\ndb0:keys=12,expires=1,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n')).toEqual(new Map([['db0', 12], ['db3', 1]]))
  })
})

const database: DatabaseConfig = { type: 'postgresql', host: 'db', port: 5432, name: 'shop', user: 'u', password: 'secret-pw', params: {}, urlProtocol: '' }

describe('restore commands', () => {
  test('pg_restore: parallel jobs, clean only when asked, no password', () => {
    const args = pgRestoreArgs(database, '/w/a.dump', 'empty', 4)
    expect(args).toEqual(expect.arrayContaining(['--jobs=4', '--exit-on-error', '--no-owner', '/w/a.dump']))
    expect(args).not.toContain('--clean')
    expect(pgRestoreArgs(database, '/w/a.dump', 'clean', 1)).toEqual(expect.arrayContaining(['--clean', '--if-exists']))
    expect(pgRestoreArgs(database, '/w/a.dump', 'clean', 1).join(' ')).not.toMatch(/--jobs|secret-pw/)
  })

  test('mongorestore: the archive file, --drop for clean only', () => {
    expect(mongoRestoreArgs('/w/tools.yaml', '/w/a.archive', 'empty')).toEqual(['--config=/w/tools.yaml', '--archive=/w/a.archive', '--stopOnError'])
    expect(mongoRestoreArgs('/w/tools.yaml', '/w/a.archive', 'clean')).toEqual(['--config=/w/tools.yaml', '--archive=/w/a.archive', '--stopOnError', '--drop'])
  })
})

describe('restore helpers', () => {
  test('identifyBackupKey reads the name, time and engines of a key under the prefix', () => {
    expect(identifyBackupKey('nightly/shop-20260102T030405Z-0123abcd.sql.gz', 'nightly')).toEqual({
      backupName: 'shop',
      time: new Date('2026-01-02T03:04:05Z'),
      dbTypes: ['mysql', 'mariadb']
    })
    expect(identifyBackupKey('shop-20260102T030405Z-0123abcd.rdb', '')?.dbTypes).toEqual(['redis'])
    expect(identifyBackupKey('other/shop-20260102T030405Z-0123abcd.dump', 'nightly')).toBeUndefined()
    expect(identifyBackupKey('shop-20261302T030405Z-0123abcd.dump', '')).toBeUndefined()
  })

  test('a sidecar holds the sha256sum line', () => {
    expect(parseSidecar(`${'a'.repeat(64)}  shop.dump\n`)).toBe('a'.repeat(64))
    expect(parseSidecar('nonsense')).toBeUndefined()
  })

  test('contentDifferences: exact, or at least for a shared holder', () => {
    const units = { object: 'keys', holder: 'database' }
    expect(contentDifferences(new Map([['db0', 3]]), new Map([['db0', 4]]), units)).toEqual(['db0: 3 keys in the backup, 4 in the target'])
    expect(contentDifferences(new Map([['db0', 3]]), new Map([['db0', 4]]), units, true)).toEqual([])
    expect(contentDifferences(new Map([['db1', 3]]), new Map(), units, true)).toEqual(['db1: 3 keys in the backup, no such database in the target'])
  })
})

describe('restore/action.yml', () => {
  test('declares the restore inputs and exactly the outputs the restore sets, and runs the restore bundle on node24', async () => {
    const { readFile } = await import('node:fs/promises')
    const { Inputs, RestoreInputs } = await import('../../src/constants.js')
    const { outputsOf } = await import('../../src/report/outputs.js')
    const text = await readFile('restore/action.yml', 'utf8')
    const declared = (section: string): string[] => {
      const body = text.split(new RegExp(`^${section}:\\n`, 'm'))[1]?.split(/^\S/m)[0] ?? ''
      return [...body.matchAll(/^ {2}([a-z0-9-]+):$/gm)].map((match) => match[1])
    }
    const inputs = declared('inputs')
    const known = new Set<string>([...Object.values(Inputs), ...Object.values(RestoreInputs)])
    expect(inputs.filter((name) => !known.has(name))).toEqual([])
    expect(inputs).toEqual(expect.arrayContaining([...Object.values(RestoreInputs), 'db-type', 'db-url', 'db-password', 'storage-type', 'bucket', 'path', 'backup-name', 'client-version', 'notify', 'audit-dir']))
    const report = { action: 'restore', status: 'SUCCESS', failedStep: '', error: '', backup: null, retention: null, restore: null, auditFile: '', durationMs: 1 }
    expect(declared('outputs').sort()).toEqual(Object.keys(outputsOf(report as never)).sort())
    expect(text).toMatch(/using: 'node24'/)
    expect(text).toMatch(/main: '\.\.\/dist\/restore\/index\.js'/)
  })
})

describe('locate-backup in a local directory', () => {
  test('latest: the newest key of this engine and name; a tie in the same second goes to the later stored', async () => {
    const { mkdtemp, writeFile, utimes } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { LocalStorage } = await import('../../src/storage/local.js')
    const { locateBackup } = await import('../../src/steps/locate-backup.js')
    const dir = await mkdtemp(join(tmpdir(), 'locate-'))
    const files: [string, number][] = [
      ['shop-20260101T000000Z-aaaaaaaa.dump', 1],
      ['shop-20260102T000000Z-bbbbbbbb.dump', 2],
      ['shop-20260102T000000Z-cccccccc.dump', 3],
      ['shop-20260103T000000Z-dddddddd.sql.gz', 4], // another engine's
      ['shop-latest.dump', 5], // not a key the action writes
      ['shopping-20260104T000000Z-eeeeeeee.dump', 6] // another name
    ]
    for (const [name, minute] of files) {
      await writeFile(join(dir, name), name)
      const at = new Date(Date.UTC(2026, 0, 5, 0, minute))
      await utimes(join(dir, name), at, at)
    }
    const config = { storage: { type: 'local', bucket: '', path: dir }, database: { type: 'postgresql' }, backupName: 'shop', backupKey: 'latest' }
    const located = await locateBackup(config as never, new LocalStorage(config.storage as never))
    expect(located.value.key).toBe('shop-20260102T000000Z-cccccccc.dump')
    expect(located.figures['backups found']).toBe(3)
    await expect(locateBackup({ ...config, backupKey: 'shop-20260103T000000Z-dddddddd.sql.gz' } as never, new LocalStorage(config.storage as never))).rejects.toThrow(
      'backup-key "shop-20260103T000000Z-dddddddd.sql.gz" is a mysql/mariadb backup, but db-type is postgresql'
    )
    await expect(locateBackup({ ...config, backupKey: 'shop-20260109T000000Z-ffffffff.dump' } as never, new LocalStorage(config.storage as never))).rejects.toThrow('does not exist')
  })
})

describe('MongoDB archive contents', () => {
  test.each(['none', 'gzip', 'zstd'])('documents per collection of a %s archive file, read by its magic number', async (compression) => {
    const { mkdtemp, writeFile } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const zlib = await import('node:zlib')
    const { sampleArchive } = await import('../support/mongodb-archive.js')
    const { archiveDocuments } = await import('../../src/engines/mongodb-restore.js')
    const plain = sampleArchive()
    const bytes = compression === 'gzip' ? zlib.gzipSync(plain) : compression === 'zstd' ? zlib.zstdCompressSync(plain) : plain
    const file = join(await mkdtemp(join(tmpdir(), 'mongo-archive-')), 'shop.archive')
    await writeFile(file, bytes)
    expect(await archiveDocuments(file)).toEqual(new Map([['shop.customers', 40], ['shop.orders', 25], ['shop.empty', 0]]))
  })
})
