import { readdir, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { runAction } from '../support/action.js'
import { backupFiles, clientPath, scratch, sha256Of } from '../support/e2e.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { expectRestored, restore } from '../support/restore.js'
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

beforeAll(async () => {
  ;[source, target] = await Promise.all([startPostgres(), startPostgres()])
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
  await Promise.all([source?.stop(), target?.stop()])
})

function inputs(server: PostgresServer, store: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'db-type': 'postgresql',
    'db-host': server.host,
    'db-port': String(server.port),
    'db-name': 'shop',
    'db-user': server.user,
    'db-password': server.password,
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
})
