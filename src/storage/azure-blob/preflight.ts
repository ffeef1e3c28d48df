import { plainMessage } from '../shared/failures.js'
import { checkReachable, probeKey, writeRefused } from '../shared/preflight-checks.js'
import type { PreflightResult } from '../types.js'
import type { AzureContainer } from './client.js'
import { errorCode, type AzureFailure } from './errors.js'

/**
 * A one-blob listing: it resolves the credentials, finds the container and needs the List
 * permission retention needs too. Then, without a SAS, the write check.
 */
export async function preflight(azure: AzureContainer, keyPrefix: string): Promise<PreflightResult> {
  const sas = sasProblem(azure)
  if (sas) throw new Error(`${azure.where} cannot be used: ${sas}`)
  await checkReachable(azure, () => azure.container.listBlobsFlat({ prefix: keyPrefix }).byPage({ maxPageSize: 1 }).next())
  const checks = ['credentials and container OK (one-blob listing)']
  if (azure.objects?.immutableDays) checks.push(await checkImmutability(azure))
  // A SAS says offline whether it may write; an account key or an identity is asked.
  if (!hasSas(azure)) checks.push(await checkWrite(azure, keyPrefix))
  return { checked: checks.join('; ') }
}

/** Whether the connection string signs with a SAS (its signature rides in the URL). */
function hasSas(azure: AzureContainer): boolean {
  return new URL(azure.service.url).searchParams.has('sig')
}

/**
 * A SAS says what it permits (sp), so whether it can write is known without a request: a
 * listing alone would pass a read-only SAS, and the upload would be refused after the dump.
 * A new blob is written with w or c (the action never overwrites), read back with r.
 */
function sasProblem(azure: AzureContainer): string | undefined {
  const permissions = new URL(azure.service.url).searchParams.get('sp')
  if (permissions === null) return undefined
  const missing = [...(/[wc]/.test(permissions) ? [] : ['w (write) or c (create), to upload']), ...(permissions.includes('r') ? [] : ['r (read), to read the backup back'])]
  if (missing.length === 0) return undefined
  return `the SAS of the connection string permits "${permissions}" only, without ${missing.join(', nor ')}: give one with the permissions racwdl (d and l for retention)`
}

/**
 * Whether the identity may write, leaving nothing visible: one block of one byte staged under a
 * name never committed (Put Block needs the same write permission as the upload). An uncommitted
 * block makes no blob, version or listing entry (only a listing asking for uncommitted blobs
 * shows it), cannot be locked, and Azure discards it after 7 days; a probe blob would leave a
 * version behind in a container with versioning or immutability.
 */
async function checkWrite(azure: AzureContainer, keyPrefix: string): Promise<string> {
  try {
    await azure.container.getBlockBlobClient(probeKey(keyPrefix)).stageBlock(Buffer.from('preflight').toString('base64'), Buffer.alloc(1), 1)
  } catch (error) {
    const code = errorCode(error)
    const cause =
      code === 'AuthorizationPermissionMismatch' || ((error as AzureFailure).statusCode === 403 && !/^Authentication|^AuthorizationFailure/.test(code))
        ? `staging a block was refused (${code || 'HTTP 403'}): the identity needs write permission on blobs (Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write, in the Storage Blob Data Contributor role): ${plainMessage(error)}`
        : azure.describe(error)
    throw writeRefused(azure, keyPrefix, cause)
  }
  return 'writable (one-byte block staged, never committed)'
}

/** immutable-days needs version-level immutability support on the container (or its account). */
async function checkImmutability(azure: AzureContainer): Promise<string> {
  let enabled: boolean | undefined
  try {
    enabled = (await azure.container.getProperties()).isImmutableStorageWithVersioningEnabled
  } catch (error) {
    throw new Error(`whether ${azure.where} supports version-level immutability, which immutable-days needs, cannot be read: ${azure.describe(error)}`)
  }
  if (!enabled) {
    throw new Error(
      `${azure.where} does not have version-level immutability support, which immutable-days needs: enable it on the container or the account (see docs/storage.md), or remove immutable-days`
    )
  }
  return 'version-level immutability enabled'
}
