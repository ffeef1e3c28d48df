import { basename } from 'node:path'
import { compareVersions } from '../../tools/versions.js'

/**
 * Which dump tool can dump which server, and with which options: decided from the versions read at
 * run time (`--version` of the tool, `SELECT VERSION(), @@version_comment` of the server), never
 * from the db-type input. Pure functions, so that every pairing is unit-tested with the
 * `--version` outputs of real clients.
 */

export type ServerFamily = 'mariadb' | 'mysql'

export const FAMILY_NAME: Record<ServerFamily, string> = { mariadb: 'MariaDB', mysql: 'MySQL' }

export interface DumpTool {
  path: string
  family: ServerFamily
  version: string
}

export interface ServerInfo {
  family: ServerFamily
  version: string
  /** VERSION() as the server answered it. */
  text: string
  /** @@version_comment: `MySQL Community Server - GPL`, `mariadb.org binary distribution`, ... */
  comment: string
}

/** A dump option that depends on the pairing, with the reason shown in the summary. */
export interface PairingOption {
  option: string
  reason: string
}

/**
 * `mysqldump  Ver 8.0.42-0ubuntu0.24.04.1 for Linux on x86_64 ((Ubuntu))`,
 * `mysqldump  Ver 10.13 Distrib 5.7.44, for Linux (x86_64)`,
 * `mariadb-dump  Ver 10.19 Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)`,
 * `/usr/bin/mariadb-dump from 11.8.6-MariaDB, client 10.19 for debian-linux-gnu (x86_64)`.
 */
export function parseDumpToolVersion(text: string): { family: ServerFamily; version: string } {
  const match = /(?:Distrib|from)\s+(\d+\.\d+\.\d+)/.exec(text) ?? /Ver\s+(\d+\.\d+\.\d+)/.exec(text)
  if (!match) throw new Error(`cannot read the dump tool's version from "${text.trim()}"`)
  return { family: /mariadb/i.test(text) ? 'mariadb' : 'mysql', version: match[1] }
}

/**
 * The answer to `SELECT VERSION(), @@version_comment` (tab-separated): `11.4.3-MariaDB-ubu2404`
 * and `mariadb.org binary distribution`, or `8.4.3` and `MySQL Community Server - GPL`. MariaDB
 * always names itself in VERSION(); every other server of this protocol is MySQL or a fork of it.
 */
export function parseServerVersion(text: string): ServerInfo {
  const [version = '', comment = ''] = text.trim().split('\t')
  const match = /^(\d+\.\d+\.\d+)/.exec(version.trim())
  if (!match) throw new Error(`unexpected server version "${text.trim()}"`)
  return { family: /mariadb/i.test(version) ? 'mariadb' : 'mysql', version: match[1], text: version.trim(), comment: comment.trim() }
}

const atLeast = (version: string, minimum: string): boolean => compareVersions(version, minimum) >= 0

export function describeTool(tool: DumpTool): string {
  return `${basename(tool.path)} ${tool.version} (${FAMILY_NAME[tool.family]})`
}

export function describeServer(server: ServerInfo): string {
  return `${FAMILY_NAME[server.family]} ${server.version}`
}

/**
 * Why a tool cannot dump a server, naming both versions; undefined when it can. Only pairings known
 * to fail are refused: the dump would fail, or would leave out what this action promises to keep.
 */
export function pairingRefusal(tool: DumpTool, server: ServerInfo): string | undefined {
  const pair = `${describeTool(tool)} cannot dump ${describeServer(server)}`
  // mariadb-dump takes any server numbered 10.3 or higher for a MariaDB one and, with --routines,
  // asks it for Oracle-mode packages; MySQL numbers its releases YY.M from 26.7 (July 2026) on.
  if (tool.family === 'mariadb' && server.family === 'mysql' && atLeast(server.version, '10.3.0')) {
    return (
      `${pair}: MariaDB's dump tool reads a server numbered 10.3 or higher as MariaDB and asks it for stored packages ` +
      "(SHOW PACKAGE STATUS), which MySQL rejects as a syntax error (1064), so the server's routines cannot be dumped. " +
      "Use MySQL's own mysqldump (a MySQL client of the server's version on PATH, or client-version system)"
    )
  }
  // MySQL 9.0 removed the server side of mysql_native_password; caching_sha2_password reached
  // MySQL's client library in 5.7.23.
  if (tool.family === 'mysql' && server.family === 'mysql' && atLeast(server.version, '9.0.0') && !atLeast(tool.version, '5.7.23')) {
    return (
      `${pair}: MySQL 9 accepts no mysql_native_password logins, and MySQL clients before 5.7.23 cannot log in with ` +
      "caching_sha2_password. Use a MySQL 8.0 or newer client"
    )
  }
  return undefined
}

/**
 * Why a tool cannot dump this database of a server: MariaDB's dump tool writes the values of
 * generated columns into its INSERTs, which MariaDB ignores but MySQL refuses (ERROR 3105), so the
 * backup of a MySQL database with generated columns would not restore into MySQL. MySQL's
 * mysqldump leaves them out. `columns` are the database's generated columns, `table.column`.
 */
export function generatedColumnsRefusal(tool: DumpTool, server: ServerInfo, columns: string[]): string | undefined {
  if (tool.family !== 'mariadb' || server.family !== 'mysql' || columns.length === 0) return undefined
  const shown = columns.length > 5 ? `${columns.slice(0, 5).join(', ')} and ${columns.length - 5} more` : columns.join(', ')
  return (
    `${describeTool(tool)} cannot dump this ${describeServer(server)} database, which has generated columns (${shown}): ` +
    "MariaDB's dump tool writes their values, and MySQL refuses them at restore (ERROR 3105, the value specified for a generated column is not allowed). " +
    "Use MySQL's own mysqldump, which leaves them out (a MySQL client on PATH, or client-version system)"
  )
}

/** The options a pairing needs beyond the ones every dump gets, each with its reason. */
export function pairingOptions(tool: DumpTool, server: ServerInfo): PairingOption[] {
  if (tool.family !== 'mysql') return []
  const options: PairingOption[] = []
  // Always OFF with MySQL's tool, whatever the server's gtid_mode: a backup of one database is
  // restored into any server, never used to seed a replica; OFF also skips the GTID queries a
  // MariaDB server cannot answer, and the global read lock (RELOAD) that 8.0.32 takes with
  // --single-transaction when the server has GTIDs.
  if (atLeast(tool.version, '5.6.9')) {
    options.push({
      option: '--set-gtid-purged=OFF',
      reason:
        server.family === 'mysql'
          ? 'no SET @@GLOBAL.GTID_PURGED in the dump, so it restores into any server, GTIDs on or off; and no global read lock (RELOAD privilege) that mysqldump 8.0.32+ takes with --single-transaction on a server with GTIDs'
          : "MariaDB has no gtid_mode: mysqldump's GTID queries are skipped"
    })
  }
  // The option exists from 8.0.2; its query fails on a server without the table.
  if (atLeast(tool.version, '8.0.2')) {
    const hasTable = server.family === 'mysql' && atLeast(server.version, '8.0.0')
    options.push({
      option: '--column-statistics=0',
      reason: hasTable
        ? 'histograms are optimizer statistics, not data: no ANALYZE TABLE ... UPDATE HISTOGRAM statements to rerun at restore'
        : `${describeServer(server)} has no information_schema.COLUMN_STATISTICS, which a MySQL 8+ mysqldump otherwise queries and fails on`
    })
  }
  return options
}

/**
 * Among the installed tools, one that can dump the server: of the server's own family if possible
 * (it knows the server's extensions), else of the other. Undefined when none can.
 */
export function chooseDumpTool(tools: DumpTool[], server: ServerInfo): DumpTool | undefined {
  const able = tools.filter((tool) => pairingRefusal(tool, server) === undefined)
  return able.find((tool) => tool.family === server.family) ?? able[0]
}
