import { lstat, mkdir, readdir, readFile, readlink, rename, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { z } from 'zod'
import { errorMessage } from '../util/errors.js'
import { hashFile } from '../util/files.js'
import type { ChecksumTrust } from './types.js'

/**
 * What this action recorded of a client it installed into the tool cache: every file of the
 * installed tree with its size, SHA-256 and mode, and the archive it came from. A tool-cache entry
 * is run only when its files are exactly these, so an entry planted in the tool cache (by another
 * job on a persistent runner, another action, or by hand) is never run with the database's
 * password. The manifests live beside the tool cache, not inside the entries, in a directory no
 * other tool writes; what this does and does not protect against is in docs/security.md.
 */
export const MANIFEST_DIR = 'db-backup-action-manifests'

const fileSchema = z
  .object({
    path: z.string().min(1),
    type: z.enum(['file', 'symlink']),
    size: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    mode: z.number().int().nonnegative(),
    target: z.string().optional()
  })
  .strict()

const manifestSchema = z
  .object({
    format: z.literal(1),
    tool: z.string(),
    version: z.string(),
    arch: z.string(),
    archiveSha256: z.string().regex(/^[0-9a-f]{64}$/),
    trust: z.enum(['pinned', 'publisher']),
    checksumSource: z.string(),
    files: z.array(fileSchema)
  })
  .strict()

export type InstallManifest = z.infer<typeof manifestSchema>
type ManifestFile = z.infer<typeof fileSchema>

export interface InstallRecord {
  tool: string
  version: string
  arch: string
  archiveSha256: string
  trust: ChecksumTrust
  checksumSource: string
}

export function manifestPath(toolCache: string, tool: string, version: string, arch: string): string {
  return join(toolCache, MANIFEST_DIR, tool, version, `${arch}.json`)
}

/** Every file and symbolic link under root, with what identifies it; anything else is named as a difference. */
async function describeTree(root: string, strange: string[]): Promise<Map<string, ManifestFile>> {
  const files = new Map<string, ManifestFile>()
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  for (const entry of entries) {
    if (entry.isDirectory()) continue
    const full = join(entry.parentPath, entry.name)
    const path = relative(root, full).split(sep).join('/')
    const stats = await lstat(full)
    const mode = stats.mode & 0o7777
    if (stats.isSymbolicLink()) {
      files.set(path, { path, type: 'symlink', size: 0, sha256: '0'.repeat(64), mode: 0, target: await readlink(full) })
    } else if (stats.isFile()) {
      const { sha256, sizeBytes } = await hashFile(full)
      files.set(path, { path, type: 'file', size: sizeBytes, sha256, mode })
    } else {
      strange.push(`${path}: neither a file, a directory nor a symbolic link`)
    }
  }
  return files
}

/** Records the tree as installed; written to a temporary name and renamed, so that a reader never meets half a manifest. */
export async function writeManifest(toolCache: string, root: string, record: InstallRecord): Promise<void> {
  const strange: string[] = []
  const files = [...(await describeTree(root, strange)).values()].sort((a, b) => (a.path < b.path ? -1 : 1))
  if (strange.length > 0) throw new Error(`the installed ${record.tool} ${record.version} holds ${strange.join(', ')}`)
  const manifest: InstallManifest = { format: 1, ...record, files }
  const path = manifestPath(toolCache, record.tool, record.version, record.arch)
  await mkdir(dirname(path), { recursive: true, mode: 0o755 })
  const temporary = `${path}.${process.pid}.tmp`
  await writeFile(temporary, `${JSON.stringify(manifest)}\n`, { mode: 0o644 })
  await rename(temporary, path)
}

/** The manifest file itself must be this user's and writable by nobody else, or anyone could have written it. */
async function readOwnManifest(path: string): Promise<InstallManifest | string> {
  let stats
  try {
    stats = await lstat(path)
  } catch {
    return `it has no manifest of this action (${path})`
  }
  if (!stats.isFile()) return `its manifest ${path} is not a regular file`
  if (process.getuid && stats.uid !== process.getuid()) return `its manifest ${path} belongs to user id ${stats.uid}, not to this runner's user`
  if ((stats.mode & 0o022) !== 0) return `its manifest ${path} is writable by other users (mode ${(stats.mode & 0o777).toString(8)})`
  try {
    return manifestSchema.parse(JSON.parse(await readFile(path, 'utf8')))
  } catch (error) {
    return `its manifest ${path} is unreadable: ${errorMessage(error)}`
  }
}

function difference(expected: ManifestFile, found: ManifestFile): string | undefined {
  if (expected.type !== found.type) return `${found.path}: a ${found.type}, recorded as a ${expected.type}`
  if (expected.type === 'symlink') return expected.target === found.target ? undefined : `${found.path}: links to ${found.target}, recorded ${expected.target}`
  if (expected.size !== found.size) return `${found.path}: ${found.size} bytes, recorded ${expected.size}`
  if (expected.sha256 !== found.sha256) return `${found.path}: SHA-256 ${found.sha256}, recorded ${expected.sha256}`
  if (expected.mode !== found.mode) return `${found.path}: mode ${found.mode.toString(8)}, recorded ${expected.mode.toString(8)}`
  return undefined
}

export type ManifestCheck = { ok: true; manifest: InstallManifest } | { ok: false; reason: string }

/**
 * Whether the tree at root is exactly what this action installed there: every recorded file
 * present with its size, SHA-256 and mode, and nothing else. Hashes the whole tree: on the order
 * of a second for a 100 MB client (see docs/clients.md).
 */
export async function checkManifest(toolCache: string, root: string, tool: string, version: string, arch: string): Promise<ManifestCheck> {
  const manifest = await readOwnManifest(manifestPath(toolCache, tool, version, arch))
  if (typeof manifest === 'string') return { ok: false, reason: manifest }
  if (manifest.tool !== tool || manifest.version !== version || manifest.arch !== arch) {
    return { ok: false, reason: `its manifest records ${manifest.tool} ${manifest.version} ${manifest.arch}` }
  }
  const differences: string[] = []
  const found = await describeTree(root, differences)
  for (const expected of manifest.files) {
    const file = found.get(expected.path)
    const change = file ? difference(expected, file) : `${expected.path}: missing`
    if (change) differences.push(change)
  }
  const recorded = new Set(manifest.files.map((file) => file.path))
  for (const path of found.keys()) if (!recorded.has(path)) differences.push(`${path}: not installed by this action`)
  if (differences.length === 0) return { ok: true, manifest }
  const shown = differences.slice(0, 5).join('; ')
  return { ok: false, reason: `its files differ from its manifest: ${shown}${differences.length > 5 ? ` (and ${differences.length - 5} more)` : ''}` }
}
