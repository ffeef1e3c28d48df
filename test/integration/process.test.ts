import { mkdtemp, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeFailure, runStreaming, runTool, runToolToFile } from '../../src/util/process.js'
import { registerSecret } from '../../src/util/secrets.js'

describe('running tools', () => {
  test('a streaming tool past its time limit is stopped and reported as timed out', async () => {
    const result = await runStreaming({ command: 'sh', args: ['-c', 'echo started; exec sleep 30'], timeoutMs: 500 }, () => undefined)
    expect(result.timedOut).toBe(true)
    // Ended by SIGTERM (128 + 15), not by sleep running out.
    expect(result.exitCode).toBe(143)
    expect(describeFailure('pg_dump', result, 500)).toMatch(/pg_dump did not finish within/)
  })

  test('a short tool past its time limit is stopped by coreutils timeout', async () => {
    const result = await runTool({ command: 'sleep', args: ['30'], timeoutMs: 1000 })
    expect(result.timedOut).toBe(true)
  })

  test('when the output cannot be consumed, the tool is stopped and the error is the consumer\'s', async () => {
    await expect(
      runStreaming({ command: 'sh', args: ['-c', 'while true; do echo line; done'] }, () => {
        throw new Error('disk full')
      })
    ).rejects.toThrow('disk full')
  })

  test('a program that does not exist is a clear error', async () => {
    await expect(runStreaming({ command: '/nonexistent/pg_dump', args: [] }, () => undefined)).rejects.toThrow(/could not be started/)
  })

  test('the file gets every byte with the SHA-256 of those bytes, and stderr comes back without secrets', async () => {
    registerSecret('hunter2-in-stderr')
    const dir = await mkdtemp(join(tmpdir(), 'capture-'))
    const file = join(dir, 'out')
    const result = await runToolToFile(
      { command: 'sh', args: ['-c', 'head -c 3000000 /dev/urandom; echo "password hunter2-in-stderr rejected" >&2; exit 3'] },
      file
    )
    expect(result.exitCode).toBe(3)
    expect(result.sizeBytes).toBe(3_000_000)
    expect((await stat(file)).size).toBe(3_000_000)
    const { createHash } = await import('node:crypto')
    expect(result.sha256).toBe(createHash('sha256').update(await readFile(file)).digest('hex'))
    expect(result.stderr).toBe('password *** rejected')
  })
})
