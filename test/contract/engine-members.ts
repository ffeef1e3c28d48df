import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../src/config/types.js'
import type { DbType } from '../../src/engines/catalog.js'
import { seedShop as seedMariaDb, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { freePort } from '../support/ports.js'
import { seedShop as seedPostgres, startPostgres, type PostgresServer } from '../support/postgres.js'
import { seedRedis, startRedis, type RedisServer } from '../support/redis.js'
import { isRoot, run, runOk } from '../support/run.js'

/**
 * The members of the engine contract (test/contract/engine.test.ts): each database engine with a
 * throwaway server of its own, a seeded source database, and fresh targets to restore into. An
 * engine whose server is not installed says so (`absent`), and its tests are skipped with that
 * reason: the same suite runs them wherever the server is there.
 */

export interface EngineMember {
  name: string
  type: DbType
  /** Why the engine cannot run here (its server or tools are not installed); undefined where it can. Synchronous: it decides which tests run. */
  absent(): string | undefined
  start(): Promise<void>
  stop(): Promise<void>
  /** The seeded source database. */
  source(): DatabaseConfig
  /** An empty database (or server) to restore into, made for the caller. */
  freshTarget(): Promise<DatabaseConfig>
  /** Changes one value of one object of a restored target (counts kept). */
  alterTarget(target: DatabaseConfig): Promise<void>
}

/** Whether every program is on PATH. */
function onPath(...programs: string[]): boolean {
  return programs.every((program) => spawnSync('sh', ['-c', `command -v "${program}"`], { stdio: 'ignore' }).status === 0)
}

const base = { user: '', password: '', params: {}, urlProtocol: '' }

export function postgresMember(): EngineMember {
  let server: PostgresServer
  let targets = 0
  const config = (name: string): DatabaseConfig => ({ ...base, type: 'postgresql', host: server.host, port: server.port, name, user: server.user, password: server.password })
  return {
    name: 'PostgreSQL',
    type: 'postgresql',
    absent: () => (onPath('pg_dump', 'pg_restore') && spawnSync('sh', ['-c', 'ls /usr/lib/postgresql/*/bin/initdb'], { stdio: 'ignore' }).status === 0 ? undefined : 'no PostgreSQL server (initdb) and client (pg_dump, pg_restore) installed here'),
    async start() {
      server = await startPostgres()
      await seedPostgres(server, 'shop')
      // Another schema, a name that needs quoting, and a table without rows.
      await server.sql('shop', `CREATE SCHEMA "Odd Schema"; CREATE TABLE "Odd Schema"."Mixed Case" (id int PRIMARY KEY, v text); INSERT INTO "Odd Schema"."Mixed Case" VALUES (1, E'a\\nb'), (2, 'ü 🐘'); CREATE TABLE empty_table (id int)`)
    },
    stop: async () => server?.stop(),
    source: () => config('shop'),
    async freshTarget() {
      const name = `target_${++targets}`
      await server.sql('postgres', `CREATE DATABASE ${name}`)
      return config(name)
    },
    alterTarget: async (target) => void (await server.sql(target.name, "UPDATE customers SET name = 'customer Z' WHERE id = 7"))
  }
}

export function mariadbMember(): EngineMember {
  let server: MariaDbServer
  let targets = 0
  const config = (name: string): DatabaseConfig => ({ ...base, type: 'mariadb', host: server.host, port: server.port, name, user: server.user, password: server.password })
  return {
    name: 'MariaDB (the mariadb engine)',
    type: 'mariadb',
    absent: () => (onPath('mariadbd', 'mariadb-install-db', 'mariadb', 'mariadb-dump') ? undefined : 'no MariaDB server (mariadbd) and client (mariadb, mariadb-dump) installed here'),
    async start() {
      server = await startMariaDb()
      await seedMariaDb(server, 'shop')
    },
    stop: async () => server?.stop(),
    source: () => config('shop'),
    async freshTarget() {
      const name = `target_${++targets}`
      await server.sql('mysql', `CREATE DATABASE ${name}`)
      return config(name)
    },
    alterTarget: async (target) => void (await server.sql(target.name, "UPDATE customers SET name = 'customer Z' WHERE id = 7"))
  }
}

export function redisMember(): EngineMember {
  let server: RedisServer
  const targets: RedisServer[] = []
  const config = (target: RedisServer): DatabaseConfig => ({ ...base, type: 'redis', host: target.host, port: target.port, name: '', password: target.password })
  return {
    name: 'Redis',
    type: 'redis',
    absent: () => (onPath('redis-server', 'redis-cli', 'redis-check-rdb') ? undefined : 'no Redis server (redis-server, redis-check-rdb) and redis-cli installed here'),
    async start() {
      server = await startRedis()
      await seedRedis(server, 1500)
      // Keys in another database than db0, and one with a TTL.
      await server.cli('-n', '3', 'SET', 'in-db-3', 'three')
      await server.cli('-n', '3', 'RPUSH', 'list-3', 'a', 'b')
      await server.cli('SET', 'session:a', 'expiring', 'EX', '3600')
    },
    async stop() {
      await Promise.all(targets.splice(0).map((target) => target.stop()))
      await server?.stop()
    },
    source: () => config(server),
    // A Redis target is a whole server: a fresh one each time.
    async freshTarget() {
      const target = await startRedis()
      targets.push(target)
      return config(target)
    },
    async alterTarget(target) {
      const server = targets.find((candidate) => candidate.port === target.port) as RedisServer
      await server.cli('SETRANGE', 'key:7', '0', 'Z')
    }
  }
}

/** A throwaway mongod without access control, on a free port, in a temporary directory. */
export function mongodbMember(): EngineMember {
  let child: ChildProcess | undefined
  let dir = ''
  let port = 0
  let targets = 0
  const config = (name: string): DatabaseConfig => ({ ...base, type: 'mongodb', host: '127.0.0.1', port, name })
  return {
    name: 'MongoDB',
    type: 'mongodb',
    absent: () => (onPath('mongod', 'mongodump', 'mongorestore') ? undefined : 'MongoDB is not installed here (no mongod, mongodump and mongorestore on PATH)'),
    async start() {
      dir = await mkdtemp(join(tmpdir(), 'contract-mongod-'))
      port = await freePort()
      child = spawn('mongod', ['--dbpath', dir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet', '--logpath', join(dir, 'mongod.log')], { stdio: 'ignore' })
      const { MongoClient } = await import('mongodb')
      const client = new MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true&serverSelectionTimeoutMS=60000`)
      try {
        await client.connect()
        const shop = client.db('shop')
        await shop.collection<{ _id: number }>('customers').insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i, name: `customer ${i}`, tags: ['a', String(i % 7)], address: { city: 'Lyon', zip: 69000 + i } })))
        await shop.collection('orders').insertMany(Array.from({ length: 120 }, (_, i) => ({ customer: i % 300, total: i * 1.25, paid: i % 2 === 0, note: null })))
        await shop.collection<{ _id: string }>('empty').insertOne({ _id: 'x' })
        await shop.collection<{ _id: string }>('empty').deleteMany({})
      } finally {
        await client.close()
      }
    },
    async stop() {
      if (child && child.exitCode === null) {
        const exited = new Promise((done) => child?.once('exit', done))
        child.kill('SIGTERM')
        await exited
      }
      if (dir) await rm(dir, { recursive: true, force: true })
    },
    source: () => config('shop'),
    freshTarget: async () => config(`target_${++targets}`),
    async alterTarget(target) {
      const { MongoClient } = await import('mongodb')
      const client = new MongoClient(`mongodb://127.0.0.1:${port}/?directConnection=true`)
      try {
        await client.connect()
        await client.db(target.name).collection<{ _id: number }>('customers').updateOne({ _id: 7 }, { $set: { name: 'customer Z' } })
      } finally {
        await client.close()
      }
    }
  }
}

/** Whether `mysqld` is Oracle MySQL (Debian's mysqld is MariaDB's). */
function oracleMysqld(): boolean {
  const version = spawnSync('mysqld', ['--version'], { encoding: 'utf8' })
  return version.status === 0 && /\bVer\s+[89]\.|\bVer\s+\d\d\./.test(version.stdout) && !/MariaDB/i.test(version.stdout)
}

/** A throwaway Oracle MySQL (8.0 and later) on a free port, root over its socket, a test user over TCP. */
export function mysqlMember(): EngineMember {
  let child: ChildProcess | undefined
  let dir = ''
  let port = 0
  let socket = ''
  let targets = 0
  const user = 'backup_admin'
  const password = `pw-${Math.random().toString(36).slice(2)}-S3cret!`
  const config = (name: string): DatabaseConfig => ({ ...base, type: 'mysql', host: '127.0.0.1', port, name, user, password })
  const sql = (database: string, text: string): Promise<string> => runOk('mysql', ['--no-defaults', `--socket=${socket}`, '-uroot', '--batch', '--skip-column-names', `--execute=${text}`, database])
  return {
    name: 'MySQL (Oracle)',
    type: 'mysql',
    absent: () => (oracleMysqld() && onPath('mysql', 'mysqldump') ? undefined : 'Oracle MySQL is not installed here (no mysqld of MySQL 8 or later, with mysql and mysqldump, on PATH; Debian\'s mysqld is MariaDB\'s)'),
    async start() {
      dir = await mkdtemp(join(tmpdir(), 'contract-mysql-'))
      if (isRoot) {
        const uid = Number((await runOk('id', ['-u', 'mysql'])).trim())
        const gid = Number((await runOk('id', ['-g', 'mysql'])).trim())
        await chown(dir, uid, gid)
      }
      const dataDir = join(dir, 'data')
      socket = join(dir, 'mysqld.sock')
      port = await freePort()
      const asMysql = isRoot ? ['--user=mysql'] : []
      await runOk('mysqld', ['--no-defaults', '--initialize-insecure', `--datadir=${dataDir}`, ...asMysql])
      child = spawn(
        'mysqld',
        ['--no-defaults', `--datadir=${dataDir}`, ...asMysql, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${socket}`, `--pid-file=${join(dir, 'mysqld.pid')}`, `--log-error=${join(dir, 'error.log')}`, '--skip-log-bin', '--mysqlx=OFF'],
        { stdio: 'ignore' }
      )
      for (let attempt = 0; ; attempt++) {
        if (child.exitCode !== null) throw new Error(`mysqld exited while starting:\n${await readFile(join(dir, 'error.log'), 'utf8').catch(() => '')}`)
        if ((await run('mysqladmin', ['--no-defaults', `--socket=${socket}`, '-uroot', 'ping'])).code === 0) break
        if (attempt > 1200) throw new Error('mysqld did not answer within two minutes')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      await sql('mysql', `CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'; GRANT ALL ON *.* TO '${user}'@'%'`)
      await sql('mysql', 'CREATE DATABASE shop')
      await sql(
        'shop',
        `SET SESSION cte_max_recursion_depth = 5000;
         CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(100) UNIQUE, photo BLOB) ENGINE=InnoDB;
         CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, customer_id INT, total DECIMAL(10,2), note TEXT, FOREIGN KEY (customer_id) REFERENCES customers(id)) ENGINE=InnoDB;
         CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
         INSERT INTO customers (name, email, photo) WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 250) SELECT CONCAT('customer ', n), CONCAT('c', n, '@example.test'), UNHEX(MD5(n)) FROM seq;
         INSERT INTO orders (customer_id, total, note) WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 1200) SELECT 1 + n % 250, n * 1.25, CONCAT('deliver ', n) FROM seq;`
      )
    },
    async stop() {
      if (child && child.exitCode === null) {
        const exited = new Promise((done) => child?.once('exit', done))
        child.kill('SIGTERM')
        await exited
      }
      if (dir) await rm(dir, { recursive: true, force: true })
    },
    source: () => config('shop'),
    async freshTarget() {
      const name = `target_${++targets}`
      await sql('mysql', `CREATE DATABASE ${name}`)
      return config(name)
    },
    alterTarget: async (target) => void (await sql(target.name, "UPDATE customers SET name = 'customer Z' WHERE id = 7"))
  }
}
