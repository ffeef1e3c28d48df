import { parseConfig } from '../config/parse.js'
import type { Config, RawInputs } from '../config/types.js'
import { registerSecret } from '../util/secrets.js'
import type { StepOutcome } from './types.js'

export async function validateConfig(raw: RawInputs): Promise<StepOutcome<Config>> {
  const config = parseConfig(raw)
  // A password taken out of db-url is masked in its decoded form too.
  registerSecret(config.database.password)
  const { database, storage, retention, notify } = config
  return {
    value: config,
    figures: {
      database: `${database.type} ${database.name || '(all databases)'} at ${database.host}:${database.port}`,
      storage: storage.bucket ? `${storage.type} ${storage.bucket}/${storage.path}` : `${storage.type} ${storage.path}`,
      'backup name': config.backupName,
      retention: `${retention.days || 'any number of'} days, ${retention.maxBackups || 'any number of'} backups`,
      notify: notify.channels.join(', ')
    }
  }
}
