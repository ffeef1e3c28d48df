import * as core from '@actions/core'
import * as io from '@actions/io'
import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'
import { Transform } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import type { DatabaseConfig } from '../config/types.js'
import { errorMessage } from '../util/errors.js'
import { runFed } from '../util/dump-stream.js'
import { describeFailure, runTool, type ToolResult } from '../util/process.js'
import { withSecretFile } from '../util/secret-file.js'
import { clientEnv, connectionArgs, explainFailure, optionFile } from './mysql.js'
import { decompressedStream } from './restore-input.js'
import { MysqlDumpScanner } from './mysql-confinement.js'
import { contentDifferences, differencesText } from './contents.js'
import type { Contents, Figures, Restored, RestoreRequest, Restorer, VerifyRequest } from './types.js'

const CLIENT_HINT = 'install a MariaDB or MySQL client (for example `sudo apt-get install mariadb-client`)'

const CREATE_TABLE = /^CREATE TABLE `((?:[^`]|``)+)` \(/
// A column list comes with generated or invisible columns (MySQL's mysqldump leaves generated ones out).
const INSERT = /^INSERT INTO `((?:[^`]|``)+)` (?:\((?:`(?:[^`]|``)*`(?:, ?)?)+\) )?VALUES ?/

function identifier(quoted: string): string {
  return quoted.replace(/``/g, '`')
}

/** Where the scan of one INSERT's VALUES list is: inside a string, and how deep in parentheses. */
interface InsertScan {
  table: string
  depth: number
  quote: string
}

/**
 * Counts the rows of each table in a mysqldump or mariadb-dump script as it streams past: the
 * top-level parenthesised tuples of each INSERT's VALUES list (one line or one row a line, as the
 * tool writes them), strings skipped; a table without rows still has its CREATE TABLE. Newlines
 * inside values are escaped by the tools, so a statement starts at the start of a line.
 */
export class SqlRowCounter {
  readonly rows: Contents = new Map()
  private partial = ''
  private insert: InsertScan | undefined
  // A character split between two chunks is joined before it is read.
  private readonly decoder = new StringDecoder('utf8')

  push(chunk: Buffer): void {
    const lines = (this.partial + this.decoder.write(chunk)).split('\n')
    this.partial = lines.pop() ?? ''
    for (const line of lines) this.line(line)
  }

  finish(): Contents {
    this.line(this.partial + this.decoder.end())
    this.partial = ''
    return this.rows
  }

  private line(line: string): void {
    if (this.insert) return this.scan(this.insert, line)
    const created = CREATE_TABLE.exec(line)
    if (created) {
      const table = identifier(created[1])
      this.rows.set(table, this.rows.get(table) ?? 0)
      return
    }
    const insert = INSERT.exec(line)
    if (insert) {
      this.insert = { table: identifier(insert[1]), depth: 0, quote: '' }
      this.scan(this.insert, line.slice(insert[0].length))
    }
  }

  private scan(insert: InsertScan, text: string): void {
    let rows = 0
    for (let i = 0; i < text.length; i++) {
      const char = text[i]
      if (insert.quote) {
        if (char === '\\') i++
        else if (char === insert.quote) insert.quote = ''
      } else if (char === "'" || char === '"') insert.quote = char
      else if (char === '(') {
        if (insert.depth === 0) rows++
        insert.depth++
      } else if (char === ')') insert.depth--
      else if (char === ';' && insert.depth === 0) {
        this.insert = undefined
        break
      }
    }
    this.rows.set(insert.table, (this.rows.get(insert.table) ?? 0) + rows)
  }
}

async function clientProgram(): Promise<string> {
  for (const name of ['mariadb', 'mysql']) {
    const path = await io.which(name, false)
    if (path) return path
  }
  throw new Error(`neither mariadb nor mysql was found on PATH: ${CLIENT_HINT}`)
}

function clientArgs(optionFilePath: string, database: DatabaseConfig, extra: string[]): string[] {
  return [`--defaults-file=${optionFilePath}`, ...connectionArgs(database), '--connect-timeout=30', ...extra, '--', database.name]
}

function failure(what: string, result: ToolResult, database: DatabaseConfig, timeoutMs: number): Error {
  const described = describeFailure(what, result, timeoutMs)
  const explanation = result.timedOut ? undefined : explainFailure(result.stderr, database)
  return new Error(explanation ? `${explanation}: ${described}` : described)
}

function sqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/** Runs one query in the database; its tab-separated rows. */
async function query(database: DatabaseConfig, workDir: string, sql: string, timeoutMs: number, cleanup = false): Promise<string[][]> {
  const client = await clientProgram()
  const result = await withSecretFile(workDir, 'client.cnf', optionFile(database), (optionFilePath) =>
    runTool({
      command: client,
      args: clientArgs(optionFilePath, database, ['--batch', '--skip-column-names', '--raw', `--execute=${sql}`]),
      env: clientEnv(optionFilePath, client),
      timeoutMs,
      cleanup
    })
  )
  if (result.exitCode !== 0 || result.timedOut) throw failure(basename(client), result, database, timeoutMs)
  return result.stdout.split('\n').filter(Boolean).map((line) => line.split('\t'))
}

/** Exact row counts of every base table of the database (information_schema's are estimates). */
export async function tableRows(database: DatabaseConfig, workDir: string, timeoutMs: number): Promise<Contents> {
  const tables = (await query(database, workDir, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'", timeoutMs)).map(
    ([name]) => name
  )
  const rows: Contents = new Map()
  if (tables.length === 0) return rows
  const counts = tables.map((name) => `SELECT ${sqlString(name)}, COUNT(*) FROM ${quoteIdentifier(name)}`).join(' UNION ALL ')
  for (const [name, count] of await query(database, workDir, counts, timeoutMs)) rows.set(name, Number(count))
  return rows
}

/**
 * Reads the whole dump, decompressed, before any of it runs, and refuses one that would act
 * outside the target database (mysql-confinement.ts): a name of another database, USE, CREATE
 * DATABASE, a client command, ...
 */
export async function checkConfined(database: DatabaseConfig, file: string): Promise<void> {
  const scanner = new MysqlDumpScanner(database.name)
  for await (const chunk of await decompressedStream(file)) scanner.push(chunk as Buffer)
  scanner.finish()
}

/**
 * The client's session starts with no sql_mode: the confinement scan reads the dump as a server
 * without ANSI_QUOTES or NO_BACKSLASH_ESCAPES does until the dump sets its own (mariadb-dump and
 * mysqldump set it in their header), whatever the server's default.
 */
const PLAIN_SQL_MODE = "--init-command=SET SESSION sql_mode = ''"

/**
 * Feeds the dump, decompressed as it streams, to the client, counting each table's rows on the
 * way, once the confinement scan has read it all. The dump drops and recreates each of its
 * tables, and touches nothing else.
 */
export async function loadDump(database: DatabaseConfig, file: string, workDir: string, timeoutMs: number): Promise<Contents> {
  await checkConfined(database, file)
  const client = await clientProgram()
  const counter = new SqlRowCounter()
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counter.push(chunk)
      done(null, chunk)
    }
  })
  const input = await decompressedStream(file, counting)
  const result = await withSecretFile(workDir, 'client.cnf', optionFile(database), (optionFilePath) =>
    runFed(
      {
        command: client,
        args: clientArgs(optionFilePath, database, ['--batch', '--binary-mode', '--default-character-set=utf8mb4', '--max-allowed-packet=1G', PLAIN_SQL_MODE]),
        env: clientEnv(optionFilePath, client),
        timeoutMs
      },
      input
    )
  )
  if (result.exitCode !== 0 || result.timedOut) throw failure(`${basename(client)} loading the dump`, result, database, timeoutMs)
  return counter.finish()
}

const UNITS = { object: 'rows', holder: 'table' }

function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``
}

/**
 * Loads the new dump into a scratch database on the same server, then checks that every table
 * holds as many rows as the dump does. The scratch database is dropped whatever happens.
 */
export async function restoreCheck({ database, file, workDir, timeoutMs }: VerifyRequest): Promise<Figures> {
  const scratchName = `restore_check_${randomBytes(4).toString('hex')}`
  const scratch: DatabaseConfig = { ...database, name: scratchName }
  try {
    await query(database, workDir, `CREATE DATABASE ${quoteIdentifier(scratchName)}`, timeoutMs).catch((error: unknown) => {
      throw new Error(`restore-check could not create the scratch database ${scratchName} (the user needs CREATE and DROP on it): ${errorMessage(error)}`)
    })
    const dumped = await loadDump(scratch, file, workDir, timeoutMs)
    const differences = contentDifferences(dumped, await tableRows(scratch, workDir, timeoutMs), UNITS)
    if (differences.length > 0) throw new Error(`the restored database differs from the dump: ${differencesText(differences)}`)
    const rows = [...dumped.values()].reduce((sum, count) => sum + count, 0)
    return { 'restore check': `${dumped.size} tables, ${rows} rows restored into a scratch database and matched` }
  } finally {
    await query(database, workDir, `DROP DATABASE IF EXISTS ${quoteIdentifier(scratchName)}`, timeoutMs, true).catch((error: unknown) =>
      core.warning(`the scratch database ${scratchName} could not be dropped: drop it by hand (${errorMessage(error)})`)
    )
  }
}

export const mysqlRestorer: Restorer = {
  units: UNITS,
  restoreCheck,
  usesClient: true,
  sharedHolders: false,
  restoredObjects: (archive) => archive.size,
  contents: tableRows,

  async restore({ database, file, workDir, timeoutMs }: RestoreRequest): Promise<Restored> {
    const archive = await loadDump(database, file, workDir, timeoutMs)
    const rows = [...archive.values()].reduce((sum, count) => sum + count, 0)
    return { archive, figures: { restored: `${archive.size} tables, ${rows} rows` } }
  }
}
