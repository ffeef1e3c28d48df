import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StorageConfig } from '../../src/config/types.js'
import { AzureBlobStorage } from '../../src/storage/azure-blob/storage.js'
import { GcsStorage } from '../../src/storage/gcs/storage.js'
import { LocalStorage } from '../../src/storage/local/storage.js'
import type { BackupMetadata } from '../../src/storage/types.js'
import { startAzurite, type AzuriteServer } from '../support/azurite.js'
import { startGcsServer, type GcsServer } from '../support/gcs-server.js'
import { startHoldingProxy } from '../support/holding-proxy.js'
import { waitUntil } from '../support/runner.js'
import { setEnvironment } from '../support/environment.js'

/**
 * A cancelled run aborts its upload in flight (StorageBackend.upload's AbortSignal): the upload
 * fails with the cancellation and leaves nothing under the key. S3 is checked end to end in
 * cancel.test.ts; here the other backends, each against its emulator, the signal aborted once the
 * storage has received part of the dump.
 */

const MiB = 1024 * 1024
const BUCKET = 'backups'
const KEY = 'db/shop-20261126T030405Z-0000aaaa.dump'

let gcs: GcsServer
let azurite: AzuriteServer
let work: string
let restoreEnvironment: () => void = () => undefined

beforeAll(async () => {
  ;[gcs, azurite] = await Promise.all([startGcsServer(), startAzurite()])
  gcs.createBucket(BUCKET)
  await azurite.createContainer(BUCKET)
  restoreEnvironment = setEnvironment({ STORAGE_EMULATOR_HOST: gcs.url })
  work = await mkdtemp(join(tmpdir(), 'cancel-storage-'))
})

afterAll(async () => {
  restoreEnvironment()
  await gcs?.stop()
  await azurite?.stop()
  await rm(work, { recursive: true, force: true })
})

async function dumpFile(size: number): Promise<{ file: string; metadata: BackupMetadata }> {
  const content = randomBytes(size)
  const file = join(work, `dump-${size}`)
  await writeFile(file, content)
  const sha256 = createHash('sha256').update(content).digest('hex')
  return { file, metadata: { sha256, backupName: 'shop', dbType: 'postgresql', createdAt: '2026-11-26T03:04:05.000Z' } }
}

const cancellation = (): Error => new Error('the run was cancelled: SIGINT received')

describe('an upload aborted by a cancelled run', () => {
  test('GCS: the resumable session is cancelled and no object is finalised', async () => {
    const { file, metadata } = await dumpFile(48 * MiB)
    const controller = new AbortController()
    const upload = new GcsStorage({ type: 'gcs', bucket: BUCKET, path: 'db' }).upload(file, KEY, metadata, controller.signal)
    await waitUntil(() => gcs.requests.some((request) => request.contentRange !== undefined) || undefined, 'the first chunk to reach the storage')
    controller.abort(cancellation())
    await expect(upload).rejects.toThrow(/upload of gs:\/\/backups\/db\/shop-20261126T030405Z-0000aaaa\.dump .* failed: the run was cancelled: SIGINT received/)
    expect(gcs.cancelledSessions).toHaveLength(1)
    expect(gcs.objects(BUCKET).map((object) => object.name)).toEqual([])
  })

  test('Azure Blob: the blocks already sent stay uncommitted, and no blob exists under the name', async () => {
    const { file, metadata } = await dumpFile(40 * MiB)
    // The storage takes the first block, then stops answering: the upload is in flight when aborted.
    let blocks = 0
    const proxy = await startHoldingProxy(`http://127.0.0.1:${azurite.port}`, (request) => /[?&]comp=block(&|$)/.test(request.url ?? '') && ++blocks > 1)
    try {
      const config: StorageConfig = {
        type: 'azure-blob',
        bucket: BUCKET,
        path: 'db',
        azure: { connectionString: azurite.connectionString.replace(`http://127.0.0.1:${azurite.port}`, proxy.endpoint), accountUrl: '' }
      }
      const controller = new AbortController()
      const upload = (await AzureBlobStorage.create(config)).upload(file, KEY, metadata, controller.signal)
      await waitUntil(() => proxy.held.length > 0 || undefined, 'a block held by the storage')
      controller.abort(cancellation())
      await expect(upload).rejects.toThrow(/failed: the run was cancelled: SIGINT received/)
      expect(proxy.requests.some((request) => /comp=blocklist/.test(request.url))).toBe(false)
      await waitUntil(() => proxy.held.every((held) => held.closedByClient) || undefined, 'the held requests to be cut', 2000)
      expect(await azurite.blobs(BUCKET)).toEqual([])
    } finally {
      await proxy.stop()
    }
  })

  test('local directory: the copy stops and neither the backup nor its temporary file is left', async () => {
    const { file, metadata } = await dumpFile(192 * MiB)
    const directory = await mkdtemp(join(tmpdir(), 'cancel-local-'))
    const controller = new AbortController()
    const upload = new LocalStorage({ type: 'local', bucket: '', path: directory }).upload(file, 'shop.dump', metadata, controller.signal)
    // The temporary file appears as soon as the copy has begun.
    await waitUntil(async () => (await readdir(directory)).length > 0 || undefined, 'the copy to begin')
    controller.abort(cancellation())
    await expect(upload).rejects.toThrow()
    expect(await readdir(directory)).toEqual([])
  })
})
