import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { postgresqlClient } from '../../src/tools/clients/postgresql.js'
import { archiveCacheDir } from '../../src/tools/install.js'
import { startActionsCache, type ActionsCacheServer } from '../support/actions-cache.js'
import { readJson, runAction } from '../support/action.js'
import { startMirror, type Mirror } from '../support/mirror.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { pgArchiveName, writePgClientArchive } from '../support/client-archive.js'

/**
 * A client restored from the Actions cache runs with the database password: it is checked again
 * against the trusted SHA-256 on every restore, as a download is. The cache here is the real
 * @actions/cache client talking to a local cache service; the poisoned entry is saved through
 * that same client, as anyone with write access to the repository's cache could.
 */

const VERSION = '15.97.0'
const NAME = pgArchiveName(VERSION)

let server: PostgresServer
let mirror: Mirror
let cache: ActionsCacheServer
let runLog: string
let toolCache: string
const saved = { ...process.env }

/** A client archive whose programs log `<label> <program>` and then run the real client. */
async function clientArchive(path: string, label: string): Promise<void> {
  await writePgClientArchive(path, VERSION, label, server.binDir, runLog)
}

beforeAll(async () => {
  server = await startPostgres()
  await seedShop(server, 'shop')
  runLog = join(await mkdtemp(join(tmpdir(), 'client-runs-')), 'runs.log')
  const mirrorRoot = await mkdtemp(join(tmpdir(), 'mirror-'))
  await mkdir(join(mirrorRoot, VERSION))
  const archive = join(mirrorRoot, VERSION, `${NAME}.tar.gz`)
  await clientArchive(archive, 'genuine')
  await writeFile(`${archive}.sha256`, `${createHash('sha256').update(await readFile(archive)).digest('hex')}  ${NAME}.tar.gz\n`)
  mirror = await startMirror(mirrorRoot)
  cache = await startActionsCache()
  // One tool cache path for every run, as on a hosted runner, emptied between runs (a fresh machine).
  toolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'))
})

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
    { RUNNER_TOOL_CACHE: toolCache, ACTIONS_CACHE_URL: cache.url, ACTIONS_RUNTIME_TOKEN: 'test-token' }
  )
  const record = await readJson<{ steps: { name: string; figures: Record<string, string> }[] }>(run.outputs['audit-file'])
  const clientFrom = String(record.steps.find((step) => step.name === 'take-snapshot')?.figures['client from'] ?? '')
  return { status: run.outputs.status, clientFrom, stdout: run.stdout }
}

const archiveHits = (): number => mirror.hits.get(`/${VERSION}/${NAME}.tar.gz`) ?? 0
const runs = async (): Promise<string> => (existsSync(runLog) ? readFile(runLog, 'utf8') : '')

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
  await clientArchive(join(dir, `${NAME}.tar.gz`), 'POISONED')
  cache.entries.delete(key)
  const { saveCache } = await import('@actions/cache')
  await saveCache([dir], key)
  expect(cache.entries.has(key)).toBe(true)
  const hits = archiveHits()

  const run = await backup()
  expect(run.stdout).toMatch(/::warning::.*the archive restored from the Actions cache .* has SHA-256 [0-9a-f]{64}, but .* says [0-9a-f]{64}.*The cache entry is refused; downloading/)
  expect(run).toMatchObject({ status: 'SUCCESS', clientFrom: expect.stringMatching(/^download \(/) })
  expect(archiveHits()).toBe(hits + 1)
  expect(await runs()).not.toContain('POISONED')
  expect(await runs()).toContain('genuine pg_dump')
})
