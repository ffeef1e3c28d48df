import type { DbType } from './catalog.js'
import { mongodbPlugin } from './mongodb/index.js'
import { mysqlPlugin } from './mysql/index.js'
import { postgresqlPlugin } from './postgresql/index.js'
import { redisPlugin } from './redis/index.js'
import type { EnginePlugin, Globals } from './types.js'

/**
 * Every database engine. Adding one: its folder (with an index.ts exporting its EnginePlugin),
 * its facts in catalog.ts, and one line here; docs/architecture.md walks through it.
 */
export const engines: Record<DbType, EnginePlugin> = {
  postgresql: postgresqlPlugin,
  mysql: mysqlPlugin,
  mariadb: mysqlPlugin,
  mongodb: mongodbPlugin,
  redis: redisPlugin
}

/** The globals capability of an engine that is asked for it (include-globals, a backup with a globals object). */
export async function globalsOf(type: DbType): Promise<Globals> {
  const capability = engines[type].globals
  if (!capability) throw new Error(`the ${type} engine stores no globals: include-globals and globals objects are for the engines that have them`)
  return capability()
}
