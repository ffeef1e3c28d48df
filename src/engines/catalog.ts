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
}

export const engineCatalog = {
  postgresql: {
    defaultPort: 5432,
    urlProtocols: ['postgres:', 'postgresql:'],
    requiresDatabaseName: true,
    fileExtensions: ['dump.zst', 'dump'],
    restoreCheck: true
  },
  mysql: {
    defaultPort: 3306,
    urlProtocols: ['mysql:', 'mariadb:'],
    requiresDatabaseName: true,
    fileExtensions: ['sql.zst', 'sql.gz', 'sql'],
    restoreCheck: true
  },
  mariadb: {
    defaultPort: 3306,
    urlProtocols: ['mariadb:', 'mysql:'],
    requiresDatabaseName: true,
    fileExtensions: ['sql.zst', 'sql.gz', 'sql'],
    restoreCheck: true
  },
  mongodb: {
    defaultPort: 27017,
    urlProtocols: ['mongodb:', 'mongodb+srv:'],
    requiresDatabaseName: false,
    fileExtensions: ['archive.gz', 'archive.zst', 'archive'],
    restoreCheck: true
  },
  redis: {
    defaultPort: 6379,
    urlProtocols: ['redis:', 'rediss:'],
    requiresDatabaseName: false,
    fileExtensions: ['rdb.zst', 'rdb.gz', 'rdb'],
    restoreCheck: true
  }
} as const satisfies Record<string, EngineFacts>

export type DbType = keyof typeof engineCatalog

export const dbTypes = Object.keys(engineCatalog) as [DbType, ...DbType[]]

export function engineFacts(type: DbType): EngineFacts {
  return engineCatalog[type]
}
