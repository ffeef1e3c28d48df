import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ObjectSettings, StorageConfig } from '../../src/config/types.js'
import { AzureBlobStorage } from '../../src/storage/azure-blob/storage.js'
import type { BackupMetadata } from '../../src/storage/types.js'
import { startAzurite, type AzuriteServer } from '../support/azurite.js'
import { stamp } from '../support/e2e.js'
import { startFaultProxy, type FaultProxy, type SeenRequest } from '../support/fault-proxy.js'

/**
 * storage-class (access tiers) and immutable-days against azurite, behind the fault proxy. Azurite
 * keeps a blob's tier, but has no immutability policies: the requests are checked at the proxy,
 * and where Azure would answer what azurite cannot (a blob's policy in its properties, a
 * container's version-level immutability, a deletion refused because of a policy), the proxy
 * answers as Azure does; each test says so.
 */

const CONTAINER = 'settings'
const DAY = 86_400_000
const MiB = 1024 * 1024
const NONE: ObjectSettings = { storageClass: '', immutableDays: 0, s3Encryption: '', s3KmsKeyId: '', s3ObjectLockMode: 'GOVERNANCE' }

let azurite: AzuriteServer
let work: string
const proxies: FaultProxy[] = []

beforeAll(async () => {
  azurite = await startAzurite()
  await azurite.createContainer(CONTAINER)
  work = await mkdtemp(join(tmpdir(), 'azure-settings-'))
})

afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.stop()))
  await azurite?.stop()
  await rm(work, { recursive: true, force: true })
})

/** A fault proxy in front of azurite, and a backend whose connection string points at it. */
async function proxied(objects: Partial<ObjectSettings>): Promise<{ proxy: FaultProxy; storage: AzureBlobStorage }> {
  const proxy = await startFaultProxy(`http://127.0.0.1:${azurite.port}`)
  proxies.push(proxy)
  const config: StorageConfig = {
    type: 'azure-blob',
    bucket: CONTAINER,
    path: 'db',
    azure: { connectionString: azurite.connectionString.replace(`http://127.0.0.1:${azurite.port}`, proxy.endpoint), accountUrl: '' },
    objects: { ...NONE, ...objects }
  }
  return { proxy, storage: await AzureBlobStorage.create(config) }
}

async function dump(size: number): Promise<{ file: string; metadata: BackupMetadata }> {
  const content = randomBytes(size)
  const file = join(work, `dump-${randomBytes(4).toString('hex')}`)
  await writeFile(file, content)
  return { file, metadata: { sha256: createHash('sha256').update(content).digest('hex'), backupName: 'shop', dbType: 'postgresql', createdAt: new Date().toISOString() } }
}

const header = (request: SeenRequest | undefined, name: string): string | undefined => request?.headers[name] as string | undefined
const isBlobProperties = (request: SeenRequest): boolean => request.method === 'HEAD'
/** The properties Azure reports for a blob under a version-level immutability policy. */
const policyHeaders = (until: Date): Record<string, string> => ({ 'x-ms-immutability-policy-until-date': until.toUTCString(), 'x-ms-immutability-policy-mode': 'unlocked' })

test('one Put Blob carries the tier and the immutability policy; azurite keeps the tier', async () => {
  const until = new Date(Date.now() + 7 * DAY + 3_600_000)
  const { proxy, storage } = await proxied({ storageClass: 'Cool', immutableDays: 7 })
  // Azurite keeps no immutability policy: the blob's properties are answered with it, as Azure reports it.
  proxy.inject({ when: isBlobProperties, fault: { addHeaders: policyHeaders(until) } })
  const { file, metadata } = await dump(256 * 1024)
  const key = `db/shop-${stamp(Date.now())}-0000aaaa.dump`
  const before = Date.now()
  const result = await storage.upload(file, key, metadata)

  const put = proxy.requests.find((request) => request.method === 'PUT')
  expect(header(put, 'x-ms-access-tier')).toBe('Cool')
  expect(header(put, 'x-ms-immutability-policy-mode')).toBe('Unlocked')
  const asked = Date.parse(header(put, 'x-ms-immutability-policy-until-date') ?? '')
  // RFC 1123 dates carry whole seconds.
  expect(asked).toBeGreaterThanOrEqual(before + 7 * DAY - 1000)
  expect(asked).toBeLessThanOrEqual(Date.now() + 7 * DAY)
  expect((await azurite.container(CONTAINER).getBlobClient(key).getProperties()).accessTier).toBe('Cool')
  expect(result.applied).toEqual({ storageClass: 'Cool', lockedUntil: new Date(until.toUTCString()).toISOString() })
})

test('a blob uploaded in blocks gets them with its Put Block List; the blocks carry none', async () => {
  const until = new Date(Date.now() + 2 * DAY + 3_600_000)
  const { proxy, storage } = await proxied({ storageClass: 'Cold', immutableDays: 2 })
  proxy.inject({ when: isBlobProperties, fault: { addHeaders: policyHeaders(until) } })
  const { file, metadata } = await dump(33 * MiB)
  const key = `db/shop-${stamp(Date.now())}-0000bbbb.dump`
  const result = await storage.upload(file, key, metadata)

  const blocks = proxy.requests.filter((request) => request.method === 'PUT' && /comp=block(&|$)/.test(request.url))
  const commit = proxy.requests.filter((request) => request.method === 'PUT' && /comp=blocklist/.test(request.url))
  expect(blocks.length).toBeGreaterThanOrEqual(2)
  expect(commit).toHaveLength(1)
  expect(header(commit[0], 'x-ms-access-tier')).toBe('Cold')
  expect(header(commit[0], 'x-ms-immutability-policy-mode')).toBe('Unlocked')
  for (const block of blocks) expect([header(block, 'x-ms-access-tier'), header(block, 'x-ms-immutability-policy-until-date')]).toEqual([undefined, undefined])
  expect(result.applied?.storageClass).toBe('Cold')
})

test('a container without version-level immutability: the blob is stored without a policy, so the upload fails saying so, and leaves nothing', async () => {
  const { storage } = await proxied({ immutableDays: 7 })
  const { file, metadata } = await dump(64 * 1024)
  const key = `db/shop-${stamp(Date.now())}-0000cccc.dump`
  await expect(storage.upload(file, key, metadata)).rejects.toThrow(/is not the dump: it is stored without the immutability policy immutable-days asks for \(none reported/)
  expect(await azurite.blobs(CONTAINER, key)).toEqual([])
})

test('preflight with immutable-days reads the container\'s version-level immutability', async () => {
  const plain = await proxied({ immutableDays: 7 })
  await expect(plain.storage.preflight('db/shop-')).rejects.toThrow(/does not have version-level immutability support, which immutable-days needs: enable it on the container or the account/)

  const enabled = await proxied({ immutableDays: 7 })
  // The container's properties as Azure reports them once version-level immutability is enabled.
  enabled.proxy.inject({
    when: (request) => request.method === 'GET' && /restype=container/.test(request.url) && !/comp=list/.test(request.url),
    fault: { addHeaders: { 'x-ms-immutable-storage-with-versioning-enabled': 'true' } }
  })
  expect(await enabled.storage.preflight('db/shop-')).toEqual({
    checked: 'credentials and container OK (one-blob listing); version-level immutability enabled; writable (one-byte block staged, never committed)'
  })
})

test('a deletion Azure refuses because of an immutability policy is reported as locked; another refusal still fails', async () => {
  const key = `db/shop-${stamp(Date.now() - 40 * DAY)}-0000000a.dump`
  await azurite.container(CONTAINER).getBlockBlobClient(key).upload('old backup', 10)
  const { proxy, storage } = await proxied({})
  // Azurite has no immutability policies: the Blob Batch is answered as Azure answers it when the blob's policy refuses the delete.
  const batchAnswer = (status: string, code: string): string =>
    [
      '--batchresponse_66925647-d0cb-4109-b6d3-28efe3e1e5ed',
      'Content-Type: application/http',
      'Content-ID: 0',
      '',
      `HTTP/1.1 ${status}`,
      `x-ms-error-code: ${code}`,
      'x-ms-request-id: 778fdc83-801e-0000-62ff-0334671e284f',
      'x-ms-version: 2020-06-12',
      '',
      '--batchresponse_66925647-d0cb-4109-b6d3-28efe3e1e5ed--',
      ''
    ].join('\r\n')
  const isBatch = (request: SeenRequest): boolean => request.method === 'POST' && /comp=batch/.test(request.url)
  const answer = (status: string, code: string) => ({
    status: 202,
    body: batchAnswer(status, code),
    headers: { 'Content-Type': 'multipart/mixed; boundary=batchresponse_66925647-d0cb-4109-b6d3-28efe3e1e5ed' }
  })
  proxy.inject({ when: isBatch, times: 1, fault: answer('409 This operation is not permitted as the blob is immutable due to a policy.', 'BlobImmutableDueToPolicy') })
  proxy.inject({ when: isBatch, times: 1, fault: answer('403 This request is not authorized to perform this operation.', 'AuthorizationPermissionMismatch') })

  expect(await storage.delete([key])).toEqual({ deleted: [], locked: [key] })
  await expect(storage.delete([key])).rejects.toThrow(/1 old backup\(s\) could not be deleted from Azure container "settings" .*: AuthorizationPermissionMismatch/)
  expect((await azurite.blobs(CONTAINER, key)).map((blob) => blob.name)).toEqual([key])
})
