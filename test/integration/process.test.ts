import { mkdtemp, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { captureDump } from '../../src/util/dump-stream.js'
import { describeFailure, liveChildPids, runStreaming, runTool } from '../../src/util/process.js'
import { registerSecret } from '../../src/util/secrets.js'
import { isRunning } from '../support/runner.js'

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = probe()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}


/** The NUL-separated environment of a running process, as the kernel holds it. */
async function environOf(pid: number): Promise<Record<string, string>> {
  const text = await readFile(`/proc/${pid}/environ`, 'utf8')
  return Object.fromEntries(
    text
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)])
  )
}

describe('running tools', () => {
  test('a streaming tool past its time limit is stopped and reported as timed out', async () => {
    const result = await runStreaming({ command: 'sh', args: ['-c', 'echo started; exec sleep 30'], timeoutMs: 500 }, () => undefined)
    expect(result.timedOut).toBe(true)
    // Ended by SIGTERM (128 + 15), not by sleep running out.
    expect(result.exitCode).toBe(143)
    expect(describeFailure('pg_dump', result, 500)).toMatch(/pg_dump did not finish within/)
  })

  test('a tool past its time limit is stopped with everything it started', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'group-'))
    const pidFile = join(dir, 'pid')
    const result = await runTool({ command: 'sh', args: ['-c', `sleep 30 & echo $! > ${pidFile}; wait`], timeoutMs: 1000 })
    expect(result.timedOut).toBe(true)
    const grandchild = Number(await readFile(pidFile, 'utf8'))
    expect(grandchild).toBeGreaterThan(0)
    expect(isRunning(grandchild)).toBe(false)
  })

  test('when the output cannot be consumed, the tool is stopped for sure, waited for, and its stderr is in the error', async () => {
    let pid = 0
    const started = runStreaming(
      // Ignores SIGTERM (and so does the sleep it starts): only the SIGKILL that follows ends them.
      { command: 'sh', args: ['-c', "trap '' TERM PIPE; echo 'pg_dump: error: connection lost' >&2; echo line; sleep 60"] },
      () => {
        pid = liveChildPids()[0]
        throw new Error('disk full')
      }
    )
    await expect(started).rejects.toThrow(/^disk full; sh was stopped, its error output: pg_dump: error: connection lost$/)
    expect(pid).toBeGreaterThan(0)
    expect(isRunning(pid)).toBe(false)
    expect(liveChildPids()).toEqual([])
  })

  test('a child gets the allow-listed environment and what its command adds, nothing else', async () => {
    const canaries = {
      'INPUT_DB-PASSWORD': 'canary-input-password',
      ACTIONS_RUNTIME_TOKEN: 'canary-runtime-token',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'canary-id-token',
      AWS_SECRET_ACCESS_KEY: 'canary-aws-secret',
      DB_BACKUP_TEST_CANARY: 'canary-anything-else'
    }
    const kept = { LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC', TMPDIR: tmpdir(), RUNNER_TRACKING_ID: 'github_0123' }
    Object.assign(process.env, canaries, kept)
    try {
      const running = runTool({ command: 'sleep', args: ['5'], env: { PGPASSWORD: 'for-this-tool' }, timeoutMs: 5000 })
      const pid = await waitFor(() => liveChildPids()[0], 'the child')
      const environ = await environOf(pid)
      process.kill(pid, 'SIGTERM')
      await running
      expect(environ).toMatchObject({ ...kept, PATH: process.env.PATH, PGPASSWORD: 'for-this-tool' })
      const allowed = /^(PATH|HOME|TMPDIR|TZ|LANG|LANGUAGE|RUNNER_TRACKING_ID|LC_\w+|PGPASSWORD)$/
      expect(Object.keys(environ).filter((name) => !allowed.test(name))).toEqual([])
      const text = JSON.stringify(environ)
      for (const value of Object.values(canaries)) expect(text).not.toContain(value)
    } finally {
      for (const name of [...Object.keys(canaries), ...Object.keys(kept)]) delete process.env[name]
    }
  })

  test('a secret cut by the end of the stderr tail is removed whole, not left in part', async () => {
    const secret = 'Zq7hWv9xKp3m'
    registerSecret(secret)
    // The tail keeps the last 16 KiB: the cut falls 4 characters before the end of the secret,
    // which comes in two writes, so in two chunks.
    const script = `printf 'a%.0s' $(seq 100) >&2; printf '${secret.slice(0, 5)}' >&2; sleep 0.2; printf '${secret.slice(5)}' >&2; head -c ${16 * 1024 - 4} /dev/zero | tr '\\0' b >&2`
    const result = await runTool({ command: 'sh', args: ['-c', script] })
    expect(result.stderr.length).toBe(16 * 1024)
    expect(/^a\*{3}b+$/.test(result.stderr)).toBe(true)
    const fragments = []
    for (let length = 3; length <= secret.length; length++) {
      for (let start = 0; start + length <= secret.length; start++) fragments.push(secret.slice(start, start + length))
    }
    expect(fragments.filter((fragment) => result.stderr.includes(fragment))).toEqual([])
  })

  test('a program that does not exist is a clear error', async () => {
    await expect(runStreaming({ command: '/nonexistent/pg_dump', args: [] }, () => undefined)).rejects.toThrow(/could not be started/)
  })

  test('the file gets every byte with the SHA-256 of those bytes, and stderr comes back without secrets', async () => {
    registerSecret('hunter2-in-stderr')
    const dir = await mkdtemp(join(tmpdir(), 'capture-'))
    const file = join(dir, 'out')
    const result = await captureDump({
      dump: { command: 'sh', args: ['-c', 'head -c 3000000 /dev/urandom; echo "password hunter2-in-stderr rejected" >&2'] },
      compression: { name: 'none', level: 0 },
      file,
      check: async () => ({})
    })
    expect(result.dump.exitCode).toBe(0)
    expect(result.sizeBytes).toBe(3_000_000)
    expect((await stat(file)).size).toBe(3_000_000)
    const { createHash } = await import('node:crypto')
    expect(result.sha256).toBe(createHash('sha256').update(await readFile(file)).digest('hex'))
    expect(result.dump.stderr).toBe('password *** rejected')
  })

  test('when what the dump goes into fails, the dump tool is stopped for sure, waited for, and its stderr is in the error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'capture-'))
    let pid = 0
    const discarded: unknown[] = []
    const captured = captureDump({
      // Ignores SIGTERM (and so do the programs it starts): only the SIGKILL that follows ends them.
      dump: { command: 'sh', args: ['-c', "trap '' TERM PIPE; echo 'pg_dump: error: connection lost' >&2; head -c 3000000 /dev/zero; sleep 60"] },
      compression: { name: 'none', level: 0 },
      file: join(dir, 'out'),
      check: async () => ({}),
      open: async () => ({
        write: async () => {
          pid = liveChildPids()[0]
          throw new Error('disk full')
        },
        finish: async () => undefined,
        discard: async (reason) => {
          discarded.push(reason)
        }
      })
    })
    await expect(captured).rejects.toThrow(/^disk full; sh was stopped, its error output: pg_dump: error: connection lost$/)
    expect(pid).toBeGreaterThan(0)
    expect(isRunning(pid)).toBe(false)
    expect(liveChildPids()).toEqual([])
    expect(discarded).toHaveLength(1)
  })

})
