import { constants, createWriteStream } from 'node:fs'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { mkdir, open, readdir, stat, type FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { createHash } from 'node:crypto'

/**
 * The flags that append to a file (made if missing) without ever blocking on open: a FIFO that
 * nothing reads fails at once (ENXIO) instead of holding one of Node's few file system threads
 * forever, and the process with it, even at exit. O_NONBLOCK changes nothing for a regular file.
 */
export const APPEND_WITHOUT_BLOCKING = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NONBLOCK

/** The first `length` bytes of a file (fewer if it is shorter). */
export async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await handle.read(buffer, 0, length, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/** The last `length` bytes of a file (fewer if it is shorter). */
export async function readTail(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const start = Math.max(0, size - length)
    const buffer = Buffer.alloc(size - start)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * SHA-256 and size of a file, read through one reused buffer: a stream would allocate a new
 * buffer per chunk, and on a large dump the uncollected ones raised the peak RSS by 60 MB.
 */
export async function hashFile(path: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256')
  const buffer = Buffer.allocUnsafe(1024 * 1024)
  const handle = await open(path, 'r')
  let sizeBytes = 0
  try {
    while (true) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
      sizeBytes += bytesRead
    }
  } finally {
    await handle.close()
  }
  return { sha256: hash.digest('hex'), sizeBytes }
}

/** Writes the whole chunk at the file's position (one write may take only part of it). */
export async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.length; ) offset += (await handle.write(chunk, offset)).bytesWritten
}

/**
 * Copies a file into a new one (mode 0600, never over an existing one) through one reused buffer,
 * as hashFile reads (a stream's new buffer per chunk, read from the page cache faster than they
 * were collected, raised the run's peak RSS by 50 MB); each chunk is shown to `seen` on its way.
 * `abort` stops the copy between two chunks, with its reason. Returns the bytes copied.
 */
export async function copyToNewFile(source: string, target: string, abort?: AbortSignal, seen?: (chunk: Buffer) => void): Promise<number> {
  const buffer = Buffer.allocUnsafe(1024 * 1024)
  const reader = await open(source, 'r')
  try {
    const writer = await open(target, 'wx', 0o600)
    let sizeBytes = 0
    try {
      while (true) {
        abort?.throwIfAborted()
        const { bytesRead } = await reader.read(buffer, 0, buffer.length, null)
        if (bytesRead === 0) return sizeBytes
        const chunk = buffer.subarray(0, bytesRead)
        seen?.(chunk)
        await writeAll(writer, chunk)
        sizeBytes += bytesRead
      }
    } finally {
      await writer.close()
    }
  } finally {
    await reader.close()
  }
}

/**
 * The most bytes a download may bring: the size the storage listed for the object. What comes
 * from the storage is untrusted: the object may have been replaced since it was listed, or the
 * storage (or whatever answers for it) may send more than it says.
 */
export interface SizeCap {
  /** What is downloaded, named in the error: its URI. */
  name: string
  maxBytes: number
  /** The size the storage announces as the download starts (Content-Length, the file's size), where it does. */
  announcedBytes?: number
}

/** A download that brought, or announced, more bytes than its cap: nothing beyond the cap was written. */
export class DownloadTooLarge extends Error {
  constructor(cap: SizeCap, written: number) {
    const sent = cap.announcedBytes !== undefined && cap.announcedBytes > cap.maxBytes ? `${cap.announcedBytes} bytes` : `more than ${cap.maxBytes} bytes`
    super(
      `${cap.name} is listed at ${cap.maxBytes} bytes, but the storage sent ${sent}: reading stopped at the listed size (${written} bytes written); ` +
        'the object changed since it was listed, or the storage misreports it; the target was not touched'
    )
    this.name = 'DownloadTooLarge'
  }
}

/**
 * The one size check of every download: throws DownloadTooLarge at once when the announced size
 * is over the cap, else returns a counter to show each chunk before it is written, which throws
 * for the first chunk that would take the bytes written beyond the cap (that chunk is not written).
 */
export function sizeGuard(cap: SizeCap): (chunk: Buffer) => void {
  if (cap.announcedBytes !== undefined && cap.announcedBytes > cap.maxBytes) throw new DownloadTooLarge(cap, 0)
  let written = 0
  return (chunk) => {
    if (written + chunk.length > cap.maxBytes) throw new DownloadTooLarge(cap, written)
    written += chunk.length
  }
}

/**
 * Writes a stream to a new file (mode 0600, never over an existing one), computing its SHA-256
 * and size from the same bytes; `abort` stops it with its reason. With `cap` (a download), no
 * byte beyond it is written and the source is destroyed, failing with DownloadTooLarge; a source
 * announced larger than the cap is not read at all, and no file is created.
 */
export async function saveStream(source: Readable | NodeJS.ReadableStream, path: string, abort?: AbortSignal, cap?: SizeCap): Promise<{ sha256: string; sizeBytes: number }> {
  let guard: ((chunk: Buffer) => void) | undefined
  try {
    guard = cap && sizeGuard(cap)
  } catch (error) {
    ;(source as Readable).destroy?.()
    throw error
  }
  const hash = createHash('sha256')
  let sizeBytes = 0
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        guard?.(chunk)
      } catch (error) {
        done(error as Error)
        return
      }
      hash.update(chunk)
      sizeBytes += chunk.length
      done(null, chunk)
    }
  })
  await pipeline(source, hashing, createWriteStream(path, { flags: 'wx', mode: 0o600 }), { signal: abort })
  return { sha256: hash.digest('hex'), sizeBytes }
}

/** The bytes of every file under `dir` now (0 for a directory that is gone): what a run keeps on the runner's disk. */
export async function bytesUnder(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (entry.isFile()) total += await stat(join(entry.parentPath, entry.name)).then((file) => file.size, () => 0)
  }
  return total
}

/**
 * `mkdir -p` that always ends. Node's `mkdir(path, { recursive: true })` loops forever, in C++,
 * where the kernel answers ENOENT for a child of a directory that exists: procfs does
 * (`audit-dir: /proc/self/x` hung the run, a thread spinning at 100% CPU). Here each missing
 * ancestor is made once, from the top down, and the path's own second answer is final.
 */
export async function makeDirectory(path: string): Promise<void> {
  try {
    await mkdir(path)
    return
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException
    const parent = dirname(path)
    if (code === 'EEXIST') return existingDirectory(path, error)
    if (code !== 'ENOENT' || parent === path) throw error
    await makeDirectory(parent)
  }
  try {
    await mkdir(path)
  } catch (error) {
    // Made meanwhile by another run: fine. Any other answer, ENOENT again included, is the cause.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    await existingDirectory(path, error)
  }
}

/** A path that exists is fine as a directory; a file in the way is ENOTDIR, as mkdir -p says. */
async function existingDirectory(path: string, error: unknown): Promise<void> {
  if ((await stat(path)).isDirectory()) return
  throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR', cause: error })
}
