import { mkdtemp, open, stat, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../src/config/types.js'
import { postgresql } from '../../src/engines/postgresql.js'
import { CopyRowCounter, restoreCheck, rowCountDifferences } from '../../src/engines/postgresql-restore-check.js'
import { verifyIntegrity } from '../../src/steps/verify-integrity.js'
import { parseConfig } from '../../src/config/parse.js'
import { Inputs } from '../../src/constants.js'
import { hashFile } from '../../src/util/files.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'

let server: PostgresServer
let database: DatabaseConfig

beforeAll(async () => {
  server = await startPostgres()
  await seedShop(server, 'shop')
  database = { type: 'postgresql', host: server.host, port: server.port, name: 'shop', user: server.user, password: server.password, params: {}, urlProtocol: '' }
})

afterAll(async () => {
  await server?.stop()
})

async function dump(): Promise<{ file: string; workDir: string; sha256: string; sizeBytes: number }> {
  const workDir = await mkdtemp(join(tmpdir(), 'pg-engine-'))
  const snapshot = await postgresql.snapshot({ database, workDir, fileName: 'shop.dump', timeoutMs: 60_000 })
  return { ...snapshot, workDir }
}

describe('PostgreSQL engine', () => {
  test('the hash and size computed while writing are those of the file on disk', async () => {
    const snapshot = await dump()
    expect(await hashFile(snapshot.file)).toEqual({ sha256: snapshot.sha256, sizeBytes: snapshot.sizeBytes })
    expect((await stat(snapshot.file)).mode & 0o777).toBe(0o600)
    const figures = await postgresql.verify({ database, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })
    expect(figures['archive entries']).toBeGreaterThan(5)
  })

  test('a dump cut short in its data fails verification, though its table of contents still lists', async () => {
    const snapshot = await dump()
    await truncate(snapshot.file, Math.floor(snapshot.sizeBytes * 0.6))
    await expect(postgresql.verify({ database, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })).rejects.toThrow(
      /pg_restore reading the whole archive exited with code 1/
    )
  })

  test('a file without the PGDMP signature fails verification', async () => {
    const snapshot = await dump()
    const handle = await open(snapshot.file, 'r+')
    await handle.write(Buffer.from('XXXXX'), 0, 5, 0)
    await handle.close()
    await expect(postgresql.verify({ database, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })).rejects.toThrow(/PGDMP signature/)
  })

  test('verify-integrity rejects a tiny dump and one changed after it was written', async () => {
    const raw = Object.fromEntries(Object.values(Inputs).map((name) => [name, '']))
    const config = parseConfig({ ...raw, 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: '/unused' })
    const workDir = await mkdtemp(join(tmpdir(), 'pg-verify-'))
    const tiny = join(workDir, 'tiny.dump')
    await writeFile(tiny, 'PGDMP\u0001\u000e')
    const tinyHash = await hashFile(tiny)
    await expect(verifyIntegrity(config, { file: tiny, ...tinyHash, figures: {}, fileName: 'tiny.dump', takenAt: new Date() }, workDir)).rejects.toThrow(
      /is 7 bytes, less than the 100 bytes/
    )

    const snapshot = await dump()
    const handle = await open(snapshot.file, 'r+')
    await handle.write(Buffer.from([0xff]), 0, 1, snapshot.sizeBytes - 1)
    await handle.close()
    await expect(verifyIntegrity(config, { ...snapshot, figures: {}, fileName: 'shop.dump', takenAt: new Date() }, snapshot.workDir)).rejects.toThrow(
      /differs from what was written/
    )
  })

  test('a database that does not exist is a clear error', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'pg-missing-'))
    await expect(postgresql.snapshot({ database: { ...database, name: 'no_such_db' }, workDir, fileName: 'x.dump', timeoutMs: 60_000 })).rejects.toThrow(
      /database "no_such_db" does not exist/
    )
  })
})

describe('PostgreSQL restore-check', () => {
  test('restores into a scratch database, matches every table\'s rows with the dump, and drops the scratch database', async () => {
    await server.sql('shop', `CREATE SCHEMA "Odd Schema"; CREATE TABLE "Odd Schema"."Mixed Case" (v text); INSERT INTO "Odd Schema"."Mixed Case" VALUES ('a\nb'), ('c')`)
    const snapshot = await dump()
    const figures = await restoreCheck({ database, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })
    expect(figures['restore check']).toBe('4 tables, 4452 rows restored into a scratch database and matched')
    expect(await server.sql('postgres', "SELECT count(*) FROM pg_database WHERE datname LIKE 'restore_check_%'")).toBe('0\n')
  })

  test('a restore that fails in the scratch database fails the check, and the scratch database is still dropped', async () => {
    const snapshot = await dump()
    // New databases are copies of template1: a table already there makes the restore collide.
    await server.sql('template1', 'CREATE TABLE public.customers (id int)')
    try {
      await expect(restoreCheck({ database, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })).rejects.toThrow(
        /restoring into the scratch database: pg_restore exited with code 1: .*"customers" already exists/
      )
    } finally {
      await server.sql('template1', 'DROP TABLE public.customers')
    }
    expect(await server.sql('postgres', "SELECT count(*) FROM pg_database WHERE datname LIKE 'restore_check_%'")).toBe('0\n')
  })

  test('a user who may not create databases is told so', async () => {
    const snapshot = await dump()
    await server.sql('postgres', "CREATE ROLE reader LOGIN PASSWORD 'reader-pw-123'")
    await expect(
      restoreCheck({ database: { ...database, user: 'reader', password: 'reader-pw-123' }, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })
    ).rejects.toThrow(/could not create the scratch database restore_check_[0-9a-f]{8} \(the user needs CREATEDB\): .*permission denied to create database/)
  })

  test('every table of the dump must be restored with its rows; extra empty tables do not matter', () => {
    const dumped = new Map([['public.a', 2], ['public.b', 0]])
    expect(rowCountDifferences(dumped, new Map([['public.a', 2], ['public.b', 0], ['public.extra', 0]]))).toEqual([])
    expect(rowCountDifferences(dumped, new Map([['public.a', 1]]))).toEqual(['public.a: 2 in the dump, 1 restored', 'public.b: 0 in the dump, no table restored'])
  })

  test('counts COPY rows per table across chunk boundaries', () => {
    const counter = new CopyRowCounter()
    const script = 'SET x = 1;\nCOPY public.a (id) FROM stdin;\n1\n2\n\\.\nCOPY "S"."T q" (v) FROM stdin;\nx\\ny\n\\.\nCOPY public.empty (id) FROM stdin;\n\\.\n'
    for (let at = 0; at < script.length; at += 7) counter.push(Buffer.from(script.slice(at, at + 7)))
    expect(Object.fromEntries(counter.rows)).toEqual({ 'public.a': 2, '"S"."T q"': 1, 'public.empty': 0 })
  })
})
