import * as io from '@actions/io'
import { basename } from 'node:path'
import type { DatabaseConfig } from '../../config/types.js'
import { runTool, toolFailed, type ToolResult } from '../../util/process.js'
import { withSecretFile } from '../../util/secret-file.js'
import { clientEnv, connectionArgs, optionFile } from './connection.js'
import { failure as toolFailure } from './failures.js'

/**
 * The restore's sessions with the target through the mariadb (or mysql) client: one query at a
 * time, and failures worded without the dump's text, which may hold secrets.
 */

const CLIENT_HINT = 'install a MariaDB or MySQL client (for example `sudo apt-get install mariadb-client`)'

export async function clientProgram(): Promise<string> {
  for (const name of ['mariadb', 'mysql']) {
    const path = await io.which(name, false)
    if (path) return path
  }
  throw new Error(`neither mariadb nor mysql was found on PATH: ${CLIENT_HINT}`)
}

export function clientArgs(optionFilePath: string, database: DatabaseConfig, extra: string[]): string[] {
  return [`--defaults-file=${optionFilePath}`, ...connectionArgs(database), '--connect-timeout=30', ...extra, '--', database.name]
}

/**
 * A client's error output without the dump's text: the server quotes the statement it refused
 * (`near '0x4142…' at line 1`) and the value that clashed (`Duplicate entry '…'`), and a row's
 * values may be secrets, or megabytes of hex.
 */
export function withoutDumpContent(stderr: string): string {
  // The tail kept of stderr may start inside the echo below: its closing line is then the first of an odd number.
  const cutEcho = (stderr.match(/^-{14}\r?$/gm)?.length ?? 0) % 2 === 1
  return (cutEcho ? stderr.replace(/^[\s\S]*?^-{14}\r?$/m, '(the failed statement, not shown)') : stderr)
    // The client echoes a failed statement between two lines of dashes: whole rows, megabytes of hex.
    .replace(/^-{14}\r?\n[\s\S]*?\r?\n-{14}$/gm, '(the failed statement, not shown)')
    .replace(/^-{14}\r?\n[\s\S]*$/gm, '(the failed statement, not shown)')
    .replace(/near '(?:[^'\\]|\\.|'')*'? at line (\d+)/gs, 'near (the statement, not shown) at line $1')
    .replace(/Duplicate entry '(?:[^'\\]|\\.|'')*'/gs, 'Duplicate entry (the value, not shown)')
    .replace(/'(?:[^'\\]|\\.){64,}'/gs, (quoted) => `(${quoted.length - 2} characters, not shown)`)
}

export function failure(what: string, result: ToolResult, database: DatabaseConfig, timeoutMs: number): Error {
  return toolFailure(what, { ...result, stderr: withoutDumpContent(result.stderr) }, database, timeoutMs)
}

export function sqlString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/** Runs one query in the database; its tab-separated rows, names and values in UTF-8 whatever the runner's locale. */
export async function query(database: DatabaseConfig, workDir: string, sql: string, timeoutMs: number, cleanup = false): Promise<string[][]> {
  const client = await clientProgram()
  const result = await withSecretFile(workDir, 'client.cnf', optionFile(database), (optionFilePath) =>
    runTool({
      command: client,
      args: clientArgs(optionFilePath, database, ['--batch', '--skip-column-names', '--raw', '--default-character-set=utf8mb4', `--execute=${sql}`]),
      env: clientEnv(optionFilePath, client),
      timeoutMs,
      cleanup
    })
  )
  if (toolFailed(result)) throw failure(basename(client), result, database, timeoutMs)
  return result.stdout.split('\n').filter(Boolean).map((line) => line.split('\t'))
}
