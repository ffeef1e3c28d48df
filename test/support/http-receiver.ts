import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: string
}

export interface Answer {
  status: number
  headers?: Record<string, string>
  body?: string
  /** Answer only after this long (to test the 5 s limit). */
  delayMs?: number
  /** Answer only once this settles (to see which requests were in flight together). */
  after?: Promise<unknown>
}

/**
 * An HTTP server on 127.0.0.1 that records every request (any method, any path) and answers as
 * `respond` says: the local stand-in for Slack, Discord, Teams, the Bot API, a webhook receiver
 * and a heartbeat monitor. `url` and `bodies` make it usable wherever a WebhookReceiver is.
 */
export interface HttpReceiver {
  /** http://127.0.0.1:<port> */
  url: string
  requests: ReceivedRequest[]
  readonly bodies: string[]
  status: number
  respond: (request: ReceivedRequest) => Answer
  close(): Promise<void>
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const receiver: HttpReceiver = {
    url: '',
    requests: [],
    get bodies() {
      return receiver.requests.map((request) => request.body).filter(Boolean)
    },
    status: 200,
    respond: () => ({ status: receiver.status, body: 'ok' }),
    close: async () => undefined
  }
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      const received = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body }
      receiver.requests.push(received)
      const answer = receiver.respond(received)
      const reply = (): void => {
        response.writeHead(answer.status, answer.headers)
        response.end(answer.body ?? '')
      }
      if (answer.delayMs) setTimeout(reply, answer.delayMs).unref()
      else if (answer.after) void answer.after.then(reply, reply)
      else reply()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return receiver
}

/** What the Bot API answers to a sendMessage it accepts. */
export const TELEGRAM_OK: Answer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true,"result":{"message_id":1}}' }
