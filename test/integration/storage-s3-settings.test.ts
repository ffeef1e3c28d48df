import { NO_KEEP } from '../../src/config/retention.js'
import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Config, ObjectSettings, StorageConfig } from '../../src/config/types.js'
import type { BackupRecord } from '../../src/report/types.js'
import { cleanupOldBackups } from '../../src/actions/backup/cleanup-old-backups.js'
import { S3Storage } from '../../src/storage/s3/storage.js'
import type { BackupMetadata } from '../../src/storage/types.js'
import { stamp } from '../support/e2e.js'
import { s3ErrorXml, startFaultProxy, type FaultProxy, type SeenRequest } from '../support/fault-proxy.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'
import { setEnvironment } from '../support/environment.js'

/**
 * s3-sse, s3-kms-key-id, storage-class and immutable-days against s3rver. s3rver keeps the storage
 * class (and refuses a class it does not know) but has neither server-side encryption nor Object
 * Lock: the requests are checked at the fault proxy in front of it, and where S3 would answer what
 * s3rver cannot (a HeadObject reporting the encryption and retention, a deletion refused for a
 * lock, the bucket's Object Lock configuration), the proxy answers as S3 does; each test says so.
 */

const BUCKET = 'settings'
const DAY = 86_400_000
const MiB = 1024 * 1024
const NONE: ObjectSettings = { storageClass: '', immutableDays: 0, s3Encryption: '', s3KmsKeyId: '', s3ObjectLockMode: 'GOVERNANCE' }
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'

let s3: S3Emulator
let work: string
const proxies: FaultProxy[] = []
let restoreEnv: () => void = () => undefined

beforeAll(async () => {
  s3 = await startS3rver([BUCKET])
  restoreEnv = setEnvironment(s3.env)
  work = await mkdtemp(join(tmpdir(), 's3-settings-'))
})

afterAll(async () => {
  restoreEnv()
  await Promise.all(proxies.map((proxy) => proxy.stop()))
  await s3?.stop()
  await rm(work, { recursive: true, force: true })
})

async function proxy(): Promise<FaultProxy> {
  const started = await startFaultProxy(s3.endpoint)
  proxies.push(started)
  return started
}

function storageConfig(endpoint: string, objects: Partial<ObjectSettings>, prefix = 'db'): StorageConfig {
  return {
    type: 's3',
    bucket: BUCKET,
    path: prefix,
    s3: { endpoint, region: 'us-east-1', forcePathStyle: true, checksum: 'none' },
    objects: { ...NONE, ...objects }
  }
}

async function dump(size: number): Promise<{ file: string; metadata: BackupMetadata }> {
  const content = randomBytes(size)
  const file = join(work, `dump-${randomBytes(4).toString('hex')}`)
  await writeFile(file, content)
  const sha256 = createHash('sha256').update(content).digest('hex')
  return { file, metadata: { sha256, backupName: 'shop', dbType: 'postgresql', createdAt: new Date().toISOString() } }
}

const header = (request: SeenRequest | undefined, name: string): string | undefined => request?.headers[name] as string | undefined
const isHead = (request: SeenRequest): boolean => request.method === 'HEAD'

test('one PutObject carries the encryption, KMS key, class and Object Lock retention (with the checksum S3 requires for a lock)', async () => {
  const front = await proxy()
  const retainUntil = new Date(Date.now() + 7 * DAY + 3_600_000)
  // s3rver keeps no encryption or lock: the HeadObject is answered with them, as S3 reports them.
  front.inject({
    when: isHead,
    fault: {
      addHeaders: {
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': KEY_ARN,
        'x-amz-object-lock-mode': 'COMPLIANCE',
        'x-amz-object-lock-retain-until-date': retainUntil.toISOString()
      }
    }
  })
  const { file, metadata } = await dump(300 * 1024)
  const key = `db/shop-${stamp(Date.now())}-0000aaaa.dump`
  const before = Date.now()
  const settings = { storageClass: 'STANDARD_IA', immutableDays: 7, s3Encryption: 'aws:kms' as const, s3KmsKeyId: 'alias/backups', s3ObjectLockMode: 'COMPLIANCE' as const }
  const result = await new S3Storage(storageConfig(front.endpoint, settings)).upload(file, key, metadata)

  const put = front.requests.find((request) => request.method === 'PUT')
  expect(header(put, 'x-amz-server-side-encryption')).toBe('aws:kms')
  expect(header(put, 'x-amz-server-side-encryption-aws-kms-key-id')).toBe('alias/backups')
  expect(header(put, 'x-amz-storage-class')).toBe('STANDARD_IA')
  expect(header(put, 'x-amz-object-lock-mode')).toBe('COMPLIANCE')
  const until = Date.parse(header(put, 'x-amz-object-lock-retain-until-date') ?? '')
  expect(until).toBeGreaterThanOrEqual(before + 7 * DAY - 1000)
  expect(until).toBeLessThanOrEqual(Date.now() + 7 * DAY + 1000)
  expect(header(put, 'x-amz-checksum-sha256')).toBe(Buffer.from(metadata.sha256, 'hex').toString('base64'))

  // The class is the one s3rver really stored; encryption and lock as the HeadObject reported them.
  expect((await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).StorageClass).toBe('STANDARD_IA')
  expect(result.applied).toEqual({ storageClass: 'STANDARD_IA', encryption: `aws:kms (${KEY_ARN})`, lockedUntil: retainUntil.toISOString() })
  expect(result.warnings).toBeUndefined()
})

test('a multipart upload sends them once, with CreateMultipartUpload; its parts carry none', async () => {
  const front = await proxy()
  front.inject({ when: isHead, fault: { addHeaders: { 'x-amz-server-side-encryption': 'AES256' } } })
  const { file, metadata } = await dump(11 * MiB)
  const key = `db/shop-${stamp(Date.now())}-0000bbbb.dump`
  const result = await new S3Storage(storageConfig(front.endpoint, { storageClass: 'ONEZONE_IA', s3Encryption: 'AES256' })).upload(file, key, metadata)

  const create = front.requests.filter((request) => request.method === 'POST' && /\?uploads/.test(request.url))
  const parts = front.requests.filter((request) => request.method === 'PUT' && /partNumber=/.test(request.url))
  expect(create).toHaveLength(1)
  expect(parts.length).toBeGreaterThanOrEqual(2)
  expect(header(create[0], 'x-amz-server-side-encryption')).toBe('AES256')
  expect(header(create[0], 'x-amz-storage-class')).toBe('ONEZONE_IA')
  expect(header(create[0], 'x-amz-object-lock-mode')).toBeUndefined()
  for (const part of parts) expect([header(part, 'x-amz-storage-class'), header(part, 'x-amz-server-side-encryption')]).toEqual([undefined, undefined])
  expect(result.applied).toEqual({ storageClass: 'ONEZONE_IA', encryption: 'AES256' })
})

test('a service that stores the object without the encryption or lock asked for: the upload fails saying so, and leaves nothing', async () => {
  const { file, metadata } = await dump(64 * 1024)
  const key = `db/shop-${stamp(Date.now())}-0000cccc.dump`
  const upload = new S3Storage(storageConfig(s3.endpoint, { s3Encryption: 'AES256', immutableDays: 3 })).upload(file, key, metadata)
  await expect(upload).rejects.toThrow(
    /is not the dump: it is stored with server-side encryption none reported, not AES256 as s3-sse asks; it is stored without the Object Lock retention immutable-days asks for \(none reported/
  )
  expect(await s3.keys(BUCKET, key)).toEqual([])
})

test('a class the service does not keep is a warning, not a failure', async () => {
  const front = await proxy()
  // As a service that accepts the header and files the object under its own class.
  front.inject({ when: isHead, fault: { addHeaders: { 'x-amz-storage-class': 'STANDARD' } } })
  const { file, metadata } = await dump(32 * 1024)
  const key = `db/shop-${stamp(Date.now())}-0000dddd.dump`
  const result = await new S3Storage(storageConfig(front.endpoint, { storageClass: 'STANDARD_IA' })).upload(file, key, metadata)
  expect(result.applied).toEqual({ storageClass: 'STANDARD' })
  expect(result.warnings).toEqual([`the storage keeps ${key} in storage class STANDARD, not STANDARD_IA as storage-class asks`])
})

describe('preflight with immutable-days reads the bucket\'s Object Lock configuration', () => {
  const isLockConfiguration = (request: SeenRequest): boolean => request.method === 'GET' && /[?&]object-lock/.test(request.url)

  test('enabled: passes, and says so', async () => {
    const front = await proxy()
    // As S3 answers GetObjectLockConfiguration for a bucket created with Object Lock.
    const body = '<?xml version="1.0" encoding="UTF-8"?>\n<ObjectLockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>'
    front.inject({ when: isLockConfiguration, fault: { status: 200, body, headers: { 'Content-Type': 'application/xml' } } })
    const checked = await new S3Storage(storageConfig(front.endpoint, { immutableDays: 7 })).preflight('db/shop-')
    expect(checked).toEqual({ checked: 'credentials and bucket OK (one-key listing); Object Lock enabled; writable (multipart upload started, aborted)' })
    expect(front.requests.filter(isLockConfiguration)).toHaveLength(1)
    // The write check asks for the lock every upload asks for, after the bucket was found to have Object Lock.
    const started = front.requests.find((request) => request.method === 'POST' && /[?&]uploads/.test(request.url))
    expect(started?.headers['x-amz-object-lock-mode']).toBe('GOVERNANCE')
    expect(front.requests.indexOf(started as SeenRequest)).toBeGreaterThan(front.requests.findIndex(isLockConfiguration))
  })

  test('a bucket without Object Lock fails before any dump, saying how to fix it', async () => {
    const front = await proxy()
    // S3's answer for a bucket created without Object Lock.
    const body = s3ErrorXml('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket')
    front.inject({ when: isLockConfiguration, fault: { status: 404, body, headers: { 'Content-Type': 'application/xml' } } })
    await expect(new S3Storage(storageConfig(front.endpoint, { immutableDays: 7 })).preflight('db/shop-')).rejects.toThrow(
      /S3 bucket "settings" at http:\/\/127\.0\.0\.1:\d+ has no Object Lock, which immutable-days needs: enable Object Lock on the bucket/
    )
  })

  test('a service without Object Lock (s3rver answers NotImplemented) fails; without immutable-days it is not asked', async () => {
    await expect(new S3Storage(storageConfig(s3.endpoint, { immutableDays: 7 })).preflight('db/shop-')).rejects.toThrow(
      /does not support S3 Object Lock \(GetObjectLockConfiguration: NotImplemented\), which immutable-days needs/
    )
    const front = await proxy()
    await new S3Storage(storageConfig(front.endpoint, { storageClass: 'STANDARD_IA' })).preflight('db/shop-')
    expect(front.requests.filter(isLockConfiguration)).toEqual([])
  })
})

describe('retention and Object Lock', () => {
  async function put(prefix: string, ageMs: number, unique: string): Promise<string> {
    const key = `${prefix}/shop-${stamp(Date.now() - ageMs)}-${unique}.dump`
    await s3.put(BUCKET, key, `backup ${unique}`, { dbtype: 'postgresql', backupname: 'shop' })
    await s3.backdate(BUCKET, key, new Date(Date.now() - ageMs + 60_000))
    return key
  }

  test('a deletion S3 refuses because Object Lock protects the object is reported as locked; any other refusal still fails', async () => {
    const locked = await put('lock1', 40 * DAY, '0000000a')
    const front = await proxy()
    // s3rver has no Object Lock: the DeleteObjects is answered as S3 answers it for a protected object.
    const refusal = (message: string): string =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Error><Key>${locked}</Key><Code>AccessDenied</Code><Message>${message}</Message></Error></DeleteResult>`
    const isDelete = (request: SeenRequest): boolean => request.method === 'POST' && /[?&]delete/.test(request.url)
    front.inject({ when: isDelete, times: 1, fault: { status: 200, body: refusal('Access Denied because object protected by object lock.'), headers: { 'Content-Type': 'application/xml' } } })
    front.inject({ when: isDelete, times: 1, fault: { status: 200, body: refusal('Access Denied'), headers: { 'Content-Type': 'application/xml' } } })
    const storage = new S3Storage(storageConfig(front.endpoint, {}, 'lock1'))

    expect(await storage.delete([locked])).toEqual({ deleted: [], locked: [locked] })
    await expect(storage.delete([locked])).rejects.toThrow(`1 old backup(s) could not be deleted from S3 bucket "settings" at ${front.endpoint}: ${locked}: AccessDenied Access Denied`)
    expect((await s3.keys(BUCKET, 'lock1/')).map((object) => object.key)).toEqual([locked])
  })

  test('cleanup-old-backups skips a backup whose HeadObject shows a running retention, without trying to delete it, and counts it as locked', async () => {
    const made = await put('lock2', 0, '00000000')
    const locked = await put('lock2', 40 * DAY, '0000000b')
    const old = await put('lock2', 41 * DAY, '0000000c')
    const front = await proxy()
    const retainUntil = new Date(Date.now() + 5 * DAY)
    // The retention S3 reports on the HeadObject of a locked object (to credentials with s3:GetObjectRetention).
    front.inject({
      when: (request) => isHead(request) && decodeURIComponent(request.url).includes(locked),
      fault: { addHeaders: { 'x-amz-object-lock-mode': 'GOVERNANCE', 'x-amz-object-lock-retain-until-date': retainUntil.toISOString() } }
    })
    const storage = storageConfig(front.endpoint, {}, 'lock2')
    const config = { storage, backupName: 'shop', database: { type: 'postgresql' }, retention: { days: 30, maxBackups: 0, limits: true, keep: NO_KEEP } } as unknown as Config
    const backup = { key: made, sizeBytes: 'backup 00000000'.length } as BackupRecord

    const { value, figures } = await cleanupOldBackups(config, { backend: new S3Storage(storage), backup }, new Date(Date.now() - 60_000))
    expect(value.deletedKeys).toEqual([old])
    expect(value.spared).toEqual([{ key: locked, reason: `locked until ${retainUntil.toISOString()}` }])
    expect(figures).toMatchObject({ 'backups found': 3, 'deleted count': 1, locked: 1, kept: 2 })
    // Only the unlocked one was sent for deletion.
    const deletes = front.requests.filter((request) => request.method === 'POST' && /[?&]delete/.test(request.url))
    expect(deletes).toHaveLength(1)
    expect((await s3.keys(BUCKET, 'lock2/')).map((object) => object.key).sort()).toEqual([made, locked].sort())
  })
})
