import { randomBytes } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Runs `use` with a file that only this user can read, holding `content` (a client option file
 * with a password, for example), and removes the file afterwards whether `use` succeeds or not.
 * The random suffix keeps two files of the same purpose apart in one directory.
 */
export async function withSecretFile<T>(dir: string, name: string, content: string, use: (path: string) => Promise<T>): Promise<T> {
  const path = join(dir, `${name}-${randomBytes(6).toString('hex')}`)
  try {
    // 'wx' never follows or reuses an existing file; the mode applies at creation, before any byte is written.
    await writeFile(path, content, { flag: 'wx', mode: 0o600 })
    return await use(path)
  } finally {
    await rm(path, { force: true })
  }
}
