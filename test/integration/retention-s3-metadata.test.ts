import { NO_KEEP } from '../../src/config/retention.js'
import type { Config, StorageConfig } from '../../src/config/types.js'
import type { BackupRecord } from '../../src/report/types.js'
import { cleanupOldBackups } from '../../src/actions/backup/cleanup-old-backups.js'
import { S3Storage } from '../../src/storage/s3/storage.js'
import { stamp } from '../support/e2e.js'
import { startRecordingProxy, startS3rver, type RecordingProxy, type S3Emulator } from '../support/s3rver.js'
import { setEnvironment } from '../support/environment.js'

/**
 * The step against s3rver: S3's listing has no user metadata, so the step reads it with
 * HeadObject where the planner asks, and a MySQL backup of the same name and extension is never
 * taken for a MariaDB one.
 */

const BUCKET = 'retention'
const DAY = 86_400_000
let s3: S3Emulator
let proxy: RecordingProxy
let restoreEnv: () => void = () => undefined

beforeAll(async () => {
  s3 = await startS3rver([BUCKET])
  restoreEnv = setEnvironment(s3.env)
  proxy = await startRecordingProxy(s3.endpoint)
})

afterAll(async () => {
  restoreEnv()
  await proxy?.stop()
  await s3?.stop()
})

/** Stores a MariaDB or MySQL backup of `shop` under `prefix`, dated and written `ageMs` ago. */
async function put(prefix: string, ageMs: number, unique: string, dbtype: string): Promise<string> {
  const key = `${prefix}/shop-${stamp(Date.now() - ageMs)}-${unique}.sql.gz`
  await s3.put(BUCKET, key, `backup ${unique}`, { dbtype, backupname: 'shop' })
  await s3.backdate(BUCKET, key, new Date(Date.now() - ageMs + 60_000))
  return key
}

async function cleanup(prefix: string, made: string, maxBackups: number): Promise<Awaited<ReturnType<typeof cleanupOldBackups>>> {
  const storage: StorageConfig = { type: 's3', bucket: BUCKET, path: prefix, s3: { endpoint: proxy.endpoint, region: 'us-east-1', forcePathStyle: true, checksum: 'none' } }
  const config = { storage, backupName: 'shop', database: { type: 'mariadb' }, retention: { days: 30, maxBackups, limits: true, keep: NO_KEEP } } as unknown as Config
  const backup = { key: made, sizeBytes: 'backup 00000000'.length } as BackupRecord
  return cleanupOldBackups(config, { backend: new S3Storage(storage), backup }, new Date(Date.now() - 60_000))
}

/** The keys HeadObject was sent for. */
const heads = (): string[] =>
  proxy.requests.filter((request) => request.method === 'HEAD').map((request) => decodeURIComponent(request.url).replace(`/${BUCKET}/`, ''))

test('a MySQL backup of the same name is kept and holds no place among the newest; HeadObject only where it decides', async () => {
  const prefix = 'db1'
  const made = await put(prefix, 0, '00000000', 'mariadb')
  const mysql = await put(prefix, DAY, '0000000a', 'mysql')
  const older = await put(prefix, 2 * DAY, '0000000b', 'mariadb')
  const oldest = await put(prefix, 3 * DAY, '0000000c', 'mariadb')
  proxy.requests.length = 0

  const { value, figures } = await cleanup(prefix, made, 2)
  // Without metadata MySQL's backup would hold the second place and push `older` out.
  expect(value.deletedKeys).toEqual([oldest])
  expect(value.spared).toEqual([{ key: mysql, reason: 'another engine' }])
  expect(figures).toMatchObject({ 'backups found': 4, 'deleted count': 1, "kept (another engine's)": 1 })
  expect((await s3.keys(BUCKET, `${prefix}/`)).map((object) => object.key).sort()).toEqual([made, mysql, older].sort())
  // Read: the two it would delete at first, and the shared-extension place holder; never the backup just made.
  expect(heads().sort()).toEqual([mysql, older, oldest].sort())
})

test('with the metadata of every candidate read, nothing of MySQL is ever deleted, even when old and surplus', async () => {
  const prefix = 'db2'
  const made = await put(prefix, 0, '00000000', 'mariadb')
  const mysqlOld = await put(prefix, 40 * DAY, '0000000d', 'mysql')
  const mariadbOld = await put(prefix, 41 * DAY, '0000000e', 'mariadb')

  const { value } = await cleanup(prefix, made, 1)
  expect(value.deletedKeys).toEqual([mariadbOld])
  expect((await s3.keys(BUCKET, `${prefix}/`)).map((object) => object.key).sort()).toEqual([made, mysqlOld].sort())
})
