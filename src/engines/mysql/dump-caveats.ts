import { compareVersions } from '../../tools/versions.js'
import { describeServer, describeTool, type DumpTool, type ServerInfo } from './pairing.js'
import type { VersionedTable } from './server-queries.js'

/** What a dump holds otherwise than the server does, said by the backup: FLOAT columns rounded, the history of system-versioned tables. */

/** The warning and figure for FLOAT columns the dump holds rounded (roundedFloatColumns). */
export function floatPlan(columns: string[]): { warning?: string; figure?: string } {
  if (columns.length === 0) return {}
  const named = columns.length > 5 ? `${columns.slice(0, 5).join(', ')} and ${columns.length - 5} more` : columns.join(', ')
  return {
    figure: `rounded to 6 significant digits in the dump: ${named}`,
    warning:
      `the FLOAT columns ${named} are backed up as the server writes them, rounded to 6 significant digits, and restore as the float nearest that: ` +
      'a value with more digits comes back changed, and no check can see it. Use DOUBLE (or DECIMAL) for values that must round-trip exactly'
  }
}

/**
 * Whether the dump can hold the history of the database's system-versioned tables (mariadb-dump
 * --dump-history, MariaDB 10.11 and newer, timestamp-based history only), and the warning that
 * names each table whose history it cannot hold: a backup without it still says SUCCESS.
 */
export function historyPlan(tool: DumpTool, server: ServerInfo, tables: VersionedTable[]): { history: boolean; warning?: string; figure?: string } {
  if (tables.length === 0) return { history: false }
  const names = tables.map((table) => table.name).join(', ')
  const able = tool.family === 'mariadb' && server.family === 'mariadb' && compareVersions(tool.version, '10.11.0') >= 0 && compareVersions(server.version, '10.11.0') >= 0
  const precise = tables.filter((table) => table.transactionPrecise).map((table) => table.name)
  if (able && precise.length === 0) return { history: true, figure: `with their history (--dump-history): ${names}` }
  const why =
    precise.length > 0
      ? `mariadb-dump cannot dump transaction-precise history (${precise.join(', ')})`
      : `only mariadb-dump 10.11 and newer dumps history, from a MariaDB 10.11 or newer server (here ${describeTool(tool)}, ${describeServer(server)})`
  return {
    history: false,
    figure: `current rows only, history left out: ${names}`,
    warning: `the system-versioned tables ${names} are backed up without their history: ${why}. Their current rows are in the backup`
  }
}
