import { chmod, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { recordArgv } from '../support/argv.js'
import { keyCount, samplesOf, seedRedis, startRedis, type RedisContent, type RedisServer } from '../support/redis.js'
import { runOk } from '../support/run.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'
import { everythingVisible, expectFailedEverywhere, scratch, type AuditRecord, backupFiles } from '../support/e2e.js'

let server: RedisServer
let webhook: WebhookReceiver
let content: RedisContent

beforeAll(async () => {
  server = await startRedis()
  content = await seedRedis(server)
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
  return {
    'db-type': 'redis',
    'db-host': server.host,
    'db-port': String(server.port),
    'db-password': server.password,
    'backup-name': 'cache',
    'storage-type': 'local',
    path: storeDir,
    notify: 'console,file,webhook',
    'webhook-url': webhook.url,
    'audit-dir': auditDir,
    ...extra
  }
}




describe('Redis to a local directory, as the runner runs the bundle', () => {
  test('a backup succeeds, is verified, restores with every key and the same values, and no process saw the password', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const argv = await recordArgv(['timeout', 'redis-cli', 'redis-check-rdb'])
    const run = await runAction(inputs(store, audit), { PATH: `${argv.binDir}:${process.env.PATH}` })

    expect(run.outputs.status).toBe('SUCCESS')
    expect(run.exitCode).toBe(0)
    const files = await backupFiles(store)
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^cache-\d{8}T\d{6}Z-[0-9a-f]{8}\.rdb\.zst$/)
    const file = join(store, files[0])
    expect(run.outputs.sha256).toBe(createHash('sha256').update(await readFile(file)).digest('hex'))
    expect(Number(run.outputs['size-bytes'])).toBe((await stat(file)).size)

    // The stored file is a real RDB compressed with zstd: decompress it, start a server from it and compare.
    const rdb = join(await scratch('restore'), 'dump.rdb')
    await runOk('zstd', ['-d', '-q', file, '-o', rdb])
    const restored = await startRedis({ rdb, password: '' })
    try {
      expect(await keyCount(restored)).toBe(content.keys)
      expect(await samplesOf(restored)).toEqual(content.samples)
    } finally {
      await restored.stop()
    }

    const record = await readJson<AuditRecord>(run.outputs['audit-file'])
    expect(record.steps.map((step) => step.status)).toEqual(['success', 'success', 'success', 'success', 'success', 'success'])
    expect(record.steps[1].figures).toMatchObject({ compression: expect.stringMatching(/^zstd level 1 /) })
    expect(record.steps[2].figures).toMatchObject({
      'CRC-64': 'match (whole file read)',
      'redis-check-rdb': `OK, ${content.keys} keys read`,
      'sha256 re-read': 'match',
      'read while written': true
    })
    expect(JSON.parse(webhook.bodies[0])).toMatchObject({ status: 'SUCCESS', backup: { sha256: run.outputs.sha256 } })
    expect(run.summary).toContain('Database backup: SUCCESS')

    expect(await everythingVisible(run, audit, webhook)).not.toContain(server.password)
    const invocations = await argv.invocations()
    expect(invocations.some(([program, ...args]) => program === 'redis-cli' && args.includes('--rdb'))).toBe(true)
    expect(invocations.some(([program]) => program === 'redis-check-rdb')).toBe(true)
    for (const invocation of invocations) expect(invocation.join(' ')).not.toContain(server.password)
  })

  test('an ACL user given in db-url (redis://user:password@) backs up, and its password is masked', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const url = `redis://${server.aclUser}:${encodeURIComponent(server.aclPassword)}@${server.host}:${server.port}`
    const argv = await recordArgv(['timeout', 'redis-cli'])
    const run = await runAction({ ...inputs(store, audit), 'db-password': '', 'db-host': '', 'db-port': '', 'db-url': url }, { PATH: `${argv.binDir}:${process.env.PATH}` })

    expect(run.outputs.status).toBe('SUCCESS')
    const visible = await everythingVisible(run, audit, webhook)
    expect(visible).not.toContain(server.aclPassword)
    const rdb = (await argv.invocations()).find(([program, ...args]) => program === 'redis-cli' && args.includes('--rdb')) as string[]
    expect(rdb).toEqual(expect.arrayContaining(['--user', server.aclUser]))
    expect(rdb.join(' ')).not.toContain(server.aclPassword)
  })

  test('a rotated password fails the run in take-snapshot, notifies FAILED everywhere and stores nothing', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const rotated = 'the-old-redis-password-4c3b'
    const argv = await recordArgv(['timeout', 'redis-cli'])
    const run = await runAction(inputs(store, audit, { 'db-password': rotated }), { PATH: `${argv.binDir}:${process.env.PATH}` })

    const record = await expectFailedEverywhere(run, audit, webhook, 'take-snapshot', /authentication failed: the server rejected this password/)
    expect(record.steps.filter((step) => step.status === 'skipped').map((step) => step.name)).toEqual(['verify-integrity', 'upload-to-storage', 'cleanup-old-backups'])
    expect(await readdir(store)).toEqual([])
    expect(await everythingVisible(run, audit, webhook)).not.toContain(rotated)
    for (const invocation of await argv.invocations()) expect(invocation.join(' ')).not.toContain(rotated)
  })

  test('a server that refuses SYNC fails in take-snapshot and says why', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runAction(inputs(store, audit, { 'db-user': server.noSyncUser, 'db-password': server.aclPassword }))
    await expectFailedEverywhere(run, audit, webhook, 'take-snapshot', /the server refused SYNC\/replication/)
    expect(await readdir(store)).toEqual([])
  })

  test('an RDB cut short after a successful transfer is caught in verify-integrity, and nothing is stored', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const bin = await scratch('short-rdb')
    const real = (await runOk('sh', ['-c', 'command -v redis-cli'])).trim()
    // redis-cli succeeds, then the file loses its last 100 bytes (a disk or copy fault after the transfer).
    await writeFile(
      join(bin, 'redis-cli'),
      `#!/bin/sh\n'${real}' "$@" || exit $?\nwhile [ $# -gt 0 ]; do if [ "$1" = --rdb ]; then truncate -s -100 "$2"; fi; shift; done\n`
    )
    await chmod(join(bin, 'redis-cli'), 0o755)
    const run = await runAction(inputs(store, audit), { PATH: `${bin}:${process.env.PATH}` })

    await expectFailedEverywhere(run, audit, webhook, 'verify-integrity', /cut short|damaged/)
    expect(await readdir(store)).toEqual([])
  })

  test('without redis-check-rdb the backup succeeds and the figures say what was not checked', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const bin = await scratch('bin')
    for (const program of ['timeout', 'redis-cli']) await symlink((await runOk('sh', ['-c', `command -v ${program}`])).trim(), join(bin, program))
    const run = await runAction(inputs(store, audit), { PATH: bin })

    expect(run.outputs.status).toBe('SUCCESS')
    const record = await readJson<AuditRecord>(run.outputs['audit-file'])
    expect(record.steps[2].figures['redis-check-rdb']).toBe('not installed: the header and the CRC-64 were checked, not the contents')
    expect(run.summary).toContain('redis-check-rdb: not installed')
  })
})
