import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { liveChildPids, runTool, stopAllChildren } from '../../src/util/process.js'
import { isRunning } from '../support/runner.js'


async function fileText(path: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const text = await readFile(path, 'utf8').catch(() => '')
    if (text.trim()) return text
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`${path} stayed empty`)
}

// Real processes. This file stops every child of its module, so it has that module to itself.
describe('stopping every child (a cancelled run)', () => {
  test('every running tool and what it started is stopped, and no tool starts after that', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stop-all-'))
    // A pipeline's child that ignores SIGTERM: the process group is what gets the SIGKILL.
    const running = [0, 1].map((n) =>
      runTool({ command: 'sh', args: ['-c', `trap '' TERM; sleep 60 & echo $! > ${join(dir, `pid${n}`)}; wait`] })
    )
    const grandchildren = await Promise.all([0, 1].map(async (n) => Number(await fileText(join(dir, `pid${n}`)))))
    const children = liveChildPids()
    expect(children).toHaveLength(2)

    await stopAllChildren(new Error('the run was cancelled: SIGINT received'), 500)
    const results = await Promise.all(running)
    expect(results.map((result) => result.exitCode)).toEqual([137, 137])
    expect([...children, ...grandchildren].filter(isRunning)).toEqual([])
    expect(liveChildPids()).toEqual([])

    await expect(runTool({ command: 'true', args: [] })).rejects.toThrow('the run was cancelled: SIGINT received')
  })
})
