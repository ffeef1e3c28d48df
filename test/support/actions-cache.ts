import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One saved cache entry: its key and version (what restore matches on) and the archive bytes. */
export interface CacheEntry {
  key: string
  version: string
  archive: Buffer
}

export interface ActionsCacheServer {
  /** For ACTIONS_CACHE_URL, with the trailing slash @actions/cache expects. */
  url: string
  /** Committed entries by key. */
  entries: Map<string, CacheEntry>
  close(): Promise<void>
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * The Actions cache service (the v1 REST protocol @actions/cache speaks when ACTIONS_CACHE_URL is
 * set) on 127.0.0.1: look up by key and version, reserve, upload in ranges, commit, download.
 * Whatever is saved through it is what a later restore gets, as on GitHub: a test can save a
 * poisoned entry with the real client, as an attacker with cache write access would.
 */
export async function startActionsCache(): Promise<ActionsCacheServer> {
  const entries = new Map<string, CacheEntry>()
  const pending = new Map<number, { key: string; version: string; parts: { start: number; data: Buffer }[] }>()
  let nextId = 1
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://cache')
    const json = (status: number, value?: unknown): void => {
      response.statusCode = status
      if (value === undefined) response.end()
      else {
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify(value))
      }
    }
    const data = await body(request)
    const cacheId = Number(/\/_apis\/artifactcache\/caches\/(\d+)$/.exec(url.pathname)?.[1])
    if (request.method === 'GET' && url.pathname === '/_apis/artifactcache/cache') {
      const version = url.searchParams.get('version')
      const entry = (url.searchParams.get('keys') ?? '')
        .split(',')
        .map((key) => entries.get(key))
        .find((candidate) => candidate && candidate.version === version)
      if (!entry) return json(204)
      return json(200, { cacheKey: entry.key, archiveLocation: `http://${request.headers.host}/archives/${encodeURIComponent(entry.key)}` })
    }
    if (request.method === 'GET' && url.pathname.startsWith('/archives/')) {
      const entry = entries.get(decodeURIComponent(url.pathname.slice('/archives/'.length)))
      if (!entry) return json(404)
      response.setHeader('content-length', entry.archive.length)
      return response.end(entry.archive)
    }
    if (request.method === 'POST' && url.pathname === '/_apis/artifactcache/caches') {
      const { key, version } = JSON.parse(data.toString()) as { key: string; version: string }
      if (entries.has(key)) return json(409, { message: `Unable to reserve cache with key ${key}, another job may be creating this cache.` })
      const id = nextId++
      pending.set(id, { key, version, parts: [] })
      return json(201, { cacheId: id })
    }
    if (request.method === 'PATCH' && pending.has(cacheId)) {
      const start = Number(/bytes (\d+)-/.exec(request.headers['content-range'] ?? '')?.[1] ?? 0)
      pending.get(cacheId)?.parts.push({ start, data })
      return json(204)
    }
    if (request.method === 'POST' && pending.has(cacheId)) {
      const upload = pending.get(cacheId)
      pending.delete(cacheId)
      if (upload) {
        const archive = Buffer.concat(upload.parts.sort((a, b) => a.start - b.start).map((part) => part.data))
        entries.set(upload.key, { key: upload.key, version: upload.version, archive })
      }
      return json(204)
    }
    json(404, { message: `no route for ${request.method} ${url.pathname}` })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    entries,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
