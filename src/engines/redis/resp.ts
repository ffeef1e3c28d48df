import { connect, type Socket } from 'node:net'

/** A reply of the Redis protocol (RESP2): text, a number, a bulk string, null, or an array of replies. */
export type RespReply = string | number | Buffer | null | RespReply[]

export class RespError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RespError'
  }
}

/** One RESP reply at the start of `data`, with the bytes it took; undefined while incomplete. */
export function parseReply(data: Buffer, at = 0): { reply: RespReply | RespError; end: number } | undefined {
  const lineEnd = data.indexOf('\r\n', at)
  if (lineEnd === -1) return undefined
  const type = String.fromCharCode(data[at])
  const line = data.toString('utf8', at + 1, lineEnd)
  const next = lineEnd + 2
  if (type === '+') return { reply: line, end: next }
  if (type === '-') return { reply: new RespError(line), end: next }
  if (type === ':') return { reply: Number(line), end: next }
  if (type === '$') {
    const length = Number(line)
    if (length < 0) return { reply: null, end: next }
    if (data.length < next + length + 2) return undefined
    return { reply: Buffer.from(data.subarray(next, next + length)), end: next + length + 2 }
  }
  if (type === '*') {
    const count = Number(line)
    if (count < 0) return { reply: null, end: next }
    const items: RespReply[] = []
    let end = next
    for (let i = 0; i < count; i++) {
      const item = parseReply(data, end)
      if (!item) return undefined
      if (item.reply instanceof RespError) throw item.reply
      items.push(item.reply)
      end = item.end
    }
    return { reply: items, end }
  }
  throw new Error(`unexpected reply from the server (type byte ${JSON.stringify(type)})`)
}

function encode(args: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)]
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? Buffer.from(arg) : arg
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'))
  }
  return Buffer.concat(parts)
}

/** A bulk string that was given to its sink piece by piece (RespConnection.commandStream) instead of being gathered. */
export class Streamed {
  constructor(readonly length: number) {}
}

/** What the reader gives: a reply, a server error, or a bulk string asked for as its parts. */
export type ReaderReply = RespReply | RespError | Streamed

/** A frame of an array being read: its items so far, and how many it holds. */
interface ArrayFrame {
  items: RespReply[]
  count: number
}

/**
 * Reads RESP replies from chunks as they arrive, in time linear in the bytes and without copying
 * a chunk more than once: a bulk string is gathered from its chunks and joined once it is whole,
 * so a 100 MB reply costs its own 100 MB and one copy, never the quadratic re-reading of a
 * growing buffer. A header line longer than MAX_LINE is refused (no server writes one).
 */
export class RespReader {
  /** For each reply to come, in order: where a top-level bulk string goes piece by piece, as it comes (none: gathered). */
  readonly sinks: (((piece: Buffer) => void) | undefined)[] = []
  private chunks: Buffer[] = []
  private bulk: { length: number; parts: Buffer[]; got: number } | undefined
  private readonly stack: ArrayFrame[] = []
  private readonly replies: ReaderReply[] = []

  /**
   * Reads a chunk. `reused`: the chunk's memory is the socket's read buffer, written over by the
   * next read, so what is kept of it past this call is copied (a streamed bulk string is not kept).
   */
  push(chunk: Buffer, reused = false): ReaderReply[] {
    this.chunks.push(chunk)
    this.parse()
    if (reused) {
      const own = (part: Buffer): Buffer => (part.buffer === chunk.buffer ? Buffer.from(part) : part)
      this.chunks = this.chunks.map(own)
      if (this.bulk) this.bulk.parts = this.bulk.parts.map(own)
    }
    return this.replies.splice(0)
  }

  private parse(): void {
    for (;;) {
      if (this.bulk) {
        if (!this.readBulk()) return
        continue
      }
      const line = this.takeLine()
      if (line === undefined) return
      const type = String.fromCharCode(line[0])
      const text = line.toString('utf8', 1)
      if (type === '+') this.complete(text)
      else if (type === '-') this.complete(new RespError(text))
      else if (type === ':') this.complete(Number(text))
      else if (type === '$') {
        const length = Number(text)
        if (length < 0) this.complete(null)
        else this.bulk = { length, parts: [], got: 0 }
      } else if (type === '*') {
        const count = Number(text)
        if (count < 0) this.complete(null)
        else if (count === 0) this.complete([])
        else this.stack.push({ items: [], count })
      } else throw new Error(`unexpected reply from the server (type byte ${JSON.stringify(type)})`)
    }
  }

  /** Gathers the bulk string's bytes and its CRLF (or gives them to its sink); true once it is complete. */
  private readBulk(): boolean {
    const bulk = this.bulk as NonNullable<typeof this.bulk>
    const sink = this.stack.length === 0 ? this.sinks[0] : undefined
    while (bulk.got < bulk.length + 2 && this.chunks.length > 0) {
      const chunk = this.chunks[0]
      const take = Math.min(chunk.length, bulk.length + 2 - bulk.got)
      if (sink) {
        const data = Math.min(take, Math.max(0, bulk.length - bulk.got))
        if (data > 0) sink(chunk.subarray(0, data))
      } else bulk.parts.push(chunk.subarray(0, take))
      bulk.got += take
      if (take === chunk.length) this.chunks.shift()
      else this.chunks[0] = chunk.subarray(take)
    }
    if (bulk.got < bulk.length + 2) return false
    this.bulk = undefined
    // One copy, cut before the CRLF: a reply never pins the socket's chunks it was cut from.
    this.complete(sink ? new Streamed(bulk.length) : Buffer.concat(bulk.parts, bulk.length))
    return true
  }

  /** The next header line, without its CRLF, or undefined until it has arrived whole. */
  private takeLine(): Buffer | undefined {
    let before = 0
    for (let index = 0; index < this.chunks.length; index++) {
      // A header line holds no LF of its own: the first LF ends it, wherever the chunks were cut.
      const newline = this.chunks[index].indexOf(0x0a)
      if (newline === -1) {
        before += this.chunks[index].length
        if (before > MAX_LINE) throw new Error(`the server sent a reply header longer than ${MAX_LINE} bytes`)
        continue
      }
      const through = before + newline + 1
      const head = index === 0 ? this.chunks[0] : Buffer.concat(this.chunks.slice(0, index + 1))
      if (through < 2 || head[through - 2] !== 0x0d) throw new Error('the server sent a reply line that does not end with CRLF')
      const line = Buffer.from(head.subarray(0, through - 2))
      this.consume(through)
      return line
    }
    return undefined
  }

  private consume(bytes: number): void {
    while (bytes > 0) {
      const chunk = this.chunks[0]
      if (chunk.length <= bytes) {
        bytes -= chunk.length
        this.chunks.shift()
      } else {
        this.chunks[0] = chunk.subarray(bytes)
        bytes = 0
      }
    }
  }

  private complete(value: ReaderReply): void {
    let reply = value
    for (;;) {
      const frame = this.stack.at(-1)
      if (!frame) {
        this.sinks.shift()
        this.replies.push(reply)
        return
      }
      // An error inside an array (EXEC, a pipeline of one) is kept as the item.
      frame.items.push(reply as RespReply)
      if (frame.items.length < frame.count) return
      this.stack.pop()
      reply = frame.items
    }
  }
}

/** The socket's read buffer. */
const READ_BUFFER = 64 * 1024

/** No reply header (a type byte and a length or a status line) is longer than this. */
const MAX_LINE = 64 * 1024

/**
 * A connection that sends commands in the action's own process (what the restore says to a Redis
 * server, AUTH and MIGRATE, carries passwords that must never appear on a command line), one at
 * a time or as a pipeline.
 */
export class RespConnection {
  private readonly reader = new RespReader()
  private readonly waiting: { resolve: (reply: ReaderReply) => void; reject: (error: Error) => void }[] = []
  private failure: Error | undefined

  private constructor(private readonly socket: Socket) {
    const fail = (error: Error): void => {
      this.failure ??= error
      for (const waiting of this.waiting.splice(0)) waiting.reject(error)
    }
    socket.on('error', fail)
    socket.on('close', () => fail(new Error('the server closed the connection')))
  }

  /** Reads a chunk of the socket's read buffer (reused by the next read). */
  private receive(chunk: Buffer): void {
    let replies: ReaderReply[]
    try {
      replies = this.reader.push(chunk, true)
    } catch (error) {
      this.socket.destroy(error as Error)
      return
    }
    for (const reply of replies) this.waiting.shift()?.resolve(reply)
  }

  static connect(host: string, port: number, timeoutMs = 30_000): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const holder: { connection?: RespConnection } = {}
      const buffer = Buffer.allocUnsafe(READ_BUFFER)
      // One read buffer for the connection's life: a large value streamed through leaves no garbage of 64 KB chunks behind.
      const onread = {
        buffer,
        callback: (bytes: number): boolean => {
          holder.connection?.receive(buffer.subarray(0, bytes))
          return true
        }
      }
      const socket = connect({ host, port, onread })
      const opened = new RespConnection(socket)
      holder.connection = opened
      socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${host}:${port} within ${timeoutMs / 1000} s`)))
      socket.once('connect', () => resolve(opened))
      socket.once('error', (error) => reject(new Error(`cannot connect to the server at ${host}:${port}: ${error.message}`)))
    })
  }

  private send(args: (string | Buffer)[], sink?: (piece: Buffer) => void): Promise<ReaderReply> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject })
      this.reader.sinks.push(sink)
      this.socket.write(encode(args))
    })
  }

  /** Sends a command and waits for its reply; a server error is thrown as a RespError. */
  async command(...args: (string | Buffer)[]): Promise<RespReply> {
    const reply = await this.send(args)
    if (reply instanceof RespError) throw reply
    return reply as RespReply
  }

  /**
   * Sends a command whose reply is a bulk string and gives that string to `sink` piece by piece as
   * it arrives (each piece valid only during the call); false for a nil reply.
   */
  async commandStream(sink: (piece: Buffer) => void, ...args: (string | Buffer)[]): Promise<boolean> {
    const reply = await this.send(args, sink)
    if (reply instanceof RespError) throw reply
    if (reply instanceof Streamed) return true
    if (reply === null) return false
    throw new Error(`${String(args[0])} did not answer with a bulk string`)
  }

  /** Sends every command at once and waits for all the replies; a server error is returned as its RespError. */
  pipeline(commands: (string | Buffer)[][]): Promise<(RespReply | RespError)[]> {
    return Promise.all(commands.map((args) => this.send(args) as Promise<RespReply | RespError>))
  }

  close(): void {
    this.socket.destroy()
  }
}

/** Keys per database from `INFO keyspace`: `db0:keys=12,expires=0,avg_ttl=0`. */
export function keyspace(info: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const match of info.matchAll(/^(db\d+):keys=(\d+)/gm)) counts.set(match[1], Number(match[2]))
  return counts
}
