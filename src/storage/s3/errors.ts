import type { ObjectSettings } from '../../config/types.js'
import { httpStatus, networkErrorCode, plainMessage } from '../shared/failures.js'
import type { S3Bucket } from './client.js'

export interface S3Failure {
  name?: string
  message?: string
  Code?: string
  $metadata?: { httpStatusCode?: number; attempts?: number }
}

/** What describe() names: the bucket, where it is, and the settings whose permissions it lists. */
export type S3Place = Pick<S3Bucket, 'bucket' | 'endpoint' | 'region' | 'objects'>

/** No credentials were found: the SDK sent no request, so nothing can have been stored. */
export function isCredentialsError(error: unknown): boolean {
  const failure = error as S3Failure
  return failure?.name === 'CredentialsProviderError' || /Could not load credentials/i.test(plainMessage(error))
}

/** Refused for want of a permission, not for the credentials themselves (a bad key, token or signature). */
export function isAccessDenied(error: unknown): boolean {
  const name = (error as S3Failure).name ?? ''
  return name === 'AccessDenied' || (httpStatus(error) === 403 && !/Token|Signature|AccessKey/.test(name))
}

/** What went wrong, in words that say what to fix. */
export function describeS3(error: unknown, place: S3Place): string {
  const failure = error as S3Failure
  const name = failure.name ?? failure.Code ?? ''
  const status = failure.$metadata?.httpStatusCode
  const detail = plainMessage(error)
  const network = networkErrorCode(error)
  if (network) return `cannot reach ${place.endpoint || `S3 in ${place.region}`} (${network}): ${detail}${afterAttempts(error)}`
  if (isCredentialsError(error)) {
    return `no AWS credentials found (use aws-actions/configure-aws-credentials, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY): ${detail}`
  }
  if (name === 'NoSuchBucket') return `the bucket "${place.bucket}" does not exist (NoSuchBucket)`
  if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'TokenRefreshRequired'].includes(name)) {
    return `the credentials were refused (${name}): ${detail}`
  }
  if (name === 'AccessDenied' || status === 403) {
    return `access denied (${name || 'HTTP 403'}): the credentials need ${permissions(place.objects)}: ${detail}`
  }
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || status === 301) {
    return `the bucket is in another region than ${place.region} (${name || 'HTTP 301'}): set s3-region: ${detail}`
  }
  const code = name && name !== 'Error' ? `${name}${status ? `, HTTP ${status}` : ''}` : status ? `HTTP ${status}` : ''
  return `${code ? `${code}: ${detail}` : detail}${afterAttempts(error)}`
}

/** The least permissions the configured settings need, for an access-denied message. */
function permissions(objects: ObjectSettings | undefined): string {
  const needed = ['s3:PutObject, s3:GetObject, s3:ListBucket and s3:DeleteObject on the bucket']
  if (objects?.immutableDays) needed.push('s3:PutObjectRetention, s3:GetObjectRetention and s3:GetBucketObjectLockConfiguration (immutable-days)')
  if (objects?.s3Encryption === 'aws:kms') needed.push('kms:GenerateDataKey and kms:Decrypt on the KMS key (s3-sse aws:kms)')
  return needed.join(', and ')
}

/** What an upload needs to be accepted at all, for a refused write check. */
export function writePermissions(objects: ObjectSettings | undefined): string {
  const needed = ['s3:PutObject']
  if (objects?.immutableDays) needed.push('s3:PutObjectRetention (immutable-days)')
  if (objects?.s3Encryption === 'aws:kms') needed.push('kms:GenerateDataKey on the KMS key (s3-sse aws:kms)')
  return needed.join(', and ')
}

/** Says that a transient fault outlasted the retries. */
function afterAttempts(error: unknown): string {
  const attempts = (error as S3Failure).$metadata?.attempts ?? 1
  return attempts > 1 ? ` (gave up after ${attempts} attempts)` : ''
}
