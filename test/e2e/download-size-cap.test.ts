import { randomBytes } from 'node:crypto'
import { readJson, RESTORE_DIST } from '../support/action.js'
import { clientPath, scratch, type AuditRecord, connectionInputs } from '../support/e2e.js'
import { startHoldingProxy, type HoldingProxy } from '../support/holding-proxy.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { backup, expectRestoreFailed } from '../support/restore.js'
import { startAction, waitUntil } from '../support/runner.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'

/**
 * The restore bundle against a bucket someone else can write: the backup is replaced by a far
 * larger object between locate-backup's listing and the download (the download is held at the
 * storage until it is). The download stops at the listed size and fails naming both sizes; the
 * target is not touched.
 */

const BUCKET = 'download-size-cap'
const REPLACED = 8 * 1024 * 1024

let pg: PostgresServer
let s3: S3Emulator
let proxy: HoldingProxy

beforeAll(async () => {
  ;[pg, s3] = await Promise.all([startPostgres(), startS3rver([BUCKET])])
  await seedShop(pg, 'shop')
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

test('S3: a backup replaced after the listing by 8 MiB fails download-backup naming both sizes; nothing reaches the target', async () => {
  const made = await backup(inputs('shop', s3.endpoint), { ...s3.env, ...clientPath(pg) })
  // The key with its path prefix, as the output gives it.
  const key = made.outputs['backup-key']
  const listed = Number(made.outputs['size-bytes'])
  await pg.sql('postgres', 'CREATE DATABASE restored_capped')
  const action = await startAction({ ...inputs('restored_capped', proxy.endpoint), 'audit-dir': await scratch('audit') }, { ...s3.env, ...clientPath(pg) }, RESTORE_DIST)
  await waitUntil(() => proxy.held.length > 0 || undefined, 'the download held by the storage')
  await s3.put(BUCKET, key, randomBytes(REPLACED), { sha256: made.outputs.sha256 })
  proxy.release()
  const run = await action.finished
  const record = await readJson<AuditRecord>(run.outputs['audit-file'])
  expectRestoreFailed(run, record, 'download-backup', new RegExp(`^s3://${BUCKET}/${key.replace(/\./g, '\\.')} is listed at ${listed} bytes, but the storage sent ${REPLACED} bytes: reading stopped at the listed size \\(0 bytes written\\)`))
  expect(run.stdout).toMatch(/::error::Restore FAILED in download-backup: .* is listed at \d+ bytes, but the storage sent 8388608 bytes/)
  expect((await pg.sql('restored_capped', "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).trim()).toBe('0')
})
