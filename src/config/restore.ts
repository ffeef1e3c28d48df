import { z } from 'zod'
import { Inputs, RestoreInputs } from '../constants.js'
import { ConfigError, parseConfig, type ConfigIssue, type OtherInputs } from './parse.js'
import type { Config, RawInputs } from './types.js'
import { describeValue } from './describe.js'
import { splitKeys } from './encryption.js'
import { readVerifyKey, type VerifyKey } from './signing.js'
import { booleanInput } from './boolean.js'
import { choiceInput } from './choices.js'
import { backsUpSeveral } from './databases.js'
import { engineFacts } from '../engines/catalog.js'

/** `empty`: refuse a target that holds anything; `clean`: objects of the backup replace those of the same name. */
export const restoreModes = ['empty', 'clean'] as const
export type RestoreMode = (typeof restoreModes)[number]

/** restore-ownership, restore-database-settings and restore-atomic. */
export interface RestoreFidelity {
  /** require: owners and grants restored, failing before anything when a role they name is missing; skip: left out. */
  ownership: 'require' | 'skip'
  /** require: the database's comment and settings put on the target; skip: left out. */
  databaseSettings: 'require' | 'skip'
  /** One transaction: a failure leaves the target as it was (no parallel jobs). */
  atomic: boolean
}

/** The restore action's config: the backup's storage, database, client and notification settings, and what to restore how. */
export interface RestoreConfig extends Config {
  /** An exact key, or `latest`: the newest backup of backupName for this db-type. */
  backupKey: string
  restoreMode: RestoreMode
  /** age secret keys (secrets) that decrypt an encrypted backup (decryption-identity); may be empty. */
  decryptionIdentities: string[]
  /** PostgreSQL: apply the backup's globals object (roles) before the dump, skipping roles that exist. */
  restoreGlobals: boolean
  /** verify-key: the backup must carry a manifest signed with its counterpart, and match it. */
  verifyKey?: VerifyKey
  /** restore-globals-existing-role-grants: also grant the globals' memberships with roles the target already has (pg_read_all_data, its own app...). */
  restoreGlobalsExistingRoleGrants: boolean
  /** accept-unrestored-redis-functions: restore a Redis backup's keys where its function libraries cannot be restored. */
  acceptUnrestoredRedisFunctions: boolean
  /** accept-missing-definers: restore a MySQL/MariaDB backup whose objects run as DEFINERs the target does not have. */
  acceptMissingDefiners: boolean
  /** restore-ownership, restore-database-settings, restore-atomic (PostgreSQL). */
  fidelity: RestoreFidelity
}

const requireOrSkip = ['require', 'skip'] as const

export const LATEST = 'latest'

const restoreSchema = z.object({
  [RestoreInputs.BackupKey]: z
    .string()
    .trim()
    .transform((value) => value || LATEST)
    .refine((value) => value.length <= 1024, 'must be at most 1024 characters')
    // eslint-disable-next-line no-control-regex
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'must not contain control characters')
    .refine((value) => !value.startsWith('/') && !value.split('/').includes('..'), 'must be a key as the backup action reports it (no leading "/", no ".." segments), or latest'),
  [RestoreInputs.RestoreMode]: choiceInput(restoreModes, {}, 'empty'),
  [RestoreInputs.RestoreGlobals]: booleanInput(),
  [RestoreInputs.RestoreGlobalsExistingRoleGrants]: booleanInput().optional(),
  [RestoreInputs.AcceptUnrestoredRedisFunctions]: booleanInput().optional(),
  [RestoreInputs.AcceptMissingDefiners]: booleanInput().optional(),
  [RestoreInputs.RestoreOwnership]: choiceInput(requireOrSkip, {}, 'require').optional(),
  [RestoreInputs.RestoreDatabaseSettings]: choiceInput(requireOrSkip, {}, 'require').optional(),
  [RestoreInputs.RestoreAtomic]: booleanInput(true).optional()
})

/** Every input of the restore action parsed once; a ConfigError names each input that is wrong. */
export function parseRestoreConfig(raw: RawInputs, other?: OtherInputs): RestoreConfig {
  const issues: ConfigIssue[] = []
  let config: Config | undefined
  try {
    config = parseConfig(raw, other)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    issues.push(...error.issues)
  }
  const parsed = restoreSchema.safeParse(raw)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const input = String(issue.path[0])
      issues.push({ input, message: `${issue.message}${describeValue(raw[input] ?? '', false)}` })
    }
  }
  if (config && backsUpSeveral(config.databases)) {
    issues.push({ input: Inputs.DbName, message: 'names several databases, but a restore puts one backup into one database: give the target database alone' })
  }
  if (config && parsed.success && parsed.data[RestoreInputs.RestoreGlobals] && !engineFacts(config.database.type).globals) {
    issues.push({ input: RestoreInputs.RestoreGlobals, message: `is supported for postgresql only (the roles stored with include-globals), not ${config.database.type}` })
  }
  const verifyKey = readVerifyKey(raw, issues)
  if (parsed.success && parsed.data[RestoreInputs.RestoreGlobalsExistingRoleGrants] && !parsed.data[RestoreInputs.RestoreGlobals]) {
    issues.push({ input: RestoreInputs.RestoreGlobalsExistingRoleGrants, message: `is about the memberships restore-globals applies: set ${RestoreInputs.RestoreGlobals}: true too, or leave it unset` })
  }
  if (issues.length > 0 || !config || !parsed.success) throw new ConfigError(issues)
  return {
    ...config,
    backupKey: parsed.data[RestoreInputs.BackupKey],
    restoreMode: parsed.data[RestoreInputs.RestoreMode] || 'empty',
    decryptionIdentities: splitKeys(raw[RestoreInputs.DecryptionIdentity]),
    restoreGlobals: parsed.data[RestoreInputs.RestoreGlobals],
    restoreGlobalsExistingRoleGrants: parsed.data[RestoreInputs.RestoreGlobalsExistingRoleGrants] ?? false,
    acceptUnrestoredRedisFunctions: parsed.data[RestoreInputs.AcceptUnrestoredRedisFunctions] ?? false,
    acceptMissingDefiners: parsed.data[RestoreInputs.AcceptMissingDefiners] ?? false,
    fidelity: {
      ownership: parsed.data[RestoreInputs.RestoreOwnership] || 'require',
      databaseSettings: parsed.data[RestoreInputs.RestoreDatabaseSettings] || 'require',
      atomic: parsed.data[RestoreInputs.RestoreAtomic] ?? true
    },
    ...(verifyKey ? { verifyKey } : {})
  }
}
