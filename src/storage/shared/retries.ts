import { subscribe } from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'

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
