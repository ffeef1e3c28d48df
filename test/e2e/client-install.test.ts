import { createHash } from 'node:crypto'
import { backupFiles } from '../support/e2e.js'
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { startMirror, type Mirror } from '../support/mirror.js'
import { freePort } from '../support/ports.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { pgArchiveName, writePgClientArchive } from '../support/client-archive.js'

/**
 * The installer, end to end, with no internet: a local mirror serves portable-client archives
 * laid out like the official source, built here from the PostgreSQL client installed on this
 * machine. Each archived executable is a wrapper that reports its own version (so that it is
 * told apart from the machine's client), logs that it ran, and runs the real program.
 */

let server: PostgresServer
let mirror: Mirror
let mirrorRoot: string
let runLog: string

async function publishArchive(version: string, options: { corruptChecksum?: boolean } = {}): Promise<void> {
  const name = pgArchiveName(version)
  const dir = join(mirrorRoot, version)
  await mkdir(dir, { recursive: true })
  const archive = join(dir, `${name}.tar.gz`)
  await writePgClientArchive(archive, version, version, server.binDir, runLog)
  const digest = createHash('sha256').update(await readFile(archive)).digest('hex')
  const published = options.corruptChecksum ? digest.replace(/^./, (c) => (c === '0' ? '1' : '0')) : digest
  await writeFile(`${archive}.sha256`, `${published}  ${name}.tar.gz\n`)
}

beforeAll(async () => {
  server = await startPostgres()
  await seedShop(server, 'shop')
  mirrorRoot = await mkdtemp(join(tmpdir(), 'mirror-'))
  runLog = join(await mkdtemp(join(tmpdir(), 'client-runs-')), 'runs.log')
  await publishArchive('15.99.0')
  await publishArchive('15.98.0', { corruptChecksum: true })
  mirror = await startMirror(mirrorRoot)
})

afterAll(async () => {
  await mirror?.close()
  await server?.stop()
})

function inputs(store: string, extra: Record<string, string>): Record<string, string> {
  return {
    'db-type': 'postgresql',
    'db-host': server.host,
    'db-port': String(server.port),
    'db-name': 'shop',
    'db-user': server.user,
    'db-password': server.password,
    'storage-type': 'local',
    path: store,
    'client-download-url': mirror.url,
    ...extra
  }
}

async function runs(): Promise<string> {
  return existsSync(runLog) ? readFile(runLog, 'utf8') : ''
}

type Record_ = { steps: { name: string; status: string; error?: string; figures: Record<string, string | number> }[] }

describe('dump client install through the tool cache', () => {
  let toolCache: string

  beforeAll(async () => {
    toolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'))
  })

  test('a requested version is downloaded, checked, installed in the tool cache, and dumps the database', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const run = await runAction(inputs(store, { 'client-version': '15.99' }), { RUNNER_TOOL_CACHE: toolCache })

    expect(run.outputs.status).toBe('SUCCESS')
    expect(run.exitCode).toBe(0)
    const archivePath = `/15.99.0/${pgArchiveName('15.99.0')}.tar.gz`
    expect(mirror.hits.get(archivePath)).toBe(1)
    expect(mirror.hits.get(`${archivePath}.sha256`)).toBe(1)
    expect(existsSync(join(toolCache, 'postgresql-client', '15.99.0', process.arch, 'bin', 'pg_dump'))).toBe(true)
    expect(await runs()).toContain('15.99.0 pg_dump')
    expect(await runs()).toContain('15.99.0 pg_restore')

    const record = await readJson<Record_>(run.outputs['audit-file'])
    const snapshot = record.steps.find((step) => step.name === 'take-snapshot')
    expect(snapshot?.figures.client).toBe('pg_dump 15.99')
    expect(String(snapshot?.figures['client from'])).toMatch(/^download \(/)
    expect(snapshot?.figures['server version']).toMatch(/^\d+\.\d+$/)
    expect(run.summary).toContain('client from: download')
    expect(await backupFiles(store)).toHaveLength(1)
  })

  test('a second run finds the client in the tool cache and downloads nothing', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const before = new Map(mirror.hits)
    const run = await runAction(inputs(store, { 'client-version': '15.99' }), { RUNNER_TOOL_CACHE: toolCache })

    expect(run.outputs.status).toBe('SUCCESS')
    expect(mirror.hits).toEqual(before)
    const record = await readJson<Record_>(run.outputs['audit-file'])
    expect(String(record.steps.find((step) => step.name === 'take-snapshot')?.figures['client from'])).toMatch(/^tool cache \(/)
  })

  test('a download whose SHA-256 does not match its checksum file fails, and nothing is installed or run', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const run = await runAction(inputs(store, { 'client-version': '15.98' }), { RUNNER_TOOL_CACHE: toolCache })

    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('take-snapshot')
    const record = await readJson<Record_>(run.outputs['audit-file'])
    expect(record.steps.find((step) => step.name === 'take-snapshot')?.error).toMatch(/has SHA-256 [0-9a-f]{64}, but .*15\.98\.0.*\.sha256 says [0-9a-f]{64}: nothing was installed or run/)
    expect(existsSync(join(toolCache, 'postgresql-client', '15.98.0'))).toBe(false)
    expect(await runs()).not.toContain('15.98.0')
    expect(await readdir(store)).toEqual([])
  })

  test('an Actions cache service that cannot be reached is a warning, never a failure', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const emptyToolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'))
    const closed = await freePort()
    const run = await runAction(inputs(store, { 'client-version': '15.99' }), {
      RUNNER_TOOL_CACHE: emptyToolCache,
      ACTIONS_CACHE_URL: `http://127.0.0.1:${closed}/`,
      ACTIONS_RUNTIME_TOKEN: 'test-token'
    })
    expect(run.outputs.status).toBe('SUCCESS')
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/::warning::.*(restor|Failed to restore)/i)
    expect(run.stdout).toMatch(/::warning::.*(sav|Failed to save)/i)
    const record = await readJson<Record_>(run.outputs['audit-file'])
    expect(String(record.steps.find((step) => step.name === 'take-snapshot')?.figures['client from'])).toMatch(/^download \(/)
  })

  test('system uses the client on PATH', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const run = await runAction(inputs(store, { 'client-version': 'system' }), {
      RUNNER_TOOL_CACHE: toolCache,
      PATH: `${server.binDir}:${process.env.PATH}`
    })
    expect(run.outputs.status).toBe('SUCCESS')
    const record = await readJson<Record_>(run.outputs['audit-file'])
    expect(record.steps.find((step) => step.name === 'take-snapshot')?.figures['client from']).toBe(`PATH (${server.binDir})`)
  })

  test('a version that the mirror does not have fails naming what was found and what was wanted', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const run = await runAction(inputs(store, { 'client-version': '17' }), { RUNNER_TOOL_CACHE: toolCache })
    expect(run.exitCode).not.toBe(0)
    const record = await readJson<Record_>(run.outputs['audit-file'])
    const error = record.steps.find((step) => step.name === 'take-snapshot')?.error ?? ''
    expect(error).toMatch(/no pg_dump on this machine fits \(version 17, a client that can dump server version \d+\.\d+; found: .*pg_dump 15\.\d+/)
    expect(error).toMatch(/installing 17\.\d+\.\d+ failed/)
    expect(error).toContain('client-download-url')
  })
})
