import { httpStatus, plainMessage } from '../shared/failures.js'
import { checkReachable, preflightResult, probeKey, writeRefused } from '../shared/preflight-checks.js'
import type { PreflightResult } from '../types.js'
import type { GcsBucket } from './client.js'
import { cancelSession } from './leftovers.js'
import { gcsObjectFields } from './settings.js'

/**
 * Credentials resolved, then a one-object listing: it finds the bucket and needs
 * storage.objects.list, which retention needs too (the bucket's own metadata would need
 * storage.buckets.get, which an object-level role lacks). Then the write check.
 */
export async function preflight(gcs: GcsBucket, keyPrefix: string): Promise<PreflightResult> {
  await checkReachable(gcs, async () => {
    // Without credentials the client sends a listing unauthenticated (for public buckets), and
    // fails only on the answer: the credentials are resolved first, where an emulator needs none.
    if (!gcs.storage.customEndpoint) await gcs.storage.authClient.getAccessToken()
    await gcs.bucket.getFiles({ prefix: keyPrefix, autoPaginate: false, maxResults: 1 })
  })
  const checks = ['credentials and bucket OK (one-object listing)']
  if (gcs.objects?.immutableDays) checks.push(await checkObjectRetention(gcs))
  return preflightResult(checks, await checkWrite(gcs, keyPrefix))
}

/**
 * Whether an upload would be accepted, leaving nothing behind: a resumable session started under
 * the prefix with the object resource every upload sends (storage.objects.create, and
 * storage.objects.setRetention with immutable-days, are checked as the session starts: its URI
 * alone authorises what follows), then cancelled. No object exists before a session's last
 * byte; a probe object would leave a noncurrent version or a retained object behind.
 */
async function checkWrite(gcs: GcsBucket, keyPrefix: string): Promise<PreflightResult> {
  const key = probeKey(keyPrefix)
  let session: string
  try {
    ;[session] = await gcs.bucket.file(key).createResumableUpload({
      metadata: { contentType: 'application/octet-stream', ...gcsObjectFields(gcs.objects) },
      preconditionOpts: { ifGenerationMatch: 0 }
    })
  } catch (error) {
    const retention = gcs.objects?.immutableDays ? ' and storage.objects.setRetention (immutable-days)' : ''
    const cause = httpStatus(error) === 403 ? `starting an upload was refused (HTTP 403): the credentials need storage.objects.create${retention}: ${plainMessage(error)}` : gcs.describe(error)
    throw writeRefused(gcs, keyPrefix, cause)
  }
  const note = await cancelSession(session)
  if (!note) return { checked: 'writable (upload session started, cancelled)' }
  return {
    checked: 'writable (upload session started; its cancellation failed)',
    warnings: [`${gcs.where}: ${note}: the preflight's session for ${gcs.uri(key)} holds no bytes, creates no object, and expires after a week`]
  }
}

/**
 * immutable-days needs a bucket with object retention enabled (set when it is created): without
 * it every upload would be refused after the dump. Reading the bucket needs storage.buckets.get,
 * which an object-level role lacks: then the upload is where it shows.
 */
async function checkObjectRetention(gcs: GcsBucket): Promise<string> {
  let mode: string | undefined
  try {
    const [bucket] = await gcs.bucket.getMetadata()
    mode = (bucket as { objectRetention?: { mode?: string } }).objectRetention?.mode
  } catch (error) {
    if (httpStatus(error) === 403) return 'object retention not checked (reading the bucket needs storage.buckets.get)'
    throw new Error(`whether ${gcs.where} has object retention, which immutable-days needs, cannot be read: ${gcs.describe(error)}`)
  }
  if (mode !== 'Enabled') {
    throw new Error(
      `${gcs.where} does not have object retention enabled, which immutable-days needs: create the bucket with it (gcloud storage buckets create --enable-per-object-retention, see docs/storage.md), or remove immutable-days`
    )
  }
  return 'object retention enabled'
}
