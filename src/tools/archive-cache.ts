import * as core from '@actions/core'
import * as io from '@actions/io'
import * as tc from '@actions/tool-cache'
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { errorMessage } from '../util/errors.js'
import { hashFile } from '../util/files.js'
import type { ClientDownload, ClientSpec } from './types.js'

/** @actions/tool-cache needs the runner's directories; outside a runner, use ones under the temp directory. */
export function ensureRunnerDirectories(): void {
  process.env.RUNNER_TEMP ||= tmpdir()
  process.env.RUNNER_TOOL_CACHE ||= join(tmpdir(), 'db-backup-action-tool-cache')
}

/**
 * The Actions cache keeps the verified archive, never the extracted tree: an archive can be
 * checked again against the trusted SHA-256 on every restore, a tree could not. The digest is in
 * the key, so that another mirror's archive of the same version is another entry.
 */
export function cacheKey(spec: ClientSpec, download: ClientDownload, platform: string): string {
  return `db-backup-action-${spec.tool}-${download.version}-${platform}-archive-${download.sha256.slice(0, 16)}`
}

/** Where an archive waits to be saved to, or is restored from, the Actions cache. */
export function archiveCacheDir(spec: ClientSpec, version: string): string {
  ensureRunnerDirectories()
  return join(process.env.RUNNER_TOOL_CACHE as string, 'db-backup-action-archives', spec.tool, version)
}

function archiveName(download: ClientDownload): string {
  return basename(new URL(download.url).pathname) || 'client-archive'
}

/** Restores the archive from @actions/cache. A cache service that is down is a warning, never a failure. */
async function restoreFromCache(spec: ClientSpec, dir: string, key: string): Promise<boolean> {
  const cache = await import('@actions/cache')
  if (!cache.isFeatureAvailable()) return false
  try {
    return (await cache.restoreCache([dir], key)) !== undefined
  } catch (error) {
    core.warning(`restoring ${spec.tool} from the Actions cache failed, downloading instead: ${errorMessage(error)}`)
    return false
  }
}

export async function saveToCache(spec: ClientSpec, dir: string, key: string): Promise<void> {
  const cache = await import('@actions/cache')
  if (!cache.isFeatureAvailable()) return
  try {
    await cache.saveCache([dir], key)
  } catch (error) {
    core.warning(`saving ${spec.tool} to the Actions cache failed (the next run downloads it again): ${errorMessage(error)}`)
  }
}

/** The archive's SHA-256 against the trusted one, before anything in it is extracted or run. */
async function verifyArchive(path: string, download: ClientDownload, from: string): Promise<void> {
  const { sha256 } = await hashFile(path)
  if (sha256 !== download.sha256) {
    throw new Error(`${from} has SHA-256 ${sha256}, but ${download.checksumSource} says ${download.sha256}: nothing was installed or run`)
  }
  core.info(`SHA-256 ${sha256} of ${from} matches ${download.checksumSource}`)
}

/**
 * The archive, checked: from the Actions cache when it holds one with the trusted SHA-256, else
 * downloaded. A cached archive with any other digest (a poisoned or damaged entry) is refused
 * with a warning, removed, and downloaded afresh.
 */
export async function obtainArchive(spec: ClientSpec, download: ClientDownload, key: string): Promise<{ path: string; restored: boolean }> {
  const dir = archiveCacheDir(spec, download.version)
  const path = join(dir, archiveName(download))
  await io.rmRF(dir)
  if ((await restoreFromCache(spec, dir, key)) && existsSync(path)) {
    try {
      await verifyArchive(path, download, `the archive restored from the Actions cache (${key})`)
      return { path, restored: true }
    } catch (error) {
      core.warning(`${errorMessage(error)}. The cache entry is refused; downloading ${download.url} instead`)
    }
  }
  await io.rmRF(dir)
  await mkdir(dir, { recursive: true })
  core.info(`downloading ${download.url}`)
  await tc.downloadTool(download.url, path)
  await verifyArchive(path, download, `the download of ${download.url}`)
  return { path, restored: false }
}

/** Extracts a checked archive (and builds it, for a source release) into the tool cache. */
