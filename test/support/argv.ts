import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runOk } from './run.js'

export interface ArgvRecorder {
  /** Put first on PATH: it holds one shim per program. */
  binDir: string
  /** Every recorded invocation: the program name, then its arguments. */
  invocations(): Promise<string[][]>
}

const SEPARATOR = '\u001f'

/**
 * Shims that record the argv of every run of the given programs, then exec the real program, so
 * that a test can see each command line the action started.
 */
export async function recordArgv(programs: string[]): Promise<ArgvRecorder> {
  const binDir = await mkdtemp(join(tmpdir(), 'argv-shims-'))
  const log = join(binDir, 'argv.log')
  await writeFile(log, '')
  for (const program of programs) {
    const real = (await runOk('sh', ['-c', `command -v ${program}`])).trim()
    await writeFile(
      join(binDir, program),
      // The line is written in one append, so that runs at the same time cannot interleave.
      `#!/bin/sh\nline='${program}'\nfor arg in "$@"; do line="$line$(printf '\\037')$arg"; done\nprintf '%s\\n' "$line" >> '${log}'\nexec '${real}' "$@"\n`
    )
    await chmod(join(binDir, program), 0o755)
  }
  return {
    binDir,
    async invocations() {
      const text = await readFile(log, 'utf8')
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(SEPARATOR))
    }
  }
}
