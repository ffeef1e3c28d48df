import { startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { readJson, runAction } from '../support/action.js'
import { connectionInputs, scratch, type AuditRecord } from '../support/e2e.js'
import { backup, expectRestored, expectRestoreFailed, restore } from '../support/restore.js'
import { run } from '../support/run.js'

/**
 * Views, routines, triggers and events run as their DEFINER: restored onto a server without that
 * account they are created all the same, and fail on use (error 1449). Backed up with the backup
 * bundle from a server that has `app`@`%`, restored with the restore bundle into one that does not.
 */

let source: MariaDbServer
let target: MariaDbServer

const OBJECTS = 'trigger `orders_audit`, event `nightly_cleanup`, function `plus_one`, procedure `order_count`, view `big_orders`'

beforeAll(async () => {
  // One after the other: two mariadb-install-db at once collide on their temporary tables in /tmp.
  source = await startMariaDb()
  target = await startMariaDb()
  await source.sql('mysql', "CREATE USER 'app'@'%'; CREATE DATABASE shop; GRANT ALL ON shop.* TO 'app'@'%'")
  await source.sql(
    'shop',
    `CREATE TABLE orders (id INT PRIMARY KEY, note TEXT);
     CREATE TABLE audit_log (id INT AUTO_INCREMENT PRIMARY KEY, order_id INT);
     INSERT INTO orders SELECT seq, CONCAT('order ', seq) FROM seq_1_to_40;
     CREATE DEFINER='app'@'%' SQL SECURITY DEFINER VIEW big_orders AS SELECT id FROM orders WHERE id > 20;
     CREATE DEFINER='app'@'%' PROCEDURE order_count() SELECT COUNT(*) FROM orders;
     CREATE DEFINER='app'@'%' FUNCTION plus_one(x INT) RETURNS INT DETERMINISTIC RETURN x + 1;
     CREATE DEFINER='app'@'%' TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW INSERT INTO audit_log (order_id) VALUES (NEW.id);
     CREATE DEFINER='app'@'%' EVENT nightly_cleanup ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM audit_log WHERE id < 0;`
  )
  // The target's own table of the backup's name, with rows of its own: a refused restore must leave them.
  await target.sql('mysql', 'CREATE DATABASE drill')
  await target.sql('drill', "CREATE TABLE orders (id INT PRIMARY KEY, note TEXT); INSERT INTO orders VALUES (1, 'kept one'), (2, 'kept two')")
})

afterAll(async () => {
  await source?.stop()
  await target?.stop()
})

function inputs(server: MariaDbServer, database: string, store: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...connectionInputs('mariadb', server, database), 'backup-name': 'shop', 'storage-type': 'local', path: store, notify: 'console,file', ...extra }
}

async function asRoot(server: MariaDbServer, database: string, sql: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const ran = await run('mariadb', ['--no-defaults', `--socket=${server.socket}`, '-uroot', '--batch', '--skip-column-names', `--execute=${sql}`, database])
  return { code: ran.code ?? -1, stdout: ran.stdout, stderr: ran.stderr }
}

const figuresOf = (record: AuditRecord, step: string): Record<string, unknown> => record.steps.find((entry) => entry.name === step)?.figures ?? {}

describe('MariaDB: DEFINERs the target does not have', () => {
  let store: string

  test('restore-check on the source, where app exists: no definer figure', async () => {
    store = await scratch('store')
    const made = await backup(inputs(source, 'shop', store, { 'restore-check': 'true' }))
    const figures = figuresOf(await readJson<AuditRecord>(made.outputs['audit-file']), 'verify-integrity')
    expect(figures['restore check']).toMatch(/^content digests: 2 tables, 40 rows, equal/)
    expect(Object.keys(figures).filter((name) => /definer/.test(name))).toEqual([])
  })

  test('the restore fails before anything is restored, naming the account and each object; the target keeps its rows', async () => {
    const { run: refused, record } = await restore(inputs(target, 'drill', store, { 'restore-mode': 'clean' }))
    expectRestoreFailed(
      refused,
      record,
      'restore-database',
      new RegExp(
        `^5 objects of the backup run as a DEFINER that the target does not have: 'app'@'%' \\(${OBJECTS.replace(/[()]/g, '\\$&')}\\); restored, they would fail on use \\(error 1449.*\\); ` +
          "nothing was restored \\(create 'app'@'%' on the target with CREATE USER, or CREATE ROLE for a role, and run again; or set accept-missing-definers: true to restore them as they are\\)$"
      )
    )
    expect((await asRoot(target, 'drill', 'SELECT id, note FROM orders ORDER BY id')).stdout).toBe('1\tkept one\n2\tkept two\n')
    expect((await asRoot(target, 'drill', "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'drill'")).stdout).toBe('1\n')
    expect((await asRoot(target, 'drill', "SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = 'drill'")).stdout).toBe('0\n')
  })

  test('accept-missing-definers: true restores, the figures and a warning name the objects, and they do fail on use until the account exists', async () => {
    const { run: accepted, record } = await restore(inputs(target, 'drill', store, { 'restore-mode': 'clean', 'accept-missing-definers': 'true' }))
    expectRestored(accepted, record)
    expect(figuresOf(record, 'restore-database')['definers missing on the target']).toBe(`'app'@'%' (${OBJECTS}) (fail on use until created)`)
    expect(accepted.stdout).toContain(`::warning::5 objects of the backup run as a DEFINER that the target does not have: 'app'@'%25' (${OBJECTS}); restored as they are (accept-missing-definers: true)`)
    expect((await asRoot(target, 'drill', 'SELECT COUNT(*) FROM orders')).stdout).toBe('40\n')
    const used = await asRoot(target, 'drill', 'SELECT COUNT(*) FROM big_orders')
    expect([used.code, used.stderr]).toEqual([1, expect.stringMatching(/ERROR 1449 .*The user specified as a definer \('app'@'%'\) does not exist/)])
    await asRoot(target, 'mysql', "CREATE USER 'app'@'%'; GRANT ALL ON drill.* TO 'app'@'%'")
    expect((await asRoot(target, 'drill', 'SELECT COUNT(*) FROM big_orders')).stdout).toBe('20\n')
  })

  test('restore-check on a source whose definer was dropped: a DEFINER view cannot load elsewhere and fails, named; routines, triggers and events are a warning and a figure', async () => {
    await source.sql('mysql', "DROP USER 'app'@'%'")
    // MariaDB then shows the view with its columns qualified by `shop`, and the dump tool writes it so.
    const refused = await runAction({ ...inputs(source, 'shop', await scratch('store'), { 'restore-check': 'true' }), 'audit-dir': await scratch('audit') })
    expect(refused.exitCode).not.toBe(0)
    const step = (await readJson<AuditRecord>(refused.outputs['audit-file'])).steps.find((entry) => entry.name === 'verify-integrity')
    expect(step?.error).toMatch(
      /names the database `shop` \(`shop`\.`orders`\.`id`\), in the view `big_orders` that runs as DEFINER 'app'@'%': .*so this dump loads only into a database named `shop` \(on that server, create the account or grant it what the view reads, or give the view a definer that can/
    )
    // The same view as SQL SECURITY INVOKER is written unqualified: its definer is never used.
    await source.sql('shop', "CREATE OR REPLACE DEFINER='app'@'%' SQL SECURITY INVOKER VIEW big_orders AS SELECT id FROM orders WHERE id > 20")
    const made = await backup(inputs(source, 'shop', await scratch('store'), { 'restore-check': 'true' }))
    const figures = figuresOf(await readJson<AuditRecord>(made.outputs['audit-file']), 'verify-integrity')
    expect(figures['restore check']).toMatch(/^content digests: 2 tables, 40 rows, equal/)
    const routines = 'trigger `orders_audit`, event `nightly_cleanup`, function `plus_one`, procedure `order_count`'
    expect(figures['definers missing on the server']).toBe(`'app'@'%' (${routines}) (fail on use here already)`)
    expect(made.stdout).toContain(
      `::warning::4 objects of the backup run as a DEFINER that the server does not have: 'app'@'%25' (${routines}), the server the backup was taken from: they fail on use there already (error 1449)`
    )
  })
})
