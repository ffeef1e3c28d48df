import { HeadObjectCommand } from '@aws-sdk/client-s3'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { freePort } from '../support/ports.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'
import {
  clientPath,
  everythingVisible,
  expectFailedUpload,
  expectSuccess,
  postgresInputs,
  restoredCounts,
  retentionFixture,
  scratch,
  sha256Of
} from '../support/e2e.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'

const BUCKET = 'e2e-backups'
const PREFIX = 'nightly/pg'

let server: PostgresServer
let s3: S3Emulator
let webhook: WebhookReceiver
let expectedCounts: Record<string, number>

beforeAll(async () => {
  ;[server, s3, webhook] = await Promise.all([startPostgres(), startS3rver([BUCKET]), startWebhookReceiver()])
  expectedCounts = await seedShop(server, 'shop')
})

afterAll(async () => {
  await webhook?.close()
  await s3?.stop()
  await server?.stop()
})

beforeEach(() => {
  webhook.bodies.length = 0
})

function s3Inputs(auditDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return postgresInputs(server, webhook, auditDir, {
    'storage-type': 's3',
    bucket: BUCKET,
    path: PREFIX,
    's3-endpoint': s3.endpoint,
    's3-region': s3.region,
    's3-force-path-style': 'true',
    ...extra
  })
}

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { ...s3.env, ...clientPath(server), ...extra }
}

describe('PostgreSQL to S3 (s3rver), as the runner runs the bundle', () => {
  test('a backup is uploaded with its SHA-256; the outputs are what S3 holds, and it restores', async () => {
    const audit = await scratch('audit')
    const run = await runAction(s3Inputs(audit), env())
    await expectSuccess(run)

    const key = run.outputs['backup-key']
    expect(key).toMatch(/^nightly\/pg\/shop-\d{8}T\d{6}Z-[0-9a-f]{8}\.dump\.zst$/)
    expect(run.outputs['backup-uri']).toBe(`s3://${BUCKET}/${key}`)
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))
    expect(Number(run.outputs['size-bytes'])).toBe(head.ContentLength)
    expect(run.outputs.etag).toBe(head.ETag?.replace(/"/g, ''))
    expect(run.outputs['version-id']).toBe('') // s3rver has no versioning
    expect(head.Metadata?.sha256).toBe(run.outputs.sha256)
    expect(Number(run.outputs['throughput-bytes-per-second'])).toBeGreaterThan(0)

    const dump = join(await scratch('download'), 'shop.dump.zst')
    await s3.download(BUCKET, key, dump)
    expect(await sha256Of(dump)).toBe(run.outputs.sha256)
    expect(await restoredCounts(server, dump, 'shop_from_s3')).toEqual(expectedCounts)

    const record = await readJson<{ backup: { uri: string; sha256: string; sizeBytes: number } }>(run.outputs['audit-file'])
    expect(record.backup).toMatchObject({ uri: run.outputs['backup-uri'], sha256: run.outputs.sha256, sizeBytes: head.ContentLength })
    expect(run.summary).toContain(run.outputs['backup-uri'])
    // The preflight's write check left nothing: no object, no multipart upload, no warning.
    expect(run.summary).toContain('storage check: credentials and bucket OK (one-key listing); writable (multipart upload started, aborted)')
    expect(await s3.uploads(BUCKET)).toEqual([])
    expect((await s3.keys(BUCKET)).map((object) => object.key)).toEqual([key])
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::warning'))).toEqual([])
  })

  test('retention deletes old and surplus backups of this name only; foreign objects and the new backup stay', async () => {
    const audit = await scratch('audit')
    // A prefix of its own: the backups of the other tests are not part of this count.
    const prefix = 'retention/pg'
    const fixture = retentionFixture(prefix)
    for (const key of [...fixture.old, ...fixture.recent, ...fixture.foreign]) {
      await s3.put(BUCKET, key, fixture.content(key))
      await s3.backdate(BUCKET, key, fixture.writtenAt(key))
    }

    const run = await runAction(s3Inputs(audit, { path: prefix, 'retention-days': '30', 'max-backups': '3' }), env())
    await expectSuccess(run)

    const remaining = (await s3.keys(BUCKET)).map((object) => object.key)
    const deleted = [...fixture.old, fixture.recent[2]]
    for (const key of deleted) expect(remaining).not.toContain(key)
    for (const key of [fixture.recent[0], fixture.recent[1], ...fixture.foreign, run.outputs['backup-key']]) expect(remaining).toContain(key)
    expect(run.outputs['deleted-count']).toBe('3')
    expect(run.outputs['freed-bytes']).toBe(String(deleted.reduce((sum, key) => sum + fixture.content(key).length, 0)))
  })

  test.each([
    ['refused credentials', async () => ({ env: { AWS_ACCESS_KEY_ID: 'AKIAE2EWRONGKEY00000', AWS_SECRET_ACCESS_KEY: 'e2e-wrong-secret-5a4b3c2d1e' }, inputs: {} }), /the credentials were refused \(InvalidAccessKeyId\)/, 'validate-config'],
    ['a missing bucket', async () => ({ env: {}, inputs: { bucket: 'no-such-bucket' } }), /the bucket "no-such-bucket" does not exist \(NoSuchBucket\)/, 'validate-config'],
    ['a closed port', async () => ({ env: {}, inputs: { 's3-endpoint': `http://127.0.0.1:${await freePort()}` } }), /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/, 'validate-config']
  ])('%s fails the run in the step that meets it (validate-config\'s preflight, before any dump), reported FAILED everywhere, and leaves no object', async (_name, setup, reason, step) => {
    const audit = await scratch('audit')
    const before = (await s3.keys(BUCKET)).map((object) => object.key)
    const { env: extraEnv, inputs } = await setup()
    const run = await runAction(s3Inputs(audit, inputs), env(extraEnv))

    await expectFailedUpload(run, webhook, audit, reason, step)
    expect((await s3.keys(BUCKET)).map((object) => object.key)).toEqual(before)
    const visible = await everythingVisible(run, audit, webhook)
    expect(visible).not.toContain(server.password)
    if ('AWS_SECRET_ACCESS_KEY' in extraEnv) expect(visible).not.toContain(extraEnv.AWS_SECRET_ACCESS_KEY)
  })

  test.each([
    [{ 's3-endpoint': 'minio.internal:9000' }, 's3-endpoint', /http:\/\/ or https:\/\//],
    [{ 's3-endpoint': 'https://key:secret@minio.internal' }, 's3-endpoint', /must not contain credentials/],
    [{ 's3-force-path-style': 'maybe' }, 's3-force-path-style', /true or false/],
    [{ 's3-checksum': 'md5' }, 's3-checksum', /must be one of auto, sha256, none/],
    [{ bucket: 's3://e2e-backups/nightly' }, 'bucket', /bucket \(or container\) name alone/],
    [{ bucket: '' }, 'bucket', /required for storage-type s3/],
    [{ 'azure-account-url': 'https://acct.blob.core.windows.net' }, 'azure-account-url', /only used with storage-type azure-blob/]
  ])('bad input %j fails in validate-config naming %s', async (override, input, rule) => {
    const audit = await scratch('audit')
    const run = await runAction(s3Inputs(audit, override), env())
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('validate-config')
    const record = await readJson<{ error: string }>(run.outputs['audit-file'])
    expect(record.error).toContain(`input "${input}"`)
    expect(record.error).toMatch(rule)
    expect(record.error).not.toContain('secret@')
  })
})
