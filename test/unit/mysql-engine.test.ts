import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../src/config/types.js'
import { connectionArgs, optionFile, optionFileValue, pluginDirEnv } from '../../src/engines/mysql/connection.js'
import { dumpArgs } from '../../src/engines/mysql/dump-args.js'
import { chooseDumpTool, mysql, parseDumpToolVersion, parseServerVersion, type DumpTool, type ServerInfo } from '../../src/engines/mysql/engine.js'
import { explainFailure } from '../../src/engines/mysql/failures.js'
import { SqlDumpScanner } from '../../src/engines/mysql/read-through.js'

const database: DatabaseConfig = {
  type: 'mariadb',
  host: 'db.internal',
  port: 3307,
  name: 'shop',
  user: 'backup',
  password: 'p#w"q\\x\'y z',
  params: {},
  urlProtocol: ''
}

const mariadbDump: DumpTool = { path: '/usr/bin/mariadb-dump', family: 'mariadb', version: '10.11.19' }
const mysqldump8: DumpTool = { path: '/usr/bin/mysqldump', family: 'mysql', version: '8.0.36' }
const mysqldump57: DumpTool = { path: '/opt/mysql57/bin/mysqldump', family: 'mysql', version: '5.7.44' }
const mariadbServer: ServerInfo = { family: 'mariadb', version: '10.11.19', text: '10.11.19-MariaDB-0+deb12u1', comment: 'Debian 12' }
const mysqlServer: ServerInfo = { family: 'mysql', version: '8.0.36', text: '8.0.36', comment: 'MySQL Community Server - GPL' }

/** Reads an option file value back the way MySQL's and MariaDB's option-file reader does (mysys/my_default.c). */
function readOptionValue(raw: string): string {
  let value = raw.trim()
  if ((value[0] === '"' || value[0] === "'") && value.length > 1 && value[0] === value[value.length - 1]) value = value.slice(1, -1)
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', s: ' ', '"': '"', "'": "'", '\\': '\\' }
  let out = ''
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\' && i < value.length - 1) {
      const next = value[++i]
      out += escapes[next] ?? `\\${next}`
    } else {
      out += value[i]
    }
  }
  return out
}

describe('MySQL option file', () => {
  test.each([
    'plain',
    'p#w"q\\x\'y z',
    ' leading and trailing spaces ',
    'hash # inside, quote " and backslash \\ at the end\\',
    'tab\tnew\nline\rreturn\bback',
    'ünïcödé 🔑'
  ])('%j is written so that the client reads it back unchanged', (password) => {
    const written = optionFileValue(password)
    expect(written.startsWith('"') && written.endsWith('"')).toBe(true)
    expect(written).not.toMatch(/[\n\r\t\b]/)
    expect(readOptionValue(written)).toBe(password)
  })

  test('holds the user and the password in a [client] group, and nothing else', () => {
    expect(optionFile(database)).toBe('[client]\nuser="backup"\npassword="p#w\\"q\\\\x\'y z"\n')
    expect(optionFile({ ...database, user: '', password: '' })).toBe('[client]\n')
  })
})

describe('MySQL command lines', () => {
  test('connect over TCP to a host name, even localhost, and through the socket to a path', () => {
    expect(connectionArgs(database)).toEqual(['--host=db.internal', '--port=3307', '--protocol=TCP'])
    expect(connectionArgs({ ...database, host: 'localhost' })).toEqual(['--host=localhost', '--port=3307', '--protocol=TCP'])
    expect(connectionArgs({ ...database, host: '[::1]' })).toEqual(['--host=::1', '--port=3307', '--protocol=TCP'])
    expect(connectionArgs({ ...database, host: '/run/mysqld/mysqld.sock' })).toEqual(['--socket=/run/mysqld/mysqld.sock'])
  })

  test('db-url TLS parameters become client options; others are refused by name', () => {
    expect(connectionArgs({ ...database, params: { 'ssl-ca': '/etc/ca.pem', 'ssl-verify-server-cert': '1' } })).toEqual([
      '--host=db.internal',
      '--port=3307',
      '--protocol=TCP',
      '--ssl-ca=/etc/ca.pem',
      '--ssl-verify-server-cert=1'
    ])
    expect(() => connectionArgs({ ...database, params: { 'plugin-dir': '/tmp/evil' } })).toThrow(/db-url parameter "plugin-dir" is not supported for mariadb/)
  })

  test('the dump takes the option file first, a consistent snapshot, routines, events and triggers, and never the password', () => {
    const args = dumpArgs('/work/client.cnf-1', database, mariadbDump, mariadbServer)
    expect(args[0]).toBe('--defaults-file=/work/client.cnf-1')
    // "--" ends the options: a database named "--xml" is a name, not an option.
    expect(args.slice(-2)).toEqual(['--', 'shop'])
    for (const option of ['--single-transaction', '--quick', '--routines', '--events', '--triggers', '--hex-blob', '--no-tablespaces']) {
      expect(args).toContain(option)
    }
    for (const option of ['--skip-comments', '--compact', '--lock-tables', '--skip-dump-date']) expect(args).not.toContain(option)
    expect(args.join(' ')).not.toContain(database.password)
    expect(args.some((arg) => /^--(column-statistics|set-gtid-purged)/.test(arg))).toBe(false)
  })

  test("MySQL's own tool gets the options that make it dump any server and restore anywhere", () => {
    expect(dumpArgs('/f', database, mysqldump8, mariadbServer)).toEqual(expect.arrayContaining(['--set-gtid-purged=OFF', '--column-statistics=0']))
    const old = dumpArgs('/f', database, mysqldump57, mysqlServer)
    expect(old).toContain('--set-gtid-purged=OFF')
    expect(old).not.toContain('--column-statistics=0')
  })
})

describe('client plugins of a client unpacked from a tarball', () => {
  test("the tarball's lib/plugin is named to both client libraries; a packaged client and a user's own setting are left alone", async () => {
    const root = await mkdtemp(join(tmpdir(), 'client-tarball-'))
    await mkdir(join(root, 'bin'))
    expect(pluginDirEnv(join(root, 'bin', 'mariadb'))).toEqual({})
    await mkdir(join(root, 'lib', 'plugin'), { recursive: true })
    const pluginDir = join(root, 'lib', 'plugin')
    expect(pluginDirEnv(join(root, 'bin', 'mariadb-dump'))).toEqual({ MARIADB_PLUGIN_DIR: pluginDir, LIBMYSQL_PLUGIN_DIR: pluginDir })
    expect(pluginDirEnv(undefined)).toEqual({})
    const saved = process.env.MARIADB_PLUGIN_DIR
    process.env.MARIADB_PLUGIN_DIR = '/opt/mine'
    try {
      expect(pluginDirEnv(join(root, 'bin', 'mariadb-dump'))).toEqual({ LIBMYSQL_PLUGIN_DIR: pluginDir })
    } finally {
      if (saved === undefined) delete process.env.MARIADB_PLUGIN_DIR
      else process.env.MARIADB_PLUGIN_DIR = saved
    }
  })
})

describe('MySQL versions and tool choice', () => {
  test('reads the server family and version from SELECT VERSION()', () => {
    expect(parseServerVersion('10.11.19-MariaDB-0+deb12u1\n')).toEqual({ family: 'mariadb', version: '10.11.19', text: '10.11.19-MariaDB-0+deb12u1', comment: '' })
    expect(parseServerVersion('8.0.36\tMySQL Community Server - GPL')).toEqual({ family: 'mysql', version: '8.0.36', text: '8.0.36', comment: 'MySQL Community Server - GPL' })
    expect(parseServerVersion('8.4.3-commercial')).toMatchObject({ family: 'mysql', version: '8.4.3' })
    expect(() => parseServerVersion('hello')).toThrow(/unexpected server version/)
  })

  test.each([
    ['mariadb-dump  Ver 10.19 Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)', 'mariadb', '10.11.19'],
    ['mariadb-dump from 11.4.2-MariaDB, client 10.19 for debian-linux-gnu (x86_64)', 'mariadb', '11.4.2'],
    ['mysqldump  Ver 8.0.36 for Linux on x86_64 (MySQL Community Server - GPL)', 'mysql', '8.0.36'],
    ['mysqldump  Ver 10.13 Distrib 5.7.44, for Linux (x86_64)', 'mysql', '5.7.44']
  ])('reads %j', (output, family, version) => {
    expect(parseDumpToolVersion(output)).toEqual({ family, version })
  })

  test("prefers the tool of the server's family, and takes the other when it is the only one", () => {
    expect(chooseDumpTool([mariadbDump, mysqldump8], mysqlServer)).toBe(mysqldump8)
    expect(chooseDumpTool([mariadbDump, mysqldump8], mariadbServer)).toBe(mariadbDump)
    expect(chooseDumpTool([mysqldump8], mariadbServer)).toBe(mysqldump8)
    expect(chooseDumpTool([], mariadbServer)).toBeUndefined()
  })

  test('the extension tells the compression', () => {
    expect(mysql.fileExtension({ name: 'gzip', level: 6 })).toBe('sql.gz')
    expect(mysql.fileExtension({ name: 'zstd', level: 3 })).toBe('sql.zst')
    expect(mysql.fileExtension({ name: 'none', level: 0 })).toBe('sql')
  })
})

describe('MySQL failures in words', () => {
  test.each([
    [`mariadb-dump: Got error: 1045: "Access denied for user 'backup'@'10.0.0.5' (using password: YES)" when trying to connect`, /^access denied: the server rejected user "backup"/],
    [`ERROR 1045 (28000): Access denied for user 'backup'@'localhost' (using password: YES)`, /^access denied/],
    [`mariadb-dump: Got error: 1049: "Unknown database 'shop'" when selecting the database`, /^database "shop" does not exist on the server at db\.internal:3307/],
    [`mariadb-dump: Couldn't execute 'SELECT /*!40001 SQL_NO_CACHE */ \`id\` FROM \`orders\`': Lost connection to server during query (2013)`, /^the server went away during the dump/],
    ['mysqldump: Error 2013: Lost connection to MySQL server during query when dumping table `orders` at row: 5121', /^the server went away/],
    [`ERROR 2002 (HY000): Can't connect to server on 'db.internal' (115)`, /^cannot connect to the server at db\.internal:3307/],
    [`mariadb-dump: Couldn't execute 'show events': Access denied for user 'backup'@'%' to database 'shop' (1044)`, /lacks a privilege the dump needs/],
    [`mysqldump: Error: 'Access denied; you need (at least one of) the PROCESS privilege(s) for this operation' when trying to dump tablespaces`, /lacks a privilege/]
  ])('%s', (stderr, meaning) => {
    expect(explainFailure(stderr, database)).toMatch(meaning)
  })

  test('the pairing failures a MySQL server meets are explained', () => {
    expect(explainFailure("ERROR 2026 (HY000): TLS/SSL error: self-signed certificate in certificate chain", database)).toMatch(
      /TLS connection to the server failed .*ssl-ca.*ssl-verify-server-cert=0/
    )
    expect(
      explainFailure(
        "ERROR 2059 (HY000): Authentication plugin 'caching_sha2_password' cannot be loaded: /usr/local/mysql/lib/plugin/caching_sha2_password.so: cannot open shared object file",
        database
      )
    ).toMatch(/^the client cannot load the authentication plugin caching_sha2_password/)
    expect(
      explainFailure(
        'ERROR 1419 (HY000) at line 90: You do not have the SUPER privilege and binary logging is enabled (you *might* want to use the less safe log_bin_trust_function_creators variable)',
        database
      )
    ).toMatch(/binary logging on.*log_bin_trust_function_creators=1/)
    expect(
      explainFailure('ERROR 1227 (42000) at line 70: Access denied; you need (at least one of) the SUPER, SET_ANY_DEFINER privilege(s) for this operation', database)
    ).toMatch(/DEFINER is another user/)
    expect(
      explainFailure("ERROR 3105 (HY000) at line 178: The value specified for generated column 'weight' in table 'parcels' is not allowed.", database)
    ).toMatch(/^the dump holds values for generated columns, which MySQL refuses/)
  })

  test('an error it does not know is left to the tool to say', () => {
    expect(explainFailure('mariadb-dump: something else entirely', database)).toBeUndefined()
  })
})

function scan(text: string, chunkSize = text.length): ReturnType<SqlDumpScanner['finish']> {
  const scanner = new SqlDumpScanner()
  const bytes = Buffer.from(text)
  for (let at = 0; at < bytes.length; at += chunkSize) scanner.push(bytes.subarray(at, at + chunkSize))
  return scanner.finish()
}

const HEADER = '-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)\n--\n-- Host: 127.0.0.1    Database: shop\n'
const TABLE = (name: string): string => `\n--\n-- Table structure for table \`${name}\`\n--\n\nCREATE TABLE \`${name}\` (id int);\n`
const TRAILER = '\n-- Dump completed on 2026-11-26  5:09:46\n'

describe('SQL dump scanner', () => {
  test('finds the header (after the sandbox line of newer MariaDB tools), the trailer and the tables, whatever the chunking', () => {
    const dump = `/*M!999999\\- enable the sandbox mode */ \n${HEADER}${TABLE('customers')}${TABLE('orders')}${'INSERT INTO orders VALUES (1);\n'.repeat(500)}${TRAILER}`
    for (const chunkSize of [1, 7, 29, 30, 31, 4096, dump.length]) {
      const result = scan(dump, chunkSize)
      expect(result).toEqual({
        header: HEADER.split('\n')[0],
        trailer: '-- Dump completed on 2026-11-26  5:09:46',
        tables: 2,
        bytes: Buffer.byteLength(dump)
      })
    }
    expect(scan(`-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n${TRAILER}`).tables).toBe(0)
  })

  test("the first sandbox line MariaDB's tools wrote (May 2024, /*!999999) is skipped too", () => {
    expect(scan(`/*!999999\\- enable the sandbox mode */ \n${HEADER}${TABLE('orders')}${TRAILER}`).tables).toBe(1)
  })

  test('a routine the user could not read fails the dump, split across chunks or not', () => {
    // As mysqldump and mariadb-dump write it where SHOW CREATE gave no body, and then complete the dump.
    const unreadable = "\n-- insufficient privileges to SHOW CREATE PROCEDURE `customer_count`\n-- does backup have permissions on mysql.proc?\n\n"
    const dump = `${HEADER}${TABLE('orders')}\n--\n-- Dumping routines for database 'shop'\n--\n${unreadable}${TRAILER}`
    for (const chunkSize of [1, 13, 40, dump.length]) {
      expect(() => scan(dump, chunkSize)).toThrow(/could not read the body of 1 stored routine\(s\).*missing from the dump.*SHOW_ROUTINE/)
    }
  })

  test('a dump without the trailer was cut short', () => {
    expect(() => scan(`${HEADER}${TABLE('orders')}INSERT INTO orders VALUES (1),(2`)).toThrow(/does not end with the "-- Dump completed" line .* cut short/)
  })

  test('a file without the header is not a dump of these tools', () => {
    expect(() => scan(`CREATE TABLE x (id int);\n${TRAILER}`)).toThrow(/does not start with the header line/)
    expect(() => scan('')).toThrow(/the dump is empty/)
  })
})
