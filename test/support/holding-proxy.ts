import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http'
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
  /** Passes the held requests on, and every later one: the storage answers again. */
  release(): void
  stop(): Promise<void>
}

/**
 * An HTTP proxy in front of an emulator that passes every request on, except those `hold`
 * picks: it reads those and does not answer, like a storage that has stopped responding, until
 * released.
 */
export async function startHoldingProxy(target: string, hold: (request: IncomingMessage) => boolean): Promise<HoldingProxy> {
  const upstream = new URL(target)
  const requests: HoldingProxy['requests'] = []
  const held: HeldRequest[] = []
  const waiting: (() => void)[] = []
  let holding = true
  /** `body`: the request's body, read while it was held; else it is streamed on as it comes. */
  const passOn = (incoming: IncomingMessage, outgoing: ServerResponse, body?: Buffer): void => {
    const proxied = forward(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers)
        response.pipe(outgoing)
      }
    )
    proxied.on('error', (error) => outgoing.destroy(error))
    if (body) proxied.end(body)
    else incoming.pipe(proxied)
  }
  const server = createServer((incoming, outgoing) => {
    requests.push({ method: incoming.method ?? 'GET', url: incoming.url ?? '/' })
    if (holding && hold(incoming)) {
      const record: HeldRequest = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', closedByClient: false }
      held.push(record)
      // Reading the body is how a closed connection is noticed; a released request is passed on
      // with the body it sent, once it has all arrived.
      const body: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => body.push(chunk))
      const received = new Promise<void>((resolve) => incoming.once('end', resolve))
      outgoing.on('close', () => {
        record.closedByClient = !outgoing.writableEnded
      })
      waiting.push(() => void received.then(() => passOn(incoming, outgoing, Buffer.concat(body))))
      return
    }
    passOn(incoming, outgoing)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    held,
    release() {
      holding = false
      for (const pass of waiting.splice(0)) pass()
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
