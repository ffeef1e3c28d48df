import { chmod, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { recordArgv } from '../support/argv.js'
import { rowCounts, schemaObjects, seedShop, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { runOk } from '../support/run.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'
import { everythingVisible, expectFailedEverywhere, scratch, type AuditRecord, backupFiles } from '../support/e2e.js'


let server: MariaDbServer
let webhook: WebhookReceiver
let expectedCounts: Record<string, number>
let expectedObjects: string[]

beforeAll(async () => {
  server = await startMariaDb()
  expectedCounts = await seedShop(server, 'shop')
  expectedObjects = await schemaObjects(server, 'shop')
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
    'db-type': 'mariadb',
    'db-host': server.host,
    'db-port': String(server.port),
    'db-name': 'shop',
    'db-user': server.user,
    'db-password': server.password,
    'storage-type': 'local',
    path: storeDir,
    notify: 'console,file,webhook',
    'webhook-url': webhook.url,
    'audit-dir': auditDir,
    ...extra
  }
}


/** A directory that holds only the named programs, for a PATH without the others. */
async function pathWith(programs: string[]): Promise<string> {
  const dir = await scratch('bin')
  for (const program of programs) await symlink((await runOk('sh', ['-c', `command -v ${program}`])).trim(), join(dir, program))
  return dir
}

/** The SQL of a stored dump, decompressed with the standard tools, as a user restoring it would. */
async function sqlOf(file: string): Promise<string> {
  if (file.endsWith('.sql')) return readFile(file, 'utf8')
  const out = join(await scratch('restore'), 'dump.sql')
  await runOk(file.endsWith('.gz') ? 'sh' : 'zstd', file.endsWith('.gz') ? ['-c', `gzip -dc '${file}' > '${out}'`] : ['-d', '-q', file, '-o', out])
  return readFile(out, 'utf8')
}



describe('MariaDB to a local directory, as the runner runs the bundle', () => {
  test.each([
    ['gzip', 'sql.gz'],
    ['zstd', 'sql.zst'],
    ['none', 'sql']
  ])(
    'a %s backup succeeds, is verified, restores with the same rows, routines, events and triggers, and no process saw the password',
    async (compression, extension) => {
      const store = await scratch('store')
      const audit = await scratch('audit')
      const argv = await recordArgv(['timeout', 'mariadb', 'mysql', 'mariadb-dump', 'mysqldump', 'zstd'])
      const run = await runAction(inputs(store, audit, { compression }), { PATH: `${argv.binDir}:${process.env.PATH}` })

      expect(run.outputs.status).toBe('SUCCESS')
      expect(run.exitCode).toBe(0)
      const files = await backupFiles(store)
      expect(files).toHaveLength(1)
      expect(files[0]).toMatch(new RegExp(`^shop-\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.${extension.replace('.', '\\.')}$`))
      const file = join(store, files[0])
      expect(run.outputs['backup-key']).toBe(files[0])
      expect(run.outputs.sha256).toBe(createHash('sha256').update(await readFile(file)).digest('hex'))
      expect(Number(run.outputs['size-bytes'])).toBe((await stat(file)).size)

      // The stored file is a real dump: restore it into a new database and compare.
      await server.sql('mysql', `CREATE DATABASE shop_${compression}`)
      await server.load(`shop_${compression}`, await sqlOf(file))
      expect(await rowCounts(server, `shop_${compression}`)).toEqual(expectedCounts)
      expect(await schemaObjects(server, `shop_${compression}`)).toEqual(expectedObjects)
      expect(expectedObjects).toEqual(['event nightly_cleanup', 'routine customer_count', 'trigger orders_audit', 'view big_orders'])

      const record = await readJson<AuditRecord>(run.outputs['audit-file'])
      expect(record.steps.map((step) => [step.name, step.status])).toEqual([
        ['validate-config', 'success'],
        ['take-snapshot', 'success'],
        ['verify-integrity', 'success'],
        ['upload-to-storage', 'success'],
        ['cleanup-old-backups', 'success'],
        ['send-notification', 'success']
      ])
      const [, snapshot, verify] = record.steps
      expect(snapshot.figures).toMatchObject({ client: expect.stringMatching(/^mariadb-dump /), 'server version': expect.stringMatching(/MariaDB/) })
      expect(String(snapshot.figures.compression)).toMatch(compression === 'gzip' ? /^gzip level 6 \(Node\.js zlib\)$/ : compression === 'zstd' ? /^zstd level 1 \(.*zstd, all cores\)$/ : /^none$/)
      expect(verify.figures).toMatchObject({ tables: 3, trailer: expect.stringMatching(/^-- Dump completed on/), 'sha256 re-read': 'match', 'read while written': true })
      expect(JSON.parse(webhook.bodies[0])).toMatchObject({ status: 'SUCCESS', backup: { sha256: run.outputs.sha256 } })
      expect(run.summary).toContain('Database backup: SUCCESS')

      expect(await everythingVisible(run, audit, webhook)).not.toContain(server.password)
      const invocations = await argv.invocations()
      const dumps = invocations.filter(([program, first]) => program === 'mariadb-dump' && first !== '--version')
      expect(dumps).toHaveLength(1)
      expect(dumps[0][1]).toMatch(/^--defaults-file=/)
      // The action stops every child at its time limit itself (the whole process group), never through coreutils timeout.
      expect(invocations.filter(([program]) => program === 'timeout')).toEqual([])
      // The zstd program, where it is installed, compresses on all cores.
      if (compression === 'zstd') expect(invocations.some(([program, ...args]) => program === 'zstd' && args.includes('-T0'))).toBe(true)
      for (const invocation of invocations) {
        expect(invocation.join(' ')).not.toContain(server.password)
        expect(invocation.join(' ')).not.toContain(encodeURIComponent(server.password))
      }
    }
  )

  test('a rotated password fails the run in take-snapshot, says access denied, notifies FAILED everywhere and stores nothing', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const rotated = 'the-old-password-9f8e7d'
    const argv = await recordArgv(['timeout', 'mariadb', 'mariadb-dump'])
    const run = await runAction(inputs(store, audit, { 'db-password': rotated }), { PATH: `${argv.binDir}:${process.env.PATH}` })

    const record = await expectFailedEverywhere(run, audit, webhook, 'take-snapshot', /access denied: the server rejected user "backup_admin" with this password/)
    expect(record.steps.filter((step) => step.status === 'skipped').map((step) => step.name)).toEqual(['verify-integrity', 'upload-to-storage', 'cleanup-old-backups'])
    expect(await readdir(store)).toEqual([])
    expect(await everythingVisible(run, audit, webhook)).not.toContain(rotated)
    for (const invocation of await argv.invocations()) expect(invocation.join(' ')).not.toContain(rotated)
  })

  test('a database that does not exist fails in take-snapshot and says so', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runAction(inputs(store, audit, { 'db-name': 'no_such_shop' }))
    await expectFailedEverywhere(run, audit, webhook, 'take-snapshot', /database "no_such_shop" does not exist on the server/)
    expect(await readdir(store)).toEqual([])
  })

  test('a dump tool that stops early but exits 0 is caught in verify-integrity, and nothing is stored', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const bin = await scratch('short-dump')
    const real = (await runOk('sh', ['-c', 'command -v mariadb-dump'])).trim()
    // The exit status of a pipeline is the last command's: head's 0, whatever happened to the dump.
    await writeFile(join(bin, 'mariadb-dump'), `#!/bin/sh\n'${real}' "$@" | head -c 6000\n`)
    await chmod(join(bin, 'mariadb-dump'), 0o755)
    const run = await runAction(inputs(store, audit), { PATH: `${bin}:${process.env.PATH}` })

    await expectFailedEverywhere(run, audit, webhook, 'verify-integrity', /does not end with the "-- Dump completed" line the dump tool writes last: it was cut short/)
    expect(await readdir(store)).toEqual([])
  })

  test('a password given in db-url (mariadb://) is used, and masked wherever it could appear', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const url = `mariadb://${server.user}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/shop`
    const run = await runAction({ ...inputs(store, audit), 'db-password': '', 'db-host': '', 'db-port': '', 'db-name': '', 'db-url': url })

    expect(run.outputs.status).toBe('SUCCESS')
    expect(run.exitCode).toBe(0)
    const visible = await everythingVisible(run, audit, webhook)
    expect(visible).not.toContain(server.password)
    expect(visible).not.toContain(encodeURIComponent(server.password))
  })

  test('with only mysql and mysqldump installed (the names, not mariadb-dump), the backup works', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const bin = await pathWith(['timeout', 'mysql', 'mysqldump'])
    const run = await runAction(inputs(store, audit), { PATH: bin })

    expect(run.outputs.status).toBe('SUCCESS')
    const record = await readJson<AuditRecord>(run.outputs['audit-file'])
    expect(record.steps[1].figures.client).toMatch(/^mysqldump /)
    expect(run.stdout).toMatch(/\$ \S*\/mysql --defaults-file=/)
  })

  test('zstd without the zstd program: Node.js compresses instead, the log and the summary say so', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const bin = await pathWith(['timeout', 'mariadb', 'mariadb-dump'])
    const run = await runAction(inputs(store, audit, { compression: 'zstd:3' }), { PATH: bin })

    expect(run.outputs.status).toBe('SUCCESS')
    expect(run.outputs['backup-key']).toMatch(/\.sql\.zst$/)
    expect(run.stdout).toMatch(/the zstd program is not on PATH: compressing with Node\.js zlib/)
    expect(run.summary).toContain('compression: zstd level 3 (Node.js zlib)')
    expect(await rowCounts(server, 'shop')).toEqual(expectedCounts)
    const restored = 'shop_node_zstd'
    await server.sql('mysql', `CREATE DATABASE ${restored}`)
    await server.load(restored, await sqlOf(join(store, run.outputs['backup-key'])))
    expect(await rowCounts(server, restored)).toEqual(expectedCounts)
  })

  test('an unknown compression fails in validate-config naming the input', async () => {
    const store = await scratch('store')
    const audit = await scratch('audit')
    const run = await runAction(inputs(store, audit, { compression: 'brotli' }))
    await expectFailedEverywhere(run, audit, webhook, 'validate-config', /input "compression": must be one of zstd, gzip, none/)
  })

  test('a compression level out of range fails in validate-config naming the input', async () => {
    const audit = await scratch('audit')
    const run = await runAction(inputs(await scratch('store'), audit, { compression: 'zstd:25' }))
    await expectFailedEverywhere(run, audit, webhook, 'validate-config', /input "compression": the zstd level must be 1-19/)
  })
})
