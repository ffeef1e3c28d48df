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

/**
 * A connection that sends one command at a time, in the action's own process: what the restore
 * says to a Redis server (AUTH and MIGRATE carry passwords) never appears on a command line.
 */
export class RespConnection {
  private buffer = Buffer.alloc(0)
  private waiting: { resolve: (reply: RespReply) => void; reject: (error: Error) => void } | undefined
  private failure: Error | undefined

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk])
      this.deliver()
    })
    const fail = (error: Error): void => {
      this.failure ??= error
      this.waiting?.reject(error)
      this.waiting = undefined
    }
    socket.on('error', fail)
    socket.on('close', () => fail(new Error('the server closed the connection')))
  }

  static connect(host: string, port: number, timeoutMs = 30_000): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port })
      socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${host}:${port} within ${timeoutMs / 1000} s`)))
      socket.once('connect', () => resolve(new RespConnection(socket)))
      socket.once('error', (error) => reject(new Error(`cannot connect to the server at ${host}:${port}: ${error.message}`)))
    })
  }

  private deliver(): void {
    if (!this.waiting) return
    const parsed = parseReply(this.buffer)
    if (!parsed) return
    this.buffer = this.buffer.subarray(parsed.end)
    const waiting = this.waiting
    this.waiting = undefined
    if (parsed.reply instanceof RespError) waiting.reject(parsed.reply)
    else waiting.resolve(parsed.reply)
  }

  /** Sends a command and waits for its reply; a server error is thrown as a RespError. */
  command(...args: (string | Buffer)[]): Promise<RespReply> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject }
      this.socket.write(encode(args))
      this.deliver()
    })
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
