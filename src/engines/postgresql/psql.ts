import type { DatabaseConfig } from '../../config/types.js'
import { requireTool } from '../../tools/find.js'
import { requireSuccess, runTool, type ToolCommand } from '../../util/process.js'
import { conninfo, passwordEnv } from './connection.js'

/** Every psql the action runs is started from here: the same options, the same connection, the password never on argv. */

export function requirePsql(): Promise<string> {
  return requireTool('psql', 'install the PostgreSQL client (psql)')
}

/**
 * psql on the database: no ~/.psqlrc, never a password prompt, the password (and what libpq
 * takes from the environment) in the child's environment; `args` say what it runs and how it prints.
 */
export function psqlCommand(psqlPath: string, database: DatabaseConfig, args: string[], run: Pick<ToolCommand, 'env' | 'timeoutMs' | 'cleanup'> = {}): ToolCommand {
  return {
    command: psqlPath,
    args: ['--no-psqlrc', '--no-password', ...args, `--dbname=${conninfo(database)}`],
    env: { ...passwordEnv(database), ...run.env },
    timeoutMs: run.timeoutMs,
    ...(run.cleanup === undefined ? {} : { cleanup: run.cleanup })
  }
}

/** Runs one SQL command (or several, `;`-separated) and returns its rows: tab-separated fields, one row a line. */
export async function psql(database: DatabaseConfig, sql: string, timeoutMs: number, cleanup = false): Promise<string> {
  const result = await runTool(
    psqlCommand(await requirePsql(), database, ['--tuples-only', '--no-align', '--field-separator=\t', '--set=ON_ERROR_STOP=1', `--command=${sql}`], {
      // Names and values come back in UTF-8 whatever the database's encoding and the runner's locale.
      env: { PGCLIENTENCODING: 'UTF8' },
      timeoutMs,
      cleanup
    })
  )
  requireSuccess('psql', result, timeoutMs)
  return result.stdout
}
