import type { EngineFacts, TableRules } from '../catalog.js'
import { decompressCommand } from '../../util/compression.js'
import { CONNECTION, PASSWORD, PRINTS, type ToolSyntax } from '../shared/dump-arg-syntax.js'

/** What is known of MySQL and MariaDB without loading the engine (engines/catalog.ts): data and pure rules, read by config validation and the summary. */

const DUMP_ARGS: ToolSyntax = {
  tool: 'mysqldump / mariadb-dump',
  abbreviations: true,
  prefixes: true,
  longValues: [
    'as-of', 'character-sets-dir', 'compatible', 'compression-algorithms', 'default-auth', 'default-character-set', 'defaults-extra-file', 'defaults-file',
    'defaults-group-suffix', 'dir', 'fields-enclosed-by', 'fields-escaped-by', 'fields-optionally-enclosed-by', 'fields-terminated-by', 'host',
    'ignore-database', 'ignore-error', 'ignore-table', 'ignore-table-data', 'lines-terminated-by', 'log-error', 'login-path', 'max-allowed-packet',
    'net-buffer-length', 'plugin-dir', 'port', 'protocol', 'result-file', 'server-public-key-path', 'set-gtid-purged', 'socket', 'ssl-ca',
    'ssl-capath', 'ssl-cert', 'ssl-cipher', 'ssl-crl', 'ssl-crlpath', 'ssl-fips-mode', 'ssl-key', 'ssl-mode', 'system', 'tab', 'tls-ciphersuites',
    'tls-version', 'user', 'where', 'zstd-compression-level'
  ],
  shortValues: 'hPrSTuw',
  shortAttachedValues: 'p#',
  rules: [
    { long: ['result-file'], short: 'r', reason: 'the action takes the dump from the tool\'s output, to hash, compress and verify it as it is written' },
    { long: ['tab', 'dir'], short: 'T', reason: 'writes each table to files of its own instead of one dump' },
    { long: ['xml'], short: 'X', reason: 'the action verifies and restores a SQL dump', when: 'on' },
    { long: ['compact'], reason: 'it removes the comments, among them the "-- Dump completed" line by which the action knows the dump is whole', when: 'on' },
    { long: ['comments'], reason: 'the action checks the "-- Dump completed" comment to know the dump is whole', when: 'off' },
    { long: ['password', 'password1', 'password2', 'password3'], short: 'p', reason: PASSWORD },
    { long: ['host', 'port', 'user', 'socket', 'protocol', 'pipe', 'shared-memory-base-name'], short: 'hPuSW', reason: CONNECTION },
    { long: ['databases', 'all-databases', 'tables'], short: 'BA', reason: 'the action dumps db-name; the tables input chooses tables' },
    { long: ['ignore-table'], reason: 'use the exclude-tables input' },
    {
      long: ['defaults-file', 'defaults-extra-file', 'defaults-group-suffix', 'no-defaults', 'print-defaults', 'login-path'],
      reason: 'the action\'s own option file, the only one read, carries the user and password'
    },
    { long: ['log-error'], reason: 'the tool\'s errors would go to a file, where the action cannot report them' },
    { long: ['delete-master-logs'], reason: 'it deletes the server\'s binary logs, which point-in-time recovery needs: a backup changes nothing on the server' },
    { long: ['debug'], short: '#', reason: 'writes a trace to a file' },
    { long: ['version', 'help'], short: 'V?I', reason: PRINTS }
  ]
}

/** mysqldump names exact tables of the one database it dumps: `db.tbl` must be of db-name, and is passed as `tbl`. */
const TABLES: TableRules = {
  name(entry, database) {
    if (/[*?%]/.test(entry)) return { problem: `"${entry}": mysqldump takes exact table names, not patterns` }
    const dot = entry.indexOf('.')
    if (dot === -1) return { name: entry }
    const [schema, table] = [entry.slice(0, dot), entry.slice(dot + 1)]
    if (schema !== database) return { problem: `"${entry}" is in database "${schema}", but the dump is of "${database}"` }
    return { name: table }
  }
}

export const mysqlFacts = {
  defaultPort: 3306,
  urlProtocols: ['mysql:', 'mariadb:'],
  requiresDatabaseName: true,
  fileExtensions: ['sql.zst', 'sql.gz', 'sql'],
  restoreCheck: true,
  sourceCheck: false,
  manyDatabases: 'every',
  systemDatabases: ['information_schema', 'performance_schema', 'mysql', 'sys'],
  maintenanceDatabase: 'information_schema',
  globals: false,
  dumpArgs: DUMP_ARGS,
  tables: TABLES,
  restoreCommand: (fetch, fileName) => `${fetch}${decompressCommand(fileName)} | mysql --host "$DB_HOST" --user "$DB_USER" -p "$DB_NAME"`
} satisfies EngineFacts

/** MariaDB: the same engine; a `mariadb:` URL first, and its own client to restore with. */
export const mariadbFacts = {
  ...mysqlFacts,
  urlProtocols: ['mariadb:', 'mysql:'],
  restoreCommand: (fetch, fileName) => `${fetch}${decompressCommand(fileName)} | mariadb --host "$DB_HOST" --user "$DB_USER" -p "$DB_NAME"`
} satisfies EngineFacts
