import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { seedShop as seedMaria, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { startPostgres, type PostgresServer } from '../support/postgres.js'
import { keyCount, startRedis } from '../support/redis.js'
import { clientPath, scratch, connectionInputs } from '../support/e2e.js'
import { backup, expectRestoreFailed, restore } from '../support/restore.js'

/**
 * A restore touches only its target. An attacker who can write the bucket writes a backup that
 * acts on another database of the same server: the restore refuses it before anything runs.
 */

let maria: MariaDbServer
let pg: PostgresServer

beforeAll(async () => {
  ;[maria, pg] = await Promise.all([startMariaDb(), startPostgres()])
  await seedMaria(maria, 'shop', 50)
  await maria.sql('mysql', 'CREATE DATABASE prod')
  await maria.sql('prod', 'CREATE TABLE orders (id INT PRIMARY KEY); INSERT INTO orders VALUES (1), (2), (3)')
})

afterAll(async () => {
  await maria?.stop()
  await pg?.stop()
})

/** What the attacker does: replaces the stored backup's bytes and writes the SHA-256 record to match. */
async function plant(store: string, key: string, content: string): Promise<void> {
  await writeFile(join(store, key), content)
  await writeFile(join(store, `${key}.sha256`), `${createHash('sha256').update(content).digest('hex')}  ${key}\n`)
}

describe('MariaDB: a dump that names another database is refused before anything runs', () => {
  test('a planted DROP TABLE `prod`.`orders` restored into drill: prod keeps its table, the error names the line', async () => {
    const store = await scratch('store')
    const inputs = (database: string): Record<string, string> => ({
      ...connectionInputs('mariadb', maria, database),
      'backup-name': 'shop',
      compression: 'none',
      notify: 'console,file',
      'storage-type': 'local',
      path: store
    })
    const made = await backup(inputs('shop'))
    const key = made.outputs['backup-key']
    const lines = (await readFile(join(store, key), 'utf8')).split('\n')
    // Between the first table and the second: on old code the first table was made before prod's was dropped.
    const tables = lines.flatMap((line, index) => (line.startsWith('-- Table structure for table') ? [index] : []))
    const at = tables[1]
    lines.splice(at, 0, 'DROP TABLE IF EXISTS `prod`.`orders`;')
    await plant(store, key, lines.join('\n'))

    await maria.sql('mysql', 'CREATE DATABASE drill')
    const { run, record } = await restore(inputs('drill'))
    expectRestoreFailed(run, record, 'restore-database', new RegExp(`line ${at + 1}: "DROP TABLE IF EXISTS \`prod\`\\.\`orders\`" names the database \`prod\``))
    expect(await maria.sql('prod', 'SELECT COUNT(*) FROM orders')).toBe('3\n')
    // Nothing of the dump ran: not even the tables before the planted line.
    expect(await maria.sql('mysql', "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'drill'")).toBe('0\n')
  })
})

describe('PostgreSQL: an archive that would act on roles is refused before anything runs', () => {
  test('a genuine pg_dump whose check calls a function that creates a role: no role, no table, the error names the line', async () => {
    // The attacker's own database, dumped with the real pg_dump: loading the rows on restore checks each, running the function.
    await pg.sql('postgres', 'CREATE DATABASE planted')
    await pg.sql(
      'planted',
      `CREATE FUNCTION plant(x int) RETURNS int LANGUAGE plpgsql AS $body$
       BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'intruder') THEN
           CREATE ROLE intruder SUPERUSER LOGIN PASSWORD 'owned';
         END IF;
         RETURN x;
       END
       $body$;
       CREATE TABLE accounts (id int PRIMARY KEY CHECK (plant(id) > 0));
       INSERT INTO accounts SELECT generate_series(1, 10);`
    )
    await pg.sql('postgres', 'DROP ROLE intruder')
    const store = await scratch('store')
    const inputs = (database: string): Record<string, string> => ({
      ...connectionInputs('postgresql', pg, database),
      'backup-name': 'planted',
      notify: 'console,file',
      'storage-type': 'local',
      path: store
    })
    await backup(inputs('planted'), clientPath(pg))

    await pg.sql('postgres', 'CREATE DATABASE drill')
    const { run, record } = await restore(inputs('drill'), clientPath(pg))
    expectRestoreFailed(run, record, 'restore-database', /line \d+: "CREATE FUNCTION public\.plant\(x integer\).*" creates a role \(CREATE ROLE\)/)
    expect(await pg.sql('postgres', "SELECT count(*) FROM pg_roles WHERE rolname = 'intruder'")).toBe('0\n')
    expect(await pg.sql('drill', "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).toBe('0\n')
  })
})

describe('Redis: a backup with keys in a database the target does not have', () => {
  test('is refused before any key is copied, naming the database', async () => {
    const source = await startRedis()
    const target = await startRedis({ config: ['databases 4'] })
    try {
      await source.cli('SET', 'in-db-0', 'zero')
      await source.cli('-n', '5', 'SET', 'in-db-5', 'five')
      const store = await scratch('store')
      const inputs = (server: typeof source): Record<string, string> => ({
        'db-type': 'redis',
        'db-host': server.host,
        'db-port': String(server.port),
        'db-password': server.password,
        'backup-name': 'cache',
        notify: 'console,file',
        'storage-type': 'local',
        path: store
      })
      await backup(inputs(source))
      const { run, record } = await restore(inputs(target))
      expectRestoreFailed(run, record, 'restore-database', /keys in database 5 \(SELECT 5\), but the target has databases 0 to 3 \(databases 4\)/)
      // Not even database 0, which the target has, was written.
      expect(await keyCount(target)).toBe(0)
    } finally {
      await source.stop()
      await target.stop()
    }
  })
})
