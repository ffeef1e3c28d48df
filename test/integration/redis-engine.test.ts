import { mkdtemp, open, readdir, readFile, stat, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Compression, DatabaseConfig } from '../../src/config/types.js'
import type { RestoreRequest } from '../../src/engines/types.js'
import { compressionOf } from '../../src/util/compression.js'
import { redis } from '../../src/engines/redis/engine.js'
import { redisRestorer } from '../../src/engines/redis/restore.js'
import { digestDifferences } from '../../src/engines/shared/contents.js'
import { seedEveryType } from '../support/redis-data.js'
import { redisCrc64 } from '../../src/util/crc64.js'
import { hashFile } from '../../src/util/files.js'
import { run, runOk } from '../support/run.js'
import { keyCount, samplesOf, seedRedis, startRedis, type RedisContent, type RedisServer } from '../support/redis.js'

let server: RedisServer
let content: RedisContent
let database: DatabaseConfig

beforeAll(async () => {
  server = await startRedis()
  content = await seedRedis(server)
  database = { type: 'redis', host: server.host, port: server.port, name: '', user: '', password: server.password, params: {}, urlProtocol: '' }
})

afterAll(async () => {
  await server?.stop()
})

const NONE: Compression = { name: 'none', level: 0 }
const ZSTD: Compression = { name: 'zstd', level: 1 }

/** Uncompressed unless asked: most tests change the RDB itself. */
async function dump(target: DatabaseConfig = database, compression = NONE) {
  const workDir = await mkdtemp(join(tmpdir(), 'redis-engine-'))
  const fileName = `cache.${redis.fileExtension(compression)}`
  const snapshot = await redis.snapshot({ database: target, workDir, fileName, timeoutMs: 60_000, compression })
  return { ...snapshot, workDir }
}

function verify(file: string, workDir: string) {
  return redis.verify({ database, file, workDir, timeoutMs: 60_000 })
}

/** Rewrites the RDB version in the header and seals the file again with a correct CRC-64. */
async function withVersion(file: string, version: string): Promise<void> {
  const bytes = await readFile(file)
  bytes.write(`REDIS${version}`, 0, 'latin1')
  const body = bytes.subarray(0, bytes.length - 8)
  bytes.writeBigUInt64LE(redisCrc64().update(body).digest(), bytes.length - 8)
  await writeFile(file, bytes)
}

async function withoutChecker<T>(work: () => Promise<T>): Promise<T> {
  const binDir = await mkdtemp(join(tmpdir(), 'no-redis-check-rdb-'))
  await symlink((await runOk('sh', ['-c', 'command -v redis-cli'])).trim(), join(binDir, 'redis-cli'))
  const saved = process.env.PATH
  process.env.PATH = binDir
  try {
    return await work()
  } finally {
    process.env.PATH = saved
  }
}

describe('Redis engine against a real redis-server', () => {
  test('an RDB transferred with SYNC: hashed, private, and checked to its CRC-64 and by redis-check-rdb', async () => {
    const snapshot = await dump()
    expect(await hashFile(snapshot.file)).toEqual({ sha256: snapshot.sha256, sizeBytes: snapshot.sizeBytes })
    expect((await stat(snapshot.file)).mode & 0o777).toBe(0o600)
    expect(await readdir(snapshot.workDir)).toEqual(['cache.rdb'])
    expect(snapshot.figures).toMatchObject({ client: expect.stringMatching(/^redis-cli \d+\.\d+/), transfer: expect.stringMatching(/Transfer finished with success/) })
    const figures = await verify(snapshot.file, snapshot.workDir)
    expect(figures).toEqual({
      'RDB version': expect.any(Number),
      'CRC-64': 'match (whole file read)',
      'redis-check-rdb': `OK, ${content.keys} keys read`
    })
    expect(figures['RDB version']).toBeGreaterThanOrEqual(9)
  })

  test('the RDB restores into a new server with every key and the same values', async () => {
    const snapshot = await dump()
    const restored = await startRedis({ rdb: snapshot.file, password: '' })
    try {
      expect(await keyCount(restored)).toBe(content.keys)
      expect(await samplesOf(restored)).toEqual(content.samples)
    } finally {
      await restored.stop()
    }
  })

  test('zstd (the default): the RDB compressed while redis-check-rdb reads it, the stored bytes read back to the CRC-64, and it restores', async () => {
    const snapshot = await dump(database, ZSTD)
    expect(snapshot.file).toMatch(/cache\.rdb\.zst$/)
    expect(await readdir(snapshot.workDir)).toEqual(['cache.rdb.zst'])
    expect((await stat(snapshot.file)).mode & 0o777).toBe(0o600)
    expect(compressionOf(await readFile(snapshot.file))).toBe('zstd')
    expect(await hashFile(snapshot.file)).toEqual({ sha256: snapshot.sha256, sizeBytes: snapshot.sizeBytes })
    expect(snapshot.figures).toMatchObject({ compression: expect.stringMatching(/^zstd level 1 /), transfer: expect.stringMatching(/Transfer finished with success/) })
    expect(snapshot.readThrough).toEqual({
      figures: { 'RDB version': expect.any(Number), 'CRC-64': 'match (whole file read)', 'redis-check-rdb': `OK, ${content.keys} keys read` }
    })
    expect(await verify(snapshot.file, snapshot.workDir)).toMatchObject({ 'CRC-64': 'match (whole file read)', 'redis-check-rdb': `OK, ${content.keys} keys read` })
    const rdb = join(snapshot.workDir, 'restored.rdb')
    await runOk('zstd', ['-d', '-q', snapshot.file, '-o', rdb])
    const restored = await startRedis({ rdb, password: '' })
    try {
      expect(await keyCount(restored)).toBe(content.keys)
      expect(await samplesOf(restored)).toEqual(content.samples)
    } finally {
      await restored.stop()
    }
  })

  test('a zstd RDB cut short or changed fails verification', async () => {
    const snapshot = await dump(database, ZSTD)
    const bytes = await readFile(snapshot.file)
    await writeFile(snapshot.file, bytes.subarray(0, bytes.length - 50))
    await expect(verify(snapshot.file, snapshot.workDir)).rejects.toThrow(/zstd stream ends inside a frame/)
    bytes[Math.floor(bytes.length / 2)] ^= 0x20
    await writeFile(snapshot.file, bytes)
    await expect(verify(snapshot.file, snapshot.workDir)).rejects.toThrow(/[Cc]orrupt|checksum|CRC-64|damaged/)
    expect((await run('zstd', ['-t', '-q', snapshot.file])).code).not.toBe(0)
  })

  test('an ACL user dumps with --user, the password still only in the environment', async () => {
    const snapshot = await dump({ ...database, user: server.aclUser, password: server.aclPassword })
    expect(await verify(snapshot.file, snapshot.workDir)).toMatchObject({ 'CRC-64': 'match (whole file read)' })
  })

  test('an RDB cut short, or with a byte changed, fails', async () => {
    const cut = await dump()
    await truncate(cut.file, Math.floor(cut.sizeBytes * 0.6))
    await expect(verify(cut.file, cut.workDir)).rejects.toThrow(/cut short|damaged/)
    const last = await dump()
    await truncate(last.file, last.sizeBytes - 1)
    await expect(verify(last.file, last.workDir)).rejects.toThrow(/cut short|damaged/)

    const changed = await dump()
    const handle = await open(changed.file, 'r+')
    const at = Math.floor(changed.sizeBytes / 2)
    const byte = Buffer.alloc(1)
    await handle.read(byte, 0, 1, at)
    await handle.write(Buffer.from([byte[0] ^ 0x20]), 0, 1, at)
    await handle.close()
    await expect(verify(changed.file, changed.workDir)).rejects.toThrow(/the RDB file's CRC-64 is [0-9a-f]+ but it says [0-9a-f]+: the file is damaged/)
  })

  test('a file that is not an RDB fails on its header', async () => {
    const snapshot = await dump()
    await writeFile(snapshot.file, 'PGDMP and whatever else')
    await expect(verify(snapshot.file, snapshot.workDir)).rejects.toThrow(/REDIS magic/)
  })

  test('a checker older than the format cannot judge the file: that is said, and the CRC-64 still decides', async () => {
    const snapshot = await dump()
    await withVersion(snapshot.file, '0099')
    const figures = await verify(snapshot.file, snapshot.workDir)
    expect(figures['RDB version']).toBe(99)
    expect(figures['CRC-64']).toBe('match (whole file read)')
    expect(figures['redis-check-rdb']).toMatch(/is older than the server and cannot read RDB format version 99: only the header and the CRC-64 were checked/)
  })

  test('without redis-check-rdb the figures say what was and was not checked', async () => {
    const snapshot = await dump()
    const figures = await withoutChecker(() => verify(snapshot.file, snapshot.workDir))
    expect(figures['redis-check-rdb']).toBe('not installed: the header and the CRC-64 were checked, not the contents')
    expect(figures['CRC-64']).toBe('match (whole file read)')
  })

  test('a server with rdbchecksum off: the missing checksum is said, redis-check-rdb still reads the file', async () => {
    const noChecksum = await startRedis({ config: ['rdbchecksum no'] })
    try {
      await seedRedis(noChecksum, 100)
      const target = { ...database, port: noChecksum.port, password: noChecksum.password }
      const snapshot = await dump(target)
      const figures = await redis.verify({ database: target, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })
      expect(figures).toMatchObject({ 'CRC-64': 'not stored (rdbchecksum off on the server)', 'redis-check-rdb': 'OK, 105 keys read' })
    } finally {
      await noChecksum.stop()
    }
  })

  test('a server that refuses SYNC is a clear error that says so', async () => {
    await expect(dump({ ...database, user: server.noSyncUser, password: server.aclPassword })).rejects.toThrow(
      /^the server refused SYNC\/replication: user "no_sync" may not run SYNC .*: redis-cli --rdb exited with code 1: .*NOPERM/
    )
    const managed = await startRedis({ config: ['rename-command SYNC ""', 'rename-command PSYNC ""'] })
    try {
      await expect(dump({ ...database, port: managed.port, password: managed.password })).rejects.toThrow(
        /^the server refused SYNC\/replication: managed Redis services \(ElastiCache, MemoryDB, Azure Cache and others\) often block it/
      )
    } finally {
      await managed.stop()
    }
  })

  test('a wrong or missing password is a clear error, and no file is left', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'redis-engine-'))
    await expect(redis.snapshot({ database: { ...database, password: 'rotated' }, workDir, fileName: 'x.rdb.zst', timeoutMs: 60_000, compression: ZSTD })).rejects.toThrow(
      /^authentication failed: the server rejected this password: redis-cli --rdb exited with code 1: AUTH failed: WRONGPASS/
    )
    await expect(redis.snapshot({ database: { ...database, password: '' }, workDir, fileName: 'x.rdb.zst', timeoutMs: 60_000, compression: ZSTD })).rejects.toThrow(
      /^the server requires a password/
    )
    expect(await readdir(workDir)).toEqual([])
  })
})

describe('Redis restore and restore-check with more databases than 16', () => {
  let wide: RedisServer
  let wideDatabase: DatabaseConfig

  beforeAll(async () => {
    wide = await startRedis({ config: ['databases 32'] })
    wideDatabase = { ...database, port: wide.port, password: wide.password }
    await wide.cli('SET', 'in-db-0', 'zero')
    await wide.cli('-n', '20', 'SET', 'in-db-20', 'twenty')
    await wide.cli('-n', '20', 'HSET', 'hash-20', 'f', 'v')
  })

  afterAll(async () => {
    await wide?.stop()
  })

  test('restore-check of a server with databases 32 and keys in db 20 passes (the throwaway server gets as many databases)', async () => {
    const snapshot = await dump(wideDatabase)
    const figures = await redisRestorer.restoreCheck?.({ database: wideDatabase, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })
    expect(String(figures?.['restore check'])).toMatch(/3 keys in 2 databases|2 databases, 3 keys/)
  })

  test('restore-check of the same RDB when the source hides CONFIG: the throwaway server grows until the RDB fits', async () => {
    const snapshot = await dump(wideDatabase)
    const restricted = { ...wideDatabase, user: 'no_config', password: 'no-config-pw' }
    await wide.cli('ACL', 'SETUSER', 'no_config', 'on', '>no-config-pw', '~*', '&*', '+@all', '-config')
    const figures = await redisRestorer.restoreCheck?.({ database: restricted, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })
    expect(String(figures?.['restore check'])).toMatch(/3 keys in 2 databases|2 databases, 3 keys/)
  })

  test('a restore into a default target (16 databases) is refused before a key is copied, naming the databases and the setting needed', async () => {
    const snapshot = await dump(wideDatabase)
    const target = await startRedis()
    try {
      const into = { ...database, port: target.port, password: target.password }
      await expect(redisRestorer.restore({ database: into, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000, mode: 'empty' })).rejects.toThrow(
        /holds keys in database 20 \(SELECT 20\), but the target has databases 0 to 15 \(databases 16\); the backup holds keys in databases 0, 20, of which the target lacks 20: the target needs `databases 21` or more/
      )
      expect(await keyCount(target)).toBe(0)
    } finally {
      await target.stop()
    }
  })
})

describe('Redis content digests: every type read the same way on any server', () => {
  let source: RedisServer
  let sourceDatabase: DatabaseConfig
  let counts: Map<string, number>

  beforeAll(async () => {
    source = await startRedis()
    sourceDatabase = { ...database, port: source.port, password: source.password }
    counts = await seedEveryType(source)
  })

  afterAll(async () => {
    await source?.stop()
  })

  async function restoreInto(target: RedisServer, file: string, workDir: string, mode: 'empty' | 'clean' = 'empty') {
    const into = { ...database, port: target.port, password: target.password }
    const restored = await redisRestorer.restore({ database: into, file, workDir, timeoutMs: 60_000, mode })
    if (!restored.content) throw new Error('no content check')
    return { restored, content: restored.content }
  }

  test('restore-check compares content digests with the server', async () => {
    const snapshot = await dump(sourceDatabase)
    const figures = await redisRestorer.restoreCheck?.({ database: sourceDatabase, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })
    const keys = [...counts.values()].reduce((sum, count) => sum + count, 0)
    expect(figures?.['restore check']).toBe(`content digests: 3 databases, ${keys} keys, equal (the RDB loaded into a throwaway redis-server, every key read back on the server)`)
    expect(await readdir(snapshot.workDir)).not.toContainEqual(expect.stringMatching(/^redis-keys-/))
  })

  test('restore-check fails naming the database and key when the server holds another value than the RDB', async () => {
    const snapshot = await dump(sourceDatabase)
    await source.cli('SETRANGE', 'text:17', '3', 'Q')
    try {
      await expect(redisRestorer.restoreCheck?.({ database: sourceDatabase, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })).rejects.toThrow(
        /differs from the server: db0: the keys differ in content \(first difference: key "text:17", changed\)/
      )
    } finally {
      await source.cli('SETRANGE', 'text:17', '3', 'u')
    }
  })

  test('into a target whose encodings differ (hashtable hashes, sets and sorted sets everywhere): the digests are equal', async () => {
    const snapshot = await dump(sourceDatabase)
    const target = await startRedis({
      config: ['hash-max-listpack-entries 0', 'set-max-intset-entries 0', 'zset-max-listpack-entries 0', 'list-max-listpack-size 1', 'stream-node-max-entries 3']
    })
    try {
      const { restored, content } = await restoreInto(target, snapshot.file, snapshot.workDir)
      expect(restored.archive).toEqual(counts)
      expect(await content.readTarget()).toEqual(content.archive)
      expect(await target.cli('OBJECT', 'ENCODING', 'user:1')).toBe('hashtable\n')
    } finally {
      await target.stop()
    }
  })

  test('one byte changed in one value of the target, counts kept: the digest of that database differs, naming the key', async () => {
    const snapshot = await dump(sourceDatabase)
    const target = await startRedis()
    try {
      const { content } = await restoreInto(target, snapshot.file, snapshot.workDir)
      for (const [key, change] of [
        ['large', ['SETRANGE', 'large', '1999999', 'Z']],
        ['wide-hash', ['HSET', 'wide-hash', 'field:5', 'changed']],
        ['ranking', ['ZADD', 'ranking', '77.7', 'player-3']],
        ['events', ['XACK', 'events', 'billing', '10-1']],
        ['session:a', ['PERSIST', 'session:a']]
      ] as const) {
        await target.cli(...change)
        const differences = await digestDifferences(content, await content.readTarget(), redisRestorer.units)
        expect(differences).toEqual([`db0: the keys differ in content (first difference: key "${key}", changed)`])
        // Back as it was, through a new restore (clean replaces the backup's keys).
        await restoreInto(target, snapshot.file, snapshot.workDir, 'clean')
        expect(await digestDifferences(content, await content.readTarget(), redisRestorer.units)).toEqual([])
      }
    } finally {
      await target.stop()
    }
  })

  test('clean into a target with other keys in the same databases: only the backup\'s keys are read back', async () => {
    const snapshot = await dump(sourceDatabase)
    const target = await startRedis()
    try {
      await target.cli('SET', 'not-in-backup', 'kept')
      await target.cli('-n', '3', 'HSET', 'other', 'a', 'b')
      const { content } = await restoreInto(target, snapshot.file, snapshot.workDir, 'clean')
      expect(await content.readTarget()).toEqual(content.archive)
    } finally {
      await target.stop()
    }
  })
})

describe('Redis function libraries', () => {
  const LIBRARY = "#!lua name=shoplib\nredis.register_function('shop_total', function(keys, args) return redis.call('GET', keys[1]) end)"
  const OTHER = "#!lua name=auditlib\nredis.register_function('audit_ping', function() return 'pong' end)"
  let source: RedisServer
  let sourceDatabase: DatabaseConfig

  beforeAll(async () => {
    source = await startRedis()
    sourceDatabase = { ...database, port: source.port, password: source.password }
    await source.cli('SET', 'total', '42')
    await source.cli('FUNCTION', 'LOAD', LIBRARY)
    await source.cli('FUNCTION', 'LOAD', OTHER)
  })

  afterAll(async () => {
    await source?.stop()
  })

  const request = (target: RedisServer, workDir: string, file: string, extra: Partial<RestoreRequest> = {}): RestoreRequest => ({
    database: { ...database, port: target.port, password: target.password },
    file,
    workDir,
    timeoutMs: 60_000,
    mode: 'empty',
    ...extra
  })

  test('are restored with FUNCTION RESTORE, their code compared, and callable on the target', async () => {
    const snapshot = await dump(sourceDatabase)
    const target = await startRedis()
    try {
      const restored = await redisRestorer.restore(request(target, snapshot.workDir, snapshot.file))
      expect(restored.figures.functions).toBe('2 libraries restored (auditlib, shoplib; FUNCTION RESTORE APPEND), code compared, equal')
      expect(await target.cli('FCALL', 'shop_total', '1', 'total')).toBe('42\n')
      // clean replaces the backup's libraries and keeps the target's others.
      await target.cli('FUNCTION', 'LOAD', 'REPLACE', "#!lua name=shoplib\nredis.register_function('shop_total', function() return 'stale' end)")
      await target.cli('FUNCTION', 'LOAD', "#!lua name=targetlib\nredis.register_function('mine', function() return 1 end)")
      const clean = await redisRestorer.restore(request(target, snapshot.workDir, snapshot.file, { mode: 'clean' }))
      expect(clean.figures.functions).toMatch(/FUNCTION RESTORE REPLACE/)
      expect(await target.cli('FCALL', 'shop_total', '1', 'total')).toBe('42\n')
      expect(await target.cli('FCALL', 'mine', '0')).toBe('1\n')
    } finally {
      await target.stop()
    }
  })

  test('restore-mode empty: a library of the same name on the target is refused before a key is copied', async () => {
    const snapshot = await dump(sourceDatabase)
    const target = await startRedis()
    try {
      await target.cli('FUNCTION', 'LOAD', OTHER)
      await expect(redisRestorer.restore(request(target, snapshot.workDir, snapshot.file))).rejects.toThrow(/already holds the function library auditlib of the backup: nothing was restored/)
      expect(await keyCount(target)).toBe(0)
    } finally {
      await target.stop()
    }
  })

  test('a target that refuses FUNCTION: refused naming the libraries, no key copied; accepted with the input, and said', async () => {
    const snapshot = await dump(sourceDatabase)
    const target = await startRedis({ config: ['user nofunction on >nofunction-pw ~* &* +@all -function'] })
    try {
      const limited = { ...request(target, snapshot.workDir, snapshot.file), database: { ...database, port: target.port, user: 'nofunction', password: 'nofunction-pw' } }
      await expect(redisRestorer.restore(limited)).rejects.toThrow(
        /the backup holds 2 Redis function libraries \(auditlib, shoplib\) that cannot be restored into the target: FUNCTION LIST was refused \(NOPERM.*\); nothing was restored \(.*accept-unrestored-redis-functions: true/
      )
      expect(await keyCount(target)).toBe(0)
      const accepted = await redisRestorer.restore({ ...limited, acceptUnrestoredFunctions: true })
      expect(accepted.figures['functions not restored']).toMatch(/^auditlib, shoplib \(FUNCTION LIST was refused .*accept-unrestored-redis-functions: true\)$/)
      expect(await keyCount(target)).toBe(1)
    } finally {
      await target.stop()
    }
  })

  test('restore-check compares the RDB\'s libraries with the server\'s', async () => {
    const snapshot = await dump(sourceDatabase)
    const check = { database: sourceDatabase, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 }
    expect(String((await redisRestorer.restoreCheck?.(check))?.['restore check'])).toMatch(/^content digests: 1 database, 1 keys, equal .*2 function libraries/)
    await source.cli('FUNCTION', 'DELETE', 'auditlib')
    try {
      await expect(redisRestorer.restoreCheck?.(check)).rejects.toThrow(/function library auditlib: not on the server/)
    } finally {
      await source.cli('FUNCTION', 'LOAD', OTHER)
    }
  })
})

describe('Redis TTLs', () => {
  test('each key keeps the absolute expiry time of the backup, to the millisecond, behind a large value in the same batch', async () => {
    const source = await startRedis({ config: ['enable-debug-command yes'] })
    const target = await startRedis({ config: ['enable-debug-command yes'] })
    try {
      await source.cli('SET', 'session:a', 'a', 'EX', '3600')
      await source.cli('SET', 'session:b', 'b', 'PX', '7200123')
      await source.cli('HSET', 'cart', 'sku', '1')
      await source.cli('PEXPIRE', 'cart', '5400321')
      // Copied in the same MIGRATE batch: its transfer delays what MIGRATE's relative TTLs mean.
      await source.cli('SET', 'persistent', 'p')
      await source.cli('EVAL', "redis.call('SET', KEYS[1], string.rep('x', 48 * 1024 * 1024))", '1', 'large')
      const snapshot = await dump({ ...database, port: source.port, password: source.password })
      const restored = await redisRestorer.restore({
        database: { ...database, port: target.port, password: target.password },
        file: snapshot.file,
        workDir: snapshot.workDir,
        timeoutMs: 60_000,
        mode: 'empty'
      })
      expect(restored.figures.TTLs).toBe('3 keys with a TTL, each given its absolute expiry time of the backup (PEXPIRETIME, then PEXPIREAT on the target)')
      for (const key of ['session:a', 'session:b', 'cart']) {
        const drift = Number(await target.cli('PEXPIRETIME', key)) - Number(await source.cli('PEXPIRETIME', key))
        expect({ key, drift: Math.abs(drift) <= 2 }).toEqual({ key, drift: true })
      }
      expect(await target.cli('PEXPIRETIME', 'persistent')).toBe('-1\n')
      // Redis' own digest of the whole data set, absolute expiry times included.
      expect(await target.cli('DEBUG', 'DIGEST')).toBe(await source.cli('DEBUG', 'DIGEST'))
    } finally {
      await source.stop()
      await target.stop()
    }
  })
})
