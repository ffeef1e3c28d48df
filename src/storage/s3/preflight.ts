import { AbortMultipartUploadCommand, CreateMultipartUploadCommand, GetObjectLockConfigurationCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { httpStatus, plainMessage } from '../shared/failures.js'
import { checkReachable, preflightResult, probeKey, writeRefused } from '../shared/preflight-checks.js'
import type { PreflightResult } from '../types.js'
import type { S3Bucket } from './client.js'
import { isAccessDenied, writePermissions, type S3Failure } from './errors.js'
import { s3ObjectParams } from './settings.js'

/**
 * A one-key listing: it resolves the credentials, finds the bucket (in its region) and needs
 * s3:ListBucket, which retention needs too (HeadBucket would prove no more). Then the write
 * check, after the Object Lock check whose absence would refuse its lock headers.
 */
export async function preflight(s3: S3Bucket, keyPrefix: string): Promise<PreflightResult> {
  await checkReachable(s3, () => s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: keyPrefix, MaxKeys: 1 })))
  const checks = ['credentials and bucket OK (one-key listing)']
  if (s3.objects?.immutableDays) {
    await checkObjectLock(s3)
    checks.push('Object Lock enabled')
  }
  return preflightResult(checks, await checkWrite(s3, keyPrefix))
}

/**
 * Whether an upload would be accepted, leaving nothing behind: a multipart upload started under
 * the prefix with the per-object settings every upload sends (so s3:PutObject, and a KMS key or
 * Object Lock setting the service refuses as an upload starts, show here), aborted at once. It never holds a byte nor
 * becomes an object; a probe object would leave a version, a delete marker or a locked object in
 * a versioned or locked bucket.
 */
async function checkWrite(s3: S3Bucket, keyPrefix: string): Promise<PreflightResult> {
  const common = { Bucket: s3.bucket, Key: probeKey(keyPrefix) }
  let uploadId: string | undefined
  try {
    const created = await s3.client.send(
      new CreateMultipartUploadCommand({
        ...common,
        ContentType: 'application/octet-stream',
        ...s3ObjectParams(s3.objects),
        ...(s3.checksummed ? { ChecksumAlgorithm: 'SHA256' as const } : {})
      })
    )
    uploadId = created.UploadId
  } catch (error) {
    throw writeRefused(
      s3,
      keyPrefix,
      isAccessDenied(error)
        ? `starting an upload was refused (${(error as S3Failure).name || 'HTTP 403'}): the credentials need ${writePermissions(s3.objects)}: ${plainMessage(error)}`
        : s3.describe(error)
    )
  }
  if (!uploadId) throw new Error(`${s3.where} cannot be written: CreateMultipartUpload returned no UploadId`)
  try {
    await s3.client.send(new AbortMultipartUploadCommand({ ...common, UploadId: uploadId }))
    return { checked: 'writable (multipart upload started, aborted)' }
  } catch (error) {
    const left = `the preflight's multipart upload ${uploadId} of ${s3.uri(common.Key)} (it holds no bytes) is left until a lifecycle rule with AbortIncompleteMultipartUpload removes it`
    const warning = isAccessDenied(error)
      ? `${s3.where} refused AbortMultipartUpload (${(error as S3Failure).name || 'HTTP 403'}): the credentials lack s3:AbortMultipartUpload, which a failed or cancelled upload (and staging-stream) needs to remove its parts; ${left}`
      : `${s3.where} could not abort a multipart upload (${s3.describe(error)}): a failed or cancelled upload could not remove its parts either; ${left}`
    return { checked: 'writable (multipart upload started; its abort failed)', warnings: [warning] }
  }
}

/**
 * immutable-days needs a bucket created with Object Lock (which turns versioning on): without
 * it, every upload would be refused after the dump. Needs s3:GetBucketObjectLockConfiguration.
 */
async function checkObjectLock(s3: S3Bucket): Promise<void> {
  const enable = 'enable Object Lock on the bucket (aws s3api put-object-lock-configuration, see docs/storage.md), or remove immutable-days'
  let enabled: string | undefined
  try {
    const answer = await s3.client.send(new GetObjectLockConfigurationCommand({ Bucket: s3.bucket }))
    enabled = answer.ObjectLockConfiguration?.ObjectLockEnabled
  } catch (error) {
    const name = (error as S3Failure).name ?? ''
    if (name === 'ObjectLockConfigurationNotFoundError') throw new Error(`${s3.where} has no Object Lock, which immutable-days needs: ${enable}`)
    if (name === 'NotImplemented' || httpStatus(error) === 501) {
      throw new Error(`${s3.where} does not support S3 Object Lock (GetObjectLockConfiguration: ${name || 'HTTP 501'}), which immutable-days needs: remove immutable-days or use a service that supports it`)
    }
    throw new Error(`whether ${s3.where} has Object Lock, which immutable-days needs, cannot be read: ${s3.describe(error)}`)
  }
  if (enabled !== 'Enabled') throw new Error(`${s3.where} has no Object Lock enabled, which immutable-days needs: ${enable}`)
}
