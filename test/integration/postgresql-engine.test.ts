import { mkdtemp, open, stat, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../src/config/types.js'
import { postgresql } from '../../src/engines/postgresql.js'
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
