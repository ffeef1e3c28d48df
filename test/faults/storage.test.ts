import { runAction, type ActionRun } from '../support/action.js'
import { clientPath, DAY_MS, expectFailedEverywhere, expectSuccess, postgresInputs, scratch, stamp } from '../support/e2e.js'
import { S3_ACCESS_DENIED, S3_SLOW_DOWN, startFaultProxy, type FaultProxy, type SeenRequest } from '../support/fault-proxy.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'
import { expectFailedAfterUpload, leftOnDisk, resetWebhook, stepFigures } from './matrix.js'

/**
 * Fault matrix: the storage, S3 (s3rver) behind the fault-injecting proxy, with the bundle run as
 * the runner runs it. Transient faults are retried and show in the step's figures; a refusal
 * fails at once; a connection that dies on every attempt fails the upload and leaves no object; a
 * listing that does not show the new backup, or deletes that keep failing, fail retention with
 * nothing deleted.
 */

const BUCKET = 'fault-matrix'

let server: PostgresServer
let s3: S3Emulator
let webhook: WebhookReceiver
let proxy: FaultProxy

beforeAll(async () => {
  ;[server, s3, webhook] = await Promise.all([startPostgres(), startS3rver([BUCKET]), startWebhookReceiver()])
  proxy = await startFaultProxy(s3.endpoint)
  await seedShop(server, 'shop')
})

afterAll(async () => {
  await proxy?.stop()
  await webhook?.close()
  await s3?.stop()
  await server?.stop()
})

beforeEach(() => {
  resetWebhook(webhook)
  proxy.clear()
  proxy.requests.length = 0
})

const isUpload = (request: SeenRequest): boolean => request.method === 'PUT'
const isList = (request: SeenRequest): boolean => request.method === 'GET' && request.url.includes('list-type=2')
/** The retention listing, not validate-config's one-key preflight listing. */
const isRetentionList = (request: SeenRequest): boolean => isList(request) && !/[?&]max-keys=1(&|$)/.test(request.url)
const isDelete = (request: SeenRequest): boolean => request.method === 'POST' && /[?&]delete/.test(request.url)

/** Two backups under `prefix`, old enough for retention to delete. */
async function oldBackups(prefix: string): Promise<string[]> {
  const old = [40, 31].map((days, n) => [Date.now() - days * DAY_MS, `${prefix}/shop-${stamp(Date.now() - days * DAY_MS)}-0000000${n}.dump`] as const)
  for (const [writtenAt, key] of old) {
    await s3.put(BUCKET, key, `old backup ${key}`)
    // Stored when an earlier run made it: retention spares what was stored in the last minutes.
    await s3.backdate(BUCKET, key, new Date(writtenAt))
  }
  return old.map(([, key]) => key)
}

/** A backup of `shop` under its own prefix, to S3 through the proxy, with two old backups there (unless `old` names them). */
async function backup(prefix: string, extra: Record<string, string> = {}, existing?: string[]): Promise<{ run: ActionRun; audit: string; old: string[] }> {
  const old = existing ?? (await oldBackups(prefix))
  const audit = await scratch('audit')
  const inputs = postgresInputs(server, webhook, audit, {
    'storage-type': 's3',
    bucket: BUCKET,
    path: prefix,
    's3-endpoint': proxy.endpoint,
    's3-region': s3.region,
    's3-force-path-style': 'true',
    'retention-days': '30',
    ...extra
  })
  const run = await runAction(inputs, { ...s3.env, ...clientPath(server) })
  return { run, audit, old }
}

async function keysUnder(prefix: string): Promise<string[]> {
  return (await s3.keys(BUCKET, `${prefix}/`)).map((object) => object.key).sort()
}

function listingOf(prefix: string, objects: { key: string; size: number }[]): string {
  const contents = objects
    .map(({ key, size }) => `<Contents><Key>${key}</Key><LastModified>2026-11-01T00:00:00.000Z</LastModified><ETag>"0"</ETag><Size>${size}</Size><StorageClass>STANDARD</StorageClass></Contents>`)
    .join('')
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${BUCKET}</Name><Prefix>${prefix}/shop-</Prefix>` +
    `<KeyCount>${objects.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`
  )
}

describe('fault matrix: storage (S3 behind a fault-injecting proxy)', () => {
  test('503 SlowDown twice on the upload, then it goes through: SUCCESS, and the upload figures show 2 retries', async () => {
    proxy.inject({ when: isUpload, times: 2, fault: S3_SLOW_DOWN })
    const { run, old } = await backup('slowdown')
    await expectSuccess(run)
    expect(await stepFigures(run, 'upload-to-storage')).toMatchObject({ retries: 2 })
    expect(run.summary).toMatch(/retries: 2/)
    expect(proxy.requests.filter((request) => request.fault === 'status')).toHaveLength(2)
    expect(await keysUnder('slowdown')).toEqual([run.outputs['backup-key']])
    expect(run.outputs['deleted-count']).toBe(String(old.length))
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('the connection cut mid-upload on every attempt: upload-to-storage fails after 4 attempts, and no object is left under the key', async () => {
    proxy.inject({ when: isUpload, fault: { cutAfterBytes: 16 * 1024, withhold: true } })
    const { run, audit, old } = await backup('cut')
    await expectFailedEverywhere(run, audit, webhook, 'upload-to-storage', /\((ECONNRESET|EPIPE)\).*gave up after 4 attempts/)
    expect(proxy.requests.filter((request) => request.fault === 'cut')).toHaveLength(4)
    expect(await keysUnder('cut')).toEqual([...old].sort())
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('403 AccessDenied on the upload: fails at once with the cause, one request and no retry', async () => {
    proxy.inject({ when: isUpload, fault: S3_ACCESS_DENIED })
    const { run, audit, old } = await backup('denied')
    await expectFailedEverywhere(run, audit, webhook, 'upload-to-storage', /access denied \(AccessDenied\): the credentials need s3:PutObject/)
    expect(proxy.requests.filter(isUpload)).toHaveLength(1)
    expect(run.stdout).not.toMatch(/gave up after/)
    expect(await keysUnder('denied')).toEqual([...old].sort())
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('a bucket that does not exist (NoSuchBucket, 404): the preflight fails at once naming the bucket, one request, before any dump', async () => {
    const { run, audit } = await backup('nobucket', { bucket: 'no-such-bucket-here' })
    await expectFailedEverywhere(run, audit, webhook, 'validate-config', /the bucket "no-such-bucket-here" does not exist \(NoSuchBucket\)/)
    expect(proxy.requests).toHaveLength(1)
    expect(proxy.requests.filter(isUpload)).toHaveLength(0)
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('a bucket that cannot be written (403 AccessDenied on CreateMultipartUpload): the preflight fails at once naming s3:PutObject, before any dump', async () => {
    proxy.inject({ when: (request) => request.method === 'POST' && /[?&]uploads/.test(request.url), fault: S3_ACCESS_DENIED })
    const { run, audit, old } = await backup('readonly')
    await expectFailedEverywhere(run, audit, webhook, 'validate-config', /cannot be written under s3:\/\/fault-matrix\/readonly\/shop-\*: starting an upload was refused \(AccessDenied\): the credentials need s3:PutObject/)
    expect(proxy.requests.filter((request) => request.fault === 'status')).toHaveLength(1)
    expect(proxy.requests.filter((request) => request.method === 'DELETE' || isUpload(request))).toEqual([])
    expect(await s3.uploads(BUCKET)).toEqual([])
    expect(await keysUnder('readonly')).toEqual([...old].sort())
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('a listing throttled once (429): retried, SUCCESS, and the retention figures show 1 retry', async () => {
    proxy.inject({ when: isRetentionList, times: 1, fault: { status: 429, body: '' } })
    const { run } = await backup('throttled')
    await expectSuccess(run)
    expect(await stepFigures(run, 'cleanup-old-backups')).toMatchObject({ retries: 1 })
    expect(run.outputs['deleted-count']).toBe('2')
    expect(await keysUnder('throttled')).toEqual([run.outputs['backup-key']])
  })

  test('a listing that omits the backup just made: cleanup-old-backups fails and nothing is deleted', async () => {
    const prefix = 'stale-listing'
    const old = await oldBackups(prefix)
    // The listing shows the old backups as they are, but not the one this run uploads.
    const listed = await s3.keys(BUCKET, `${prefix}/`)
    proxy.inject({ when: isList, fault: { status: 200, body: listingOf(prefix, listed), headers: { 'Content-Type': 'application/xml' } } })
    const { run, audit } = await backup(prefix, {}, old)
    await expectFailedAfterUpload(run, audit, webhook, 'cleanup-old-backups', /listing/)
    expect(run.outputs['deleted-count']).toBe('')
    expect(proxy.requests.filter(isDelete)).toEqual([])
    expect(await keysUnder(prefix)).toEqual([...old, run.outputs['backup-key']].sort())
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('deletes answered 503 on every attempt: cleanup-old-backups fails after 4 attempts; the old backups and the new one stay', async () => {
    proxy.inject({ when: isDelete, fault: { status: 503, body: '' } })
    const { run, audit, old } = await backup('undeletable')
    await expectFailedAfterUpload(run, audit, webhook, 'cleanup-old-backups', /deleting 2 old backup\(s\) .* failed: .*503.*gave up after 4 attempts/)
    expect(proxy.requests.filter(isDelete)).toHaveLength(4)
    expect(await keysUnder('undeletable')).toEqual([...old, run.outputs['backup-key']].sort())
    expect(await leftOnDisk(run)).toEqual([])
  })
})
