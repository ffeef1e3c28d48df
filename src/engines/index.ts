import type { DbType } from './catalog.js'
import type { Engine } from './types.js'

/**
 * Every database engine, loaded when used. Adding an engine: one file in this folder, its facts
 * in catalog.ts, and one line here.
 */
export const engines: Record<DbType, { load: () => Promise<Engine> }> = {
  postgresql: { load: async () => (await import('./postgresql/engine.js')).postgresql },
  mysql: { load: async () => (await import('./mysql/engine.js')).mysql },
  mariadb: { load: async () => (await import('./mysql/engine.js')).mysql },
  mongodb: { load: async () => (await import('./mongodb/engine.js')).mongodb },
  redis: { load: async () => (await import('./redis/engine.js')).redis }
}
