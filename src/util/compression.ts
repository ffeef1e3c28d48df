import * as core from '@actions/core'
import * as io from '@actions/io'
import { createReadStream } from 'node:fs'
import { Transform, Writable, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { promisify } from 'node:util'
import * as zlib from 'node:zlib'
import type { ToolCommand } from './process.js'

/** How a dump is compressed as it streams (the `compression` input: `zstd`, `gzip:6`, `none`). */
export const compressionNames = ['zstd', 'gzip', 'none'] as const
export type CompressionName = (typeof compressionNames)[number]
/** A level within the algorithm's range: zstd 1-19, gzip 1-9; 0 for none. */
export type CompressionLevel = number
export interface Compression {
  name: CompressionName
  level: CompressionLevel
}

/**
 * Compression of a dump as it streams, and reading it back. Measured on this action's benchmark
 * (bench/RESULTS.md): the zstd program with its worker threads (`-T0`) compresses a dump about as
 * fast as the dump tool writes it, faster than Node.js's zstd, which runs one thread (its
 * multi-threaded mode corrupts output in Node.js 24.9). So zstd is the program when it is on PATH
 * and Node.js's zlib otherwise; gzip is always Node.js's. Both write one zstd frame.
 */

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b])
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd])

/** Node.js compresses gzip in blocks, two at a time on its thread pool, each an independent gzip member. */
const NODE_BLOCK_BYTES = 8 << 20
const NODE_BLOCKS_IN_FLIGHT = 2

/** How the dump's bytes become the stored bytes: a program between the dump tool and the file, or a stream inside the action. */
export interface Compressor {
  program?: ToolCommand
  transform?: () => Transform
  /** What compresses, for the step's figures: `zstd level 1 (/usr/bin/zstd, all cores)`. */
  description: string
}

export function describeCompression({ name, level }: Compression): string {
  return name === 'none' ? 'none' : `${name} level ${level}`
}

const gzip = promisify(zlib.gzip)

/** zstd by the program when it is there, else by Node.js (said in the log); gzip by Node.js; none passes bytes through. */
export async function chooseCompressor(compression: Compression): Promise<Compressor> {
  const { name, level } = compression
  if (name === 'none') return { description: 'none' }
  if (name === 'gzip') {
    return { transform: () => blockCompressor((block) => gzip(block, { level })), description: `${describeCompression(compression)} (Node.js zlib)` }
  }
  const program = await io.which('zstd', false)
  if (program) {
    // -T0: one worker per core. The program writes a content checksum into every frame by default.
    return { program: { command: program, args: ['-q', '-c', `-${level}`, '-T0'] }, description: `${describeCompression(compression)} (${program}, all cores)` }
  }
  core.info('the zstd program is not on PATH: compressing with Node.js zlib on one thread instead (install zstd for speed)')
  // One frame, as the program writes: Node.js's zstd decoder stops after the first frame of a stream.
  const params = { [zlib.constants.ZSTD_c_compressionLevel]: level, [zlib.constants.ZSTD_c_checksumFlag]: 1 }
  return { transform: () => zlib.createZstdCompress({ params }), description: `${describeCompression(compression)} (Node.js zlib)` }
}

/**
 * Collects input into blocks and compresses each on Node.js's thread pool, up to two at once,
 * writing them out in order. A block is taken in only while fewer than two are compressing, so
 * the dump tool waits on its pipe instead of filling memory.
 */
export function blockCompressor(compressBlock: (block: Buffer) => Promise<Buffer>, blockBytes = NODE_BLOCK_BYTES): Transform {
  let pending: Buffer[] = []
  let pendingBytes = 0
  const inFlight: Promise<Buffer>[] = []
  const takeBlock = (): void => {
    const block = Buffer.concat(pending, pendingBytes)
    pending = []
    pendingBytes = 0
    const compressed = compressBlock(block)
    compressed.catch(() => undefined) // awaited in order below; this only keeps it from being unhandled meanwhile
    inFlight.push(compressed)
  }
  return new Transform({
    async transform(chunk: Buffer, _encoding, done) {
      try {
        pending.push(chunk)
        pendingBytes += chunk.length
        if (pendingBytes >= blockBytes) takeBlock()
        while (inFlight.length >= NODE_BLOCKS_IN_FLIGHT) this.push(await (inFlight.shift() as Promise<Buffer>))
        done()
      } catch (error) {
        done(error as Error)
      }
    },
    async flush(done) {
      try {
        if (pendingBytes > 0) takeBlock()
        while (inFlight.length > 0) this.push(await (inFlight.shift() as Promise<Buffer>))
        done()
      } catch (error) {
        done(error as Error)
      }
    }
  })
}

/** The compression a file's first bytes show: gzip or zstd by their magic numbers, else none. */
export function compressionOf(head: Buffer): CompressionName {
  if (head.subarray(0, GZIP_MAGIC.length).equals(GZIP_MAGIC)) return 'gzip'
  if (head.subarray(0, ZSTD_MAGIC.length).equals(ZSTD_MAGIC)) return 'zstd'
  return 'none'
}

/** What each compression appends to a file's name. */
export const COMPRESSION_SUFFIX: Readonly<Record<CompressionName, string>> = { zstd: '.zst', gzip: '.gz', none: '' }

/** The shell pipe stage that decompresses a file of this name to standard output ('' when it is not compressed). */
export function decompressCommand(file: string): string {
  return file.endsWith(COMPRESSION_SUFFIX.gzip) ? ' | gunzip' : file.endsWith(COMPRESSION_SUFFIX.zstd) ? ' | zstd -dc' : ''
}

/** The compression a dump file's name shows: `.zst`, `.gz`, else none. */
export function compressionOfName(file: string): CompressionName {
  if (file.endsWith(COMPRESSION_SUFFIX.zstd)) return 'zstd'
  if (file.endsWith(COMPRESSION_SUFFIX.gzip)) return 'gzip'
  return 'none'
}

const SKIPPABLE_MAGIC_MASK = 0xfffffff0
const SKIPPABLE_MAGIC = 0x184d2a50
const ZSTD_MAGIC_NUMBER = 0xfd2fb528

/**
 * Walks the structure of a zstd stream as it passes (RFC 8878: frame headers, block headers,
 * checksums) and fails unless it ends exactly at the end of its one frame. Node.js's zstd decoder
 * ends without an error on a stream cut inside a frame, and ignores what follows the first frame
 * (both tested); the decoder still checks the frame's content checksum and the data itself.
 * Empty frames after the first are let through: they hold nothing to lose, and Node.js's zstd
 * stream writes one when its input ends while the last chunk is still being compressed (seen in
 * Node.js 24.9, about one stream in seven).
 */
export class ZstdFrameCheck extends Transform {
  frames = 0
  private need = 4
  private held: Buffer[] = []
  private heldBytes = 0
  private skip = 0
  private state: 'magic' | 'skippable size' | 'descriptor' | 'block' = 'magic'
  private checksum = false
  /** In a frame after the first, which may only be empty. */
  private extraFrame = false

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    try {
      this.walk(chunk)
      done(null, chunk)
    } catch (error) {
      done(error as Error)
    }
  }

  override _flush(done: (error?: Error | null) => void): void {
    if (this.frames === 0 && this.state === 'magic' && this.heldBytes === 0 && this.skip === 0) return done(new Error('the zstd stream is empty'))
    if (this.state !== 'magic' || this.heldBytes > 0 || this.skip > 0) return done(new Error('the zstd stream ends inside a frame: it was cut short'))
    done()
  }

  private walk(chunk: Buffer): void {
    let at = 0
    while (at < chunk.length) {
      if (this.skip > 0) {
        const step = Math.min(this.skip, chunk.length - at)
        this.skip -= step
        at += step
        continue
      }
      const step = Math.min(this.need - this.heldBytes, chunk.length - at)
      this.held.push(chunk.subarray(at, at + step))
      this.heldBytes += step
      at += step
      if (this.heldBytes === this.need) {
        const field = Buffer.concat(this.held, this.heldBytes)
        this.held = []
        this.heldBytes = 0
        this.advance(field)
      }
    }
  }

  private advance(field: Buffer): void {
    switch (this.state) {
      case 'magic': {
        const magic = field.readUInt32LE(0)
        // Node.js's zstd decoder ends silently after the first frame: a second one would go unread.
        this.extraFrame = magic === ZSTD_MAGIC_NUMBER && this.frames > 0
        if (magic === ZSTD_MAGIC_NUMBER) this.expect('descriptor', 1)
        else if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) this.expect('skippable size', 4)
        else throw new Error(`the zstd stream holds ${this.frames === 0 ? 'no zstd frame' : 'bytes that are not a zstd frame'} at frame ${this.frames + 1}`)
        return
      }
      case 'skippable size':
        this.skip = field.readUInt32LE(0)
        this.expect('magic', 4)
        return
      case 'descriptor': {
        const descriptor = field[0]
        const singleSegment = (descriptor >> 5) & 1
        this.checksum = ((descriptor >> 2) & 1) === 1
        const contentSizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][descriptor >> 6]
        this.skip = (singleSegment ? 0 : 1) + [0, 1, 2, 4][descriptor & 3] + contentSizeBytes
        this.expect('block', 3)
        return
      }
      case 'block': {
        const header = field[0] | (field[1] << 8) | (field[2] << 16)
        const type = (header >> 1) & 3
        if (type === 3) throw new Error('the zstd stream holds a block of a reserved type: it is damaged')
        // A later frame may hold one empty block only; any data there would go unread.
        if (this.extraFrame && !((header & 1) === 1 && type !== 2 && header >>> 3 === 0)) {
          throw new Error('the zstd stream holds more than one frame with data, which this action never writes')
        }
        this.skip = type === 1 ? 1 : header >>> 3
        if ((header & 1) === 1) {
          this.skip += this.checksum ? 4 : 0
          this.frames++
          this.expect('magic', 4)
        } else {
          this.expect('block', 3)
        }
      }
    }
  }

  private expect(state: ZstdFrameCheck['state'], bytes: number): void {
    this.state = state
    this.need = bytes
  }
}

/** Streams that turn stored bytes back into the dump, failing if the compressed stream is damaged or cut short. */
export function decoders(name: CompressionName): Transform[] {
  // Output in 256 KiB chunks, not zlib's 16 KiB: a sixteenth of the callbacks and buffers (measured: 1.2 s of 6.6 s on 1 GiB).
  const options = { chunkSize: 1 << 18 }
  if (name === 'zstd') return [new ZstdFrameCheck(), zlib.createZstdDecompress(options)]
  if (name === 'gzip') return [zlib.createGunzip(options)]
  return []
}

/**
 * Feeds the decompressed content of `file` to `sink` chunk by chunk, to the end of the stream,
 * never holding the whole of it. Throws if the stream is damaged or cut short.
 */
export async function readDecompressed(file: string, name: CompressionName, sink: (chunk: Buffer) => void): Promise<void> {
  await pipeline([storedBytes(file), ...decoders(name), sinkStream(sink)])
}

/** A Writable that hands each chunk to `sink`; a throw from `sink` fails the stream. */
export function sinkStream(sink: (chunk: Buffer) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        sink(chunk)
        done()
      } catch (error) {
        done(error as Error)
      }
    }
  })
}

/** The stored bytes of `file` as a stream, for a check that also reads them as they are written. */
export function storedBytes(file: string): Readable {
  return createReadStream(file, { highWaterMark: 1 << 20 })
}
