import type { DbType } from './catalog.js'
import type { Engine } from './types.js'

/**
 * Every database engine, loaded when used. Adding an engine: one file in this folder, its facts
 * in catalog.ts, and one line here.
 */
export const engines: Record<DbType, { load: () => Promise<Engine> }> = {
  postgresql: { load: async () => (await import('./postgresql.js')).postgresql },
  mysql: { load: async () => (await import('./mysql.js')).mysql },
  mariadb: { load: async () => (await import('./mysql.js')).mysql },
  mongodb: { load: async () => (await import('./mongodb.js')).mongodb },
  redis: { load: async () => (await import('./redis.js')).redis }
}
