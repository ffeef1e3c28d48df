import type { EnginePlugin } from '../types.js'
import { redisClient } from './client.js'

export const redisPlugin: EnginePlugin = {
  client: redisClient,
  load: async () => (await import('./engine.js')).redis,
  restorer: async () => (await import('./restore.js')).redisRestorer
}
