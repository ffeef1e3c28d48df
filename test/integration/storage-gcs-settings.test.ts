import { NO_KEEP } from '../../src/config/retention.js'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Config, ObjectSettings, StorageConfig } from '../../src/config/types.js'
import type { BackupRecord } from '../../src/report/types.js'
import { cleanupOldBackups } from '../../src/actions/backup/cleanup-old-backups.js'
import { GcsStorage } from '../../src/storage/gcs/storage.js'
import type { BackupMetadata } from '../../src/storage/types.js'
import { stamp } from '../support/e2e.js'
import { startGcsServer, type GcsServer } from '../support/gcs-server.js'
import { setEnvironment } from '../support/environment.js'

/**
 * storage-class and immutable-days against the project's GCS server, which keeps an object's class
 * and object retention, refuses a retention in a bucket without Object Retention Lock, and, as GCS
 * does, refuses with 403 to delete an object before its retain-until time.
 */

const LOCKING = 'locking'
const PLAIN = 'plain'
const DAY = 86_400_000
const NONE: ObjectSettings = { storageClass: '', immutableDays: 0, s3Encryption: '', s3KmsKeyId: '', s3ObjectLockMode: 'GOVERNANCE' }

let server: GcsServer
let work: string
let restoreEnvironment: () => void = () => undefined

beforeAll(async () => {
  server = await startGcsServer()
  server.createBucket(LOCKING, { objectRetention: true })
  server.createBucket(PLAIN)
  restoreEnvironment = setEnvironment({ STORAGE_EMULATOR_HOST: server.url })
  work = await mkdtemp(join(tmpdir(), 'gcs-settings-'))
})

afterAll(async () => {
  restoreEnvironment()
  await server?.stop()
  await rm(work, { recursive: true, force: true })
})

beforeEach(() => {
  server.requests.length = 0
})

function storageConfig(bucket: string, objects: Partial<ObjectSettings>, prefix = 'db'): StorageConfig {
  return { type: 'gcs', bucket, path: prefix, objects: { ...NONE, ...objects } }
}

async function dump(size = 64 * 1024): Promise<{ file: string; metadata: BackupMetadata }> {
  const content = randomBytes(size)
  const file = join(work, `dump-${randomBytes(4).toString('hex')}`)
  await writeFile(file, content)
  return { file, metadata: { sha256: createHash('sha256').update(content).digest('hex'), backupName: 'shop', dbType: 'postgresql', createdAt: new Date().toISOString() } }
}

test('the upload sends the class and an Unlocked object retention immutable-days ahead; the server keeps both', async () => {
  const { file, metadata } = await dump()
  const key = `db/shop-${stamp(Date.now())}-0000aaaa.dump`
  const before = Date.now()
  const result = await new GcsStorage(storageConfig(LOCKING, { storageClass: 'NEARLINE', immutableDays: 7 })).upload(file, key, metadata)

  const started = server.requests.find((request) => request.resource !== undefined)
  expect(started?.resource).toMatchObject({ storageClass: 'NEARLINE', retention: { mode: 'Unlocked' } })
  const asked = Date.parse((started?.resource?.retention as { retainUntilTime: string }).retainUntilTime)
  expect(asked).toBeGreaterThanOrEqual(before + 7 * DAY)
  expect(asked).toBeLessThanOrEqual(Date.now() + 7 * DAY)

  const stored = server.objects(LOCKING).find((object) => object.name === key)
  expect(stored).toMatchObject({ storageClass: 'NEARLINE', retention: { mode: 'Unlocked', retainUntilTime: new Date(asked).toISOString() } })
  expect(result.applied).toEqual({ storageClass: 'NEARLINE', lockedUntil: new Date(asked).toISOString() })
})

test('ARCHIVE is read back at once (GCS serves every class in milliseconds)', async () => {
  const { file, metadata } = await dump()
  const key = `db/shop-${stamp(Date.now())}-0000bbbb.dump`
  const storage = new GcsStorage(storageConfig(PLAIN, { storageClass: 'ARCHIVE' }))
  expect((await storage.upload(file, key, metadata)).applied).toEqual({ storageClass: 'ARCHIVE' })
  const downloaded = await storage.download(key, join(work, 'archive-copy'), { expectedBytes: (await stat(file)).size })
  expect(downloaded.sha256).toBe(metadata.sha256)
})

test('immutable-days on a bucket without object retention: preflight fails before any dump, naming the fix; the upload would be refused', async () => {
  await expect(new GcsStorage(storageConfig(PLAIN, { immutableDays: 7 })).preflight('db/shop-')).rejects.toThrow(
    /GCS bucket "plain" at .* does not have object retention enabled, which immutable-days needs: create the bucket with it \(gcloud storage buckets create --enable-per-object-retention/
  )
  expect(await new GcsStorage(storageConfig(LOCKING, { immutableDays: 7 })).preflight('db/shop-')).toEqual({
    checked: 'credentials and bucket OK (one-object listing); object retention enabled; writable (upload session started, cancelled)'
  })

  const { file, metadata } = await dump()
  const key = `db/shop-${stamp(Date.now())}-0000cccc.dump`
  await expect(new GcsStorage(storageConfig(PLAIN, { immutableDays: 7 })).upload(file, key, metadata)).rejects.toThrow(/Object retention is not enabled on this bucket/)
  expect(server.objects(PLAIN).map((object) => object.name)).not.toContain(key)
})

describe('retention and object retention', () => {
  /** A backup of `shop` uploaded with a lock of `lockDays`, dated and written `ageMs` ago. */
  async function upload(prefix: string, ageMs: number, unique: string, lockDays: number): Promise<string> {
    const { file, metadata } = await dump(1024)
    const key = `${prefix}/shop-${stamp(Date.now() - ageMs)}-${unique}.dump`
    await new GcsStorage(storageConfig(LOCKING, { immutableDays: lockDays }, prefix)).upload(file, key, metadata)
    server.backdate(LOCKING, key, new Date(Date.now() - ageMs + 60_000))
    return key
  }

  test('a deletion GCS refuses for the retention is reported as locked, not as a failure; the object stays', async () => {
    const locked = await upload('lock1', 40 * DAY, '0000000a', 3)
    const storage = new GcsStorage(storageConfig(LOCKING, {}, 'lock1'))
    expect(await storage.delete([locked])).toEqual({ deleted: [], locked: [locked] })
    expect(server.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1)
    expect(server.objects(LOCKING).map((object) => object.name)).toContain(locked)
  })

  test('cleanup-old-backups reads the retention from the listing: a locked backup is skipped without a delete request and counted as locked', async () => {
    const made = await upload('lock2', 0, '00000000', 0)
    const locked = await upload('lock2', 40 * DAY, '0000000b', 3)
    const old = await upload('lock2', 41 * DAY, '0000000c', 0)
    const lockedUntil = server.objects(LOCKING).find((object) => object.name === locked)?.retention?.retainUntilTime
    server.requests.length = 0

    const storage = storageConfig(LOCKING, {}, 'lock2')
    const config = { storage, backupName: 'shop', database: { type: 'postgresql' }, retention: { days: 30, maxBackups: 0, limits: true, keep: NO_KEEP } } as unknown as Config
    const backup = { key: made, sizeBytes: 1024 } as BackupRecord
    const { value, figures } = await cleanupOldBackups(config, { backend: new GcsStorage(storage), backup }, new Date(Date.now() - 60_000))

    expect(value.deletedKeys).toEqual([old])
    expect(value.spared).toEqual([{ key: locked, reason: `locked until ${lockedUntil}` }])
    expect(figures).toMatchObject({ 'deleted count': 1, locked: 1 })
    const deletes = server.requests.filter((request) => request.method === 'DELETE').map((request) => decodeURIComponent(request.path))
    expect(deletes).toEqual([`/b/${LOCKING}/o/${old}`])
    expect(server.objects(LOCKING).map((object) => object.name).filter((name) => name.startsWith('lock2/')).sort()).toEqual([made, locked].sort())
  })
})
