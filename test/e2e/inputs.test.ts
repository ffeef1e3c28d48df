import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { backupFiles, clientPath, expectSuccess, scratch, STEP_NAMES, type AuditRecord } from '../support/e2e.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { S3_ACCESS_DENIED, startFaultProxy, type FaultProxy } from '../support/fault-proxy.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'

/** Issue 15 as the runner runs the bundle: forgiving inputs, the preflight before the dump, the summary. */

let server: PostgresServer
let s3: S3Emulator
/** S3 as a bucket policy that lets the credentials list but not write: CreateMultipartUpload refused. */
let readOnly: FaultProxy

beforeAll(async () => {
  ;[server, s3] = await Promise.all([startPostgres(), startS3rver(['e2e-backups'])])
  readOnly = await startFaultProxy(s3.endpoint)
  readOnly.inject({ when: (request) => request.method === 'POST' && /[?&]uploads/.test(request.url), fault: S3_ACCESS_DENIED })
  await seedShop(server, 'shop')
})

afterAll(async () => {
  await readOnly?.stop()
  await s3?.stop()
  await server?.stop()
})

function url(): string {
  return `postgres://${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}@${server.host}:${server.port}/shop`
}

describe('inputs that forgive and explain', () => {
  test('db-type from the db-url scheme, an alias, a workspace-relative path: the run says how it read them, warns of the hosted runner, and the summary shows the restore command', async () => {
    const workspace = await scratch('workspace')
    const run = await runAction(
      { 'db-url': url(), 'storage-type': 'file', path: 'backups', 'retention-days': '90', 'audit-dir': join(workspace, 'audit'), 'restore-check': 'yes', notify: 'console\nfile' },
      { ...clientPath(server), GITHUB_WORKSPACE: workspace, RUNNER_ENVIRONMENT: 'github-hosted' }
    )
    await expectSuccess(run)
    expect(run.stdout).toContain('db-type is postgresql, from the db-url scheme')
    expect(run.stdout).toContain('storage-type "file" is read as local')
    expect(run.stdout).toContain(`path "backups" is the directory ${join(workspace, 'backups')}`)
    expect(run.stdout).toMatch(/::warning title=Backup inputs::storage-type local keeps the backups in .* on a GitHub-hosted runner/)
    expect(await backupFiles(join(workspace, 'backups'))).toEqual([run.outputs['backup-key']])

    expect(run.summary).toContain('Database backup: SUCCESS')
    expect(run.summary).toContain('storage check: directory writable (probe file written, removed)')
    expect(run.summary).toContain('<h3>⚠️ Warnings</h3>')
    expect(run.summary).toContain(`<pre><code>cat ${join(workspace, 'backups', run.outputs['backup-key'])} | zstd -dc | pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL"</code></pre>`)
    expect(run.summary).toContain(`<details><summary>All figures</summary>`)
    expect(run.summary).toContain(run.outputs.sha256)
    expect(run.summary).not.toContain(server.password)
  })
})

describe('the preflight fails before any dump starts', () => {
  test.each([
    ['a missing bucket', () => ({ bucket: 'no-such-bucket' }), {}, /the bucket "no-such-bucket" does not exist \(NoSuchBucket\)/],
    ['missing credentials', () => ({}), { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent' }, /no AWS credentials found/],
    [
      'a bucket the credentials can list but not write',
      (): Record<string, string> => ({ 's3-endpoint': readOnly.endpoint }),
      {},
      /cannot be written under s3:\/\/e2e-backups\/shop-\*: starting an upload was refused \(AccessDenied\): the credentials need s3:PutObject/
    ]
  ])('%s', async (_what, inputs, env, reason) => {
    const audit = await scratch('audit')
    const run = await runAction(
      {
        'db-type': 'postgres',
        'db-host': server.host,
        'db-port': String(server.port),
        'db-name': 'shop',
        'db-user': server.user,
        'db-password': server.password,
        'storage-type': 'aws',
        bucket: 'e2e-backups',
        's3-endpoint': s3.endpoint,
        's3-force-path-style': 'true',
        'audit-dir': audit,
        ...inputs()
      },
      { ...s3.env, ...clientPath(server), ...env }
    )
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('validate-config')
    const record = await readJson<AuditRecord>(run.outputs['audit-file'])
    expect(record.steps.map((step) => [step.name, step.status])).toEqual(
      STEP_NAMES.map((name) => [name, name === 'validate-config' ? 'failed' : name === 'send-notification' ? 'success' : 'skipped'])
    )
    const error = record.steps[0].error ?? ''
    expect(error).toMatch(reason)
    // The cause once, in one error annotation.
    expect(error.match(new RegExp(reason.source, 'g'))).toHaveLength(1)
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([expect.stringMatching(reason)])
    expect(run.summary).toContain('Database backup: FAILED in validate-config: no backup was stored')
    expect(run.stdout).not.toMatch(/pg_dump/)
  })

  test('a service without AbortMultipartUpload: the run succeeds, and warns once of the preflight\'s upload left, which holds no bytes', async () => {
    const noAbort = await startFaultProxy(s3.endpoint)
    const methodNotAllowed = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>MethodNotAllowed</Code><Message>The specified method is not allowed against this resource.</Message></Error>'
    noAbort.inject({ when: (request) => request.method === 'DELETE' && /[?&]uploadId=/.test(request.url), fault: { status: 405, body: methodNotAllowed, headers: { 'Content-Type': 'application/xml' } } })
    try {
      const audit = await scratch('audit')
      const run = await runAction(
        { 'db-url': url(), 'storage-type': 's3', bucket: 'e2e-backups', path: 'no-abort', 's3-endpoint': noAbort.endpoint, 's3-force-path-style': 'true', 'audit-dir': audit },
        { ...s3.env, ...clientPath(server) }
      )
      await expectSuccess(run)
      expect(run.stdout.split('\n').filter((line) => line.startsWith('::warning'))).toEqual([
        expect.stringMatching(/^::warning title=Backup storage::.*could not abort a multipart upload \(MethodNotAllowed, HTTP 405.*multipart upload \S+ of s3:\/\/e2e-backups\/no-abort\/shop-preflight-[0-9a-f]{8} \(it holds no bytes\)/)
      ])
      expect(run.summary).toContain('storage check: credentials and bucket OK (one-key listing); writable (multipart upload started; its abort failed)')
      expect(run.summary).toContain('<h3>⚠️ Warnings</h3>')
      expect((await s3.keys('e2e-backups', 'no-abort/')).map((object) => object.key)).toEqual([run.outputs['backup-key']])
    } finally {
      await noAbort.stop()
    }
  })

  test('a local directory that cannot be made (a file is in its path)', async () => {
    const audit = await scratch('audit')
    const blocker = join(await scratch('blocked'), 'a-file')
    await writeFile(blocker, 'a file where a directory should be')
    const run = await runAction({ 'db-url': url(), 'storage-type': 'local', path: join(blocker, 'backups'), 'audit-dir': audit }, clientPath(server))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('validate-config')
    const record = await readJson<AuditRecord>(run.outputs['audit-file'])
    expect(record.steps[0].error).toBe(`the directory ${join(blocker, 'backups')} cannot be used: a part of the path is a file, not a directory (ENOTDIR)`)
    expect(record.steps.slice(1, -1).map((step) => step.status)).toEqual(STEP_NAMES.slice(1, -1).map(() => 'skipped'))
    expect(run.stdout.split('\n').filter((line) => line.startsWith('::error'))).toHaveLength(1)
    expect(run.stdout).not.toMatch(/pg_dump/)
  })
})
