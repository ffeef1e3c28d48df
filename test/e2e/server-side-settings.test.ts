import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { readJson, runAction } from '../support/action.js'
import { clientPath, DAY_MS, expectSuccess, scratch, stamp, STEP_NAMES, type AuditRecord, connectionInputs } from '../support/e2e.js'
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'

/**
 * The bundle as the runner runs it, with storage-class and a backup locked by an earlier run:
 * s3rver behind the fault proxy, which answers the HeadObject of the locked backup with the
 * Object Lock retention S3 would report (s3rver has no Object Lock).
 */

const BUCKET = 'e2e-settings'
let server: PostgresServer
let s3: S3Emulator
let proxy: FaultProxy

beforeAll(async () => {
  ;[server, s3] = await Promise.all([startPostgres(), startS3rver([BUCKET])])
  await seedShop(server, 'shop')
  proxy = await startFaultProxy(s3.endpoint)
})

afterAll(async () => {
  await proxy?.stop()
  await s3?.stop()
  await server?.stop()
})

function inputs(audit: string, extra: Record<string, string>): Record<string, string> {
  return {
    ...connectionInputs('postgresql', server, 'shop'),
    'storage-type': 's3',
    bucket: BUCKET,
    path: 'nightly',
    's3-endpoint': proxy.endpoint,
    's3-force-path-style': 'true',
    'audit-dir': audit,
    ...extra
  }
}

test('the backup is stored in the class asked for, the upload reports it, and retention counts a backup still locked as locked', async () => {
  /** A backup an earlier run stored `days` ago. */
  const earlier = async (days: number, unique: string): Promise<string> => {
    const written = Date.now() - days * DAY_MS
    const key = `nightly/shop-${stamp(written)}-${unique}.dump.zst`
    await s3.put(BUCKET, key, 'an earlier backup', { dbtype: 'postgresql', backupname: 'shop' })
    await s3.backdate(BUCKET, key, new Date(written + 60_000))
    return key
  }
  const locked = await earlier(40, '0000000a')
  await earlier(41, '0000000b')
  const until = new Date(Date.now() + 3 * DAY_MS)
  proxy.inject({
    when: (request) => request.method === 'HEAD' && decodeURIComponent(request.url).includes(locked),
    fault: { addHeaders: { 'x-amz-object-lock-mode': 'GOVERNANCE', 'x-amz-object-lock-retain-until-date': until.toISOString() } }
  })
  const audit = await scratch('audit')
  const run = await runAction(inputs(audit, { 'storage-class': 'standard-ia', 'retention-days': '30' }), { ...s3.env, ...clientPath(server) })
  await expectSuccess(run)

  const key = run.outputs['backup-key']
  expect((await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).StorageClass).toBe('STANDARD_IA')
  const put = proxy.requests.find((request) => request.method === 'PUT' && decodeURIComponent(request.url).includes(key))
  expect(put?.headers['x-amz-storage-class']).toBe('STANDARD_IA')

  const record = await readJson<AuditRecord>(run.outputs['audit-file'])
  const figures = (name: string): Record<string, string | number> => record.steps.find((step) => step.name === name)?.figures ?? {}
  expect(figures('upload-to-storage')).toMatchObject({ 'storage class': 'STANDARD_IA' })
  expect(figures('cleanup-old-backups')).toMatchObject({ 'deleted count': 1, locked: 1 })
  expect(run.summary).toContain(`${locked} (locked until ${until.toISOString()})`)
  expect((await s3.keys(BUCKET, 'nightly/')).map((object) => object.key).sort()).toEqual([key, locked].sort())
})

test('bad server-side settings fail validate-config, one line per input, before anything is dumped or stored', async () => {
  const audit = await scratch('audit')
  const before = await s3.keys(BUCKET)
  const run = await runAction(
    inputs(audit, { 'storage-class': 'GLACIER', 's3-kms-key-id': 'alias/backups', 'immutable-days': '-1' }),
    { ...s3.env, ...clientPath(server) }
  )
  expect(run.exitCode).not.toBe(0)
  expect(run.outputs['failed-step']).toBe('validate-config')
  const record = await readJson<AuditRecord>(run.outputs['audit-file'])
  expect(record.steps.map((step) => [step.name, step.status])).toEqual(
    STEP_NAMES.map((name) => [name, name === 'validate-config' ? 'failed' : name === 'send-notification' ? 'success' : 'skipped'])
  )
  const error = record.steps[0].error ?? ''
  expect(error).toContain('input "storage-class": cannot be GLACIER: objects in GLACIER (Flexible Retrieval) must be restored')
  expect(error).toContain('input "s3-kms-key-id": is only used with s3-sse aws:kms')
  expect(error).toContain('input "immutable-days": must be a whole number of days from 0 (no lock) to 36500')
  expect(await s3.keys(BUCKET)).toEqual(before)
})
