// Fails when dist/ is not what `npm run build` makes from the committed src/: the main entry in
// dist/, the post step's in dist/post/, the restore action's in dist/restore/ and its post step's in
// dist/restore/post/.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const ENTRIES = [
  ['src/actions/backup/index.ts', ''],
  ['src/actions/backup/post.ts', 'post'],
  ['src/actions/restore/index.ts', 'restore'],
  ['src/actions/restore/post.ts', 'restore/post']
]

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir) {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
  } catch {
    return []
  }
}

const fresh = mkdtempSync(join(tmpdir(), 'check-dist-'))
try {
  // The four bundles are independent: built at once, they take the time of the longest. Without
  // ncc's cache (~/.cache/ncc), whose stale entries gave other chunk ids than a fresh build.
  const run = promisify(execFile)
  const builds = ENTRIES.map(([entry, subdirectory]) => run('npx', ['ncc', 'build', entry, '-o', join(fresh, subdirectory), '--no-cache', '--license', 'licenses.txt'], { maxBuffer: 64 << 20 }))
  const results = await Promise.allSettled(builds)
  const failed = results.find((result) => result.status === 'rejected')
  if (failed) throw new Error(`a bundle failed to build:\n${failed.reason.stderr || failed.reason.message}`)
  const names = new Set([...filesUnder('dist'), ...filesUnder(fresh)])
  const differing = [...names].filter((name) => {
    try {
      return !readFileSync(join('dist', name)).equals(readFileSync(join(fresh, name)))
    } catch {
      return true
    }
  })
  if (differing.length > 0) {
    console.error(`dist/ is not the bundle of src/ (differs: ${differing.join(', ')}): run npm run build and commit dist/`)
    process.exitCode = 1
  } else {
    console.log(`check-dist: dist/ matches a fresh build (${names.size} files)`)
  }
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
