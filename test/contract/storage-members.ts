import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StorageConfig } from '../../src/config/types.js'
import type { StorageType } from '../../src/storage/catalog.js'
import { storages } from '../../src/storage/index.js'
import type { StorageBackend } from '../../src/storage/types.js'
import { startAzurite, type AzuriteServer } from '../support/azurite.js'
import type { SeenRequest } from '../support/fault-proxy.js'
import { startGcsServer, type GcsServer } from '../support/gcs-server.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'

/**
 * The members of the storage contract (test/contract/storage.test.ts): each storage type with
 * its emulator, and what the contract needs of it that the StorageBackend interface does not
 * give: a way to put objects in directly (fast, for the listing of more than a page), a view of
 * what the storage itself holds, and of what unfinished uploads it keeps.
 */

export interface Member {
  /** Shown in the test names. */
  name: string
  type: StorageType
  /** The key prefix (the `path` of a cloud config); '' for a directory, whose keys are file names. */
  prefix: string
  start(): Promise<void>
  stop(): Promise<void>
  /**
   * A backend of the member's config. `endpoint` replaces the emulator's address (a proxy in
   * front of it); `bucket` the bucket, container or directory name.
   */
  backend(options?: { endpoint?: string; bucket?: string }): Promise<StorageBackend>
  /** The emulator's origin, for a proxy in front of it; undefined for a directory. */
  upstream?(): string
  /** Picks the requests that carry a dump's bytes (S3 parts, Azure blocks, GCS chunks) but the first one; fresh for each upload. */
  laterData?(): (request: SeenRequest) => boolean
  /** Puts objects in directly, as other runs would have. */
  seed(keys: string[], body: string): Promise<void>
  /** Every key under the prefix, read from the storage directly (not through the backend). */
  stored(prefix: string): Promise<string[]>
  /**
   * What unfinished uploads the storage still keeps: pending multipart uploads, open resumable
   * sessions, hidden temporary files. Azure has no way to discard staged blocks (they are never a
   * blob and expire after a week): none are counted.
   */
  leftovers(): Promise<string[]>
  /** Where the emulator's record of requests and sessions is reset (between tests). */
  resetRecords?(): void
  /**
   * A backend whose credentials the storage refuses, with the secret they hold; undefined where
   * there are none (a directory). `done` puts the environment back.
   */
  badCredentials?(): Promise<{ backend: StorageBackend; secret: string; done: () => Promise<void> }>
  /** How the error for a missing bucket (container, directory) names it. */
  missing: { bucket: string; message: RegExp }
  /**
   * Where the upload in flight is watched at the emulator instead of held by a proxy: GCS's client
   * does not end a request it has in flight when the upload is aborted (it queries the session
   * again once the held request fails, after the test), so its upload is aborted once a chunk has
   * reached the storage. True once the upload under way has sent data.
   */
  sentData?(): boolean
  /**
   * How long the client goes on after an aborted upload has failed: GCS's resumable upload still
   * handles the answer to the chunk it had in flight (continueUploading) after the abort. Waited
   * for, so that nothing of it runs once the test file's environment is torn down.
   */
  settleAfterAbortMs?: number
  /** Why a point of the contract does not apply to this member (the test is skipped, saying so). */
  cannot: Partial<Record<Point, string>>
}

export type Point = 'midUploadRefusal' | 'noOverwrite' | 'credentials'

const BUCKET = 'contract'

/** Sets environment variables; the returned function puts back what was there. */
function setEnv(values: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]))
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work))
}

export function localMember(): Member {
  let root = ''
  const directory = (name = 'store'): string => join(root, name)
  return {
    name: 'local directory',
    type: 'local',
    prefix: '',
    async start() {
      root = await mkdtemp(join(tmpdir(), 'contract-local-'))
      await writeFile(join(root, 'a-file'), 'not a directory')
    },
    async stop() {
      if (root) await rm(root, { recursive: true, force: true })
    },
    backend: ({ bucket } = {}) => storages.local.load({ type: 'local', bucket: '', path: directory(bucket) }),
    async seed(keys, body) {
      await mkdir(directory(), { recursive: true })
      await inBatches(keys, 100, (key) => writeFile(join(directory(), key), body))
    },
    async stored(prefix) {
      const names = await readdir(directory()).catch(() => [] as string[])
      // The sidecar is part of its backup (deleted with it): not an object of its own.
      return names.filter((name) => name.startsWith(prefix) && !name.includes('.partial-') && !name.endsWith('.sha256'))
    },
    async leftovers() {
      const names = await readdir(directory()).catch(() => [] as string[])
      return names.filter((name) => name.includes('.partial-'))
    },
    // A directory that cannot be made: a file stands where one of its parents should be.
    missing: { bucket: 'a-file/store', message: /the directory \S+a-file\/store cannot be used: a part of the path is a file, not a directory \(ENOTDIR\)/ },
    cannot: {
      midUploadRefusal: 'a directory has no service that could refuse a request in the middle of a copy (its failure path is covered by the name clash below)',
      credentials: 'a directory has no credentials'
    }
  }
}

export function s3Member(): Member {
  let s3: S3Emulator
  let restore = (): void => undefined
  return {
    name: 'S3 (s3rver)',
    type: 's3',
    prefix: 'db/',
    async start() {
      s3 = await startS3rver([BUCKET])
      restore = setEnv(s3.env)
    },
    async stop() {
      restore()
      await s3?.stop()
    },
    backend: ({ endpoint, bucket } = {}) =>
      storages.s3.load({ type: 's3', bucket: bucket ?? BUCKET, path: 'db', s3: { endpoint: endpoint ?? s3.endpoint, region: s3.region, forcePathStyle: true, checksum: 'none' } }),
    upstream: () => s3.endpoint,
    laterData: () => (request) => request.method === 'PUT' && /[?&]partNumber=([2-9]|\d\d+)(&|$)/.test(request.url),
    seed: (keys, body) => inBatches(keys, 50, (key) => s3.put(BUCKET, key, body)),
    stored: async (prefix) => (await s3.keys(BUCKET, prefix)).map((object) => object.key),
    leftovers: () => s3.uploads(BUCKET),
    async badCredentials() {
      // s3rver checks the access key id (it does not verify signatures): both are wrong here.
      const secret = `wrong-secret-${Math.random().toString(36).slice(2)}-contract`
      const back = setEnv({ AWS_ACCESS_KEY_ID: 'AKIACONTRACTWRONG000', AWS_SECRET_ACCESS_KEY: secret })
      const backend = await storages.s3.load({ type: 's3', bucket: BUCKET, path: 'db', s3: { endpoint: s3.endpoint, region: s3.region, forcePathStyle: true, checksum: 'none' } })
      return { backend, secret, done: async () => back() }
    },
    missing: { bucket: 'no-such-bucket', message: /S3 bucket "no-such-bucket" .*the bucket "no-such-bucket" does not exist \(NoSuchBucket\)/ },
    cannot: { noOverwrite: 'an S3 upload is a plain PutObject or multipart upload, without If-None-Match: S3 replaces an object already under the key' }
  }
}

export function azureMember(): Member {
  let azurite: AzuriteServer
  const config = (connectionString: string, bucket = BUCKET): StorageConfig => ({ type: 'azure-blob', bucket, path: 'db', azure: { connectionString, accountUrl: '' } })
  return {
    name: 'Azure Blob (Azurite)',
    type: 'azure-blob',
    prefix: 'db/',
    async start() {
      azurite = await startAzurite()
      await azurite.createContainer(BUCKET)
    },
    async stop() {
      await azurite?.stop()
    },
    backend: ({ endpoint, bucket } = {}) =>
      storages['azure-blob'].load(config(endpoint ? azurite.connectionString.replace(`http://127.0.0.1:${azurite.port}`, endpoint) : azurite.connectionString, bucket)),
    upstream: () => `http://127.0.0.1:${azurite.port}`,
    // Put Block requests after the first (block ids are sent in order, but four at a time).
    laterData: () => {
      let blocks = 0
      return (request) => request.method === 'PUT' && /[?&]comp=block(&|$)/.test(request.url) && ++blocks > 1
    },
    seed: (keys, body) => inBatches(keys, 50, (key) => azurite.container(BUCKET).getBlockBlobClient(key).upload(body, Buffer.byteLength(body))),
    stored: async (prefix) => (await azurite.blobs(BUCKET, prefix)).map((blob) => blob.name),
    leftovers: async () => [],
    async badCredentials() {
      const secret = Buffer.from(`wrong-key-${Math.random().toString(36).slice(2)}-contract`).toString('base64')
      const backend = await storages['azure-blob'].load(config(azurite.connectionStringWithKey(secret)))
      return { backend, secret, done: async () => undefined }
    },
    missing: { bucket: 'no-such-container', message: /Azure container "no-such-container" .*the container "no-such-container" does not exist \(ContainerNotFound\)/ },
    cannot: {}
  }
}

/**
 * A security token service that refuses every exchange, as Google's STS refuses a subject token
 * it does not trust: where an `external_account` credentials file (workload identity federation,
 * what google-github-actions/auth writes) sends its token.
 */
async function startRefusingSts(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const body = JSON.stringify({ error: 'invalid_grant', error_description: 'The audience in ID Token does not match the expected audience.' })
      response.writeHead(400, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
      response.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/token`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

export function gcsMember(): Member {
  let gcs: GcsServer
  let restore = (): void => undefined
  let work = ''
  return {
    name: 'GCS (the test server)',
    type: 'gcs',
    prefix: 'db/',
    async start() {
      gcs = await startGcsServer()
      gcs.createBucket(BUCKET)
      restore = setEnv({ STORAGE_EMULATOR_HOST: gcs.url })
      work = await mkdtemp(join(tmpdir(), 'contract-gcs-'))
    },
    async stop() {
      restore()
      await gcs?.stop()
      if (work) await rm(work, { recursive: true, force: true })
    },
    async backend({ endpoint, bucket } = {}) {
      // The client reads STORAGE_EMULATOR_HOST as it is made.
      const back = endpoint ? setEnv({ STORAGE_EMULATOR_HOST: endpoint }) : () => undefined
      try {
        return await storages.gcs.load({ type: 'gcs', bucket: bucket ?? BUCKET, path: 'db' })
      } finally {
        back()
      }
    },
    upstream: () => gcs.url,
    laterData: () => (request) => request.method === 'PUT' && /[?&]upload_id=/.test(request.url) && /^bytes [1-9]\d*-/.test(String(request.headers['content-range'] ?? '')),
    async seed(keys, body) {
      for (const key of keys) await gcs.putObject(BUCKET, key, body)
    },
    stored: async (prefix) => gcs.objects(BUCKET).map((object) => object.name).filter((name) => name.startsWith(prefix)),
    // Sessions that received data and were neither finished (an object) nor cancelled.
    async leftovers() {
      const names = new Set(gcs.objects(BUCKET).map((object) => object.name))
      const open = new Map<string, string>()
      for (const request of gcs.requests) {
        if (request.query.upload_id && request.query.name && !names.has(request.query.name)) open.set(request.query.upload_id, request.query.name)
      }
      for (const id of gcs.cancelledSessions) open.delete(id)
      return [...open.entries()].map(([id, name]) => `session ${id} of ${name}`)
    },
    settleAfterAbortMs: 1500,
    sentData: () => gcs.requests.some((request) => request.contentRange !== undefined),
    resetRecords() {
      gcs.requests.length = 0
      gcs.cancelledSessions.length = 0
    },
    async badCredentials() {
      // The emulator takes no credentials: without it, the client resolves Application Default
      // Credentials, here a workload identity federation file whose token the STS refuses, before
      // any request would leave for storage.googleapis.com.
      const sts = await startRefusingSts()
      const secret = `subject-token-${Math.random().toString(36).slice(2)}-contract`
      const tokenFile = join(work, 'subject-token')
      await writeFile(tokenFile, secret, { mode: 0o600 })
      const credentials = join(work, 'external-account.json')
      await writeFile(
        credentials,
        JSON.stringify({
          type: 'external_account',
          audience: '//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/contract/providers/github',
          subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
          token_url: sts.url,
          credential_source: { file: tokenFile }
        }),
        { mode: 0o600 }
      )
      // Credentials are resolved as requests are made: the environment stays so until done.
      const back = setEnv({ STORAGE_EMULATOR_HOST: undefined, GOOGLE_APPLICATION_CREDENTIALS: credentials, GOOGLE_CLOUD_PROJECT: 'contract-project' })
      const done = async (): Promise<void> => {
        back()
        await sts.stop()
      }
      try {
        return { backend: await storages.gcs.load({ type: 'gcs', bucket: BUCKET, path: 'db' }), secret, done }
      } catch (error) {
        await done()
        throw error
      }
    },
    missing: { bucket: 'no-such-bucket', message: /GCS bucket "no-such-bucket" .*the bucket "no-such-bucket" does not exist \(HTTP 404\)/ },
    cannot: {}
  }
}
