/**
 * What is known of each database type without loading its engine: config validation, backup key
 * names and retention read these facts. This module imports nothing, so the config types, the
 * engine registry and the storage code can all depend on it without depending on each other.
 */

export interface EngineFacts {
  defaultPort: number
  /** URL schemes accepted in `db-url`, with the colon (`postgres:`). */
  urlProtocols: readonly string[]
  /** Whether `db-name` (or a database in `db-url`) must be given. */
  requiresDatabaseName: boolean
  /** Every extension this engine's dumps have ever had: retention recognises its own files by them. */
  fileExtensions: readonly string[]
  /** Whether the engine can do the restore-check (a full restore into a scratch database). */
  restoreCheck: boolean
  /** Whether the engine can also compare the dump with the source read in the dump's snapshot (restore-check: source). */
  sourceCheck: boolean
  /**
   * What `db-name` may name: `every` a list, or `*` for every database the user can connect to
   * (listed by the engine's client, without the databases below); `list` a list of names only;
   * `one` at most one database.
   */
  manyDatabases: 'every' | 'list' | 'one'
  /** Databases `*` leaves out: templates and the engine's own. */
  systemDatabases: readonly string[]
  /** The database `*` connects to, to list the others ('' where there is no listing). */
  maintenanceDatabase: string
  /** Whether the engine can store the server's roles and other globals beside a dump (include-globals). */
  globals: boolean
}

export const engineCatalog = {
  postgresql: {
    defaultPort: 5432,
    urlProtocols: ['postgres:', 'postgresql:'],
    requiresDatabaseName: true,
    fileExtensions: ['dump.zst', 'dump'],
    restoreCheck: true,
    sourceCheck: true,
    manyDatabases: 'every',
    systemDatabases: ['template0', 'template1', 'postgres'],
    maintenanceDatabase: 'postgres',
    globals: true
  },
  mysql: {
    defaultPort: 3306,
    urlProtocols: ['mysql:', 'mariadb:'],
    requiresDatabaseName: true,
    fileExtensions: ['sql.zst', 'sql.gz', 'sql'],
    restoreCheck: true,
    sourceCheck: false,
    manyDatabases: 'every',
    systemDatabases: ['information_schema', 'performance_schema', 'mysql', 'sys'],
    maintenanceDatabase: 'information_schema',
    globals: false
  },
  mariadb: {
    defaultPort: 3306,
    urlProtocols: ['mariadb:', 'mysql:'],
    requiresDatabaseName: true,
    fileExtensions: ['sql.zst', 'sql.gz', 'sql'],
    restoreCheck: true,
    sourceCheck: false,
    manyDatabases: 'every',
    systemDatabases: ['information_schema', 'performance_schema', 'mysql', 'sys'],
    maintenanceDatabase: 'information_schema',
    globals: false
  },
  mongodb: {
    defaultPort: 27017,
    urlProtocols: ['mongodb:', 'mongodb+srv:'],
    requiresDatabaseName: false,
    fileExtensions: ['archive.gz', 'archive.zst', 'archive'],
    restoreCheck: true,
    sourceCheck: false,
    manyDatabases: 'every',
    systemDatabases: ['admin', 'local', 'config'],
    maintenanceDatabase: 'admin',
    globals: false
  },
  redis: {
    defaultPort: 6379,
    urlProtocols: ['redis:', 'rediss:'],
    requiresDatabaseName: false,
    fileExtensions: ['rdb.zst', 'rdb.gz', 'rdb'],
    restoreCheck: true,
    sourceCheck: false,
    manyDatabases: 'one',
    systemDatabases: [],
    maintenanceDatabase: '',
    globals: false
  }
} as const satisfies Record<string, EngineFacts>

export type DbType = keyof typeof engineCatalog

export const dbTypes = Object.keys(engineCatalog) as [DbType, ...DbType[]]

export function engineFacts(type: DbType): EngineFacts {
  return engineCatalog[type]
}
