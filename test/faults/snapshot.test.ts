import { chmod, readdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../support/action.js'
import { clientPath, expectFailedEverywhere, postgresInputs, scratch } from '../support/e2e.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { privileged, run as runCommand } from '../support/run.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'
import { leftOnDisk, resetWebhook } from './matrix.js'

/**
 * Fault matrix: the dump. A full disk, the database connection terminated mid-dump, the dump tool
 * killed by a signal, and a dump tool that reports success over a truncated archive: each fails
 * the run in take-snapshot or verify-integrity, stores nothing, and leaves no dump on the runner.
 */

let server: PostgresServer
let webhook: WebhookReceiver

/**
 * A 1 MiB tmpfs to serve as RUNNER_TEMP (a tmpfs root is writable by every user). Mounting needs
 * root: as root here, through passwordless sudo on GitHub's runners; without either the test is
 * skipped, saying why.
 */
const fullDisk = await (async (): Promise<{ dir: string } | { skip: string }> => {
  const dir = await scratch('full-disk')
  const mounted = await privileged('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir])
  if (mounted.code !== 0) return { skip: `mount -t tmpfs is not permitted here: ${mounted.stderr.trim()}` }
  return { dir }
})()

beforeAll(async () => {
  ;[server, webhook] = await Promise.all([startPostgres(), startWebhookReceiver()])
  await seedShop(server, 'shop')
  // About 2.5 MB even in pg_dump's compressed custom format: more than the 1 MiB disk holds.
  await server.sql('shop', `CREATE TABLE bulk AS SELECT g AS id, (SELECT string_agg(md5(random()::text || g || r), '') FROM generate_series(1, 8) r) AS noise FROM generate_series(1, 20000) g`)
})

afterAll(async () => {
  if ('dir' in fullDisk) {
    await privileged('umount', [fullDisk.dir])
    await rm(fullDisk.dir, { recursive: true, force: true })
  }
  await webhook?.close()
  await server?.stop()
})

beforeEach(() => resetWebhook(webhook))

async function backup(extraEnv: Record<string, string> = {}, extra: Record<string, string> = {}): Promise<{ run: ActionRun; store: string; audit: string }> {
  const store = await scratch('store')
  const audit = await scratch('audit')
  const run = await runAction(postgresInputs(server, webhook, audit, { 'storage-type': 'local', path: store, ...extra }), { ...clientPath(server), ...extraEnv })
  return { run, store, audit }
}

/** A directory holding a `pg_dump` that runs `body` (sh) for a dump, and the real one for --version. */
async function fakePgDump(body: string): Promise<string> {
  const dir = await scratch('fake-pg-dump')
  const real = join(server.binDir, 'pg_dump')
  await writeFile(join(dir, 'pg_dump'), `#!/bin/sh\nif [ "$1" = "--version" ]; then exec "${real}" --version; fi\n${body.replaceAll('$REAL', `"${real}"`)}\n`)
  await chmod(join(dir, 'pg_dump'), 0o755)
  return dir
}

describe('fault matrix: the dump', () => {
  const fullDiskTest = 'dir' in fullDisk ? test : test.skip
  if ('skip' in fullDisk) console.warn(`full-disk row skipped: ${fullDisk.skip}`)

  fullDiskTest('a full disk (1 MiB tmpfs as RUNNER_TEMP): take-snapshot fails naming the cause; the partial dump is removed and nothing is stored', async () => {
    const dir = (fullDisk as { dir: string }).dir
    const { run, store, audit } = await backup({ RUNNER_TEMP: dir })
    await expectFailedEverywhere(run, audit, webhook, 'take-snapshot', /ENOSPC|no space left on device/i)
    expect(await readdir(dir)).toEqual([])
    expect(await readdir(store)).toEqual([])
  })

  test('the database connection terminated mid-dump (pg_terminate_backend): take-snapshot fails with the server\'s reason; nothing is stored', async () => {
    // A transaction holds a lock that pg_dump waits for, so the dump is certainly in progress when
    // its connection is terminated from another session.
    const locker = runCommand(join(server.binDir, 'psql'), ['-X', '-h', server.host, '-p', String(server.port), '-U', server.user, '-d', 'shop', '-c', 'BEGIN; LOCK TABLE bulk IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(60); COMMIT'], {
      env: { ...process.env, PGPASSWORD: server.password, PGAPPNAME: 'fault-locker' }
    })
    const running = backup()
    let terminated = ''
    for (let attempt = 0; attempt < 300 && terminated.trim() !== 't'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      terminated = await server.sql('postgres', "SELECT coalesce(bool_or(pg_terminate_backend(pid)), false) FROM pg_stat_activity WHERE application_name = 'db-backup-action' AND wait_event_type = 'Lock'")
    }
    const { run, store, audit } = await running
    await server.sql('postgres', "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'fault-locker'")
    await locker

    expect(terminated.trim()).toBe('t')
    await expectFailedEverywhere(run, audit, webhook, 'take-snapshot', /pg_dump exited with code 1: .*(terminating connection due to administrator command|server closed the connection unexpectedly)/)
    expect(await readdir(store)).toEqual([])
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('the dump tool killed by a signal (SIGKILL after some output): take-snapshot fails; the partial dump is removed', async () => {
    const bin = await fakePgDump(`printf 'PGDMP partial archive, then the process is killed'\nkill -KILL $$`)
    const { run, store, audit } = await backup({ PATH: `${bin}:${server.binDir}:${process.env.PATH}` }, { 'client-version': 'system' })
    // 128 + 9: how a shell reports a child ended by SIGKILL.
    await expectFailedEverywhere(run, audit, webhook, 'take-snapshot', /pg_dump exited with code 137/)
    expect(await readdir(store)).toEqual([])
    expect(await leftOnDisk(run)).toEqual([])
  })

  test('a dump tool that reports success over a truncated archive: verify-integrity fails; nothing is uploaded', async () => {
    const bin = await fakePgDump(`$REAL "$@" | head -c 8192\nexit 0`)
    const { run, store, audit } = await backup({ PATH: `${bin}:${server.binDir}:${process.env.PATH}` }, { 'client-version': 'system' })
    await expectFailedEverywhere(run, audit, webhook, 'verify-integrity', /pg_restore/)
    expect(await readdir(store)).toEqual([])
    expect(await leftOnDisk(run)).toEqual([])
  })
})
