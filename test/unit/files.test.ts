import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { copyToNewFile } from '../../src/util/files.js'

describe('copyToNewFile', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'copy-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  test('copies every byte into a new private file, showing each chunk on its way', async () => {
    // Over two buffers' worth, and not a multiple of one, so the loop's last short read counts.
    const content = randomBytes(2 * 1024 * 1024 + 12345)
    await writeFile(join(dir, 'source'), content)
    const seen: Buffer[] = []
    const copied = await copyToNewFile(join(dir, 'source'), join(dir, 'target'), undefined, (chunk) => seen.push(Buffer.from(chunk)))
    expect(copied).toBe(content.length)
    expect((await readFile(join(dir, 'target'))).equals(content)).toBe(true)
    expect(Buffer.concat(seen).equals(content)).toBe(true)
    expect((await stat(join(dir, 'target'))).mode & 0o777).toBe(0o600)
  })

  test('never writes over an existing file', async () => {
    await writeFile(join(dir, 'source'), 'new')
    await writeFile(join(dir, 'target'), 'kept')
    await expect(copyToNewFile(join(dir, 'source'), join(dir, 'target'))).rejects.toThrow(/EEXIST/)
    expect(await readFile(join(dir, 'target'), 'utf8')).toBe('kept')
  })

  test('an abort stops the copy between two chunks with its reason', async () => {
    await writeFile(join(dir, 'source'), randomBytes(8 * 1024 * 1024))
    const controller = new AbortController()
    let chunks = 0
    const copying = copyToNewFile(join(dir, 'source'), join(dir, 'target'), controller.signal, () => {
      if (++chunks === 1) controller.abort(new Error('the run was cancelled (SIGINT)'))
    })
    await expect(copying).rejects.toThrow('the run was cancelled (SIGINT)')
    expect(chunks).toBe(1)
    expect((await stat(join(dir, 'target'))).size).toBe(1024 * 1024)
    expect((await readdir(dir)).sort()).toEqual(['source', 'target'])
  })
})
