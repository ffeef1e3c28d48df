import type { StorageConfig } from '../config/types.js'
import { ENCRYPTED_SUFFIX, isEncryptedName, joinKey } from '../config/backup-keys.js'

/**
 * Where people find a stored backup: its page in the cloud console, and the storage CLI command
 * that writes it to standard output. Built from the settings alone (no secret: an Azure connection
 * string only gives its account name); '' where there is nothing to link to, such as an
 * S3-compatible service or an emulator.
 */

export interface ObjectLinks {
  consoleUrl: string
  /** A shell command that writes the object to standard output. */
  fetchCommand: string
}

/** A shell word: single-quoted unless it is plainly safe. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:@=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

function azureAccount(storage: StorageConfig): string {
  const connection = storage.azure?.connectionString ?? ''
  const named = /(?:^|;)\s*AccountName=([^;]+)/i.exec(connection)?.[1]
  if (named) return named.trim()
  const endpoint = /(?:^|;)\s*BlobEndpoint=([^;]+)/i.exec(connection)?.[1] ?? storage.azure?.accountUrl ?? ''
  return URL.canParse(endpoint) ? (/^([a-z0-9]+)\.blob\.core\.windows\.net$/.exec(new URL(endpoint).hostname)?.[1] ?? '') : ''
}

export function objectLinks(storage: StorageConfig, key: string, env: NodeJS.ProcessEnv = process.env): ObjectLinks {
  const { bucket } = storage
  switch (storage.type) {
    case 's3': {
      const endpoint = storage.s3?.endpoint ?? ''
      const region = storage.s3?.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'
      return {
        consoleUrl: endpoint ? '' : `https://${region}.console.aws.amazon.com/s3/object/${encodeURIComponent(bucket)}?region=${region}&prefix=${encodeURIComponent(key)}`,
        fetchCommand: `aws s3 cp ${shellWord(`s3://${bucket}/${key}`)} -${endpoint ? ` --endpoint-url ${shellWord(endpoint)}` : ''}`
      }
    }
    case 'gcs':
      return {
        consoleUrl: env.STORAGE_EMULATOR_HOST ? '' : `https://console.cloud.google.com/storage/browser/_details/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`,
        fetchCommand: `gcloud storage cat ${shellWord(`gs://${bucket}/${key}`)}`
      }
    case 'azure-blob': {
      const account = azureAccount(storage)
      return {
        // A portal link to one blob needs the account's subscription and resource group, which the action is not given.
        consoleUrl: '',
        fetchCommand: `az storage blob download --auth-mode login --account-name ${shellWord(account || '<account>')} --container-name ${shellWord(bucket)} --name ${shellWord(key)} --file /dev/stdout`
      }
    }
    case 'local':
      return { consoleUrl: '', fetchCommand: `cat ${shellWord(joinKey(storage.path, key))}` }
  }
}

/** The command that feeds a backup to its restore tool, by engine and file extension; the target is left for the reader. */
export function restoreCommand(fetchStored: string, dbType: string, storedKey: string): string {
  // An encrypted backup is decrypted first, with the identity kept outside the backup workflow.
  const encrypted = isEncryptedName(storedKey)
  const key = encrypted ? storedKey.slice(0, -ENCRYPTED_SUFFIX.length) : storedKey
  const fetchCommand = encrypted ? `${fetchStored} | age -d -i "$AGE_IDENTITY_FILE"` : fetchStored
  const decompress = key.endsWith('.gz') ? ' | gunzip' : key.endsWith('.zst') ? ' | zstd -dc' : ''
  switch (dbType) {
    case 'postgresql':
      return `${fetchCommand}${decompress} | pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL"`
    case 'mysql':
    case 'mariadb':
      return `${fetchCommand}${decompress} | ${dbType === 'mariadb' ? 'mariadb' : 'mysql'} --host "$DB_HOST" --user "$DB_USER" -p "$DB_NAME"`
    case 'mongodb':
      return `${fetchCommand}${key.endsWith('.zst') ? ' | zstd -dc' : ''} | mongorestore --archive${key.endsWith('.gz') ? ' --gzip' : ''} --uri "$MONGODB_URI"`
    case 'redis':
      return `${fetchCommand}${decompress} > dump.rdb  # then stop the server, replace its dump.rdb with this file, and start it`
    default:
      return fetchCommand
  }
}
