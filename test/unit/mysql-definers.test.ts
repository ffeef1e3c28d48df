import { readFileSync } from 'node:fs'
import { parseRestoreConfig } from '../../src/config/restore.js'
import { MysqlDumpScanner } from '../../src/engines/mysql/confinement.js'
import { definerExists, hostMatches, MAX_DEFINERS, usesText, type Account, type DefinerUses } from '../../src/engines/mysql/definers.js'
import { rawInputs } from '../support/fixtures.js'

/** The DEFINERs a restore reads from a dump before anything runs, and how the server matches them to accounts. */

function definersOf(target: string, dump: string | Buffer, size = 4096): DefinerUses {
  const bytes = Buffer.isBuffer(dump) ? dump : Buffer.from(dump)
  const scanner = new MysqlDumpScanner(target)
  for (let at = 0; at < bytes.length; at += size) scanner.push(bytes.subarray(at, at + size))
  scanner.finish()
  return scanner.definers
}

/**
 * Recorded with mariadb-dump 10.11.19 and the action's options (--single-transaction --quick
 * --routines --events --triggers --hex-blob --default-character-set=utf8mb4 --no-tablespaces) from
 * a database `src` whose objects were created with the definers `app`@`%`, `app`@`localhost`,
 * the role r1, `o'brien`@`10.0.0.5`, CURRENT_USER (root, dumped as `root`@`localhost`), and
 * `ghost`@`%` on a SQL SECURITY INVOKER view and procedure; a row holds DEFINER text as a value.
 * `app` and r1 had no privilege on `src`, so the server showed, and the tool wrote, their views
 * with columns qualified by `src` (as root's `mine` and the invoker view are not).
 */
const RECORDED = readFileSync(new URL('../fixtures/mariadb-dump-10.11-definers.sql', import.meta.url))

describe('the definers of a dump, read by the confinement scan', () => {
  test.each([1, 7, 4096])('a real mariadb-dump dump: each definer with its objects, invoker objects and values left out (chunks of %i bytes)', (size) => {
    const definers = definersOf('src', RECORDED, size)
    expect(definers.unkept).toBe(0)
    expect(definers.list()).toEqual([
      {
        definer: { user: 'app', host: '%' },
        count: 6,
        objects: [
          { kind: 'trigger', name: 'orders_audit' },
          { kind: 'event', name: 'nightly_cleanup' },
          { kind: 'function', name: 'plus_one' },
          { kind: 'procedure', name: 'order_count' },
          { kind: 'view', name: 'big_orders' }
        ]
      },
      { definer: { user: "o'brien", host: '10.0.0.5' }, count: 1, objects: [{ kind: 'procedure', name: 'quoted definer' }] },
      { definer: { user: 'app', host: 'localhost' }, count: 1, objects: [{ kind: 'view', name: 'local_orders' }] },
      { definer: { user: 'root', host: 'localhost' }, count: 1, objects: [{ kind: 'view', name: 'mine' }] },
      { definer: { user: 'r1', host: '' }, count: 1, objects: [{ kind: 'view', name: 'role_orders' }] }
    ])
    expect(usesText(definers.list().slice(0, 1))).toBe(
      "'app'@'%' (trigger `orders_audit`, event `nightly_cleanup`, function `plus_one`, procedure `order_count`, view `big_orders`, and 1 more)"
    )
    expect(usesText(definers.list().slice(1))).toBe(
      "'o''brien'@'10.0.0.5' (procedure `quoted definer`); 'app'@'localhost' (view `local_orders`); 'root'@'localhost' (view `mine`); 'r1' (a role) (view `role_orders`)"
    )
  })

  test('the same dump into another database: a view its definer could not run on the source, which the tool wrote qualified by `src`, is refused, saying why', () => {
    expect(() => definersOf('drill', RECORDED)).toThrow(
      /names the database `src` \(`src`\.`orders`\.`id`\), in the view `big_orders` that runs as DEFINER 'app'@'%': the dump tool writes a view's columns qualified by its database where the server it was dumped from could not run it as its definer .*loads only into a database named `src`/
    )
  })

  test('as mysqldump and people write them: quoted or bare, spaced, qualified names, IF NOT EXISTS, ALTER, CURRENT_USER', () => {
    const dump = [
      "CREATE DEFINER = 'u1'@'%' VIEW src.v1 AS SELECT 1;",
      'CREATE DEFINER=u2@localhost PROCEDURE p2() SELECT 1;',
      '/*!50001 CREATE ALGORITHM=UNDEFINED */',
      '/*!50013 DEFINER=`u3`@`h` SQL SECURITY DEFINER */',
      '/*!50001 VIEW `v3` AS select 1 AS `1` */;',
      'CREATE OR REPLACE DEFINER=`u4`@`h` TRIGGER IF NOT EXISTS `src`.`t4` BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;',
      'ALTER DEFINER=`u5`@`h` VIEW v5 AS SELECT 2;',
      'CREATE DEFINER=CURRENT_USER() TRIGGER t6 BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;',
      'CREATE DEFINER=CURRENT_USER VIEW v7 AS SELECT 1;',
      'CREATE VIEW v8 AS SELECT 1;',
      "CREATE DEFINER=`u9`@`h` FUNCTION f9() RETURNS INT SQL SECURITY INVOKER RETURN 1;",
      "CREATE DEFINER=`u10`@`h` PROCEDURE p10() COMMENT 'SQL SECURITY INVOKER' SELECT 1;",
      ''
    ].join('\n')
    const seen = definersOf('src', dump, 3)
      .list()
      .map(({ definer, objects }) => `${definer.user}@${definer.host} ${objects.map((object) => `${object.kind} ${object.name}`).join(',')}`)
    expect(seen).toEqual(['u1@% view v1', 'u2@localhost procedure p2', 'u3@h view v3', 'u4@h trigger t4', 'u5@h view v5', 'u10@h procedure p10'])
  })

  test('bounded: distinct definers past the limit are counted, not kept; a definer\'s objects past the first few are counted', () => {
    const many = Array.from({ length: MAX_DEFINERS + 50 }, (_, index) => `CREATE DEFINER=\`u${index}\`@\`%\` VIEW v${index} AS SELECT 1;`).join('\n')
    const definers = definersOf('src', many)
    expect(definers.list()).toHaveLength(MAX_DEFINERS)
    expect(definers.unkept).toBe(50)
    expect(usesText([], definers.unkept)).toBe(`50 more objects of definers past the first ${MAX_DEFINERS}`)
    const one = definersOf('src', Array.from({ length: 20 }, (_, index) => `CREATE DEFINER=app@'%' VIEW v${index} AS SELECT 1;`).join('\n'))
    expect(usesText(one.list())).toBe("'app'@'%' (view `v0`, view `v1`, view `v2`, view `v3`, view `v4`, and 15 more)")
  })
})

describe('an account takes a definer as the server matches it (compare_hostname)', () => {
  test.each([
    ['%', 'localhost', true],
    ['', 'anything', true],
    ['localhost', 'LOCALHOST', true],
    ['10.0.%', '10.0.3.4', true],
    ['10.0.%', '10.1.3.4', false],
    ['host_', 'hostA', true],
    ['host\\_', 'hostA', false],
    ['host\\_', 'host_', true],
    ['a.b', 'axb', false],
    ['10.0.0.0/255.255.255.0', '10.0.0.77', true],
    ['10.0.0.0/255.255.255.0', '10.0.1.77', false],
    ['localhost', '%', false]
  ])('host pattern %j takes %j: %s', (pattern, host, expected) => {
    expect(hostMatches(pattern, host)).toBe(expected)
  })

  test('users by name exactly; on MariaDB a definer without a host is a role, and a role is no user', () => {
    const accounts: Account[] = [
      { user: 'app', host: '%', role: false },
      { user: 'r1', host: '', role: true }
    ]
    expect(definerExists({ user: 'app', host: 'localhost' }, accounts, true)).toBe(true)
    expect(definerExists({ user: 'APP', host: 'localhost' }, accounts, true)).toBe(false)
    expect(definerExists({ user: 'r1', host: '' }, accounts, true)).toBe(true)
    expect(definerExists({ user: 'r1', host: 'localhost' }, accounts, true)).toBe(false)
    expect(definerExists({ user: 'app', host: '' }, accounts, true)).toBe(false)
  })
})

describe('accept-missing-definers', () => {
  const restoreRaw = (extra: Record<string, string> = {}) =>
    rawInputs({ 'db-type': 'mariadb', 'db-host': 'db.internal', 'db-name': 'shop', 'storage-type': 'local', path: '/backups', 'backup-key': '', 'restore-mode': '', 'restore-globals': '', ...extra })

  test('off unless given; true or false otherwise, and anything else is named', () => {
    expect(parseRestoreConfig(restoreRaw()).acceptMissingDefiners).toBe(false)
    expect(parseRestoreConfig(restoreRaw({ 'accept-missing-definers': 'true' })).acceptMissingDefiners).toBe(true)
    expect(() => parseRestoreConfig(restoreRaw({ 'accept-missing-definers': 'sometimes' }))).toThrow(/accept-missing-definers/)
  })
})
