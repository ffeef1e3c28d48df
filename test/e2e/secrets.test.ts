import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { recordArgv } from '../support/argv.js'
import { everythingVisible, expectFailedEverywhere, expectSuccess, postgresInputs, scratch, backupFiles } from '../support/e2e.js'
import { seedShop as seedMariaDb, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { freePort } from '../support/ports.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'

/**
 * The secret corners of the security review (issue 8), run as the runner runs the bundle against
 * real servers: a canary in each is absent from every command line (recorded by shims) and from
 * every report (log, outputs, summary, audit record, notification file, webhook body).
 */

let postgres: PostgresServer
let mariadb: MariaDbServer
let webhook: WebhookReceiver

const SPACED_PASSWORD = '  canary-pg-sp4ce '
const MARIADB_PASSWORD = ' canary-my-sp4ce #"q '

beforeAll(async () => {
  ;[postgres, mariadb, webhook] = await Promise.all([startPostgres(), startMariaDb(MARIADB_PASSWORD), startWebhookReceiver()])
  await seedShop(postgres, 'shop')
  await seedMariaDb(mariadb, 'shop', 50)
  await postgres.sql('postgres', `CREATE ROLE spacey LOGIN SUPERUSER PASSWORD '${SPACED_PASSWORD}'`)
}, 120_000)

afterAll(async () => {
  await Promise.all([postgres?.stop(), mariadb?.stop(), webhook?.close()])
})

beforeEach(() => {
  webhook.status = 200
  webhook.bodies.length = 0
})

async function commandLines(argv: Awaited<ReturnType<typeof recordArgv>>): Promise<string> {
  return (await argv.invocations()).map((line) => line.join(' ')).join('\n')
}

test('a password with leading and trailing spaces is used as given, and shown nowhere', async () => {
  const store = await scratch('store')
  const audit = await scratch('audit')
  const argv = await recordArgv(['pg_dump', 'psql', 'pg_restore', 'timeout'])
  const run = await runAction(postgresInputs(postgres, webhook, audit, { 'db-user': 'spacey', 'db-password': SPACED_PASSWORD, 'storage-type': 'local', path: store }), {
    PATH: `${argv.binDir}:${postgres.binDir}:${process.env.PATH}`
  })
  await expectSuccess(run)
  expect(await commandLines(argv)).toMatch(/pg_dump/)
  expect(await commandLines(argv)).not.toContain('canary-pg-sp4ce')
  expect(await everythingVisible(run, audit, webhook)).not.toContain('canary-pg-sp4ce')
})

test('libpq sslpassword in db-url is refused in validate-config, and reaches no command line or report', async () => {
  const store = await scratch('store')
  const audit = await scratch('audit')
  const argv = await recordArgv(['pg_dump', 'psql', 'timeout'])
  const url = `postgres://${postgres.user}:${encodeURIComponent(postgres.password)}@${postgres.host}:${postgres.port}/shop?sslmode=disable&sslpassword=canary-sslpw-9`
  const run = await runAction(
    { ...postgresInputs(postgres, webhook, audit, { 'storage-type': 'local', path: store }), 'db-url': url },
    { PATH: `${argv.binDir}:${postgres.binDir}:${process.env.PATH}` }
  )
  await expectFailedEverywhere(run, audit, webhook, 'validate-config', /input "db-url": parameter "sslpassword" holds a secret/)
  expect(await argv.invocations()).toEqual([])
  expect(await everythingVisible(run, audit, webhook)).not.toContain('canary-sslpw-9')
  expect(await readdir(store)).toEqual([])
})

test('MariaDB: ~/.my.cnf of the runner is not read, so it cannot connect as another user', async () => {
  const store = await scratch('store')
  const audit = await scratch('audit')
  const home = await scratch('home')
  await writeFile(join(home, '.my.cnf'), '[client]\nuser=intruder\npassword=wrong-password\n[mysqldump]\nuser=intruder\n')
  const argv = await recordArgv(['mariadb', 'mariadb-dump', 'timeout'])
  const run = await runAction(
    {
      'db-type': 'mariadb',
      'db-host': mariadb.host,
      'db-port': String(mariadb.port),
      'db-name': 'shop',
      'db-user': mariadb.user,
      'db-password': MARIADB_PASSWORD,
      'storage-type': 'local',
      path: store,
      notify: 'console,file,webhook',
      'webhook-url': webhook.url,
      'audit-dir': audit
    },
    { HOME: home, PATH: `${argv.binDir}:${process.env.PATH}` }
  )
  await expectSuccess(run)
  const lines = await argv.invocations()
  const clients = lines.filter(([program, first]) => ['mariadb', 'mariadb-dump'].includes(program) && first !== '--version')
  expect(clients.length).toBeGreaterThanOrEqual(2)
  for (const line of clients) {
    expect(line[1]).toMatch(/^--defaults-file=/)
    expect(line.slice(-2)).toEqual(['--', 'shop'])
  }
  expect(lines.flat().join(' ')).not.toContain('canary-my-sp4ce')
  expect(await everythingVisible(run, audit, webhook)).not.toContain('canary-my-sp4ce')
})

test('MongoDB: a raw "," in the password stays in the password; the reported host holds no credential', async () => {
  const store = await scratch('store')
  const audit = await scratch('audit')
  const closed = await freePort()
  const run = await runAction({
    'db-type': 'mongodb',
    'db-url': `mongodb://backup:canary,mongo-pw@127.0.0.1:${closed}/shop`,
    'storage-type': 'local',
    path: store,
    notify: 'console,file,webhook',
    'webhook-url': webhook.url,
    'audit-dir': audit,
    // No mongodump here and no internet: the download from a closed port fails, as it should.
    'client-download-url': `http://127.0.0.1:${closed}`
  })
  expect(run.outputs.status).toBe('FAILED')
  expect(run.outputs['failed-step']).toBe('take-snapshot')
  const record = await readJson<{ database: { host: string } }>(run.outputs['audit-file'])
  expect(record.database.host).toBe('127.0.0.1')
  expect(await everythingVisible(run, audit, webhook)).not.toMatch(/canary|mongo-pw/)
})

test('a webhook that redirects fails the run naming the redirect; the report is not re-sent elsewhere', async () => {
  const store = await scratch('store')
  const audit = await scratch('audit')
  webhook.status = 301
  const run = await runAction(postgresInputs(postgres, webhook, audit, { 'storage-type': 'local', path: store }), {
    PATH: `${postgres.binDir}:${process.env.PATH}`
  })
  expect(run.exitCode).not.toBe(0)
  expect(run.outputs).toMatchObject({ status: 'FAILED', 'failed-step': 'send-notification' })
  expect(run.stdout).toMatch(/webhook: the webhook answered HTTP 301 redirecting to .*; redirects are not followed/)
  expect(webhook.bodies).toHaveLength(1)
  // The backup itself was made and stored: only the notification failed.
  expect((await backupFiles(store)).length).toBe(1)
})

test('one bad value is one error annotation', async () => {
  const audit = await scratch('audit')
  const store = await scratch('store')
  await mkdir(store, { recursive: true })
  const run = await runAction({ 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: store, notify: 'console,pager', 'audit-dir': audit })
  expect(run.outputs['failed-step']).toBe('validate-config')
  const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'))
  expect(errors).toEqual([expect.stringMatching(/^::error::Backup FAILED in validate-config: input "notify": "pager" is not a channel: each entry must be one of console, file, webhook, /)])
  expect(run.stdout.split('\n').filter((line) => line.includes('input "notify"')).length).toBeLessThanOrEqual(4)
})
