import * as core from '@actions/core'
import * as io from '@actions/io'
import { basename, join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { CompressionName, DatabaseConfig } from '../config/types.js'
import { compareVersions } from '../tools/versions.js'
import { compressionOfName, sinkStream, storedBytes } from '../util/compression.js'
import { captureDump, decoded } from '../util/dump-stream.js'
import { errorMessage } from '../util/errors.js'
import { describeFailure, runTool, type ToolResult } from '../util/process.js'
import { withSecretFile } from '../util/secret-file.js'
import type { Engine, Figures, Snapshot, SnapshotRequest, VerifyRequest } from './types.js'

/** Serves db-type mysql and mariadb: the server's family, not the input, decides which dump tool fits. */

export type ServerFamily = 'mariadb' | 'mysql'

export interface DumpTool {
  path: string
  family: ServerFamily
  version: string
}

const CLIENT_HINT =
  'install a MariaDB or MySQL client (for example `sudo apt-get install mariadb-client`, or `mysql-client` for a MySQL server)'

const FAMILY_NAME: Record<ServerFamily, string> = { mariadb: 'MariaDB', mysql: 'MySQL' }

const EXTENSIONS: Record<CompressionName, string> = { gzip: 'sql.gz', zstd: 'sql.zst', none: 'sql' }

/**
 * db-url query parameters handed to the client as options: the TLS settings. MySQL's client
 * knows ssl-mode and get-server-public-key, MariaDB's knows ssl and ssl-verify-server-cert; a
 * client rejects an option it does not know, which is the clear error wanted.
 */
const URL_CLIENT_OPTIONS = new Set([
  'ssl',
  'ssl-mode',
  'ssl-ca',
  'ssl-capath',
  'ssl-cert',
  'ssl-key',
  'ssl-cipher',
  'ssl-crl',
  'ssl-crlpath',
  'ssl-verify-server-cert',
  'tls-version',
  'get-server-public-key',
  'server-public-key-path'
])

function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1')
}

/**
 * A value for a MySQL option file, read by the same code in MySQL and MariaDB: double quotes keep
 * `#` (a comment otherwise), quotes and leading or trailing spaces; inside them the reader turns
 * `\\`, `\"`, `\n`, `\r`, `\t` and `\b` back into the character.
 */
export function optionFileValue(value: string): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b' }
  return `"${value.replace(/[\\"\n\r\t\b]/g, (char) => escapes[char])}"`
}

/** The [client] option file: the only place the password is written. */
export function optionFile(database: DatabaseConfig): string {
  const lines = ['[client]']
  if (database.user) lines.push(`user=${optionFileValue(database.user)}`)
  if (database.password) lines.push(`password=${optionFileValue(database.password)}`)
  return `${lines.join('\n')}\n`
}

/**
 * Where to connect. A host name, even localhost, goes over TCP (the client would otherwise look
 * for a local socket file); a host that is a path is that socket file.
 */
export function connectionArgs(database: DatabaseConfig): string[] {
  const args = database.host.startsWith('/')
    ? [`--socket=${database.host}`]
    : [`--host=${bareHost(database.host)}`, `--port=${database.port}`, '--protocol=TCP']
  for (const [key, value] of Object.entries(database.params)) {
    if (!URL_CLIENT_OPTIONS.has(key)) {
      throw new Error(`db-url parameter "${key}" is not supported for ${database.type}: use one of ${[...URL_CLIENT_OPTIONS].join(', ')}`)
    }
    args.push(`--${key}=${value}`)
  }
  return args
}

/** `SELECT VERSION()`: `10.11.19-MariaDB-0+deb12u1` or `8.0.36`. */
export function parseServerVersion(text: string): { family: ServerFamily; version: string; text: string } {
  const trimmed = text.trim()
  const match = /^(\d+\.\d+\.\d+)/.exec(trimmed)
  if (!match) throw new Error(`unexpected server version "${trimmed}"`)
  return { family: /mariadb/i.test(trimmed) ? 'mariadb' : 'mysql', version: match[1], text: trimmed }
}

/**
 * `mariadb-dump  Ver 10.19 Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)`,
 * `mariadb-dump from 11.4.2-MariaDB, client 10.19 for Linux (x86_64)`,
 * `mysqldump  Ver 8.0.36 for Linux on x86_64 (MySQL Community Server - GPL)`,
 * `mysqldump  Ver 10.13 Distrib 5.7.44, for Linux (x86_64)`.
 */
export function parseDumpToolVersion(text: string): { family: ServerFamily; version: string } {
  const match = /(?:Distrib|from)\s+(\d+\.\d+\.\d+)/.exec(text) ?? /Ver\s+(\d+\.\d+\.\d+)/.exec(text)
  if (!match) throw new Error(`cannot read the dump tool's version from "${text.trim()}"`)
  return { family: /mariadb/i.test(text) ? 'mariadb' : 'mysql', version: match[1] }
}

/** The installed tool of the server's family, else any: mariadb-dump and MySQL's mysqldump both dump either server. */
export function chooseDumpTool(tools: DumpTool[], server: ServerFamily): DumpTool | undefined {
  return tools.find((tool) => tool.family === server) ?? tools[0]
}

/**
 * The option file as the only one read: no /etc/mysql/my.cnf, no ~/.my.cnf that could connect as
 * another user. Its [client] group is read as from any option file. It must be the first argument.
 */
function onlyOptionFile(optionFilePath: string): string {
  return `--defaults-file=${optionFilePath}`
}

/**
 * MySQL's clients read the login-path file (~/.mylogin.cnf) even with --defaults-file; pointing
 * MYSQL_TEST_LOGIN_FILE at a file that does not exist turns it off (MariaDB's clients have none).
 */
export function clientEnv(optionFilePath: string): Record<string, string> {
  return { MYSQL_TEST_LOGIN_FILE: `${optionFilePath}.no-login-paths` }
}

export function dumpArgs(optionFilePath: string, database: DatabaseConfig, tool: DumpTool): string[] {
  const mysqlTool = tool.family === 'mysql'
  return [
    onlyOptionFile(optionFilePath),
    ...connectionArgs(database),
    // One consistent InnoDB snapshot, taken without locking tables (it turns --lock-tables off).
    '--single-transaction',
    // Rows are streamed from the server one by one instead of being buffered whole in the client.
    '--quick',
    '--routines',
    '--events',
    '--triggers',
    '--hex-blob',
    '--default-character-set=utf8mb4',
    // The largest row the server can send; the client's default (24 MB or less) fails on larger ones.
    '--max-allowed-packet=1G',
    // Tablespaces are NDB-only, and dumping them needs the PROCESS privilege on MySQL 8.0.21+.
    '--no-tablespaces',
    // A GTID_PURGED statement in a one-database dump stops its restore into any server with GTIDs.
    ...(mysqlTool && compareVersions(tool.version, '5.6.9') >= 0 ? ['--set-gtid-purged=OFF'] : []),
    // MySQL 8's tool reads histograms from a table that MariaDB and MySQL 5.7 lack, and fails there.
    ...(mysqlTool && compareVersions(tool.version, '8.0.2') >= 0 ? ['--column-statistics=0'] : []),
    // The end of the options: a database name is never read as one.
    '--',
    database.name
  ]
}

/** MySQL and MariaDB error numbers as the clients print them: `ERROR 1045 (28000)`, `Got error: 1049:`, `... (2013)`. */
function errorCodes(stderr: string): Set<number> {
  return new Set([...stderr.matchAll(/(?:\bERROR\s+|\berror:\s*|\bError\s+|\()(\d{4})\b/g)].map((match) => Number(match[1])))
}

/** What a failure means, in words, for the errors a backup meets; undefined for others. */
export function explainFailure(stderr: string, database: DatabaseConfig): string | undefined {
  const codes = errorCodes(stderr)
  const has = (...wanted: number[]): boolean => wanted.some((code) => codes.has(code))
  const where = database.host.startsWith('/') ? database.host : `${bareHost(database.host)}:${database.port}`
  if (has(1045)) return `access denied: the server rejected user "${database.user}" with this password (or does not let it connect from this host)`
  if (has(1049)) return `database "${database.name}" does not exist on the server at ${where}`
  if (has(2006, 2013, 1927)) return 'the server went away during the dump (the connection was lost): the dump is incomplete'
  if (has(2002, 2003, 2005)) return `cannot connect to the server at ${where}`
  if (has(2026)) return 'the TLS connection to the server failed'
  if (has(1040)) return 'the server has too many connections'
  if (has(1044, 1142, 1143, 1227, 1370) || /privilege/i.test(stderr)) {
    return (
      `access denied: user "${database.user}" lacks a privilege the dump needs on "${database.name}" ` +
      '(SELECT, SHOW VIEW, TRIGGER, EVENT, and for routines SELECT on mysql.proc or SHOW_ROUTINE)'
    )
  }
  if (/max_allowed_packet|packet bigger/i.test(stderr)) return 'a row is larger than the largest packet the server allows (max_allowed_packet)'
  return undefined
}

function failure(what: string, result: ToolResult, database: DatabaseConfig, timeoutMs: number): Error {
  const described = describeFailure(what, result, timeoutMs)
  const explanation = result.timedOut ? undefined : explainFailure(result.stderr, database)
  return new Error(explanation ? `${explanation}: ${described}` : described)
}

async function firstOnPath(names: string[]): Promise<string | undefined> {
  for (const name of names) {
    const path = await io.which(name, false)
    if (path) return path
  }
  return undefined
}

async function installedDumpTools(): Promise<DumpTool[]> {
  const tools: DumpTool[] = []
  for (const name of ['mariadb-dump', 'mysqldump']) {
    const path = await io.which(name, false)
    if (!path) continue
    const result = await runTool({ command: path, args: ['--version'] })
    if (result.exitCode !== 0) throw new Error(describeFailure(`${path} --version`, result))
    tools.push({ path, ...parseDumpToolVersion(result.stdout) })
  }
  return tools
}

async function readServerVersion(client: string, optionFilePath: string, database: DatabaseConfig, timeoutMs: number) {
  const result = await runTool({
    command: client,
    args: [
      onlyOptionFile(optionFilePath),
      ...connectionArgs(database),
      '--connect-timeout=30',
      '--batch',
      '--skip-column-names',
      '--execute=SELECT VERSION()',
      '--',
      database.name
    ],
    env: clientEnv(optionFilePath),
    timeoutMs
  })
  if (result.exitCode !== 0 || result.timedOut) throw failure(`connecting with ${basename(client)}`, result, database, timeoutMs)
  return parseServerVersion(result.stdout)
}

const SANDBOX_LINE = '/*M!999999\\- enable the sandbox mode */'
const HEADER = /^-- (?:MySQL|MariaDB) dump\b/
const TRAILER = '-- Dump completed'
const TABLE_MARK = Buffer.from('\n-- Table structure for table ')
const HEAD_BYTES = 4096
const TAIL_BYTES = 4096

function countOf(haystack: Buffer, needle: Buffer): number {
  let count = 0
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++
  return count
}

/**
 * Reads a SQL dump as it streams past, keeping only its first and last few kilobytes: enough to
 * check the tool's header line and the `-- Dump completed` line that it writes last.
 */
export class SqlDumpScanner {
  private head = Buffer.alloc(0)
  private tail = Buffer.alloc(0)
  private carry = Buffer.alloc(0)
  private bytes = 0
  private tables = 0

  push(chunk: Buffer): void {
    if (this.head.length < HEAD_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)])
    this.tables += countOf(chunk, TABLE_MARK)
    // A mark split between two chunks lies wholly inside this join, and no whole mark fits in either part.
    this.tables += countOf(Buffer.concat([this.carry, chunk.subarray(0, TABLE_MARK.length - 1)]), TABLE_MARK)
    const joined = chunk.length >= TAIL_BYTES ? chunk : Buffer.concat([this.tail, chunk])
    this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - TAIL_BYTES)))
    this.carry = this.tail.subarray(Math.max(0, this.tail.length - (TABLE_MARK.length - 1)))
    this.bytes += chunk.length
  }

  /** The header and trailer lines, or an error saying which is missing. */
  finish(): { header: string; trailer: string; tables: number; bytes: number } {
    if (this.bytes === 0) throw new Error('the dump is empty')
    const lines = this.head.toString('utf8').split('\n', 3)
    const header = (lines[0].trim() === SANDBOX_LINE ? lines[1] : lines[0])?.trim() ?? ''
    if (!HEADER.test(header)) {
      throw new Error(`the dump does not start with the header line of mysqldump or mariadb-dump (it starts with "${header.slice(0, 60)}")`)
    }
    const trailer = this.tail.toString('utf8').trimEnd().split('\n').pop()?.trim() ?? ''
    if (!trailer.startsWith(TRAILER)) {
      throw new Error(
        `the dump does not end with the "${TRAILER}" line the dump tool writes last: it was cut short (it ends with "${trailer.slice(-60)}")`
      )
    }
    return { header, trailer, tables: this.tables, bytes: this.bytes }
  }
}

/** Reads the stored bytes to their end: the compressed stream whole, then the dump's header and trailer lines. */
async function readThrough(stored: Readable, compression: CompressionName): Promise<Figures> {
  const scanner = new SqlDumpScanner()
  try {
    await pipeline(decoded(stored, compression), sinkStream((chunk) => scanner.push(chunk)))
  } catch (error) {
    const what = compression === 'none' ? 'reading the dump failed' : `the ${compression} stream of the dump is damaged or cut short`
    throw new Error(`${what}: ${errorMessage(error)}`)
  }
  const dump = scanner.finish()
  return {
    'read through': compression === 'none' ? 'whole file' : `whole ${compression} stream`,
    'SQL bytes': dump.bytes,
    tables: dump.tables,
    header: dump.header,
    trailer: dump.trailer
  }
}

/** Data and index bytes of the database's tables as information_schema has them (InnoDB's figures are estimates). */
async function estimateSize(database: DatabaseConfig, workDir: string, timeoutMs: number): Promise<number> {
  const client = await firstOnPath(['mariadb', 'mysql'])
  if (!client) throw new Error(`neither mariadb nor mysql was found on PATH: ${CLIENT_HINT}`)
  return withSecretFile(workDir, 'estimate.cnf', optionFile(database), async (optionFilePath) => {
    const result = await runTool({
      command: client,
      args: [
        onlyOptionFile(optionFilePath),
        ...connectionArgs(database),
        '--connect-timeout=30',
        '--batch',
        '--skip-column-names',
        '--execute=SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = DATABASE()',
        '--',
        database.name
      ],
      env: clientEnv(optionFilePath),
      timeoutMs
    })
    if (result.exitCode !== 0 || result.timedOut) throw failure(`asking ${basename(client)} for the size`, result, database, timeoutMs)
    return Number(result.stdout.trim())
  })
}

export const mysql: Engine = {
  fileExtension: (compression) => EXTENSIONS[compression.name],
  estimateSize,
  // Header, settings and trailer of a dump of an empty database take several hundred bytes, compressed or not.
  minimumSizeBytes: 100,

  async snapshot({ database, workDir, fileName, timeoutMs, compression, open }: SnapshotRequest): Promise<Snapshot> {
    // Everything that can be wrong without the server fails before connecting: the db-url
    // parameters (connectionArgs refuses unknown ones) and the tools.
    connectionArgs(database)
    const client = await firstOnPath(['mariadb', 'mysql'])
    if (!client) throw new Error(`neither mariadb nor mysql was found on PATH (it reads the server's version): ${CLIENT_HINT}`)
    const tools = await installedDumpTools()
    if (tools.length === 0) throw new Error(`neither mariadb-dump nor mysqldump was found on PATH: ${CLIENT_HINT}`)

    const file = join(workDir, fileName)
    return withSecretFile(workDir, 'client.cnf', optionFile(database), async (optionFilePath) => {
      const server = await readServerVersion(client, optionFilePath, database, timeoutMs)
      const tool = chooseDumpTool(tools, server.family) as DumpTool
      if (tool.family !== server.family) {
        core.warning(
          `the server is ${FAMILY_NAME[server.family]} ${server.version} but only ${FAMILY_NAME[tool.family]}'s dump tool is installed (${tool.path}); ` +
            `it can dump it, but ${server.family === 'mysql' ? 'mysqldump from a MySQL client' : 'mariadb-dump from a MariaDB client'} matches it`
        )
      }
      const name = basename(tool.path)
      const capture = await captureDump({
        dump: { command: tool.path, args: dumpArgs(optionFilePath, database, tool), env: clientEnv(optionFilePath), timeoutMs },
        compression,
        file,
        open,
        check: (stored) => readThrough(stored, compression.name)
      })
      if (capture.dump.exitCode !== 0 || capture.dump.timedOut) throw failure(name, capture.dump, database, timeoutMs)
      return {
        file,
        sha256: capture.sha256,
        sizeBytes: capture.sizeBytes,
        figures: {
          client: `${name} ${tool.version} (${FAMILY_NAME[tool.family]})`,
          'client path': tool.path,
          'server version': server.text,
          compression: capture.compressor
        },
        readThrough: capture.readThrough
      }
    })
  },

  verify: async ({ file }: VerifyRequest): Promise<Figures> => readThrough(storedBytes(file), compressionOfName(file))
}
