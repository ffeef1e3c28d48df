import type { DatabaseConfig } from '../../config/types.js'
import { NO_DUMP_OPTIONS, type DumpOptions } from '../../config/dump-args.js'
import { connectionArgs, onlyOptionFile } from './connection.js'
import { describeServer, describeTool, pairingOptions, type DumpTool, type PairingOption, type ServerInfo } from './pairing.js'

/** The dump tool's command line: the options every dump takes, the pairing's own, the backup's. */

/** The pairing's own options as one figure: each option and why it was chosen. */
export function describeOptions(tool: DumpTool, server: ServerInfo, options: PairingOption[]): string {
  if (options.length === 0) return `none beyond the common ones: ${describeTool(tool)} needs none for ${describeServer(server)}`
  return options.map(({ option, reason }) => `${option}: ${reason}`).join('; ')
}

/**
 * What a read of the table data back leaves out of a dump: everything but the rows and each
 * table's CREATE TABLE, which is how the reader learns a table that has no rows.
 */
const DATA_ONLY = ['--skip-triggers', '--skip-routines', '--skip-events', '--skip-comments']

export function dumpArgs(
  optionFilePath: string,
  database: DatabaseConfig,
  tool: DumpTool,
  server: ServerInfo,
  options: DumpOptions = NO_DUMP_OPTIONS,
  dataOnly = false,
  history = false
): string[] {
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
    // What this tool needs for this server: GTIDs, column statistics (see pairing.ts).
    ...pairingOptions(tool, server).map(({ option }) => option),
    ...options.excludeTables.map((table) => `--ignore-table=${database.name}.${table}`),
    ...options.args,
    ...(dataOnly ? DATA_ONLY : []),
    // The rows of system-versioned tables with their history (versionedTables decides).
    ...(history ? ['--dump-history'] : []),
    // The end of the options: a database or table name is never read as one.
    '--',
    database.name,
    ...options.tables
  ]
}
