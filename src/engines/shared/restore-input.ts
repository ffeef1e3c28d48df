import type { Readable, Transform } from 'node:stream'
import type { CompressionName } from '../../config/types.js'
import { compressionOf, storedBytes } from '../../util/compression.js'
import { decoded } from '../../util/dump-feed.js'
import { readHead, saveStream } from '../../util/files.js'

/** What the restores read a stored backup through: the file, decompressed by what its magic numbers say. */

export async function storedCompression(file: string): Promise<CompressionName> {
  return compressionOf(await readHead(file, 4))
}

/**
 * The file's content, decompressed as it streams when its first bytes say gzip or zstd, and
 * passed through `checks`; a damaged or cut stream, or a failed check, fails the reader (the same
 * decoders verify-integrity reads backups with).
 */
export async function decompressedStream(file: string, ...checks: Transform[]): Promise<Readable> {
  return decoded(storedBytes(file), await storedCompression(file), ...checks)
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
