import type { EnginePlugin } from '../types.js'
import { mongodbClient } from './client.js'

export const mongodbPlugin: EnginePlugin = {
  client: mongodbClient,
  load: async () => (await import('./engine.js')).mongodb,
  restorer: async () => (await import('./restore.js')).mongodbRestorer,
  // Listed through the driver, not a client: mongodump has no listing of its own.
  listDatabases: async () => (await import('./driver.js')).listDatabases
}
