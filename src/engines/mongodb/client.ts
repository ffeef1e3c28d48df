import type { DatabaseConfig } from '../../config/types.js'
import { downloadText } from '../../tools/download.js'
import type { Platform } from '../../tools/platform.js'
import type { ClientArchive, ClientSpec, PublishedChecksum } from '../../tools/types.js'
import { compareVersions, matchesPrefix, versionParts } from '../../tools/versions.js'

/**
 * MongoDB Database Tools, from MongoDB's release feed, which lists every archive with its
 * SHA-256: https://downloads.mongodb.org/tools/db/full.json (pinned in checksums.json once
 * refreshed online; until then the feed is read over https). The tools are versioned apart from
 * the server (100.x) and each release dumps every server MongoDB still supports, so any
 * installed release will do unless a version is asked for.
 */
export const MONGODB_TOOLS_RELEASE = '100.14.1'
export const MONGODB_FEED_BASE = 'https://downloads.mongodb.org/tools/db'
export const MONGODB_DOWNLOAD_BASE = 'https://fastdl.mongodb.org/tools/db'

interface FeedDownload {
  name?: string
  arch?: string
  archive?: { url?: string; sha256?: string }
}

interface Feed {
  versions?: { version?: string; downloads?: FeedDownload[] }[]
}

/** The feed's platform name: the Linux distribution (`ubuntu2404`, `debian12`), `macos` or `windows`. */
function feedName(platform: Platform): string {
  if (platform.os === 'darwin') return 'macos'
  if (platform.os === 'win32') return 'windows'
  return platform.distro
}

function feedArches(arch: string): string[] {
  return arch === 'arm64' ? ['arm64', 'aarch64'] : arch === 'x64' ? ['x86_64'] : [arch]
}

/** Picks this platform's archive of a version from the feed, or says what the feed has. */
export function findInFeed(feed: Feed, version: string, platform: Platform, feedUrl: string): { url: string; sha256: string } {
  const release = feed.versions?.find((entry) => entry.version === version)
  if (!release) throw new Error(`${feedUrl} lists no MongoDB Database Tools ${version}`)
  const name = feedName(platform)
  const arches = feedArches(platform.arch)
  const match = release.downloads?.find((download) => download.name === name && arches.includes(download.arch ?? ''))
  if (!match?.archive?.url || !/^[0-9a-f]{64}$/i.test(match.archive.sha256 ?? '')) {
    const offered = [...new Set((release.downloads ?? []).map((download) => `${download.name}/${download.arch}`))].join(', ')
    throw new Error(`MongoDB Database Tools ${version} have no archive for ${name || platform.os}/${platform.arch} (the feed offers ${offered})`)
  }
  return { url: match.archive.url, sha256: (match.archive.sha256 as string).toLowerCase() }
}

/** An archive as MongoDB serves it, and as a mirror keeps it: by file name, under the base URL. */
function toolsArchive(file: string, version: string): ClientArchive {
  return { file, url: `${MONGODB_DOWNLOAD_BASE}/${file}`, mirrorPath: file, version, rootDir: file.replace(/\.(tgz|zip)$/, '') }
}

/** `mongodump version: 100.9.4` (or `r4.0.3` before the tools left the server). */
export function parseToolVersion(output: string): string {
  const match = /version:\s*r?(\d+\.\d+\.\d+)/.exec(output)
  if (!match) throw new Error(`cannot read the Database Tools version from "${output.trim().split('\n')[0]}"`)
  return match[1]
}

export const mongodbClient: ClientSpec<DatabaseConfig> = {
  tool: 'mongodb-database-tools',
  executables: ['mongodump', 'mongorestore'],
  installHint:
    'install the MongoDB Database Tools (https://www.mongodb.com/try/download/database-tools) and put their bin directory on PATH',

  parseVersion: parseToolVersion,

  // Reading the server version would need mongosh; every tools release dumps every supported server.
  async serverVersion() {
    return undefined
  },

  canDump: (client) => versionParts(client)[0] >= 100,
  preference: (a, b) => compareVersions(a, b),

  versionToInstall(request) {
    if (request === undefined || matchesPrefix(MONGODB_TOOLS_RELEASE, request)) return MONGODB_TOOLS_RELEASE
    if (versionParts(request).length < 3) throw new Error(`client-version ${request}: give a full MongoDB Database Tools version such as ${MONGODB_TOOLS_RELEASE}`)
    return request
  },

  archives(version: string, platform: Platform): ClientArchive[] {
    const name = feedName(platform)
    if (!name) throw new Error(`MongoDB Database Tools are published per Linux distribution, and this machine's could not be read from /etc/os-release`)
    const extension = platform.os === 'linux' ? 'tgz' : 'zip'
    return feedArches(platform.arch).map((arch) => toolsArchive(`mongodb-database-tools-${name}-${arch}-${version}.${extension}`, version))
  },

  async published(version: string, platform: Platform): Promise<PublishedChecksum> {
    const feedUrl = `${MONGODB_FEED_BASE}/full.json`
    let feed: Feed
    try {
      feed = JSON.parse(await downloadText(feedUrl)) as Feed
    } catch (error) {
      throw new Error(`cannot read the MongoDB Database Tools release feed ${feedUrl}: ${(error as Error).message}`)
    }
    const found = findInFeed(feed, version, platform, feedUrl)
    if (!found.url.startsWith('https://')) throw new Error(`${feedUrl} lists ${found.url}, which is not https: nothing was downloaded`)
    return { archive: { ...toolsArchive(found.url.split('/').pop() as string, version), url: found.url }, sha256: found.sha256, source: feedUrl }
  }
}
