import { createHash, randomBytes } from 'node:crypto'
import { link, lstat, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { StorageConfig } from '../../config/types.js'
import { copyToNewFile, makeDirectory, sizeGuard, writeAll } from '../../util/files.js'
import { RUN_ID } from '../../util/run-id.js'
import { parseTimestamp, type BackupSeries } from '../shared/keys.js'
import type { BackupMetadata, DeleteResult, DownloadOptions, DownloadResult, PreflightResult, StagedUpload, StagingMetadata, StorageBackend, StoredObject, UploadResult } from '../types.js'

/**
 * A file being written is hidden beside its final name: `.<name>.partial-<RUN_ID>-<8 hex>`. The
 * listing skips it; a run killed while writing it leaves it behind, and then its post step (by
 * the RUN_ID it saved) or a later run of the same backup name (once it is stale) removes it.
 */
const PARTIAL_MARK = '.partial-'

function partialName(fileName: string): string {
  return `.${fileName}${PARTIAL_MARK}${RUN_ID}-${randomBytes(4).toString('hex')}`
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Removes the partial files the run marked `runId` left in `directory` (its post step, after the
 * run was killed); returns their names. Nothing else is touched: only names with that mark.
 */
export async function removeRunPartials(directory: string, runId: string): Promise<string[]> {
  const own = new RegExp(`^\\..+${escapeRegExp(PARTIAL_MARK)}${escapeRegExp(runId)}-[0-9a-f]{8}$`)
  return removeMatching(directory, (name) => own.test(name))
}

/** Removes the files of `directory` whose names pass `wanted` (and `stale`, given their stat); returns their names. */
async function removeMatching(directory: string, wanted: (name: string) => boolean, stale: (mtime: Date) => boolean = () => true): Promise<string[]> {
  let entries
  try {
    entries = await readdir(directory, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const removed: string[] = []
  for (const entry of entries) {
    if (!entry.isFile() || !wanted(entry.name)) continue
    const path = join(directory, entry.name)
    try {
      if (!stale((await stat(path)).mtime)) continue
      await unlink(path)
      removed.push(entry.name)
    } catch (error) {
      // Removed meanwhile (committed, aborted, or another run's cleanup): not there.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`the partial file ${path} could not be removed: ${(error as Error).message}`)
    }
  }
  return removed
}

/**
 * A directory keeps no metadata with a file, so the SHA-256 of each backup is recorded beside it,
 * in `<key>.sha256` (the line `sha256sum` writes, so `sha256sum -c` checks it too): the restore
 * compares the download with it. It is written before the backup appears and deleted with it.
 */
export const SHA256_SIDECAR = '.sha256'

export function sidecarKey(key: string): string {
  return `${key}${SHA256_SIDECAR}`
}

/** The sidecar's text: the line `sha256sum` writes for the file. */
export function sidecarText(key: string, sha256: string): string {
  return `${sha256}  ${basename(key)}\n`
}

/** The SHA-256 a sidecar's `sha256sum` line records. */
export function parseSidecar(text: string): string | undefined {
  return /^([0-9a-f]{64})\s/.exec(text)?.[1]
}

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
      if (sha256) sidecar = await this.writeSidecar(key, sha256)
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

  /** The sidecar, complete under its final name (written aside and renamed), before the backup appears. */
  private async writeSidecar(key: string, sha256: string): Promise<string> {
    const path = join(this.directory, sidecarKey(key))
    // Hidden like the backup's own temporary file, so that a concurrent run's listing never sees it.
    const temporary = join(dirname(path), partialName(basename(path)))
    try {
      await writeFile(temporary, sidecarText(key, sha256), { flag: 'wx', mode: 0o600 })
      await fsyncPath(temporary)
      await rename(temporary, path)
    } finally {
      await unlink(temporary).catch(() => undefined)
    }
    return path
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

  /**
   * Removes the partial files of the series' backup name (its dumps, globals and sidecars, by this
   * action's name pattern, hidden or as older versions wrote them) that runs killed while writing
   * them left: those whose backup time and last write are both before `olderThan`. A run still
   * writing one keeps touching it. Returns their names.
   */
  async removeStalePartials(series: BackupSeries, olderThan: Date): Promise<string[]> {
    const pattern = new RegExp(`^\\.?${escapeRegExp(series.backupName)}-(\\d{8}T\\d{6}Z)-[0-9a-f]{8}\\.[a-z0-9.]+${escapeRegExp(PARTIAL_MARK)}[0-9a-f]+(-[0-9a-f]+)?$`)
    const backupTime = (name: string): Date | undefined => {
      const match = pattern.exec(name)
      return match ? parseTimestamp(match[1]) : undefined
    }
    return removeMatching(
      this.directory,
      (name) => (backupTime(name)?.getTime() ?? Infinity) < olderThan.getTime(),
      (mtime) => mtime.getTime() < olderThan.getTime()
    )
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
