import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJson, type ActionRun } from './action.js'
import { readHead } from '../../src/util/files.js'
import { rowCounts, type PostgresServer } from './postgres.js'
import { runOk } from './run.js'
import type { WebhookReceiver } from './webhook.js'

/** What the end-to-end tests share. */

export const STEP_NAMES = ['validate-config', 'take-snapshot', 'verify-integrity', 'upload-to-storage', 'cleanup-old-backups', 'send-notification']

export async function scratch(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `${name}-`))
}

/** A throwaway server's connection to `database`, as the action's inputs take it. */
export function connectionInputs(
  type: 'postgresql' | 'mariadb',
  server: { host: string; port: number; user: string; password: string },
  database: string
): Record<string, string> {
  return { 'db-type': type, 'db-host': server.host, 'db-port': String(server.port), 'db-name': database, 'db-user': server.user, 'db-password': server.password }
}

/** The inputs of a PostgreSQL backup of `shop`, notifying through every channel. */
export function postgresInputs(server: PostgresServer, webhook: WebhookReceiver, auditDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...connectionInputs('postgresql', server, 'shop'),
    notify: 'console,file,webhook',
    'webhook-url': webhook.url,
    'audit-dir': auditDir,
    ...extra
  }
}

/** The PostgreSQL client that matches the test server, first on PATH. */
export function clientPath(server: PostgresServer): Record<string, string> {
  return { PATH: `${server.binDir}:${process.env.PATH}` }
}

/** Every place a secret could leak to: logs, outputs, summary, audit records, notification file, webhook bodies. */
export async function everythingVisible(run: ActionRun, auditDir: string, webhook: WebhookReceiver): Promise<string> {
  const files = await readdir(auditDir).catch(() => [] as string[])
  const audits = await Promise.all(files.map((file) => readFile(join(auditDir, file), 'utf8')))
  // The runner consumes ::add-mask:: commands (that is how it learns what to mask); it never shows them.
  const log = (text: string): string => text.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')
  return [log(run.stdout), log(run.stderr), JSON.stringify(run.outputs), run.summary, ...audits, ...webhook.bodies].join('\n')
}

export async function sha256Of(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex')
}

/** Restores a dump into a new database and returns its row counts. */
export async function restoredCounts(server: PostgresServer, dump: string, database: string): Promise<Record<string, number>> {
  await server.sql('postgres', `CREATE DATABASE ${database}`)
  // A zstd file (.dump.zst) is decompressed first, as docs/engines.md says; the magic number tells, whatever the name.
  const zstd = (await readHead(dump, 4)).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))
  const archive = zstd ? `${dump}.archive` : dump
  if (zstd) await runOk('zstd', ['-d', '-q', '-f', dump, '-o', archive])
  await runOk(join(server.binDir, 'pg_restore'), ['--no-owner', '-h', server.host, '-p', String(server.port), '-U', server.user, '-d', database, archive], {
    env: { ...process.env, PGPASSWORD: server.password }
  })
  return rowCounts(server, database)
}

/** A key's timestamp part, as the action writes it. */
export function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')
}

export const DAY_MS = 86_400_000

/**
 * Waits into the next second. Keys have whole seconds: a run that starts in the second of an
 * earlier run's key takes that backup for a concurrent run's and spares it.
 */
export function pastThisSecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1100))
}

/**
 * Objects for a retention test under `prefix`: two too old, three recent (of which max-backups 3
 * keeps two besides the new one), and foreign ones that must survive whatever their age.
 * `writtenAt` is when an earlier run would have stored each: retention spares objects stored
 * moments ago (another run's, possibly), so a test backdates them where its storage allows.
 */
export function retentionFixture(prefix: string): {
  old: string[]
  recent: string[]
  foreign: string[]
  content: (key: string) => string
  writtenAt: (key: string) => Date
} {
  const now = Date.now()
  const p = prefix ? `${prefix}/` : ''
  return {
    old: [`${p}shop-${stamp(now - 40 * DAY_MS)}-0000000a.dump`, `${p}shop-${stamp(now - 31 * DAY_MS)}-0000000b.dump`],
    recent: [1, 2, 3].map((n) => `${p}shop-${stamp(now - n * DAY_MS)}-0000000${n}.dump`),
    foreign: [
      `${p}shop-${stamp(now - 90 * DAY_MS)}-0000000c.txt`, // not an extension this action writes
      `${p}shopping-${stamp(now - 90 * DAY_MS)}-0000000d.dump`, // another backup name
      `${p}shop-latest.dump`,
      `${p}notes.md`,
      `${p}archive/shop-${stamp(now - 90 * DAY_MS)}-0000000e.dump`, // deeper than the prefix
      `elsewhere/shop-${stamp(now - 90 * DAY_MS)}-0000000f.dump` // outside the prefix
    ],
    content: (key) => `content of ${key}`,
    writtenAt: (key) => {
      const dated = /-(\d{8}T\d{6}Z)-/.exec(key)?.[1]
      const ms = dated ? Date.parse(dated.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z')) : now - 90 * DAY_MS
      // Stored a minute after the snapshot was taken.
      return new Date(ms + 60_000)
    }
  }
}

/** The run failed in upload-to-storage, and every report says so. */
/**
 * A run that failed on its storage, in `step`: upload-to-storage, or validate-config when its
 * preflight found the storage unusable before any dump. Nothing stored, FAILED everywhere.
 */
export async function expectFailedUpload(run: ActionRun, webhook: WebhookReceiver, auditDir: string, reason: RegExp, step = 'upload-to-storage'): Promise<void> {
  expect(run.exitCode).not.toBe(0)
  expect(run.outputs.status).toBe('FAILED')
  expect(run.outputs['failed-step']).toBe(step)
  expect(run.outputs['backup-uri']).toBe('')
  expect(run.outputs.etag).toBe('')
  expect(run.outputs['deleted-count']).toBe('')
  expect(run.stdout).toMatch(reason)
  expect(run.summary).toContain('Database backup: FAILED')

  const record = await readJson<{ status: string; failedStep: string; error: string; steps: { name: string; status: string; error?: string }[] }>(run.outputs['audit-file'])
  expect(record.status).toBe('FAILED')
  expect(record.failedStep).toBe(step)
  expect(record.error).toMatch(reason)
  const failedAt = STEP_NAMES.indexOf(step)
  expect(record.steps.map((entry) => [entry.name, entry.status])).toEqual(
    STEP_NAMES.map((name, index) => [name, name === 'send-notification' ? 'success' : index < failedAt ? 'success' : index === failedAt ? 'failed' : 'skipped'])
  )

  expect(webhook.bodies).toHaveLength(1)
  const body = JSON.parse(webhook.bodies[0])
  expect(body.status).toBe('FAILED')
  expect(body.failedStep).toBe(step)
  const lines = (await readFile(join(auditDir, 'notifications.jsonl'), 'utf8')).trim().split('\n')
  expect(JSON.parse(lines[lines.length - 1]).status).toBe('FAILED')
}

/** The run succeeded, and every step did. */
export async function expectSuccess(run: ActionRun): Promise<void> {
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${run.stdout}\n${run.stderr}`)
  expect(run.outputs.status).toBe('SUCCESS')
  expect(run.outputs['failed-step']).toBe('')
  const record = await readJson<{ steps: { name: string; status: string }[] }>(run.outputs['audit-file'])
  expect(record.steps.map((step) => [step.name, step.status])).toEqual(STEP_NAMES.map((name) => [name, 'success']))
}

/** The audit record, as the tests read it. */
export interface AuditRecord {
  status: string
  failedStep: string
  steps: { name: string; status: string; error?: string; figures: Record<string, string | number> }[]
  backup: { sha256: string; key: string; sizeBytes: number } | null
}

/** A run that failed in `step` for `reason`, and says so in every place: exit code, outputs, audit record, webhook, notification file, summary. */
export async function expectFailedEverywhere(run: ActionRun, auditDir: string, webhook: WebhookReceiver, step: string, reason: RegExp): Promise<AuditRecord> {
  expect(run.exitCode).not.toBe(0)
  expect(run.outputs.status).toBe('FAILED')
  expect(run.outputs['failed-step']).toBe(step)
  expect(run.outputs['backup-uri']).toBe('')
  expect(run.stdout).toMatch(reason)
  const record = await readJson<AuditRecord>(run.outputs['audit-file'])
  expect(record.status).toBe('FAILED')
  expect(record.failedStep).toBe(step)
  expect(record.steps.find((entry) => entry.name === step)?.error).toMatch(reason)
  expect(webhook.bodies).toHaveLength(1)
  const body = JSON.parse(webhook.bodies[0])
  expect(body).toMatchObject({ status: 'FAILED', failedStep: step })
  expect(body.steps.find((entry: { name: string }) => entry.name === step)).toMatchObject({ status: 'failed', error: expect.stringMatching(reason) })
  const lines = (await readFile(join(auditDir, 'notifications.jsonl'), 'utf8')).trim().split('\n')
  expect(JSON.parse(lines[lines.length - 1]).status).toBe('FAILED')
  expect(run.summary).toContain('Database backup: FAILED')
  return record
}

/** The backups in a local storage directory: its files without the `<key>.sha256` records beside them. */
export async function backupFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !name.endsWith('.sha256'))
}
