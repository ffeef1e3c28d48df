import type { DbType } from './catalog.js'
import type { Restorer } from './types.js'

/** How each engine restores a backup, loaded when used. Adding one: a file in this folder, one line here. */
export const restorers: Record<DbType, { load: () => Promise<Restorer> }> = {
  postgresql: { load: async () => (await import('./postgresql/restore.js')).postgresqlRestorer },
  mysql: { load: async () => (await import('./mysql/restore.js')).mysqlRestorer },
  mariadb: { load: async () => (await import('./mysql/restore.js')).mysqlRestorer },
  mongodb: { load: async () => (await import('./mongodb/restore.js')).mongodbRestorer },
  redis: { load: async () => (await import('./redis/restore.js')).redisRestorer }
}
