import * as core from '@actions/core'
import * as io from '@actions/io'
import * as tc from '@actions/tool-cache'
import { readFile } from 'node:fs/promises'
import { pinnedVersions, type PinTable } from './pins.js'
import type { Platform } from './platform.js'
import type { ClientConfig, ClientDownload, ClientSpec } from './types.js'

/** Where a client's archive is downloaded from, and the SHA-256 it must have: pinned, or the publisher's over https. */

/**
 * Only https reaches a client download, unless the user opted in to plain http for a mirror
 * (client-download-allow-insecure-http), which is then a warning: over http anyone on the path can
 * replace what is downloaded, and only a pinned SHA-256 still stands between it and the runner.
 */
function requireHttps(url: string, client: ClientConfig): void {
  const protocol = new URL(url).protocol
  if (protocol === 'https:') return
  if (protocol === 'http:' && client.allowInsecureHttp) {
    core.warning(`downloading ${url} over plain http (client-download-allow-insecure-http is set): only the pinned SHA-256 checks it`)
    return
  }
  throw new Error(`${url} is not https: a dump client is downloaded over https only (set client-download-allow-insecure-http: true to accept plain http from a mirror)`)
}

/**
 * Where to download a version and the SHA-256 it must have. A release pinned in this action is
 * checked against the pin, from the publisher or a mirror alike, and no checksum file is read.
 * Through a mirror only pinned releases are installed: a mirror's own checksum file proves
 * nothing, since whoever can change its archives can change it too. From the publisher, a release
 * the table lacks is checked against the checksum the publisher lists, read over https in this
 * run, and the figures say it was not pinned.
 */
export async function downloadFor(spec: ClientSpec, version: string, platform: Platform, client: ClientConfig, pins: PinTable): Promise<ClientDownload> {
  const archives = spec.archives(version, platform)
  for (const archive of archives) {
    const pin = pins[spec.tool]?.[archive.file]
    if (!pin) continue
    const url = client.downloadUrl ? `${client.downloadUrl}/${archive.mirrorPath}` : archive.url
    requireHttps(url, client)
    return { url, sha256: pin.sha256, version, rootDir: archive.rootDir, checksumSource: `the SHA-256 pinned in this action (from ${pin.source})`, trust: 'pinned' }
  }
  const names = archives.map((archive) => archive.file).join(' or ')
  if (client.downloadUrl) {
    const pinned = pinnedVersions(pins, spec.tool)
    throw new Error(
      `${names} is not pinned in this action, so it is not installed from the mirror ${client.downloadUrl} (a mirror's own checksum file is never trusted): ` +
        `set client-version to a pinned release${pinned.length > 0 ? ` (${pinned.slice(-5).join(', ')})` : ' (this action pins none of this client yet)'}, ` +
        'leave client-download-url empty to install from the publisher over https, or install the client on the runner so that PATH finds it'
    )
  }
  const published = await spec.published(version, platform)
  requireHttps(published.archive.url, client)
  requireHttps(published.source, client)
  core.info(`${published.archive.file} is not pinned in this action: it is checked against the SHA-256 its publisher lists in ${published.source}`)
  return {
    url: published.archive.url,
    sha256: published.sha256,
    version,
    rootDir: published.archive.rootDir,
    checksumSource: `${published.source} (checksum from the publisher, not pinned)`,
    trust: 'publisher'
  }
}

/** The SHA-256 in a checksum file: `<hex>  <name>` lines (sha256sum) or a bare digest. */
export function digestFor(checksums: string, fileName: string): string | undefined {
  const lines = checksums.split(/\r?\n/).map((line) => line.trim()).filter(Boolean)
  for (const line of lines) {
    const [digest, name] = line.split(/\s+\*?/)
    if (/^[0-9a-f]{64}$/i.test(digest) && (name === undefined || name === fileName || name.endsWith(`/${fileName}`))) {
      return digest.toLowerCase()
    }
  }
  return undefined
}

/** Downloads a small text file (a checksum list or a release feed) through the tool cache's HTTP client. */
export async function downloadText(url: string): Promise<string> {
  const path = await tc.downloadTool(url)
  try {
    return await readFile(path, 'utf8')
  } finally {
    await io.rmRF(path)
  }
}
