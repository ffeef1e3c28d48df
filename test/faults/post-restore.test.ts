import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJson, RESTORE_DIST } from '../support/action.js'
import { clientPath, connectionInputs, scratch, type AuditRecord } from '../support/e2e.js'
import { slowTools } from '../support/faults.js'
import { startHoldingProxy, type HoldingProxy } from '../support/holding-proxy.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { backup, RESTORE_STEPS } from '../support/restore.js'
import { RESTORE_POST_DIST, runPostStep, startAction, waitUntil } from '../support/runner.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'

/**
 * The restore action's post step (runs.post, post-if: always()): a restore killed outright (past
 * the runner's grace period, out of memory, the runner lost) reports nothing itself; its post step
 * then reports FAILED in the step it was in, through the audit record, the summary and every
 * channel, and removes its work directory, where the downloaded (decrypted) backup lies.
 */

const BUCKET = 'post-restore'

let pg: PostgresServer
let s3: S3Emulator
let webhook: WebhookReceiver
let proxy: HoldingProxy
let identity: string
let recipient: string

beforeAll(async () => {
  ;[pg, s3, webhook] = await Promise.all([startPostgres(), startS3rver([BUCKET]), startWebhookReceiver()])
  await seedShop(pg, 'shop')
  // Every download of a backup is held, like a storage that stopped answering.
  proxy = await startHoldingProxy(s3.endpoint, (request) => request.method === 'GET' && /\.dump(\.zst)?(\.age)?(\?|$)/.test(request.url ?? ''))
  const keyFile = join(await mkdtemp(join(tmpdir(), 'age-key-')), 'key.txt')
  execFileSync('age-keygen', ['-o', keyFile], { stdio: 'ignore' })
  identity = (await readFile(keyFile, 'utf8')).split('\n').find((line) => line.startsWith('AGE-SECRET-KEY-1')) as string
  recipient = execFileSync('age-keygen', ['-y', keyFile]).toString().trim()
})

afterAll(async () => {
  await proxy?.stop()
  await webhook?.close()
  await s3?.stop()
  await pg?.stop()
})

beforeEach(() => {
  webhook.bodies.length = 0
})

function inputs(database: string, prefix: string, endpoint: string, auditDir: string): Record<string, string> {
  return {
    ...connectionInputs('postgresql', pg, database),
    'backup-name': 'shop',
    'storage-type': 's3',
    bucket: BUCKET,
    path: prefix,
    's3-endpoint': endpoint,
    's3-region': s3.region,
    's3-force-path-style': 'true',
    notify: 'console,file,webhook',
    'webhook-url': webhook.url,
    'audit-dir': auditDir
  }
}

async function workDirs(runnerTemp: string): Promise<string[]> {
  return (await readdir(runnerTemp)).filter((name) => name.startsWith('db-restore-'))
}

/** The post step's report of a restore killed in `step`: FAILED in the audit record, the summary, the file channel and the webhook. */
async function expectReportedKilledIn(post: Awaited<ReturnType<typeof runPostStep>>, auditDir: string, step: string): Promise<void> {
  if (post.exitCode !== 1) throw new Error(`post exit code ${post.exitCode}:\n${post.stdout}\n${post.stderr}`)
  expect(post.stdout).toMatch(new RegExp(`::error::Restore FAILED in ${step}: the restore's main step ended while ${step} was running, without reporting`))
  expect(post.summary).toContain(`Database restore: FAILED in ${step}`)
  const audits = (await readdir(auditDir)).filter((name) => name.startsWith('audit-'))
  expect(audits).toHaveLength(1)
  const record = await readJson<AuditRecord & { action: string }>(join(auditDir, audits[0]))
  expect(record).toMatchObject({ action: 'restore', status: 'FAILED', failedStep: step })
  const index = RESTORE_STEPS.indexOf(step)
  expect(record.steps.map((entry) => [entry.name, entry.status])).toEqual(
    RESTORE_STEPS.map((name, at) => [name, name === 'send-notification' ? 'success' : at < index ? 'success' : at === index ? 'failed' : 'skipped'])
  )
  const lines = (await readFile(join(auditDir, 'notifications.jsonl'), 'utf8')).trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(JSON.parse(lines[0])).toMatchObject({ action: 'restore', status: 'FAILED', failedStep: step })
  expect(webhook.bodies).toHaveLength(1)
  expect(JSON.parse(webhook.bodies[0])).toMatchObject({ status: 'FAILED', failedStep: step })
}

test('a restore killed with SIGKILL mid-download: its post step reports FAILED in download-backup and removes the work directory', async () => {
  await backup(inputs('shop', 'killed-download', s3.endpoint, await scratch('audit')), { ...s3.env, ...clientPath(pg) })
  await pg.sql('postgres', 'CREATE DATABASE restored_killed_download')
  webhook.bodies.length = 0
  const auditDir = await scratch('audit')
  const action = await startAction(inputs('restored_killed_download', 'killed-download', proxy.endpoint, auditDir), { ...s3.env, ...clientPath(pg) }, RESTORE_DIST)
  await waitUntil(() => proxy.held.length > 0 || undefined, 'the download held by the storage')
  action.killTree()
  const main = await action.finished
  expect(main.exitCode).toBe(137)
  // Killed: it reported nothing, and its work directory is still there, until the post step.
  expect(main.outputs.status).toBeUndefined()
  expect(webhook.bodies).toHaveLength(0)
  expect(await workDirs(main.runnerTemp)).toHaveLength(1)

  const post = await runPostStep(main, RESTORE_POST_DIST)
  await expectReportedKilledIn(post, auditDir, 'download-backup')
  expect(await workDirs(main.runnerTemp)).toEqual([])
})

test('an encrypted restore killed with SIGKILL mid-restore: its post step reports FAILED in restore-database and removes the decrypted backup', async () => {
  await backup({ ...inputs('shop', 'killed-restore', s3.endpoint, await scratch('audit')), 'encryption-recipients': recipient }, { ...s3.env, ...clientPath(pg) })
  await pg.sql('postgres', 'CREATE DATABASE restored_killed_restore')
  webhook.bodies.length = 0
  // pg_restore into the target (--dbname) takes a while; its checks of the archive run at once.
  const slow = await slowTools(pg.binDir, { pg_restore: '--dbname' })
  const auditDir = await scratch('audit')
  const action = await startAction(
    { ...inputs('restored_killed_restore', 'killed-restore', s3.endpoint, auditDir), 'decryption-identity': identity },
    { ...s3.env, PATH: `${slow.binDir}:${pg.binDir}:${process.env.PATH}` },
    RESTORE_DIST
  )
  await slow.started('pg_restore')
  const [workDir] = await workDirs(action.step.runnerTemp)
  // The decrypted backup lies in the work directory while the restore runs.
  const plaintext = await readdir(join(action.step.runnerTemp, workDir))
  expect(plaintext.length).toBeGreaterThan(0)
  action.killTree()
  const main = await action.finished
  expect(main.exitCode).toBe(137)
  expect(existsSync(join(main.runnerTemp, workDir))).toBe(true)

  const post = await runPostStep(main, RESTORE_POST_DIST)
  await expectReportedKilledIn(post, auditDir, 'restore-database')
  expect(await workDirs(main.runnerTemp)).toEqual([])
})
