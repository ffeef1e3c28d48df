import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface WebhookReceiver {
  url: string
  /** Raw bodies received, in order. */
  bodies: string[]
  /** HTTP status the receiver answers with (200 unless changed). */
  status: number
  close(): Promise<void>
}

/** An HTTP server on 127.0.0.1 that records every POST body. */
export async function startWebhookReceiver(path = '/hooks/backup-secret-token-123'): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    bodies: [],
    status: 200,
    close: async () => undefined
  }
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      if (request.method === 'POST' && request.url === path) receiver.bodies.push(body)
      response.statusCode = request.url === path ? receiver.status : 404
      response.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()))
  return receiver
}
