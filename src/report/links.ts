import type { StorageConfig } from '../config/types.js'
import { ENCRYPTED_SUFFIX, isEncryptedName } from '../config/backup-keys.js'
import { dbTypes, engineFacts, type DbType } from '../engines/catalog.js'
import { storageCatalog, type ObjectLinks } from '../storage/catalog.js'

/** Where people find a stored backup: what the backend's facts say of it. */
export function objectLinks(storage: StorageConfig, key: string, env: NodeJS.ProcessEnv = process.env): ObjectLinks {
  return storageCatalog[storage.type].links(storage, key, env)
}

/** The command that feeds a backup to its restore tool, by engine and file extension; the target is left for the reader. */
export function restoreCommand(fetchStored: string, dbType: string, storedKey: string): string {
  // An encrypted backup is decrypted first, with the identity kept outside the backup workflow.
  const encrypted = isEncryptedName(storedKey)
  const fileName = encrypted ? storedKey.slice(0, -ENCRYPTED_SUFFIX.length) : storedKey
  const fetch = encrypted ? `${fetchStored} | age -d -i "$AGE_IDENTITY_FILE"` : fetchStored
  return (dbTypes as readonly string[]).includes(dbType) ? engineFacts(dbType as DbType).restoreCommand(fetch, fileName) : fetch
}
