import { spawn, type SpawnOptions } from 'node:child_process'

export interface Ran {
  code: number
  stdout: string
  stderr: string
}

/** Runs a program without a shell and collects its output. Rejects only if it cannot start. */
export async function run(command: string, args: string[], options: SpawnOptions & { input?: string } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    child.stdin?.on('error', () => undefined) // a program may exit before reading its input
    child.stdin?.end(options.input)
  })
}

/** Like run, but throws with the output when the exit code is not 0. */
export async function runOk(command: string, args: string[], options: SpawnOptions & { input?: string } = {}): Promise<string> {
  const result = await run(command, args, options)
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0

/**
 * Runs a command that needs root (mount, umount): as root here, through passwordless sudo on
 * GitHub's runners. Without either it fails, and the caller skips its tests saying why.
 */
export function privileged(command: string, args: string[]): ReturnType<typeof run> {
  return isRoot ? run(command, args) : run('sudo', ['-n', command, ...args])
}
