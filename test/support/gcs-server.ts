import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A small Google Cloud Storage JSON-API server for tests: enough of the API for the real
 * @google-cloud/storage client (pointed at it with STORAGE_EMULATOR_HOST) to upload (resumable,
 * in one request or in chunks, and multipart), list with pages, read and delete objects.
 * Objects live in files under a temporary directory; MD5 and CRC32C are computed from the bytes
 * received, and X-Goog-Hash is checked against them, as GCS does. An object keeps the storage class
 * and the object retention it was uploaded with; a bucket created with object retention accepts a
 * retention, and, as GCS does, an object is not deleted before its retain-until time.
 */

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC32C (Castagnoli), the checksum GCS keeps for every object; incremental. */
export class Crc32c {
  private value = 0xffffffff

  update(data: Buffer): this {
    let c = this.value
    for (let i = 0; i < data.length; i++) c = CRC32C_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8)
    this.value = c >>> 0
    return this
  }

  /** Big-endian, base64: the form of the JSON API's `crc32c` field. */
  base64(): string {
    const out = Buffer.alloc(4)
    out.writeUInt32BE((this.value ^ 0xffffffff) >>> 0)
    return out.toString('base64')
  }
}

export interface StoredGcsObject {
  bucket: string
  name: string
  generation: string
  metageneration: string
  size: number
  md5Hash: string
  crc32c: string
  contentType: string
  metadata: Record<string, string>
  timeCreated: string
  path: string
  storageClass: string
  retention?: { mode: string; retainUntilTime: string }
}

/** What an upload asks of the object besides its data: its class and retention. */
interface ObjectSettings {
  storageClass?: string
  retention?: { mode?: string; retainUntilTime?: string }
}

interface Session extends ObjectSettings {
  id: string
  bucket: string
  name: string
  contentType: string
  metadata: Record<string, string>
  ifGenerationMatch?: string
  /** crc32c / md5Hash given in the object's metadata: GCS checks the data against them. */
  expected: { crc32c?: string; md5Hash?: string }
  path: string
  received: number
  md5: ReturnType<typeof createHash>
  crc32c: Crc32c
  finished?: StoredGcsObject
}

interface UploadMetadata extends ObjectSettings {
  name?: string
  contentType?: string
  metadata?: Record<string, string>
  crc32c?: string
  md5Hash?: string
}

export interface GcsRequestRecord {
  method: string
  path: string
  query: Record<string, string>
  contentRange?: string
  /** The object resource sent to start an upload (resumable or multipart). */
  resource?: Record<string, unknown>
}

export interface GcsBucketOptions {
  /** Object Retention Lock enabled (`--enable-per-object-retention`): objects may carry a retention. */
  objectRetention?: boolean
}

export interface GcsServer {
  /** What STORAGE_EMULATOR_HOST is set to. */
  url: string
  port: number
  requests: GcsRequestRecord[]
  /** Resumable sessions that were cancelled with DELETE. */
  cancelledSessions: string[]
  createBucket(name: string, options?: GcsBucketOptions): void
  /** Answer every upload to the bucket with 403, as GCS does for an identity without storage.objects.create. */
  denyWrites(bucket: string): void
  /** Answer data requests of resumable sessions with 403 once this many bytes were received (mid-upload failure). */
  failUploadsAfter(bytes: number | undefined): void
  objects(bucket: string): StoredGcsObject[]
  /** Writes an object directly, as if uploaded earlier (for retention tests). */
  putObject(bucket: string, name: string, data: Buffer | string, metadata?: Record<string, string>): Promise<StoredGcsObject>
  /** Makes an object look written at `date` (its timeCreated), as by an earlier run. */
  backdate(bucket: string, name: string, date: Date): void
  stop(): Promise<void>
}

function jsonError(response: ServerResponse, code: number, message: string, reason = 'invalid'): void {
  const body = JSON.stringify({ error: { code, message, errors: [{ message, domain: 'global', reason }] } })
  response.writeHead(code, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(body) })
  response.end(body)
}

function json(response: ServerResponse, code: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value)
  response.writeHead(code, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(body), ...headers })
  response.end(body)
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const chunk of request) parts.push(chunk as Buffer)
  return Buffer.concat(parts)
}

/** The parts of a multipart/related body: headers and content of each. */
function parseMultipart(body: Buffer, contentType: string): { headers: Record<string, string>; content: Buffer }[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
  if (!boundary) throw new Error('multipart body without a boundary')
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: { headers: Record<string, string>; content: Buffer }[] = []
  let at = body.indexOf(delimiter)
  while (at >= 0) {
    let start = at + delimiter.length
    if (body.subarray(start, start + 2).toString() === '--') break
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2
    const next = body.indexOf(delimiter, start)
    if (next < 0) break
    let end = next
    if (body.subarray(end - 2, end).toString() === '\r\n') end -= 2
    const part = body.subarray(start, end)
    const split = part.indexOf('\r\n\r\n')
    const headerText = split >= 0 ? part.subarray(0, split).toString() : ''
    const headers: Record<string, string> = {}
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':')
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
    }
    parts.push({ headers, content: split >= 0 ? part.subarray(split + 4) : part })
    at = next
  }
  return parts
}

/** Checks X-Goog-Hash (`crc32c=...,md5=...`) against what was received; the mismatch, if any. */
function hashMismatch(header: string | undefined, md5: string, crc32c: string): string | undefined {
  if (!header) return undefined
  for (const entry of header.split(',')) {
    const at = entry.indexOf('=')
    const kind = entry.slice(0, at).trim().toLowerCase()
    const value = entry.slice(at + 1).trim()
    if (kind === 'crc32c' && value !== crc32c) return `Provided CRC32C "${value}" doesn't match calculated CRC32C "${crc32c}".`
    if (kind === 'md5' && value !== md5) return `Provided MD5 hash "${value}" doesn't match calculated MD5 hash "${md5}".`
  }
  return undefined
}

export async function startGcsServer(): Promise<GcsServer> {
  const directory = await mkdtemp(join(tmpdir(), 'gcs-emulator-'))
  await mkdir(join(directory, 'objects'))
  await mkdir(join(directory, 'sessions'))
  const buckets = new Map<string, Map<string, StoredGcsObject>>()
  const retentionBuckets = new Set<string>()
  const deniedBuckets = new Set<string>()
  const sessions = new Map<string, Session>()
  const requests: GcsRequestRecord[] = []
  const cancelledSessions: string[] = []
  let failAfter: number | undefined
  let lastGeneration = 0
  let baseUrl = ''

  const nextGeneration = (): string => {
    lastGeneration = Math.max(lastGeneration + 1, Date.now() * 1000)
    return String(lastGeneration)
  }

  const resource = (object: StoredGcsObject): Record<string, unknown> => {
    const encoded = encodeURIComponent(object.name)
    return {
      kind: 'storage#object',
      id: `${object.bucket}/${object.name}/${object.generation}`,
      selfLink: `${baseUrl}/storage/v1/b/${object.bucket}/o/${encoded}`,
      mediaLink: `${baseUrl}/download/storage/v1/b/${object.bucket}/o/${encoded}?generation=${object.generation}&alt=media`,
      name: object.name,
      bucket: object.bucket,
      generation: object.generation,
      metageneration: object.metageneration,
      contentType: object.contentType,
      size: String(object.size),
      md5Hash: object.md5Hash,
      crc32c: object.crc32c,
      etag: Buffer.from(`${object.generation}/${object.metageneration}`).toString('base64'),
      timeCreated: object.timeCreated,
      updated: object.timeCreated,
      storageClass: object.storageClass,
      ...(object.retention ? { retention: object.retention } : {}),
      ...(Object.keys(object.metadata).length > 0 ? { metadata: object.metadata } : {})
    }
  }

  /** Why GCS would refuse these settings for the bucket, if it would. */
  const settingsProblem = (bucket: string, settings: ObjectSettings): string | undefined => {
    if (settings.storageClass && !['STANDARD', 'NEARLINE', 'COLDLINE', 'ARCHIVE'].includes(settings.storageClass)) return `Invalid storage class: ${settings.storageClass}`
    if (settings.retention && !retentionBuckets.has(bucket)) return 'Object retention is not enabled on this bucket.'
    if (settings.retention && !(Date.parse(settings.retention.retainUntilTime ?? '') > Date.now())) return 'The retain-until time must be in the future.'
    return undefined
  }

  /** Makes a received file an object, if the preconditions allow; the object or an error answered. */
  const commit = async (
    response: ServerResponse,
    target: {
      bucket: string
      name: string
      contentType: string
      metadata: Record<string, string>
      ifGenerationMatch?: string
      expected: { crc32c?: string; md5Hash?: string }
    } & ObjectSettings,
    file: string,
    size: number,
    md5: string,
    crc32c: string,
    hashHeader: string | undefined
  ): Promise<StoredGcsObject | undefined> => {
    const objects = buckets.get(target.bucket)
    if (!objects) {
      jsonError(response, 404, 'The specified bucket does not exist.', 'notFound')
      return undefined
    }
    const declared = [target.expected.crc32c && `crc32c=${target.expected.crc32c}`, target.expected.md5Hash && `md5=${target.expected.md5Hash}`]
    const mismatch = hashMismatch(hashHeader, md5, crc32c) ?? hashMismatch(declared.filter(Boolean).join(',') || undefined, md5, crc32c)
    if (mismatch) {
      await rm(file, { force: true })
      jsonError(response, 400, mismatch, 'invalid')
      return undefined
    }
    const existing = objects.get(target.name)
    if (target.ifGenerationMatch !== undefined && (existing?.generation ?? '0') !== target.ifGenerationMatch) {
      await rm(file, { force: true })
      jsonError(response, 412, 'At least one of the pre-conditions you specified did not hold.', 'conditionNotMet')
      return undefined
    }
    const generation = nextGeneration()
    const path = join(directory, 'objects', `${createHash('sha1').update(`${target.bucket}/${target.name}`).digest('hex')}-${generation}`)
    await rename(file, path)
    if (existing) await rm(existing.path, { force: true })
    const object: StoredGcsObject = {
      bucket: target.bucket,
      name: target.name,
      generation,
      metageneration: '1',
      size,
      md5Hash: md5,
      crc32c,
      contentType: target.contentType || 'application/octet-stream',
      metadata: target.metadata,
      timeCreated: new Date().toISOString(),
      path,
      storageClass: target.storageClass ?? 'STANDARD',
      ...(target.retention ? { retention: { mode: target.retention.mode ?? 'Unlocked', retainUntilTime: new Date(target.retention.retainUntilTime as string).toISOString() } } : {})
    }
    objects.set(target.name, object)
    json(response, 200, resource(object))
    return object
  }

  const bucketOf = (response: ServerResponse, bucket: string): Map<string, StoredGcsObject> | undefined => {
    const objects = buckets.get(bucket)
    if (!objects) jsonError(response, 404, 'The specified bucket does not exist.', 'notFound')
    return objects
  }

  const startUpload = async (request: IncomingMessage, response: ServerResponse, bucket: string, query: URLSearchParams): Promise<void> => {
    const uploadType = query.get('uploadType') ?? 'media'
    const body = await readBody(request)
    if (!bucketOf(response, bucket)) return
    if (deniedBuckets.has(bucket)) {
      jsonError(
        response,
        403,
        "ci-backup@example-project.iam.gserviceaccount.com does not have storage.objects.create access to the Google Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).",
        'forbidden'
      )
      return
    }
    const ifGenerationMatch = query.get('ifGenerationMatch') ?? undefined
    if (uploadType === 'resumable') {
      const meta = body.length > 0 ? (JSON.parse(body.toString('utf8')) as UploadMetadata) : {}
      requests[requests.length - 1].resource = meta as Record<string, unknown>
      const name = query.get('name') ?? meta.name
      if (!name) return jsonError(response, 400, 'Required object name is missing.', 'required')
      const problem = settingsProblem(bucket, meta)
      if (problem) return jsonError(response, 400, problem, 'invalid')
      const id = randomBytes(12).toString('hex')
      const path = join(directory, 'sessions', id)
      await writeFile(path, '')
      sessions.set(id, {
        id,
        bucket,
        name,
        contentType: meta.contentType ?? (request.headers['x-upload-content-type'] as string | undefined) ?? '',
        metadata: meta.metadata ?? {},
        ifGenerationMatch,
        expected: { crc32c: meta.crc32c, md5Hash: meta.md5Hash },
        storageClass: meta.storageClass,
        retention: meta.retention,
        path,
        received: 0,
        md5: createHash('md5'),
        crc32c: new Crc32c()
      })
      const location = `${baseUrl}/upload/storage/v1/b/${bucket}/o?uploadType=resumable&name=${encodeURIComponent(name)}&upload_id=${id}`
      response.writeHead(200, { Location: location, 'Content-Length': 0 })
      response.end()
      return
    }
    let content = body
    let meta: UploadMetadata = {}
    if (uploadType === 'multipart') {
      const parts = parseMultipart(body, String(request.headers['content-type'] ?? ''))
      if (parts.length !== 2) return jsonError(response, 400, `multipart upload needs 2 parts, got ${parts.length}`)
      meta = JSON.parse(parts[0].content.toString('utf8'))
      requests[requests.length - 1].resource = meta as Record<string, unknown>
      const problem = settingsProblem(bucket, meta)
      if (problem) return jsonError(response, 400, problem, 'invalid')
      content = parts[1].content
      meta.contentType ??= parts[1].headers['content-type']
    } else {
      meta.contentType = String(request.headers['content-type'] ?? '')
    }
    const name = query.get('name') ?? meta.name
    if (!name) return jsonError(response, 400, 'Required object name is missing.', 'required')
    const file = join(directory, 'sessions', randomBytes(12).toString('hex'))
    await writeFile(file, content)
    await commit(
      response,
      {
        bucket,
        name,
        contentType: meta.contentType ?? '',
        metadata: meta.metadata ?? {},
        ifGenerationMatch,
        expected: { crc32c: meta.crc32c, md5Hash: meta.md5Hash },
        storageClass: meta.storageClass,
        retention: meta.retention
      },
      file,
      content.length,
      createHash('md5').update(content).digest('base64'),
      new Crc32c().update(content).base64(),
      request.headers['x-goog-hash'] as string | undefined
    )
  }

  /** A PUT to a resumable session URI: a status query, a chunk, or the rest of the data. */
  const continueUpload = async (request: IncomingMessage, response: ServerResponse, session: Session): Promise<void> => {
    const range = String(request.headers['content-range'] ?? 'bytes */*')
    const status = /^bytes \*\/(\d+|\*)$/.exec(range)
    const data = /^bytes (\d+)-(\d+|\*)\/(\d+|\*)$/.exec(range)
    const incomplete = (): void => {
      response.writeHead(308, { ...(session.received > 0 ? { Range: `bytes=0-${session.received - 1}` } : {}), 'Content-Length': 0 })
      response.end()
    }
    if (session.finished) {
      await readBody(request)
      return json(response, 200, resource(session.finished))
    }
    if (status) {
      await readBody(request)
      const total = status[1]
      if (total !== '*' && Number(total) === session.received) return finish(request, response, session)
      return incomplete()
    }
    if (!data) {
      await readBody(request)
      return jsonError(response, 400, `Failed to parse Content-Range header: ${range}`)
    }
    const start = Number(data[1])
    const total = data[3] === '*' ? undefined : Number(data[3])
    if (start > session.received) {
      await readBody(request)
      return jsonError(response, 400, `Invalid request. There were ${start - session.received} byte(s) missing before this chunk.`)
    }
    // Bytes the session already holds (a client resending after a lost answer) are skipped.
    let skip = session.received - start
    const out = createWriteStream(session.path, { flags: 'a' })
    let refused = false
    for await (const chunk of request) {
      let piece = chunk as Buffer
      if (skip > 0) {
        const dropped = Math.min(skip, piece.length)
        piece = piece.subarray(dropped)
        skip -= dropped
      }
      if (piece.length === 0) continue
      if (failAfter !== undefined && session.received + piece.length > failAfter) {
        refused = true
        break
      }
      session.md5.update(piece)
      session.crc32c.update(piece)
      session.received += piece.length
      if (!out.write(piece)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
    if (refused) {
      response.setHeader('Connection', 'close')
      return jsonError(response, 403, 'Access to the upload was revoked while it was in progress.', 'forbidden')
    }
    if (total !== undefined && session.received > total) return jsonError(response, 400, 'More data was sent than the declared object size.')
    const last = data[2] === '*' || (total !== undefined && session.received === total)
    if (!last) return incomplete()
    if (total !== undefined && session.received !== total) return incomplete()
    return finish(request, response, session)
  }

  const finish = async (request: IncomingMessage, response: ServerResponse, session: Session): Promise<void> => {
    const object = await commit(
      response,
      session,
      session.path,
      session.received,
      session.md5.copy().digest('base64'),
      session.crc32c.base64(),
      request.headers['x-goog-hash'] as string | undefined
    )
    if (object) session.finished = object
    else sessions.delete(session.id)
  }

  const list = (response: ServerResponse, bucket: string, query: URLSearchParams): void => {
    const objects = bucketOf(response, bucket)
    if (!objects) return
    const prefix = query.get('prefix') ?? ''
    const maxResults = Math.min(1000, Math.max(1, Number(query.get('maxResults') ?? 1000) || 1000))
    const after = query.get('pageToken') ? Buffer.from(query.get('pageToken') as string, 'base64url').toString('utf8') : undefined
    const names = [...objects.keys()].filter((name) => name.startsWith(prefix) && (after === undefined || name > after)).sort()
    const page = names.slice(0, maxResults)
    const more = names.length > page.length
    json(response, 200, {
      kind: 'storage#objects',
      ...(page.length > 0 ? { items: page.map((name) => resource(objects.get(name) as StoredGcsObject)) } : {}),
      ...(more ? { nextPageToken: Buffer.from(page[page.length - 1]).toString('base64url') } : {})
    })
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', baseUrl)
    const method = request.method ?? 'GET'
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(request.headers['content-range'] ? { contentRange: String(request.headers['content-range']) } : {})
    })
    // Raw path segments: an object name is one segment, with its slashes encoded as %2F.
    const segments = (request.url ?? '/').split('?')[0].split('/').filter(Boolean)
    const upload = segments[0] === 'upload'
    const api = upload ? segments.slice(3) : segments[0] === 'storage' && segments[1] === 'v1' ? segments.slice(2) : segments
    if (api[0] !== 'b' || !api[1]) {
      await readBody(request)
      return jsonError(response, 404, `Not Found: ${url.pathname}`, 'notFound')
    }
    const bucket = decodeURIComponent(api[1])
    if (upload && api[2] === 'o') {
      const id = url.searchParams.get('upload_id')
      if (!id) {
        if (method !== 'POST') return jsonError(response, 405, 'Method not allowed')
        return startUpload(request, response, bucket, url.searchParams)
      }
      const session = sessions.get(id)
      if (!session) {
        await readBody(request)
        return jsonError(response, 404, 'No such upload session.', 'notFound')
      }
      if (method === 'DELETE') {
        await readBody(request)
        sessions.delete(id)
        cancelledSessions.push(id)
        await rm(session.path, { force: true })
        response.writeHead(499, { 'Content-Length': 0 })
        return void response.end()
      }
      if (deniedBuckets.has(bucket)) {
        await readBody(request)
        return jsonError(response, 403, 'storage.objects.create access denied.', 'forbidden')
      }
      return continueUpload(request, response, session)
    }
    const requestBody = await readBody(request)
    if (api.length === 2 && method === 'GET') {
      if (!bucketOf(response, bucket)) return
      return json(response, 200, {
        kind: 'storage#bucket',
        id: bucket,
        name: bucket,
        location: 'US',
        storageClass: 'STANDARD',
        ...(retentionBuckets.has(bucket) ? { objectRetention: { mode: 'Enabled' } } : {})
      })
    }
    if (api.length === 3 && api[2] === 'o' && method === 'GET') return list(response, bucket, url.searchParams)
    if (api.length === 4 && api[2] === 'o') {
      const objects = bucketOf(response, bucket)
      if (!objects) return
      const name = decodeURIComponent(api[3])
      const object = objects.get(name)
      if (!object) return jsonError(response, 404, `No such object: ${bucket}/${name}`, 'notFound')
      const wanted = url.searchParams.get('ifGenerationMatch')
      if (wanted !== null && wanted !== object.generation) {
        return jsonError(response, 412, 'At least one of the pre-conditions you specified did not hold.', 'conditionNotMet')
      }
      if (method === 'DELETE') {
        if (deniedBuckets.has(bucket)) return jsonError(response, 403, 'storage.objects.delete access denied.', 'forbidden')
        // GCS refuses, with 403, to delete an object before its retain-until time.
        if (object.retention && Date.parse(object.retention.retainUntilTime) > Date.now()) {
          return jsonError(
            response,
            403,
            `Object '${bucket}/${name}' is subject to object retention and cannot be deleted, overwritten or archived until ${object.retention.retainUntilTime}`,
            'retentionPolicyNotMet'
          )
        }
        objects.delete(name)
        await rm(object.path, { force: true })
        response.writeHead(204)
        return void response.end()
      }
      if (method === 'GET' && url.searchParams.get('alt') === 'media') {
        response.writeHead(200, {
          'Content-Type': object.contentType,
          'Content-Length': object.size,
          'X-Goog-Hash': `crc32c=${object.crc32c},md5=${object.md5Hash}`,
          'X-Goog-Generation': object.generation,
          'X-Goog-Stored-Content-Length': object.size
        })
        createReadStream(object.path).pipe(response)
        return
      }
      if (method === 'GET') return json(response, 200, resource(object))
      if (method === 'PATCH') {
        // objects.patch of the custom metadata: a key set to null is removed.
        const patch = JSON.parse(requestBody.toString('utf8') || '{}') as { metadata?: Record<string, string | null> }
        for (const [key, value] of Object.entries(patch.metadata ?? {})) {
          if (value === null) delete object.metadata[key]
          else object.metadata[key] = value
        }
        object.metageneration = String(Number(object.metageneration) + 1)
        return json(response, 200, resource(object))
      }
    }
    return jsonError(response, 405, `${method} ${url.pathname} is not supported by this emulator`)
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) jsonError(response, 500, error.message, 'backendError')
      else response.destroy(error)
    })
  })
  const sockets = new Set<Socket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://127.0.0.1:${port}`

  return {
    url: baseUrl,
    port,
    requests,
    cancelledSessions,
    createBucket(name, options = {}) {
      if (!buckets.has(name)) buckets.set(name, new Map())
      if (options.objectRetention) retentionBuckets.add(name)
    },
    denyWrites(bucket) {
      deniedBuckets.add(bucket)
    },
    failUploadsAfter(bytes) {
      failAfter = bytes
    },
    objects(bucket) {
      return [...(buckets.get(bucket)?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name))
    },
    async putObject(bucket, name, data, metadata = {}) {
      const objects = buckets.get(bucket)
      if (!objects) throw new Error(`no bucket ${bucket}`)
      const content = Buffer.isBuffer(data) ? data : Buffer.from(data)
      const generation = nextGeneration()
      const path = join(directory, 'objects', `${createHash('sha1').update(`${bucket}/${name}`).digest('hex')}-${generation}`)
      await writeFile(path, content)
      const object: StoredGcsObject = {
        bucket,
        name,
        generation,
        metageneration: '1',
        size: content.length,
        md5Hash: createHash('md5').update(content).digest('base64'),
        crc32c: new Crc32c().update(content).base64(),
        contentType: 'application/octet-stream',
        metadata,
        timeCreated: new Date().toISOString(),
        path,
        storageClass: 'STANDARD'
      }
      const previous = objects.get(name)
      if (previous) await rm(previous.path, { force: true })
      objects.set(name, object)
      return object
    },
    backdate(bucket, name, date) {
      const object = buckets.get(bucket)?.get(name)
      if (!object) throw new Error(`no object ${bucket}/${name}`)
      object.timeCreated = date.toISOString()
    },
    async stop() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await rm(directory, { recursive: true, force: true })
    }
  }
}

/** Size of a stored object's file: what the emulator really holds. */
export async function storedSize(object: StoredGcsObject): Promise<number> {
  return (await stat(object.path)).size
}
