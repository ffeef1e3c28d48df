import { mkdtemp, open, readFile, stat, symlink, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Compression, DatabaseConfig } from '../../src/config/types.js'
import type { Snapshot } from '../../src/engines/types.js'
import { compressionOf } from '../../src/util/compression.js'
import { runOk } from '../support/run.js'
import { postgresql } from '../../src/engines/postgresql/engine.js'
import { CopyRowCounter } from '../../src/engines/postgresql/content.js'
import { restoreCheck } from '../../src/engines/postgresql/restore-check.js'
import { verifyIntegrity } from '../../src/actions/backup/verify-integrity.js'
import { parseConfig } from '../../src/config/parse.js'
import { Inputs } from '../../src/constants.js'
import { hashFile } from '../../src/util/files.js'
import { rowCounts, seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'

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

const ZSTD: Compression = { name: 'zstd', level: 1 }

async function dump(compression: Compression = ZSTD): Promise<Snapshot & { workDir: string }> {
  const workDir = await mkdtemp(join(tmpdir(), 'pg-engine-'))
  const fileName = `shop.${postgresql.fileExtension(compression)}`
  const snapshot = await postgresql.snapshot({ database, workDir, fileName, timeoutMs: 60_000, compression })
  return { ...snapshot, workDir }
}

function verify(file: string, workDir: string) {
  return postgresql.verify({ database, file, workDir, timeoutMs: 60_000 })
}

/** A directory with a `zstd` that writes what the real one writes, less its last 100 bytes. */
async function truncatingZstd(): Promise<string> {
  const binDir = await mkdtemp(join(tmpdir(), 'cut-zstd-'))
  const real = (await runOk('sh', ['-c', 'command -v zstd'])).trim()
  await writeFile(join(binDir, 'zstd'), `#!/bin/sh\n"${real}" "$@" | head -c -100\n`, { mode: 0o755 })
  return binDir
}

async function withPathFirst<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH
  process.env.PATH = `${dir}:${saved}`
  try {
    return await work()
  } finally {
    process.env.PATH = saved
  }
}

describe('PostgreSQL engine', () => {
  test('zstd (the default): the archive piped through zstd, hashed as written and read through by pg_restore at the same time', async () => {
    const snapshot = await dump()
    expect(snapshot.file).toMatch(/shop\.dump\.zst$/)
    expect(await hashFile(snapshot.file)).toEqual({ sha256: snapshot.sha256, sizeBytes: snapshot.sizeBytes })
    expect((await stat(snapshot.file)).mode & 0o777).toBe(0o600)
    expect(compressionOf(await readFile(snapshot.file))).toBe('zstd')
    expect(snapshot.figures.compression).toMatch(/^zstd level 1 \(.*zstd, all cores\)$/)
    expect(snapshot.readThrough).toEqual({
      figures: { 'read through': 'pg_restore --file=/dev/null, every zstd frame and checksum', 'tables with data': 3 }
    })
    expect(await verify(snapshot.file, snapshot.workDir)).toEqual(('figures' in snapshot.readThrough! && snapshot.readThrough.figures) || {})
  })

  test('the zstd file restores with zstd -dc | pg_restore into a fresh database, every row there', async () => {
    const snapshot = await dump()
    await server.sql('postgres', 'CREATE DATABASE shop_restored')
    await runOk('sh', ['-c', `zstd -dc "$1" | "$2" --no-owner -h ${server.host} -p ${server.port} -U ${server.user} -d shop_restored`, 'sh', snapshot.file, join(server.binDir, 'pg_restore')], {
      env: { ...process.env, PGPASSWORD: server.password }
    })
    expect(await rowCounts(server, 'shop_restored')).toEqual(await rowCounts(server, 'shop'))
  })

  test('without the zstd program, Node.js compresses: the same archive, said in the figures', async () => {
    const binDir = await mkdtemp(join(tmpdir(), 'no-zstd-'))
    for (const tool of ['pg_dump', 'pg_restore']) await symlink(join(server.binDir, tool), join(binDir, tool))
    const saved = process.env.PATH
    process.env.PATH = binDir
    try {
      const snapshot = await dump()
      expect(snapshot.figures.compression).toBe('zstd level 1 (Node.js zlib)')
      expect(snapshot.readThrough).toMatchObject({ figures: { 'tables with data': 3 } })
    } finally {
      process.env.PATH = saved
    }
    const snapshot = await dump()
    expect((await runOk('sh', ['-c', `zstd -t "$1" && echo fine`, 'sh', snapshot.file])).trim()).toBe('fine')
  })

  test('gzip and none stay inside pg_dump: a .dump archive pg_restore reads directly', async () => {
    const gzip = await dump({ name: 'gzip', level: 6 })
    const none = await dump({ name: 'none', level: 0 })
    expect(gzip.file).toMatch(/shop\.dump$/)
    expect(gzip.figures.compression).toBe('gzip level 6 (pg_dump, inside the archive)')
    expect(gzip.sizeBytes).toBeLessThan(none.sizeBytes / 2)
    for (const snapshot of [gzip, none]) {
      expect((await readFile(snapshot.file)).subarray(0, 5).toString()).toBe('PGDMP')
      expect(snapshot.readThrough).toMatchObject({ figures: { 'tables with data': 3 } })
      expect(await verify(snapshot.file, snapshot.workDir)).toMatchObject({ 'read through': 'pg_restore --file=/dev/null' })
    }
  })

  test('a zstd file cut short or with a changed byte fails verification', async () => {
    const snapshot = await dump()
    const bytes = await readFile(snapshot.file)
    const cut = join(snapshot.workDir, 'cut.dump.zst')
    await writeFile(cut, bytes.subarray(0, bytes.length - 100))
    await expect(verify(cut, snapshot.workDir)).rejects.toThrow(/the zstd stream ends inside a frame: it was cut short/)
    const changed = Buffer.from(bytes)
    changed[Math.floor(changed.length / 2)] ^= 0x55
    const damaged = join(snapshot.workDir, 'damaged.dump.zst')
    await writeFile(damaged, changed)
    await expect(verify(damaged, snapshot.workDir)).rejects.toThrow(/[Cc]orrupt|checksum|pg_restore/)
  })

  test('a native archive cut short in its data fails verification, though its table of contents still lists', async () => {
    const snapshot = await dump({ name: 'none', level: 0 })
    await truncate(snapshot.file, Math.floor(snapshot.sizeBytes * 0.6))
    await expect(verify(snapshot.file, snapshot.workDir)).rejects.toThrow(/pg_restore reading the whole archive exited with code 1/)
  })

  test('a file without the PGDMP signature fails verification', async () => {
    const snapshot = await dump({ name: 'none', level: 0 })
    const handle = await open(snapshot.file, 'r+')
    await handle.write(Buffer.from('XXXXX'), 0, 5, 0)
    await handle.close()
    await expect(verify(snapshot.file, snapshot.workDir)).rejects.toThrow(/PGDMP signature/)
  })

  test('a zstd stream cut short while it is written fails the read-through, and verify-integrity fails with it', async () => {
    const snapshot = await withPathFirst(await truncatingZstd(), () => dump())
    expect(snapshot.readThrough).toEqual({ error: expect.stringMatching(/zstd stream ends inside a frame/) })
    const config = parseConfig({ ...rawInputs(), 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: '/unused' })
    await expect(verifyIntegrity(config, { ...snapshot, fileName: 'shop.dump.zst', takenAt: new Date() }, snapshot.workDir)).rejects.toThrow(
      /zstd stream ends inside a frame/
    )
  })

  test('verify-integrity rejects a tiny dump and one changed after it was written', async () => {
    const config = parseConfig({ ...rawInputs(), 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: '/unused' })
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
    await expect(verifyIntegrity(config, { ...snapshot, fileName: 'shop.dump.zst', takenAt: new Date() }, snapshot.workDir)).rejects.toThrow(
      /differs from what was written/
    )
  })

  test('a database that does not exist is a clear error', async () => {
    const workDir = await mkdtemp(join(tmpdir(), 'pg-missing-'))
    await expect(
      postgresql.snapshot({ database: { ...database, name: 'no_such_db' }, workDir, fileName: 'x.dump.zst', timeoutMs: 60_000, compression: ZSTD })
    ).rejects.toThrow(/database "no_such_db" does not exist/)
  })
})

function rawInputs(): Record<string, string> {
  return Object.fromEntries(Object.values(Inputs).map((name) => [name, '']))
}

describe('PostgreSQL restore-check', () => {
  test('restores into a scratch database, matches every table\'s rows with the dump, and drops the scratch database', async () => {
    await server.sql('shop', `CREATE SCHEMA "Odd Schema"; CREATE TABLE "Odd Schema"."Mixed Case" (v text); INSERT INTO "Odd Schema"."Mixed Case" VALUES ('a\nb'), ('c')`)
    const snapshot = await dump()
    const figures = await restoreCheck({ database, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })
    expect(figures['restore check']).toBe('content digests: 4 tables, 4452 rows, equal (restored into a scratch database, read back with pg_dump)')
    expect(await server.sql('postgres', "SELECT count(*) FROM pg_database WHERE datname LIKE 'restore_check_%'")).toBe('0\n')
  })

  test('a table without columns (pg_dump writes `COPY public.z  FROM stdin;`, two spaces) passes the check', async () => {
    await server.sql('postgres', 'CREATE DATABASE zero_columns')
    await server.sql('zero_columns', 'CREATE TABLE z (); INSERT INTO z DEFAULT VALUES; INSERT INTO z DEFAULT VALUES; CREATE TABLE t (id int); INSERT INTO t VALUES (1)')
    const zeroColumns = { ...database, name: 'zero_columns' }
    const workDir = await mkdtemp(join(tmpdir(), 'pg-zero-'))
    const snapshot = await postgresql.snapshot({ database: zeroColumns, workDir, fileName: `zero.${postgresql.fileExtension(ZSTD)}`, timeoutMs: 60_000, compression: ZSTD })
    const figures = await restoreCheck({ database: zeroColumns, file: snapshot.file, workDir, timeoutMs: 60_000 })
    expect(figures['restore check']).toBe('content digests: 2 tables, 3 rows, equal (restored into a scratch database, read back with pg_dump)')
  })

  test('a LATIN1 database with a non-ASCII table name passes the check, its scratch database in LATIN1 too', async () => {
    await server.sql('postgres', "CREATE DATABASE latin TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'")
    await server.sql('latin', `CREATE TABLE "größe" (v text); INSERT INTO "größe" VALUES ('ü'), ('déjà vu')`)
    const latin = { ...database, name: 'latin' }
    const workDir = await mkdtemp(join(tmpdir(), 'pg-latin-'))
    const snapshot = await postgresql.snapshot({ database: latin, workDir, fileName: `latin.${postgresql.fileExtension(ZSTD)}`, timeoutMs: 60_000, compression: ZSTD })
    const figures = await restoreCheck({ database: latin, file: snapshot.file, workDir, timeoutMs: 60_000 })
    expect(figures['restore check']).toBe('content digests: 1 table, 2 rows, equal (restored into a scratch database, read back with pg_dump)')
  })

  test('a restore that fails in the scratch database fails the check, and the scratch database is still dropped', async () => {
    // The rows were checked by the function as it was; the dump holds it as it is now, which refuses them.
    await server.sql('postgres', 'CREATE DATABASE refused_rows')
    await server.sql(
      'refused_rows',
      `CREATE FUNCTION small(int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 < 100';
       CREATE TABLE customers (id int CHECK (small(id))); INSERT INTO customers VALUES (1);
       CREATE OR REPLACE FUNCTION small(int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 < 0'`
    )
    const refused = { ...database, name: 'refused_rows' }
    const workDir = await mkdtemp(join(tmpdir(), 'pg-refused-'))
    const snapshot = await postgresql.snapshot({ database: refused, workDir, fileName: `refused.${postgresql.fileExtension(ZSTD)}`, timeoutMs: 60_000, compression: ZSTD })
    await expect(restoreCheck({ database: refused, file: snapshot.file, workDir, timeoutMs: 60_000 })).rejects.toThrow(
      /restoring into the scratch database: pg_restore exited with code 1: .*violates check constraint "customers_id_check"/
    )
    expect(await server.sql('postgres', "SELECT count(*) FROM pg_database WHERE datname LIKE 'restore_check_%'")).toBe('0\n')
  })

  test('a restore that changes one byte of one value, every count kept, fails the check naming the table and the row by its key', async () => {
    const snapshot = await dump()
    const binDir = await mkdtemp(join(tmpdir(), 'altering-pg-restore-'))
    const real = (await runOk('sh', ['-c', 'command -v pg_restore'])).trim()
    const psqlPath = (await runOk('sh', ['-c', 'command -v psql'])).trim()
    // Restores as the real one does, then, when it restored into a database, changes one letter of customer 7's name.
    await writeFile(
      join(binDir, 'pg_restore'),
      `#!/bin/sh\n"${real}" "$@" || exit $?\nfor a in "$@"; do case "$a" in --dbname=*) conn="\${a#--dbname=}";; esac; done\n` +
        `[ -z "$conn" ] || "${psqlPath}" -q -X -d "$conn" -c "UPDATE customers SET name = overlay(name placing 'Z' from 1 for 1) WHERE id = 7" >/dev/null\n`,
      { mode: 0o755 }
    )
    await expect(withPathFirst(binDir, () => restoreCheck({ database, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 }))).rejects.toThrow(
      // Of the two versions of the row, the one named is the one whose hash sorts first.
      /^the restored database differs from the dump: public\.customers: the rows differ in content \(first difference: the row \(id\)=\(7\) of the (backup, which the target does not hold as it was|target, which the backup does not hold)\)$/
    )
    expect(await server.sql('postgres', "SELECT count(*) FROM pg_database WHERE datname LIKE 'restore_check_%'")).toBe('0\n')
  })

  test('restore-check source: the archive equals the source read in the dump\'s own snapshot, even with a row committed while it dumps', async () => {
    const binDir = await mkdtemp(join(tmpdir(), 'late-writer-pg-dump-'))
    const real = (await runOk('sh', ['-c', 'command -v pg_dump'])).trim()
    const psqlPath = (await runOk('sh', ['-c', 'command -v psql'])).trim()
    // A write committed after the snapshot was exported and before pg_dump starts: in neither the dump nor the source read.
    await writeFile(
      join(binDir, 'pg_dump'),
      `#!/bin/sh\nfor a in "$@"; do case "$a" in --dbname=*) conn="\${a#--dbname=}";; esac; done\n` +
        `"${psqlPath}" -q -X -d "$conn" -c "INSERT INTO customers (name) VALUES ('late')" >/dev/null || exit 1\nexec "${real}" "$@"\n`,
      { mode: 0o755 }
    )
    const workDir = await mkdtemp(join(tmpdir(), 'pg-source-'))
    const before = await rowCounts(server, 'shop')
    const snapshot = await withPathFirst(binDir, () => postgresql.snapshot({ database, workDir, fileName: 'shop.dump.zst', timeoutMs: 60_000, compression: ZSTD, readSource: true }))
    expect(snapshot.readThrough).toMatchObject({ figures: { 'source check': expect.stringMatching(/^content digests: \d+ tables, \d+ rows, equal \(the source read in the dump's snapshot\)$/) } })
    expect(snapshot.figures.command).toMatch(/--snapshot=[0-9A-F]+-[0-9A-F]+-\d+/)
    expect((await rowCounts(server, 'shop')).customers).toBe(before.customers + 1)
    await server.sql('shop', "DELETE FROM customers WHERE name = 'late'")
  })

  test('restore-check source: a dump tool that changes one byte of one value, its archive still valid, fails the read-through', async () => {
    const binDir = await mkdtemp(join(tmpdir(), 'altering-pg-dump-'))
    const real = (await runOk('sh', ['-c', 'command -v pg_dump'])).trim()
    // zstd: pg_dump writes its archive uncompressed, so the same-length change keeps every block valid.
    await writeFile(join(binDir, 'pg_dump'), `#!/bin/sh\n"${real}" "$@" | LC_ALL=C sed 's/c77@example/c77@exbmple/'\n`, { mode: 0o755 })
    const workDir = await mkdtemp(join(tmpdir(), 'pg-source-altered-'))
    const snapshot = await withPathFirst(binDir, () => postgresql.snapshot({ database, workDir, fileName: 'shop.dump.zst', timeoutMs: 60_000, compression: ZSTD, readSource: true }))
    expect(snapshot.readThrough).toEqual({
      error: 'the dump differs from the database it was taken from, read in the same snapshot: public.customers: the rows differ in content'
    })
    // Without the source read, the same archive passes every other check: it is a valid archive of other data.
    expect(await verify(snapshot.file, workDir)).toMatchObject({ 'tables with data': expect.any(Number) })
  })

  test('a user who may not create databases is told so', async () => {
    const snapshot = await dump()
    await server.sql('postgres', "CREATE ROLE reader LOGIN PASSWORD 'reader-pw-123'")
    await expect(
      restoreCheck({ database: { ...database, user: 'reader', password: 'reader-pw-123' }, file: snapshot.file, workDir: snapshot.workDir, timeoutMs: 60_000 })
    ).rejects.toThrow(/could not create the scratch database restore_check_[0-9a-f]{8} \(the user needs CREATEDB\): .*permission denied to create database/)
  })

  test('counts COPY rows per table across chunk boundaries', () => {
    const counter = new CopyRowCounter()
    const script = 'SET x = 1;\nCOPY public.a (id) FROM stdin;\n1\n2\n\\.\nCOPY "S"."T q" (v) FROM stdin;\nx\\ny\n\\.\nCOPY public.empty (id) FROM stdin;\n\\.\n'
    for (let at = 0; at < script.length; at += 7) counter.push(Buffer.from(script.slice(at, at + 7)))
    expect(Object.fromEntries(counter.rows)).toEqual({ 'public.a': 2, '"S"."T q"': 1, 'public.empty': 0 })
  })
})
