import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { link, mkdir, open, readdir, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import type { StorageConfig } from '../config/types.js'
import type { BackupMetadata, StorageBackend, StoredObject, UploadResult } from './types.js'

const PARTIAL_MARK = '.partial-'

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** A directory on the runner or a mounted volume. Keys are file names inside it. */
export class LocalStorage implements StorageBackend {
  private readonly directory: string

  constructor(config: StorageConfig) {
    this.directory = config.path
  }

  uri(key: string): string {
    return pathToFileURL(join(this.directory, key)).href
  }

  /** A file system call is never retried. */
  takeRetryCount(): number {
    return 0
  }

  /**
   * Copies under a temporary name in the target directory, syncs it, then links it to its final
   * name (which fails rather than overwrite) and syncs the directory: a crash or an error leaves
   * either the whole backup or, at most, a temporary file that is removed here.
   */
  async upload(file: string, key: string, _metadata?: BackupMetadata, abort?: AbortSignal): Promise<UploadResult> {
    const target = join(this.directory, key)
    const temporary = join(dirname(target), `.${key.split('/').pop()}${PARTIAL_MARK}${randomBytes(4).toString('hex')}`)
    const started = performance.now()
    await mkdir(dirname(target), { recursive: true })
    try {
      // A stream rather than copyFile, so that a cancelled run stops the copy at once.
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), createWriteStream(temporary, { flags: 'wx', mode: 0o600 }), { signal: abort })
      await fsyncPath(temporary)
      abort?.throwIfAborted()
      await link(temporary, target)
    } finally {
      await unlink(temporary).catch(() => undefined)
    }
    await fsyncPath(dirname(target))
    const durationMs = performance.now() - started
    const { size } = await stat(target)
    return { uri: this.uri(key), etag: '', versionId: '', sizeBytes: size, durationMs }
  }

  /** The directory exists or can be made, and a file can be written in it (and is removed again). */
  async preflight(): Promise<string> {
    const probe = join(this.directory, `.preflight-${randomBytes(4).toString('hex')}`)
    try {
      await mkdir(this.directory, { recursive: true })
      await writeFile(probe, '', { flag: 'wx', mode: 0o600 })
      await unlink(probe)
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException
      const why =
        code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? `it cannot be written by this runner's user (${code})`
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? `a part of the path is a file, not a directory (${code})`
            : message
      throw new Error(`the directory ${this.directory} cannot be used: ${why}`)
    }
    return 'directory writable (probe file written, removed)'
  }

  async list(keyPrefix: string): Promise<StoredObject[]> {
    let entries
    try {
      entries = await readdir(this.directory, { withFileTypes: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw error
    }
    const objects: StoredObject[] = []
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.startsWith(keyPrefix)) continue
      const { size, mtime } = await stat(join(this.directory, entry.name))
      objects.push({ key: entry.name, sizeBytes: size, lastModified: mtime })
    }
    return objects
  }

  async delete(keys: string[]): Promise<string[]> {
    const deleted: string[] = []
    for (const key of keys) {
      try {
        await unlink(join(this.directory, key))
        deleted.push(key)
      } catch (error) {
        // Already gone (another run's retention): not ours to count, not a failure.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
    return deleted
  }
}
