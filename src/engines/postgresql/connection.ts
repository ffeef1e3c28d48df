import type { DatabaseConfig } from '../../config/types.js'
import { conninfoParameterProblem, ENVIRONMENT_PARAMETERS } from './url-parameters.js'

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
