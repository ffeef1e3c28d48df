import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, type AzuriteServer } from '../support/azurite.js'
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
  sha256Of,
  type AuditRecord
} from '../support/e2e.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'

const CONTAINER = 'e2e-backups'
const PREFIX = 'nightly/pg'

let server: PostgresServer
let azurite: AzuriteServer
let webhook: WebhookReceiver
let expectedCounts: Record<string, number>

beforeAll(async () => {
  ;[server, azurite, webhook] = await Promise.all([startPostgres(), startAzurite(), startWebhookReceiver()])
  await azurite.createContainer(CONTAINER)
  expectedCounts = await seedShop(server, 'shop')
})

afterAll(async () => {
  await webhook?.close()
  await azurite?.stop()
  await server?.stop()
})

beforeEach(() => {
  webhook.bodies.length = 0
})

function azureInputs(auditDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return postgresInputs(server, webhook, auditDir, {
    'storage-type': 'azure-blob',
    bucket: CONTAINER,
    path: PREFIX,
    'azure-connection-string': azurite.connectionString,
    ...extra
  })
}

async function names(prefix = ''): Promise<string[]> {
  return (await azurite.blobs(CONTAINER, prefix)).map((blob) => blob.name)
}

describe('PostgreSQL to Azure Blob Storage (azurite), as the runner runs the bundle', () => {
  test('a backup is uploaded with its SHA-256; the outputs are what Azure holds, the key is never shown, and it restores', async () => {
    const audit = await scratch('audit')
    const run = await runAction(azureInputs(audit), clientPath(server))
    await expectSuccess(run)

    const key = run.outputs['backup-key']
    expect(key).toMatch(/^nightly\/pg\/shop-\d{8}T\d{6}Z-[0-9a-f]{8}\.dump\.zst$/)
    expect(run.outputs['backup-uri']).toBe(`http://127.0.0.1:${azurite.port}/${AZURITE_ACCOUNT}/${CONTAINER}/${key}`)
    const blob = azurite.container(CONTAINER).getBlobClient(key)
    const properties = await blob.getProperties()
    expect(Number(run.outputs['size-bytes'])).toBe(properties.contentLength)
    expect(run.outputs.etag).toBe(properties.etag?.replace(/"/g, ''))
    expect(run.outputs['version-id']).toBe(properties.versionId ?? '')
    expect(properties.metadata?.sha256).toBe(run.outputs.sha256)
    expect(Number(run.outputs['throughput-bytes-per-second'])).toBeGreaterThan(0)

    const dump = join(await scratch('download'), 'shop.dump.zst')
    await blob.downloadToFile(dump)
    expect(await sha256Of(dump)).toBe(run.outputs.sha256)
    expect(await restoredCounts(server, dump, 'shop_from_azure')).toEqual(expectedCounts)

    const visible = await everythingVisible(run, audit, webhook)
    expect(visible).not.toContain(AZURITE_KEY)
    expect(visible).not.toContain(server.password)
  })

  // Azurite stamps every blob with its own clock at upload, and nothing can date a blob back: the
  // fixtures are blobs stored moments ago, which retention must take for another run's and keep.
  test('retention, signed in through AZURE_STORAGE_CONNECTION_STRING, spares blobs stored moments ago and says so', async () => {
    const audit = await scratch('audit')
    const prefix = 'retention/pg'
    const fixture = retentionFixture(prefix)
    for (const key of [...fixture.old, ...fixture.recent, ...fixture.foreign]) {
      const content = fixture.content(key)
      await azurite.container(CONTAINER).getBlockBlobClient(key).upload(content, content.length)
    }

    const run = await runAction(azureInputs(audit, { path: prefix, 'azure-connection-string': '', 'retention-days': '30', 'max-backups': '3' }), {
      ...clientPath(server),
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString
    })
    await expectSuccess(run)

    const remaining = await names()
    for (const key of [...fixture.old, ...fixture.recent, ...fixture.foreign, run.outputs['backup-key']]) expect(remaining).toContain(key)
    expect(run.outputs['deleted-count']).toBe('0')
    // Their keys are days old but the blobs are new, stored one after another: a copy of the
    // history, ranked by their keys; the three beyond max-backups 3 were stored moments ago and are spared.
    const record = await readJson<AuditRecord>(run.outputs['audit-file'])
    expect(record.steps.find((step) => step.name === 'cleanup-old-backups')?.figures).toMatchObject({
      'backups found': 6,
      'spared (stored while this run was going)': 3
    })
    expect(run.stdout).toMatch(/::warning title=Backup retention::5 backups dated .* a copy of the history/)
    expect(run.stdout).toMatch(/::warning title=Backup retention::retention\/pg\/shop-\S+ was stored at .*possibly another run's backup, kept/)
    expect(await everythingVisible(run, audit, webhook)).not.toContain(AZURITE_KEY)
  })

  const wrongKey = randomBytes(64).toString('base64')

  test.each([
    ['a wrong account key', async () => ({ 'azure-connection-string': azurite.connectionStringWithKey(wrongKey) }), /the credentials were refused \(AuthorizationFailure\)/, 'validate-config'],
    ['a missing container', async () => ({ bucket: 'no-such-container' }), /the container "no-such-container" does not exist \(ContainerNotFound\)/, 'validate-config'],
    [
      'a closed port',
      async () => ({ 'azure-connection-string': azurite.connectionString.replace(`127.0.0.1:${azurite.port}`, `127.0.0.1:${await freePort()}`) }),
      /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
      'validate-config'
    ],
    [
      'an account URL without any Azure sign-in',
      async () => ({ 'azure-connection-string': '', 'azure-account-url': `https://127.0.0.1:${await freePort()}/${AZURITE_ACCOUNT}` }),
      /no usable Azure credentials \(use azure\/login/,
      'validate-config'
    ]
  ])('%s fails the run in validate-config\'s preflight, before any dump, reported FAILED everywhere, and leaves no blob', async (_name, setup, reason, step) => {
    const audit = await scratch('audit')
    const before = await names()
    const run = await runAction(azureInputs(audit, await setup()), clientPath(server))

    await expectFailedUpload(run, webhook, audit, reason, step)
    expect(await names()).toEqual(before)
    const visible = await everythingVisible(run, audit, webhook)
    expect(visible).not.toContain(wrongKey)
    expect(visible).not.toContain(AZURITE_KEY)
    expect(visible).not.toContain(server.password)
  })

  test.each([
    [{ 'azure-connection-string': '' }, 'azure-account-url', /or azure-connection-string is required for storage-type azure-blob/],
    [{ 'azure-connection-string': `AccountName=${AZURITE_ACCOUNT};NoKeyHere=1` }, 'azure-connection-string', /not a usable storage connection string/],
    [{ bucket: 'Backups_2026' }, 'bucket', /Azure container name/],
    [{ 'azure-account-url': 'ftp://example.test' }, 'azure-account-url', /http:\/\/ or https:\/\//]
  ])('bad input %j fails in validate-config naming %s, without showing the connection string', async (override, input, rule) => {
    const audit = await scratch('audit')
    const run = await runAction(azureInputs(audit, override), clientPath(server))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('validate-config')
    const record = await readJson<{ error: string }>(run.outputs['audit-file'])
    expect(record.error).toContain(`input "${input}"`)
    expect(record.error).toMatch(rule)
    expect(await everythingVisible(run, audit, webhook)).not.toContain(AZURITE_KEY)
    expect(await everythingVisible(run, audit, webhook)).not.toContain('NoKeyHere')
  })
})
