import type { DbType } from './catalog.js'
import type { ListDatabases } from './types.js'

/**
 * How `*` finds the databases of a server, for the engines whose catalog entry has manyDatabases
 * `every`: one line per engine, loaded when used.
 */
export const databaseLists: Partial<Record<DbType, { load: () => Promise<ListDatabases> }>> = {
  postgresql: { load: async () => (await import('./postgresql.js')).listDatabases },
  mysql: { load: async () => (await import('./mysql.js')).listDatabases },
  mariadb: { load: async () => (await import('./mysql.js')).listDatabases },
  mongodb: { load: async () => (await import('./mongodb-driver.js')).listDatabases }
}
