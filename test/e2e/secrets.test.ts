import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { recordArgv, type ArgvRecorder } from '../support/argv.js'
import { everythingVisible, expectFailedEverywhere, expectSuccess, postgresInputs, scratch, backupFiles } from '../support/e2e.js'
import { seedShop as seedMariaDb, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { freePort } from '../support/ports.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { seedRedis, startRedis } from '../support/redis.js'
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

async function commandLines(argv: ArgvRecorder): Promise<string> {
  return (await argv.invocations()).map((line) => line.join(' ')).join('\n')
}

/** What the runner puts in the action's environment besides the inputs; no child may get it. */
const RUNNER_TOKENS = { ACTIONS_RUNTIME_TOKEN: 'canary-runtime-token-8', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'canary-id-token-8' }

/**
 * Every recorded child's environment, as /proc/<pid>/environ showed it: no INPUT_* (the inputs
 * hold the password), no runner token, and `canary` only in the variable the tool takes its
 * password from, if it has one. Returns the children, for more checks.
 */
async function expectCleanEnvironments(argv: ArgvRecorder, canary: string, passwordVariable?: string): Promise<{ program: string; env: Record<string, string> }[]> {
  const children = await argv.environments()
  expect(children.length).toBeGreaterThan(0)
  const tokens = Object.values(RUNNER_TOKENS)
  for (const { program, env } of children) {
    const leaks = Object.entries(env)
      .filter(([name, value]) => name.startsWith('INPUT_') || tokens.some((token) => value.includes(token)) || (value.includes(canary) && name !== passwordVariable))
      .map(([name]) => name)
    expect({ program, leaks }).toEqual({ program, leaks: [] })
  }
  return children
}

test('a password with leading and trailing spaces is used as given, and shown nowhere', async () => {
  const store = await scratch('store')
  const audit = await scratch('audit')
  const argv = await recordArgv(['pg_dump', 'psql', 'pg_restore', 'timeout'])
  const run = await runAction(postgresInputs(postgres, webhook, audit, { 'db-user': 'spacey', 'db-password': SPACED_PASSWORD, 'storage-type': 'local', path: store }), {
    PATH: `${argv.binDir}:${postgres.binDir}:${process.env.PATH}`,
    ...RUNNER_TOKENS
  })
  await expectSuccess(run)
  expect(await commandLines(argv)).toMatch(/pg_dump/)
  expect(await commandLines(argv)).not.toContain('canary-pg-sp4ce')
  expect(await everythingVisible(run, audit, webhook)).not.toContain('canary-pg-sp4ce')
  // The password reaches the dump tool whole, spaces and all, in PGPASSWORD alone.
  const children = await expectCleanEnvironments(argv, 'canary-pg-sp4ce', 'PGPASSWORD')
  expect(children.some((child) => child.program === 'pg_dump' && child.env.PGPASSWORD === SPACED_PASSWORD)).toBe(true)
  expect(children.filter((child) => 'PGPASSWORD' in child.env && child.env.PGPASSWORD !== SPACED_PASSWORD)).toEqual([])
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
    { HOME: home, PATH: `${argv.binDir}:${process.env.PATH}`, ...RUNNER_TOKENS }
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
  // The password is in the option file only: no client's environment holds it.
  await expectCleanEnvironments(argv, 'canary-my-sp4ce')
})

/**
 * A stand-in for the Database Tools (none can run here): each answers --version, records its argv,
 * its environment and the --config file it was given, and fails to connect as mongodump does.
 */
async function standInMongoTools(): Promise<{ binDir: string; record: string }> {
  const binDir = await scratch('mongo-tools')
  const record = await scratch('mongo-record')
  for (const program of ['mongodump', 'mongorestore']) {
    await writeFile(
      join(binDir, program),
      `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "${program} version: 100.10.0"; exit 0; fi\n` +
        `printf '%s\\n' "$@" > '${record}/argv'\ncat /proc/$$/environ > '${record}/environ'\n` +
        `for arg in "$@"; do case "$arg" in --config=*) cp "\${arg#--config=}" '${record}/config' ;; esac; done\n` +
        `echo "Failed: can't create session: server selection error: connection refused" >&2\nexit 1\n`,
      { mode: 0o755 }
    )
  }
  return { binDir, record }
}

test('MongoDB: a raw "," in the password stays in the password, reaches mongodump in its --config file only, and the reported host holds no credential', async () => {
  const store = await scratch('store')
  const audit = await scratch('audit')
  const closed = await freePort()
  const tools = await standInMongoTools()
  const run = await runAction(
    {
      'db-type': 'mongodb',
      'db-url': `mongodb://backup:canary,mongo-pw@127.0.0.1:${closed}/shop`,
      'storage-type': 'local',
      path: store,
      notify: 'console,file,webhook',
      'webhook-url': webhook.url,
      'audit-dir': audit
    },
    { PATH: `${tools.binDir}:${process.env.PATH}`, ...RUNNER_TOKENS }
  )
  expect(run.outputs.status).toBe('FAILED')
  expect(run.outputs['failed-step']).toBe('take-snapshot')
  expect(run.stdout).toMatch(/cannot connect to the server at 127\.0\.0\.1/)
  const record = await readJson<{ database: { host: string } }>(run.outputs['audit-file'])
  expect(record.database.host).toBe('127.0.0.1')
  expect(await everythingVisible(run, audit, webhook)).not.toMatch(/canary|mongo-pw/)
  // mongodump ran: its command line and environment hold nothing of the password, its --config file all of it.
  const argv = await readFile(join(tools.record, 'argv'), 'utf8')
  expect(argv.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^--config=/), '--archive'])
  const environ = await readFile(join(tools.record, 'environ'), 'utf8')
  for (const text of [argv, environ]) expect(text).not.toMatch(/canary|mongo-pw/)
  expect(environ).not.toMatch(/INPUT_|canary-runtime-token|canary-id-token/)
  const config = await readFile(join(tools.record, 'config'), 'utf8')
  expect(config).toContain('password: "canary,mongo-pw"')
  expect(config).toMatch(new RegExp(`^uri: "mongodb://backup@127\\.0\\.0\\.1:${closed}/shop"$`, 'm'))
})

test('Redis: redis://PASSWORD@host is the password, as redis-cli reads it: it goes in REDISCLI_AUTH, never in --user, and shows nowhere', async () => {
  const password = 'canary-redis-Pw9x'
  const redis = await startRedis({ password })
  try {
    await seedRedis(redis)
    const store = await scratch('store')
    const audit = await scratch('audit')
    const argv = await recordArgv(['redis-cli', 'redis-check-rdb', 'timeout'])
    const run = await runAction(
      {
        'db-url': `redis://${password}@${redis.host}:${redis.port}`,
        'storage-type': 'local',
        path: store,
        notify: 'console,file,webhook',
        'webhook-url': webhook.url,
        'audit-dir': audit
      },
      { PATH: `${argv.binDir}:${process.env.PATH}`, ...RUNNER_TOKENS }
    )
    await expectSuccess(run)
    expect((await backupFiles(store)).length).toBe(1)
    const lines = await argv.invocations()
    expect(lines.some(([program, ...args]) => program === 'redis-cli' && args.includes('--rdb'))).toBe(true)
    expect(lines.flat()).not.toContain('--user')
    expect(await commandLines(argv)).not.toContain('canary-redis')
    expect(await everythingVisible(run, audit, webhook)).not.toContain('canary-redis')
    const children = await expectCleanEnvironments(argv, 'canary-redis', 'REDISCLI_AUTH')
    expect(children.some((child) => child.program === 'redis-cli' && child.env.REDISCLI_AUTH === password)).toBe(true)
  } finally {
    await redis.stop()
  }
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
