/** What the cloud backends make of an SDK's error: a network code, an HTTP status, whether anything can have been stored. */

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
