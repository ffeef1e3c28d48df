/** The db-url query parameters PostgreSQL takes: pure, so that config validation reads them through the engine's facts. */

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
export const ENVIRONMENT_PARAMETERS = new Map([['passfile', 'PGPASSFILE']])

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
