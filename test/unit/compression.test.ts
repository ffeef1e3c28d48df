import { mkdtemp, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as zlib from 'node:zlib'
import type { Compression } from '../../src/config/types.js'
import { blockEncoder, compressionOf, readDecompressed, streamCompressor } from '../../src/util/compression.js'
import type { ChunkEncoder } from '../../src/util/process.js'
import { run } from '../support/run.js'

const nodeHasZstd = typeof (zlib as unknown as Record<string, unknown>).zstdCompressSync === 'function'

/** Text of a few MiB, so that the encoders write several blocks. */
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

/** Feeds `input` to the encoder in uneven chunks, as a pipe delivers them, and returns every byte it wrote. */
function encodeInChunks(encoder: ChunkEncoder, input: Buffer): Buffer {
  const out: Buffer[] = []
  for (let at = 0, size = 1; at < input.length; at += size, size = (size * 7 + 13) % 70_000 + 1) {
    out.push(...encoder.encode(input.subarray(at, at + size)))
  }
  out.push(...encoder.finish())
  return Buffer.concat(out)
}

async function readBack(file: string, compression: Compression): Promise<Buffer> {
  const chunks: Buffer[] = []
  await readDecompressed(file, compression, (chunk) => chunks.push(Buffer.from(chunk)))
  return Buffer.concat(chunks)
}

describe('block encoder', () => {
  test('hands whole blocks to the compressor and the rest at the end', () => {
    const blocks: number[] = []
    const encoder = blockEncoder((block) => {
      blocks.push(block.length)
      return block
    }, 1000)
    expect(encoder.encode(Buffer.alloc(600))).toEqual([])
    expect(encoder.encode(Buffer.alloc(600))).toHaveLength(1)
    expect(encoder.encode(Buffer.alloc(10))).toEqual([])
    expect(encoder.finish()).toHaveLength(1)
    expect(encoder.finish()).toEqual([])
    expect(blocks).toEqual([1200, 10])
  })
})

describe('streaming compression', () => {
  const input = sampleText(5 * 1024 * 1024 + 12345)
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'compression-'))
  })

  test('gzip: the concatenated members are one stream that Node.js and gzip read whole', async () => {
    const { encoder, description } = await streamCompressor('gzip')
    expect(description).toBe('gzip level 3 (Node.js zlib)')
    const compressed = encodeInChunks(encoder as ChunkEncoder, input)
    const file = join(dir, 'dump.sql.gz')
    await writeFile(file, compressed)
    expect(compressionOf(compressed)).toBe('gzip')
    expect(compressed.length).toBeLessThan(input.length / 3)
    expect(zlib.gunzipSync(compressed).equals(input)).toBe(true)
    expect((await readBack(file, 'gzip')).equals(input)).toBe(true)
    expect((await run('gzip', ['-t', file])).code).toBe(0)
    const gunzipped = await run('sh', ['-c', `gzip -dc '${file}' | sha256sum`])
    const expected = await run('sh', ['-c', `sha256sum`], { input: input.toString('latin1') })
    expect(gunzipped.stdout.split(' ')[0]).toBe(expected.stdout.split(' ')[0])
  })

  test('zstd: the concatenated frames are one stream that zstd reads whole', async () => {
    const { encoder, description } = await streamCompressor('zstd')
    expect(description).toMatch(nodeHasZstd ? /zlib/ : /zstd level 3 \(.*zstd\)/)
    const compressed = encodeInChunks(encoder as ChunkEncoder, input)
    const file = join(dir, 'dump.sql.zst')
    await writeFile(file, compressed)
    expect(compressionOf(compressed)).toBe('zstd')
    expect(compressed.length).toBeLessThan(input.length / 3)
    expect((await readBack(file, 'zstd')).equals(input)).toBe(true)
    expect((await run('zstd', ['-t', '-q', file])).code).toBe(0)
  })

  test('none writes the bytes as they come', async () => {
    const { encoder, description } = await streamCompressor('none')
    expect(encoder).toBeUndefined()
    expect(description).toBe('none')
    const file = join(dir, 'dump.sql')
    await writeFile(file, input)
    expect(compressionOf(input)).toBe('none')
    expect((await readBack(file, 'none')).equals(input)).toBe(true)
  })

  test.each(['gzip', 'zstd'] as const)('a %s stream cut short fails to read', async (compression) => {
    const { encoder } = await streamCompressor(compression)
    const file = join(dir, `cut.${compression}`)
    const compressed = encodeInChunks(encoder as ChunkEncoder, input)
    await writeFile(file, compressed)
    await truncate(file, Math.floor(compressed.length * 0.7))
    await expect(readBack(file, compression)).rejects.toThrow(compression === 'gzip' ? /unexpected end of file/ : /zstd/)
  })

  test('zstd without Node.js zstd and without the zstd program is a clear error, not gzip', async () => {
    const saved = process.env.PATH
    process.env.PATH = await mkdtemp(join(tmpdir(), 'empty-path-'))
    try {
      if (nodeHasZstd) {
        expect((await streamCompressor('zstd')).description).toMatch(/zlib/)
      } else {
        await expect(streamCompressor('zstd')).rejects.toThrow(/compression zstd needs Node\.js 22\.15 or newer .* or the zstd program on PATH/)
      }
    } finally {
      process.env.PATH = saved
    }
  })

  test('the decompressed content is handed over in chunks, never the whole file at once', async () => {
    const { encoder } = await streamCompressor('gzip')
    const file = join(dir, 'chunks.sql.gz')
    await writeFile(file, encodeInChunks(encoder as ChunkEncoder, input))
    let largest = 0
    await readDecompressed(file, 'gzip', (chunk) => (largest = Math.max(largest, chunk.length)))
    expect(largest).toBeGreaterThan(0)
    expect(largest).toBeLessThanOrEqual(1024 * 1024)
  })
})
