import { RespError, RespReader, Streamed, type ReaderReply } from '../../src/engines/redis/resp.js'

function readAll(bytes: Buffer, chunkSize: number): ReaderReply[] {
  return readAllWith(new RespReader(), bytes, chunkSize)
}

function readAllWith(reader: RespReader, bytes: Buffer, chunkSize: number): ReaderReply[] {
  const replies: ReaderReply[] = []
  for (let at = 0; at < bytes.length; at += chunkSize) replies.push(...reader.push(bytes.subarray(at, at + chunkSize)))
  return replies
}

describe('RespReader', () => {
  const stream = Buffer.from('*3\r\n$1\r\n0\r\n*2\r\n$3\r\nk\r\n\r\n$-1\r\n:42\r\n+OK\r\n-WRONGTYPE no\r\n*0\r\n*-1\r\n*2\r\n-ERR inner\r\n$0\r\n\r\n')
  const expected = [[Buffer.from('0'), [Buffer.from('k\r\n'), null], 42], 'OK', new RespError('WRONGTYPE no'), [], null, [new RespError('ERR inner'), Buffer.alloc(0)]]

  test.each([1, 2, 3, 5, 7, 64, 1000])('every type, whatever the chunking (%i-byte chunks)', (size) => {
    expect(readAll(stream, size)).toEqual(expected)
  })

  test('a reply cut short waits for the rest', () => {
    const reader = new RespReader()
    expect(reader.push(stream.subarray(0, 20))).toEqual([])
    expect(reader.push(stream.subarray(20))).toEqual(expected)
  })

  test('a 100 MB bulk string in 64 KB chunks: linear (well under a second per 100 MB), one copy', () => {
    const size = 100 * 1024 * 1024
    const header = Buffer.from(`$${size}\r\n`)
    const chunk = Buffer.alloc(64 * 1024, 0x61)
    const reader = new RespReader()
    const started = performance.now()
    const replies: ReaderReply[] = [...reader.push(header)]
    for (let sent = 0; sent < size; sent += chunk.length) replies.push(...reader.push(chunk))
    replies.push(...reader.push(Buffer.from('\r\n:1\r\n')))
    const seconds = (performance.now() - started) / 1000
    expect(replies).toHaveLength(2)
    expect((replies[0] as Buffer).length).toBe(size)
    expect(replies[1]).toBe(1)
    expect(seconds).toBeLessThan(2)
  })

  test('a top-level bulk string given to a sink: its bytes in order, without the CRLF, nothing gathered', () => {
    const reader = new RespReader()
    const pieces: Buffer[] = []
    reader.sinks.push((piece) => pieces.push(Buffer.from(piece)), undefined)
    const replies = readAllWith(reader, Buffer.from('$10\r\n0123456789\r\n$2\r\nok\r\n'), 4)
    expect(replies[0]).toEqual(new Streamed(10))
    expect(Buffer.concat(pieces).toString()).toBe('0123456789')
    expect(pieces.length).toBeGreaterThan(1)
    expect(replies[1]).toEqual(Buffer.from('ok'))
  })

  test('a reused read buffer: what is kept past a chunk is copied, so the next read cannot change it', () => {
    const reader = new RespReader()
    const buffer = Buffer.alloc(5)
    const replies: ReaderReply[] = []
    const stream = Buffer.from('*2\r\n$7\r\nabcdefg\r\n+OK\r\n:5\r\n')
    for (let at = 0; at < stream.length; at += 5) {
      const bytes = stream.copy(buffer, 0, at, at + 5)
      replies.push(...reader.push(buffer.subarray(0, bytes), true))
      buffer.fill(0x7a)
    }
    expect(replies).toEqual([[Buffer.from('abcdefg'), 'OK'], 5])
  })

  test('a header line without an end is refused, not buffered without bound', () => {
    const reader = new RespReader()
    expect(() => {
      for (let i = 0; i < 100; i++) reader.push(Buffer.alloc(1024, 0x2b))
    }).toThrow(/reply header longer than/)
  })
})
