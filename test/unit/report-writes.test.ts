import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeDirectory } from '../../src/util/files.js'
import { withinTimeLimit } from '../../src/util/time-limit.js'

/** The writes a run makes before it can report: directories made in a way that ends, each write given a time limit. */

describe('makeDirectory', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'make-dir-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('makes every missing level, and accepts a directory that exists', async () => {
    const deep = join(dir, 'a', 'b', 'c')
    await makeDirectory(deep)
    expect((await stat(deep)).isDirectory()).toBe(true)
    await expect(makeDirectory(deep)).resolves.toBeUndefined()
  })

  test('a path under /proc, where the kernel answers ENOENT and recursive mkdir loops forever, fails with ENOENT', async () => {
    await expect(makeDirectory('/proc/self/x')).rejects.toMatchObject({ code: 'ENOENT' })
    await expect(makeDirectory('/proc/self/x/y/z')).rejects.toMatchObject({ code: 'ENOENT' })
  })

  test('a file in the way fails with ENOTDIR, naming the path', async () => {
    const file = join(dir, 'a-file')
    await writeFile(file, 'x')
    await expect(makeDirectory(file)).rejects.toThrow(`ENOTDIR: not a directory, mkdir '${file}'`)
    await expect(makeDirectory(join(file, 'audit'))).rejects.toMatchObject({ code: 'ENOTDIR' })
  })
})

describe('withinTimeLimit', () => {
  test('work that never ends is given up at the limit, with an error naming it', async () => {
    await expect(withinTimeLimit(new Promise(() => undefined), 10, 'writing /x/audit.json')).rejects.toThrow(
      'writing /x/audit.json did not finish within 0.01 s (a hung file system, or a FIFO nothing reads?): abandoned'
    )
  })

  test('work that ends in time gives its outcome, and its failure', async () => {
    await expect(withinTimeLimit(Promise.resolve('written'), 60_000, 'writing')).resolves.toBe('written')
    await expect(withinTimeLimit(Promise.reject(new Error('EACCES')), 60_000, 'writing')).rejects.toThrow('EACCES')
  })
})
