import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { execFileSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { clientPath, postgresInputs, scratch, backupFiles, type AuditRecord } from '../support/e2e.js'
import { freePort } from '../support/ports.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'
import { expectNotificationFailed, lastFileNotification, leftOnDisk, resetWebhook } from './matrix.js'

/**
 * Fault matrix: the notification and the audit record. A webhook that hangs, refuses, answers 500
 * or a redirect, and an audit directory that cannot be written, each fail the run in
 * send-notification, with the backup stored and verified, and say so everywhere they still can.
 */

let server: PostgresServer
let webhook: WebhookReceiver

beforeAll(async () => {
  ;[server, webhook] = await Promise.all([startPostgres(), startWebhookReceiver()])
  await seedShop(server, 'shop')
})

afterAll(async () => {
  await webhook?.close()
  await server?.stop()
})

beforeEach(() => resetWebhook(webhook))

async function backupTo(webhookUrl: string, extra: Record<string, string> = {}): Promise<{ run: Awaited<ReturnType<typeof runAction>>; store: string; audit: string }> {
  const store = await scratch('store')
  const audit = await scratch('audit')
  const inputs = postgresInputs(server, webhook, audit, { 'storage-type': 'local', path: store, 'webhook-url': webhookUrl, ...extra })
  const run = await runAction(inputs, clientPath(server))
  return { run, store, audit }
}

/** A throwaway HTTP server on 127.0.0.1 that answers every request with `handler`. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const httpServer = createServer(handler)
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/hooks/backup`,
    server: httpServer,
    close: () =>
      new Promise((resolve) => {
        httpServer.closeAllConnections()
        httpServer.close(() => resolve())
      })
  }
}

describe('fault matrix: notification and audit record', () => {
  test('a webhook that hangs: send-notification fails after the 5 s limit; the backup is stored and the audit record says FAILED', async () => {
    const hanging = await serve(() => undefined)
    try {
      const { run, store, audit } = await backupTo(hanging.url)
      await expectNotificationFailed(run, /webhook: the webhook did not answer within 5 s/)
      expect(await backupFiles(store)).toEqual([run.outputs['backup-key']])
      // The file channel, sent before the webhook, carries the report as it stood then.
      expect(await lastFileNotification(audit)).toMatchObject({ status: 'SUCCESS', failedStep: '' })
      expect(await leftOnDisk(run)).toEqual([])
    } finally {
      await hanging.close()
    }
  })

  test('a webhook that refuses the connection (closed port): send-notification fails naming it; the backup is stored', async () => {
    const { run, store } = await backupTo(`http://127.0.0.1:${await freePort()}/hooks/backup`)
    await expectNotificationFailed(run, /webhook: the webhook could not be reached/)
    expect(await backupFiles(store)).toEqual([run.outputs['backup-key']])
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('a webhook that answers 500: send-notification fails with the status; the backup is stored', async () => {
    webhook.status = 500
    const { run, store } = await backupTo(webhook.url)
    await expectNotificationFailed(run, /webhook: the webhook answered HTTP 500/)
    // The receiver got the report: the failure is its answer, not a lost request.
    expect(webhook.bodies).toHaveLength(1)
    expect(await backupFiles(store)).toEqual([run.outputs['backup-key']])
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('a webhook that answers a redirect: send-notification fails and the report is not sent on to the new address', async () => {
    const redirecting = await serve((request, response) => {
      request.resume()
      response.writeHead(307, { Location: webhook.url }).end()
    })
    try {
      const { run, store } = await backupTo(redirecting.url)
      await expectNotificationFailed(run, /webhook: .*redirect/i)
      expect(webhook.bodies).toEqual([])
      expect(await backupFiles(store)).toEqual([run.outputs['backup-key']])
      expect(await leftOnDisk(run)).toEqual([])
    } finally {
      await redirecting.close()
    }
  })

  test('an audit directory that cannot be created: the run fails in send-notification, naming the directory; the webhook still reports', async () => {
    const parent = await scratch('not-a-directory')
    const blocker = join(parent, 'a-file')
    await writeFile(blocker, 'a file where the audit directory should be')
    const store = await scratch('store')
    const auditDir = join(blocker, 'audit')
    const inputs = postgresInputs(server, webhook, auditDir, { 'storage-type': 'local', path: store })
    const run = await runAction(inputs, clientPath(server))

    expect(run.exitCode).not.toBe(0)
    expect(run.outputs.status).toBe('FAILED')
    expect(run.outputs['failed-step']).toBe('send-notification')
    expect(run.outputs['audit-file']).toBe('')
    expect(run.stdout).toMatch(/ENOTDIR/)
    expect(run.stdout).toContain(auditDir)
    expect(run.summary).toContain('Database backup: FAILED in send-notification, but the backup is stored and verified')
    expect(run.summary).toMatch(/audit record/)
    // The webhook went out before the audit record was attempted.
    expect(webhook.bodies).toHaveLength(1)
    expect(await backupFiles(store)).toEqual([run.outputs['backup-key']])
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('audit-dir under /proc (where Node\'s recursive mkdir loops forever): the run ends, FAILED in send-notification naming audit-dir; every other channel reports', async () => {
    const store = await scratch('store')
    const auditDir = '/proc/self/x'
    const run = await runAction(postgresInputs(server, webhook, auditDir, { 'storage-type': 'local', path: store }), clientPath(server))

    expect(run.exitCode).not.toBe(0)
    expect(run.outputs).toMatchObject({ status: 'FAILED', 'failed-step': 'send-notification', 'audit-file': '' })
    expect(run.stdout).toMatch(/::error::Backup FAILED in send-notification: file: audit-dir \/proc\/self\/x: ENOENT.*; audit record: audit-dir \/proc\/self\/x: ENOENT/)
    expect(run.summary).toContain('Database backup: FAILED in send-notification, but the backup is stored and verified')
    expect(run.summary).toContain('audit-dir /proc/self/x')
    // The webhook went out; the file channel, in the same directory, failed with the record.
    expect(webhook.bodies).toHaveLength(1)
    expect(JSON.parse(webhook.bodies[0])).toMatchObject({ status: 'SUCCESS' })
    expect(await backupFiles(store)).toEqual([run.outputs['backup-key']])
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('a notifications.jsonl that nothing reads (a FIFO, on which an append blocks forever): the file channel fails at once naming the path, and the run ends FAILED', async () => {
    const store = await scratch('store')
    const auditDir = await scratch('audit')
    const fifo = join(auditDir, 'notifications.jsonl')
    execFileSync('mkfifo', [fifo])
    const run = await runAction(postgresInputs(server, webhook, auditDir, { 'storage-type': 'local', path: store }), clientPath(server))

    expect(run.exitCode).not.toBe(0)
    expect(run.outputs).toMatchObject({ status: 'FAILED', 'failed-step': 'send-notification' })
    expect(run.stdout).toContain(`::error::Backup FAILED in send-notification: file: audit-dir ${auditDir}: ENXIO: no such device or address, open '${fifo}'`)
    // The audit record, beside it, is written, and tells of the channel that failed.
    const record = await readJson<AuditRecord>(run.outputs['audit-file'])
    expect(record).toMatchObject({ status: 'FAILED', failedStep: 'send-notification' })
    expect(record.steps.find((step) => step.name === 'send-notification')?.error).toContain(`ENXIO: no such device or address, open '${fifo}'`)
    expect(run.summary).toContain('Database backup: FAILED in send-notification')
    expect(webhook.bodies).toHaveLength(1)
    expect(await readFile(run.outputs['audit-file'], 'utf8')).toContain('"failedStep": "send-notification"')
  })
})
