import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js'
import { waitUntil } from '../support/runner.js'

/** The fault proxy itself does what the fault matrix relies on. */

let upstream: Server
let upstreamUrl: string
let received: { method: string; host: string; bytes: number; complete: boolean; closed: boolean }[]
let proxy: FaultProxy

beforeAll(async () => {
  upstream = createServer((incoming, outgoing) => {
    const entry = { method: incoming.method ?? '', host: incoming.headers.host ?? '', bytes: 0, complete: false, closed: false }
    received.push(entry)
    incoming.on('close', () => (entry.closed = true))
    incoming.on('data', (chunk: Buffer) => (entry.bytes += chunk.length))
    incoming.on('end', () => {
      entry.complete = true
      if (incoming.url === '/session') outgoing.writeHead(201, { Location: `${upstreamUrl}/session/1` }).end()
      else outgoing.end(`upstream got ${entry.bytes} bytes`)
    })
    incoming.on('error', () => undefined)
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
  proxy = await startFaultProxy(upstreamUrl)
})

afterAll(async () => {
  await proxy.stop()
  upstream.closeAllConnections()
  await new Promise((resolve) => upstream.close(resolve))
})

beforeEach(() => {
  received = []
  proxy.clear()
  proxy.requests.length = 0
})

/** One request through the proxy: its status and body, or the error that ended it. */
function send(method: string, path: string, body = Buffer.alloc(0), timeoutMs = 5000): Promise<{ status?: number; body?: string; headers?: Record<string, unknown>; error?: string }> {
  return new Promise((resolve) => {
    const outgoing = request(`${proxy.endpoint}${path}`, { method, headers: { 'Content-Length': body.length }, agent: false }, (response) => {
      let text = ''
      response.on('data', (chunk: Buffer) => (text += chunk.toString()))
      response.on('end', () => resolve({ status: response.statusCode, body: text, headers: response.headers }))
    })
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error('no answer')))
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
    outgoing.end(body)
  })
}

describe('the fault-injecting proxy', () => {
  test('answers the chosen requests itself N times, then passes them through; the emulator is named in the Host header', async () => {
    proxy.inject({ when: (seen) => seen.method === 'PUT', times: 2, fault: { status: 503, body: 'busy' } })
    expect(await send('GET', '/a')).toMatchObject({ status: 200 })
    expect(await send('PUT', '/a', Buffer.from('x'))).toMatchObject({ status: 503, body: 'busy' })
    expect(await send('PUT', '/a', Buffer.from('x'))).toMatchObject({ status: 503 })
    expect(await send('PUT', '/a', Buffer.from('x'))).toMatchObject({ status: 200, body: 'upstream got 1 bytes' })
    expect(proxy.requests.map((seen) => seen.fault)).toEqual([undefined, 'status', 'status', undefined])
    expect(received.map((entry) => entry.method)).toEqual(['GET', 'PUT'])
    expect(received[0].host).toBe(new URL(upstreamUrl).host)
  })

  test('cuts a request after K bytes of its body: the client sees the connection die, the emulator an incomplete body', async () => {
    proxy.inject({ fault: { cutAfterBytes: 64 * 1024 } })
    const result = await send('PUT', '/big', Buffer.alloc(1024 * 1024))
    expect(result.error).toMatch(/ECONNRESET|EPIPE/)
    // The emulator's side of the connection ends too, with what it had received by then.
    await waitUntil(() => received[0]?.closed || undefined, 'the emulator to see the request end')
    expect(received).toHaveLength(1)
    expect(received[0].bytes).toBeGreaterThan(0)
    expect(received[0].bytes).toBeLessThanOrEqual(64 * 1024)
    expect(received[0].complete).toBe(false)
  })

  test('with withhold, a cut request never reaches the emulator', async () => {
    proxy.inject({ fault: { cutAfterBytes: 64 * 1024, withhold: true } })
    expect((await send('PUT', '/big', Buffer.alloc(1024 * 1024))).error).toMatch(/ECONNRESET|EPIPE/)
    expect(received).toEqual([])
  })

  test('leaves a hanging request without an answer', async () => {
    proxy.inject({ fault: { hang: true } })
    expect(await send('GET', '/slow', Buffer.alloc(0), 500)).toEqual({ error: 'no answer' })
    expect(proxy.requests.map((seen) => seen.fault)).toEqual(['hang'])
  })

  test('rewrites a Location that points at the emulator to point at the proxy', async () => {
    const result = await send('POST', '/session')
    expect(result.headers?.location).toBe(`${proxy.endpoint}/session/1`)
  })
})
