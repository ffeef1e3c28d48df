// Compiles the benchmarks with the sources they measure, then runs the one named first:
//   node bench/run.mjs backup   node bench/run.mjs upload-memory [...]
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'node_modules/.cache/db-backup-bench')
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'bench/tsconfig.json')], { stdio: 'inherit' })
if (tsc.status !== 0) process.exit(tsc.status ?? 1)
mkdirSync(out, { recursive: true })
// Compiled to ES modules: the output needs its own "type": "module" (it lives under node_modules).
writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n')
const [name, ...args] = process.argv.slice(2)
if (!name) {
  console.error('usage: node bench/run.mjs <backup|upload-memory|staging|restore-read> [arguments]')
  process.exit(2)
}
const bench = spawnSync(process.execPath, [join(out, 'bench', `${name}.js`), ...args], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
})
process.exit(bench.status ?? 1)
