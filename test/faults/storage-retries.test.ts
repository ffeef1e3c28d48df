import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AzureBlobStorage } from '../../src/storage/azure-blob/storage.js'
import { GcsStorage } from '../../src/storage/gcs/storage.js'
import { S3Storage } from '../../src/storage/s3/storage.js'
import type { BackupMetadata, StorageBackend } from '../../src/storage/types.js'
import { startAzurite, type AzuriteServer } from '../support/azurite.js'
import { S3_ACCESS_DENIED, S3_SLOW_DOWN, startFaultProxy, type Fault, type FaultProxy, type SeenRequest } from '../support/fault-proxy.js'
import { startGcsServer, type GcsServer } from '../support/gcs-server.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'

/**
 * Each cloud backend, through the fault-injecting proxy in front of its emulator: transient faults
 * (503, 429, a connection cut mid-upload) are retried by the SDK and counted; a refusal (403) fails
 * at once; an upload whose connection dies on every attempt fails and leaves no object.
 */

const BUCKET = 'faults'
const MiB = 1024 * 1024

/** What a test needs of one backend and its emulator. */
interface Harness {
  /** The backend, talking to the emulator through `proxy`. */
  backend(proxy: FaultProxy): Promise<StorageBackend>
  /** The emulator's own endpoint, for the proxy. */
  target: string
  /** Names stored under `prefix`, read from the emulator directly. */
  stored(prefix: string): Promise<string[]>
  put(key: string, body: string): Promise<void>
  /** The requests that carry the upload's data, that list, that delete. */
  isUpload(request: SeenRequest): boolean
  isList(request: SeenRequest): boolean
  isDelete(request: SeenRequest): boolean
  /** The connection dying mid-upload. */
  cut: Fault
  /** How the service says "busy, try again" and "no permission". */
  busy: Fault
  throttled?: Fault
  denied: Fault
  denial: RegExp
}

const xml = { 'Content-Type': 'application/xml' }
const jsonType = { 'Content-Type': 'application/json; charset=UTF-8' }
const gcsError = (code: number, reason: string, message: string): Fault => ({
  status: code,
  body: JSON.stringify({ error: { code, message, errors: [{ message, domain: 'global', reason }] } }),
  headers: jsonType
})
const azureError = (status: number, code: string, message: string): Fault => ({
  status,
  body: `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  headers: { ...xml, 'x-ms-error-code': code }
})

let s3: S3Emulator
let gcs: GcsServer
let azurite: AzuriteServer
let work: string
const proxies: FaultProxy[] = []
const savedEnv = { ...process.env }

beforeAll(async () => {
  ;[s3, gcs, azurite] = await Promise.all([startS3rver([BUCKET]), startGcsServer(), startAzurite()])
  gcs.createBucket(BUCKET)
  await azurite.createContainer(BUCKET)
  Object.assign(process.env, s3.env)
  work = await mkdtemp(join(tmpdir(), 'storage-faults-'))
})

afterAll(async () => {
  process.env = savedEnv
  await Promise.all(proxies.map((proxy) => proxy.stop()))
  await Promise.all([s3?.stop(), gcs?.stop(), azurite?.stop()])
  await rm(work, { recursive: true, force: true })
})

const harnesses: Record<string, () => Harness> = {
  s3: () => ({
    target: s3.endpoint,
    backend: async (proxy) =>
      new S3Storage({ type: 's3', bucket: BUCKET, path: 'db', s3: { endpoint: proxy.endpoint, region: s3.region, forcePathStyle: true, checksum: 'none' } }),
    stored: async (prefix) => (await s3.keys(BUCKET, prefix)).map((object) => object.key),
    put: (key, body) => s3.put(BUCKET, key, body),
    isUpload: (request) => request.method === 'PUT',
    isList: (request) => request.method === 'GET' && request.url.includes('list-type=2'),
    isDelete: (request) => request.method === 'POST' && /[?&]delete/.test(request.url),
    cut: { cutAfterBytes: 256 * 1024, withhold: true },
    busy: S3_SLOW_DOWN,
    throttled: { status: 429, body: '', headers: xml },
    denied: S3_ACCESS_DENIED,
    denial: /access denied \(AccessDenied\)/
  }),
  gcs: () => ({
    target: gcs.url,
    backend: async (proxy) => {
      process.env.STORAGE_EMULATOR_HOST = proxy.endpoint
      return new GcsStorage({ type: 'gcs', bucket: BUCKET, path: 'db' })
    },
    stored: async (prefix) => gcs.objects(BUCKET).map((object) => object.name).filter((name) => name.startsWith(prefix)),
    put: async (key, body) => void (await gcs.putObject(BUCKET, key, body)),
    isUpload: (request) => request.method === 'PUT' && request.url.includes('upload_id=') && request.headers['content-range'] !== 'bytes */*',
    isList: (request) => request.method === 'GET' && /\/b\/[^/]+\/o\?/.test(request.url),
    isDelete: (request) => request.method === 'DELETE',
    cut: { cutAfterBytes: 256 * 1024 },
    busy: gcsError(503, 'backendError', 'Service Unavailable'),
    throttled: gcsError(429, 'rateLimitExceeded', 'The rate of change requests to the bucket is too high.'),
    denied: gcsError(403, 'forbidden', 'ci-backup@example.iam.gserviceaccount.com does not have storage.objects.create access.'),
    denial: /access denied \(HTTP 403\)/
  }),
  'azure-blob': () => ({
    target: `http://127.0.0.1:${azurite.port}`,
    backend: (proxy) =>
      AzureBlobStorage.create({
        type: 'azure-blob',
        bucket: BUCKET,
        path: 'db',
        azure: { connectionString: azurite.connectionString.replace(`http://127.0.0.1:${azurite.port}`, proxy.endpoint), accountUrl: '' }
      }),
    stored: async (prefix) => (await azurite.blobs(BUCKET, prefix)).map((blob) => blob.name),
    put: async (key, body) => void (await azurite.container(BUCKET).getBlockBlobClient(key).upload(body, Buffer.byteLength(body))),
    isUpload: (request) => request.method === 'PUT' && !request.url.includes('comp='),
    isList: (request) => request.method === 'GET' && request.url.includes('comp=list'),
    isDelete: (request) => request.method === 'POST' && request.url.includes('comp=batch'),
    // Azure Storage answers 503 ServerBusy when it throttles; it never answers 429, and the SDK does not retry one.
    cut: { cutAfterBytes: 256 * 1024 },
    busy: azureError(503, 'ServerBusy', 'The server is busy.'),
    denied: azureError(403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.'),
    denial: /access denied \(AuthorizationPermissionMismatch\)/
  })
}

async function dumpFile(size: number): Promise<{ file: string; metadata: BackupMetadata }> {
  const content = randomBytes(size)
  const file = join(work, `dump-${randomBytes(4).toString('hex')}`)
  await writeFile(file, content)
  const sha256 = createHash('sha256').update(content).digest('hex')
  return { file, metadata: { sha256, backupName: 'shop', dbType: 'postgresql', createdAt: new Date().toISOString() } }
}

function uniqueKey(): string {
  return `db/shop-20261126T030405Z-${randomBytes(4).toString('hex')}.dump`
}

describe.each(Object.keys(harnesses))('%s behind the fault proxy', (name) => {
  let h: Harness
  let proxy: FaultProxy
  let backend: StorageBackend

  beforeAll(async () => {
    h = harnesses[name]()
    proxy = await startFaultProxy(h.target)
    proxies.push(proxy)
    backend = await h.backend(proxy)
  })

  beforeEach(() => {
    proxy.clear()
    proxy.requests.length = 0
    backend.takeRetryCount()
  })

  test('the storage busy twice on the upload: retried, stored whole, 2 retries counted', async () => {
    const { file, metadata } = await dumpFile(MiB)
    const key = uniqueKey()
    proxy.inject({ when: h.isUpload, times: 2, fault: h.busy })
    const result = await backend.upload(file, key, metadata)
    expect(result.sizeBytes).toBe(MiB)
    expect(await h.stored(key)).toEqual([key])
    expect(proxy.requests.filter((request) => request.fault === 'status')).toHaveLength(2)
    expect(backend.takeRetryCount()).toBe(2)
  })

  test('the connection cut mid-upload once: retried, stored whole, 1 retry counted', async () => {
    const { file, metadata } = await dumpFile(2 * MiB)
    const key = uniqueKey()
    proxy.inject({ when: h.isUpload, times: 1, fault: h.cut })
    const result = await backend.upload(file, key, metadata)
    expect(result.sizeBytes).toBe(2 * MiB)
    expect(await h.stored(key)).toEqual([key])
    expect(proxy.requests.filter((request) => request.fault === 'cut')).toHaveLength(1)
    expect(backend.takeRetryCount()).toBe(1)
  })

  test('the connection cut mid-upload on every attempt: the upload fails after its retries and no object is left', async () => {
    const { file, metadata } = await dumpFile(2 * MiB)
    const key = uniqueKey()
    proxy.inject({ when: h.isUpload, fault: h.cut })
    await expect(backend.upload(file, key, metadata)).rejects.toThrow(/upload of .* failed: .*(ECONNRESET|EPIPE|socket hang up|Retry limit exceeded)/i)
    expect(proxy.requests.filter((request) => request.fault === 'cut').length).toBe(4)
    proxy.clear()
    expect(await h.stored(key)).toEqual([])
  })

  test('a refusal (403) fails at once with the cause: one request, no retry', async () => {
    const { file, metadata } = await dumpFile(64 * 1024)
    const key = uniqueKey()
    proxy.inject({ when: h.isUpload, fault: h.denied })
    await expect(backend.upload(file, key, metadata)).rejects.toThrow(h.denial)
    expect(proxy.requests.filter((request) => h.isUpload(request))).toHaveLength(1)
    expect(backend.takeRetryCount()).toBe(0)
    proxy.clear()
    expect(await h.stored(key)).toEqual([])
  })

  test('a listing answered busy (or throttled, 429) once is retried and complete', async () => {
    const prefix = `list-${randomBytes(3).toString('hex')}/`
    await h.put(`${prefix}a.dump`, 'a')
    await h.put(`${prefix}b.dump`, 'bb')
    proxy.inject({ when: h.isList, times: 1, fault: h.throttled ?? h.busy })
    const listed = await backend.list(prefix)
    expect(listed.map((object) => object.key).sort()).toEqual([`${prefix}a.dump`, `${prefix}b.dump`])
    expect(backend.takeRetryCount()).toBe(1)
  })

  test('a delete answered busy once is retried, and the object is gone', async () => {
    const key = `delete-${randomBytes(3).toString('hex')}/shop.dump`
    await h.put(key, 'old backup')
    proxy.inject({ when: h.isDelete, times: 1, fault: h.busy })
    expect(await backend.delete([key])).toEqual({ deleted: [key], locked: [] })
    expect(await h.stored(key)).toEqual([])
    expect(backend.takeRetryCount()).toBe(1)
  })
})
