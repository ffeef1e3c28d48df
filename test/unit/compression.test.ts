import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import * as zlib from 'node:zlib'
import { parseCompression } from '../../src/config/compression.js'
import type { Compression, CompressionName } from '../../src/config/types.js'
import { blockCompressor, chooseCompressor, compressionOf, compressionOfName, readDecompressed, sinkStream, ZstdFrameCheck } from '../../src/util/compression.js'
import { run } from '../support/run.js'

/** Text of a few MiB, so that the compressors write several blocks. */
function sampleText(bytes: number): Buffer {
  const lines: string[] = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const line = `INSERT INTO orders VALUES (${i},${(i * 7919) % 100000},'order ${i} ${'abcdefghij'.slice(i % 10)}');\n`
    lines.push(line)
    size += line.length
  }
  return Buffer.from(lines.join(''))
}

/** Feeds `input` in uneven chunks, as a pipe delivers them, through a Node.js compressor, and returns every byte it wrote. */
async function compressInNode(compression: Compression, input: Buffer): Promise<Buffer> {
  const compressor = await chooseCompressor(compression)
  const chunks: Buffer[] = []
  const pieces: Buffer[] = []
  for (let at = 0, size = 1; at < input.length; at += size, size = ((size * 7 + 13) % 70_000) + 1) pieces.push(input.subarray(at, at + size))
  const stages = compressor.transform ? [compressor.transform()] : []
  await pipeline([Readable.from(pieces), ...stages, sinkStream((chunk) => chunks.push(chunk))])
  return Buffer.concat(chunks)
}

async function readBack(file: string, name: CompressionName): Promise<Buffer> {
  const chunks: Buffer[] = []
  await readDecompressed(file, name, (chunk) => chunks.push(Buffer.from(chunk)))
  return Buffer.concat(chunks)
}

async function withoutZstdProgram<T>(work: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH
  process.env.PATH = await mkdtemp(join(tmpdir(), 'empty-path-'))
  try {
    return await work()
  } finally {
    process.env.PATH = saved
  }
}

describe('the compression input', () => {
  test.each([
    ['zstd', { name: 'zstd', level: 1 }],
    ['zstd:19', { name: 'zstd', level: 19 }],
    ['gzip', { name: 'gzip', level: 6 }],
    ['gzip:1', { name: 'gzip', level: 1 }],
    ['none', { name: 'none', level: 0 }]
  ])('%s', (text, expected) => {
    expect(parseCompression(text)).toEqual(expected)
  })

  test.each([
    ['zstd:0', 'the zstd level must be 1-19'],
    ['zstd:20', 'the zstd level must be 1-19'],
    ['gzip:10', 'the gzip level must be 1-9'],
    ['none:3', 'none takes no level'],
    ['lz4', 'must be one of zstd, gzip, none, optionally with a level (zstd:3, gzip:6)'],
    ['zstd:', 'must be one of zstd, gzip, none, optionally with a level (zstd:3, gzip:6)'],
    ['zst', 'must be one of zstd, gzip, none, optionally with a level (zstd:3, gzip:6) (did you mean "zstd"?)'],
    ['gz:6', 'must be one of zstd, gzip, none, optionally with a level (zstd:3, gzip:6) (did you mean "gzip"?)']
  ])('%s is refused: %s', (text, message) => {
    expect(parseCompression(text)).toBe(message)
  })
})

describe('streaming compression', () => {
  const input = sampleText(20 * 1024 * 1024 + 12345)
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'compression-'))
  })

  test('the zstd program with all cores is chosen when it is on PATH, Node.js otherwise', async () => {
    expect(await chooseCompressor({ name: 'zstd', level: 3 })).toMatchObject({
      program: { command: expect.stringMatching(/zstd$/), args: ['-q', '-c', '-3', '-T0'] },
      description: expect.stringMatching(/^zstd level 3 \(.*zstd, all cores\)$/)
    })
    expect(await withoutZstdProgram(() => chooseCompressor({ name: 'zstd', level: 3 }))).toMatchObject({ description: 'zstd level 3 (Node.js zlib)' })
    expect(await chooseCompressor({ name: 'none', level: 0 })).toEqual({ description: 'none' })
  })

  test.each(['gzip', 'zstd'] as const)('%s in Node.js: the blocks, in order, are one stream that the program reads whole', async (name) => {
    const compressed = await withoutZstdProgram(() => compressInNode({ name, level: name === 'zstd' ? 1 : 6 }, input))
    const file = join(dir, `dump.sql.${name === 'zstd' ? 'zst' : 'gz'}`)
    await writeFile(file, compressed)
    expect(compressionOf(compressed)).toBe(name)
    expect(compressionOfName(file)).toBe(name)
    expect(compressed.length).toBeLessThan(input.length / 3)
    expect((await readBack(file, name)).equals(input)).toBe(true)
    expect((await run(name === 'zstd' ? 'zstd' : 'gzip', ['-t', '-q', file])).code).toBe(0)
  })

  test('the block compressor keeps the order of blocks that finish out of order', async () => {
    let calls = 0
    const reversed = blockCompressor(async (block) => {
      const delay = calls++ % 2 === 0 ? 30 : 0
      await new Promise((resolve) => setTimeout(resolve, delay))
      return Buffer.from(block)
    }, 10)
    const out: Buffer[] = []
    const pieces = Array.from({ length: 50 }, (_, i) => Buffer.from(`${String(i).padStart(4, '0')}......`))
    await pipeline(Readable.from(pieces), reversed, sinkStream((chunk) => out.push(chunk)))
    expect(Buffer.concat(out).equals(Buffer.concat(pieces))).toBe(true)
  })
})

describe('the zstd frame check', () => {
  const frame = zlib.zstdCompressSync(sampleText(300_000))

  async function check(bytes: Buffer, chunkSize = 777): Promise<number> {
    const checker = new ZstdFrameCheck()
    const pieces: Buffer[] = []
    for (let at = 0; at < bytes.length; at += chunkSize) pieces.push(bytes.subarray(at, at + chunkSize))
    await pipeline(Readable.from(pieces), checker, sinkStream(() => undefined))
    return checker.frames
  }

  test('a whole frame passes, in chunks of any size, with a skippable frame after it', async () => {
    expect(await check(frame)).toBe(1)
    expect(await check(frame, 1)).toBe(1)
    const skippable = Buffer.alloc(12)
    skippable.writeUInt32LE(0x184d2a5e, 0)
    skippable.writeUInt32LE(4, 4)
    expect(await check(Buffer.concat([frame, skippable]))).toBe(1)
  })

  test('a second frame fails: Node.js zstd would silently not read it', async () => {
    const second = zlib.zstdCompressSync(Buffer.from('second frame'))
    expect(zlib.zstdDecompressSync(Buffer.concat([frame, second])).length).toBe(zlib.zstdDecompressSync(frame).length)
    await expect(check(Buffer.concat([frame, second]))).rejects.toThrow(/more than one frame/)
  })

  test('an empty frame after the first passes (Node.js zstd writes one now and then); one with data does not', async () => {
    const empty = zlib.zstdCompressSync(Buffer.alloc(0))
    expect(await check(Buffer.concat([frame, empty]), 3)).toBe(2)
    await expect(check(Buffer.concat([frame, empty, zlib.zstdCompressSync(Buffer.from('x'))]))).rejects.toThrow(/more than one frame with data/)
  })

  test('Node.js zstd streams with uneven, delayed input always pass', async () => {
    for (let round = 0; round < 12; round++) {
      async function* input(): AsyncGenerator<Buffer> {
        for (let i = 0; i < 60; i++) {
          if (i % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 1))
          yield Buffer.alloc(1 + ((i * 7919) % 50_000), `row ${i} `)
        }
      }
      const parts: Buffer[] = []
      await pipeline(Readable.from(input()), zlib.createZstdCompress(), sinkStream((chunk) => parts.push(chunk)))
      const stored = Buffer.concat(parts)
      expect(await check(stored, 4096)).toBeGreaterThanOrEqual(1)
    }
  })

  test('a stream cut anywhere inside a frame fails; Node.js zstd alone would not notice', async () => {
    for (const cut of [3, 5, 20, Math.floor(frame.length / 2), frame.length - 1]) {
      await expect(check(frame.subarray(0, cut))).rejects.toThrow(/ends inside a frame: it was cut short/)
    }
    expect(zlib.zstdDecompressSync(frame.subarray(0, frame.length - 30)).length).toBeGreaterThan(0)
  })

  test('bytes that are not zstd, and an empty stream, fail', async () => {
    await expect(check(Buffer.from('PGDMP plain archive'))).rejects.toThrow(/no zstd frame/)
    await expect(check(Buffer.concat([frame, Buffer.from('junk')]))).rejects.toThrow(/bytes that are not a zstd frame/)
    await expect(check(Buffer.alloc(0))).rejects.toThrow(/empty/)
  })

  test('a changed byte fails the decompression or its checksum', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'zstd-')), 'damaged.zst')
    const compressed = zlib.zstdCompressSync(sampleText(1_000_000), { params: { [zlib.constants.ZSTD_c_checksumFlag]: 1 } })
    compressed[Math.floor(compressed.length / 2)] ^= 0x41
    await writeFile(file, compressed)
    await expect(readBack(file, 'zstd')).rejects.toThrow()
  })
})
