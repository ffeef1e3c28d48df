import { RespConnection } from '../../src/engines/redis/resp.js'
import type { RedisServer } from './redis.js'

/** Generated data of every Redis type, written over the protocol (binary-safe), for the content checks. */

export async function connectTo(server: RedisServer, password = server.password): Promise<RespConnection> {
  const connection = await RespConnection.connect(server.host, server.port)
  if (password) await connection.command('AUTH', password)
  return connection
}

export interface SeedOptions {
  /** A string value of this many bytes in db0 (`big:value`); none when 0. */
  bigValueBytes?: number
}

/**
 * db0: strings (text, binary with CR LF and NUL, an integer), hashes small (listpack) and large
 * (hashtable), lists short and long, sets of integers (intset) and of text, sorted sets with
 * scores such as 0.1, -0 and inf, a stream with two consumer groups, pending and acknowledged
 * entries and a deleted entry, a HyperLogLog, keys with TTLs (seconds and milliseconds); db3 and
 * db7 a few keys each. Returns the keys per database.
 */
export async function seedEveryType(server: RedisServer, options: SeedOptions = {}): Promise<Map<string, number>> {
  const connection = await connectTo(server)
  const counts = new Map<string, number>()
  try {
    const pipeline = async (commands: (string | Buffer)[][]): Promise<void> => {
      for (const reply of await connection.pipeline(commands)) if (reply instanceof Error) throw reply
    }
    await connection.command('SELECT', '0')
    const strings: (string | Buffer)[][] = []
    for (let i = 0; i < 300; i++) strings.push(['SET', `text:${i}`, `value ${i} ${'x'.repeat(i % 70)} żółw`])
    strings.push(['SET', Buffer.from('binary:\r\n\x00key', 'latin1'), Buffer.from([0, 13, 10, 255, 254, 0, 1])])
    strings.push(['SET', 'counter', '12345'])
    strings.push(['SET', 'medium', 'm'.repeat(200_000)])
    strings.push(['SET', 'large', Buffer.alloc(2_500_000, 'abcdefgh')])
    await pipeline(strings)
    const hashes: (string | Buffer)[][] = [['HSET', 'user:1', 'name', 'Ada Lovelace', 'email', 'ada@example.test', 'visits', '42']]
    const wide: string[] = []
    for (let i = 0; i < 400; i++) wide.push(`field:${i}`, `v${i}`.repeat(1 + (i % 5)))
    hashes.push(['HSET', 'wide-hash', ...wide])
    await pipeline(hashes)
    const long: string[] = []
    for (let i = 0; i < 2500; i++) long.push(`job-${i}`)
    await pipeline([['RPUSH', 'queue:short', 'first', 'second', 'third'], ['RPUSH', 'queue:long', ...long]])
    const numbers: string[] = []
    for (let i = 0; i < 300; i++) numbers.push(String(i * 7))
    const words: string[] = []
    for (let i = 0; i < 1500; i++) words.push(`member-${i}`)
    await pipeline([['SADD', 'ints', ...numbers], ['SADD', 'tags', 'red', 'green', 'blue'], ['SADD', 'words', ...words]])
    const ranked: string[] = []
    for (let i = 0; i < 1200; i++) ranked.push(String(i / 10), `player-${i}`)
    await pipeline([
      ['ZADD', 'scores', '0.1', 'alice', '-0', 'bob', '3', 'carol', 'inf', 'dave', '-inf', 'erin', '1e-300', 'frank'],
      ['ZADD', 'ranking', ...ranked]
    ])
    for (let i = 1; i <= 1500; i++) await connection.command('XADD', 'events', `${i}-1`, 'kind', i % 2 ? 'click' : 'view', 'n', String(i))
    await pipeline([
      ['XDEL', 'events', '7-1'],
      ['XGROUP', 'CREATE', 'events', 'billing', '0'],
      ['XGROUP', 'CREATE', 'events', 'audit', '$'],
      ['XGROUP', 'CREATECONSUMER', 'events', 'audit', 'idle-one'],
      ['XREADGROUP', 'GROUP', 'billing', 'worker-a', 'COUNT', '40', 'STREAMS', 'events', '>'],
      ['XREADGROUP', 'GROUP', 'billing', 'worker-b', 'COUNT', '25', 'STREAMS', 'events', '>'],
      ['XACK', 'events', 'billing', '1-1', '2-1', '3-1']
    ])
    const visitors: string[] = []
    for (let i = 0; i < 2000; i++) visitors.push(`visitor-${i}`)
    await pipeline([['PFADD', 'visitors', ...visitors], ['PFADD', 'few-visitors', 'a', 'b', 'c']])
    await pipeline([
      ['SET', 'session:a', 'expiring', 'EX', '3600'],
      ['SET', 'session:b', 'expiring too', 'PX', '7200123'],
      ['HSET', 'cart:expiring', 'sku', '1'],
      ['PEXPIRE', 'cart:expiring', '5400321']
    ])
    if (options.bigValueBytes) {
      // Written in 8 MB pieces: the test process need not hold the whole value either.
      const piece = Buffer.alloc(8 * 1024 * 1024)
      for (let at = 0; at < options.bigValueBytes; at += piece.length) {
        for (let i = 0; i < piece.length; i += 4) piece.writeUInt32BE((at + i) >>> 0, i)
        await connection.command('APPEND', 'big:value', piece.subarray(0, Math.min(piece.length, options.bigValueBytes - at)))
      }
    }
    counts.set('db0', Number(await connection.command('DBSIZE')))
    await connection.command('SELECT', '3')
    await pipeline([['SET', 'in-db-3', 'three'], ['RPUSH', 'list-3', 'a', 'b'], ['ZADD', 'z-3', '1', 'one']])
    counts.set('db3', Number(await connection.command('DBSIZE')))
    await connection.command('SELECT', '7')
    await pipeline([['HSET', 'h-7', 'k', 'v'], ['SET', 'ttl-7', 'soon', 'EX', '9000']])
    counts.set('db7', Number(await connection.command('DBSIZE')))
  } finally {
    connection.close()
  }
  return counts
}

/** `DEBUG DIGEST`: one digest of every database's keys, values and absolute expiry times (needs enable-debug-command). */
export async function debugDigest(server: RedisServer, password = server.password): Promise<string> {
  const connection = await connectTo(server, password)
  try {
    return String(await connection.command('DEBUG', 'DIGEST'))
  } finally {
    connection.close()
  }
}
