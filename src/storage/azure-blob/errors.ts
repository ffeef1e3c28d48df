import { networkErrorCode, plainMessage } from '../shared/failures.js'
import type { AzureContainer } from './client.js'

export interface AzureFailure {
  name?: string
  code?: string
  statusCode?: number
  message?: string
  details?: { errorCode?: string }
}

/** Azure's error code, wherever the SDK put it; '' when none. */
export function errorCode(error: unknown): string {
  const failure = error as AzureFailure
  return failure.code ?? failure.details?.errorCode ?? ''
}

/** What describe() names: the container and the account's URL. */
export type AzurePlace = Pick<AzureContainer, 'containerName' | 'serviceUrl'>

/** What went wrong, in words that say what to fix. */
export function describeAzure(error: unknown, place: AzurePlace): string {
  const failure = error as AzureFailure
  const code = errorCode(error)
  const status = failure.statusCode
  const detail = plainMessage(error)
  const network = networkErrorCode(error)
  if (network) return `cannot reach ${new URL(place.serviceUrl).origin} (${network}): ${detail}`
  if (failure.name === 'CredentialUnavailableError' || failure.name === 'AggregateAuthenticationError' || failure.name === 'AuthenticationError') {
    return `no usable Azure credentials (use azure/login before this action, or give azure-connection-string): ${detail}`
  }
  if (code === 'ContainerNotFound') return `the container "${place.containerName}" does not exist (ContainerNotFound)`
  if (code === 'AuthenticationFailed' || code === 'AuthorizationFailure' || status === 401) {
    return `the credentials were refused (${code || `HTTP ${status}`}): ${detail}`
  }
  if (code === 'AuthorizationPermissionMismatch' || status === 403) {
    return `access denied (${code || 'HTTP 403'}): the identity needs the Storage Blob Data Contributor role on the container or account: ${detail}`
  }
  if (code === 'BlobAlreadyExists' || status === 409) return `a blob already exists under the name (${code || 'HTTP 409'}): ${detail}`
  const label = code ? `${code}${status ? `, HTTP ${status}` : ''}` : status ? `HTTP ${status}` : ''
  return label ? `${label}: ${detail}` : detail
}

/** Whether Azure answered that the blob is not there. */
export function isMissing(error: unknown): boolean {
  return (error as AzureFailure).statusCode === 404
}
