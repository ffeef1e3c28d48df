import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort } from './ports.js'

/** Azurite's built-in account (documented, public): https://learn.microsoft.com/azure/storage/common/storage-use-azurite */
export const AZURITE_ACCOUNT = 'devstoreaccount1'
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

export interface AzuriteServer {
  port: number
  /** http://127.0.0.1:<port>/devstoreaccount1 */
  accountUrl: string
  connectionString: string
  /** The same account with another key: signed requests are refused. */
  connectionStringWithKey(key: string): string
  service: BlobServiceClient
  container(name: string): ContainerClient
  createContainer(name: string): Promise<ContainerClient>
  blobs(container: string, prefix?: string): Promise<{ name: string; size: number; metadata: Record<string, string> }[]>
  stop(): Promise<void>
}

function connectionString(port: number, key: string): string {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${key};BlobEndpoint=http://127.0.0.1:${port}/${AZURITE_ACCOUNT};`
}

/** azurite-blob on a free port of 127.0.0.1, with its data in a temporary directory. */
export async function startAzurite(): Promise<AzuriteServer> {
  const directory = await mkdtemp(join(tmpdir(), 'azurite-'))
  const port = await freePort()
  const main = resolve('node_modules/azurite/dist/src/blob/main.js')
  const child: ChildProcess = spawn(
    process.execPath,
    [main, '--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', directory, '--silent', '--skipApiVersionCheck', '--disableTelemetry'],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let output = ''
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`azurite did not start within 30 s:\n${output}`)), 30_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      if (/successfully listens/.test(output)) {
        clearTimeout(timer)
        resolvePromise()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`azurite exited with ${code}:\n${output}`))
    })
  })
  const accountConnectionString = connectionString(port, AZURITE_KEY)
  const service = BlobServiceClient.fromConnectionString(accountConnectionString)
  return {
    port,
    accountUrl: `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`,
    connectionString: accountConnectionString,
    connectionStringWithKey: (key) => connectionString(port, key),
    service,
    container: (name) => service.getContainerClient(name),
    async createContainer(name) {
      const container = service.getContainerClient(name)
      await container.createIfNotExists()
      return container
    },
    async blobs(container, prefix = '') {
      const out: { name: string; size: number; metadata: Record<string, string> }[] = []
      for await (const item of service.getContainerClient(container).listBlobsFlat({ prefix, includeMetadata: true })) {
        out.push({ name: item.name, size: item.properties.contentLength ?? 0, metadata: item.metadata ?? {} })
      }
      return out
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done))
        child.kill('SIGTERM')
        await exited
      }
      await rm(directory, { recursive: true, force: true })
    }
  }
}
