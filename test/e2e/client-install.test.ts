import { backupFiles } from '../support/e2e.js'
import { chmod, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { selfSignedCertificate, startMirror, type Certificate, type Mirror } from '../support/mirror.js'
import { freePort } from '../support/ports.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { pgArchiveName } from '../support/client-archive.js'
import { CLIENT_RUN_LOG, FORGED_PINNED, FORGED_UNPINNED, pinnedClientMirror } from '../support/pinned-clients.js'

/**
 * The installer, end to end, with no internet: a local https mirror serves portable-client
 * archives laid out like the official source, built here from the PostgreSQL client installed on
 * this machine, and the bundle under test is this action built with those archives' SHA-256 in
 * its pinned table (test/support/pinned-build.ts). Each archived executable is a wrapper that
 * reports its own version (so that it is told apart from the machine's client), logs that it ran,
 * and runs the real program. Every archive has a matching `.sha256` beside it, as a mirror under
 * an attacker's control would: none is ever read.
 */

let server: PostgresServer
let mirror: Mirror
let plainMirror: Mirror
let certificate: Certificate
let bundle: string

beforeAll(async () => {
  server = await startPostgres()
  await seedShop(server, 'shop')
  const published = await pinnedClientMirror(server.binDir)
  bundle = published.bundle
  certificate = await selfSignedCertificate()
  mirror = await startMirror(published.root, certificate)
  plainMirror = await startMirror(published.root)
  // The first build of the pinned bundle takes minutes on a loaded machine; later ones are reused.
}, 900_000)

afterAll(async () => {
  await mirror?.close()
  await plainMirror?.close()
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

/** The runner's environment: its tool cache, and the mirror's certificate trusted as a company CA is. */
const environment = (toolCache: string, extra: Record<string, string> = {}): Record<string, string> => ({
  RUNNER_TOOL_CACHE: toolCache,
  NODE_EXTRA_CA_CERTS: certificate.certFile,
  ...extra
})

async function runs(): Promise<string> {
  return existsSync(CLIENT_RUN_LOG) ? readFile(CLIENT_RUN_LOG, 'utf8') : ''
}

const archivePath = (version: string): string => `/${version}/${pgArchiveName(version)}.tar.gz`

type Record_ = { steps: { name: string; status: string; error?: string; figures: Record<string, string | number> }[] }

async function snapshotStep(run: { outputs: Record<string, string> }) {
  const record = await readJson<Record_>(run.outputs['audit-file'])
  return record.steps.find((step) => step.name === 'take-snapshot')
}

describe('dump client install through the tool cache', () => {
  let toolCache: string

  beforeAll(async () => {
    toolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'))
  })

  test('a requested version is downloaded over https, checked against its pinned SHA-256, installed in the tool cache, and dumps the database', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const run = await runAction(inputs(store, { 'client-version': '15.99' }), environment(toolCache), bundle)

    expect(run.outputs.status).toBe('SUCCESS')
    expect(run.exitCode).toBe(0)
    expect(mirror.hits.get(archivePath('15.99.0'))).toBe(1)
    // The pin checked it: the mirror's own checksum file was never asked for.
    expect(mirror.hits.get(`${archivePath('15.99.0')}.sha256`)).toBeUndefined()
    expect(run.stdout).toMatch(/SHA-256 [0-9a-f]{64} of the download of https:\/\/127\.0\.0\.1:\d+\/15\.99\.0\/.* matches the SHA-256 pinned in this action/)
    expect(existsSync(join(toolCache, 'postgresql-client', '15.99.0', process.arch, 'bin', 'pg_dump'))).toBe(true)
    expect(existsSync(join(toolCache, 'db-backup-action-manifests', 'postgresql-client', '15.99.0', `${process.arch}.json`))).toBe(true)
    expect(await runs()).toContain('15.99.0 pg_dump')
    expect(await runs()).toContain('15.99.0 pg_restore')

    const snapshot = await snapshotStep(run)
    expect(snapshot?.figures.client).toBe('pg_dump 15.99')
    expect(String(snapshot?.figures['client from'])).toMatch(/^download \(/)
    expect(snapshot?.figures['client checksum']).toBe('pinned in this action')
    expect(snapshot?.figures['server version']).toMatch(/^\d+\.\d+$/)
    expect(run.summary).toContain('client from: download')
    expect(await backupFiles(store)).toHaveLength(1)
  })

  test('a second run finds the client in the tool cache, checks its files against the manifest, and downloads nothing', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const before = new Map(mirror.hits)
    const run = await runAction(inputs(store, { 'client-version': '15.99' }), environment(toolCache), bundle)

    expect(run.outputs.status).toBe('SUCCESS')
    expect(mirror.hits).toEqual(before)
    const snapshot = await snapshotStep(run)
    expect(String(snapshot?.figures['client from'])).toMatch(/^tool cache \(/)
    expect(snapshot?.figures['client checksum']).toBe('pinned in this action')
  })

  test('a tool-cache client changed after it was installed is ignored with a warning naming the file, never run, and installed afresh', async () => {
    const pgDump = join(toolCache, 'postgresql-client', '15.99.0', process.arch, 'bin', 'pg_dump')
    const marker = join(await mkdtemp(join(tmpdir(), 'altered-')), 'ran')
    await writeFile(pgDump, `#!/bin/sh\nenv > '${marker}'\nif [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 15.99"; exit 0; fi\nexit 1\n`)
    await chmod(pgDump, 0o755)
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const downloads = mirror.hits.get(archivePath('15.99.0')) ?? 0
    const run = await runAction(inputs(store, { 'client-version': '15.99' }), environment(toolCache), bundle)

    expect(run.stdout).toMatch(/::warning::the postgresql-client 15\.99\.0 in the tool cache \(.*\) is ignored and not run: its files differ from its manifest: bin\/pg_dump: \d+ bytes, recorded \d+/)
    expect(run.outputs.status).toBe('SUCCESS')
    expect(existsSync(marker)).toBe(false)
    expect(mirror.hits.get(archivePath('15.99.0'))).toBe(downloads + 1)
    expect(String((await snapshotStep(run))?.figures['client from'])).toMatch(/^download \(/)
  })

  test('a forged archive of a pinned release is refused although the mirror serves a matching .sha256, and nothing is installed or run', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const run = await runAction(inputs(store, { 'client-version': '15.98' }), environment(toolCache), bundle)

    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('take-snapshot')
    expect((await snapshotStep(run))?.error).toMatch(
      /has SHA-256 [0-9a-f]{64}, but the SHA-256 pinned in this action \(from https:\/\/publisher\.example\/15\.98\.0\/.*\.sha256\) says [0-9a-f]{64}: nothing was installed or run/
    )
    expect(mirror.hits.get(`${archivePath(FORGED_PINNED)}.sha256`)).toBeUndefined()
    expect(existsSync(join(toolCache, 'postgresql-client', FORGED_PINNED))).toBe(false)
    expect(await runs()).not.toContain('FORGED')
    expect(await readdir(store)).toEqual([])
  })

  test('a release the action does not pin is refused from a mirror, whatever .sha256 the mirror serves, and never run', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const run = await runAction(inputs(store, { 'client-version': '15.96' }), environment(toolCache), bundle)

    expect(run.exitCode).not.toBe(0)
    const error = (await snapshotStep(run))?.error ?? ''
    expect(error).toMatch(/postgresql-15\.96\.0-.*\.tar\.gz is not pinned in this action, so it is not installed from the mirror https:\/\/127\.0\.0\.1:\d+ \(a mirror's own checksum file is never trusted\)/)
    expect(error).toMatch(/set client-version to a pinned release \(.*15\.99\.0.*\), leave client-download-url empty/)
    expect(mirror.hits.get(archivePath(FORGED_UNPINNED))).toBeUndefined()
    expect(mirror.hits.get(`${archivePath(FORGED_UNPINNED)}.sha256`)).toBeUndefined()
    expect(await runs()).not.toContain('FORGED')
    expect(await readdir(store)).toEqual([])
  })

  test('a plain http mirror is refused in validate-config, naming the input and the opt-in', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const emptyToolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'))
    const run = await runAction(inputs(store, { 'client-version': '15.99', 'client-download-url': plainMirror.url }), environment(emptyToolCache), bundle)

    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('validate-config')
    expect(run.stdout).toMatch(/input "client-download-url": must be an https:\/\/ URL: .*client-download-allow-insecure-http: true/)
    expect(plainMirror.hits.size).toBe(0)
    expect(await readdir(store)).toEqual([])
  })

  test('with client-download-allow-insecure-http, a plain http mirror is used with a warning, and the pin still checks what it serves', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const emptyToolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'))
    const run = await runAction(
      inputs(store, { 'client-version': '15.99', 'client-download-url': plainMirror.url, 'client-download-allow-insecure-http': 'true' }),
      environment(emptyToolCache),
      bundle
    )
    expect(run.outputs.status).toBe('SUCCESS')
    expect(run.stdout).toMatch(/::warning[^:]*::client-download-url is plain http \(client-download-allow-insecure-http is set\)/)
    expect(plainMirror.hits.get(archivePath('15.99.0'))).toBe(1)
    expect((await snapshotStep(run))?.figures['client checksum']).toBe('pinned in this action')
  })

  test('an Actions cache service that cannot be reached is a warning, never a failure', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const emptyToolCache = await mkdtemp(join(tmpdir(), 'tool-cache-'))
    const closed = await freePort()
    const run = await runAction(
      inputs(store, { 'client-version': '15.99' }),
      environment(emptyToolCache, { ACTIONS_CACHE_URL: `http://127.0.0.1:${closed}/`, ACTIONS_RUNTIME_TOKEN: 'test-token' }),
      bundle
    )
    expect(run.outputs.status).toBe('SUCCESS')
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/::warning::.*(restor|Failed to restore)/i)
    expect(run.stdout).toMatch(/::warning::.*(sav|Failed to save)/i)
    expect(String((await snapshotStep(run))?.figures['client from'])).toMatch(/^download \(/)
  })

  test('system uses the client on PATH', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const run = await runAction(inputs(store, { 'client-version': 'system' }), environment(toolCache, { PATH: `${server.binDir}:${process.env.PATH}` }), bundle)
    expect(run.outputs.status).toBe('SUCCESS')
    expect((await snapshotStep(run))?.figures['client from']).toBe(`PATH (${server.binDir})`)
  })

  test('a version that the mirror cannot serve fails naming what was found and what was wanted', async () => {
    const store = await mkdtemp(join(tmpdir(), 'store-'))
    const run = await runAction(inputs(store, { 'client-version': '17' }), environment(toolCache), bundle)
    expect(run.exitCode).not.toBe(0)
    const error = (await snapshotStep(run))?.error ?? ''
    expect(error).toMatch(/no pg_dump on this machine fits \(version 17, a client that can dump server version \d+\.\d+; found: .*pg_dump 15\.\d+/)
    expect(error).toMatch(/installing 17\.\d+\.\d+ failed/)
    expect(error).toContain('client-download-url')
  })
})
