import * as core from '@actions/core'
import { join } from 'node:path'
import type { DatabaseConfig } from '../config/types.js'
import { requireTool } from '../tools/find.js'
import { readHead } from '../util/files.js'
import { describeFailure, runTool, runToolToFile } from '../util/process.js'
import type { Engine, Figures, Snapshot, SnapshotRequest, VerifyRequest } from './types.js'

const INSTALL_HINT =
  'install a PostgreSQL client of that major version or newer (for example `sudo apt-get install postgresql-client-<major>` from the PGDG repository) and put its bin directory first on PATH'

/** libpq conninfo value: single-quoted, with backslash and quote escaped. */
function conninfoValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/** Connection string for --dbname: everything but the password, which travels in PGPASSWORD. */
export function conninfo(database: DatabaseConfig): string {
  const fields: Record<string, string> = {
    connect_timeout: '30',
    application_name: 'db-backup-action',
    ...database.params,
    host: database.host,
    port: String(database.port),
    dbname: database.name
  }
  if (database.user) fields.user = database.user
  return Object.entries(fields)
    .filter(([key]) => !['password', 'passfile'].includes(key.toLowerCase()))
    .map(([key, value]) => `${key}=${conninfoValue(value)}`)
    .join(' ')
}

export function passwordEnv(database: DatabaseConfig): Record<string, string> {
  return database.password ? { PGPASSWORD: database.password } : {}
}

/** `pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)` -> `15.20`. */
export function parseClientVersion(output: string): string {
  const match = /\(PostgreSQL\)\s+(\d+(?:\.\d+)*)/.exec(output)
  if (!match) throw new Error(`cannot read the PostgreSQL client version from "${output.trim()}"`)
  return match[1]
}

/** server_version_num (150020, or 90624 before version 10) -> { major: 15, text: '15.20' }. */
export function parseServerVersionNum(text: string): { major: number; text: string } {
  const num = Number(text.trim())
  if (!Number.isInteger(num) || num < 80000) throw new Error(`unexpected server_version_num "${text.trim()}"`)
  if (num >= 100000) return { major: Math.floor(num / 10000), text: `${Math.floor(num / 10000)}.${num % 10000}` }
  const major = Math.floor(num / 10000)
  const minor = Math.floor(num / 100) % 100
  return { major: major + minor / 10, text: `${major}.${minor}.${num % 100}` }
}

export function majorOf(version: string): number {
  const [first, second] = version.split('.').map(Number)
  return first >= 10 ? first : first + (second ?? 0) / 10
}

async function serverVersion(database: DatabaseConfig, timeoutMs: number): Promise<{ major: number; text: string }> {
  const psql = await requireTool('psql', 'the PostgreSQL client (psql) is needed to read the server version')
  const result = await runTool({
    command: psql,
    args: ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--command=SHOW server_version_num', `--dbname=${conninfo(database)}`],
    env: passwordEnv(database),
    timeoutMs
  })
  if (result.exitCode !== 0 || result.timedOut) {
    throw new Error(describeFailure(`connecting to PostgreSQL at ${database.host}:${database.port} failed: psql`, result, timeoutMs))
  }
  return parseServerVersionNum(result.stdout)
}

async function clientVersion(pgDump: string): Promise<string> {
  const result = await runTool({ command: pgDump, args: ['--version'] })
  if (result.exitCode !== 0) throw new Error(describeFailure(`${pgDump} --version`, result))
  return parseClientVersion(result.stdout)
}

export const postgresql: Engine = {
  fileExtension: 'dump',
  // The header and table of contents of a dump of an empty database already take more than this.
  minimumSizeBytes: 100,

  async snapshot({ database, workDir, fileName, timeoutMs }: SnapshotRequest): Promise<Snapshot> {
    const pgDump = await requireTool('pg_dump', 'install the PostgreSQL client (pg_dump)')
    const client = await clientVersion(pgDump)
    const server = await serverVersion(database, timeoutMs)
    if (server.major > majorOf(client)) {
      throw new Error(
        `the PostgreSQL server is version ${server.text} but ${pgDump} is version ${client}, ` +
          `and pg_dump cannot dump a server of a newer major version: ${INSTALL_HINT.replace('<major>', String(server.major))}`
      )
    }
    const file = join(workDir, fileName)
    const result = await runToolToFile(
      {
        command: pgDump,
        args: ['--format=custom', '--no-password', `--dbname=${conninfo(database)}`],
        env: passwordEnv(database),
        timeoutMs
      },
      file
    )
    if (result.exitCode !== 0 || result.timedOut) throw new Error(describeFailure('pg_dump', result, timeoutMs))
    return {
      file,
      sha256: result.sha256,
      sizeBytes: result.sizeBytes,
      figures: { client: `pg_dump ${client}`, 'client path': pgDump, 'server version': server.text }
    }
  },

  async verify({ file, timeoutMs }: VerifyRequest): Promise<Figures> {
    const head = await readHead(file, 5)
    if (head.toString('latin1') !== 'PGDMP') {
      throw new Error(`the dump does not start with the PGDMP signature of a pg_dump custom-format archive`)
    }
    const pgRestore = await requireTool('pg_restore', 'install the PostgreSQL client (pg_restore)')
    const list = await runTool({ command: pgRestore, args: ['--list', file], timeoutMs })
    if (list.exitCode !== 0 || list.timedOut) throw new Error(describeFailure('pg_restore --list', list, timeoutMs))
    const entries = list.stdout.split('\n').filter((line) => line.trim() !== '' && !line.startsWith(';')).length
    // An empty database dumps to a valid archive with an empty table of contents.
    if (entries === 0) core.warning('the archive lists no objects: the database is empty')
    // --list reads only the table of contents; restoring to /dev/null reads every data block too.
    const readThrough = await runTool({ command: pgRestore, args: ['--file=/dev/null', file], timeoutMs })
    if (readThrough.exitCode !== 0 || readThrough.timedOut) {
      throw new Error(describeFailure('pg_restore reading the whole archive', readThrough, timeoutMs))
    }
    return { 'archive entries': entries, 'read through': 'pg_restore --file=/dev/null' }
  }
}
