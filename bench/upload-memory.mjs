// Compiles the benchmark with the sources it measures, then runs it (see upload-memory.ts).
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
const bench = spawnSync(process.execPath, [join(out, 'bench/upload-memory.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
})
process.exit(bench.status ?? 1)
