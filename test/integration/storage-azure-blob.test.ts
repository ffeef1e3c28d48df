import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AzureOptions, StorageConfig } from '../../src/config/types.js'
import { AzureBlobStorage } from '../../src/storage/azure-blob/storage.js'
import type { BackupMetadata } from '../../src/storage/types.js'
import { AZURITE_ACCOUNT, startAzurite, type AzuriteServer } from '../support/azurite.js'
import { freePort } from '../support/ports.js'
import { startRecordingProxy, type ProxiedRequest, type RecordingProxy, type Refusal } from '../support/s3rver.js'

const CONTAINER = 'backups'
const MiB = 1024 * 1024

let azurite: AzuriteServer
let work: string
const proxies: RecordingProxy[] = []

beforeAll(async () => {
  azurite = await startAzurite()
  await azurite.createContainer(CONTAINER)
  work = await mkdtemp(join(tmpdir(), 'azure-it-'))
})

afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.stop()))
  await azurite?.stop()
  await rm(work, { recursive: true, force: true })
})

/** A proxy in front of azurite; the connection string's BlobEndpoint points at it. */
async function proxied(refuse?: (request: ProxiedRequest) => Refusal | undefined): Promise<{ recorder: RecordingProxy; connectionString: string }> {
  const recorder = await startRecordingProxy(`http://127.0.0.1:${azurite.port}`, refuse)
  proxies.push(recorder)
  return { recorder, connectionString: azurite.connectionString.replace(`http://127.0.0.1:${azurite.port}`, recorder.endpoint) }
}

async function backend(azure: Partial<AzureOptions> = {}, container = CONTAINER): Promise<AzureBlobStorage> {
  const config: StorageConfig = {
    type: 'azure-blob',
    bucket: container,
    path: 'db',
    azure: { connectionString: azurite.connectionString, accountUrl: '', ...azure }
  }
  return AzureBlobStorage.create(config)
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

async function storedSha256(key: string, container = CONTAINER): Promise<string> {
  return createHash('sha256').update(await azurite.container(container).getBlobClient(key).downloadToBuffer()).digest('hex')
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work))
}

describe('AzureBlobStorage against azurite', () => {
  test('a small dump goes in one Put Blob with its metadata; ETag, size and URL are the stored ones', async () => {
    const { file, sha256, content } = await dumpFile('small.dump', 700 * 1024)
    const key = 'db/shop-20261126T030405Z-0000aaaa.dump'
    const result = await (await backend()).upload(file, key, metadataFor(sha256))

    const properties = await azurite.container(CONTAINER).getBlobClient(key).getProperties()
    expect(result).toMatchObject({ uri: `http://127.0.0.1:${azurite.port}/${AZURITE_ACCOUNT}/${CONTAINER}/${key}`, sizeBytes: content.length, versionId: '' })
    expect(`"${result.etag}"`).toBe(properties.etag)
    expect(properties.metadata).toEqual({ sha256, backupname: 'shop', dbtype: 'postgresql', createdat: '2026-11-26T03:04:05.000Z' })
    expect(await storedSha256(key)).toBe(sha256)
  })

  test('a larger dump is staged in 8 MiB blocks, committed once, and reads back identical', async () => {
    const { file, sha256, content } = await dumpFile('large.dump', 40 * MiB + 11)
    const key = 'db/shop-20261126T030406Z-0000bbbb.dump'
    const { recorder, connectionString } = await proxied()
    const result = await (await backend({ connectionString })).upload(file, key, metadataFor(sha256))
    expect(result.sizeBytes).toBe(content.length)
    const blocks = recorder.requests.filter((request) => request.method === 'PUT' && /comp=block(&|$)/.test(request.url))
    expect(blocks).toHaveLength(6)
    expect(blocks.map((request) => Number(request.headers['content-length'])).sort((a, b) => b - a)[0]).toBe(8 * MiB)
    expect(recorder.requests.filter((request) => /comp=blocklist/.test(request.url))).toHaveLength(1)
    const committed = await azurite.container(CONTAINER).getBlockBlobClient(key).getBlockList('committed')
    expect(committed.committedBlocks).toHaveLength(6)
    expect(await storedSha256(key)).toBe(sha256)
  })

  test('a block refused mid-upload fails the upload; nothing is committed and no blob is left', async () => {
    const { file, sha256 } = await dumpFile('refused.dump', 40 * MiB)
    const key = 'db/shop-20261126T030407Z-0000cccc.dump'
    let blocks = 0
    const { recorder, connectionString } = await proxied((request) => {
      if (request.method === 'PUT' && /comp=block(&|$)/.test(request.url) && ++blocks === 3) {
        return {
          status: 403,
          body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>This request is not authorized to perform this operation using this permission.</Message></Error>'
        }
      }
      return undefined
    })
    await expect((await backend({ connectionString })).upload(file, key, metadataFor(sha256))).rejects.toThrow(
      /upload of http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/backups\/db\/shop-20261126T030407Z-0000cccc\.dump to Azure container "backups" .* failed: access denied \(AuthorizationPermissionMismatch\)/
    )
    expect(recorder.requests.some((request) => /comp=blocklist/.test(request.url))).toBe(false)
    expect(await azurite.container(CONTAINER).getBlobClient(key).exists()).toBe(false)
  })

  test('a blob already under the name is never replaced, nor deleted by the failed upload', async () => {
    const key = 'db/shop-20261126T030408Z-0000dddd.dump'
    await azurite.container(CONTAINER).getBlockBlobClient(key).upload('someone else wrote this', 23)
    const { file, sha256 } = await dumpFile('clash.dump', 4096)
    await expect((await backend()).upload(file, key, metadataFor(sha256))).rejects.toThrow(/a blob already exists under the name \(BlobAlreadyExists\)/)
    expect((await azurite.container(CONTAINER).getBlobClient(key).downloadToBuffer()).toString()).toBe('someone else wrote this')
  })

  test('lists more than 1000 blobs through pages, and deletes in blob batches of at most 256', async () => {
    const container = 'paged'
    await azurite.createContainer(container)
    const foreign = Array.from({ length: 1100 }, (_, i) => `db/shop-foreign-${String(i).padStart(4, '0')}.txt`)
    await inBatches(foreign, 50, (name) => azurite.container(container).getBlockBlobClient(name).upload('x', 1))
    const own = ['db/shop-20261001T000000Z-00000001.dump', 'db/shop-20261002T000000Z-00000002.dump']
    // Azure times have whole seconds.
    const before = Math.floor(Date.now() / 1000) * 1000
    for (const name of own) {
      await azurite.container(container).getBlockBlobClient(name).upload(`content of ${name}`, `content of ${name}`.length, { metadata: { dbtype: 'postgresql', backupname: 'shop' } })
    }
    const after = Date.now()
    await azurite.container(container).getBlockBlobClient('other/shop-20261001T000000Z-00000009.dump').upload('outside', 7)

    const { recorder, connectionString } = await proxied()
    const storage = await backend({ connectionString }, container)
    const listed = await storage.list('db/shop-')
    expect(listed).toHaveLength(1102)
    // The listing carries each blob's last-modified time and its metadata ({} where it has none).
    const listedOwn = listed.find((object) => object.key === own[1])
    expect(listedOwn).toEqual({ key: own[1], sizeBytes: `content of ${own[1]}`.length, lastModified: expect.any(Date), metadata: { dbtype: 'postgresql', backupname: 'shop' } })
    expect(listedOwn?.lastModified.getTime()).toBeGreaterThanOrEqual(before)
    expect(listedOwn?.lastModified.getTime()).toBeLessThanOrEqual(after)
    expect(listed.find((object) => object.key === foreign[0])?.metadata).toEqual({})
    const listings = recorder.requests.filter((request) => request.method === 'GET' && /comp=list/.test(request.url))
    expect(listings).toHaveLength(2)
    expect(listings[1].url).toMatch(/marker=/)

    const doomed = [...foreign.slice(0, 300), own[0], 'db/shop-20260101T000000Z-0000dead.dump']
    const { deleted, locked } = await storage.delete(doomed)
    expect(locked).toEqual([])
    expect(deleted.sort()).toEqual([...foreign.slice(0, 300), own[0]].sort())
    expect(recorder.requests.filter((request) => request.method === 'POST' && /comp=batch/.test(request.url))).toHaveLength(2)
    const remaining = (await azurite.blobs(container)).map((blob) => blob.name)
    expect(remaining).toHaveLength(802)
    expect(remaining).toContain(own[1])
    expect(remaining).toContain('other/shop-20261001T000000Z-00000009.dump')
  })

  test('where blob batches are refused, each blob is deleted on its own', async () => {
    const keys = ['db/shop-20261003T000000Z-00000003.dump', 'db/shop-20261004T000000Z-00000004.dump']
    for (const key of keys) await azurite.container(CONTAINER).getBlockBlobClient(key).upload('old', 3)
    const { recorder, connectionString } = await proxied((request) =>
      /comp=batch/.test(request.url)
        ? { status: 400, body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>InvalidQueryParameterValue</Code><Message>batch is not supported here</Message></Error>' }
        : undefined
    )
    const { deleted, locked } = await (await backend({ connectionString })).delete([...keys, 'db/shop-20260101T000000Z-0000dead.dump'])
    expect(locked).toEqual([])
    expect(deleted.sort()).toEqual(keys)
    expect(recorder.requests.filter((request) => request.method === 'DELETE')).toHaveLength(3)
    expect(await azurite.blobs(CONTAINER, 'db/shop-2026100')).toEqual([])
  })

  test('a missing container, a wrong key and a closed port each fail with what to fix, and show no key', async () => {
    const { file, sha256 } = await dumpFile('fail.dump', 2048)
    await expect((await backend({}, 'no-such-container')).upload(file, 'db/a.dump', metadataFor(sha256))).rejects.toThrow(
      /the container "no-such-container" does not exist \(ContainerNotFound\)/
    )

    const wrongKey = randomBytes(64).toString('base64')
    const refused = (await backend({ connectionString: azurite.connectionStringWithKey(wrongKey) })).upload(file, 'db/a.dump', metadataFor(sha256))
    await expect(refused).rejects.toThrow(/the credentials were refused \(AuthorizationFailure\)/)
    await expect(refused).rejects.not.toThrow(wrongKey)

    const closed = azurite.connectionString.replace(`127.0.0.1:${azurite.port}`, `127.0.0.1:${await freePort()}`)
    await expect((await backend({ connectionString: closed })).upload(file, 'db/a.dump', metadataFor(sha256))).rejects.toThrow(
      /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/
    )
    expect(await azurite.container(CONTAINER).getBlobClient('db/a.dump').exists()).toBe(false)
  })
})
