import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import * as zlib from 'node:zlib'
import type { Compression } from '../config/types.js'
import { compressionOf } from '../util/compression.js'
import { readHead, saveStream } from '../util/files.js'

/** What the restores read a stored backup through: the file, decompressed by what its magic numbers say. */

export async function storedCompression(file: string): Promise<Compression> {
  return compressionOf(await readHead(file, 4))
}

/** The file's content, decompressed as it streams when its first bytes say gzip or zstd. */
export async function decompressedStream(file: string): Promise<Readable> {
  const compression = await storedCompression(file)
  const source = createReadStream(file, { highWaterMark: 1 << 20 })
  if (compression === 'none') return source
  return source.pipe(compression === 'gzip' ? zlib.createGunzip() : zlib.createZstdDecompress())
}

/**
 * The file itself when it is not compressed, else its content decompressed into `target` (a tool
 * that reads a file can seek in it: pg_restore --jobs needs that).
 */
export async function plainFile(file: string, target: string): Promise<string> {
  if ((await storedCompression(file)) === 'none') return file
  await saveStream(await decompressedStream(file), target)
  return target
}
