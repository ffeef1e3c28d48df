import type { Config } from '../config/types.js'
import { storages } from './index.js'
import { joinKey, keyPrefix } from '../config/backup-keys.js'
import type { PreflightResult } from './types.js'

/**
 * The storage checked before any dump is taken, so that missing credentials, a wrong bucket or a
 * directory that cannot be written fail in seconds rather than after an hours-long dump. Returns
 * what was checked, for the step's figures.
 */
export async function preflightStorage(config: Config): Promise<PreflightResult> {
  const backend = await storages[config.storage.type].load(config.storage)
  return backend.preflight(joinKey(keyPrefix(config.storage), `${config.backupName}-`))
}
