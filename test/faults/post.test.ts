import { mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJson, runAction, stepEnvironment } from '../support/action.js'
import { postgresInputs, stamp, type AuditRecord } from '../support/e2e.js'
import { startHoldingProxy } from '../support/holding-proxy.js'
import { slowTools, startFaultServers, type FaultServers } from '../support/faults.js'
import type { PostgresServer } from '../support/postgres.js'
import { processesTrackedBy, runPostStep, startAction, waitUntil } from '../support/runner.js'
import type { S3Emulator } from '../support/s3rver.js'
import type { WebhookReceiver } from '../support/webhook.js'

/**
 * The post step (runs.post, post-if: always()) runs after the main step however that ended. A main
 * step killed outright (past the runner's grace period, out of memory, the runner lost) reports
 * nothing itself: the post step then sends the FAILED notification and writes the audit record,
 * naming the last step that started, from what the main step saved (STATE_*) and the inputs.
 */

const BUCKET = 'post-backups'

let servers: FaultServers
let server: PostgresServer
let s3: S3Emulator
let webhook: WebhookReceiver

beforeAll(async () => {
  servers = await startFaultServers(BUCKET)
  ;({ server, s3, webhook } = servers)
})

afterAll(async () => {
  await servers?.stop()
})

beforeEach(() => {
  webhook.bodies.length = 0
})

function env(binDir?: string): Record<string, string> {
  return servers.env(binDir)
}

async function auditRecords(auditDir: string): Promise<AuditRecord[]> {
  const names = (await readdir(auditDir)).filter((name) => name.startsWith('audit-'))
  return Promise.all(names.map((name) => readJson<AuditRecord>(join(auditDir, name))))
}

describe('the post step', () => {
  test('main step killed with its process tree during upload-to-storage: post reports FAILED in upload-to-storage and removes the dump', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'post-audit-'))
    const prefix = 'killed-upload'
    let parts = 0
    const proxy = await startHoldingProxy(s3.endpoint, (request) => /[?&]partNumber=/.test(request.url ?? '') && ++parts > 1)
    try {
      const inputs = postgresInputs(server, webhook, auditDir, {
        'storage-type': 's3',
        bucket: BUCKET,
        path: prefix,
        's3-endpoint': proxy.endpoint,
        's3-region': s3.region,
        's3-force-path-style': 'true'
      })
      const action = await startAction(inputs, env())
      await waitUntil(() => proxy.held.length > 0 || undefined, 'an upload part held by the storage')
      action.killTree()
      const main = await action.finished
      expect(main.exitCode).toBe(137)
      expect(webhook.bodies).toHaveLength(0)
      expect(main.outputs.status).toBeUndefined()
      // Killed: its dump is still there, until the post step.
      expect((await readdir(main.runnerTemp)).filter((name) => name.startsWith('db-backup-'))).toHaveLength(1)

      const post = await runPostStep(main)
      expect(post.exitCode).toBe(1)
      expect(post.stdout).toMatch(/::error::Backup FAILED in upload-to-storage: the backup's main step ended while upload-to-storage was running, without reporting/)
      expect(post.summary).toContain('Database backup: FAILED')
      expect(webhook.bodies).toHaveLength(1)
      const body = JSON.parse(webhook.bodies[0])
      expect(body).toMatchObject({ status: 'FAILED', failedStep: 'upload-to-storage', backupName: 'shop', database: { type: 'postgresql', name: 'shop', port: server.port } })
      const [record] = await auditRecords(auditDir)
      expect(record).toMatchObject({ status: 'FAILED', failedStep: 'upload-to-storage', backup: null })
      expect(record.steps.map((step) => [step.name, step.status])).toEqual([
        ['validate-config', 'success'],
        ['take-snapshot', 'success'],
        ['verify-integrity', 'success'],
        ['upload-to-storage', 'failed'],
        ['cleanup-old-backups', 'skipped'],
        ['send-notification', 'success']
      ])
      // The durations the main step saved, not invented ones.
      expect(record.steps.find((step) => step.name === 'take-snapshot')).toMatchObject({ durationMs: expect.any(Number) })
      expect((await readdir(main.runnerTemp)).filter((name) => name.startsWith('db-backup-'))).toEqual([])
      expect(await s3.keys(BUCKET, `${prefix}/`)).toEqual([])
      const lines = (await readFile(join(auditDir, 'notifications.jsonl'), 'utf8')).trim().split('\n')
      expect(lines).toHaveLength(1)
      expect(JSON.parse(lines[0])).toMatchObject({ status: 'FAILED', failedStep: 'upload-to-storage' })
    } finally {
      await proxy.stop()
    }
  })

  test('main step killed alone (out of memory) during take-snapshot: post reports it; the orphaned dump tool carries RUNNER_TRACKING_ID for the runner\'s cleanup', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'post-audit-'))
    const slow = await slowTools(server.binDir, { pg_dump: '--format=custom' })
    const inputs = postgresInputs(server, webhook, auditDir, { 'storage-type': 'local', path: await mkdtemp(join(tmpdir(), 'post-store-')) })
    const action = await startAction(inputs, env(slow.binDir))
    const dumpPid = await slow.started('pg_dump')
    action.signal('SIGKILL')
    const main = await action.finished
    expect(main.exitCode).toBe(137)
    try {
      expect(processesTrackedBy(main.trackingId)).toContain(dumpPid)
      const post = await runPostStep(main)
      expect(post.exitCode).toBe(1)
      expect(webhook.bodies).toHaveLength(1)
      expect(JSON.parse(webhook.bodies[0])).toMatchObject({ status: 'FAILED', failedStep: 'take-snapshot' })
      const [record] = await auditRecords(auditDir)
      expect(record).toMatchObject({ status: 'FAILED', failedStep: 'take-snapshot' })
      expect((await readdir(main.runnerTemp)).filter((name) => name.startsWith('db-backup-'))).toEqual([])
    } finally {
      // What the runner's orphan cleanup does at the end of the job.
      for (const pid of processesTrackedBy(main.trackingId)) process.kill(pid, 'SIGKILL')
    }
  })

  test('after a run that reported SUCCESS, post does nothing and succeeds', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'post-audit-'))
    const store = await mkdtemp(join(tmpdir(), 'post-store-'))
    const step = await stepEnvironment({})
    const main = await runAction(postgresInputs(server, webhook, auditDir, { 'storage-type': 'local', path: store }), { ...env(), GITHUB_STATE: step.stateFile })
    expect(main.outputs.status).toBe('SUCCESS')
    const post = await runPostStep({ step: { ...step, runnerTemp: main.runnerTemp } })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('The backup run reported its outcome: nothing to do.')
    expect(webhook.bodies).toHaveLength(1)
    expect(await auditRecords(auditDir)).toHaveLength(1)
    expect(post.summary).toBe('')
  })

  test('after a run that reported its own failure (bad input), post does nothing and succeeds', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'post-audit-'))
    const step = await stepEnvironment({})
    const main = await runAction(postgresInputs(server, webhook, auditDir, { 'storage-type': 'local', path: '', 'db-port': '65536' }), {
      ...env(),
      GITHUB_STATE: step.stateFile
    })
    expect(main.outputs).toMatchObject({ status: 'FAILED', 'failed-step': 'validate-config' })
    const post = await runPostStep({ step: { ...step, runnerTemp: main.runnerTemp } })
    expect(post.exitCode).toBe(0)
    expect(webhook.bodies).toHaveLength(1)
    expect(await auditRecords(auditDir)).toHaveLength(1)
  })

  test('a main step that saved nothing at all (killed as it started): post reports FAILED in validate-config', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'post-audit-'))
    const step = await stepEnvironment(postgresInputs(server, webhook, auditDir, { 'storage-type': 'local', path: '/tmp/nowhere' }))
    const post = await runPostStep({ step })
    expect(post.exitCode).toBe(1)
    expect(post.stdout).toMatch(/::error::Backup FAILED in validate-config: the backup's main step ended while validate-config was running/)
    expect(JSON.parse(webhook.bodies[0])).toMatchObject({ status: 'FAILED', failedStep: 'validate-config' })
    expect(await auditRecords(auditDir)).toHaveLength(1)
  })

  test('staging stream to a local directory, killed mid-dump: post removes the run\'s own partial file, never another run\'s', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'post-audit-'))
    const store = await mkdtemp(join(tmpdir(), 'post-store-'))
    // Another run's partial file of the same backup name, still being written by it.
    const another = `.shop-${stamp(Date.now())}-0000000b.dump.partial-0123456789abcdef-cb1f204c`
    await writeFile(join(store, another), 'another run')
    const slow = await slowTools(server.binDir, { pg_dump: '--format=custom' })
    const action = await startAction(postgresInputs(server, webhook, auditDir, { 'storage-type': 'local', path: store, staging: 'stream' }), env(slow.binDir))
    await slow.started('pg_dump')
    const [partial] = await waitUntil(async () => {
      const names = (await readdir(store)).filter((name) => name.includes('.partial-') && name !== another)
      return names.length > 0 ? names : undefined
    }, 'the streamed dump\'s partial file')
    action.killTree()
    const main = await action.finished
    expect(main.exitCode).toBe(137)
    // Killed: the hidden partial dump stays, which no listing (retention's included) shows.
    expect((await readdir(store)).sort()).toEqual([another, partial].sort())

    const post = await runPostStep(main)
    expect(post.exitCode).toBe(1)
    expect(post.stdout).toContain(`removed ${partial}: a partial file of the killed run, in ${store}`)
    expect(post.stdout).toMatch(/::error::Backup FAILED in take-snapshot: the backup's main step ended while take-snapshot was running/)
    expect(await readdir(store)).toEqual([another])
    const [record] = await auditRecords(auditDir)
    expect(record).toMatchObject({ status: 'FAILED', failedStep: 'take-snapshot' })
  })

  test('a later run of the same backup name removes the partial files killed runs left once stale, says so in its figures, and touches nothing else', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'post-audit-'))
    const store = await mkdtemp(join(tmpdir(), 'post-store-'))
    const hourAgo = Date.now() - 3_600_000
    const old = stamp(hourAgo)
    const stale = [
      `.shop-${old}-0000000a.dump.partial-0123456789abcdef-cb1f204c`,
      `.shop-${old}-0000000a.dump.sha256.partial-0123456789abcdef-cb1f204d`,
      // As an older version of this action named them.
      `.shop-${old}-0000000e.dump.zst.partial-cb1f204e`,
      `shop-${old}-0000000e.dump.zst.sha256.partial-cb1f204f`
    ]
    const kept = [
      // Written within the margin: possibly another run's upload in progress.
      `.shop-${stamp(Date.now())}-0000000b.dump.partial-0123456789abcdef-cb1f2050`,
      // Another backup name's, and names not in this action's pattern.
      `.shopping-${old}-0000000c.dump.partial-0123456789abcdef-cb1f2051`,
      `.other-${old}-0000000c.dump.partial-0123456789abcdef-cb1f2052`,
      '.shop-notes.partial-0123',
      'shop.partial-cb1f2053'
    ]
    for (const name of [...stale, ...kept]) await writeFile(join(store, name), 'left by a killed run')
    for (const name of [...stale, ...kept.slice(1)]) await utimes(join(store, name), hourAgo / 1000, hourAgo / 1000)

    const run = await runAction(postgresInputs(server, webhook, auditDir, { 'storage-type': 'local', path: store }), env())
    if (run.exitCode !== 0) throw new Error(`exit code ${run.exitCode}:\n${run.stdout}\n${run.stderr}`)
    for (const name of stale) expect(run.stdout).toContain(`deleted ${name}: a partial file a killed run left, untouched for over 15 minutes`)
    const record = await readJson<AuditRecord>(run.outputs['audit-file'])
    expect(record.steps.find((step) => step.name === 'cleanup-old-backups')?.figures).toMatchObject({ 'stale partial files removed': stale.length })
    expect(run.summary).toContain('stale partial files removed: 4')
    const left = await readdir(store)
    for (const name of stale) expect(left).not.toContain(name)
    for (const name of kept) expect(left).toContain(name)
  })
})
