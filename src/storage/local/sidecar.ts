import { link, open, unlink, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { partialName } from './partials.js'

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

export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * The sidecar, complete under its final name (written aside and linked), before the backup
 * appears. Linked, not renamed: a sidecar already there (a backup under the same key) is never
 * replaced, and the upload fails before it touches anything of that backup.
 */
export async function writeSidecar(directory: string, key: string, sha256: string): Promise<string> {
  const path = join(directory, sidecarKey(key))
  // Hidden like the backup's own temporary file, so that a concurrent run's listing never sees it.
  const temporary = join(dirname(path), partialName(basename(path)))
  try {
    await writeFile(temporary, sidecarText(key, sha256), { flag: 'wx', mode: 0o600 })
    await fsyncPath(temporary)
    await link(temporary, path)
  } finally {
    await unlink(temporary).catch(() => undefined)
  }
  return path
}
