import { createReadStream, existsSync, statSync } from 'node:fs'
import { mkdtemp, readFile } from 'node:fs/promises'
import { createServer, type RequestListener } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, normalize } from 'node:path'
import { runOk } from './run.js'

export interface Certificate {
  key: Buffer
  cert: Buffer
  /** The certificate as a PEM file, for NODE_EXTRA_CA_CERTS: how a runner trusts a company's own CA. */
  certFile: string
}

/** A self-signed certificate for 127.0.0.1, made with openssl. */
export async function selfSignedCertificate(): Promise<Certificate> {
  const dir = await mkdtemp(join(tmpdir(), 'mirror-tls-'))
  const keyFile = join(dir, 'key.pem')
  const certFile = join(dir, 'cert.pem')
  await runOk('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'])
  return { key: await readFile(keyFile), cert: await readFile(certFile), certFile }
}

export interface Mirror {
  /** Base URL, without a trailing slash. */
  url: string
  /** How many times each path was requested. */
  hits: Map<string, number>
  close(): Promise<void>
}

/**
 * A static file server on 127.0.0.1: the download mirror a GitHub Enterprise user would run; over
 * https when given a certificate.
 */
export async function startMirror(root: string, tls?: Certificate): Promise<Mirror> {
  const hits = new Map<string, number>()
  const serve: RequestListener = (request, response) => {
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
  }
  const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, serve) : createServer(serve)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
