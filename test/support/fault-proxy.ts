import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A fault-injecting HTTP proxy in front of a storage emulator (s3rver, azurite, the GCS server):
 * it passes requests through unchanged, except those a rule picks, which it answers itself with
 * an error status, cuts off after some bytes of their body, or leaves hanging. Like a reverse
 * proxy, it names the emulator in the Host header of what it passes on (so a client in the same
 * process never mistakes those requests for its own; s3rver does not check SigV4 signatures, and
 * Azure's shared-key signature does not cover the host), and rewrites a Location header that
 * points at the emulator (a GCS resumable session) to point at the proxy.
 */

export type Fault =
  /** Answer with this status and body; the request body is read first, as a server would. */
  | { status: number; body?: string; headers?: Record<string, string> }
  /**
   * Pass the request on, but destroy both connections once this many body bytes went through.
   * `withhold`: send the emulator nothing at all. s3rver stores the truncated body of an aborted
   * PutObject, which S3 never does (it checks Content-Length); this keeps s3rver as S3 would be.
   */
  | { cutAfterBytes: number; withhold?: boolean }
  /** Never answer (until the proxy stops). */
  | { hang: true }
  /**
   * Pass the request on, and add these headers to the emulator's answer: how a real service
   * reports what an emulator does not keep (S3 encryption or Object Lock on a HeadObject).
   */
  | { addHeaders: Record<string, string> }

export interface FaultRule {
  /** Which requests the rule applies to (every one if absent). */
  when?: (request: SeenRequest) => boolean
  /** How many matching requests get the fault; then they pass through (default: all). */
  times?: number
  fault: Fault
}

export interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  /** What the proxy did: undefined when it passed the request through. */
  fault?: 'status' | 'cut' | 'hang' | 'headers'
}

export interface FaultProxy {
  /** http://127.0.0.1:<port> */
  endpoint: string
  /** 127.0.0.1:<port>, the form of STORAGE_EMULATOR_HOST without a scheme. */
  host: string
  /** Every request seen, in order. */
  requests: SeenRequest[]
  /** Adds a rule; rules are tried in the order they were added. */
  inject(rule: FaultRule): void
  /** Removes every rule. */
  clear(): void
  stop(): Promise<void>
}

/** The XML error body S3 sends, e.g. for SlowDown (its throttling answer, with 503). */
export function s3ErrorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault-proxy</RequestId></Error>`
}

/** S3's throttling answer. */
export const S3_SLOW_DOWN: Fault = { status: 503, body: s3ErrorXml('SlowDown', 'Please reduce your request rate.'), headers: { 'Content-Type': 'application/xml' } }

/** S3's refusal of an identity without the permission. */
export const S3_ACCESS_DENIED: Fault = { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied'), headers: { 'Content-Type': 'application/xml' } }

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target)
  const rules: { rule: FaultRule; used: number }[] = []
  const requests: SeenRequest[] = []
  let origin = ''

  const pick = (seen: SeenRequest): Fault | undefined => {
    const entry = rules.find(({ rule, used }) => used < (rule.times ?? Infinity) && (rule.when?.(seen) ?? true))
    if (!entry) return undefined
    entry.used++
    return entry.rule.fault
  }

  const answer = (incoming: IncomingMessage, outgoing: ServerResponse, fault: { status: number; body?: string; headers?: Record<string, string> }): void => {
    incoming.resume()
    incoming.on('end', () => {
      const body = fault.body ?? ''
      outgoing.writeHead(fault.status, { 'Content-Length': Buffer.byteLength(body), ...fault.headers })
      outgoing.end(body)
    })
  }

  const cut = (incoming: IncomingMessage, afterBytes: number): void => {
    let received = 0
    incoming.on('data', (chunk: Buffer) => {
      received += chunk.length
      if (received >= afterBytes) incoming.socket.destroy()
    })
  }

  const pass = (incoming: IncomingMessage, outgoing: ServerResponse, cutAfterBytes?: number, addHeaders: Record<string, string> = {}): void => {
    const headers = { ...incoming.headers, host: upstream.host }
    const proxied = forward({ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers }, (response) => {
      const answered = { ...response.headers, ...addHeaders }
      if (typeof answered.location === 'string' && answered.location.startsWith(upstream.origin)) {
        answered.location = origin + answered.location.slice(upstream.origin.length)
      }
      outgoing.writeHead(response.statusCode ?? 502, answered)
      response.pipe(outgoing)
    })
    proxied.on('error', () => outgoing.destroy())
    if (cutAfterBytes === undefined) {
      incoming.pipe(proxied)
      return
    }
    let sent = 0
    incoming.on('data', (chunk: Buffer) => {
      const room = cutAfterBytes - sent
      if (room <= 0) return
      sent += Math.min(room, chunk.length)
      if (sent < cutAfterBytes) return void proxied.write(chunk)
      // The connection dies mid-body, once the emulator has those bytes: it sees an aborted
      // request, the client a reset.
      incoming.pause()
      proxied.write(chunk.subarray(0, room), () => {
        proxied.destroy()
        incoming.socket.destroy()
      })
    })
    incoming.on('end', () => proxied.end())
  }

  const server = createServer((incoming, outgoing) => {
    const seen: SeenRequest = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: { ...incoming.headers } }
    requests.push(seen)
    const fault = pick(seen)
    if (!fault) return pass(incoming, outgoing)
    if ('status' in fault) {
      seen.fault = 'status'
      return answer(incoming, outgoing, fault)
    }
    if ('addHeaders' in fault) {
      seen.fault = 'headers'
      return pass(incoming, outgoing, undefined, fault.addHeaders)
    }
    if ('cutAfterBytes' in fault) {
      seen.fault = 'cut'
      return fault.withhold ? cut(incoming, fault.cutAfterBytes) : pass(incoming, outgoing, fault.cutAfterBytes)
    }
    seen.fault = 'hang'
    incoming.resume()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  origin = `http://127.0.0.1:${port}`
  return {
    endpoint: origin,
    host: `127.0.0.1:${port}`,
    requests,
    inject: (rule) => void rules.push({ rule, used: 0 }),
    clear: () => void rules.splice(0),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
