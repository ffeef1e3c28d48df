import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { cp, mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { PinTable } from '../../src/tools/pins.js'
import { runOk } from './run.js'

/**
 * A bundle of this action whose pinned checksum table also holds the tests' own client archives:
 * src/ copied as it is, src/tools/checksums.json extended, and bundled with ncc exactly as
 * `npm run build` does. The product has no way to add a pin at run time (no input, no variable):
 * a test that needs a pinned archive it built itself builds the action it runs, as a fork pinning
 * its own mirror would. Built once per content of src/ and of the extra pins, then reused.
 */

const REPO = resolve('.')
const TABLE = join('src', 'tools', 'checksums.json')

async function treeDigest(root: string): Promise<string> {
  const hash = createHash('sha256')
  const entries = (await readdir(root, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile())
  const paths = entries.map((entry) => join(entry.parentPath, entry.name)).sort()
  for (const path of paths) hash.update(path.slice(root.length)).update('\0').update(await readFile(path)).update('\0')
  return hash.digest('hex')
}

/** The path of the bundle's index.js. Takes a minute the first time (ncc), a moment after. */
export async function buildWithPins(extra: PinTable, sourceRoot = join(REPO, 'src')): Promise<string> {
  const table = JSON.parse(await readFile(join(REPO, TABLE), 'utf8')) as PinTable
  for (const [tool, files] of Object.entries(extra)) table[tool] = { ...table[tool], ...files }
  const key = createHash('sha256').update(await treeDigest(sourceRoot)).update(JSON.stringify(table)).digest('hex').slice(0, 16)
  const out = join(tmpdir(), 'db-backup-action-pinned-builds', key)
  const bundle = join(out, 'dist', 'index.js')
  if (existsSync(bundle)) return bundle
  await rm(out, { recursive: true, force: true })
  await mkdir(out, { recursive: true })
  await cp(sourceRoot, join(out, 'src'), { recursive: true })
  await writeFile(join(out, TABLE), `${JSON.stringify(table, null, 2)}\n`)
  for (const file of ['package.json', 'tsconfig.json']) await cp(join(REPO, file), join(out, file))
  await symlink(join(REPO, 'node_modules'), join(out, 'node_modules'))
  const ncc = join(REPO, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  await runOk(process.execPath, [ncc, 'build', join(out, 'src', 'actions', 'backup', 'index.ts'), '-o', join(out, 'building'), '--quiet'], { cwd: out })
  // Renamed only when whole, so that an interrupted build is never taken for a finished one.
  await rename(join(out, 'building'), join(out, 'dist'))
  return bundle
}
