import { AbortMultipartUploadCommand, HeadObjectCommand } from '@aws-sdk/client-s3'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { S3Options, StorageConfig } from '../../src/config/types.js'
import { S3Storage } from '../../src/storage/s3/storage.js'
import type { BackupMetadata } from '../../src/storage/types.js'
import { freePort } from '../support/ports.js'
import { s3Error, startRecordingProxy, startS3rver, type RecordingProxy, type Refusal, type S3Emulator, type ProxiedRequest } from '../support/s3rver.js'
import { setEnvironment } from '../support/environment.js'

const BUCKET = 'backups'
const MiB = 1024 * 1024

let s3: S3Emulator
let work: string
let restoreEnv: () => void = () => undefined
const proxies: RecordingProxy[] = []

beforeAll(async () => {
  s3 = await startS3rver([BUCKET])
  restoreEnv = setEnvironment(s3.env)
  work = await mkdtemp(join(tmpdir(), 's3-it-'))
})

afterAll(async () => {
  restoreEnv()
  await Promise.all(proxies.map((proxy) => proxy.stop()))
  await s3?.stop()
  await rm(work, { recursive: true, force: true })
})

async function proxy(refuse?: (request: ProxiedRequest) => Refusal | undefined): Promise<RecordingProxy> {
  const started = await startRecordingProxy(s3.endpoint, refuse)
  proxies.push(started)
  return started
}

function backend(options: Partial<S3Options> = {}, bucket = BUCKET): S3Storage {
  const config: StorageConfig = {
    type: 's3',
    bucket,
    path: 'db',
    s3: { endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, checksum: 'none', ...options }
  }
  return new S3Storage(config)
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

async function storedSha256(key: string, bucket = BUCKET): Promise<string> {
  const target = join(work, `download-${randomBytes(4).toString('hex')}`)
  await s3.download(bucket, key, target)
  return createHash('sha256').update(await readFile(target)).digest('hex')
}

describe('S3Storage against s3rver', () => {
  test('a dump smaller than a part goes in one PutObject, with its metadata; the ETag and size are the stored ones', async () => {
    const { file, sha256, content } = await dumpFile('small.dump', 700 * 1024)
    const key = 'db/shop-20261126T030405Z-0000aaaa.dump'
    const recorder = await proxy()
    const result = await backend({ endpoint: recorder.endpoint }).upload(file, key, metadataFor(sha256))

    expect(result).toMatchObject({ uri: `s3://${BUCKET}/${key}`, sizeBytes: content.length, versionId: '' })
    // A single-part ETag is the MD5 of the object, reported without its quotes.
    expect(result.etag).toBe(createHash('md5').update(content).digest('hex'))
    expect(result.durationMs).toBeGreaterThan(0)
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))
    expect(head.ContentLength).toBe(content.length)
    expect(head.Metadata).toEqual({ sha256, backupname: 'shop', dbtype: 'postgresql', createdat: '2026-11-26T03:04:05.000Z' })
    expect(await storedSha256(key)).toBe(sha256)
    const puts = recorder.requests.filter((request) => request.method === 'PUT')
    expect(puts).toHaveLength(1)
    // With checksums off (the default with s3-endpoint) no checksum header is sent.
    expect(Object.keys(puts[0].headers).filter((name) => name.startsWith('x-amz-checksum-'))).toEqual([])
  })

  test('a larger dump goes as a multipart upload of 5 MiB parts and reads back identical', async () => {
    const { file, sha256, content } = await dumpFile('large.dump', 12 * MiB + 5)
    const key = 'db/shop-20261126T030406Z-0000bbbb.dump'
    const recorder = await proxy()
    const result = await backend({ endpoint: recorder.endpoint }).upload(file, key, metadataFor(sha256))

    expect(result.sizeBytes).toBe(content.length)
    expect(result.etag).toMatch(/^[0-9a-f]{32}(-\d+)?$/)
    const parts = recorder.requests.filter((request) => request.method === 'PUT' && /partNumber=/.test(request.url))
    expect(parts).toHaveLength(3)
    expect(parts.map((request) => Number(request.headers['content-length'])).sort((a, b) => b - a)).toEqual([5 * MiB, 5 * MiB, 2 * MiB + 5])
    expect(await storedSha256(key)).toBe(sha256)
  })

  test('with s3-checksum sha256, a single PutObject carries the dump\'s SHA-256 for S3 to check', async () => {
    const { file, sha256 } = await dumpFile('checked.dump', 64 * 1024)
    const recorder = await proxy()
    await backend({ endpoint: recorder.endpoint, checksum: 'sha256' }).upload(file, 'db/shop-20261126T030407Z-0000cccc.dump', metadataFor(sha256))
    const put = recorder.requests.find((request) => request.method === 'PUT')
    expect(put?.headers['x-amz-checksum-sha256']).toBe(Buffer.from(sha256, 'hex').toString('base64'))
  })

  test('with s3-checksum sha256, each part of a multipart upload carries its own SHA-256', async () => {
    const { file, sha256, content } = await dumpFile('checked-parts.dump', 11 * MiB)
    const recorder = await proxy()
    await backend({ endpoint: recorder.endpoint, checksum: 'sha256' }).upload(file, 'db/shop-20261126T030408Z-0000dddd.dump', metadataFor(sha256))
    const parts = recorder.requests.filter((request) => request.method === 'PUT' && /partNumber=1&/.test(request.url))
    expect(parts).toHaveLength(1)
    expect(parts[0].headers['x-amz-checksum-sha256']).toBe(createHash('sha256').update(content.subarray(0, 5 * MiB)).digest('base64'))
  })

  test('a part refused mid-upload fails the upload, the multipart upload is aborted, and no object is left', async () => {
    const { file, sha256 } = await dumpFile('refused.dump', 16 * MiB)
    const key = 'db/shop-20261126T030409Z-0000eeee.dump'
    const recorder = await proxy((request) =>
      request.method === 'PUT' && /partNumber=2&/.test(request.url) ? { status: 403, body: s3Error('AccessDenied', 'Access Denied') } : undefined
    )
    const failure = backend({ endpoint: recorder.endpoint }).upload(file, key, metadataFor(sha256))
    await expect(failure).rejects.toThrow(/upload of s3:\/\/backups\/db\/shop-20261126T030409Z-0000eeee\.dump to S3 bucket "backups" at http:\/\/127\.0\.0\.1:\d+ failed: access denied \(AccessDenied\)/)
    await expect(failure).rejects.not.toThrow(/could not be aborted/)
    expect(await s3.uploads(BUCKET)).toEqual([])
    const created = recorder.requests.find((request) => request.method === 'POST' && /\?uploads/.test(request.url))
    expect(created).toBeDefined()
    const abort = recorder.requests.find((request) => request.method === 'DELETE' && /uploadId=/.test(request.url))
    expect(abort?.url).toContain(encodeURIComponent(key).replace(/%2F/g, '/'))
    expect(recorder.requests.some((request) => request.method === 'POST' && /uploadId=/.test(request.url))).toBe(false)
    expect(await s3.keys(BUCKET, key)).toEqual([])
  })

  test('a service without AbortMultipartUpload: the failed upload\'s error says its multipart upload could not be aborted, instead of hiding it', async () => {
    const { file, sha256 } = await dumpFile('refused-no-abort.dump', 16 * MiB)
    const recorder = await proxy((request) => {
      if (request.method === 'PUT' && /partNumber=2&/.test(request.url)) return { status: 403, body: s3Error('AccessDenied', 'Access Denied') }
      if (request.method === 'DELETE' && /uploadId=/.test(request.url)) return { status: 405, body: s3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.') }
      return undefined
    })
    const failure = backend({ endpoint: recorder.endpoint }).upload(file, 'db/shop-20261126T030409Z-0000ffff.dump', metadataFor(sha256))
    await expect(failure).rejects.toThrow(/failed: access denied \(AccessDenied\).*; its multipart upload \S+ could not be aborted \(MethodNotAllowed.*a lifecycle rule with AbortIncompleteMultipartUpload removes the parts it stored/)
    // The emulator still holds it: removed here so that no later test sees it.
    const [left] = await s3.uploads(BUCKET)
    expect(left).toBeDefined()
    await s3.client.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'db/shop-20261126T030409Z-0000ffff.dump', UploadId: left }))
    expect(await s3.uploads(BUCKET)).toEqual([])
  })

  test('lists more than 1000 objects through pages, and deletes in batches of at most 1000', async () => {
    const bucket = 'paged-backups'
    await s3.createBucket(bucket)
    const foreign = Array.from({ length: 1100 }, (_, i) => `db/shop-foreign-${String(i).padStart(4, '0')}.txt`)
    for (let i = 0; i < foreign.length; i += 50) await Promise.all(foreign.slice(i, i + 50).map((key) => s3.put(bucket, key, 'x')))
    const own = ['db/shop-20261001T000000Z-00000001.dump', 'db/shop-20261002T000000Z-00000002.dump']
    // S3 times have whole seconds.
    const before = Math.floor(Date.now() / 1000) * 1000
    for (const key of own) await s3.put(bucket, key, `content of ${key}`, { dbtype: 'postgresql', backupname: 'shop' })
    const after = Date.now()
    await s3.put(bucket, 'other/shop-20261001T000000Z-00000009.dump', 'outside the prefix')

    const recorder = await proxy()
    const storage = backend({ endpoint: recorder.endpoint }, bucket)
    const listed = await storage.list('db/shop-')
    expect(listed).toHaveLength(1102)
    const listedOwn = listed.find((object) => object.key === own[1])
    expect(listedOwn).toEqual({ key: own[1], sizeBytes: `content of ${own[1]}`.length, lastModified: expect.any(Date) })
    expect(listedOwn?.lastModified.getTime()).toBeGreaterThanOrEqual(before)
    expect(listedOwn?.lastModified.getTime()).toBeLessThanOrEqual(after)
    const listings = recorder.requests.filter((request) => request.method === 'GET' && /list-type=2/.test(request.url))
    expect(listings).toHaveLength(2)
    expect(listings[1].url).toMatch(/continuation-token=/)
    // ListObjectsV2 has no user metadata: one HeadObject reads it, and a key gone since is undefined.
    expect(await storage.metadata(own[1])).toEqual({ metadata: { dbtype: 'postgresql', backupname: 'shop' } })
    expect(await storage.metadata('db/shop-20260101T000000Z-0000dead.dump')).toBeUndefined()
    expect(recorder.requests.filter((request) => request.method === 'HEAD')).toHaveLength(2)

    const doomed = [...foreign.slice(0, 1050), own[0]]
    const { deleted, locked } = await storage.delete(doomed)
    expect(locked).toEqual([])
    expect(deleted.sort()).toEqual([...doomed].sort())
    expect(recorder.requests.filter((request) => request.method === 'POST' && /\?delete/.test(request.url))).toHaveLength(2)
    const remaining = (await s3.keys(bucket)).map((object) => object.key)
    expect(remaining).toHaveLength(52)
    expect(remaining).toContain(own[1])
    expect(remaining).toContain('other/shop-20261001T000000Z-00000009.dump')
  })

  test('a service without DeleteObjects gets one DeleteObject per key', async () => {
    const keys = ['db/shop-20261003T000000Z-00000003.dump', 'db/shop-20261004T000000Z-00000004.dump']
    for (const key of keys) await s3.put(BUCKET, key, 'old')
    const recorder = await proxy((request) =>
      request.method === 'POST' && /\?delete/.test(request.url) ? { status: 501, body: s3Error('NotImplemented', 'A header you provided implies functionality that is not implemented') } : undefined
    )
    const { deleted, locked } = await backend({ endpoint: recorder.endpoint }).delete(keys)
    expect(locked).toEqual([])
    expect(deleted.sort()).toEqual(keys)
    expect(recorder.requests.filter((request) => request.method === 'DELETE')).toHaveLength(2)
    expect(await s3.keys(BUCKET, 'db/shop-2026100')).toEqual([])
  })

  test('a missing bucket, refused credentials and a closed port each fail with what to fix, and show no secret', async () => {
    const { file, sha256 } = await dumpFile('fail.dump', 2048)
    await expect(backend({}, 'no-such-bucket').upload(file, 'db/a.dump', metadataFor(sha256))).rejects.toThrow(
      /S3 bucket "no-such-bucket" .* failed: the bucket "no-such-bucket" does not exist \(NoSuchBucket\)/
    )

    const secret = 'wrong-secret-0f9e8d7c6b5a'
    process.env.AWS_ACCESS_KEY_ID = 'AKIAWRONGKEY0000TEST'
    process.env.AWS_SECRET_ACCESS_KEY = secret
    try {
      const refused = backend().upload(file, 'db/a.dump', metadataFor(sha256))
      await expect(refused).rejects.toThrow(/the credentials were refused \(InvalidAccessKeyId\)/)
      await expect(refused).rejects.not.toThrow(new RegExp(secret))
      await expect(backend().list('db/')).rejects.toThrow(/listing s3:\/\/backups\/db\/\* .* failed: the credentials were refused/)
    } finally {
      process.env.AWS_ACCESS_KEY_ID = s3.env.AWS_ACCESS_KEY_ID
      process.env.AWS_SECRET_ACCESS_KEY = s3.env.AWS_SECRET_ACCESS_KEY
    }

    const closed = `http://127.0.0.1:${await freePort()}`
    await expect(backend({ endpoint: closed }).upload(file, 'db/a.dump', metadataFor(sha256))).rejects.toThrow(
      /failed: cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/
    )
    expect(await s3.keys(BUCKET, 'db/a.dump')).toEqual([])
  })
})
