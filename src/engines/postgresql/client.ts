import * as io from '@actions/io'
import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../config/types.js'
import { psqlCommand } from './psql.js'
import { describeFailure, runTool, toolFailed } from '../../util/process.js'
import { digestFor, downloadText } from '../../tools/download.js'
import type { Platform } from '../../tools/platform.js'
import type { ClientArchive, ClientSpec } from '../../tools/types.js'
import { compareVersions, versionParts } from '../../tools/versions.js'

/**
 * Portable PostgreSQL builds (bin/ with its own lib/) published with a `.sha256` file beside
 * each archive: https://github.com/theseus-rs/postgresql-binaries. Their SHA-256 are pinned in
 * checksums.json once refreshed online; until then the publisher's `.sha256` is read over https. The newest release of each
 * major this project was checked against; 12 and 13 are end-of-life and not published there, and
 * a newer pg_dump dumps their servers.
 */
export const POSTGRESQL_RELEASES: Record<number, string> = {
  14: '14.24.0',
  15: '15.19.0',
  16: '16.15.0',
  17: '17.11.0',
  18: '18.6.0'
}

export const POSTGRESQL_DOWNLOAD_BASE = 'https://github.com/theseus-rs/postgresql-binaries/releases/download'

const TARGETS: Record<string, string> = {
  'linux-x64': 'x86_64-unknown-linux-gnu',
  'linux-arm64': 'aarch64-unknown-linux-gnu',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
  'win32-x64': 'x86_64-pc-windows-msvc'
}

function portableArchive(version: string, platform: Platform): ClientArchive {
  const target = TARGETS[`${platform.os}-${platform.arch}`]
  if (!target) throw new Error(`no portable PostgreSQL client is published for ${platform.os} ${platform.arch}`)
  const file = `postgresql-${version}-${target}.tar.gz`
  return { file, url: `${POSTGRESQL_DOWNLOAD_BASE}/${version}/${file}`, mirrorPath: `${version}/${file}`, version, rootDir: `postgresql-${version}-${target}` }
}

/** `pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)` -> `15.20`. */
export function parseClientVersion(output: string): string {
  const match = /\(PostgreSQL\)\s+(\d+(?:\.\d+)*)/.exec(output)
  if (!match) throw new Error(`cannot read the PostgreSQL client version from "${output.trim()}"`)
  return match[1]
}

/** server_version_num (150020, or 90624 before version 10) -> `15.20` (or `9.6.24`). */
export function parseServerVersionNum(text: string): string {
  const num = Number(text.trim())
  if (!Number.isInteger(num) || num < 80000) throw new Error(`unexpected server_version_num "${text.trim()}"`)
  if (num >= 100000) return `${Math.floor(num / 10000)}.${num % 10000}`
  return `${Math.floor(num / 10000)}.${Math.floor(num / 100) % 100}.${num % 100}`
}

/** The major version: 15 for 15.20, 9.6 for 9.6.24 (before 10, the first two parts). */
export function majorOf(version: string): number {
  const [first, second] = versionParts(version)
  return first >= 10 ? first : first + (second ?? 0) / 10
}

async function runnerDirs(): Promise<string[]> {
  const roots = ['/usr/lib/postgresql', 'C:\\Program Files\\PostgreSQL']
  const dirs: string[] = []
  for (const root of roots) {
    if (!existsSync(root)) continue
    const majors = (await readdir(root)).filter((name) => /^\d+(\.\d+)?$/.test(name)).sort(compareVersions).reverse()
    dirs.push(...majors.map((major) => join(root, major, 'bin')))
  }
  for (const prefix of ['/opt/homebrew/opt', '/usr/local/opt']) {
    if (!existsSync(prefix)) continue
    const formulas = (await readdir(prefix)).filter((name) => /^postgresql@\d+$/.test(name))
    dirs.push(...formulas.map((formula) => join(prefix, formula, 'bin')))
  }
  return dirs
}

export const postgresqlClient: ClientSpec<DatabaseConfig> = {
  tool: 'postgresql-client',
  executables: ['pg_dump', 'pg_restore', 'psql'],
  installHint:
    'install a PostgreSQL client of the server\'s major version or newer (Ubuntu: the PGDG apt repository, then `sudo apt-get install postgresql-client-<major>`)',
  parseVersion: parseClientVersion,

  async serverVersion(database: DatabaseConfig, timeoutMs: number) {
    const psql = await io.which('psql', false)
    if (!psql) return undefined
    const result = await runTool(psqlCommand(psql, database, ['--tuples-only', '--no-align', '--command=SHOW server_version_num'], { timeoutMs }))
    if (toolFailed(result)) {
      throw new Error(describeFailure(`connecting to PostgreSQL at ${database.host}:${database.port} failed: psql`, result, timeoutMs))
    }
    return parseServerVersionNum(result.stdout)
  },

  // pg_dump refuses a server of a newer major; a newer pg_dump dumps older servers.
  canDump: (client, server) => majorOf(client) >= majorOf(server),

  // The server's own major first (its pg_restore reads the archive), else the closest newer one.
  preference(a, b, server) {
    if (server === undefined) return compareVersions(a, b)
    const distance = (version: string): number => majorOf(version) - majorOf(server)
    return distance(b) - distance(a) || compareVersions(a, b)
  },

  runnerDirs,

  versionToInstall(request, server) {
    const published = Object.keys(POSTGRESQL_RELEASES).map(Number).sort((x, y) => x - y)
    if (request !== undefined) {
      const parts = versionParts(request)
      if (parts.length === 1) {
        const release = POSTGRESQL_RELEASES[parts[0]]
        if (!release) throw new Error(`client-version ${request}: PostgreSQL clients ${published.join(', ')} can be installed`)
        return release
      }
      return [...parts, 0, 0].slice(0, 3).join('.')
    }
    const needed = server === undefined ? published[published.length - 1] : majorOf(server)
    const major = published.find((candidate) => candidate >= needed) ?? published[published.length - 1]
    return POSTGRESQL_RELEASES[major]
  },

  archives: (version: string, platform: Platform) => [portableArchive(version, platform)],

  async published(version: string, platform: Platform) {
    const archive = portableArchive(version, platform)
    const source = `${archive.url}.sha256`
    const sha256 = digestFor(await downloadText(source), archive.file)
    if (!sha256) throw new Error(`${source} holds no SHA-256 for ${archive.file}`)
    return { archive, sha256, source }
  }
}
