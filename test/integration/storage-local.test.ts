import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalStorage } from '../../src/storage/local/storage.js'

/** What a directory listing shows retention while other runs write into the same directory. */

let work: string

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'local-storage-'))
})

afterEach(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('local storage listing', () => {
  test('lists a stored backup, never its sidecar nor another run\'s temporary files', async () => {
    const store = join(work, 'store')
    const storage = new LocalStorage({ type: 'local', bucket: '', path: store })
    const source = join(work, 'dump')
    await writeFile(source, 'backup bytes')
    await storage.upload(source, 'shop-20261126T000000Z-0000000a.dump', { sha256: 'a'.repeat(64) } as never)
    // What a concurrent run (or an older version of this action) leaves for a moment beside its backup.
    await writeFile(join(store, 'shop-20261126T000001Z-0000000b.dump.sha256.partial-cb1f204b'), 'x')
    await writeFile(join(store, '.shop-20261126T000001Z-0000000b.dump.partial-cb1f204c'), 'x')

    const listed = await storage.list('shop-')
    expect(listed.map((object) => object.key)).toEqual(['shop-20261126T000000Z-0000000a.dump'])
    expect(listed[0].sizeBytes).toBe(12)
    // The sidecar is written under a hidden temporary name, so nothing of this upload is left visible but the two files.
    expect((await readdir(store)).filter((name) => !name.includes('partial')).sort()).toEqual([
      'shop-20261126T000000Z-0000000a.dump',
      'shop-20261126T000000Z-0000000a.dump.sha256'
    ])
  })

  test('a directory that does not exist yet lists nothing', async () => {
    await expect(new LocalStorage({ type: 'local', bucket: '', path: join(work, 'none') }).list('shop-')).resolves.toEqual([])
  })
})
