import { createHash, randomBytes } from 'node:crypto'
import { link, lstat, open, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { StorageConfig } from '../../config/types.js'
import { copyToNewFile, makeDirectory, sizeGuard, writeAll } from '../../util/files.js'
import type { BackupSeries } from '../../config/backup-keys.js'
import type { BackupMetadata, Companion, DeleteResult, DownloadOptions, DownloadResult, PreflightResult, StagedUpload, StagingMetadata, StorageBackend, StoredObject, UploadResult } from '../types.js'
import { PARTIAL_MARK, partialName, removeStalePartials } from './partials.js'
import { fsyncPath, parseSidecar, SHA256_SIDECAR, sidecarKey, sidecarText, writeSidecar } from './sidecar.js'

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
  companions(key: string, sha256: string): Companion[] {
    return [{ role: 'sha256 sidecar', key: sidecarKey(key), sizeBytes: Buffer.byteLength(sidecarText(key, sha256)) }]
  }

  takeRetryCount(): number {
    return 0
  }

  /**
   * Copies under a temporary name in the target directory, syncs it, then links it to its final
   * name (which fails rather than overwrite) and syncs the directory: a crash or an error leaves
   * either the whole backup or, at most, a temporary file that is removed here.
   */
  async upload(file: string, key: string, metadata?: BackupMetadata, abort?: AbortSignal): Promise<UploadResult> {
    const temporary = await this.temporaryFor(key)
    const started = performance.now()
    try {
      // Chunk by chunk rather than copyFile, so that a cancelled run stops the copy at once.
      await copyToNewFile(file, temporary, abort)
      abort?.throwIfAborted()
      await this.place(temporary, key, metadata?.sha256)
    } finally {
      await unlink(temporary).catch(() => undefined)
    }
    const durationMs = performance.now() - started
    const { size } = await stat(join(this.directory, key))
    return { uri: this.uri(key), etag: '', versionId: '', sizeBytes: size, durationMs }
  }

  /** A hidden name beside the backup's, which the listing skips; its directory made. */
  private async temporaryFor(key: string): Promise<string> {
    const target = join(this.directory, key)
    await makeDirectory(dirname(target))
    return join(dirname(target), partialName(basename(target)))
  }

  /** Syncs the complete temporary file, writes the sidecar, links the file to its final name and syncs the directory. */
  private async place(temporary: string, key: string, sha256: string | undefined): Promise<void> {
    const target = join(this.directory, key)
    await fsyncPath(temporary)
    let sidecar: string | undefined
    try {
      if (sha256) sidecar = await writeSidecar(this.directory, key, sha256)
      await link(temporary, target)
    } catch (error) {
      if (sidecar) await unlink(sidecar).catch(() => undefined)
      throw error
    }
    await fsyncPath(dirname(target))
  }

  /** The dump written to a hidden temporary file beside the destination, given its final name by commit(). */
  async beginUpload(key: string, _metadata: StagingMetadata, abort: AbortSignal): Promise<StagedUpload> {
    const temporary = await this.temporaryFor(key)
    const handle = await open(temporary, 'wx', 0o600)
    const started = performance.now()
    let closed = false
    const close = async (): Promise<void> => {
      if (!closed) {
        closed = true
        await handle.close()
      }
    }
    return {
      write: async (chunk) => {
        abort.throwIfAborted()
        await writeAll(handle, chunk)
      },
      flush: async () => {
        await handle.sync()
      },
      figures: () => ({ 'written to': 'a hidden temporary file beside the destination' }),
      abort: async () => {
        await close().catch(() => undefined)
        await unlink(temporary).catch(() => undefined)
        return ''
      },
      commit: async (sha256) => {
        try {
          await close()
          abort.throwIfAborted()
          await this.place(temporary, key, sha256)
        } finally {
          await unlink(temporary).catch(() => undefined)
        }
        const { size } = await stat(join(this.directory, key))
        return { uri: this.uri(key), etag: '', versionId: '', sizeBytes: size, durationMs: performance.now() - started }
      }
    }
  }

  /** The directory exists or can be made, and a file can be written in it (and is removed again). */
  async preflight(): Promise<PreflightResult> {
    const probe = join(this.directory, `.preflight-${randomBytes(4).toString('hex')}`)
    try {
      await makeDirectory(this.directory)
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
    return { checked: 'directory writable (probe file written, removed)' }
  }

  async download(key: string, file: string, { expectedBytes, abort }: DownloadOptions): Promise<DownloadResult> {
    const source = join(this.directory, key)
    const started = performance.now()
    let found
    try {
      found = await lstat(source)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${this.uri(key)} does not exist`)
      throw error
    }
    // The action writes regular files only, and lists nothing else: a symlink, pipe or device put
    // in a backup's place (to /dev/zero, a secret, a pipe that never ends) is not read.
    if (!found.isFile()) throw new Error(`${this.uri(key)} is not a regular file (a symlink, pipe or device): not a backup this action wrote; nothing was read`)
    const size = found.size
    // A file replaced or grown since it was listed is read no further than the listed size.
    const guard = sizeGuard({ name: this.uri(key), maxBytes: expectedBytes, announcedBytes: size })
    const hash = createHash('sha256')
    const sizeBytes = await copyToNewFile(source, file, abort, (chunk) => {
      guard(chunk)
      hash.update(chunk)
    })
    const saved = { sha256: hash.digest('hex'), sizeBytes }
    let recorded: string | undefined
    try {
      recorded = parseSidecar(await readFile(join(this.directory, sidecarKey(key)), 'utf8'))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    return { ...saved, recordedSha256: recorded, durationMs: performance.now() - started }
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
      // A sidecar is part of its backup, never one of its own.
      if (!entry.isFile() || !entry.name.startsWith(keyPrefix) || entry.name.endsWith(SHA256_SIDECAR)) continue
      if (entry.name.includes(PARTIAL_MARK)) continue
      try {
        const { size, mtime } = await stat(join(this.directory, entry.name))
        objects.push({ key: entry.name, sizeBytes: size, lastModified: mtime })
      } catch (error) {
        // Removed between the listing and the stat (another run's retention or temporary file): not there.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
    return objects
  }

  /** Partial files killed runs left of the series, untouched since `olderThan` (see partials.ts). */
  async removeStalePartials(series: BackupSeries, olderThan: Date): Promise<string[]> {
    return removeStalePartials(this.directory, series, olderThan)
  }

  /** A directory has no retention locks: nothing is ever reported locked. */
  async delete(keys: string[]): Promise<DeleteResult> {
    const deleted: string[] = []
    for (const key of keys) {
      try {
        await unlink(join(this.directory, key))
        deleted.push(key)
        await unlink(join(this.directory, sidecarKey(key))).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error
        })
      } catch (error) {
        // Already gone (another run's retention): not ours to count, not a failure.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      }
    }
    return { deleted, locked: [] }
  }
}
