// Fails when dist/ is not what `npm run build` makes from the committed src/.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const fresh = mkdtempSync(join(tmpdir(), 'check-dist-'))
try {
  execFileSync('npx', ['ncc', 'build', 'src/index.ts', '-o', fresh, '--license', 'licenses.txt'], { stdio: ['ignore', 'ignore', 'inherit'] })
  const names = new Set([...readdirSync('dist'), ...readdirSync(fresh)])
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
