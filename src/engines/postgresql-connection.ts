import type { DatabaseConfig } from '../config/types.js'

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
