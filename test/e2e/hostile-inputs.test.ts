import { chmod, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { freePort } from '../support/ports.js'

/**
 * Hostile values in every input, through the bundle as the runner runs it: each run ends in
 * validate-config with the input named, nothing started (every program the action could start is
 * a shim that logs), nothing stored, no work directory made, and no secret shown.
 */

const PROGRAMS = ['pg_dump', 'pg_restore', 'psql', 'mariadb', 'mariadb-dump', 'mysql', 'mysqldump', 'mongodump', 'mongorestore', 'redis-cli', 'timeout', 'tar', 'make', 'zstd', 'sh', 'bash']
const CANARY = 'canary-hostile-41'
const LONG = 'x'.repeat(9000)

let shims: string
let startLog: string
let port: number

beforeAll(async () => {
  shims = await mkdtemp(join(tmpdir(), 'hostile-shims-'))
  startLog = join(shims, 'started.log')
  await writeFile(startLog, '')
  for (const program of PROGRAMS) {
    await writeFile(join(shims, program), `#!/bin/sh\necho "${program} $*" >> '${startLog}'\nexit 1\n`)
    await chmod(join(shims, program), 0o755)
  }
  port = await freePort()
})

type Case = [input: string, value: string, extra?: Record<string, string>]

const s3 = { 'storage-type': 's3', bucket: 'backups', path: '' }

const CASES: Case[] = [
  ['db-type', ''],
  ['db-type', '   '],
  ['db-type', 'pоstgresql'], // Cyrillic "о"
  ['db-type', 'postgresql\n--help'],
  ['db-type', '--file=/etc/x'],
  ['storage-type', ''],
  ['storage-type', 'ѕ3'], // Cyrillic "ѕ"
  ['db-port', '0'],
  ['db-port', '65536'],
  ['db-port', '5432abc'],
  ['db-port', '-1'],
  ['db-port', '５４３２'], // full-width digits
  ['db-host', '--file=/etc/x'],
  ['db-host', '-oProxyCommand=x'],
  ['db-host', 'db host'],
  ['db-host', 'db\nhost'],
  ['db-host', 'dЬ.example'], // Cyrillic "Ь"
  ['db-host', 'h'.repeat(300)],
  ['db-name', '--file=/etc/x'],
  ['db-name', 'shop\n--file=/etc/x'],
  ['db-name', '   '],
  ['db-name', 'n'.repeat(200)],
  ['db-name', 'shop, -x'],
  ['db-name', '*', { 'db-url': 'postgres://u:p@h/shop' }],
  ['db-user', '--password=x'],
  ['db-user', 'u\u0007'],
  ['db-password', `${CANARY}${LONG}`],
  ['db-url', 'postgres://u:p@h/--file=%2Fetc%2Fx'],
  ['db-url', 'postgres://--host=evil:p@h/shop'],
  ['db-url', `postgres://u:p@h/shop?sslpassword=${CANARY}`],
  ['db-url', `postgres://u:p@h/shop?password=${CANARY}`],
  ['db-url', `postgres://u:${CANARY}%zz@h/shop`],
  ['db-url', `postgres://u:${CANARY}@h/shop#fragment`],
  ['db-url', `postgres://u:${CANARY}@h/sh\nop`],
  ['db-url', `http://u:${CANARY}@h/shop`],
  ['db-url', `postgres://u:${CANARY}@h/${LONG}`],
  ['db-url', `postgres://u:${CANARY}@h/shop?replication=database`],
  ['db-url', `mariadb://u:${CANARY}@h/--xml`, { 'db-type': 'mariadb' }],
  ['db-url', `mongodb://u:${CANARY},cr/et@a:1,b:2/shop`, { 'db-type': 'mongodb' }],
  ['db-url', `redis://u:${CANARY}@-h/0`, { 'db-type': 'redis' }],
  ['path', '../../etc'],
  ['path', '--file=/etc/x'],
  ['path', 'a\nb'],
  ['path', 'p'.repeat(5000)],
  ['path', 'prefix/../../elsewhere', s3],
  ['path', '~nosuchuser/x'], // no such user: not a directory named "~nosuchuser" in the workspace
  ['path', '~nosuchuser'],
  ['audit-dir', '--file=/etc/x'],
  ['audit-dir', 'audit/../../etc'],
  ['audit-dir', '~nosuchuser/audit'],
  ['backup-name', '../evil'],
  ['backup-name', '--file=x'],
  ['backup-name', 'ѕhop'], // Cyrillic "ѕ"
  ['retention-days', '-1'],
  ['retention-days', '1e3'],
  ['max-backups', '99999999999'],
  ['keep-daily', '-1'],
  ['keep-weekly', '2.5'],
  ['dump-args', `--password=${CANARY}`],
  ['dump-args', `-p${CANARY}`, { 'db-type': 'mariadb' }],
  ['dump-args', '--file=/etc/x'],
  ['dump-args', `--no-owner '${CANARY}`],
  ['exclude-tables', 'orders', { tables: 'orders' }],
  ['tables', '--file=/etc/x'],
  ['tables', 'orders, -x', { 'db-type': 'mariadb' }],
  ['exclude-tables', '--file=/etc/x'],
  ['exclude-tables', 'orders,--xml', { 'db-type': 'mariadb' }],
  ['s3-kms-key-id', '--file=/etc/x', { ...s3, 's3-sse': 'aws:kms' }],
  ['storage-class', '--file=/etc/x', s3],
  ['email-to', '--file=/etc/x', { notify: 'email', 'smtp-url': 'smtp://u:p@mail.example:587', 'email-from': 'backups@example.com' }],
  ['telegram-chat-id', '--file=/etc/x', { notify: 'telegram', 'telegram-bot-token': '123456789:AAHabcdefghijklmnopqrstuvwxyz012345' }],
  ['notify', 'console,pager'],
  ['notify', '--file=/etc/x'],
  ['webhook-url', '', { notify: 'webhook' }],
  ['webhook-url', `https://user:${CANARY}@hooks.example/x`, { notify: 'webhook' }],
  ['webhook-url', 'file:///etc/passwd', { notify: 'webhook' }],
  ['webhook-url', `https://hooks.example/${CANARY}\n::stop-commands::x`, { notify: 'webhook' }],
  ['client-download-url', `https://user:${CANARY}@mirror.example/pg`],
  ['client-download-url', '--file=/etc/x'],
  ['client-download-url', 'http://mirror.example/pg'],
  ['client-download-allow-insecure-http', 'yes please', { 'client-download-url': 'http://mirror.example/pg' }],
  ['client-version', '--file=/etc/x'],
  ['client-version', '17; rm -rf /'],
  ['compression', 'zstd --rm'],
  ['restore-check', 'yes please'],
  ['include-globals', 'true', { 'db-type': 'mariadb' }],
  ['dump-timeout-minutes', '0'],
  ['bucket', '--file=/etc/x', { 'storage-type': 's3', path: '' }],
  ['s3-endpoint', `https://AKIA:${CANARY}@minio.example`, s3],
  ['s3-region', '--file=/etc/x', s3],
  ['s3-force-path-style', 'maybe', s3],
  ['s3-endpoint', 'https://minio.example'],
  ['azure-account-url', 'javascript:alert(1)', { 'storage-type': 'azure-blob', bucket: 'backups', path: '' }],
  ['azure-connection-string', `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${CANARY}\n;EndpointSuffix=core.windows.net`, { 'storage-type': 'azure-blob', bucket: 'backups', path: '' }],
  ['azure-connection-string', `AccountName=acct\n::stop-commands::x;AccountKey=${CANARY}`, { 'storage-type': 'azure-blob', bucket: 'backups', path: '' }],
  ['encryption-recipients', `AGE-SECRET-KEY-1${CANARY}`],
  ['encryption-recipients', `age1${CANARY}\n::stop-commands::x`],
  ['encryption-recipients', '--file=/etc/x'],
  ['encryption-verify-identity', `AGE-SECRET-KEY-1${CANARY}`, { 'encryption-recipients': 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p' }],
  ['signing-key', `${CANARY}\n::stop-commands::x`],
  ['signing-key', `hmac:${CANARY}`],
  ['signing-key', `-----BEGIN OPENSSH PRIVATE KEY-----\n${CANARY}\n-----END OPENSSH PRIVATE KEY-----\n`]
]

test('at least 40 hostile values, across the inputs', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(40)
  expect(new Set(CASES.map(([input]) => input)).size).toBeGreaterThanOrEqual(25)
})

const labelled = CASES.map(([input, value, extra]) => [`${input}: ${JSON.stringify(value.length > 60 ? `${value.slice(0, 40)}... (${value.length} characters)` : value)}`, input, value, extra ?? {}] as const)

test.each(labelled)('%s ends in validate-config naming the input, with nothing started', async (_label, input, value, extra) => {
  const store = await mkdtemp(join(tmpdir(), 'hostile-store-'))
  const audit = await mkdtemp(join(tmpdir(), 'hostile-audit-'))
  const run = await runAction(
    {
      'db-type': 'postgresql',
      'db-host': '127.0.0.1',
      'db-port': String(port),
      'db-name': 'shop',
      'db-user': 'backup',
      'db-password': 'pw',
      'storage-type': 'local',
      path: store,
      'audit-dir': audit,
      notify: 'console,file',
      ...extra,
      [input]: value
    },
    { PATH: `${shims}:${process.env.PATH}` }
  )

  expect(run.exitCode).not.toBe(0)
  expect(run.outputs).toMatchObject({ status: 'FAILED', 'failed-step': 'validate-config' })
  const record = await readJson<{ failedStep: string; steps: { name: string; status: string; error?: string }[] }>(run.outputs['audit-file'])
  expect(record.steps[0]).toMatchObject({ name: 'validate-config', status: 'failed' })
  expect(record.steps[0].error).toContain(`input "${input}"`)
  expect(record.steps.slice(1, 5).map((step) => step.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped'])

  expect(await readFile(startLog, 'utf8')).toBe('')
  expect(await readdir(store)).toEqual([])
  expect((await readdir(run.runnerTemp)).filter((name) => name.startsWith('db-backup-'))).toEqual([])
  expect(existsSync(join(process.cwd(), '--file=', 'etc'))).toBe(false)
  expect(existsSync(join(process.cwd(), '~nosuchuser'))).toBe(false)
  // The runner consumes ::add-mask:: commands (that is how it learns what to mask); it never shows them.
  const log = (text: string): string => text.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')
  const visible = [log(run.stdout), log(run.stderr), run.summary, JSON.stringify(run.outputs), await readFile(run.outputs['audit-file'], 'utf8')].join('\n')
  expect(visible).not.toContain(CANARY)
  // A value is never echoed so that it starts a log line (a workflow command) of its own.
  expect(run.stdout).not.toMatch(/^(--file|::stop-commands)/m)
})
