import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { freePort } from './ports.js'

/**
 * s3rver's only account. s3rver checks the access key id (a wrong one is refused with
 * InvalidAccessKeyId) but does not verify SigV4 signatures, so a wrong secret alone goes through.
 */
export const S3RVER_ACCESS_KEY = 'S3RVER'
export const S3RVER_SECRET_KEY = 'S3RVER'

export interface S3Emulator {
  endpoint: string
  port: number
  region: string
  /** Process id of the s3rver process (to measure or stop it). */
  pid: number
  /** A client of the test itself, to look at what the action stored. */
  client: S3Client
  createBucket(name: string): Promise<void>
  keys(bucket: string, prefix?: string): Promise<{ key: string; size: number }[]>
  put(bucket: string, key: string, body: string | Buffer, metadata?: Record<string, string>): Promise<void>
  download(bucket: string, key: string, file: string): Promise<{ metadata: Record<string, string>; etag: string }>
  /** Makes an object look written at `date`: s3rver's LastModified is its file's modification time. */
  backdate(bucket: string, key: string, date: Date): Promise<void>
  /** The ids of the multipart uploads started in the bucket and neither completed nor aborted. */
  uploads(bucket: string): Promise<string[]>
  /** Environment for the action: s3rver's credentials, and no way to reach a real AWS account. */
  env: Record<string, string>
  stop(): Promise<void>
}

/**
 * s3rver on a free port of 127.0.0.1, storing in a temporary directory, in a process of its own.
 * It signs ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy
 * provider: without --openssl-legacy-provider every listing of more than 1000 keys fails.
 * s3rver-main.mjs adds the AbortMultipartUpload s3rver lacks.
 */
export async function startS3rver(buckets: string[] = []): Promise<S3Emulator> {
  const directory = await mkdtemp(join(tmpdir(), 's3rver-'))
  const port = await freePort()
  const cli = resolve('test/support/s3rver-main.mjs')
  const child: ChildProcess = spawn(
    process.execPath,
    ['--openssl-legacy-provider', cli, '-d', directory, '-a', '127.0.0.1', '-p', String(port), '--silent', ...buckets.flatMap((name) => ['--configure-bucket', name])],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let output = ''
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`s3rver did not start within 30 s:\n${output}`)), 30_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      if (/listening on/.test(output)) {
        clearTimeout(timer)
        resolvePromise()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`s3rver exited with ${code}:\n${output}`))
    })
  })
  const endpoint = `http://127.0.0.1:${port}`
  const region = 'us-east-1'
  const client = new S3Client({
    region,
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: S3RVER_ACCESS_KEY, secretAccessKey: S3RVER_SECRET_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  })
  return {
    endpoint,
    port,
    region,
    pid: child.pid as number,
    client,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }))
    },
    async keys(bucket, prefix = '') {
      const out: { key: string; size: number }[] = []
      let token: string | undefined
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }))
        for (const object of page.Contents ?? []) out.push({ key: object.Key as string, size: object.Size ?? 0 })
        token = page.NextContinuationToken
      } while (token)
      return out
    },
    async put(bucket, key, body, metadata = {}) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, Metadata: metadata }))
    },
    async download(bucket, key, file) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      await pipeline(object.Body as Readable, createWriteStream(file))
      return { metadata: object.Metadata ?? {}, etag: object.ETag ?? '' }
    },
    async backdate(bucket, key, date) {
      await utimes(join(directory, bucket, `${key}._S3rver_object`), date, date)
    },
    async uploads(bucket) {
      return readdir(join(directory, bucket, '._S3rver_uploads')).catch(() => [])
    },
    env: {
      AWS_ACCESS_KEY_ID: S3RVER_ACCESS_KEY,
      AWS_SECRET_ACCESS_KEY: S3RVER_SECRET_KEY,
      AWS_REGION: region,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/nonexistent/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials'
    },
    async stop() {
      client.destroy()
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done))
        child.kill('SIGTERM')
        await exited
      }
      await rm(directory, { recursive: true, force: true })
    }
  }
}

export interface ProxiedRequest {
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
}

export interface Refusal {
  status: number
  body: string
}

export interface RecordingProxy {
  endpoint: string
  requests: ProxiedRequest[]
  stop(): Promise<void>
}

/**
 * An HTTP proxy in front of an emulator that records every request and can answer some itself
 * (a policy that refuses one request, a service without some operation). Host headers are passed
 * on unchanged, so SigV4 signatures still verify.
 */
export async function startRecordingProxy(target: string, refuse?: (request: ProxiedRequest) => Refusal | undefined): Promise<RecordingProxy> {
  const { createServer, request: forward } = await import('node:http')
  const upstream = new URL(target)
  const requests: ProxiedRequest[] = []
  const server = createServer((incoming, outgoing) => {
    const record: ProxiedRequest = { method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: { ...incoming.headers } }
    requests.push(record)
    const refusal = refuse?.(record)
    if (refusal) {
      incoming.resume()
      incoming.on('end', () => {
        outgoing.writeHead(refusal.status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(refusal.body) })
        outgoing.end(refusal.body)
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
  const address = server.address() as { port: number }
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The XML error body S3 sends. */
export function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>proxy</RequestId></Error>`
}
