import { httpStatus, networkErrorCode, plainMessage } from '../shared/failures.js'
import type { GcsBucket } from './client.js'

interface GcsFailure {
  code?: number | string
  status?: number
  message?: string
  errors?: { message?: string; reason?: string; error?: { message?: string } }[]
  response?: { status?: number }
}

/** What describe() names: the bucket, the API endpoint, and the settings whose permissions it lists. */
export type GcsPlace = Pick<GcsBucket, 'bucketName' | 'apiEndpoint' | 'objects'>

/** What went wrong, in words that say what to fix. */
export function describeGcs(error: unknown, place: GcsPlace): string {
  const failure = error as GcsFailure
  const status = httpStatus(error)
  const inner = failure.errors?.map((entry) => entry.message ?? entry.error?.message).filter(Boolean) ?? []
  const detail = [plainMessage(error), ...inner].filter((text, index, all) => text && all.indexOf(text) === index).join(': ')
  const network = networkErrorCode(error)
  if (network) return `cannot reach ${place.apiEndpoint} (${network}): ${detail}`
  if (/default credentials|Could not refresh access token|invalid_grant|unauthorized_client|The file at .* does not exist/i.test(detail)) {
    return `no usable Google credentials (use google-github-actions/auth before this action, or set GOOGLE_APPLICATION_CREDENTIALS): ${detail}`
  }
  if (status === 404) return `the bucket "${place.bucketName}" does not exist (HTTP 404): ${detail}`
  if (status === 401) return `the credentials were refused (HTTP 401): ${detail}`
  if (status === 403) {
    const retention = place.objects?.immutableDays ? ', and storage.objects.setRetention for immutable-days' : ''
    return `access denied (HTTP 403): the credentials need storage.objects.create, get, list and delete on the bucket (roles/storage.objectAdmin)${retention}: ${detail}`
  }
  if (status === 412) return `an object already exists under the key (HTTP 412): ${detail}`
  return status ? `HTTP ${status}: ${detail}` : detail
}
