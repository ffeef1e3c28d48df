import { runTool, stopAllChildren } from '../../src/util/process.js'

describe('once the run is cancelled', () => {
  test('no tool starts any more, but a cleanup (dropping a scratch database) still does', async () => {
    await stopAllChildren(new Error('the run was cancelled'), 100)
    await expect(runTool({ command: 'true', args: [] })).rejects.toThrow('the run was cancelled')
    const cleanup = await runTool({ command: 'echo', args: ['dropped'], cleanup: true })
    expect(cleanup).toMatchObject({ exitCode: 0, stdout: 'dropped\n' })
  })
})
