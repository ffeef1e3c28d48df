import * as core from '@actions/core'
import { backsUpSeveral, backupNames } from '../../config/databases.js'
import { checkEncryptionKeys, describeEncryption } from '../../config/encryption.js'
import { ConfigError, parseConfig } from '../../config/parse.js'
import { describePolicy } from '../../config/retention.js'
import type { Config, RawInputs } from '../../config/types.js'
import { findDatabases } from '../../engines/database-lists.js'
import { globalsOf } from '../../engines/index.js'
import { configuredChannels } from '../../notify/index.js'
import type { ParsedNotify } from '../../notify/settings.js'
import { preflightStorage } from '../../storage/preflight.js'
import { registerSecret } from '../../util/secrets.js'
import type { StepOutcome } from '../../run/step.js'

/**
 * Every input parsed, then the storage checked (credentials, bucket or directory), so that nothing
 * long starts before what it depends on is known to be there. The database is checked where its
 * client is chosen, at the start of take-snapshot, by the server's version query.
 */
export async function validateConfig(raw: RawInputs, notify: ParsedNotify): Promise<StepOutcome<Config>> {
  const config = parseConfig(raw, notify)
  // A password taken out of db-url is masked in its decoded form too.
  registerSecret(config.database.password)
  // The keys are parsed by the age library, loaded only when there are keys to parse.
  const keyIssues = config.encryption ? await checkEncryptionKeys(config.encryption) : []
  if (keyIssues.length > 0) throw new ConfigError(keyIssues)
  for (const notice of config.notices) core.info(notice)
  for (const warning of config.warnings) core.warning(warning, { title: 'Backup inputs' })
  const { database, storage, retention } = config
  const storageCheck = await preflightStorage(config)
  for (const warning of storageCheck.warnings ?? []) core.warning(warning, { title: 'Backup storage' })
  const warnings = [...config.warnings, ...(storageCheck.warnings ?? [])]
  const found = config.databases.all ? await findDatabases(config) : undefined
  const several = backsUpSeveral(config.databases)
  // Refused here, each failed on its own in the run (the others are still backed up).
  const refused = found ? backupNames(config.databases, found).refused : []
  return {
    value: found ? { ...config, database: { ...database, name: found.join(', ') }, databases: { ...config.databases, names: found } } : config,
    figures: {
      database: `${database.type} ${database.name || '(all databases)'} at ${database.host}:${database.port}`,
      ...(several ? { databases: `${(found ?? config.databases.names).join(', ')}${found ? ' (every database but templates and system databases)' : ''}` } : {}),
      ...(refused.length > 0 ? { 'refused databases': refused.map((one) => one.database).join(', ') } : {}),
      ...(config.includeGlobals ? { globals: (await globalsOf(database.type)).description } : {}),
      storage: storage.bucket ? `${storage.type} ${storage.bucket}/${storage.path}` : `${storage.type} ${storage.path}`,
      'storage check': storageCheck.checked,
      'backup name': several ? `${config.databases.namePrefix ? `${config.databases.namePrefix}-` : ''}<database>` : config.backupName,
      retention: describePolicy(retention),
      notify: configuredChannels(notify.config).join(', '),
      encryption: describeEncryption(config.encryption),
      ...(config.dump.tables.length > 0 ? { tables: config.dump.tables.join(', ') } : {}),
      ...(config.dump.excludeTables.length > 0 ? { 'excluded tables': config.dump.excludeTables.join(', ') } : {}),
      ...(config.dump.args.length > 0 ? { 'dump-args': config.dump.args.join(' ') } : {}),
      ...(config.notices.length > 0 ? { 'inputs read as': config.notices.join('; ') } : {})
    },
    warnings
  }
}
