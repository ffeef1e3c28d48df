import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, rm, stat, symlink, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StorageConfig } from '../../src/config/types.js'
import { AzureBlobStorage } from '../../src/storage/azure-blob/storage.js'
import { GcsStorage } from '../../src/storage/gcs/storage.js'
import { LocalStorage } from '../../src/storage/local/storage.js'
import { S3Storage } from '../../src/storage/s3/storage.js'
import type { StorageBackend } from '../../src/storage/types.js'
import { startAzurite, type AzuriteServer } from '../support/azurite.js'
import { setEnvironment } from '../support/environment.js'
import { startGcsServer, type GcsServer } from '../support/gcs-server.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'

/**
 * Each backend's download stops at the size the listing gave, whatever the storage sends: an
 * object listed at 1,000 bytes and replaced before the download by one of 3 MB (someone who can
 * write the bucket) fails naming both sizes, and no more than 1,000 bytes reach the runner's disk.
 */

const BUCKET = 'size-cap'
const LISTED = 1000
const REPLACED = 3 * 1024 * 1024
const metadata = { sha256: '0'.repeat(64), backupName: 'shop', dbType: 'postgresql', createdAt: '2026-11-26T03:04:05.000Z' }

let s3: S3Emulator
let gcs: GcsServer
let azurite: AzuriteServer
let work: string
let restoreEnvironment: () => void = () => undefined

beforeAll(async () => {
  ;[s3, gcs, azurite] = await Promise.all([startS3rver([BUCKET]), startGcsServer(), startAzurite()])
  gcs.createBucket(BUCKET)
  await azurite.createContainer(BUCKET)
  restoreEnvironment = setEnvironment({ ...s3.env, STORAGE_EMULATOR_HOST: gcs.url })
  work = await mkdtemp(join(tmpdir(), 'size-cap-'))
})

afterAll(async () => {
  restoreEnvironment()
  await Promise.all([s3?.stop(), gcs?.stop(), azurite?.stop()])
  await rm(work, { recursive: true, force: true })
})

/** The size of what the download left on disk (0 where it left nothing). */
async function bytesOnDisk(file: string): Promise<number> {
  return stat(file).then((found) => found.size, () => 0)
}

interface Case {
  backend: () => Promise<StorageBackend>
  /** Puts `data` under `key`, as the backup action or someone who can write the storage would. */
  put: (key: string, data: Buffer) => Promise<void>
}

const cases: [string, () => Case][] = [
  [
    'local',
    () => {
      const directory = join(work, 'store')
      return {
        backend: async () => new LocalStorage({ type: 'local', path: directory, bucket: '' } as StorageConfig),
        put: async (key, data) => {
          await mkdir(directory, { recursive: true })
          await rm(join(directory, key), { force: true })
          await writeFile(join(directory, key), data)
        }
      }
    }
  ],
  [
    'S3 (s3rver)',
    () => ({
      backend: async () => new S3Storage({ type: 's3', bucket: BUCKET, path: 'db', s3: { endpoint: s3.endpoint, region: s3.region, forcePathStyle: true, checksum: 'none' } } as StorageConfig),
      put: (key, data) => s3.put(BUCKET, key, data, { sha256: metadata.sha256 })
    })
  ],
  [
    'GCS (the test server)',
    () => ({
      backend: async () => new GcsStorage({ type: 'gcs', bucket: BUCKET, path: 'db' } as StorageConfig),
      put: async (key, data) => {
        await gcs.putObject(BUCKET, key, data, { sha256: metadata.sha256 })
      }
    })
  ],
  [
    'Azure Blob (Azurite)',
    () => ({
      backend: () => AzureBlobStorage.create({ type: 'azure-blob', bucket: BUCKET, path: 'db', azure: { connectionString: azurite.connectionString, accountUrl: '' } } as StorageConfig),
      put: async (key, data) => {
        await azurite.container(BUCKET).getBlockBlobClient(key).uploadData(data, { metadata: { sha256: metadata.sha256 } })
      }
    })
  ]
]

describe.each(cases)('%s: a download is capped at the listed size', (name, setup) => {
  const slug = name.split(' ')[0].toLowerCase()

  test('an object replaced after the listing by a larger one: the download fails naming both sizes, at most the listed bytes are on disk', async () => {
    const { backend, put } = setup()
    const key = `${slug === 'local' ? '' : 'db/'}shop-20261126T030405Z-0000cafe.dump`
    await put(key, randomBytes(LISTED))
    const storage = await backend()
    const listed = (await storage.list(key)).find((entry) => entry.key === key)
    expect(listed?.sizeBytes).toBe(LISTED)

    await put(key, randomBytes(REPLACED))
    const file = join(work, `${slug}-download`)
    await expect(storage.download(key, file, { expectedBytes: LISTED })).rejects.toThrow(
      new RegExp(`^${storage.uri(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is listed at ${LISTED} bytes, but the storage sent ${REPLACED} bytes: reading stopped at the listed size`)
    )
    expect(await bytesOnDisk(file)).toBeLessThanOrEqual(LISTED)
    await unlink(file).catch(() => undefined)
  })
})

test('local: a symlink put in a backup\'s place (to /dev/zero, which never ends) is not read', async () => {
  const directory = await mkdtemp(join(work, 'links-'))
  const key = 'shop-20261126T030405Z-0000abcd.dump'
  await writeFile(join(directory, key), randomBytes(LISTED))
  const storage = new LocalStorage({ type: 'local', path: directory, bucket: '' } as StorageConfig)
  expect((await storage.list('shop-')).map((entry) => entry.sizeBytes)).toEqual([LISTED])
  await rm(join(directory, key))
  await symlink('/dev/zero', join(directory, key))
  const file = join(work, 'symlink-download')
  await expect(storage.download(key, file, { expectedBytes: LISTED })).rejects.toThrow(/is not a regular file \(a symlink, pipe or device\): not a backup this action wrote; nothing was read/)
  expect(await readdir(work)).not.toContain('symlink-download')
})
