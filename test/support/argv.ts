import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runOk } from './run.js'

export interface ArgvRecorder {
  /** Put first on PATH: it holds one shim per program. */
  binDir: string
  /** Every recorded invocation: the program name, then its arguments. */
  invocations(): Promise<string[][]>
  /** The environment of every invocation, as the kernel handed it over (/proc/<pid>/environ). */
  environments(): Promise<{ program: string; env: Record<string, string> }[]>
}

const SEPARATOR = '\u001f'

/**
 * Shims that record the argv and the environment of every run of the given programs, then exec
 * the real program (the first on `searchPath`), so that a test can see each command line the
 * action started and what each child was given.
 */
export async function recordArgv(programs: string[], searchPath = process.env.PATH ?? ''): Promise<ArgvRecorder> {
  const binDir = await mkdtemp(join(tmpdir(), 'argv-shims-'))
  const log = join(binDir, 'argv.log')
  const environments = join(binDir, 'environ')
  await writeFile(log, '')
  await mkdir(environments)
  for (const program of programs) {
    const real = (await runOk('sh', ['-c', `command -v ${program}`], { env: { ...process.env, PATH: searchPath } })).trim()
    await writeFile(
      join(binDir, program),
      // The line is written in one append, so that runs at the same time cannot interleave. The
      // shell's own environment is the child's: exec keeps it, and the pid.
      `#!/bin/sh\nline='${program}'\nfor arg in "$@"; do line="$line$(printf '\\037')$arg"; done\nprintf '%s\\n' "$line" >> '${log}'\n` +
        `cat /proc/$$/environ > '${environments}/${program}.'$$\nexec '${real}' "$@"\n`
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
    },
    async environments() {
      const names = await readdir(environments)
      return Promise.all(
        names.map(async (name) => {
          const text = await readFile(join(environments, name), 'utf8')
          const pairs = text.split('\0').filter(Boolean).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)])
          return { program: name.slice(0, name.lastIndexOf('.')), env: Object.fromEntries(pairs) }
        })
      )
    }
  }
}
