import * as io from '@actions/io'
import { basename } from 'node:path'
import type { DatabaseConfig } from '../../config/types.js'
import { requireSuccess, runTool, toolFailed } from '../../util/process.js'
import type { DumpOptions } from '../../config/dump-args.js'
import { clientEnv, connectionArgs, onlyOptionFile } from './connection.js'
import { failure } from './failures.js'
import { parseDumpToolVersion, parseServerVersion, type DumpTool, type ServerInfo } from './pairing.js'

/** The clients and dump tools installed, and what the backup asks the server through the client. */

export async function firstOnPath(names: string[]): Promise<string | undefined> {
  for (const name of names) {
    const path = await io.which(name, false)
    if (path) return path
  }
  return undefined
}

export async function installedDumpTools(): Promise<DumpTool[]> {
  const tools: DumpTool[] = []
  for (const name of ['mariadb-dump', 'mysqldump']) {
    const path = await io.which(name, false)
    if (!path) continue
    const result = await runTool({ command: path, args: ['--version'] })
    requireSuccess(`${path} --version`, result)
    tools.push({ path, ...parseDumpToolVersion(result.stdout) })
  }
  return tools
}

/** Runs one query with the client, in the database; its output, tab-separated rows. */
export async function clientQuery(client: string, optionFilePath: string, database: DatabaseConfig, sql: string, timeoutMs: number): Promise<string> {
  const result = await runTool({
    command: client,
    args: [
      onlyOptionFile(optionFilePath),
      ...connectionArgs(database),
      '--connect-timeout=30',
      '--batch',
      '--skip-column-names',
      `--execute=${sql}`,
      '--',
      database.name
    ],
    env: clientEnv(optionFilePath, client),
    timeoutMs
  })
  if (toolFailed(result)) throw failure(`connecting with ${basename(client)}`, result, database, timeoutMs)
  return result.stdout
}

/** clientQuery's rows, each split into its fields (as --batch writes them: see unescapeBatch). */
async function clientRows(client: string, optionFilePath: string, database: DatabaseConfig, sql: string, timeoutMs: number): Promise<string[][]> {
  return (await clientQuery(client, optionFilePath, database, sql, timeoutMs))
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
}

export async function readServerVersion(client: string, optionFilePath: string, database: DatabaseConfig, timeoutMs: number): Promise<ServerInfo> {
  return parseServerVersion(await clientQuery(client, optionFilePath, database, 'SELECT VERSION(), @@version_comment', timeoutMs))
}

/** `table.column` of every generated column of the database (not DEFAULT_GENERATED ones: those take values). */
export async function generatedColumns(client: string, optionFilePath: string, database: DatabaseConfig, timeoutMs: number): Promise<string[]> {
  const sql =
    'SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ' +
    "AND EXTRA IN ('VIRTUAL GENERATED', 'STORED GENERATED') ORDER BY TABLE_NAME, ORDINAL_POSITION"
  return (await clientRows(client, optionFilePath, database, sql, timeoutMs)).map((fields) => fields.join('.'))
}

/** What the client's --batch output escapes in a value (a line break, a tab, a backslash, NUL), put back. */
export function unescapeBatch(value: string): string {
  return value.replace(/\\([nt0\\])/g, (_, code: string) => ({ n: '\n', t: '\t', '0': '\0', '\\': '\\' })[code] ?? code)
}

/** A system-versioned table of MariaDB: its history kept by timestamps, or by transaction ids (which mariadb-dump cannot dump). */
export interface VersionedTable {
  name: string
  transactionPrecise: boolean
}

export async function versionedTables(client: string, optionFilePath: string, database: DatabaseConfig, timeoutMs: number): Promise<VersionedTable[]> {
  const sql =
    'SELECT t.TABLE_NAME, MAX(c.DATA_TYPE) FROM information_schema.TABLES t LEFT JOIN information_schema.COLUMNS c ' +
    "ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.GENERATION_EXPRESSION = 'ROW START' " +
    "WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'SYSTEM VERSIONED' GROUP BY t.TABLE_NAME ORDER BY t.TABLE_NAME"
  return (await clientRows(client, optionFilePath, database, sql, timeoutMs)).map(([name, rowStartType]) => ({ name: unescapeBatch(name), transactionPrecise: rowStartType === 'bigint' }))
}

/**
 * The database's FLOAT columns without a declared scale: the server writes their values as text
 * of 6 significant digits (8/3, stored as 2.6666667461395264, as 2.66667), so the dump holds
 * them rounded, and a restore gives the float nearest that text. Every check compares the
 * dump's text and cannot see it: the backup says so instead.
 */
export async function roundedFloatColumns(client: string, optionFilePath: string, database: DatabaseConfig, options: DumpOptions, timeoutMs: number): Promise<string[]> {
  const sql =
    "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE = 'float' AND NUMERIC_SCALE IS NULL " +
    "AND TABLE_NAME IN (SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')) " +
    'ORDER BY TABLE_NAME, ORDINAL_POSITION'
  return (await clientRows(client, optionFilePath, database, sql, timeoutMs))
    .map((fields) => fields.map(unescapeBatch))
    .filter(([table]) => (options.tables.length === 0 || options.tables.includes(table)) && !options.excludeTables.includes(table))
    .map(([table, column]) => `${table}.${column}`)
}
