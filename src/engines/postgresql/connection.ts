import type { DatabaseConfig } from '../../config/types.js'
import { requireTool } from '../../tools/find.js'
import { describeFailure, runTool } from '../../util/process.js'

/**
 * libpq connection parameters (https://www.postgresql.org/docs/current/libpq-connect.html) that a
 * db-url may carry and that are safe on a command line: TLS, Kerberos/GSS, timeouts, session
 * settings. host, port, dbname and user come from the URL itself.
 */
const CONNINFO_PARAMETERS = new Set([
  'hostaddr',
  'connect_timeout',
  'client_encoding',
  'options',
  'application_name',
  'fallback_application_name',
  'keepalives',
  'keepalives_idle',
  'keepalives_interval',
  'keepalives_count',
  'tcp_user_timeout',
  'require_auth',
  'channel_binding',
  'gssencmode',
  'sslmode',
  'requiressl',
  'sslnegotiation',
  'sslcompression',
  'sslcert',
  'sslkey',
  'sslcertmode',
  'sslrootcert',
  'sslcrl',
  'sslcrldir',
  'sslsni',
  'requirepeer',
  'ssl_min_protocol_version',
  'ssl_max_protocol_version',
  'min_protocol_version',
  'max_protocol_version',
  'krbsrvname',
  'gsslib',
  'gssdelegation',
  'service',
  'target_session_attrs',
  'load_balance_hosts'
])

/** Parameters that travel in the child's environment instead of the conninfo: never on argv. */
const ENVIRONMENT_PARAMETERS = new Map([['passfile', 'PGPASSFILE']])

/**
 * Parameters that hold a secret and that libpq reads only from the connection string or a service
 * file (there is no PGSSLPASSWORD): on argv, any user of the machine could read them.
 */
const SECRET_PARAMETERS = new Set(['password', 'sslpassword', 'oauth_client_secret', 'scram_client_key', 'scram_server_key'])

/** Why a db-url query parameter cannot be used with PostgreSQL, or undefined if it can. */
export function conninfoParameterProblem(key: string): string | undefined {
  if (CONNINFO_PARAMETERS.has(key) || ENVIRONMENT_PARAMETERS.has(key)) return undefined
  if (SECRET_PARAMETERS.has(key)) {
    return (
      `parameter "${key}" holds a secret, which libpq takes only inside the connection string, on the command line where other users of the machine can read it: ` +
      (key === 'sslpassword' ? 'use a client key without a passphrase (kept 0600)' : 'remove it')
    )
  }
  if (['host', 'port', 'dbname', 'user'].includes(key)) return `parameter "${key}" is not read: give it in the URL itself (or in db-${key === 'dbname' ? 'name' : key})`
  return `parameter "${key}" is not a libpq connection parameter this action passes on (see docs/security.md)`
}

/** libpq conninfo value: single-quoted, with backslash and quote escaped. */
function conninfoValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/** Connection string for --dbname: host, port, database, user and the allowed parameters; no secret. */
export function conninfo(database: DatabaseConfig): string {
  const fields: Record<string, string> = { connect_timeout: '30', application_name: 'db-backup-action' }
  for (const [key, value] of Object.entries(database.params)) {
    // validate-config refused these already; this keeps a secret off argv whoever builds the config.
    const problem = conninfoParameterProblem(key)
    if (problem) throw new Error(`db-url ${problem}`)
    if (!ENVIRONMENT_PARAMETERS.has(key)) fields[key] = value
  }
  Object.assign(fields, { host: database.host, port: String(database.port), dbname: database.name })
  if (database.user) fields.user = database.user
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${conninfoValue(value)}`)
    .join(' ')
}

/** The password, and the parameters that libpq takes from the environment, for the child's environment. */
export function passwordEnv(database: DatabaseConfig): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, variable] of ENVIRONMENT_PARAMETERS) if (database.params[key]) env[variable] = database.params[key]
  if (database.password) env.PGPASSWORD = database.password
  return env
}

export async function psql(database: DatabaseConfig, sql: string, timeoutMs: number, cleanup = false): Promise<string> {
  const psqlPath = await requireTool('psql', 'install the PostgreSQL client (psql)')
  const result = await runTool({
    command: psqlPath,
    args: ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--field-separator=\t', '--set=ON_ERROR_STOP=1', `--command=${sql}`, `--dbname=${conninfo(database)}`],
    // Names and values come back in UTF-8 whatever the database's encoding and the runner's locale.
    env: { ...passwordEnv(database), PGCLIENTENCODING: 'UTF8' },
    timeoutMs,
    cleanup
  })
  if (result.exitCode !== 0 || result.timedOut) throw new Error(describeFailure('psql', result, timeoutMs))
  return result.stdout
}
