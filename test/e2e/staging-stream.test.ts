import { chmod, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readJson, runAction, type ActionRun } from '../support/action.js'
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, type AzuriteServer } from '../support/azurite.js'
import { clientPath, scratch, type AuditRecord, connectionInputs } from '../support/e2e.js'
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js'
import { startGcsServer, type GcsServer } from '../support/gcs-server.js'
import { startHoldingProxy } from '../support/holding-proxy.js'
import { startPostgres, type PostgresServer } from '../support/postgres.js'
import { expectRestored, restore } from '../support/restore.js'
import { startAction, waitUntil } from '../support/runner.js'
import { privileged } from '../support/run.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'

/**
 * staging stream: a database whose dump (over 200 MB, zstd) is far larger than RUNNER_TEMP (a
 * 16 MiB tmpfs) is backed up to each storage and restored; staging disk fails for lack of space;
 * a dump that fails its check and a connection cut mid-upload leave nothing visible and abort the
 * upload. One database, seeded once, serves every test.
 */

const BUCKET = 'stream-e2e'
const ROWS = 72_000

/** A 16 MiB tmpfs to serve as RUNNER_TEMP (a tmpfs root is writable by every user). */
const tmpfs = await (async (): Promise<{ dir: string } | { skip: string }> => {
  const dir = await scratch('stream-runner-temp')
  const mounted = await privileged('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir])
  if (mounted.code !== 0) return { skip: `mount -t tmpfs is not permitted here: ${mounted.stderr.trim()}` }
  return { dir }
})()
const TMPFS = 'dir' in tmpfs ? tmpfs.dir : ''
const describeMounted = 'dir' in tmpfs ? describe : describe.skip
if ('skip' in tmpfs) console.warn(`staging stream e2e skipped: ${tmpfs.skip}`)

let pg: PostgresServer
let s3: S3Emulator
let proxy: FaultProxy
let gcs: GcsServer
let azurite: AzuriteServer
let sourceRows: number

beforeAll(async () => {
  if (!TMPFS) return
  ;[pg, s3, gcs, azurite] = await Promise.all([startPostgres(), startS3rver([BUCKET]), startGcsServer(), startAzurite()])
  proxy = await startFaultProxy(s3.endpoint)
  gcs.createBucket(BUCKET)
  await azurite.createContainer(BUCKET)
  await pg.sql('postgres', 'CREATE DATABASE big')
  // base64 of SHA-512 digests: 6 bits of entropy per character, which zstd cannot squeeze much.
  // Unlogged: no WAL to write for a table that only has to be dumped.
  await pg.sql(
    'big',
    `CREATE UNLOGGED TABLE blobs (id int PRIMARY KEY, body text);
     INSERT INTO blobs SELECT g, (SELECT string_agg(encode(sha512((g * 100 + i)::text::bytea), 'base64'), '') FROM generate_series(1, 45) i) FROM generate_series(1, ${ROWS}) g;`
  )
  sourceRows = await rows('big')
}, 300_000)

afterAll(async () => {
  if (TMPFS) {
    await privileged('umount', [TMPFS])
    await rm(TMPFS, { recursive: true, force: true })
  }
  await proxy?.stop()
  await s3?.stop()
  await gcs?.stop()
  await azurite?.stop()
  await pg?.stop()
})

async function rows(database: string): Promise<number> {
  return Number((await pg.sql(database, 'SELECT count(*) FROM blobs')).trim())
}

function pgInputs(database: string, storage: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...connectionInputs('postgresql', pg, database),
    'backup-name': 'big',
    notify: 'console,file',
    ...storage,
    ...extra
  }
}

const s3Storage = (path: string, endpoint = s3.endpoint): Record<string, string> => ({
  'storage-type': 's3',
  bucket: BUCKET,
  path,
  's3-endpoint': endpoint,
  's3-region': s3.region,
  's3-force-path-style': 'true'
})

async function backupOnTmpfs(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<{ run: ActionRun; record: AuditRecord }> {
  const run = await runAction({ ...inputs, 'audit-dir': await scratch('audit') }, { ...clientPath(pg), ...env, RUNNER_TEMP: TMPFS })
  return { run, record: await readJson<AuditRecord>(run.outputs['audit-file']) }
}

function figure(record: AuditRecord, step: string, name: string): unknown {
  return record.steps.find((entry) => entry.name === step)?.figures[name]
}

/** The abort of the upload's multipart upload, not of validate-config's write check (a key ending in preflight-<hex>). */
const isUploadAbort = (request: { method: string; url: string }): boolean => request.method === 'DELETE' && /uploadId=/.test(request.url) && !/preflight-/.test(request.url)

const stepStatuses = (record: AuditRecord): string[][] => record.steps.map((step) => [step.name, step.status])

/** The upload failed, and the dump and its check, running at the same time, were stopped by it. */
function expectStoppedByUpload(run: ActionRun, record: AuditRecord): void {
  expect(run.exitCode).not.toBe(0)
  expect(run.outputs['failed-step']).toBe('upload-to-storage')
  expect(stepStatuses(record).slice(1, 4)).toEqual([
    ['take-snapshot', 'skipped'],
    ['verify-integrity', 'skipped'],
    ['upload-to-storage', 'failed']
  ])
  expect(record.steps.find((step) => step.name === 'take-snapshot')?.error).toMatch(/stopped because upload-to-storage failed/)
}

describeMounted('staging stream: a dump larger than RUNNER_TEMP', () => {
  test.each([
    ['S3 (s3rver)', () => ({ storage: s3Storage('stream/s3'), env: s3.env, list: async () => (await s3.keys(BUCKET, 'stream/s3')).map((o) => o.key) })],
    ['GCS', () => ({ storage: { 'storage-type': 'gcs', bucket: BUCKET, path: 'stream/gcs' }, env: { STORAGE_EMULATOR_HOST: gcs.url }, list: async () => gcs.objects(BUCKET).map((o) => o.name).filter((name) => name.startsWith('stream/gcs')) })],
    ['Azure Blob (azurite)', () => ({ storage: { 'storage-type': 'azure-blob', bucket: BUCKET, path: 'stream/azure', 'azure-connection-string': azurite.connectionString }, env: {}, list: async () => (await azurite.blobs(BUCKET, 'stream/azure')).map((b) => b.name) })]
  ])('auto streams to %s: committed once verified, restored with every row', async (name, setup) => {
    const { storage, env, list } = setup()
    const { run, record } = await backupOnTmpfs(pgInputs('big', storage), env)
    if (run.exitCode !== 0) throw new Error(`the backup failed:\n${run.stdout}\n${run.stderr}`)
    expect(Number(run.outputs['size-bytes'])).toBeGreaterThan(200_000_000)
    expect(figure(record, 'take-snapshot', 'staging')).toBe('stream')
    expect(run.summary).toMatch(/Staging: stream \(auto: RUNNER_TEMP has .*\)\. take-snapshot, verify-integrity and upload-to-storage ran at the same time: their durations overlap/)
    expect(String(figure(record, 'take-snapshot', 'staging reason'))).toMatch(/^auto: RUNNER_TEMP has .* free, less than 2 × the database's/)
    expect(figure(record, 'verify-integrity', 'read while streamed')).toBe(true)
    // Nothing of the dump on the runner's disk: a few MiB at most (the tmpfs holds 16).
    expect(Number(figure(record, 'upload-to-storage', 'RUNNER_TEMP peak bytes'))).toBeLessThan(4 * 1024 * 1024)
    expect(await list()).toEqual([run.outputs['backup-key']])

    const target = `restored_${name.replace(/\W.*/, '').toLowerCase()}`
    await pg.sql('postgres', `CREATE DATABASE ${target}`)
    const restored = await restore(pgInputs(target, storage), { ...env, ...clientPath(pg) })
    expectRestored(restored.run, restored.record)
    expect(restored.run.outputs.sha256).toBe(run.outputs.sha256)
    expect(await rows(target)).toBe(sourceRows)
    await pg.sql('postgres', `DROP DATABASE ${target}`)
  }, 300_000)

  test('stream to a local directory: written beside the destination under a hidden name, renamed once verified, restored', async () => {
    const store = await scratch('stream-store')
    const { run, record } = await backupOnTmpfs(pgInputs('big', { 'storage-type': 'local', path: store }, { staging: 'stream' }))
    if (run.exitCode !== 0) throw new Error(`the backup failed:\n${run.stdout}\n${run.stderr}`)
    expect(figure(record, 'take-snapshot', 'staging reason')).toBe('staging input')
    expect((await readdir(store)).sort()).toEqual([run.outputs['backup-key'], `${run.outputs['backup-key']}.sha256`].sort())
    await pg.sql('postgres', 'CREATE DATABASE restored_local')
    const restored = await restore(pgInputs('restored_local', { 'storage-type': 'local', path: store }), clientPath(pg))
    expectRestored(restored.run, restored.record)
    expect(await rows('restored_local')).toBe(sourceRows)
    await pg.sql('postgres', 'DROP DATABASE restored_local')
    await rm(store, { recursive: true, force: true })
  }, 300_000)

  test('staging disk: take-snapshot fails for lack of space, nothing is stored', async () => {
    const { run, record } = await backupOnTmpfs(pgInputs('big', s3Storage('stream/disk'), { staging: 'disk' }), s3.env)
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('take-snapshot')
    expect(record.steps.find((step) => step.name === 'take-snapshot')?.error).toMatch(/ENOSPC|no space left on device/i)
    expect(await s3.keys(BUCKET, 'stream/disk')).toEqual([])
    expect(await readdir(TMPFS)).toEqual([])
  }, 300_000)

  test('a dump truncated mid-stream: verify-integrity fails, the multipart upload is aborted, nothing is visible', async () => {
    const bin = await scratch('fake-pg-dump')
    const real = join(pg.binDir, 'pg_dump')
    await writeFile(join(bin, 'pg_dump'), `#!/bin/sh\nif [ "$1" = "--version" ]; then exec "${real}" --version; fi\n"${real}" "$@" | head -c 60000000\nexit 0\n`)
    await chmod(join(bin, 'pg_dump'), 0o755)
    proxy.requests.length = 0
    const { run, record } = await backupOnTmpfs(pgInputs('big', s3Storage('stream/truncated', proxy.endpoint), { staging: 'stream', 'client-version': 'system' }), {
      ...s3.env,
      PATH: `${bin}:${pg.binDir}:${process.env.PATH}`
    })
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('verify-integrity')
    expect(stepStatuses(record).slice(1, 4)).toEqual([
      ['take-snapshot', 'skipped'],
      ['verify-integrity', 'failed'],
      ['upload-to-storage', 'skipped']
    ])
    expect(record.steps.find((step) => step.name === 'verify-integrity')?.error).toMatch(/pg_restore/)
    // Parts were sent before the check failed; the upload was aborted, never completed.
    expect(proxy.requests.filter((request) => request.method === 'PUT' && /partNumber=/.test(request.url)).length).toBeGreaterThan(0)
    expect(proxy.requests.some(isUploadAbort)).toBe(true)
    expect(proxy.requests.some((request) => request.method === 'POST' && /uploadId=/.test(request.url))).toBe(false)
    expect(await s3.keys(BUCKET, 'stream/truncated')).toEqual([])
  }, 300_000)

  test('the connection cut mid-upload to S3: upload-to-storage fails, the dump is stopped, the multipart upload aborted, nothing is visible', async () => {
    proxy.requests.length = 0
    let parts = 0
    proxy.inject({ when: (request) => request.method === 'PUT' && /partNumber=/.test(request.url) && ++parts >= 6, fault: { cutAfterBytes: 1_000_000, withhold: true } })
    const { run, record } = await backupOnTmpfs(pgInputs('big', s3Storage('stream/cut', proxy.endpoint), { staging: 'stream' }), s3.env)
    proxy.clear()
    expectStoppedByUpload(run, record)
    expect(proxy.requests.some(isUploadAbort)).toBe(true)
    expect(proxy.requests.some((request) => request.method === 'POST' && /uploadId=/.test(request.url))).toBe(false)
    expect(await s3.keys(BUCKET, 'stream/cut')).toEqual([])
  }, 300_000)

  test('the upload refused mid-session by GCS: the resumable session is cancelled, its final chunk never sent, nothing is visible', async () => {
    const cancelledBefore = gcs.cancelledSessions.length
    gcs.failUploadsAfter(50_000_000)
    try {
      const storage = { 'storage-type': 'gcs', bucket: BUCKET, path: 'stream/gcs-cut' }
      const { run, record } = await backupOnTmpfs(pgInputs('big', storage, { staging: 'stream' }), { STORAGE_EMULATOR_HOST: gcs.url })
      expectStoppedByUpload(run, record)
    } finally {
      gcs.failUploadsAfter(undefined)
    }
    // The preflight's session (validate-config's write check) and the upload's.
    expect(gcs.cancelledSessions.length).toBe(cancelledBefore + 2)
    expect(gcs.objects(BUCKET).filter((object) => object.name.startsWith('stream/gcs-cut'))).toEqual([])
  }, 300_000)

  test('the connection cut mid-upload to Azure: no block list is committed, nothing is visible', async () => {
    const azureProxy = await startFaultProxy(`http://127.0.0.1:${azurite.port}`)
    try {
      let blocks = 0
      azureProxy.inject({ when: (request) => request.method === 'PUT' && /comp=block(&|$)/.test(request.url) && !/preflight-/.test(request.url) && ++blocks >= 6, fault: { cutAfterBytes: 1_000_000, withhold: true } })
      const connection = `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${azureProxy.endpoint}/${AZURITE_ACCOUNT};`
      const storage = { 'storage-type': 'azure-blob', bucket: BUCKET, path: 'stream/azure-cut', 'azure-connection-string': connection }
      const { run, record } = await backupOnTmpfs(pgInputs('big', storage, { staging: 'stream' }))
      expectStoppedByUpload(run, record)
      expect(azureProxy.requests.some((request) => /comp=blocklist/.test(request.url))).toBe(false)
    } finally {
      await azureProxy.stop()
    }
    expect(await azurite.blobs(BUCKET, 'stream/azure-cut')).toEqual([])
  }, 300_000)

  test('a run cancelled by the runner mid-stream: the dump is stopped, the multipart upload aborted, nothing is visible or left in RUNNER_TEMP', async () => {
    // The storage takes the first parts, then stops answering: the stream is in flight when cancelled.
    let parts = 0
    const holding = await startHoldingProxy(s3.endpoint, (request) => /[?&]partNumber=/.test(request.url ?? '') && ++parts > 2)
    try {
      const inputs = pgInputs('big', s3Storage('stream/cancelled', holding.endpoint), { staging: 'stream', 'audit-dir': await scratch('audit') })
      const action = await startAction(inputs, { ...s3.env, ...clientPath(pg), RUNNER_TEMP: TMPFS })
      await waitUntil(() => holding.held.length > 0 || undefined, 'an upload part held by the storage')
      action.cancelLikeRunner('SIGINT')
      const run = await action.finished
      expect(run.exitCode).not.toBe(0)
      expect(run.outputs['failed-step']).toBe('take-snapshot')
      const record = await readJson<AuditRecord>(run.outputs['audit-file'])
      expect(record.steps.find((step) => step.name === 'take-snapshot')?.error).toMatch(/cancelled: SIGINT received/)
      expect(holding.requests.some(isUploadAbort)).toBe(true)
      expect(holding.requests.some((request) => request.method === 'POST' && /uploadId=/.test(request.url))).toBe(false)
      expect(await s3.keys(BUCKET, 'stream/cancelled')).toEqual([])
      expect(await readdir(TMPFS)).toEqual([])
    } finally {
      await holding.stop()
    }
  }, 300_000)
})
