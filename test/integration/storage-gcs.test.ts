import { Storage } from '@google-cloud/storage'
import { createHash, randomBytes } from 'node:crypto'
import { readFile, rm, writeFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { StorageConfig } from '../../src/config/types.js'
import { GcsStorage } from '../../src/storage/gcs/storage.js'
import type { BackupMetadata } from '../../src/storage/types.js'
import { Crc32c, startGcsServer, storedSize, type GcsServer } from '../support/gcs-server.js'
import { freePort } from '../support/ports.js'
import { setEnvironment } from '../support/environment.js'

const BUCKET = 'backups'
const MiB = 1024 * 1024

let server: GcsServer
let work: string
let restoreEnvironment: () => void = () => undefined

beforeAll(async () => {
  server = await startGcsServer()
  server.createBucket(BUCKET)
  restoreEnvironment = setEnvironment({ STORAGE_EMULATOR_HOST: server.url })
  work = await mkdtemp(join(tmpdir(), 'gcs-it-'))
})

afterAll(async () => {
  restoreEnvironment()
  await server?.stop()
  await rm(work, { recursive: true, force: true })
})

beforeEach(() => {
  server.requests.length = 0
  server.failUploadsAfter(undefined)
})

function backend(bucket = BUCKET): GcsStorage {
  const config: StorageConfig = { type: 'gcs', bucket, path: 'db' }
  return new GcsStorage(config)
}

async function dumpFile(name: string, size: number): Promise<{ file: string; sha256: string; content: Buffer }> {
  const content = randomBytes(size)
  const file = join(work, name)
  await writeFile(file, content)
  return { file, sha256: createHash('sha256').update(content).digest('hex'), content }
}

function metadataFor(sha256: string): BackupMetadata {
  return { sha256, backupName: 'shop', dbType: 'postgresql', createdAt: '2026-11-26T03:04:05.000Z' }
}

describe('the GCS emulator speaks the JSON API the real client uses', () => {
  test('CRC32C is the Castagnoli checksum (RFC 3720 test vector)', () => {
    const value = Buffer.from(new Crc32c().update(Buffer.from('123456789')).base64(), 'base64').readUInt32BE()
    expect(value).toBe(0xe3069283)
  })

  test('a single-request resumable upload of a stream of unknown length (Content-Range bytes 0-*/*)', async () => {
    const client = new Storage()
    const data = randomBytes(300 * 1024)
    await pipeline(Readable.from([data.subarray(0, 1000), data.subarray(1000)]), client.bucket(BUCKET).file('raw/stream.bin').createWriteStream({ resumable: true }))
    expect(server.requests.some((request) => request.contentRange === 'bytes 0-*/*')).toBe(true)
    const [downloaded] = await client.bucket(BUCKET).file('raw/stream.bin').download()
    expect(downloaded.equals(data)).toBe(true)
  })

  test('a multipart upload, object metadata and a download', async () => {
    const client = new Storage()
    const data = Buffer.from('multipart body\r\n--not-a-boundary\r\n')
    await client.bucket(BUCKET).file('raw/multi.txt').save(data, { resumable: false, metadata: { metadata: { owner: 'test' } } })
    expect(server.requests.some((request) => request.query.uploadType === 'multipart')).toBe(true)
    const [metadata] = await client.bucket(BUCKET).file('raw/multi.txt').getMetadata()
    expect(metadata.size).toBe(String(data.length))
    expect(metadata.metadata).toEqual({ owner: 'test' })
    expect(metadata.md5Hash).toBe(createHash('md5').update(data).digest('base64'))
    const [downloaded] = await client.bucket(BUCKET).file('raw/multi.txt').download()
    expect(downloaded.equals(data)).toBe(true)
  })

  test('an upload whose data does not match the CRC32C declared in its metadata is refused, as GCS does', async () => {
    const client = new Storage()
    const data = Buffer.from('some bytes')
    await expect(
      client.bucket(BUCKET).file('raw/bad-hash.txt').save(data, { resumable: false, metadata: { crc32c: 'AAAAAA==' }, validation: false })
    ).rejects.toThrow()
    expect(server.objects(BUCKET).map((object) => object.name)).not.toContain('raw/bad-hash.txt')
  })
})

describe('GcsStorage against the emulator', () => {
  test('uploads a small dump in one resumable request; the object has its size, hashes and metadata', async () => {
    const { file, sha256, content } = await dumpFile('small.dump', 300 * 1024 + 7)
    const result = await backend().upload(file, 'db/shop-20261126T030405Z-0000aaaa.dump', metadataFor(sha256))

    const stored = server.objects(BUCKET).find((object) => object.name === 'db/shop-20261126T030405Z-0000aaaa.dump')
    expect(stored).toBeDefined()
    expect(result).toMatchObject({ uri: 'gs://backups/db/shop-20261126T030405Z-0000aaaa.dump', sizeBytes: content.length, versionId: stored?.generation })
    expect(result.etag).not.toBe('')
    expect(result.durationMs).toBeGreaterThan(0)
    expect(await storedSize(stored!)).toBe(content.length)
    expect(stored?.md5Hash).toBe(createHash('md5').update(content).digest('base64'))
    expect(stored?.crc32c).toBe(new Crc32c().update(content).base64())
    expect(stored?.metadata).toEqual({ sha256, backupname: 'shop', dbtype: 'postgresql', createdat: '2026-11-26T03:04:05.000Z' })
    const upload = server.requests.find((request) => request.method === 'POST')
    expect(upload?.query).toMatchObject({ uploadType: 'resumable', ifGenerationMatch: '0' })
    expect(server.requests.filter((request) => request.contentRange).map((request) => request.contentRange)).toEqual([
      `bytes 0-${content.length - 1}/${content.length}`
    ])
  })

  test('uploads a dump larger than a chunk in several requests and it reads back identical', async () => {
    const { file, sha256, content } = await dumpFile('large.dump', 40 * MiB + 123)
    const key = 'db/shop-20261126T030406Z-0000bbbb.dump'
    const result = await backend().upload(file, key, metadataFor(sha256))
    expect(result.sizeBytes).toBe(content.length)
    const ranges = server.requests.filter((request) => request.contentRange).map((request) => request.contentRange)
    expect(ranges.length).toBe(3)
    expect(ranges[0]).toBe(`bytes 0-${16 * MiB - 1}/*`)
    expect(ranges[2]).toBe(`bytes ${32 * MiB}-${content.length - 1}/${content.length}`)
    const stored = server.objects(BUCKET).find((object) => object.name === key)!
    expect(createHash('sha256').update(await readFile(stored.path)).digest('hex')).toBe(sha256)
  })

  test('an object already under the key is never replaced, nor deleted by the failed upload', async () => {
    const key = 'db/shop-20261126T030407Z-0000cccc.dump'
    await server.putObject(BUCKET, key, 'someone else wrote this')
    const { file, sha256 } = await dumpFile('clash.dump', 4096)
    await expect(backend().upload(file, key, metadataFor(sha256))).rejects.toThrow(/already exists under the key \(HTTP 412\)/)
    const stored = server.objects(BUCKET).find((object) => object.name === key)!
    expect((await readFile(stored.path)).toString()).toBe('someone else wrote this')
  })

  test('a failure in the middle of an upload cancels the session and leaves no object', async () => {
    server.failUploadsAfter(20 * MiB)
    const { file, sha256 } = await dumpFile('interrupted.dump', 40 * MiB)
    const key = 'db/shop-20261126T030408Z-0000dddd.dump'
    await expect(backend().upload(file, key, metadataFor(sha256))).rejects.toThrow(
      /upload of gs:\/\/backups\/db\/shop-20261126T030408Z-0000dddd\.dump to GCS bucket "backups" at http:\/\/127\.0\.0\.1:\d+ failed: access denied \(HTTP 403\)/
    )
    expect(server.cancelledSessions).toHaveLength(1)
    expect(server.objects(BUCKET).map((object) => object.name)).not.toContain(key)
  })

  test('lists more than 1000 objects through pages, and deletes only the keys given', async () => {
    server.createBucket('paged')
    for (let i = 0; i < 1100; i++) await server.putObject('paged', `db/shop-foreign-${String(i).padStart(4, '0')}.txt`, 'x')
    const own = ['db/shop-20261001T000000Z-00000001.dump', 'db/shop-20261002T000000Z-00000002.dump', 'db/shop-20261003T000000Z-00000003.dump']
    const before = Date.now()
    for (const key of own) await server.putObject('paged', key, `content of ${key}`, key === own[0] ? { dbtype: 'postgresql', backupname: 'shop' } : {})
    const after = Date.now()
    await server.putObject('paged', 'other/shop-20261001T000000Z-00000009.dump', 'outside the prefix')

    const listed = await backend('paged').list('db/shop-')
    expect(listed).toHaveLength(1103)
    // The listing carries each object's creation time and its user metadata ({} where it has none).
    const first = listed.find((object) => object.key === own[0])
    expect(first).toEqual({ key: own[0], sizeBytes: `content of ${own[0]}`.length, lastModified: expect.any(Date), metadata: { dbtype: 'postgresql', backupname: 'shop' } })
    expect(first?.lastModified.getTime()).toBeGreaterThanOrEqual(before)
    expect(first?.lastModified.getTime()).toBeLessThanOrEqual(after)
    expect(listed.find((object) => object.key === own[1])?.metadata).toEqual({})
    const pages = server.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/o'))
    expect(pages.length).toBe(2)
    expect(pages[1].query.pageToken).toBeTruthy()

    const { deleted, locked } = await backend('paged').delete([own[0], own[1], 'db/shop-20260101T000000Z-0000dead.dump'])
    expect(locked).toEqual([])
    expect(deleted.sort()).toEqual([own[0], own[1]])
    const remaining = server.objects('paged').map((object) => object.name)
    expect(remaining).toHaveLength(1102)
    expect(remaining).toContain(own[2])
    expect(remaining).toContain('other/shop-20261001T000000Z-00000009.dump')
  })

  test('a missing bucket, a refusing one and a closed port each fail with what to fix', async () => {
    const { file, sha256 } = await dumpFile('fail.dump', 2048)
    await expect(backend('no-such-bucket').upload(file, 'db/a.dump', metadataFor(sha256))).rejects.toThrow(/the bucket "no-such-bucket" does not exist/)

    server.createBucket('locked')
    server.denyWrites('locked')
    await expect(backend('locked').upload(file, 'db/a.dump', metadataFor(sha256))).rejects.toThrow(/access denied \(HTTP 403\).*storage\.objects\.create/)
    expect(server.objects('locked')).toEqual([])

    const closed = await freePort()
    process.env.STORAGE_EMULATOR_HOST = `http://127.0.0.1:${closed}`
    try {
      await expect(backend().upload(file, 'db/a.dump', metadataFor(sha256))).rejects.toThrow(/cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/)
      await expect(backend().list('db/')).rejects.toThrow(/listing gs:\/\/backups\/db\/\* .* failed: cannot reach/)
    } finally {
      process.env.STORAGE_EMULATOR_HOST = server.url
    }
  })
})
