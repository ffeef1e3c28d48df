import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { copyToNewFile, DownloadTooLarge, saveStream, sizeGuard } from '../../src/util/files.js'

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

describe('the download size cap (sizeGuard, saveStream)', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'size-cap-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  /** A source that says nothing of its size and sends 64 KiB chunks without end, counting what was read from it. */
  function endless(): { source: Readable; read: () => number } {
    let read = 0
    const source = new Readable({
      read() {
        read += 65_536
        this.push(Buffer.alloc(65_536, 1))
      }
    })
    return { source, read: () => read }
  }

  test('a stream that sends more than the cap, announcing no size: fails at the cap, nothing beyond it written, the source destroyed', async () => {
    const { source, read } = endless()
    const cap = { name: 'gs://b/db/shop.dump', maxBytes: 200_000 }
    await expect(saveStream(source, join(dir, 'download'), undefined, cap)).rejects.toThrow(
      'gs://b/db/shop.dump is listed at 200000 bytes, but the storage sent more than 200000 bytes: reading stopped at the listed size (196608 bytes written)'
    )
    expect((await stat(join(dir, 'download'))).size).toBeLessThanOrEqual(200_000)
    expect(source.destroyed).toBe(true)
    // What the stream machinery reads ahead, not the whole of an endless source.
    expect(read()).toBeLessThan(2 * 1024 * 1024)
  })

  test('a source announced larger than the cap is not read, and no file is created', async () => {
    const { source, read } = endless()
    const error = await saveStream(source, join(dir, 'download'), undefined, { name: 's3://b/k', maxBytes: 1000, announcedBytes: 209_715_200 }).catch((caught: Error) => caught)
    expect(error).toBeInstanceOf(DownloadTooLarge)
    expect((error as Error).message).toMatch(/^s3:\/\/b\/k is listed at 1000 bytes, but the storage sent 209715200 bytes: reading stopped at the listed size \(0 bytes written\)/)
    expect(read()).toBe(0)
    expect(source.destroyed).toBe(true)
    expect(await readdir(dir)).toEqual([])
  })

  test('exactly the listed size passes; the guard counts across chunks', async () => {
    const content = randomBytes(150_000)
    const saved = await saveStream(Readable.from([content.subarray(0, 100_000), content.subarray(100_000)]), join(dir, 'download'), undefined, { name: 'x', maxBytes: 150_000 })
    expect(saved.sizeBytes).toBe(150_000)
    const guard = sizeGuard({ name: 'x', maxBytes: 10 })
    guard(Buffer.alloc(6))
    expect(() => guard(Buffer.alloc(5))).toThrow(/listed at 10 bytes, but the storage sent more than 10 bytes: reading stopped at the listed size \(6 bytes written\)/)
  })

  test('copyToNewFile with the guard (a local file grown since it was listed): stops before the chunk beyond the cap', async () => {
    await writeFile(join(dir, 'source'), randomBytes(3 * 1024 * 1024))
    const guard = sizeGuard({ name: 'file:///store/shop.dump', maxBytes: 1000 })
    await expect(copyToNewFile(join(dir, 'source'), join(dir, 'target'), undefined, guard)).rejects.toThrow(/listed at 1000 bytes, but the storage sent more than 1000 bytes/)
    expect((await stat(join(dir, 'target'))).size).toBe(0)
  })
})
