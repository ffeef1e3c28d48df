import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'
import type { DatabaseConfig } from '../../config/types.js'
import { errorMessage } from '../../util/errors.js'
import { runFed } from '../../util/dump-feed.js'
import { toolFailed } from '../../util/process.js'
import { withSecretFile } from '../../util/secret-file.js'
import { clientEnv, optionFile } from './connection.js'
import { dumpTableData } from './engine.js'
import { decompressedStream } from '../shared/restore-input.js'
import { MysqlDumpScanner } from './confinement.js'
import { describeLoadFailure, SqlRowCounter } from './dump-reader.js'
import { mysqlRowFinder } from './row-finder.js'
import { checkDefiners, type DefinerPolicy } from './definer-check.js'
import type { DefinerUses } from './definers.js'
import { clientArgs, clientProgram, failure, query, sqlString } from './client-session.js'
import { comparedText, contentDifferences, countMismatches, describeContents, differencesText, digestDifferences } from '../shared/contents.js'
import type { Contents, Figures, Restored, RestoreRequest, Restorer, VerifyRequest } from '../types.js'

/**
 * Exact row counts of every base table of the database (information_schema's are estimates); a
 * system-versioned table's with its history, as a dump with --dump-history holds them (a table
 * restored without history has none, so its count is then its current rows).
 */
export async function tableRows(database: DatabaseConfig, workDir: string, timeoutMs: number): Promise<Contents> {
  const tables = await query(
    database,
    workDir,
    "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')",
    timeoutMs
  )
  const rows: Contents = new Map()
  if (tables.length === 0) return rows
  const counts = tables
    .map(([name, type]) => `SELECT ${sqlString(name)}, COUNT(*) FROM ${quoteIdentifier(name)}${type === 'SYSTEM VERSIONED' ? ' FOR SYSTEM_TIME ALL' : ''}`)
    .join(' UNION ALL ')
  for (const [name, count] of await query(database, workDir, counts, timeoutMs)) rows.set(name, Number(count))
  return rows
}

/** A dump read whole: its rows, digests and longest statement, and the DEFINERs of its objects. */
export interface ReadDump {
  counter: SqlRowCounter
  definers: DefinerUses
}

/**
 * Reads the whole dump, decompressed, before any of it runs: refuses one that would act outside
 * the target database (confinement.ts: a name of another database, USE, CREATE DATABASE, a
 * client command, ...), and reads its rows, their digests, its longest statement and its definers.
 */
export async function readDump(database: DatabaseConfig, file: string): Promise<ReadDump> {
  const scanner = new MysqlDumpScanner(database.name)
  const counter = new SqlRowCounter()
  for await (const chunk of await decompressedStream(file)) {
    scanner.push(chunk as Buffer)
    counter.push(chunk as Buffer)
  }
  scanner.finish()
  counter.finish()
  return { counter, definers: scanner.definers }
}

/**
 * The server takes no statement longer than its max_allowed_packet (a session cannot raise it):
 * a dump whose largest INSERT is longer would fail on it halfway, so it is refused before
 * anything runs, naming the setting and the size it needs.
 */
async function checkPacketSize(database: DatabaseConfig, dump: SqlRowCounter, workDir: string, timeoutMs: number): Promise<void> {
  const [[allowed]] = await query(database, workDir, 'SELECT @@max_allowed_packet', timeoutMs)
  // The packet holds the statement and one byte of command.
  const needed = dump.longestStatement + 1
  if (needed <= Number(allowed)) return
  const mebibytes = Math.ceil(needed / 1048576)
  throw new Error(
    `the dump's largest statement is ${dump.longestStatement} bytes, and the server takes none over its max_allowed_packet of ${allowed} bytes: ` +
      `set max_allowed_packet to at least ${mebibytes}M on the server (SET GLOBAL max_allowed_packet = ${mebibytes * 1048576}, and in its configuration) and run again; nothing was restored`
  )
}

/**
 * The client's session starts with no sql_mode: the confinement scan reads the dump as a server
 * without ANSI_QUOTES or NO_BACKSLASH_ESCAPES does until the dump sets its own (mariadb-dump and
 * mysqldump set it in their header), whatever the server's default.
 */
const PLAIN_SQL_MODE = "--init-command=SET SESSION sql_mode = ''"

/**
 * Feeds the dump, decompressed as it streams, to the client, once it has been read whole
 * (readDump), the server can take its largest statement, and its definers were met as `definers`
 * says. The dump drops and recreates each of its tables, and touches nothing else. With
 * `sayState`, a failure says what the client left of each table (a scratch database is dropped
 * anyway, a target is not).
 */
export async function loadDump(
  database: DatabaseConfig,
  file: string,
  workDir: string,
  timeoutMs: number,
  definers: DefinerPolicy,
  sayState = false
): Promise<{ dump: SqlRowCounter; figures: Figures }> {
  const { counter: dump, definers: named } = await readDump(database, file)
  await checkPacketSize(database, dump, workDir, timeoutMs)
  const figures = await checkDefiners(database, named, workDir, timeoutMs, definers)
  const client = await clientProgram()
  const input = await decompressedStream(file)
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
  if (toolFailed(result)) {
    const error = failure(`${basename(client)} loading the dump`, result, database, timeoutMs)
    const state = sayState ? describeLoadFailure(dump, result.stderr) : undefined
    throw state ? new Error(`${error.message}. ${state}`) : error
  }
  return { dump, figures }
}

/** The rows and content digests of a database, re-dumped by the same tool with the backup's options and read by the same reader. */
async function readTableData(database: DatabaseConfig, workDir: string, timeoutMs: number, history: boolean): Promise<SqlRowCounter> {
  const counter = new SqlRowCounter()
  await dumpTableData(database, workDir, timeoutMs, (chunk) => counter.push(chunk), history)
  counter.finish()
  return counter
}

/** `10.11.6-MariaDB-0+deb12u1` -> `MariaDB 10.11`: servers of one family and major write the same text for the same values. */
export function serverLine(version: string | undefined): string | undefined {
  const numbers = /^(\d+)\.(\d+)/.exec(version ?? '')
  if (!numbers) return undefined
  return `${/mariadb/i.test(version ?? '') ? 'MariaDB' : 'MySQL'} ${numbers[1]}.${numbers[2]}`
}

const UNITS = { object: 'rows', holder: 'table' }

function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``
}

/**
 * Loads the new dump into a scratch database on the same server, then re-dumps it and checks
 * that every table holds the dump's rows with the same content digest. The scratch database is
 * dropped whatever happens.
 */
export async function restoreCheck({ database, file, workDir, timeoutMs }: VerifyRequest): Promise<Figures> {
  const scratchName = `restore_check_${randomBytes(4).toString('hex')}`
  const scratch: DatabaseConfig = { ...database, name: scratchName }
  try {
    await query(database, workDir, `CREATE DATABASE ${quoteIdentifier(scratchName)}`, timeoutMs).catch((error: unknown) => {
      throw new Error(`restore-check could not create the scratch database ${scratchName} (the user needs CREATE and DROP on it): ${errorMessage(error)}`)
    })
    const { dump: dumped, figures } = await loadDump(scratch, file, workDir, timeoutMs, 'report')
    const restored = await readTableData(scratch, workDir, timeoutMs, dumped.history)
    const differences = contentDifferences(dumped.rows, restored.rows, UNITS)
    const counted = countMismatches(dumped.rows, restored.rows)
    const firstDifference = mysqlRowFinder(file, scratch, workDir, timeoutMs, dumped.history, (sql) => query(scratch, workDir, sql, timeoutMs))
    differences.push(...(await digestDifferences({ archive: dumped.digests(), firstDifference }, restored.digests(), UNITS, counted)))
    if (differences.length > 0) throw new Error(`the restored database differs from the dump: ${differencesText(differences)}`)
    return { 'restore check': `${comparedText(dumped.rows, UNITS, true)} (restored into a scratch database, read back with the dump tool)`, ...figures }
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

  async restore({ database, file, workDir, timeoutMs, mode, acceptMissingDefiners }: RestoreRequest): Promise<Restored> {
    // The dump drops each table it creates (DROP TABLE IF EXISTS): only this check keeps mode empty from replacing a table already there.
    if (mode === 'empty') {
      const held = await tableRows(database, workDir, timeoutMs)
      if (held.size > 0) throw new Error(`restore-mode is empty, but the target already holds ${describeContents(held, UNITS.holder)}: nothing was restored`)
    }
    const { dump, figures: definers } = await loadDump(database, file, workDir, timeoutMs, acceptMissingDefiners ? 'accept' : 'refuse', true)
    const archive = dump.rows
    const rows = [...archive.values()].reduce((sum, count) => sum + count, 0)
    const figures: Figures = { restored: `${archive.size} tables, ${rows} rows`, ...definers }
    // Another server may write the same values as other text (a float, a default charset): compared only within one family and major.
    const [[targetVersion]] = await query(database, workDir, 'SELECT VERSION()', timeoutMs)
    const [from, to] = [serverLine(dump.serverVersion), serverLine(targetVersion)]
    if (from !== to) return { archive, figures: { ...figures, 'content digests': `not compared: the backup is from ${from ?? 'an unknown server'}, the target is ${to}` } }
    return {
      archive,
      content: {
        archive: dump.digests(),
        readTarget: async () => (await readTableData(database, workDir, timeoutMs, dump.history)).digests(),
        firstDifference: mysqlRowFinder(file, database, workDir, timeoutMs, dump.history, (sql) => query(database, workDir, sql, timeoutMs))
      },
      figures
    }
  }
}
