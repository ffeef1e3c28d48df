import { createHash, type Hash } from 'node:crypto'
import { ContentDigest } from '../../util/content-digest.js'
import { RespError, type RespConnection, type RespReply } from './resp.js'

/**
 * What a Redis key holds, read the same way on any server: its name, its type, whether it has a
 * TTL, and its value as the commands of its type return it, in an order that does not depend on
 * the server's encoding (listpack or hashtable, intset, thresholds, version). A DUMP payload would
 * depend on all of those, so it is used only for types without commands to read them (modules).
 * Values are read in bounded pieces: a string by GETRANGE in 1 MB pieces, a list, a sorted set
 * and a stream by pages of PAGE, a hash and a set by HSCAN/SSCAN (order-independent: each one an
 * inner ContentDigest of its fields or members).
 */

/** Items read per command of a collection (LRANGE, ZRANGE, XRANGE, XPENDING pages; SCAN COUNT). */
const PAGE = 1000
/** A string longer than this is read in pieces of this size. */
const STRING_PIECE = 1024 * 1024
/** Strings up to this size are read in one pipeline per batch (500 of them: 8 MB at most). */
const PIPELINED_STRING = 16 * 1024

/** One key of a batch as read: its content's SHA-256 and whether it has a TTL; undefined where the key is gone. */
export interface KeyReading {
  hash: Buffer
  expires: boolean
}

function frame(hash: Hash, part: Buffer | string): void {
  const bytes = typeof part === 'string' ? Buffer.from(part) : part
  const length = Buffer.alloc(8)
  length.writeBigUInt64BE(BigInt(bytes.length))
  hash.update(length)
  hash.update(bytes)
}

function framed(...parts: (Buffer | string)[]): Buffer {
  const hash = createHash('sha256')
  for (const part of parts) frame(hash, part)
  return hash.digest()
}

/** A sorted set's score as its float64 bytes: the reply's text differs across versions (`0.10000000000000001` in 7.0, `0.1` in 7.2). */
export function scoreBytes(text: string): Buffer {
  const value = /^[+]?inf$/i.test(text) ? Infinity : /^-inf$/i.test(text) ? -Infinity : Number(text)
  if (Number.isNaN(value)) throw new Error(`a sorted set score is not a number: ${JSON.stringify(text.slice(0, 40))}`)
  const bytes = Buffer.alloc(8)
  bytes.writeDoubleBE(value)
  return bytes
}

function text(reply: RespReply | undefined): string {
  if (reply === null || reply === undefined) return ''
  if (Buffer.isBuffer(reply)) return reply.toString('latin1')
  return String(reply)
}

/** The named fields of an XINFO reply (a flat list of names and values). */
function fields(reply: RespReply): Map<string, RespReply> {
  const list = reply as RespReply[]
  const byName = new Map<string, RespReply>()
  for (let index = 0; index + 1 < list.length; index += 2) byName.set(text(list[index]), list[index + 1])
  return byName
}

function unwrap<T extends RespReply>(reply: RespReply | RespError): T {
  if (reply instanceof RespError) throw reply
  return reply as T
}

async function readString(connection: RespConnection, key: Buffer, length: number, small: Buffer | undefined, hash: Hash): Promise<void> {
  frame(hash, String(length))
  if (small) return void hash.update(small)
  if (length <= STRING_PIECE) return void hash.update(((await connection.command('GET', key)) as Buffer | null) ?? Buffer.alloc(0))
  for (let at = 0; at < length; at += STRING_PIECE) {
    await connection.commandStream((piece) => hash.update(piece), 'GETRANGE', key, String(at), String(Math.min(length, at + STRING_PIECE) - 1))
  }
}

/** A hash's fields or a set's members, in whatever order SCAN gives them, as one order-independent digest. */
async function readScanned(connection: RespConnection, command: 'HSCAN' | 'SSCAN', key: Buffer, hash: Hash): Promise<void> {
  const inner = new ContentDigest()
  const step = command === 'HSCAN' ? 2 : 1
  let cursor = '0'
  do {
    const [next, items] = (await connection.command(command, key, cursor, 'COUNT', String(PAGE))) as [Buffer, Buffer[]]
    cursor = next.toString()
    for (let index = 0; index < items.length; index += step) inner.add(framed(...items.slice(index, index + step)))
  } while (cursor !== '0')
  frame(hash, inner.text())
}

async function readList(connection: RespConnection, key: Buffer, hash: Hash): Promise<void> {
  const length = Number(await connection.command('LLEN', key))
  frame(hash, String(length))
  for (let at = 0; at < length; at += PAGE) for (const item of (await connection.command('LRANGE', key, String(at), String(at + PAGE - 1))) as Buffer[]) frame(hash, item)
}

/** By rank: score then member, the same order on every server. */
async function readSortedSet(connection: RespConnection, key: Buffer, hash: Hash): Promise<void> {
  const length = Number(await connection.command('ZCARD', key))
  frame(hash, String(length))
  for (let at = 0; at < length; at += PAGE) {
    const page = (await connection.command('ZRANGE', key, String(at), String(at + PAGE - 1), 'WITHSCORES')) as Buffer[]
    for (let index = 0; index + 1 < page.length; index += 2) {
      frame(hash, page[index])
      frame(hash, scoreBytes(page[index + 1].toString()))
    }
  }
}

/**
 * A stream: its entries by id, its id counters, and each consumer group (by name) with its last
 * delivered id, entries read, consumers (name, pending count) and pending entries (id, consumer,
 * delivery count). Idle times are left out: they are the clock's, not the data's.
 */
async function readStream(connection: RespConnection, key: Buffer, hash: Hash): Promise<void> {
  const info = fields(await connection.command('XINFO', 'STREAM', key))
  for (const name of ['length', 'last-generated-id', 'max-deleted-entry-id', 'entries-added']) frame(hash, `${name}=${text(info.get(name))}`)
  let start = '-'
  for (;;) {
    const entries = (await connection.command('XRANGE', key, start, '+', 'COUNT', String(PAGE))) as [Buffer, Buffer[]][]
    for (const [id, values] of entries) {
      frame(hash, id)
      frame(hash, String(values.length))
      for (const value of values) frame(hash, value)
    }
    if (entries.length < PAGE) break
    start = `(${entries[entries.length - 1][0].toString()}`
  }
  for (const group of (await connection.command('XINFO', 'GROUPS', key)) as RespReply[]) {
    const described = fields(group)
    const name = described.get('name') as Buffer
    frame(hash, name)
    for (const field of ['last-delivered-id', 'entries-read', 'pending']) frame(hash, `${field}=${text(described.get(field))}`)
    for (const consumer of (await connection.command('XINFO', 'CONSUMERS', key, name)) as RespReply[]) {
      const about = fields(consumer)
      frame(hash, about.get('name') as Buffer)
      frame(hash, `pending=${text(about.get('pending'))}`)
    }
    let from = '-'
    for (;;) {
      const pending = (await connection.command('XPENDING', key, name, from, '+', String(PAGE))) as [Buffer, Buffer, number, number][]
      for (const [id, consumer, , deliveries] of pending) {
        frame(hash, id)
        frame(hash, consumer)
        frame(hash, String(deliveries))
      }
      if (pending.length < PAGE) break
      from = `(${pending[pending.length - 1][0].toString()}`
    }
  }
}

/**
 * Reads each key of `keys` in the connection's selected database: the SHA-256 of its canonical
 * content, and whether it has a TTL. The type, TTL and small strings are read in pipelines.
 */
export async function readKeys(connection: RespConnection, keys: Buffer[]): Promise<(KeyReading | undefined)[]> {
  const heads = await connection.pipeline(keys.flatMap((key) => [['TYPE', key], ['PTTL', key]]))
  const types = keys.map((_key, index) => text(unwrap(heads[index * 2])))
  const ttls = keys.map((_key, index) => Number(unwrap(heads[index * 2 + 1])))
  const strings = keys.map((key, index) => (types[index] === 'string' ? key : undefined))
  const lengths = new Map<number, number>()
  const stringIndexes = strings.flatMap((key, index) => (key ? [index] : []))
  const lengthReplies = await connection.pipeline(stringIndexes.map((index) => ['STRLEN', keys[index]]))
  stringIndexes.forEach((index, at) => lengths.set(index, Number(unwrap(lengthReplies[at]))))
  const smallIndexes = stringIndexes.filter((index) => (lengths.get(index) ?? 0) <= PIPELINED_STRING)
  const smallReplies = await connection.pipeline(smallIndexes.map((index) => ['GET', keys[index]]))
  const small = new Map(smallIndexes.map((index, at) => [index, unwrap<RespReply>(smallReplies[at])]))

  const readings: (KeyReading | undefined)[] = []
  for (const [index, key] of keys.entries()) {
    const type = types[index]
    // Gone since the SCAN (expired), or changed type under the reading: no reading, the count tells.
    if (type === 'none' || ttls[index] === -2 || (type === 'string' && small.has(index) && small.get(index) === null)) {
      readings.push(undefined)
      continue
    }
    const hash = createHash('sha256')
    frame(hash, key)
    frame(hash, type)
    frame(hash, ttls[index] >= 0 ? 'ttl' : 'persistent')
    if (type === 'string') await readString(connection, key, lengths.get(index) ?? 0, small.get(index) as Buffer | undefined, hash)
    else if (type === 'hash') await readScanned(connection, 'HSCAN', key, hash)
    else if (type === 'set') await readScanned(connection, 'SSCAN', key, hash)
    else if (type === 'list') await readList(connection, key, hash)
    else if (type === 'zset') await readSortedSet(connection, key, hash)
    else if (type === 'stream') await readStream(connection, key, hash)
    else frame(hash, ((await connection.command('DUMP', key)) as Buffer | null) ?? Buffer.alloc(0))
    readings.push({ hash: hash.digest(), expires: ttls[index] >= 0 })
  }
  return readings
}

/** Every key of the connection's selected database, in SCAN batches (each key once). */
export async function* keyBatches(source: RespConnection, count = 500): AsyncGenerator<Buffer[]> {
  const seen = new Set<string>()
  let cursor = '0'
  do {
    const [next, keys] = (await source.command('SCAN', cursor, 'COUNT', String(count))) as [Buffer, Buffer[]]
    cursor = next.toString()
    const fresh = keys.filter((key) => {
      const id = key.toString('latin1')
      if (seen.has(id)) return false
      seen.add(id)
      return true
    })
    if (fresh.length > 0) yield fresh
  } while (cursor !== '0')
}
