import { createHash } from 'node:crypto'
import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Compression, DatabaseConfig } from '../../src/config/types.js'
import { mysql } from '../../src/engines/mysql/engine.js'
import { redis } from '../../src/engines/redis/engine.js'
import type { Engine } from '../../src/engines/types.js'
import { CheckFailedError, type DumpSink } from '../../src/util/dump-stream.js'
import { seedShop, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { seedRedis, startRedis, type RedisServer } from '../support/redis.js'

/**
 * staging stream at the engine's edge: every engine hands its dump to the sink it is given instead
 * of a file in the work directory, with the same SHA-256 and the same read-through; a sink that
 * asks for it stops the dump once the check fails. And each engine with a size reports one.
 */

let maria: MariaDbServer
let redisServer: RedisServer
let mariaDb: DatabaseConfig
let redisDb: DatabaseConfig

beforeAll(async () => {
  ;[maria, redisServer] = await Promise.all([startMariaDb(), startRedis()])
  await Promise.all([seedShop(maria, 'shop', 20_000), seedRedis(redisServer)])
  mariaDb = { type: 'mariadb', host: maria.host, port: maria.port, name: 'shop', user: maria.user, password: maria.password, params: {}, urlProtocol: '' }
  redisDb = { type: 'redis', host: redisServer.host, port: redisServer.port, name: '', user: '', password: redisServer.password, params: {}, urlProtocol: '' }
})

afterAll(async () => {
  await maria?.stop()
  await redisServer?.stop()
})

interface Collected {
  sink: DumpSink
  bytes: () => Buffer
  opened: string[]
  state: { finished: boolean; discarded: boolean }
}

function collector(stopOnCheckFailure = false, corrupt?: (chunk: Buffer) => Buffer): Collected {
  const chunks: Buffer[] = []
  const opened: string[] = []
  const state = { finished: false, discarded: false }
  return {
    sink: {
      stopOnCheckFailure,
      write: async (chunk) => {
        chunks.push(Buffer.from(corrupt ? corrupt(chunk) : chunk))
      },
      finish: async () => {
        state.finished = true
      },
      discard: async () => {
        state.discarded = true
      }
    },
    bytes: () => Buffer.concat(chunks),
    opened,
    state
  }
}

const ZSTD: Compression = { name: 'zstd', level: 1 }
const NONE: Compression = { name: 'none', level: 0 }

describe.each([
  ['mariadb', () => ({ engine: mysql as Engine, database: mariaDb, name: 'shop' })],
  ['redis', () => ({ engine: redis as Engine, database: redisDb, name: 'cache' })]
])('%s: the dump goes to the sink', (_type, setup) => {
  test.each([ZSTD, NONE])('with %j: the bytes hashed are the bytes sent, read through, and nothing of the dump stays in the work directory', async (compression) => {
    const { engine, database, name } = setup()
    const workDir = await mkdtemp(join(tmpdir(), 'stream-engine-'))
    const collected = collector()
    const fileName = `${name}.${engine.fileExtension(compression)}`
    const snapshot = await engine.snapshot({
      database,
      workDir,
      fileName,
      timeoutMs: 60_000,
      compression,
      open: async (file) => {
        collected.opened.push(basename(file))
        return collected.sink
      }
    })
    expect(collected.opened).toEqual([fileName])
    expect(collected.state).toEqual({ finished: true, discarded: false })
    expect(snapshot.sha256).toBe(createHash('sha256').update(collected.bytes()).digest('hex'))
    expect(snapshot.sizeBytes).toBe(collected.bytes().length)
    expect(snapshot.readThrough).toEqual({ figures: expect.any(Object) })
    expect(await readdir(workDir)).toEqual([])
  })

  test('a check that fails stops the dump when the sink asks, and the sink is discarded', async () => {
    const { engine, database, name } = setup()
    const workDir = await mkdtemp(join(tmpdir(), 'stream-engine-'))
    // A byte flipped in place as the sink receives it: the check, handed the same buffer, sees it too.
    const collected = collector(true, (chunk) => {
      chunk[chunk.length >> 1] ^= 0xff
      return chunk
    })
    const fileName = `${name}.${engine.fileExtension(ZSTD)}`
    await expect(engine.snapshot({ database, workDir, fileName, timeoutMs: 60_000, compression: ZSTD, open: async () => collected.sink })).rejects.toThrow(CheckFailedError)
    expect(collected.state.discarded).toBe(true)
  })

  test('the server reports a size for staging auto', async () => {
    const { engine, database } = setup()
    const workDir = await mkdtemp(join(tmpdir(), 'stream-engine-'))
    expect(await engine.estimateSize?.(database, workDir, 30_000)).toBeGreaterThan(0)
    expect(await readdir(workDir)).toEqual([])
  })
})
