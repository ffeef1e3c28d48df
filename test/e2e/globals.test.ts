import { readdir, utimes, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { runAction } from '../support/action.js'
import { backupFiles, clientPath, scratch, sha256Of, connectionInputs, pastThisSecond } from '../support/e2e.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { expectRestored, expectRestoreFailed, restore } from '../support/restore.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'
import { runOk } from '../support/run.js'

/** include-globals: the roles beside the dump, one backup with it; restore-globals puts them on a fresh server first. */

interface Entry {
  key: string
  sha256: string
  sizeBytes: number
  globals?: { key: string; uri: string; sha256: string; sizeBytes: number }
}

let source: PostgresServer
let target: PostgresServer
let s3: S3Emulator
const BUCKET = 'globals-e2e'

beforeAll(async () => {
  ;[source, target, s3] = await Promise.all([startPostgres(), startPostgres(), startS3rver([BUCKET])])
  await seedShop(source, 'shop')
  await source.sql(
    'shop',
    `CREATE ROLE app_owner LOGIN PASSWORD 'app-owner-pw';
     CREATE ROLE "Reporting team" NOLOGIN;
     GRANT "Reporting team" TO app_owner;
     ALTER TABLE customers OWNER TO app_owner;
     GRANT SELECT ON orders TO "Reporting team";
     CREATE ROLE limited LOGIN PASSWORD 'limited-pw';
     GRANT SELECT ON ALL TABLES IN SCHEMA public TO limited;
     GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO limited;`
  )
})

afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop(), s3?.stop()])
})

function inputs(server: PostgresServer, store: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...connectionInputs('postgresql', server, 'shop'),
    'storage-type': 'local',
    path: store,
    notify: 'console,file',
    ...extra
  }
}

async function globalsText(file: string): Promise<string> {
  return runOk('zstd', ['-d', '-c', '-q', file])
}

describe('include-globals', () => {
  test('the roles are stored beside the dump, verified, and restored first onto a fresh server, where roles that exist are left alone', async () => {
    const store = await scratch('globals-store')
    const run = await runAction({ ...inputs(source, store, { 'include-globals': 'true' }), 'audit-dir': await scratch('globals-audit') }, clientPath(source))
    if (run.exitCode !== 0) throw new Error(`the backup failed:\n${run.stdout}\n${run.stderr}`)

    const [entry] = JSON.parse(run.outputs.backups) as Entry[]
    const stem = entry.key.replace(/\.dump\.zst$/, '')
    expect(entry.globals?.key).toBe(`${stem}.globals.sql.zst`)
    expect((await backupFiles(store)).sort()).toEqual([entry.key, `${stem}.globals.sql.zst`].sort())
    const globalsFile = join(store, `${stem}.globals.sql.zst`)
    expect(entry.globals?.sha256).toBe(await sha256Of(globalsFile))
    expect(entry.globals?.uri).toBe(`file://${globalsFile}`)
    // Its SHA-256 is recorded like the dump's, for the restore to check.
    expect((await readdir(store)).filter((name) => name.endsWith('.sha256')).length).toBe(2)
    const script = await globalsText(globalsFile)
    expect(script).toMatch(/^CREATE ROLE app_owner;$/m)
    expect(script).toMatch(/^ALTER ROLE app_owner WITH .*PASSWORD 'SCRAM-SHA-256/m)
    expect(run.summary).toContain('Roles and other globals')
    expect(run.summary).toMatch(/globals sha256 re-read: match/)

    await target.sql('postgres', 'CREATE DATABASE shop_copy')
    const restored = await restore(
      { ...inputs(target, store), 'db-name': 'shop_copy', 'backup-name': 'shop', 'restore-globals': 'true' },
      clientPath(target)
    )
    expectRestored(restored.run, restored.record)
    const figures = restored.record.steps.find((step) => step.name === 'restore-database')?.figures
    // app_owner, "Reporting team" and limited are new; the target's own backup_admin exists.
    expect(figures).toMatchObject({ 'roles created': 3, 'roles that existed (left as they are)': 1 })
    expect((await target.sql('postgres', "SELECT rolname FROM pg_roles WHERE rolname IN ('app_owner', 'Reporting team') ORDER BY 1")).trim().split('\n')).toEqual([
      'Reporting team',
      'app_owner'
    ])
    expect((await target.sql('postgres', "SELECT pg_has_role('app_owner', 'Reporting team', 'MEMBER')")).trim()).toBe('t')
    // The role came with its password: it logs in on the new server.
    const asOwner = await runOk(join(target.binDir, 'psql'), ['-X', '-At', '-h', target.host, '-p', String(target.port), '-U', 'app_owner', '-d', 'shop_copy', '-c', 'SELECT current_user'], {
      env: { ...process.env, PGPASSWORD: 'app-owner-pw' }
    })
    expect(asOwner.trim()).toBe('app_owner')
    // The target's own admin was not altered by the source's ALTER ROLE (its password still works: target.sql uses it).
    expect((await target.sql('shop_copy', 'SELECT count(*) FROM customers')).trim()).toBe('250')

    // A second run with max-backups 1: the first backup goes, its globals object with it.
    const anHourAgo = new Date(Date.now() - 3_600_000)
    for (const name of await readdir(store)) await utimes(join(store, name), anHourAgo, anHourAgo)
    await pastThisSecond()
    const again = await runAction({ ...inputs(source, store, { 'include-globals': 'true', 'max-backups': '1' }), 'audit-dir': await scratch('globals-audit') }, clientPath(source))
    expect(again.exitCode).toBe(0)
    expect(again.outputs['deleted-count']).toBe('1')
    const [newer] = JSON.parse(again.outputs.backups) as Entry[]
    expect((await backupFiles(store)).sort()).toEqual([newer.key, newer.globals?.key].sort())
  }, 240_000)

  test('a user who may not read role passwords (not superuser, as on managed services): stored without them, and said so', async () => {
    const store = await scratch('globals-store')
    const run = await runAction(
      { ...inputs(source, store, { 'include-globals': 'true', 'db-user': 'limited', 'db-password': 'limited-pw' }), 'audit-dir': await scratch('globals-audit') },
      clientPath(source)
    )
    if (run.exitCode !== 0) throw new Error(`the backup failed:\n${run.stdout}\n${run.stderr}`)
    expect(run.summary).toMatch(/stored without their passwords \(--no-role-passwords\): the server refuses to show them to limited/)
    expect(run.summary).toContain('without role passwords')
    const [entry] = JSON.parse(run.outputs.backups) as Entry[]
    const script = await globalsText(join(store, entry.globals?.key ?? ''))
    expect(script).toMatch(/^CREATE ROLE app_owner;$/m)
    expect(script).not.toContain('PASSWORD')
  }, 120_000)

  test('restore-globals of a backup made without include-globals fails locate-backup, naming it; the target is not touched', async () => {
    const store = await scratch('globals-store')
    const run = await runAction({ ...inputs(source, store), 'audit-dir': await scratch('globals-audit') }, clientPath(source))
    expect(run.exitCode).toBe(0)
    await target.sql('postgres', 'CREATE DATABASE shop_none')
    const restored = await restore({ ...inputs(target, store), 'db-name': 'shop_none', 'backup-name': 'shop', 'restore-globals': 'true' }, clientPath(target))
    expect(restored.run.outputs['failed-step']).toBe('locate-backup')
    expect(restored.record.steps.find((step) => step.name === 'locate-backup')?.error).toMatch(/has no globals object beside it .*made without include-globals/)
    expect((await target.sql('shop_none', "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).trim()).toBe('0')
  }, 120_000)

  test('in S3: the globals object is stored beside the dump with its own SHA-256, restore-globals downloads and checks it, retention deletes it with its dump', async () => {
    const storage = { 'storage-type': 's3', bucket: BUCKET, path: 'pg', 's3-endpoint': s3.endpoint, 's3-region': s3.region, 's3-force-path-style': 'true' }
    const env = (server: PostgresServer) => ({ ...s3.env, ...clientPath(server) })
    const run = await runAction({ ...inputs(source, '', { ...storage, 'include-globals': 'true' }), 'audit-dir': await scratch('globals-audit') }, env(source))
    if (run.exitCode !== 0) throw new Error(`the backup failed:\n${run.stdout}\n${run.stderr}`)
    const [entry] = JSON.parse(run.outputs.backups) as Entry[]
    expect(entry.key).toMatch(/^pg\/shop-\d{8}T\d{6}Z-[0-9a-f]{8}\.dump\.zst$/)
    expect(entry.globals?.uri).toBe(`s3://${BUCKET}/${entry.key.replace(/\.dump\.zst$/, '.globals.sql.zst')}`)

    await target.sql('postgres', 'CREATE DATABASE shop_from_s3')
    const restored = await restore({ ...inputs(target, '', storage), 'db-name': 'shop_from_s3', 'backup-name': 'shop', 'restore-globals': 'true' }, env(target))
    expectRestored(restored.run, restored.record)
    const steps = Object.fromEntries(restored.record.steps.map((step) => [step.name, step.figures]))
    expect(steps['locate-backup']).toMatchObject({ 'globals key': entry.globals?.key })
    expect(steps['download-backup']).toMatchObject({ 'globals recorded sha256': 'match' })
    expect(steps['verify-integrity']).toMatchObject({ 'globals roles': 4 })
    const figures = steps['restore-database'] as Record<string, number>
    expect(figures['roles created'] + figures['roles that existed (left as they are)']).toBe(4)
    expect((await target.sql('postgres', "SELECT count(*) FROM pg_roles WHERE rolname IN ('app_owner', 'Reporting team', 'limited')")).trim()).toBe('3')
    const stored = await s3.download(BUCKET, entry.globals?.key ?? '', join(await scratch('globals-download'), 'globals.sql.zst'))
    expect(stored.metadata).toMatchObject({ sha256: entry.globals?.sha256, dbtype: 'postgresql', backupname: 'shop' })

    // Retention: the first backup, made to look an hour old, goes with its globals; nothing else is left but the new pair.
    const anHourAgo = new Date(Date.now() - 3_600_000)
    for (const key of [entry.key, entry.globals?.key ?? '']) await s3.backdate(BUCKET, key, anHourAgo)
    await pastThisSecond()
    const again = await runAction({ ...inputs(source, '', { ...storage, 'include-globals': 'true', 'max-backups': '1' }), 'audit-dir': await scratch('globals-audit') }, env(source))
    expect(again.exitCode).toBe(0)
    expect(again.outputs['deleted-count']).toBe('1')
    const [newer] = JSON.parse(again.outputs.backups) as Entry[]
    expect((await s3.keys(BUCKET, 'pg/')).map((object) => object.key).sort()).toEqual([newer.key, newer.globals?.key].sort())
  }, 180_000)
})

/**
 * The globals object comes from storage: whoever can write the bucket can rewrite it, and its
 * SHA-256 beside it (the local `.sha256` sidecar here). These tests plant one as such an attacker
 * would, sidecar and all, and check what reaches psql and the target.
 */
describe('a planted globals object', () => {
  const others: PostgresServer[] = []
  /** A target of its own for each test, with its own postgres and app, with passwords of their own. */
  async function freshTarget(): Promise<PostgresServer> {
    const server = await startPostgres()
    others.push(server)
    await server.sql('postgres', "CREATE ROLE postgres LOGIN PASSWORD 'postgres-own-pw'; CREATE ROLE app LOGIN PASSWORD 'app-own-pw'")
    return server
  }
  const rolesOf = (server: PostgresServer) =>
    server.sql('postgres', 'SELECT rolname, rolsuper, rolcanlogin, rolpassword, rolvaliduntil FROM pg_authid ORDER BY rolname')
  const membershipsOf = (server: PostgresServer) =>
    server.sql('postgres', 'SELECT roleid::regrole, member::regrole, grantor::regrole, admin_option FROM pg_auth_members ORDER BY 1, 2, 3')
  const commentOf = (server: PostgresServer, role: string) => server.sql('postgres', `SELECT shobj_description(oid, 'pg_authid') FROM pg_roles WHERE rolname = '${role}'`)

  beforeAll(async () => {
    // On the source: app (the same name as the target's) and reporter, with memberships between them and with PostgreSQL's own pg_read_all_data.
    await source.sql(
      'shop',
      `CREATE ROLE app LOGIN PASSWORD 'source-app-pw';
       CREATE ROLE reporter NOLOGIN;
       GRANT reporter TO app;
       GRANT pg_read_all_data TO reporter;
       GRANT pg_read_all_data TO app;
       CREATE ROLE "Équipe ünï" NOLOGIN;
       GRANT "Équipe ünï" TO reporter;`
    )
  }, 120_000)

  afterAll(async () => {
    await Promise.all(others.map((server) => server.stop()))
  })

  /** A backup with include-globals, then its globals object rewritten by `plant`, with the sidecar that records its SHA-256. */
  async function plantedBackup(plant: (script: string) => string): Promise<string> {
    const store = await scratch('globals-planted')
    const run = await runAction({ ...inputs(source, store, { 'include-globals': 'true' }), 'audit-dir': await scratch('globals-audit') }, clientPath(source))
    if (run.exitCode !== 0) throw new Error(`the backup failed:\n${run.stdout}\n${run.stderr}`)
    const [entry] = JSON.parse(run.outputs.backups) as Entry[]
    const file = join(store, entry.globals?.key ?? '')
    const planted = plant(await globalsText(file))
    const plain = join(await scratch('globals-plain'), 'globals.sql')
    await writeFile(plain, planted)
    await runOk('zstd', ['-q', '-f', '-o', file, plain])
    await writeFile(`${file}.sha256`, `${await sha256Of(file)}  ${entry.globals?.key}\n`)
    return store
  }

  test('a \\! line, ALTER of roles the file does not create and a GRANT to an existing role: refused before anything runs, naming each line; no command ran, the roles are as they were', async () => {
    const other = await freshTarget()
    const marker = join(await scratch('globals-marker'), 'ran')
    const store = await plantedBackup((script) =>
      script
        // Without pg_dumpall's own \restrict line, which would have stopped psql at the \! line.
        .replace(/^\\(un)?restrict .*\n/gm, '')
        .replace(
          '\n--\n-- Roles\n--\n',
          `\n\\! touch ${marker}\nalter role postgres with password 'owned-pw';\nALTER USER postgres VALID UNTIL '2001-01-01';\nGRANT pg_read_all_data TO app;\n--\n-- Roles\n--\n`
        )
    )
    const plantedLines = (await globalsText(join(store, (await backupFiles(store)).find((name) => name.includes('.globals.')) ?? ''))).split('\n')
    const lineOf = (text: string) => plantedLines.findIndex((line) => line.startsWith(text)) + 1
    const roles = await rolesOf(other)
    const memberships = await membershipsOf(other)
    await other.sql('postgres', 'CREATE DATABASE planted')

    const restored = await restore({ ...inputs(other, store), 'db-name': 'planted', 'backup-name': 'shop', 'restore-globals': 'true' }, clientPath(other))
    expectRestoreFailed(restored.run, restored.record, 'verify-integrity', /the globals object holds what pg_dumpall does not write/)
    const error = restored.record.steps.find((step) => step.name === 'verify-integrity')?.error ?? ''
    expect(error).toContain(`line ${lineOf('\\!')}: a psql meta-command`)
    expect(error).toContain(`"\\! touch ${marker}"`)
    expect(error).toContain(`line ${lineOf('alter role postgres')}: not a statement the action applies (alters postgres, which the globals do not create`)
    expect(error).toContain(`line ${lineOf('ALTER USER postgres')}: not a statement the action applies (alters postgres`)
    expect(error).toContain(`line ${lineOf('GRANT pg_read_all_data TO app;')}: not a statement the action applies (names app, which the globals do not create`)
    // The password the planted line carried is not quoted back.
    expect(error).not.toContain('owned-pw')
    expect(existsSync(marker)).toBe(false)
    expect(await rolesOf(other)).toBe(roles)
    expect(await membershipsOf(other)).toBe(memberships)
    expect((await other.sql('planted', "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).trim()).toBe('0')
  }, 240_000)

  test('statements about roles the target has (any case, quoted or not, ROLE, USER or GROUP) are left out: its postgres and app keep their passwords, attributes and comments', async () => {
    const store = await plantedBackup((script) =>
      script.replace(
        /^\\unrestrict /m,
        `CREATE ROLE POSTGRES;\nalter role postgres with password 'owned-pw';\nALTER USER "postgres" VALID UNTIL '2001-01-01';\nALTER GROUP app WITH SUPERUSER;\nCOMMENT ON ROLE "app" IS 'owned';\n\\unrestrict `
      )
    )
    const other = await freshTarget()
    const roles = await rolesOf(other)
    await other.sql('postgres', 'CREATE DATABASE existing_roles')
    const restored = await restore({ ...inputs(other, store), 'db-name': 'existing_roles', 'backup-name': 'shop', 'restore-globals': 'true' }, clientPath(other))
    expectRestored(restored.run, restored.record)
    const figures = restored.record.steps.find((step) => step.name === 'restore-database')?.figures ?? {}
    expect(figures['roles that existed (left as they are)']).toBe(3)
    expect(figures['roles left as they are (the target has them)']).toBe('app, backup_admin, postgres')
    // psql 15.20 has \restrict: the script the action wrote started with it.
    expect(figures['psql meta-commands']).toBe('all refused (\\restrict)')
    const after = await rolesOf(other)
    const row = (text: string, name: string) => text.split('\n').find((line) => line.startsWith(`${name}|`))
    for (const name of ['postgres', 'app', 'backup_admin']) expect(row(after, name)).toBe(row(roles, name))
    expect((await commentOf(other, 'app')).trim()).toBe('')
    const asPostgres = await runOk(join(other.binDir, 'psql'), ['-X', '-At', '-h', other.host, '-p', String(other.port), '-U', 'postgres', '-d', 'postgres', '-c', 'SELECT current_user'], {
      env: { ...process.env, PGPASSWORD: 'postgres-own-pw' }
    })
    expect(asPostgres.trim()).toBe('postgres')
  }, 240_000)

  test('memberships with roles the target has are not granted, and named; restore-globals-existing-role-grants grants them, listing each', async () => {
    const store = await plantedBackup((script) => script)
    const other = await freshTarget()
    const member = (role: string, of: string) => other.sql('postgres', `SELECT pg_has_role('${role}', '${of}', 'MEMBER')`).then((text) => text.trim())
    await other.sql('postgres', 'CREATE DATABASE grants_default')
    const restored = await restore({ ...inputs(other, store), 'db-name': 'grants_default', 'backup-name': 'shop', 'restore-globals': 'true' }, clientPath(other))
    expectRestored(restored.run, restored.record)
    const figures = restored.record.steps.find((step) => step.name === 'restore-database')?.figures ?? {}
    const notGranted = String(figures['role memberships not granted'])
    expect(notGranted).toContain('reporter TO app (app already on the target)')
    expect(notGranted).toContain('pg_read_all_data TO app (pg_read_all_data, app already on the target)')
    expect(notGranted).toContain('pg_read_all_data TO reporter (pg_read_all_data already on the target)')
    expect(restored.run.stdout).toMatch(/::warning.*reporter TO app/)
    expect(await member('app', 'reporter')).toBe('f')
    expect(await member('app', 'pg_read_all_data')).toBe('f')
    expect(await member('reporter', 'pg_read_all_data')).toBe('f')
    // Between roles the file creates, a membership is granted as before, whatever the bytes of their names.
    expect(await member('app_owner', 'Reporting team')).toBe('t')
    expect(await member('reporter', 'Équipe ünï')).toBe('t')

    await other.sql('postgres', 'CREATE DATABASE grants_opted_in')
    const opted = await restore(
      { ...inputs(other, store), 'db-name': 'grants_opted_in', 'backup-name': 'shop', 'restore-globals': 'true', 'restore-globals-existing-role-grants': 'true' },
      clientPath(other)
    )
    expectRestored(opted.run, opted.record)
    const optedFigures = opted.record.steps.find((step) => step.name === 'restore-database')?.figures ?? {}
    const granted = String(optedFigures['role memberships with roles the target had, granted (restore-globals-existing-role-grants)'])
    for (const grant of ['reporter TO app', 'pg_read_all_data TO app', 'pg_read_all_data TO reporter']) expect(granted).toContain(grant)
    expect(await member('app', 'reporter')).toBe('t')
    expect(await member('reporter', 'pg_read_all_data')).toBe('t')
    // The roles themselves are still left as they are (app keeps the target's password).
    const asApp = await runOk(join(other.binDir, 'psql'), ['-X', '-At', '-h', other.host, '-p', String(other.port), '-U', 'app', '-d', 'postgres', '-c', 'SELECT current_user'], {
      env: { ...process.env, PGPASSWORD: 'app-own-pw' }
    })
    expect(asApp.trim()).toBe('app')
  }, 240_000)
})
