import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StorageConfig } from '../src/config/types.js'
import { startAzurite, type AzuriteServer } from '../test/support/azurite.js'
import { startGcsServer, type GcsServer } from '../test/support/gcs-server.js'
import { startS3rver, type S3Emulator } from '../test/support/s3rver.js'

/**
 * Peak memory of an upload against the size of the dump: each backend uploads files of the given
 * sizes to its emulator, in a child process whose resident set is measured. Streaming uploads
 * keep the peak flat however large the dump is.
 *
 *   npm run bench:upload               256 MB and 1 GB to s3rver, azurite and the GCS emulator
 *   npm run bench:upload -- 64,2048 s3 other sizes (MB), one backend
 *
 * The emulators bound the throughput (s3rver ingests at about 85 MB/s); the figures that matter
 * here are the memory ones.
 */

const MB = 1_000_000
const MiB = 1024 * 1024
const BACKENDS = ['s3', 'azure-blob', 'gcs'] as const
type Backend = (typeof BACKENDS)[number]

const sizesMb = (process.argv[2] ?? '256,1024').split(',').map(Number)
const wanted = (process.argv[3] ?? BACKENDS.join(',')).split(',') as Backend[]
const childScript = new URL('./upload-child.js', import.meta.url).pathname

/** A file of `size` bytes that no layer can compress: a random 16 MiB block, each copy varied. */
async function makeDump(path: string, size: number): Promise<string> {
  const block = Buffer.alloc(16 * MiB)
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((Math.random() * 0x100000000) >>> 0, i)
  const out = createWriteStream(path)
  let written = 0
  let copy = 0
  while (written < size) {
    block.writeUInt32LE(copy++, 0)
    const piece = block.subarray(0, Math.min(block.length, size - written))
    written += piece.length
    if (!out.write(Buffer.from(piece))) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: MiB })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

interface Measured {
  sizeBytes: number
  durationMs: number
  beforeRss: number
  peakRss: number
}

async function measure(config: StorageConfig, env: Record<string, string>, file: string, sha256: string): Promise<Measured> {
  const key = `bench/bench-${Date.now()}.dump`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, JSON.stringify(config), file, sha256, key], {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
      stdio: ['ignore', 'pipe', 'inherit']
    })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as Measured) : reject(new Error(`upload child exited ${code}`))))
  })
}

const mib = (bytes: number): string => (bytes / MiB).toFixed(0).padStart(6)

const work = await mkdtemp(join(tmpdir(), 'upload-bench-'))
let s3: S3Emulator | undefined
let azurite: AzuriteServer | undefined
let gcs: GcsServer | undefined
try {
  const targets: { backend: Backend; config: StorageConfig; env: Record<string, string> }[] = []
  if (wanted.includes('s3')) {
    s3 = await startS3rver(['bench'])
    targets.push({
      backend: 's3',
      config: { type: 's3', bucket: 'bench', path: 'bench', s3: { endpoint: s3.endpoint, region: s3.region, forcePathStyle: true, checksum: 'none' } },
      env: s3.env
    })
  }
  if (wanted.includes('azure-blob')) {
    azurite = await startAzurite()
    await azurite.createContainer('bench')
    targets.push({ backend: 'azure-blob', config: { type: 'azure-blob', bucket: 'bench', path: 'bench', azure: { connectionString: azurite.connectionString, accountUrl: '' } }, env: {} })
  }
  if (wanted.includes('gcs')) {
    gcs = await startGcsServer()
    gcs.createBucket('bench')
    targets.push({ backend: 'gcs', config: { type: 'gcs', bucket: 'bench', path: 'bench' }, env: { STORAGE_EMULATOR_HOST: gcs.url } })
  }

  console.log(`Node ${process.version}; resident set sizes in MiB\n`)
  console.log('backend      dump MB   MB/s   RSS before upload   peak RSS   peak - before')
  for (const sizeMb of sizesMb) {
    const file = join(work, `dump-${sizeMb}.bin`)
    const sha256 = await makeDump(file, sizeMb * MB)
    for (const target of targets) {
      const result = await measure(target.config, target.env, file, sha256)
      const rate = result.sizeBytes / MB / (result.durationMs / 1000)
      console.log(
        `${target.backend.padEnd(11)} ${String(sizeMb).padStart(8)} ${rate.toFixed(0).padStart(6)}   ${mib(result.beforeRss).padStart(17)} ${mib(result.peakRss).padStart(10)} ${mib(result.peakRss - result.beforeRss).padStart(15)}`
      )
    }
    await rm(file, { force: true })
  }
} finally {
  await Promise.all([s3?.stop(), azurite?.stop(), gcs?.stop()])
  await rm(work, { recursive: true, force: true })
}
