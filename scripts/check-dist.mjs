// Fails when dist/ is not what `npm run build` makes from the committed src/: the main entry in
// dist/, the post step's in dist/post/, the restore action's in dist/restore/.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const ENTRIES = [
  ['src/index.ts', ''],
  ['src/post.ts', 'post'],
  ['src/restore/index.ts', 'restore']
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
  for (const [entry, subdirectory] of ENTRIES) {
    execFileSync('npx', ['ncc', 'build', entry, '-o', join(fresh, subdirectory), '--license', 'licenses.txt'], { stdio: ['ignore', 'ignore', 'inherit'] })
  }
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
    process.exit(1)
  }
  console.log(`check-dist: dist/ matches a fresh build (${names.size} files)`)
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
