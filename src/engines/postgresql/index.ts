import type { EnginePlugin } from '../types.js'
import { postgresqlClient } from './client.js'

export const postgresqlPlugin: EnginePlugin = {
  client: postgresqlClient,
  load: async () => (await import('./engine.js')).postgresql,
  restorer: async () => (await import('./restore.js')).postgresqlRestorer,
  listDatabases: async () => (await import('./engine.js')).listDatabases,
  globals: async () => (await import('./globals-capability.js')).postgresqlGlobals
}
