import { chmod, mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'
import { backupFiles, everythingVisible, expectFailedEverywhere, postgresInputs, restoredCounts, scratch, sha256Of } from '../support/e2e.js'
import { runOk } from '../support/run.js'

let server: PostgresServer
let webhook: WebhookReceiver
let expectedCounts: Record<string, number>

beforeAll(async () => {
  server = await startPostgres()
  expectedCounts = await seedShop(server, 'shop')
  webhook = await startWebhookReceiver()
})

afterAll(async () => {
  await webhook?.close()
  await server?.stop()
})

beforeEach(() => {
  webhook.status = 200
  webhook.bodies.length = 0
})


function inputs(storeDir: string, auditDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return postgresInputs(server, webhook, auditDir, { 'storage-type': 'local', path: storeDir, ...extra })
}



describe('PostgreSQL to a local directory, as the runner runs the bundle', () => {
  test('a backup succeeds, is verified, and restores into a new database with the same rows', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runAction(inputs(store, audit))

    expect(run.exitCode).toBe(0)
    expect(run.outputs.status).toBe('SUCCESS')
    expect(run.outputs['failed-step']).toBe('')
    const files = await backupFiles(store)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^shop-\d{8}T\d{6}Z-[0-9a-f]{8}\.dump\.zst$/)
    expect(run.outputs['backup-key']).toBe(files[0])
    const file = join(store, files[0])
    expect(run.outputs['backup-uri']).toBe(`file://${file}`)
    expect(run.outputs.sha256).toBe(await sha256Of(file))
    expect(Number(run.outputs['size-bytes'])).toBe((await stat(file)).size)
    expect(Number(run.outputs['throughput-bytes-per-second'])).toBeGreaterThan(0)
    expect(run.outputs['deleted-count']).toBe('0')
    expect(Number(run.outputs['duration-ms'])).toBeGreaterThan(0)

    // The stored file is a real dump: restore it and compare.
    expect(await restoredCounts(server, file, 'shop_restored')).toEqual(expectedCounts)
    expect(run.summary).toMatch(/compression: zstd level 1 \(.*zstd, all cores\)/)

    const record = await readJson<{ status: string; steps: { name: string; status: string; durationMs: number }[]; backup: { sha256: string; key: string; uri: string; sizeBytes: number } }>(run.outputs['audit-file'])
    expect(record.status).toBe('SUCCESS')
    expect(record.steps.map((step) => [step.name, step.status])).toEqual([
      ['validate-config', 'success'],
      ['take-snapshot', 'success'],
      ['verify-integrity', 'success'],
      ['upload-to-storage', 'success'],
      ['cleanup-old-backups', 'success'],
      ['send-notification', 'success']
    ])
    expect(record.backup).toMatchObject({ sha256: run.outputs.sha256, key: files[0], sizeBytes: Number(run.outputs['size-bytes']) })

    expect(webhook.bodies).toHaveLength(1)
    const body = JSON.parse(webhook.bodies[0])
    expect(body.status).toBe('SUCCESS')
    expect(body.backup.sha256).toBe(run.outputs.sha256)
    expect(body.steps.length).toBeGreaterThanOrEqual(5)

    const lines = (await readFile(join(audit, 'notifications.jsonl'), 'utf8')).trim().split('\n')
    expect(JSON.parse(lines[lines.length - 1]).status).toBe('SUCCESS')

    expect(run.summary).toContain('Database backup: SUCCESS')
    for (const step of ['validate-config', 'take-snapshot', 'verify-integrity', 'upload-to-storage', 'cleanup-old-backups', 'send-notification']) {
      expect(run.summary).toContain(step)
    }
    expect(await everythingVisible(run, audit, webhook)).not.toContain(server.password)
  })

  test('a rotated password fails the run in take-snapshot, notifies FAILED and stores nothing', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const rotated = 'the-old-password-9f8e7d'
    const run = await runAction(inputs(store, audit, { 'db-password': rotated }))

    expect(run.exitCode).not.toBe(0)
    expect(run.outputs.status).toBe('FAILED')
    expect(run.outputs['failed-step']).toBe('take-snapshot')
    expect(run.outputs['backup-uri']).toBe('')
    expect(run.stdout).toMatch(/password authentication failed/)
    expect(await readdir(store)).toEqual([])

    expect(webhook.bodies).toHaveLength(1)
    const body = JSON.parse(webhook.bodies[0])
    expect(body.status).toBe('FAILED')
    expect(body.failedStep).toBe('take-snapshot')
    const failedStep = body.steps.find((step: { name: string }) => step.name === 'take-snapshot')
    expect(failedStep.status).toBe('failed')
    expect(failedStep.error).toMatch(/password authentication failed/)

    const record = await readJson<{ status: string; failedStep: string; steps: { name: string; status: string }[] }>(run.outputs['audit-file'])
    expect(record.status).toBe('FAILED')
    expect(record.failedStep).toBe('take-snapshot')
    expect(record.steps.filter((step) => step.status === 'skipped').map((step) => step.name)).toEqual([
      'verify-integrity',
      'upload-to-storage',
      'cleanup-old-backups'
    ])
    expect(run.summary).toContain('Database backup: FAILED')
    expect(await everythingVisible(run, audit, webhook)).not.toContain(rotated)
  })

  test.each([
    ['cut short', 'head -c -100'],
    ['with a changed byte', `{ dd bs=1 count=1000 2>/dev/null; dd bs=1 count=1 of=/dev/null 2>/dev/null; printf X; cat; }`]
  ])('a zstd stream %s on its way to the file fails verify-integrity, notifies FAILED and stores nothing', async (_what, damage) => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const bin = await scratch('bin')
    const real = (await runOk('sh', ['-c', 'command -v zstd'])).trim()
    await writeFile(join(bin, 'zstd'), `#!/bin/sh\n"${real}" "$@" | ${damage}\n`, { mode: 0o755 })
    const run = await runAction(inputs(store, audit), { PATH: `${bin}:${process.env.PATH}` })

    const record = await expectFailedEverywhere(run, audit, webhook, 'verify-integrity', /zstd stream ends inside a frame|Corrupted block|[Cc]hecksum|pg_restore reading the whole archive/)
    expect(record.steps.find((step) => step.name === 'take-snapshot')?.status).toBe('success')
    expect(record.steps.filter((step) => step.status === 'skipped').map((step) => step.name)).toEqual(['upload-to-storage', 'cleanup-old-backups'])
    expect(await readdir(store)).toEqual([])
  })

  test('a password given in db-url is used, and masked wherever it could appear', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const url = `postgresql://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/shop?sslmode=disable`
    const run = await runAction({ ...inputs(store, audit), 'db-password': '', 'db-host': '', 'db-port': '', 'db-name': '', 'db-url': url })

    expect(run.outputs.status).toBe('SUCCESS')
    expect(run.exitCode).toBe(0)
    const visible = await everythingVisible(run, audit, webhook)
    expect(visible).not.toContain(server.password)
    expect(visible).not.toContain(encodeURIComponent(server.password))
  })

  test('restore-check restores the backup into a scratch database and reports the rows it matched', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runAction(inputs(store, audit, { 'restore-check': 'true' }))

    expect(run.outputs.status).toBe('SUCCESS')
    const total = Object.values(expectedCounts).reduce((sum, count) => sum + count, 0)
    expect(run.summary).toContain(`restore check: content digests: 3 tables, ${total} rows, equal (restored into a scratch database, read back with pg_dump)`)
    expect(await server.sql('postgres', "SELECT count(*) FROM pg_database WHERE datname LIKE 'restore_check_%'")).toBe('0\n')
    expect(await everythingVisible(run, audit, webhook)).not.toContain(server.password)
  })

  test('restore-check source: a pg_dump that changes one byte of one value, its archive still valid, fails verify-integrity and stores nothing', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const bin = await scratch('bin')
    const real = (await runOk('sh', ['-c', 'command -v pg_dump'])).trim()
    // zstd: pg_dump writes its archive uncompressed, so the same-length change keeps every block valid.
    await writeFile(join(bin, 'pg_dump'), `#!/bin/sh\n"${real}" "$@" | LC_ALL=C sed 's/c77@example/c77@exbmple/'\n`, { mode: 0o755 })
    const altered = await runAction(inputs(store, audit, { 'restore-check': 'source' }), { PATH: `${bin}:${process.env.PATH}` })
    await expectFailedEverywhere(altered, audit, webhook, 'verify-integrity', /the dump differs from the database it was taken from, read in the same snapshot: public\.customers: the rows differ in content/)
    expect(await readdir(store)).toEqual([])

    // The same stand-in with restore-check true: the archive is valid and restores to what it holds, so only the source read can tell.
    const unchecked = await runAction(inputs(store, await scratch('audit'), { 'restore-check': 'true' }), { PATH: `${bin}:${process.env.PATH}` })
    expect(unchecked.outputs.status).toBe('SUCCESS')
  })

  test('client-version system: a server newer than the pg_dump on PATH fails before dumping, naming both versions', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    // A pg_dump that reports an older major, first on PATH; psql and pg_restore stay the real ones.
    const fakeBin = await scratch('old-client')
    await writeFile(
      join(fakeBin, 'pg_dump'),
      `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 12.22"; exit 0; fi\necho "this client must not be used to dump" >&2\nexit 3\n`
    )
    await chmod(join(fakeBin, 'pg_dump'), 0o755)
    const run = await runAction(inputs(store, audit, { 'client-version': 'system' }), { PATH: `${fakeBin}:${server.binDir}:${process.env.PATH}` })

    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('take-snapshot')
    expect(run.stdout).toMatch(/server is version \d+\.\d+ but \S*old-client\S*\/pg_dump is version 12\.22, which cannot dump it/)
    expect(run.stdout).not.toContain('must not be used')
    expect(await readdir(store)).toEqual([])
  })

  test('retention deletes old and surplus backups of this name only, never foreign files', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const now = Date.now()
    const day = 86_400_000
    const stamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')
    const old = [`shop-${stamp(now - 40 * day)}-0000000a.dump`, `shop-${stamp(now - 31 * day)}-0000000b.dump`]
    const recent = [1, 2, 3].map((n) => `shop-${stamp(now - n * day)}-0000000${n}.dump`)
    const foreign = [
      `shop-${stamp(now - 90 * day)}-0000000c.txt`, // not an extension this action writes
      `shopping-${stamp(now - 90 * day)}-0000000d.dump`, // another backup name
      `notes.md`,
      `shop-latest.dump`
    ]
    for (const name of [...old, ...recent, ...foreign]) await writeFile(join(store, name), `content of ${name}`)
    // As earlier runs left them, each written when its name says (a file written moments ago could be another run's, and is spared).
    const ages = new Map([...old.map((name, i) => [name, [40, 31][i]] as const), ...recent.map((name, i) => [name, i + 1] as const)])
    for (const [name, days] of ages) await utimes(join(store, name), new Date(now - days * day), new Date(now - days * day))
    await mkdir(join(store, `shop-${stamp(now - 50 * day)}-0000000e.dump`)) // a directory is not a backup

    const run = await runAction(inputs(store, audit, { 'retention-days': '30', 'max-backups': '3' }))
    expect(run.exitCode).toBe(0)
    const remaining = await backupFiles(store)
    // Kept: the new backup and the two newest recent ones (max 3); deleted: both old, and the third recent.
    for (const name of [...old, recent[2]]) expect(remaining).not.toContain(name)
    for (const name of [recent[0], recent[1], ...foreign, run.outputs['backup-key']]) expect(remaining).toContain(name)
    expect(run.outputs['deleted-count']).toBe('3')
    const freed = [...old, recent[2]].reduce((sum, name) => sum + `content of ${name}`.length, 0)
    expect(run.outputs['freed-bytes']).toBe(String(freed))
  })

  test('a webhook that answers 500 fails the run in send-notification, and the audit record says so', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    webhook.status = 500
    const run = await runAction(inputs(store, audit))

    expect(run.exitCode).not.toBe(0)
    expect(run.outputs.status).toBe('FAILED')
    expect(run.outputs['failed-step']).toBe('send-notification')
    expect(run.outputs['backup-uri']).not.toBe('')
    expect(await backupFiles(store)).toHaveLength(1)
    const record = await readJson<{ status: string; steps: { name: string; status: string; error?: string }[] }>(run.outputs['audit-file'])
    expect(record.status).toBe('FAILED')
    expect(record.steps[5]).toMatchObject({ name: 'send-notification', status: 'failed' })
    expect(record.steps[5].error).toContain('HTTP 500')
    expect(await everythingVisible(run, audit, webhook)).not.toContain('backup-secret-token-123')
  })

  test.each([
    [{ 'db-type': 'oracle' }, 'db-type', /must be one of postgresql/],
    [{ 'db-port': '70000' }, 'db-port', /1 to 65535/],
    [{ 'db-port': 'abc' }, 'db-port', /whole number/],
    [{ 'db-name': '' }, 'db-name', /required for db-type postgresql/],
    [{ 'storage-type': 'ftp' }, 'storage-type', /must be one of/],
    [{ path: '' }, 'path', /required for storage-type local/],
    [{ 'backup-name': '../escape' }, 'backup-name', /letters, digits/],
    [{ 'retention-days': '-1' }, 'retention-days', /whole number/],
    [{ 'max-backups': 'ten' }, 'max-backups', /whole number/],
    [{ notify: 'console,pager' }, 'notify', /console, file, webhook/],
    [{ 'webhook-url': 'ftp://example.test/hook' }, 'webhook-url', /http:\/\/ or https:\/\//],
    [{ 'db-url': 'mysql://u:p@h/db' }, 'db-url', /postgres:\/\/ or postgresql:\/\//]
  ])('bad input %j fails in validate-config naming %s, and nothing is dumped or stored', async (override, input, rule) => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runAction(inputs(store, audit, override))

    expect(run.exitCode).not.toBe(0)
    expect(run.outputs.status).toBe('FAILED')
    expect(run.outputs['failed-step']).toBe('validate-config')
    const record = await readJson<{ error: string; status: string }>(run.outputs['audit-file'])
    expect(record.error).toContain(`input "${input}"`)
    expect(record.error).toMatch(rule)
    expect(run.stdout).not.toMatch(/\$ \S*pg_dump/)
    expect(await readdir(store)).toEqual([])
    // The notification still goes out, through the channels that could be read.
    if (input !== 'notify' && input !== 'webhook-url') expect(JSON.parse(webhook.bodies[0]).status).toBe('FAILED')
    expect(await everythingVisible(run, audit, webhook)).not.toContain(server.password)
  })
})
