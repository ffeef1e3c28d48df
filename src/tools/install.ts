import * as core from '@actions/core'
import * as io from '@actions/io'
import * as tc from '@actions/tool-cache'
import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { delimiter, dirname, join } from 'node:path'
import { errorMessage } from '../util/errors.js'
import { runTool } from '../util/process.js'
import { checkManifest, writeManifest } from './install-manifest.js'
import { PINNED_CHECKSUMS, type PinTable } from './pins.js'
import { currentPlatform, platformLabel } from './platform.js'
import type { ClientConfig, ClientDownload, ClientOrigin, ClientSpec, ResolvedClient } from './types.js'
import { matchesPrefix, toSemver } from './versions.js'
import { downloadFor } from './download.js'
import { cacheKey, ensureRunnerDirectories, obtainArchive, saveToCache } from './archive-cache.js'

export interface ClientChoice extends ResolvedClient {
  /** The server version, when it could be read before dumping. */
  serverVersion?: string
}

/** The client chosen, as a step's figures. */
export function clientFigures(client: ClientChoice): Record<string, string> {
  return {
    client: `${client.program} ${client.version}`,
    'client from': `${client.origin} (${client.binDir})`,
    ...(client.trust ? { 'client checksum': client.trust === 'pinned' ? 'pinned in this action' : 'from the publisher, not pinned' } : {}),
    ...(client.serverVersion ? { 'server version': client.serverVersion } : {})
  }
}

/** The first of an executable's alternative names (`a|b`) present in binDir. */
function present(binDir: string, entry: string): string | undefined {
  return entry.split('|').find((name) => existsSync(join(binDir, name)))
}

function hasAll(spec: ClientSpec, binDir: string): boolean {
  return spec.executables.every((entry) => present(binDir, entry) !== undefined)
}

function mainName(spec: ClientSpec): string {
  return spec.executables[0].split('|')[0]
}

/**
 * The client in binDir with its version, from `<main executable> --version`; undefined if it will
 * not run. An install must hold all the executables; on PATH, the others are found through PATH.
 */
async function clientIn(spec: ClientSpec, binDir: string, origin: ClientOrigin): Promise<ResolvedClient | undefined> {
  const program = origin === 'PATH' || hasAll(spec, binDir) ? present(binDir, spec.executables[0]) : undefined
  if (!program) return undefined
  const result = await runTool({ command: join(binDir, program), args: ['--version'] })
  if (result.exitCode !== 0) return undefined
  try {
    return { binDir, program, version: spec.parseVersion(result.stdout), origin }
  } catch {
    return undefined
  }
}

/** Where PATH finds the main executable, under any of its names. */
async function onPath(spec: ClientSpec): Promise<string | undefined> {
  for (const name of spec.executables[0].split('|')) {
    const path = await io.which(name, false)
    if (path) return dirname(path)
  }
  return undefined
}

/** Runs `work` with extra directories after PATH, so that any client the runner has can read the server version. */
async function withExtraPath<T>(dirs: string[], work: () => Promise<T>): Promise<T> {
  const saved = process.env.PATH
  process.env.PATH = [saved, ...dirs].filter(Boolean).join(delimiter)
  try {
    return await work()
  } finally {
    process.env.PATH = saved
  }
}

function toolCacheRoot(): string {
  ensureRunnerDirectories()
  return process.env.RUNNER_TOOL_CACHE as string
}

/**
 * The tool-cache entries of the client whose files are exactly what this action installed there
 * (its manifest); any other entry is named in a warning and never run: a planted or altered one
 * would otherwise run with the database's password.
 */
async function verifiedToolCacheEntries(spec: ClientSpec): Promise<{ binDir: string; trust: ResolvedClient['trust'] }[]> {
  const entries = []
  for (const version of tc.findAllVersions(spec.tool)) {
    const root = tc.find(spec.tool, version)
    const check = await checkManifest(toolCacheRoot(), root, spec.tool, version, process.arch)
    if (check.ok) entries.push({ binDir: join(root, 'bin'), trust: check.manifest.trust })
    else core.warning(`the ${spec.tool} ${version} in the tool cache (${root}) is ignored and not run: ${check.reason}. A verified client is installed instead if one is needed`)
  }
  return entries
}

/**
 * Every usable install of the client, in the order that wins a tie: what PATH gives (the user's
 * own choice), then the tool cache (entries this action installed, checked), then the runner's other installs.
 */
async function candidates(spec: ClientSpec, runnerDirs: string[]): Promise<ResolvedClient[]> {
  ensureRunnerDirectories()
  const places: [string, ClientOrigin, ResolvedClient['trust']][] = []
  const pathDir = await onPath(spec)
  if (pathDir) places.push([pathDir, 'PATH', undefined])
  for (const entry of await verifiedToolCacheEntries(spec)) places.push([entry.binDir, 'tool cache', entry.trust])
  for (const dir of runnerDirs) places.push([dir, 'runner', undefined])
  const found: ResolvedClient[] = []
  for (const [binDir, origin, trust] of places) {
    if (found.some((candidate) => candidate.binDir === binDir)) continue
    const client = await clientIn(spec, binDir, origin)
    if (client) found.push(trust ? { ...client, trust } : client)
  }
  return found
}

const BUILD_TIMEOUT_MS = 15 * 60_000

async function install(spec: ClientSpec, download: ClientDownload, archive: string): Promise<string> {
  const extracted = /\.zip$/i.test(download.url) ? await tc.extractZip(archive) : await tc.extractTar(archive, undefined, /\.(tar\.xz|txz)$/i.test(download.url) ? 'xJ' : 'xz')
  try {
    // Archives normally hold one top-level directory of a known name; a mirror may have packed its
    // contents directly, or under another name.
    const subdirectories = (await readdir(extracted, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => join(extracted, entry.name))
    const roots = [join(extracted, download.rootDir), extracted, ...subdirectories]
    if (spec.build) await spec.build(roots.find((dir) => existsSync(dir) && dir !== extracted) ?? extracted, BUILD_TIMEOUT_MS)
    const root = roots.find((dir) => hasAll(spec, join(dir, 'bin'))) ?? roots[0]
    const binDir = join(root, 'bin')
    if (!hasAll(spec, binDir)) {
      throw new Error(`the archive from ${download.url} has no ${spec.executables.join(', ')} under ${download.rootDir}/bin`)
    }
    const client = await clientIn(spec, binDir, 'download')
    if (!client) throw new Error(`the ${mainName(spec)} from ${download.url} does not run on this machine`)
    const cachedVersion = toSemver(client.version)
    const cached = await tc.cacheDir(root, spec.tool, cachedVersion)
    await writeManifest(toolCacheRoot(), cached, {
      tool: spec.tool,
      version: cachedVersion,
      arch: process.arch,
      archiveSha256: download.sha256,
      trust: download.trust,
      checksumSource: download.checksumSource
    })
    return join(cached, 'bin')
  } finally {
    await io.rmRF(extracted)
  }
}

/** Installs a version: the archive from the Actions cache or the download, checked either way; a fresh download is cached. */
async function installVersion(spec: ClientSpec, download: ClientDownload, platform: string): Promise<ResolvedClient | undefined> {
  const key = cacheKey(spec, download, platform)
  const archive = await obtainArchive(spec, download, key)
  try {
    const binDir = await install(spec, download, archive.path)
    const installed = await clientIn(spec, binDir, archive.restored ? 'cache restore' : 'download')
    if (installed && !archive.restored) await saveToCache(spec, dirname(archive.path), key)
    return installed && { ...installed, trust: download.trust }
  } finally {
    await io.rmRF(dirname(archive.path))
  }
}

/**
 * Finds or installs a client that can dump the server: `system` takes what is on PATH; `auto`
 * reads the server version, then takes the best fitting client among PATH, the tool cache and the
 * runner's own installs, and installs one when none fits; an explicit version does the same for
 * that version. A client not found through PATH goes first on PATH, for this process only.
 */
export async function resolveClient<Database>(
  spec: ClientSpec<Database>,
  database: Database,
  client: ClientConfig,
  timeoutMs: number,
  pins: PinTable = PINNED_CHECKSUMS
): Promise<ClientChoice> {
  const runnerDirs = (await spec.runnerDirs?.()) ?? []
  const serverVersion = await withExtraPath(runnerDirs, () => spec.serverVersion(database, timeoutMs))
  const choice = await choose(spec, client, runnerDirs, serverVersion, pins)
  // What PATH finds stays as it is; anything else goes first, for this process only.
  if (choice.origin !== 'PATH') process.env.PATH = [choice.binDir, process.env.PATH].filter(Boolean).join(delimiter)
  core.info(`using ${choice.program} ${choice.version} from ${choice.binDir} (${choice.origin})`)
  return { ...choice, serverVersion }
}

async function choose(spec: ClientSpec, client: ClientConfig, runnerDirs: string[], serverVersion: string | undefined, pins: PinTable): Promise<ResolvedClient> {
  const cannotDump = (found: ResolvedClient): Error =>
    new Error(
      `the server is version ${serverVersion} but ${join(found.binDir, found.program)} is version ${found.version}, ` +
        `which cannot dump it: ${spec.installHint}, or set client-version: auto`
    )

  if (client.version === 'system') {
    const pathDir = await onPath(spec)
    if (!pathDir) throw new Error(`client-version is system, but ${mainName(spec)} is not on PATH: ${spec.installHint}`)
    const found = await clientIn(spec, pathDir, 'PATH')
    if (!found) throw new Error(`the ${mainName(spec)} on PATH (${pathDir}) did not report its version`)
    if (serverVersion && !spec.canDump(found.version, serverVersion)) throw cannotDump(found)
    return found
  }

  const requested = client.version === 'auto' ? undefined : client.version
  const fits = (version: string): boolean =>
    (requested === undefined || matchesPrefix(version, requested)) && (serverVersion === undefined || spec.canDump(version, serverVersion))
  const found = await candidates(spec, runnerDirs)
  const usable = found.filter((candidate) => fits(candidate.version))
  if (usable.length > 0) {
    return usable.reduce((best, candidate) => (spec.preference(candidate.version, best.version, serverVersion) > 0 ? candidate : best))
  }

  const version = spec.versionToInstall(requested, serverVersion)
  if (serverVersion && !spec.canDump(version, serverVersion)) {
    throw new Error(`client-version ${requested} cannot dump the server, which is version ${serverVersion}: ${spec.installHint}`)
  }
  const platform = await currentPlatform()
  try {
    const download = await downloadFor(spec, version, platform, client, pins)
    const installed = await installVersion(spec, download, platformLabel(platform))
    if (!installed || !fits(installed.version)) {
      throw new Error(`the client installed from ${download.url} reports version ${installed?.version ?? 'none'}, which does not fit`)
    }
    return installed
  } catch (error) {
    const seen = found.map((candidate) => `${candidate.program} ${candidate.version} in ${candidate.binDir}`).join(', ') || 'none'
    const wanted = [requested && `version ${requested}`, serverVersion && `a client that can dump server version ${serverVersion}`].filter(Boolean).join(', ')
    throw new Error(
      `no ${mainName(spec)} on this machine fits (${wanted || 'any version'}; found: ${seen}), and installing ${version} failed: ` +
        `${errorMessage(error)}. ${spec.installHint}, or set client-download-url to a mirror`
    )
  }
}
