import type { EnginePlugin } from '../types.js'
import { mysqlClient } from './client.js'

/** MySQL and MariaDB: one engine, which tells the two servers (and their dump tools) apart itself. */
export const mysqlPlugin: EnginePlugin = {
  client: mysqlClient,
  load: async () => (await import('./engine.js')).mysql,
  restorer: async () => (await import('./restore.js')).mysqlRestorer,
  listDatabases: async () => (await import('./engine.js')).listDatabases
}
