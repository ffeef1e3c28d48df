import { spawn, type ChildProcess } from 'node:child_process'
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './ports.js'
import { isRoot, run, runOk } from './run.js'

export interface MariaDbServer {
  host: string
  port: number
  /** A user with every privilege, who logs in with `password` over TCP. */
  user: string
  password: string
  socket: string
  /** Runs SQL as root over the socket and returns the tab-separated rows. */
  sql(database: string, sql: string): Promise<string>
  /** Runs a SQL script (a restored dump) as root into a database. */
  load(database: string, script: string): Promise<void>
  stop(): Promise<void>
}

/** A SQL string literal: backslash and quote escaped, as MariaDB reads them by default. */
export function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

async function mysqlIds(): Promise<{ uid: number; gid: number }> {
  return { uid: Number((await runOk('id', ['-u', 'mysql'])).trim()), gid: Number((await runOk('id', ['-g', 'mysql'])).trim()) }
}

async function waitUntilReady(socket: string, server: ChildProcess, errorLog: string): Promise<void> {
  let exited = false
  server.once('exit', () => (exited = true))
  for (let attempt = 0; attempt < 600; attempt++) {
    if (exited) throw new Error(`mariadbd exited while starting:\n${await readFile(errorLog, 'utf8').catch(() => '')}`)
    const ping = await run('mariadb-admin', ['--no-defaults', `--socket=${socket}`, '-uroot', 'ping'])
    if (ping.code === 0) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`mariadbd did not answer within a minute:\n${await readFile(errorLog, 'utf8').catch(() => '')}`)
}

export interface MariaDbOptions {
  /** Server options added after the defaults (a later one wins): `--max-allowed-packet=256M`, `--sql-mode=...`. */
  serverArgs?: string[]
}

/**
 * A throwaway MariaDB on a free port of 127.0.0.1 with its data in a temporary directory. Root
 * logs in over the private socket only; the test user needs its password over TCP. As root, the
 * server runs as the mysql user (mariadbd refuses to run as root).
 */
export async function startMariaDb(
  password = `pw-${Math.random().toString(36).slice(2)}-#"q\\x'y z!`,
  { serverArgs = [] }: MariaDbOptions = {}
): Promise<MariaDbServer> {
  const dir = await mkdtemp(join(tmpdir(), 'mariadb-test-'))
  const dataDir = join(dir, 'data')
  const socket = join(dir, 'mysqld.sock')
  const errorLog = join(dir, 'error.log')
  const port = await freePort()
  const asMysql = isRoot ? ['--user=mysql'] : []
  if (isRoot) {
    const { uid, gid } = await mysqlIds()
    await chown(dir, uid, gid)
  }
  await runOk('mariadb-install-db', [
    '--no-defaults',
    `--datadir=${dataDir}`,
    ...asMysql,
    '--auth-root-authentication-method=normal',
    '--skip-test-db'
  ])
  const server = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      ...asMysql,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${socket}`,
      `--pid-file=${join(dir, 'mariadbd.pid')}`,
      `--log-error=${errorLog}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=64M',
      '--innodb-flush-log-at-trx-commit=0',
      '--event-scheduler=OFF',
      ...serverArgs
    ],
    { stdio: 'ignore' }
  )
  const stopped = new Promise<void>((resolve) => server.once('exit', () => resolve()))
  await waitUntilReady(socket, server, errorLog)

  const rootArgs = ['--no-defaults', `--socket=${socket}`, '-uroot']
  const user = 'backup_admin'
  const mariadb: MariaDbServer = {
    host: '127.0.0.1',
    port,
    user,
    password,
    socket,
    async sql(database, sql) {
      return runOk('mariadb', [...rootArgs, '--batch', '--skip-column-names', `--execute=${sql}`, database])
    },
    async load(database, script) {
      await runOk('mariadb', [...rootArgs, database], { input: script })
    },
    async stop() {
      server.kill('SIGTERM')
      await stopped
      await rm(dir, { recursive: true, force: true })
    }
  }
  await mariadb.sql('mysql', `CREATE USER '${user}'@'%' IDENTIFIED BY ${sqlString(password)}; GRANT ALL ON *.* TO '${user}'@'%'`)
  return mariadb
}

/**
 * A database with tables, rows, a view, a trigger, a procedure and an event, so that a restored
 * dump shows whether routines, events and triggers came along. Returns each table's row count.
 */
export async function seedShop(server: MariaDbServer, database: string, orders = 1200): Promise<Record<string, number>> {
  await server.sql('mysql', `CREATE DATABASE ${database}`)
  await server.sql(
    database,
    `CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(100) UNIQUE, photo BLOB) ENGINE=InnoDB;
     CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, customer_id INT, total DECIMAL(10,2), note TEXT, placed_at DATETIME DEFAULT CURRENT_TIMESTAMP,
       FOREIGN KEY (customer_id) REFERENCES customers(id)) ENGINE=InnoDB;
     CREATE TABLE audit_log (id INT AUTO_INCREMENT PRIMARY KEY, order_id INT, logged_at DATETIME DEFAULT CURRENT_TIMESTAMP) ENGINE=InnoDB;
     CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW INSERT INTO audit_log (order_id) VALUES (NEW.id);
     CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
     CREATE PROCEDURE customer_count() SELECT COUNT(*) FROM customers;
     CREATE EVENT nightly_cleanup ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM audit_log WHERE logged_at < NOW() - INTERVAL 1 YEAR;
     INSERT INTO customers (name, email, photo) SELECT CONCAT('customer ', seq), CONCAT('c', seq, '@example.test'), UNHEX(MD5(seq)) FROM seq_1_to_250;
     INSERT INTO orders (customer_id, total, note) SELECT 1 + seq % 250, seq * 1.25, CONCAT('deliver ', ELT(1 + seq % 3, 'fast', 'before noon', 'after 5pm')) FROM seq_1_to_${orders};`
  )
  return rowCounts(server, database)
}

export async function rowCounts(server: MariaDbServer, database: string): Promise<Record<string, number>> {
  const out = await server.sql(
    database,
    `SELECT 'customers', COUNT(*) FROM customers UNION ALL SELECT 'orders', COUNT(*) FROM orders UNION ALL SELECT 'audit_log', COUNT(*) FROM audit_log`
  )
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((line) => {
        const [table, count] = line.split('\t')
        return [table, Number(count)]
      })
  )
}

/** The routines, events, triggers and views of a database, by kind and name. */
export async function schemaObjects(server: MariaDbServer, database: string): Promise<string[]> {
  const out = await server.sql(
    'information_schema',
    `SELECT CONCAT('routine ', ROUTINE_NAME) FROM ROUTINES WHERE ROUTINE_SCHEMA = ${sqlString(database)}
     UNION ALL SELECT CONCAT('event ', EVENT_NAME) FROM EVENTS WHERE EVENT_SCHEMA = ${sqlString(database)}
     UNION ALL SELECT CONCAT('trigger ', TRIGGER_NAME) FROM TRIGGERS WHERE TRIGGER_SCHEMA = ${sqlString(database)}
     UNION ALL SELECT CONCAT('view ', TABLE_NAME) FROM VIEWS WHERE TABLE_SCHEMA = ${sqlString(database)}`
  )
  return out.trim().split('\n').filter(Boolean).sort()
}
