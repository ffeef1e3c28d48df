import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { postgresqlClient } from '../../src/engines/postgresql/client.js'
import { archiveCacheDir } from '../../src/tools/archive-cache.js'
import { startActionsCache, type ActionsCacheServer } from '../support/actions-cache.js'
import { readJson, runAction } from '../support/action.js'
import { selfSignedCertificate, startMirror, type Certificate, type Mirror } from '../support/mirror.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { pgArchiveName, writePgClientArchive } from '../support/client-archive.js'
import { CLIENT_RUN_LOG, pinnedClientMirror } from '../support/pinned-clients.js'

/**
 * A client restored from the Actions cache runs with the database password: it is checked again
 * against the pinned SHA-256 on every restore, as a download is. The cache here is the real
 * @actions/cache client talking to a local cache service; the poisoned entry is saved through
 * that same client, as anyone with write access to the repository's cache could. The bundle is
 * this action built with the test archives pinned (test/support/pinned-clients.ts).
 */

const VERSION = '15.97.0'
const NAME = pgArchiveName(VERSION)

let server: PostgresServer
let mirror: Mirror
let cache: ActionsCacheServer
let toolCache: string
let bundle: string
let certificate: Certificate
const saved = { ...process.env }

beforeAll(async () => {
  server = await startPostgres()
  await seedShop(server, 'shop')
  const published = await pinnedClientMirror(server.binDir)
  bundle = published.bundle
  certificate = await selfSignedCertificate()
  mirror = await startMirror(published.root, certificate)
  cache = await startActionsCache()
  // One tool cache path for every run, as on a hosted runner, emptied between runs (a fresh machine).
  toolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'))
  // The first build of the pinned bundle takes minutes on a loaded machine; later ones are reused.
}, 900_000)

afterAll(async () => {
  process.env = saved
  await mirror?.close()
  await cache?.close()
  await server?.stop()
})

async function backup(): Promise<{ status: string; clientFrom: string; stdout: string }> {
  await rm(toolCache, { recursive: true, force: true })
  await mkdir(toolCache)
  const store = await mkdtemp(join(tmpdir(), 'store-'))
  const run = await runAction(
    {
      'db-type': 'postgresql',
      'db-host': server.host,
      'db-port': String(server.port),
      'db-name': 'shop',
      'db-user': server.user,
      'db-password': server.password,
      'storage-type': 'local',
      path: store,
      'client-version': '15.97',
      'client-download-url': mirror.url
    },
    { RUNNER_TOOL_CACHE: toolCache, ACTIONS_CACHE_URL: cache.url, ACTIONS_RUNTIME_TOKEN: 'test-token', NODE_EXTRA_CA_CERTS: certificate.certFile },
    bundle
  )
  const record = await readJson<{ steps: { name: string; figures: Record<string, string> }[] }>(run.outputs['audit-file'])
  const clientFrom = String(record.steps.find((step) => step.name === 'take-snapshot')?.figures['client from'] ?? '')
  return { status: run.outputs.status, clientFrom, stdout: run.stdout }
}

const archiveHits = (): number => mirror.hits.get(`/${VERSION}/${NAME}.tar.gz`) ?? 0
const runs = async (): Promise<string> => (existsSync(CLIENT_RUN_LOG) ? readFile(CLIENT_RUN_LOG, 'utf8') : '')

test('a downloaded archive is cached, and a restored one is checked again before it runs', async () => {
  const first = await backup()
  expect(first).toMatchObject({ status: 'SUCCESS', clientFrom: expect.stringMatching(/^download \(/) })
  expect(archiveHits()).toBe(1)
  expect([...cache.entries.keys()]).toEqual([expect.stringMatching(/^db-backup-action-postgresql-client-15\.97\.0-.*-archive-[0-9a-f]{16}$/)])

  const second = await backup()
  expect(second).toMatchObject({ status: 'SUCCESS', clientFrom: expect.stringMatching(/^cache restore \(/) })
  expect(second.stdout).toMatch(/SHA-256 [0-9a-f]{64} of the archive restored from the Actions cache .* matches /)
  expect(archiveHits()).toBe(1)
})

test('a poisoned cache entry is refused with a warning, downloaded afresh, and never run', async () => {
  const [key] = cache.entries.keys()
  // The attacker's entry under the same key: an archive of the same name whose pg_dump is theirs.
  process.env.RUNNER_TOOL_CACHE = toolCache
  process.env.ACTIONS_CACHE_URL = cache.url
  process.env.ACTIONS_RUNTIME_TOKEN = 'test-token'
  const dir = archiveCacheDir(postgresqlClient, VERSION)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  await writePgClientArchive(join(dir, `${NAME}.tar.gz`), VERSION, 'POISONED', server.binDir, CLIENT_RUN_LOG)
  cache.entries.delete(key)
  const { saveCache } = await import('@actions/cache')
  await saveCache([dir], key)
  expect(cache.entries.has(key)).toBe(true)
  const hits = archiveHits()

  const run = await backup()
  expect(run.stdout).toMatch(/::warning::.*the archive restored from the Actions cache .* has SHA-256 [0-9a-f]{64}, but the SHA-256 pinned in this action .* says [0-9a-f]{64}.*The cache entry is refused; downloading/)
  expect(run).toMatchObject({ status: 'SUCCESS', clientFrom: expect.stringMatching(/^download \(/) })
  expect(archiveHits()).toBe(hits + 1)
  expect(await runs()).not.toContain('POISONED')
  expect(await runs()).toContain(`${VERSION} pg_dump`)
})
