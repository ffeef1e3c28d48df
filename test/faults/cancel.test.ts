import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { recordArgv } from '../support/argv.js'
import { postgresInputs, STEP_NAMES, type AuditRecord } from '../support/e2e.js'
import { startHoldingProxy } from '../support/holding-proxy.js'
import { slowTools, startFaultServers, type FaultServers } from '../support/faults.js'
import type { PostgresServer } from '../support/postgres.js'
import { processesTrackedBy, RUNNER_SIGTERM_AFTER_MS, runPostStep, startAction, waitUntil, type SignalledRun, type StartedAction } from '../support/runner.js'
import type { S3Emulator } from '../support/s3rver.js'
import type { WebhookReceiver } from '../support/webhook.js'

/** Retention's deletion of old backups (DeleteObjects). */
const isDeletion = (request: { method?: string; url?: string }): boolean => request.method === 'POST' && /[?&]delete(=|&|$)/.test(request.url ?? '')

/** Retention's listing, not validate-config's one-key preflight listing (max-keys=1). */
const isRetentionListing = (request: { method?: string; url?: string }): boolean =>
  request.method === 'GET' && /[?&]list-type=2/.test(request.url ?? '') && !/[?&]max-keys=1(&|$)/.test(request.url ?? '')

/**
 * The runner cancels a step (a cancelled run, timeout-minutes) with SIGINT, SIGTERM 7.5 s later,
 * and kills the process tree 2.5 s after that. Each test starts the bundle as the runner does,
 * waits until a chosen step is really under way (a slow tool, a storage that stopped answering),
 * cancels it the runner's way, and checks that the run was reported FAILED in that step in every
 * place, before the runner had to send anything more, with nothing left behind.
 */

const BUCKET = 'cancel-backups'
/** Each test backs up under a prefix of its own. */
let prefix = ''
let tests = 0
/** Present in the action's environment: no child may get any of them. */
const CANARIES = {
  'INPUT_DB-PASSWORD-CANARY': 'canary-input-value',
  ACTIONS_RUNTIME_TOKEN: 'canary-runtime-token',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'canary-id-token-request-token',
  AWS_SECRET_ACCESS_KEY_CANARY: 'canary-aws-secret',
  DB_BACKUP_CANARY: 'canary-anything-else'
}

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
  prefix = `nightly/run-${++tests}`
})

function s3Inputs(auditDir: string, endpoint: string, extra: Record<string, string> = {}): Record<string, string> {
  return postgresInputs(server, webhook, auditDir, {
    'storage-type': 's3',
    bucket: BUCKET,
    path: prefix,
    's3-endpoint': endpoint,
    's3-region': s3.region,
    's3-force-path-style': 'true',
    'retention-days': '30',
    'max-backups': '5',
    ...extra
  })
}

function env(binDir?: string): Record<string, string> {
  return servers.env(binDir, CANARIES)
}

async function backupKeys(): Promise<string[]> {
  return (await s3.keys(BUCKET, `${prefix}/`)).map((object) => object.key)
}

/**
 * The run ended within the runner's 7.5 s, with no second signal needed, FAILED in `step` by the
 * cancellation in every place: exit status, outputs, summary, audit record, notification file,
 * webhook. Nothing of it is left running, and no dump is left in RUNNER_TEMP.
 */
async function expectCancelledIn(run: SignalledRun, step: string, signal: NodeJS.Signals, auditDir: string): Promise<AuditRecord> {
  const log = `${run.stdout}\n${run.stderr}`
  if (run.exitCode !== 1) throw new Error(`exit code ${run.exitCode}, signals ${JSON.stringify(run.sent)}:\n${log}`)
  expect(run.sent.map((sent) => sent.signal)).toEqual([signal])
  expect(run.exitedAfterMs).toBeLessThan(RUNNER_SIGTERM_AFTER_MS)
  const reason = new RegExp(`the run was cancelled: ${signal} received`)
  expect(run.outputs.status).toBe('FAILED')
  expect(run.outputs['failed-step']).toBe(step)
  expect(run.stdout).toMatch(new RegExp(`::error::Backup FAILED in ${step}: the run was cancelled: ${signal} received`))
  expect(run.summary).toContain('Database backup: FAILED')
  expect(run.summary).toMatch(reason)

  const record = await readJson<AuditRecord & { error: string }>(run.outputs['audit-file'])
  expect(record).toMatchObject({ status: 'FAILED', failedStep: step })
  expect(record.error).toMatch(reason)
  const failedAt = STEP_NAMES.indexOf(step)
  expect(record.steps.map((entry) => [entry.name, entry.status])).toEqual(
    STEP_NAMES.map((name, index) => [name, name === 'send-notification' ? 'success' : index < failedAt ? 'success' : index === failedAt ? 'failed' : 'skipped'])
  )

  expect(webhook.bodies).toHaveLength(1)
  expect(JSON.parse(webhook.bodies[0])).toMatchObject({ status: 'FAILED', failedStep: step, error: expect.stringMatching(reason) })
  const lines = (await readFile(join(auditDir, 'notifications.jsonl'), 'utf8')).trim().split('\n')
  expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ status: 'FAILED', failedStep: step })

  // Exited: a child that got SIGKILL a moment before may still be on its way out.
  await waitUntil(() => processesTrackedBy(run.trackingId).length === 0 || undefined, 'every child of the run to end', 2000)
  expect((await readdir(run.runnerTemp)).filter((name) => name.startsWith('db-backup-'))).toEqual([])
  // Reported: the post step has nothing to do.
  const post = await runPostStep(run)
  expect(post.exitCode).toBe(0)
  expect(post.stdout).toContain('nothing to do')
  expect(webhook.bodies).toHaveLength(1)
  return record
}

function expectNoCanary(environ: string): void {
  for (const [name, value] of Object.entries(CANARIES)) {
    expect(environ).not.toContain(`${name}=`)
    expect(environ).not.toContain(value)
  }
  // Every INPUT_* (the database password among them) and the storage's credentials the action itself uses.
  expect(environ).not.toContain('INPUT_')
  expect(environ).not.toContain('AWS_SECRET_ACCESS_KEY=')
  expect(environ).not.toContain('AWS_ACCESS_KEY_ID=')
}

/** The action has taken the signal: it says so first, before it stops anything. */
async function signalTaken(action: StartedAction, signal: NodeJS.Signals): Promise<void> {
  await waitUntil(() => action.stdout().includes(`the run was cancelled: ${signal} received`) || undefined, `the action to take ${signal}`)
}

/** An old backup under the test's prefix, for retention to delete. */
async function oldBackup(): Promise<string> {
  const old = `${prefix}/shop-20200101T000000Z-0000000a.dump`
  await s3.put(BUCKET, old, 'an old backup', {})
  // Stored when its run made it: retention spares what was stored in the last minutes.
  await s3.backdate(BUCKET, old, new Date('2020-01-01T00:00:00Z'))
  return old
}

/** The work directory the run made in RUNNER_TEMP, once it exists. */
async function workDirOf(runnerTemp: string): Promise<string> {
  return waitUntil(async () => (await readdir(runnerTemp)).find((name) => name.startsWith('db-backup-')), 'the work directory')
}


describe.each(['SIGINT', 'SIGTERM'] as const)('a run cancelled with %s', (signal) => {
  test(`${signal} during take-snapshot: the dump tool and its children are stopped, the partial dump removed, nothing stored`, async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'cancel-audit-'))
    const slow = await slowTools(server.binDir, { pg_dump: '--format=custom' })
    const action = await startAction(s3Inputs(auditDir, s3.endpoint), env(slow.binDir))
    const dumpPid = await slow.started('pg_dump')
    const workDir = await workDirOf(action.step.runnerTemp)
    action.cancelLikeRunner(signal)
    const run = await action.finished
    await expectCancelledIn(run, 'take-snapshot', signal, auditDir)
    expect(processesTrackedBy(run.trackingId)).not.toContain(dumpPid)
    expect(existsSync(join(run.runnerTemp, workDir))).toBe(false)
    expect(await backupKeys()).toEqual([])
    // What the dump tool got: its password, and nothing of the action's own environment.
    const environ = await slow.environ('pg_dump')
    expect(environ).toContain(`PGPASSWORD=${server.password}\0`)
    expect(environ).toContain(`RUNNER_TRACKING_ID=${run.trackingId}\0`)
    expectNoCanary(environ)
  })

  test(`${signal} during verify-integrity: the check is stopped, the dump removed, nothing stored`, async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'cancel-audit-'))
    // The archive is read through while it is written (take-snapshot); what takes a while in
    // verify-integrity is the trial restore of restore-check, which pg_restore starts.
    const slow = await slowTools(server.binDir, { pg_restore: '--data-only' })
    const action = await startAction(s3Inputs(auditDir, s3.endpoint, { 'restore-check': 'true' }), env(slow.binDir))
    await slow.started('pg_restore')
    const workDir = await workDirOf(action.step.runnerTemp)
    expect((await readdir(join(action.step.runnerTemp, workDir))).length).toBe(1)
    action.cancelLikeRunner(signal)
    const run = await action.finished
    await expectCancelledIn(run, 'verify-integrity', signal, auditDir)
    expect(existsSync(join(run.runnerTemp, workDir))).toBe(false)
    expect(await backupKeys()).toEqual([])
    expectNoCanary(await slow.environ('pg_restore'))
  })

  test(`${signal} during upload-to-storage: the multipart upload is aborted, nothing is left under the key`, async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'cancel-audit-'))
    // The storage takes the first parts, then stops answering: the upload is in flight when cancelled.
    let parts = 0
    const proxy = await startHoldingProxy(s3.endpoint, (request) => /[?&]partNumber=/.test(request.url ?? '') && ++parts > 1)
    try {
      const action = await startAction(s3Inputs(auditDir, proxy.endpoint), env())
      await waitUntil(() => proxy.held.length > 0 || undefined, 'an upload part held by the storage')
      action.cancelLikeRunner(signal)
      const run = await action.finished
      await expectCancelledIn(run, 'upload-to-storage', signal, auditDir)
      const uploadId = /[?&]uploadId=([^&]+)/.exec(proxy.held[0].url)?.[1]
      expect(uploadId).toBeTruthy()
      // The connections of the parts in flight were cut, and the multipart upload was aborted.
      expect(proxy.held.every((held) => held.closedByClient)).toBe(true)
      expect(proxy.requests.filter((request) => request.method === 'DELETE' && request.url.includes(`uploadId=${uploadId}`))).toHaveLength(1)
      expect(proxy.requests.some((request) => request.method === 'POST' && request.url.includes(`uploadId=${uploadId}`))).toBe(false)
      expect(await s3.uploads(BUCKET)).toEqual([])
      expect(await backupKeys()).toEqual([])
    } finally {
      await proxy.stop()
    }
  })

  test(`${signal} during cleanup-old-backups: nothing is deleted, the verified backup stays stored and reported`, async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'cancel-audit-'))
    const old = await oldBackup()
    const proxy = await startHoldingProxy(s3.endpoint, isRetentionListing)
    try {
      const action = await startAction(s3Inputs(auditDir, proxy.endpoint), env())
      await waitUntil(() => proxy.held.length > 0 || undefined, 'the retention listing held by the storage')
      action.cancelLikeRunner(signal)
      const run = await action.finished
      const record = await expectCancelledIn(run, 'cleanup-old-backups', signal, auditDir)
      const stored = await backupKeys()
      expect(stored).toContain(old)
      expect(stored).toContain(run.outputs['backup-key'])
      expect(stored).toHaveLength(2)
      expect(record.backup?.key).toBe(run.outputs['backup-key'])
      expect(run.outputs['deleted-count']).toBe('')
    } finally {
      await proxy.stop()
    }
  })
})

describe('cancellation limits', () => {
  test('a cancelled run whose webhook, Slack, Discord and heartbeat all hang still reports within the runner\'s 7.5 s (each gives up after 5 s, all at once)', async () => {
    // Answers the heartbeat's start ping, and nothing after it.
    const hanging: Server = createServer((request, response) => {
      if (request.url?.endsWith('/start')) response.end('OK')
    })
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve))
    const auditDir = await mkdtemp(join(tmpdir(), 'cancel-audit-'))
    try {
      const slow = await slowTools(server.binDir, { pg_dump: '--format=custom' })
      const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`
      const inputs = s3Inputs(auditDir, s3.endpoint, {
        notify: 'console,file,webhook,slack,discord',
        'webhook-url': `${url}/hook`,
        'slack-webhook-url': `${url}/services/T0/B0/slack`,
        'discord-webhook-url': `${url}/api/webhooks/1/discord`,
        'heartbeat-url': `${url}/ping/hc`
      })
      const action = await startAction(inputs, env(slow.binDir))
      await slow.started('pg_dump')
      action.cancelLikeRunner('SIGINT')
      const run = await action.finished
      expect(run.sent.map((sent) => sent.signal)).toEqual(['SIGINT'])
      expect(run.exitedAfterMs).toBeLessThan(RUNNER_SIGTERM_AFTER_MS)
      expect(run.exitCode).toBe(1)
      expect(run.outputs).toMatchObject({ status: 'FAILED', 'failed-step': 'take-snapshot' })
      const record = await readJson<AuditRecord>(run.outputs['audit-file'])
      const notification = record.steps.find((step) => step.name === 'send-notification')
      expect(notification?.status).toBe('failed')
      for (const channel of ['webhook', 'slack', 'discord', 'heartbeat']) expect(notification?.error).toMatch(new RegExp(`${channel}: [^;]*did not answer within 5 s`))
      const lines = (await readFile(join(auditDir, 'notifications.jsonl'), 'utf8')).trim().split('\n')
      expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ status: 'FAILED', failedStep: 'take-snapshot' })
    } finally {
      hanging.closeAllConnections()
      await new Promise((resolve) => hanging.close(resolve))
    }
  })

  test('a deletion sent before the cancellation that still ends while the run winds down is reported, counted', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'cancel-audit-'))
    const old = await oldBackup()
    const proxy = await startHoldingProxy(s3.endpoint, isDeletion)
    try {
      const action = await startAction(s3Inputs(auditDir, proxy.endpoint), env())
      await waitUntil(() => proxy.held.length > 0 || undefined, 'the deletion held by the storage')
      action.cancelLikeRunner('SIGINT')
      // The storage answers again once the run is cancelled: the deletion ends within the wind-down.
      await signalTaken(action, 'SIGINT')
      proxy.release()
      const run = await action.finished
      const record = await expectCancelledIn(run, 'cleanup-old-backups', 'SIGINT', auditDir)
      expect(record.steps.find((step) => step.name === 'cleanup-old-backups')?.figures).toMatchObject({ 'deleted count': 1, 'backups found': 2 })
      expect(await backupKeys()).toEqual([run.outputs['backup-key']])
      expect(await backupKeys()).not.toContain(old)
    } finally {
      await proxy.stop()
    }
  })

  test('a retention listing that answers only after the cancellation deletes nothing', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'cancel-audit-'))
    const old = await oldBackup()
    const proxy = await startHoldingProxy(s3.endpoint, isRetentionListing)
    try {
      const action = await startAction(s3Inputs(auditDir, proxy.endpoint), env())
      await waitUntil(() => proxy.held.length > 0 || undefined, 'the retention listing held by the storage')
      action.cancelLikeRunner('SIGINT')
      await signalTaken(action, 'SIGINT')
      proxy.release()
      const run = await action.finished
      await expectCancelledIn(run, 'cleanup-old-backups', 'SIGINT', auditDir)
      expect(proxy.requests.filter(isDeletion)).toEqual([])
      expect((await backupKeys()).sort()).toEqual([old, run.outputs['backup-key']].sort())
      expect(run.outputs['deleted-count']).toBe('')
    } finally {
      await proxy.stop()
    }
  })

  test('a second signal ends the action at once; the post step then reports the run FAILED in the step that was running', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'cancel-audit-'))
    const slow = await slowTools(server.binDir, { pg_dump: '--format=custom' })
    const action = await startAction(s3Inputs(auditDir, s3.endpoint), env(slow.binDir))
    const dumpPid = await slow.started('pg_dump')
    action.signal('SIGINT')
    action.signal('SIGTERM')
    const run = await action.finished
    expect([128 + 2, 128 + 15]).toContain(run.exitCode)
    expect(run.exitedAfterMs).toBeLessThan(1000)
    expect(run.stdout).toMatch(/SIG(INT|TERM) received again: the action ends now/)
    await waitUntil(() => processesTrackedBy(run.trackingId).length === 0 || undefined, 'every child of the run to end', 2000)
    expect(processesTrackedBy(run.trackingId)).not.toContain(dumpPid)

    const post = await runPostStep(run)
    expect(post.exitCode).toBe(1)
    expect(post.stdout).toMatch(/::error::Backup FAILED in take-snapshot: the backup's main step ended while take-snapshot was running/)
    expect(post.summary).toContain('Database backup: FAILED')
    expect(webhook.bodies).toHaveLength(1)
    expect(JSON.parse(webhook.bodies[0])).toMatchObject({ status: 'FAILED', failedStep: 'take-snapshot' })
    const audits = (await readdir(auditDir)).filter((name) => name.startsWith('audit-'))
    expect(audits).toHaveLength(1)
    const record = await readJson<AuditRecord>(join(auditDir, audits[0]))
    expect(record.steps.map((step) => [step.name, step.status])).toEqual([
      ['validate-config', 'success'],
      ['take-snapshot', 'failed'],
      ['verify-integrity', 'skipped'],
      ['upload-to-storage', 'skipped'],
      ['cleanup-old-backups', 'skipped'],
      ['send-notification', 'success']
    ])
    // The post step removed the dump the killed main step left.
    expect((await readdir(run.runnerTemp)).filter((name) => name.startsWith('db-backup-'))).toEqual([])
    expect(await backupKeys()).toEqual([])
  })
})

describe('what the children of a run inherit', () => {
  test('every child of a whole run gets the allow-listed environment and what it needs, never an INPUT_*, a runner token, a cloud key or a canary', async () => {
    const auditDir = await mkdtemp(join(tmpdir(), 'cancel-audit-'))
    const argv = await recordArgv(['pg_dump', 'pg_restore', 'psql'], `${server.binDir}:${process.env.PATH}`)
    const run = await runAction(s3Inputs(auditDir, s3.endpoint), env(argv.binDir))
    if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
    const children = await argv.environments()
    expect(children.map((child) => child.program)).toEqual(expect.arrayContaining(['pg_dump', 'pg_restore']))
    // PGTZ and PGCLIENTENCODING: the session every dump and read-back runs in (UTC, names in UTF-8), no secret.
    const allowed = /^(PATH|HOME|TMPDIR|TZ|LANG|LANGUAGE|RUNNER_TRACKING_ID|LC_\w+|PGPASSWORD|PGTZ|PGCLIENTENCODING)$/
    for (const child of children) {
      expect({ program: child.program, extra: Object.keys(child.env).filter((name) => !allowed.test(name)) }).toEqual({ program: child.program, extra: [] })
      expectNoCanary(Object.entries(child.env).map(([name, value]) => `${name}=${value}`).join('\0'))
    }
    // The password goes to the dump that connects, and never to a tool that only reads the file.
    expect(children.some((child) => child.program === 'pg_dump' && child.env.PGPASSWORD === server.password)).toBe(true)
    expect(children.filter((child) => child.program === 'pg_restore' && 'PGPASSWORD' in child.env)).toEqual([])
  })
})

