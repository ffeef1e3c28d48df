import { createServer, request as forward, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface HeldRequest {
  method: string
  url: string
  /** The client closed the connection while the request was held (an aborted upload does). */
  closedByClient: boolean
}

export interface HoldingProxy {
  endpoint: string
  /** Every request, in order, held or passed on. */
  requests: { method: string; url: string }[]
  held: HeldRequest[]
  stop(): Promise<void>
}

/**
 * An HTTP proxy in front of an emulator that passes every request on, except those `hold`
 * picks: those it reads and never answers, like a storage that has stopped responding mid-upload.
 */
export async function startHoldingProxy(target: string, hold: (request: IncomingMessage) => boolean): Promise<HoldingProxy> {
  const upstream = new URL(target)
  const requests: HoldingProxy['requests'] = []
  const held: HeldRequest[] = []
  const server = createServer((incoming, outgoing) => {
    requests.push({ method: incoming.method ?? 'GET', url: incoming.url ?? '/' })
    if (hold(incoming)) {
      const record: HeldRequest = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', closedByClient: false }
      held.push(record)
      incoming.resume()
      outgoing.on('close', () => {
        record.closedByClient = !outgoing.writableEnded
      })
      return
    }
    const proxied = forward(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers)
        response.pipe(outgoing)
      }
    )
    proxied.on('error', (error) => outgoing.destroy(error))
    incoming.pipe(proxied)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    held,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
