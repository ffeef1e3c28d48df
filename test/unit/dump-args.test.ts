import { parseConfig } from '../../src/config/parse.js'
import type { DbType } from '../../src/config/types.js'
import { parseDumpArgs } from '../../src/config/dump-args.js'
import { dumpArgs as mongoDumpArgs } from '../../src/engines/mongodb/engine.js'
import { dumpArgs as mysqlDumpArgs } from '../../src/engines/mysql/dump-args.js'
import { dumpArgs as pgDumpArgs } from '../../src/engines/postgresql/engine.js'
import { configIssues, rawInputs } from '../support/fixtures.js'

function raw(type: DbType, overrides: Record<string, string> = {}): Record<string, string> {
  return rawInputs({ 'db-type': type, 'db-name': type === 'redis' ? '' : 'shop', 'storage-type': 'local', path: '/backups', ...overrides })
}

/** The one issue validate-config reports for these inputs. */
function issue(type: DbType, overrides: Record<string, string>): { input: string; message: string } {
  const issues = configIssues(raw(type, overrides))
  expect(issues).toHaveLength(1)
  return issues[0]
}

const PG: DbType = 'postgresql'
const MY: DbType = 'mariadb'
const MONGO: DbType = 'mongodb'

describe('dump-args: every refused form is refused in validate-config, naming the input and the reason', () => {
  test.each([
    // [engine, dump-args, the option named in the message, why]
    [PG, '--file=/tmp/x.dump', '--file', /pg_dump's output/],
    [PG, '--file /tmp/x.dump', '--file', /pg_dump's output/],
    [PG, '--fil=/tmp/x', '--fil', /pg_dump's output/],
    [PG, '-f /tmp/x.dump', '-f', /pg_dump's output/],
    [PG, '-f/tmp/x.dump', '-f', /pg_dump's output/],
    [PG, '-vf /tmp/x.dump', '-f', /pg_dump's output/],
    [PG, '--format=plain', '--format', /custom format/],
    [PG, '-Fp', '-F', /custom format/],
    [PG, '--compress=9', '--compress', /compression input/],
    [PG, '-Z 9', '-Z', /compression input/],
    [PG, '--jobs=4', '--jobs', /directory format/],
    [PG, '-W', '-W', /password never goes on a command line/],
    [PG, '--password', '--password', /password never goes on a command line/],
    [PG, '--host=other', '--host', /db-host/],
    [PG, '-h other', '-h', /db-host/],
    [PG, '-p 5433', '-p', /db-port/],
    [PG, '-U postgres', '-U', /db-user/],
    [PG, '--username postgres', '--username', /db-user/],
    [PG, '--dbname=other', '--dbname', /db-name/],
    [PG, '-d other', '-d', /db-name/],
    [PG, '--table=orders', '--table', /tables input/],
    [PG, '-t orders', '-t', /tables input/],
    [PG, '--exclude-table=sessions', '--exclude-table', /exclude-tables input/],
    [PG, '-T sessions', '-T', /exclude-tables input/],
    [PG, '--version', '--version', /prints and exits/],
    [PG, '-?', '-?', /prints and exits/],
    [PG, '--no-owner -- other', '"--"', /end the options/],
    [MY, '--result-file=/tmp/x.sql', '--result-file', /tool's output/],
    [MY, '--result_file /tmp/x.sql', '--result_file', /tool's output/],
    [MY, '--loose-result-file=/tmp/x.sql', '--loose-result-file', /tool's output/],
    [MY, '--res=/tmp/x.sql', '--res', /tool's output/],
    [MY, '-r /tmp/x.sql', '-r', /tool's output/],
    [MY, '-qr/tmp/x.sql', '-r', /tool's output/],
    [MY, '--tab=/tmp', '--tab', /files of its own/],
    [MY, '-T /tmp', '-T', /files of its own/],
    [MY, '--dir=/tmp/d', '--dir', /files of its own/],
    [MY, '--xml', '--xml', /SQL dump/],
    [MY, '-X', '-X', /SQL dump/],
    [MY, '--compact', '--compact', /Dump completed/],
    [MY, '--skip-comments', '--skip-comments', /Dump completed/],
    [MY, '--disable-comments', '--disable-comments', /Dump completed/],
    [MY, '--comments=0', '--comments', /Dump completed/],
    [MY, '--comments=OFF', '--comments', /Dump completed/],
    [MY, '--password=s3cret-Pw', '--password', /password never goes on a command line/],
    [MY, '--password s3cret-Pw', '--password', /password never goes on a command line/],
    [MY, '-ps3cret-Pw', '-p', /password never goes on a command line/],
    [MY, '-p', '-p', /password never goes on a command line/],
    [MY, '-qps3cret-Pw', '-p', /password never goes on a command line/],
    [MY, '--pass=s3cret-Pw', '--pass', /password never goes on a command line/],
    [MY, '--password1=s3cret-Pw', '--password1', /password never goes on a command line/],
    [MY, '--host=other', '--host', /db-host/],
    [MY, '-P 3307', '-P', /db-port/],
    [MY, '-uroot', '-u', /db-user/],
    [MY, '--socket=/run/mysqld.sock', '--socket', /db-host/],
    [MY, '--protocol=SOCKET', '--protocol', /db-host/],
    [MY, '--databases', '--databases', /dumps db-name/],
    [MY, '-A', '-A', /dumps db-name/],
    [MY, '--tables', '--tables', /dumps db-name/],
    [MY, '--ignore-table=shop.sessions', '--ignore-table', /exclude-tables input/],
    [MY, '--defaults-file=/etc/other.cnf', '--defaults-file', /option file/],
    [MY, '--no-defaults', '--no-defaults', /option file/],
    [MY, '--login-path=prod', '--login-path', /option file/],
    [MY, '--log-error=/tmp/err', '--log-error', /cannot report them/],
    [MY, '--delete-master-logs', '--delete-master-logs', /binary logs/],
    [MY, '--debug=d:t:o,/tmp/trace', '--debug', /trace/],
    [MY, '-#d:t:o,/tmp/trace', '-#', /trace/],
    [MY, '--help', '--help', /prints and exits/],
    [MY, '-V', '-V', /prints and exits/],
    [MONGO, '--out=/tmp/dump', '--out', /mongodump's output/],
    [MONGO, '-o /tmp/dump', '-o', /mongodump's output/],
    [MONGO, '--archive=/tmp/x.archive', '--archive', /sets --archive itself/],
    [MONGO, '--gzip', '--gzip', /compression input/],
    [MONGO, '--password=s3cret-Pw', '--password', /password never goes on a command line/],
    [MONGO, '-ps3cret-Pw', '-p', /password never goes on a command line/],
    [MONGO, '--sslPEMKeyPassword=s3cret-Pw', '--sslPEMKeyPassword', /password never goes on a command line/],
    [MONGO, '--uri=mongodb://other/', '--uri', /db-host/],
    [MONGO, '--URI=mongodb://other/', '--URI', /db-host/],
    [MONGO, '--host other', '--host', /db-host/],
    [MONGO, '--config=/tmp/c.yaml', '--config', /db-host/],
    [MONGO, '--authenticationDatabase=admin', '--authenticationDatabase', /authSource/],
    [MONGO, '-d other', '-d', /dumps db-name/],
    [MONGO, '--collection=orders', '--collection', /tables input/],
    [MONGO, '-c orders', '-c', /tables input/],
    [MONGO, '--excludeCollection=sessions', '--excludeCollection', /exclude-tables input/],
    [MONGO, '--version', '--version', /prints and exits/]
  ] as const)('%s: %s', (type, args, named, reason) => {
    const { input, message } = issue(type, { 'dump-args': args })
    expect(input).toBe('dump-args')
    expect(message.startsWith(`${named} is refused for `)).toBe(true)
    expect(message).toMatch(reason)
    // A value is never shown: it may be a password.
    expect(message).not.toContain('s3cret-Pw')
  })

  test.each([
    [PG, '--no-owner orders', /the second argument is not an option/],
    [PG, 'shop', /the first argument is not an option/],
    [MY, '--single-transaction extra', /the second argument is not an option/],
    [MONGO, '--forceTableScan s3cret-Pw', /the second argument is not an option/],
    [PG, '--no-owner "unclosed', /a quote that is not closed/],
    [PG, '--lock-wait-timeout', /--lock-wait-timeout needs a value/],
    ['redis' as const, '--tls', /is not supported for redis/]
  ])('%s: %s is refused', (type, args, reason) => {
    const { input, message } = issue(type, { 'dump-args': args })
    expect(input).toBe('dump-args')
    expect(message).toMatch(reason)
    expect(message).not.toContain('s3cret-Pw')
  })
})

describe('dump-args that are accepted, and where they go', () => {
  test.each([
    [PG, '--no-owner --no-privileges', ['--no-owner', '--no-privileges']],
    [PG, '--exclude-table-data=audit_log --lock-wait-timeout 30s', ['--exclude-table-data=audit_log', '--lock-wait-timeout', '30s']],
    [PG, "--exclude-table-data 'log with space' -n public", ['--exclude-table-data', 'log with space', '-n', 'public']],
    [PG, '--no-password -w -v', ['--no-password', '-w', '-v']],
    [PG, '--schema=sales\n--no-comments', ['--schema=sales', '--no-comments']],
    [MY, '--skip-extended-insert --where "id > 5"', ['--skip-extended-insert', '--where', 'id > 5']],
    [MY, '--skip-compact --comments --ignore-table-data=shop.logs', ['--skip-compact', '--comments', '--ignore-table-data=shop.logs']],
    [MY, '-C --compression-algorithms=zstd', ['-C', '--compression-algorithms=zstd']],
    [MONGO, '--excludeCollectionsWithPrefix=tmp_ --numParallelCollections 2 -vv', ['--excludeCollectionsWithPrefix=tmp_', '--numParallelCollections', '2', '-vv']],
    [MONGO, '--oplog', ['--oplog']]
  ] as const)('%s: %s', (type, text, expected) => {
    expect(parseDumpArgs(type, text)).toEqual({ args: expected })
  })

  test('each engine puts the tables, exclusions and dump-args where its tool reads them', () => {
    const MARIADB_SERVER = { family: 'mariadb', version: '10.11.6', text: '10.11.6-MariaDB', comment: '' } as const
    const config = parseConfig(raw(PG, { tables: 'public.orders, sales_*', 'exclude-tables': 'sales_archive', 'dump-args': '--no-owner' }))
    expect(pgDumpArgs(config.database, 0, config.dump).slice(4)).toEqual(['--table=public.orders', '--table=sales_*', '--exclude-table=sales_archive', '--no-owner'])

    const maria = parseConfig(raw(MY, { tables: 'orders\nshop.items', 'exclude-tables': '', 'dump-args': '--skip-triggers' }))
    const args = mysqlDumpArgs('/tmp/client.cnf', maria.database, { path: 'mariadb-dump', family: 'mariadb', version: '10.11.6' }, MARIADB_SERVER, maria.dump)
    expect(args.slice(-5)).toEqual(['--skip-triggers', '--', 'shop', 'orders', 'items'])
    const excluded = parseConfig(raw(MY, { 'exclude-tables': 'sessions, shop.cache' }))
    expect(mysqlDumpArgs('/tmp/client.cnf', excluded.database, { path: 'mariadb-dump', family: 'mariadb', version: '10.11.6' }, MARIADB_SERVER, excluded.dump)).toEqual(
      expect.arrayContaining(['--ignore-table=shop.sessions', '--ignore-table=shop.cache'])
    )

    const mongo = parseConfig(raw(MONGO, { 'exclude-tables': 'sessions,cache', 'dump-args': '--forceTableScan' }))
    expect(mongoDumpArgs(mongo.database, '/tmp/c.yaml', mongo.dump)).toEqual([
      '--config=/tmp/c.yaml',
      '--archive',
      '--db=shop',
      '--excludeCollection=sessions',
      '--excludeCollection=cache',
      '--forceTableScan'
    ])
  })
})

describe('tables and exclude-tables: bad input', () => {
  test.each([
    ['redis' as const, { tables: 'orders' }, 'tables', /not supported for redis: .*no tables/],
    ['redis' as const, { 'exclude-tables': 'orders' }, 'exclude-tables', /not supported for redis/],
    [PG, { tables: 'orders, items', 'exclude-tables': 'items' }, 'exclude-tables', /names "items", which tables also names/],
    [MY, { tables: 'orders', 'exclude-tables': 'shop.orders' }, 'exclude-tables', /names "orders", which tables also names/],
    [MY, { 'exclude-tables': 'other.sessions' }, 'exclude-tables', /is in database "other", but the dump is of "shop"/],
    [MY, { 'exclude-tables': 'log_%' }, 'exclude-tables', /exact table names, not patterns/],
    [MONGO, { tables: 'orders, items' }, 'tables', /mongodump dumps one collection \(--collection\) or all of them/],
    [MONGO, { tables: 'orders', 'exclude-tables': 'items' }, 'exclude-tables', /--collection or --excludeCollection, not both/],
    [MONGO, { 'db-name': '', 'exclude-tables': 'sessions' }, 'exclude-tables', /needs db-name/]
  ])('%s %j', (type, inputs, input, reason) => {
    expect(issue(type, inputs)).toEqual({ input, message: expect.stringMatching(reason) })
  })
})
