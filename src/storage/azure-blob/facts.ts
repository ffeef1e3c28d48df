import type { StorageConfig } from '../../config/types.js'
import type { StorageFacts } from '../catalog.js'
import { shellWord } from '../../util/shell-word.js'

/** The account a connection string or account URL names (no secret: the name alone). */
function azureAccount(storage: StorageConfig): string {
  const connection = storage.azure?.connectionString ?? ''
  const named = /(?:^|;)\s*AccountName=([^;]+)/i.exec(connection)?.[1]
  if (named) return named.trim()
  const endpoint = /(?:^|;)\s*BlobEndpoint=([^;]+)/i.exec(connection)?.[1] ?? storage.azure?.accountUrl ?? ''
  return URL.canParse(endpoint) ? (/^([a-z0-9]+)\.blob\.core\.windows\.net$/.exec(new URL(endpoint).hostname)?.[1] ?? '') : ''
}

/** What is known of Azure Blob Storage without loading the backend (storage/catalog.ts): read by config validation, key naming and the summary's links. */
export const azureBlobFacts = {
  needsBucket: true,
  // https://learn.microsoft.com/azure/storage/blobs/access-tiers-overview
  storageClasses: {
    Hot: { minimumDays: 0 },
    Cool: { minimumDays: 30 },
    Cold: { minimumDays: 90 }
},
  unreadableClasses: {
    Archive:
      'a blob in the Archive tier is offline: it must be rehydrated, which takes up to 15 hours, before it can be read, and this action reads back what it stores: use Cold, or a lifecycle management rule that moves backups to Archive after the upload'
},
  // Time-based retention intervals go up to 146,000 days.
  maxImmutableDays: 146000,
  // Azure's tiers are capitalised: `cool` is Cool.
  spellClass: (written) => written.charAt(0).toUpperCase() + written.slice(1).toLowerCase(),
  bucketName: {
    pattern: /^(\$root|(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9])$/,
    rule: 'must be an Azure container name: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit'
  },
  links(storage, key) {
    const account = azureAccount(storage)
    return {
      // A portal link to one blob needs the account's subscription and resource group, which the action is not given.
      consoleUrl: '',
      fetchCommand: `az storage blob download --auth-mode login --account-name ${shellWord(account || '<account>')} --container-name ${shellWord(storage.bucket)} --name ${shellWord(key)} --file /dev/stdout`
    }
  }
} satisfies StorageFacts
