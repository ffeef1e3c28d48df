import { readFile } from 'node:fs/promises'
import { readJson, runAction } from '../support/action.js'
import { Crc32c, startGcsServer, type GcsServer } from '../support/gcs-server.js'
import { freePort } from '../support/ports.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
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
let gcs: GcsServer
let webhook: WebhookReceiver
let expectedCounts: Record<string, number>

beforeAll(async () => {
  ;[server, gcs, webhook] = await Promise.all([startPostgres(), startGcsServer(), startWebhookReceiver()])
  gcs.createBucket(BUCKET)
  expectedCounts = await seedShop(server, 'shop')
})

afterAll(async () => {
  await webhook?.close()
  await gcs?.stop()
  await server?.stop()
})

beforeEach(() => {
  webhook.bodies.length = 0
})

function gcsInputs(auditDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return postgresInputs(server, webhook, auditDir, { 'storage-type': 'gcs', bucket: BUCKET, path: PREFIX, ...extra })
}

/** The emulator is named only here: the action gets STORAGE_EMULATOR_HOST from the test, never from the test's own environment. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  return { STORAGE_EMULATOR_HOST: gcs.url, ...clientPath(server), ...extra }
}

describe('PostgreSQL to Google Cloud Storage (JSON-API emulator), as the runner runs the bundle', () => {
  test('a backup is uploaded resumably with CRC32C validation; the outputs are what GCS holds, and it restores', async () => {
    const audit = await scratch('audit')
    const run = await runAction(gcsInputs(audit), env())
    await expectSuccess(run)

    const key = run.outputs['backup-key']
    expect(key).toMatch(/^nightly\/pg\/shop-\d{8}T\d{6}Z-[0-9a-f]{8}\.dump\.zst$/)
    expect(run.outputs['backup-uri']).toBe(`gs://${BUCKET}/${key}`)
    const stored = gcs.objects(BUCKET).find((object) => object.name === key)
    expect(stored).toBeDefined()
    expect(run.outputs['version-id']).toBe(stored?.generation)
    expect(run.outputs.etag).toBe(Buffer.from(`${stored?.generation}/${stored?.metageneration}`).toString('base64'))
    expect(Number(run.outputs['size-bytes'])).toBe(stored?.size)
    expect(stored?.metadata.sha256).toBe(run.outputs.sha256)
    expect(stored?.crc32c).toBe(new Crc32c().update(await readFile(stored!.path)).base64())
    expect(await sha256Of(stored!.path)).toBe(run.outputs.sha256)
    expect(Number(run.outputs['throughput-bytes-per-second'])).toBeGreaterThan(0)
    expect(gcs.requests.some((request) => request.query.uploadType === 'resumable' && request.query.ifGenerationMatch === '0')).toBe(true)

    expect(await restoredCounts(server, stored!.path, 'shop_from_gcs')).toEqual(expectedCounts)
  })

  test('retention deletes old and surplus backups of this name only; foreign objects and the new backup stay', async () => {
    const audit = await scratch('audit')
    const prefix = 'retention/pg'
    const fixture = retentionFixture(prefix)
    for (const key of [...fixture.old, ...fixture.recent, ...fixture.foreign]) {
      await gcs.putObject(BUCKET, key, fixture.content(key))
      gcs.backdate(BUCKET, key, fixture.writtenAt(key))
    }

    const run = await runAction(gcsInputs(audit, { path: prefix, 'retention-days': '30', 'max-backups': '3' }), env())
    await expectSuccess(run)

    const remaining = gcs.objects(BUCKET).map((object) => object.name)
    const deleted = [...fixture.old, fixture.recent[2]]
    for (const key of deleted) expect(remaining).not.toContain(key)
    for (const key of [fixture.recent[0], fixture.recent[1], ...fixture.foreign, run.outputs['backup-key']]) expect(remaining).toContain(key)
    expect(run.outputs['deleted-count']).toBe('3')
    expect(run.outputs['freed-bytes']).toBe(String(deleted.reduce((sum, key) => sum + fixture.content(key).length, 0)))
  })

  test.each([
    ['a missing bucket', async () => ({ env: env(), inputs: { bucket: 'no-such-bucket' } }), /the bucket "no-such-bucket" does not exist \(HTTP 404\)/, 'validate-config'],
    [
      'a bucket that refuses the identity',
      async () => {
        gcs.createBucket('locked-backups')
        gcs.denyWrites('locked-backups')
        return { env: env(), inputs: { bucket: 'locked-backups' } }
      },
      // Listing is allowed, writing is not: the preflight's upload session is refused before any dump.
      /cannot be written under gs:\/\/locked-backups\/[^*]*\*: starting an upload was refused \(HTTP 403\): the credentials need storage\.objects\.create/,
      'validate-config'
    ],
    ['a closed port', async () => ({ env: env({ STORAGE_EMULATOR_HOST: `http://127.0.0.1:${await freePort()}` }), inputs: {} }), /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/, 'validate-config'],
    [
      'no Google credentials at all',
      // No emulator, no key file, no gcloud configuration in HOME, and no metadata server.
      async () => ({ env: { ...clientPath(server), HOME: await scratch('no-gcloud'), GOOGLE_APPLICATION_CREDENTIALS: '' }, inputs: {} }),
      /no usable Google credentials \(use google-github-actions\/auth/,
      'validate-config'
    ]
  ])('%s fails the run in validate-config\'s preflight, before any dump, reported FAILED everywhere, and leaves no object', async (_name, setup, reason, step) => {
    const audit = await scratch('audit')
    const before = gcs.objects(BUCKET).map((object) => object.name)
    const { env: runEnv, inputs } = await setup()
    const run = await runAction(gcsInputs(audit, inputs), runEnv)

    await expectFailedUpload(run, webhook, audit, reason, step)
    expect(gcs.objects(BUCKET).map((object) => object.name)).toEqual(before)
    expect(gcs.objects('locked-backups')).toEqual([])
    expect(await everythingVisible(run, audit, webhook)).not.toContain(server.password)
  })

  test.each([
    [{ bucket: 'Bad_Bucket' }, 'bucket', /Cloud Storage bucket name/],
    [{ bucket: 'gs://e2e-backups' }, 'bucket', /bucket \(or container\) name alone/],
    [{ 's3-region': 'eu-west-1' }, 's3-region', /only used with storage-type s3/]
  ])('bad input %j fails in validate-config naming %s', async (override, input, rule) => {
    const audit = await scratch('audit')
    const run = await runAction(gcsInputs(audit, override), env())
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('validate-config')
    const record = await readJson<{ error: string }>(run.outputs['audit-file'])
    expect(record.error).toContain(`input "${input}"`)
    expect(record.error).toMatch(rule)
  })
})
