import { subscribe } from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'
import type { BackupMetadata } from '../types.js'

/** What the cloud backends share: part sizing, object metadata, ETags and error wording. */

export const MiB = 1024 * 1024

/**
 * The smallest part (or block) size, in whole MiB and at least `minimum`, that splits `size`
 * bytes into at most `maxParts` parts: S3 allows 10,000 parts, Azure 50,000 blocks, so a fixed
 * part size would put a limit on the size of a dump.
 */
export function partSizeFor(size: number, minimum: number, maxParts: number): number {
  const needed = Math.ceil(size / maxParts)
  return Math.max(minimum, Math.ceil(needed / MiB) * MiB)
}

/**
 * How many parts to send at once when each is held in memory while it is sent: up to four, fewer
 * once the parts are so large (dumps of hundreds of GB) that four would use more than 64 MiB.
 */
export function partsInFlight(partSize: number): number {
  return Math.max(1, Math.min(4, Math.floor((64 * MiB) / partSize)))
}

/**
 * User metadata stored with each object. The keys are lower-case letters and digits only: Azure
 * requires C# identifiers, and proxies in front of S3-compatible services may drop headers with
 * underscores.
 */
export function objectMetadata(metadata: BackupMetadata): Record<string, string> {
  return {
    // Empty while a streamed upload has not ended: recorded at its commit.
    ...(metadata.sha256 ? { sha256: metadata.sha256 } : {}),
    backupname: metadata.backupName,
    dbtype: metadata.dbType,
    createdat: metadata.createdAt
  }
}

/** Whether an object's stored metadata says it is the upload of this backup (and nothing else). */
export function isOurs(stored: Record<string, string> | undefined, metadata: BackupMetadata): boolean {
  return stored?.sha256 === metadata.sha256 && stored?.createdat === metadata.createdAt && stored?.backupname === metadata.backupName
}

/**
 * ETags are reported without the surrounding quotes S3 and Azure put on them (GCS has none), so
 * that the output means the same for every backend and can be compared as it is.
 */
export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/^"(.*)"$/, '$1')
}

/**
 * How often each SDK tries a request that met a transient fault (HTTP 500, 502, 503, 504, 429 or
 * SlowDown, a reset or refused connection, a timeout) before the step fails: the first try and
 * three retries, with exponential backoff (and jitter, where the SDK has it) between them. A
 * refusal (4xx) is never retried.
 */
export const MAX_ATTEMPTS = 4

/** The retries a backend's SDK made, counted as they happen and handed to the step that asks. */
export class RetryCounter {
  private count = 0

  add(retries: number): void {
    if (retries > 0) this.count += retries
  }

  /** The retries made since the last call. */
  take(): number {
    const count = this.count
    this.count = 0
    return count
  }

  /**
   * Counts the requests to `host` (as in a Host header) that carry an operation id already seen:
   * the retries of SDKs (GCS, Azure) that keep one id across the attempts of an operation but
   * offer no hook that sees each attempt. Node publishes every outgoing HTTP request on this
   * diagnostics channel; nothing about the request is changed.
   */
  watch(host: string, operationId: (request: ClientRequest) => string | undefined): void {
    const seen = new Set<string>()
    subscribe('http.client.request.created', (message) => {
      const request = (message as { request: ClientRequest }).request
      if (request.getHeader('host') !== host) return
      const id = operationId(request)
      if (id === undefined) return
      if (seen.has(id)) this.count++
      else seen.add(id)
    })
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'TimeoutError'
])

/**
 * The network error code inside an SDK error, if the request never got an answer. SDKs wrap the
 * socket error differently (as the error itself, its cause, or an AggregateError of addresses).
 */
export function networkErrorCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined
  const record = error as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown; message?: unknown }
  for (const candidate of [record.code, record.name]) {
    if (typeof candidate === 'string' && NETWORK_CODES.has(candidate)) return candidate
  }
  if (typeof record.message === 'string') {
    const match = /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(record.message)
    if (match) return match[1]
  }
  const nested = [record.cause, ...(Array.isArray(record.errors) ? record.errors : [])]
  for (const inner of nested) {
    const code = networkErrorCode(inner, depth + 1)
    if (code) return code
  }
  return undefined
}

/** Errors of a connection that was never made: no request reached the storage. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

/** The HTTP status of an SDK error, wherever the SDK keeps it. */
export function httpStatus(error: unknown): number | undefined {
  const record = error as { $metadata?: { httpStatusCode?: unknown }; statusCode?: unknown; status?: unknown; code?: unknown; response?: { status?: unknown } }
  const candidates = [record?.$metadata?.httpStatusCode, record?.statusCode, record?.status, record?.code, record?.response?.status]
  return candidates.find((value): value is number => typeof value === 'number' && value >= 100 && value < 600)
}

/**
 * Whether a failed upload may still have stored an object: not when the storage answered with a
 * refusal (4xx) or could not be reached at all, so the check for a leftover object, which would
 * only fail the same way, is skipped.
 */
export function mayHaveStored(error: unknown): boolean {
  const status = httpStatus(error)
  if (status !== undefined && status >= 400 && status < 500) return false
  const network = networkErrorCode(error)
  return !(network && NEVER_CONNECTED.has(network))
}

/** The message of anything thrown, on one line. */
export function plainMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).join(' ')
}

/** Runs `work` over `items` with at most `limit` at a time; rejects with the first failure. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Compares what the storage holds after an upload with what was sent; the problems found. */
export function storedObjectProblems(
  expected: { sizeBytes: number; sha256: string },
  stored: { sizeBytes: number | undefined; sha256: string | undefined }
): string[] {
  const problems: string[] = []
  if (stored.sizeBytes !== expected.sizeBytes) {
    problems.push(`it holds ${stored.sizeBytes ?? 'an unknown number of'} bytes, the dump is ${expected.sizeBytes} bytes`)
  }
  if (stored.sha256 !== expected.sha256) {
    problems.push(`its sha256 metadata is ${stored.sha256 ? `"${stored.sha256}"` : 'missing'}, the dump's is ${expected.sha256}`)
  }
  return problems
}

const DAY_MS = 86_400_000

/** When a lock of `days` set now ends: the retain-until time sent with an upload. */
export function lockedUntil(days: number, now = new Date()): Date {
  return new Date(now.getTime() + days * DAY_MS)
}

/** Whether a lock read from the storage still holds at `now`. */
export function stillLocked(until: Date | undefined, now = new Date()): boolean {
  return until !== undefined && until.getTime() > now.getTime()
}

/** How many deletions went through before a failure, for the error message. */
export function deletedSoFar(deleted: number): string {
  return deleted > 0 ? ` (${deleted} other(s) were deleted)` : ''
}

/** One error for the deletions that failed, naming the first few. */
export function deletionFailure(failures: string[], deleted: number, where: string): Error {
  const shown = `${failures.slice(0, 5).join('; ')}${failures.length > 5 ? '; ...' : ''}`
  return new Error(`${failures.length} old backup(s) could not be deleted from ${where}: ${shown}${deletedSoFar(deleted)}`)
}
