import { chmod, chown, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './ports.js'
import { isRoot, run, runOk } from './run.js'

/** The newest PostgreSQL server installed from Debian's packages (/usr/lib/postgresql/<major>/bin). */
export async function postgresBinDir(): Promise<string> {
  const root = '/usr/lib/postgresql'
  const majors = (await readdir(root)).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a))
  for (const major of majors) if (existsSync(join(root, major, 'bin', 'initdb'))) return join(root, major, 'bin')
  throw new Error('no PostgreSQL server found under /usr/lib/postgresql: apt-get install postgresql')
}

export interface PostgresServer {
  host: string
  port: number
  user: string
  password: string
  binDir: string
  /** Runs SQL as the superuser in a database and returns psql's unaligned output. */
  sql(database: string, sql: string): Promise<string>
  stop(): Promise<void>
}

/**
 * A throwaway PostgreSQL on a free port of 127.0.0.1, with scram-sha-256 password authentication
 * only, so that a wrong password really fails. As root, it runs as the postgres user.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const binDir = await postgresBinDir()
  const dir = await mkdtemp(join(tmpdir(), 'pg-test-'))
  const dataDir = join(dir, 'data')
  const user = 'backup_admin'
  const password = `pw-${Math.random().toString(36).slice(2)}-S3cret!`
  const port = await freePort()
  const pwfile = join(dir, 'pwfile')
  await writeFile(pwfile, `${password}\n`)
  const asServerUser = async (command: string, args: string[]): Promise<string> => {
    if (!isRoot) return runOk(command, args)
    return runOk('runuser', ['-u', 'postgres', '--', command, ...args])
  }
  if (isRoot) {
    const { uid, gid } = await postgresIds()
    await chown(dir, uid, gid)
    await chown(pwfile, uid, gid)
  }
  await chmod(dir, 0o700)
  await asServerUser(join(binDir, 'initdb'), ['-D', dataDir, '-U', user, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C'])
  await asServerUser(join(binDir, 'pg_ctl'), [
    '-D', dataDir, '-l', join(dir, 'server.log'), '-w', '-t', '60',
    '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`, 'start'
  ])
  const server: PostgresServer = {
    host: '127.0.0.1',
    port,
    user,
    password,
    binDir,
    async sql(database, sql) {
      return runOk(join(binDir, 'psql'), ['-X', '-v', 'ON_ERROR_STOP=1', '-At', '-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-c', sql], {
        env: { ...process.env, PGPASSWORD: password }
      })
    },
    async stop() {
      await run(isRoot ? 'runuser' : join(binDir, 'pg_ctl'), [
        ...(isRoot ? ['-u', 'postgres', '--', join(binDir, 'pg_ctl')] : []),
        '-D', dataDir, '-m', 'immediate', '-w', 'stop'
      ])
      await rm(dir, { recursive: true, force: true })
    }
  }
  return server
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await runOk('id', ['-u', 'postgres'])).trim())
  const gid = Number((await runOk('id', ['-g', 'postgres'])).trim())
  return { uid, gid }
}

/** Creates a database with a few tables and rows; returns the row count of each table. */
export async function seedShop(server: PostgresServer, database: string): Promise<Record<string, number>> {
  await server.sql('postgres', `CREATE DATABASE ${database}`)
  await server.sql(
    database,
    `CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE);
     CREATE TABLE orders (id serial PRIMARY KEY, customer_id int REFERENCES customers(id), total numeric(10,2), placed_at timestamptz DEFAULT now());
     CREATE TABLE events (id bigserial PRIMARY KEY, payload jsonb);
     INSERT INTO customers (name, email) SELECT 'customer ' || g, 'c' || g || '@example.test' FROM generate_series(1, 250) g;
     INSERT INTO orders (customer_id, total) SELECT 1 + (g % 250), g * 1.25 FROM generate_series(1, 1200) g;
     INSERT INTO events (payload) SELECT jsonb_build_object('n', g, 'text', md5(g::text)) FROM generate_series(1, 3000) g;`
  )
  return rowCounts(server, database)
}

export async function rowCounts(server: PostgresServer, database: string): Promise<Record<string, number>> {
  const out = await server.sql(
    database,
    `SELECT 'customers', count(*) FROM customers UNION ALL SELECT 'orders', count(*) FROM orders UNION ALL SELECT 'events', count(*) FROM events`
  )
  return Object.fromEntries(out.trim().split('\n').map((line) => {
    const [table, count] = line.split('|')
    return [table, Number(count)]
  }))
}
