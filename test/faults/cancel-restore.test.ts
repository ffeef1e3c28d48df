import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { readJson, RESTORE_DIST } from '../support/action.js'
import { clientPath, scratch, type AuditRecord, connectionInputs } from '../support/e2e.js'
import { startHoldingProxy, type HoldingProxy } from '../support/holding-proxy.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { backup, RESTORE_STEPS } from '../support/restore.js'
import { RUNNER_SIGTERM_AFTER_MS, startAction, waitUntil } from '../support/runner.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'

/** The restore action cancelled as the runner cancels it: it reports FAILED in the step that ran, and leaves nothing behind. */

const BUCKET = 'cancel-restore'

let pg: PostgresServer
let s3: S3Emulator
let proxy: HoldingProxy

beforeAll(async () => {
  ;[pg, s3] = await Promise.all([startPostgres(), startS3rver([BUCKET])])
  await seedShop(pg, 'shop')
  // Every download of a backup is held, like a storage that stopped answering.
  proxy = await startHoldingProxy(s3.endpoint, (request) => request.method === 'GET' && /\.dump(\.zst)?(\?|$)/.test(request.url ?? ''))
})

afterAll(async () => {
  await proxy?.stop()
  await s3?.stop()
  await pg?.stop()
})

function inputs(database: string, endpoint: string): Record<string, string> {
  return {
    ...connectionInputs('postgresql', pg, database),
    'backup-name': 'shop',
    'storage-type': 's3',
    bucket: BUCKET,
    path: 'pg',
    's3-endpoint': endpoint,
    's3-region': s3.region,
    's3-force-path-style': 'true',
    notify: 'console,file'
  }
}

test('SIGINT during download-backup: the download stops, the work directory is removed, FAILED is reported, the target is untouched', async () => {
  await backup(inputs('shop', s3.endpoint), { ...s3.env, ...clientPath(pg) })
  await pg.sql('postgres', 'CREATE DATABASE restored_cancelled')
  const action = await startAction({ ...inputs('restored_cancelled', proxy.endpoint), 'audit-dir': await scratch('audit') }, { ...s3.env, ...clientPath(pg) }, RESTORE_DIST)
  await waitUntil(() => proxy.held.length > 0 || undefined, 'the download held by the storage')
  const workDir = (await readdir(action.step.runnerTemp)).find((name) => name.startsWith('db-restore-'))
  expect(workDir).toBeDefined()
  action.cancelLikeRunner('SIGINT')
  const run = await action.finished
  if (run.exitCode !== 1) throw new Error(`exit code ${run.exitCode}:\n${run.stdout}\n${run.stderr}`)
  expect(run.exitedAfterMs).toBeLessThan(RUNNER_SIGTERM_AFTER_MS)
  expect(run.outputs).toMatchObject({ status: 'FAILED', 'failed-step': 'download-backup' })
  expect(run.stdout).toMatch(/::error::Restore FAILED in download-backup: the run was cancelled: SIGINT received/)
  const record = await readJson<AuditRecord>(run.outputs['audit-file'])
  expect(record.steps.map((step) => [step.name, step.status])).toEqual(
    RESTORE_STEPS.map((name, index) => [name, name === 'send-notification' ? 'success' : index < 2 ? 'success' : index === 2 ? 'failed' : 'skipped'])
  )
  expect(existsSync(join(run.runnerTemp, workDir as string))).toBe(false)
  expect(proxy.held.every((held) => held.closedByClient)).toBe(true)
  expect((await pg.sql('restored_cancelled', "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).trim()).toBe('0')
})
