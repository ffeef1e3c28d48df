import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, normalize } from 'node:path'

export interface Mirror {
  /** Base URL, without a trailing slash. */
  url: string
  /** How many times each path was requested. */
  hits: Map<string, number>
  close(): Promise<void>
}

/** A static HTTP file server on 127.0.0.1: the download mirror a GitHub Enterprise user would run. */
export async function startMirror(root: string): Promise<Mirror> {
  const hits = new Map<string, number>()
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://mirror').pathname)
    hits.set(path, (hits.get(path) ?? 0) + 1)
    const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ''))
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      response.statusCode = 404
      response.end('not found')
      return
    }
    response.setHeader('content-length', statSync(file).size)
    createReadStream(file).pipe(response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
