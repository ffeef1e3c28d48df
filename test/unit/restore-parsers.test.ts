import { SqlRowCounter } from '../../src/engines/mysql/dump-reader.js'
import { CopyRowCounter } from '../../src/engines/postgresql/content.js'
import { parseReply, keyspace, RespError } from '../../src/engines/redis/resp.js'
import { restoreArgs as mongoRestoreArgs } from '../../src/engines/mongodb/restore-args.js'
import { restoreArgs as pgRestoreArgs } from '../../src/engines/postgresql/restore.js'
import { contentDifferences } from '../../src/engines/shared/contents.js'
import { identifyBackupKey } from '../../src/config/backup-keys.js'
import { parseSidecar } from '../../src/storage/local/sidecar.js'
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
    // With a column list, as both tools write it for tables with generated or invisible columns.
    "INSERT INTO `parcels` (`id`, `de``tails`, `a (b), c`) VALUES (1,'{\"w\": 1}',2),(2,'(x)',3);",
    'INSERT INTO `parcels` (`id`,`details`) VALUES',
    "(3,'y');",
    '-- Dump completed on 2026-11-26'
  ].join('\n')

  test.each([1, 7, 4096])('counts the tuples of single-line and row-a-line INSERTs (chunks of %i bytes)', (size) => {
    expect(Object.fromEntries(countRows(script, size))).toEqual({ empty: 0, 'we`ird': 3, orders: 5, parcels: 3 })
  })
})

/** Feeds `script` to a CopyRowCounter in the pieces `cuts` make, returning its counts and the most it retained between pieces. */
function countCopyRows(script: Buffer, cuts: Iterable<number>): { rows: Record<string, number>; retained: number } {
  const counter = new CopyRowCounter()
  let retained = 0
  let from = 0
  for (const cut of [...cuts, script.length]) {
    counter.push(script.subarray(from, cut))
    retained = Math.max(retained, counter.retainedBytes)
    from = cut
  }
  return { rows: Object.fromEntries(counter.rows), retained }
}

function everyBytes(size: number, length: number): number[] {
  const cuts: number[] = []
  for (let at = size; at < length; at += size) cuts.push(at)
  return cuts
}

describe('CopyRowCounter', () => {
  // As pg_restore --data-only writes it: settings, sequence values, and each table's COPY.
  const script = Buffer.from(
    [
      "SET client_encoding = 'UTF8';",
      'COPY public.orders (id, note) FROM stdin;',
      '1\tplain',
      '2\t\\.',
      '\\.x',
      '\\',
      '\\.',
      'COPY public.orders (id) FROM stdin;',
      '3',
      '\\.',
      // No columns at all: pg_dump leaves the column list empty, two spaces.
      'COPY public.z  FROM stdin;',
      '',
      '',
      '\\.',
      'COPY "Odd Schema"."T (q) FROM stdin; ""x""" ("a)"" b", c) FROM stdin;',
      'row\\nwith escaped newline',
      '\\.',
      'COPY public."größe" (v) FROM stdin;',
      'ü',
      '\\.',
      'COPY public.empty (id) FROM stdin;',
      '\\.',
      "SELECT pg_catalog.setval('public.orders_id_seq', 2, true);",
      'COPY public.not_a_header (id) FROM stdin; -- not ours',
      '7'
    ].join('\n') + '\n'
  )
  const expected = { 'public.orders': 5, 'public.z': 2, '"Odd Schema"."T (q) FROM stdin; ""x"""': 1, 'public."größe"': 1, 'public.empty': 0 }

  test.each([1, 2, 3, 5, 64, script.length])('counts the rows of every table, the table without columns named without a trailing space (chunks of %i bytes)', (size) => {
    expect(countCopyRows(script, everyBytes(size, script.length)).rows).toEqual(expected)
  })

  test('counts the same wherever a chunk ends: inside a COPY header, inside `\\.\\n`, inside a character', () => {
    const text = script.toString('latin1')
    const header = text.indexOf('COPY public.z')
    const terminator = text.indexOf('\n\\.\n', header) + 1
    expect(header).toBeGreaterThan(0)
    for (const cut of [header + 3, header + 13, header + 14, header + 15, terminator + 1, terminator + 2]) expect(countCopyRows(script, [cut]).rows).toEqual(expected)
    for (let cut = 1; cut < script.length; cut++) expect(countCopyRows(script, [cut]).rows).toEqual(expected)
  })

  // One 50 MB bytea value, as COPY writes it (hex, on one line), between two small tables.
  const value = Buffer.alloc(50 * 1024 * 1024, 'ab')
  value.write('\\x', 0)
  const huge = Buffer.concat([
    Buffer.from('COPY public.before (id) FROM stdin;\n1\n\\.\nCOPY public.blobs (id, data) FROM stdin;\n1\t'),
    value,
    Buffer.from('\n\\.\nCOPY public.after (id) FROM stdin;\n1\n2\n\\.\n')
  ])

  test.each([1024 * 1024, 65_536, 65_537])('a 50 MB row in chunks of %i bytes: counted, and never held (the counter keeps at most a table name)', (size) => {
    const { rows, retained } = countCopyRows(huge, everyBytes(size, huge.length))
    expect(rows).toEqual({ 'public.before': 1, 'public.blobs': 1, 'public.after': 2 })
    expect(retained).toBeLessThanOrEqual(300)
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
      dbTypes: ['mysql', 'mariadb'],
      encrypted: false
    })
    expect(identifyBackupKey('shop-20260102T030405Z-0123abcd.rdb', '')?.dbTypes).toEqual(['redis'])
    expect(identifyBackupKey('shop-20260102T030405Z-0123abcd.dump.zst.age', '')).toEqual({
      backupName: 'shop',
      time: new Date('2026-01-02T03:04:05Z'),
      dbTypes: ['postgresql'],
      encrypted: true
    })
    expect(identifyBackupKey('shop-20260102T030405Z-0123abcd.age', '')?.dbTypes).toEqual([])
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
    const { RestoreInputs } = await import('../../src/constants.js')
    const { BACKUP_INPUTS } = await import('../../src/run/inputs.js')
    const { outputsOf } = await import('../../src/report/outputs.js')
    const text = await readFile('restore/action.yml', 'utf8')
    const declared = (section: string): string[] => {
      const body = text.split(new RegExp(`^${section}:\\n`, 'm'))[1]?.split(/^\S/m)[0] ?? ''
      return [...body.matchAll(/^ {2}([a-z0-9-]+):$/gm)].map((match) => match[1])
    }
    const inputs = declared('inputs')
    const known = new Set<string>([...BACKUP_INPUTS, ...Object.values(RestoreInputs)])
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
    const { LocalStorage } = await import('../../src/storage/local/storage.js')
    const { locateBackup } = await import('../../src/actions/restore/locate-backup.js')
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
    const { archiveDocuments } = await import('../../src/engines/mongodb/restore.js')
    const plain = sampleArchive()
    const bytes = compression === 'gzip' ? zlib.gzipSync(plain) : compression === 'zstd' ? zlib.zstdCompressSync(plain) : plain
    const file = join(await mkdtemp(join(tmpdir(), 'mongo-archive-')), 'shop.archive')
    await writeFile(file, bytes)
    expect(await archiveDocuments(file)).toEqual(new Map([['shop.customers', 40], ['shop.orders', 25], ['shop.empty', 0]]))
  })
})
