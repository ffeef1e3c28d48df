import { dumpArgs, describeOptions } from '../../src/engines/mysql/dump-args.js'
import {
  chooseDumpTool,
  generatedColumnsRefusal,
  pairingOptions,
  pairingRefusal,
  parseDumpToolVersion,
  parseServerVersion,
  type DumpTool,
  type ServerInfo
} from '../../src/engines/mysql/pairing.js'
import type { DatabaseConfig } from '../../src/config/types.js'
import { recordedServers, recordedTools } from '../fixtures/mysql-versions.js'

type ToolName = keyof typeof recordedTools
type ServerName = keyof typeof recordedServers

const PATHS: Record<'mariadb' | 'mysql', string> = { mariadb: '/usr/bin/mariadb-dump', mysql: '/usr/bin/mysqldump' }

/** The tool as the engine sees it: its --version output parsed. */
function tool(name: ToolName): DumpTool {
  const parsed = parseDumpToolVersion(recordedTools[name].output)
  return { path: PATHS[parsed.family], ...parsed }
}

function server(name: ServerName): ServerInfo {
  return parseServerVersion(recordedServers[name].output)
}

const database: DatabaseConfig = { type: 'mysql', host: 'db.internal', port: 3306, name: 'shop', user: 'backup', password: 'secret', params: {}, urlProtocol: '' }

describe('versions read from real clients and servers', () => {
  test.each(Object.entries(recordedTools))('%s: %s', (_name, recorded) => {
    expect(parseDumpToolVersion(recorded.output)).toEqual({ family: recorded.family, version: recorded.version })
  })

  test.each(Object.entries(recordedServers))('server %s: %s', (_name, recorded) => {
    const parsed = parseServerVersion(recorded.output)
    expect(parsed).toMatchObject({ family: recorded.family, version: recorded.version })
    expect(parsed.text).toBe(recorded.output.split('\t')[0])
    expect(parsed.comment).toBe(recorded.output.split('\t')[1])
  })

  test('a server that answers VERSION() alone, or nothing readable', () => {
    expect(parseServerVersion('8.0.36\n')).toEqual({ family: 'mysql', version: '8.0.36', text: '8.0.36', comment: '' })
    expect(() => parseServerVersion('hello\tworld')).toThrow(/unexpected server version/)
  })
})

/** The options each pairing gets, decided from the versions only. */
const GTID = '--set-gtid-purged=OFF'
const STATS = '--column-statistics=0'

describe('options chosen for each client and server pairing', () => {
  // [tool, server, options the pairing adds]
  const pairs: [ToolName, ServerName, string[]][] = [
    // MySQL 8's client, the one GitHub's runners have, against every MySQL server and MariaDB.
    ['mysql80Ubuntu', 'mysql80', [GTID, STATS]],
    ['mysql80Ubuntu', 'mysql84', [GTID, STATS]],
    ['mysql80Ubuntu', 'mysql97', [GTID, STATS]],
    ['mysql80Ubuntu', 'mysql267', [GTID, STATS]],
    ['mysql80Ubuntu', 'mysql57', [GTID, STATS]],
    ['mysql80Ubuntu', 'mariadb1011', [GTID, STATS]],
    ['mysql80Ubuntu', 'mariadb118', [GTID, STATS]],
    ['mysql8011', 'mysql80', [GTID, STATS]],
    ['mysql84', 'mysql84', [GTID, STATS]],
    ['mysql84Source', 'mariadb130', [GTID, STATS]],
    ['mysql91', 'mysql97', [GTID, STATS]],
    ['mysql91Commercial', 'mysql271Commercial', [GTID, STATS]],
    ['mysql95', 'mariadb118', [GTID, STATS]],
    // MySQL 5.7's tool knows GTIDs but has no column statistics to turn off.
    ['mysql57', 'mysql57', [GTID]],
    ['mysql57', 'mysql80', [GTID]],
    ['mysql57', 'mariadb1011', [GTID]],
    // 5.5 knows neither option.
    ['mysql55', 'mysql57', []],
    // MariaDB's tools need neither: they have no such options.
    ['mariadb1011', 'mariadb1011', []],
    ['mariadb1011AsMysqldump', 'mysql80', []],
    ['mariadb114', 'mysql84', []],
    ['mariadb118', 'mysql97', []],
    ['mariadb103', 'mariadb118', []],
    ['mariadb106', 'mysql57', []],
    ['mariadb112', 'mariadb130', []],
    ['mariadb123Windows', 'mysql80', []]
  ]

  test.each(pairs)('%s dumping %s', (toolName, serverName, expected) => {
    const options = pairingOptions(tool(toolName), server(serverName))
    expect(options.map(({ option }) => option)).toEqual(expected)
    expect(pairingRefusal(tool(toolName), server(serverName))).toBeUndefined()
    // Each option reaches the command line, before the end of the options.
    const args = dumpArgs('/f', database, tool(toolName), server(serverName))
    for (const option of expected) expect(args.indexOf(option)).toBeLessThan(args.indexOf('--'))
    expect(args.filter((arg) => /^--(set-gtid-purged|column-statistics)/.test(arg))).toEqual(expected)
  })

  test('the GTID reason depends on the server: a restorable dump from MySQL, skipped queries on MariaDB', () => {
    const [onMysql] = pairingOptions(tool('mysql80Ubuntu'), server('mysql84'))
    expect(onMysql.reason).toMatch(/restores into any server/)
    expect(onMysql.reason).toMatch(/RELOAD/)
    const [onMariadb] = pairingOptions(tool('mysql80Ubuntu'), server('mariadb118'))
    expect(onMariadb.reason).toMatch(/MariaDB has no gtid_mode/)
  })

  test('column statistics: required where the server lacks the table, a choice where it has it', () => {
    const reason = (serverName: ServerName): string => pairingOptions(tool('mysql84'), server(serverName))[1].reason
    expect(reason('mariadb118')).toMatch(/MariaDB 11\.8\.9 has no information_schema\.COLUMN_STATISTICS/)
    expect(reason('mysql57')).toMatch(/MySQL 5\.7\.44 has no information_schema\.COLUMN_STATISTICS/)
    expect(reason('mysql80')).toMatch(/histograms are optimizer statistics/)
  })

  test('the summary figure names each option with its reason, or says there is none', () => {
    const mysqlTool = tool('mysql80Ubuntu')
    const mariadb = server('mariadb118')
    expect(describeOptions(mysqlTool, mariadb, pairingOptions(mysqlTool, mariadb))).toMatch(
      /^--set-gtid-purged=OFF: MariaDB has no gtid_mode.*; --column-statistics=0: MariaDB 11\.8\.9 has no/
    )
    expect(describeOptions(tool('mariadb114'), server('mysql84'), [])).toBe(
      'none beyond the common ones: mariadb-dump 11.4.10 (MariaDB) needs none for MySQL 8.4.11'
    )
  })
})

describe('pairings that cannot work are refused, naming both versions', () => {
  test.each([
    ['mariadb114', 'mysql267'],
    ['mariadb118', 'mysql271Commercial'],
    ['mariadb1011', 'mysql267'],
    ['mariadb123Windows', 'mysql267']
  ] as [ToolName, ServerName][])("%s cannot dump %s: MariaDB's tool asks a server numbered 10.3+ for packages", (toolName, serverName) => {
    const refusal = pairingRefusal(tool(toolName), server(serverName))
    expect(refusal).toContain(`${recordedTools[toolName].version} (MariaDB) cannot dump MySQL ${recordedServers[serverName].version}`)
    expect(refusal).toMatch(/SHOW PACKAGE STATUS/)
    expect(refusal).toMatch(/Use MySQL's own mysqldump/)
  })

  test('MySQL 9 is refused to a MySQL client before 5.7.23, accepted from 5.7.36 and 8.0', () => {
    expect(pairingRefusal(tool('mysql55'), server('mysql97'))).toBe(
      'mysqldump 5.5.62 (MySQL) cannot dump MySQL 9.7.2: MySQL 9 accepts no mysql_native_password logins, and MySQL clients before 5.7.23 cannot log in with caching_sha2_password. Use a MySQL 8.0 or newer client'
    )
    expect(pairingRefusal(tool('mysql57'), server('mysql97'))).toBeUndefined()
    expect(pairingRefusal(tool('mysql80Ubuntu'), server('mysql97'))).toBeUndefined()
  })

  test("MariaDB's tool still dumps MySQL servers numbered below 10.3, and MariaDB servers of any number", () => {
    for (const serverName of ['mysql57', 'mysql80', 'mysql84', 'mysql97', 'mariadb1011', 'mariadb118', 'mariadb130'] as ServerName[]) {
      expect(pairingRefusal(tool('mariadb118'), server(serverName))).toBeUndefined()
    }
  })

  test("MariaDB's tool is refused a MySQL database with generated columns: MySQL would refuse their values at restore", () => {
    const refusal = generatedColumnsRefusal(tool('mariadb114'), server('mysql84'), ['orders.total', 'orders.item_count'])
    expect(refusal).toBe(
      'mariadb-dump 11.4.10 (MariaDB) cannot dump this MySQL 8.4.11 database, which has generated columns (orders.total, orders.item_count): ' +
        "MariaDB's dump tool writes their values, and MySQL refuses them at restore (ERROR 3105, the value specified for a generated column is not allowed). " +
        "Use MySQL's own mysqldump, which leaves them out (a MySQL client on PATH, or client-version system)"
    )
    const many = Array.from({ length: 8 }, (_, i) => `t.c${i}`)
    expect(generatedColumnsRefusal(tool('mariadb118'), server('mysql97'), many)).toMatch(/\(t\.c0, t\.c1, t\.c2, t\.c3, t\.c4 and 3 more\)/)
    // Without generated columns, or with MySQL's tool, or on a MariaDB server (which ignores the values): no refusal.
    expect(generatedColumnsRefusal(tool('mariadb114'), server('mysql84'), [])).toBeUndefined()
    expect(generatedColumnsRefusal(tool('mysql80Ubuntu'), server('mysql84'), ['orders.total'])).toBeUndefined()
    expect(generatedColumnsRefusal(tool('mariadb114'), server('mariadb118'), ['orders.total'])).toBeUndefined()
  })

  test("the choice among installed tools: the server's family, else the other, never a refused one", () => {
    const mariadbTool = tool('mariadb114')
    const mysqlTool = tool('mysql80Ubuntu')
    expect(chooseDumpTool([mariadbTool, mysqlTool], server('mysql84'))).toBe(mysqlTool)
    expect(chooseDumpTool([mariadbTool, mysqlTool], server('mariadb118'))).toBe(mariadbTool)
    expect(chooseDumpTool([mariadbTool], server('mysql84'))).toBe(mariadbTool)
    expect(chooseDumpTool([mysqlTool], server('mariadb118'))).toBe(mysqlTool)
    // MySQL 26.7 with only MariaDB's tool installed: nothing can dump it.
    expect(chooseDumpTool([mariadbTool], server('mysql267'))).toBeUndefined()
    expect(chooseDumpTool([mariadbTool, mysqlTool], server('mysql267'))).toBe(mysqlTool)
    expect(chooseDumpTool([], server('mariadb118'))).toBeUndefined()
  })
})
