import * as core from '@actions/core'
import { checkEncryptionKeys, describeEncryption } from '../config/encryption.js'
import { ConfigError, parseConfig } from '../config/parse.js'
import { describePolicy } from '../config/retention.js'
import type { Config, RawInputs } from '../config/types.js'
import { preflightStorage } from '../storage/preflight.js'
import { registerSecret } from '../util/secrets.js'
import type { StepOutcome } from './types.js'

/**
 * Every input parsed, then the storage checked (credentials, bucket or directory), so that nothing
 * long starts before what it depends on is known to be there. The database is checked where its
 * client is chosen, at the start of take-snapshot, by the server's version query.
 */
export async function validateConfig(raw: RawInputs): Promise<StepOutcome<Config>> {
  const config = parseConfig(raw)
  // A password taken out of db-url is masked in its decoded form too.
  registerSecret(config.database.password)
  // The keys are parsed by the age library, loaded only when there are keys to parse.
  const keyIssues = config.encryption ? await checkEncryptionKeys(config.encryption) : []
  if (keyIssues.length > 0) throw new ConfigError(keyIssues)
  for (const notice of config.notices) core.info(notice)
  for (const warning of config.warnings) core.warning(warning, { title: 'Backup inputs' })
  const { database, storage, retention, notify } = config
  const storageCheck = await preflightStorage(config)
  return {
    value: config,
    figures: {
      database: `${database.type} ${database.name || '(all databases)'} at ${database.host}:${database.port}`,
      storage: storage.bucket ? `${storage.type} ${storage.bucket}/${storage.path}` : `${storage.type} ${storage.path}`,
      'storage check': storageCheck,
      'backup name': config.backupName,
      retention: describePolicy(retention),
      notify: notify.channels.join(', '),
      encryption: describeEncryption(config.encryption),
      ...(config.dump.tables.length > 0 ? { tables: config.dump.tables.join(', ') } : {}),
      ...(config.dump.excludeTables.length > 0 ? { 'excluded tables': config.dump.excludeTables.join(', ') } : {}),
      ...(config.dump.args.length > 0 ? { 'dump-args': config.dump.args.join(' ') } : {}),
      ...(config.notices.length > 0 ? { 'inputs read as': config.notices.join('; ') } : {})
    },
    warnings: config.warnings
  }
}
