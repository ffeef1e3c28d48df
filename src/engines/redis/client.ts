import type { DatabaseConfig } from '../../config/types.js'
import * as io from '@actions/io'
import { existsSync } from 'node:fs'
import { copyFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { requireSuccess, runTool } from '../../util/process.js'
import { downloadText } from '../../tools/download.js'
import type { ClientArchive, ClientSpec, PublishedChecksum } from '../../tools/types.js'
import { compareVersions, versionParts } from '../../tools/versions.js'

/**
 * Redis publishes no client binaries, only source releases, with their SHA-256 listed in
 * https://github.com/redis/redis-hashes (pinned in checksums.json; read over https for a release
 * newer than the table). redis-cli is built from the checked source with make and
 * a C compiler (both on GitHub's Ubuntu and macOS runners); it takes under a minute.
 */
export const REDIS_RELEASE = '7.2.7'
export const REDIS_DOWNLOAD_BASE = 'https://download.redis.io/releases'
export const REDIS_HASHES_URL = 'https://raw.githubusercontent.com/redis/redis-hashes/master/README'

/** `hash redis-7.2.7.tar.gz sha256 <hex> http://download.redis.io/releases/redis-7.2.7.tar.gz` */
export function digestFromRedisHashes(text: string, file: string): string | undefined {
  for (const line of text.split('\n')) {
    const [word, name, algorithm, digest] = line.trim().split(/\s+/)
    if (word === 'hash' && name === file && algorithm === 'sha256' && /^[0-9a-f]{64}$/i.test(digest ?? '')) return digest.toLowerCase()
  }
  return undefined
}

function sourceRelease(version: string): ClientArchive {
  const file = `redis-${version}.tar.gz`
  return { file, url: `${REDIS_DOWNLOAD_BASE}/${file}`, mirrorPath: file, version, rootDir: `redis-${version}` }
}

export const redisClient: ClientSpec<DatabaseConfig> = {
  tool: 'redis-cli',
  executables: ['redis-cli'],
  installHint: 'install redis-cli (Ubuntu: `sudo apt-get install redis-tools`; macOS: `brew install redis`)',

  /** `redis-cli 7.0.15` */
  parseVersion(output: string): string {
    const match = /redis-cli\s+(\d+(?:\.\d+)+)/.exec(output)
    if (!match) throw new Error(`cannot read the redis-cli version from "${output.trim()}"`)
    return match[1]
  },

  // Any redis-cli that has --rdb receives the server's own RDB, whatever the server's version.
  async serverVersion() {
    return undefined
  },

  // --rdb (a replica's full sync) exists since redis-cli 2.6; the RDB it receives is the server's own.
  canDump: (client) => compareVersions(client, '2.6') >= 0,
  preference: (a, b) => compareVersions(a, b),

  versionToInstall(request) {
    if (request === undefined) return REDIS_RELEASE
    if (versionParts(request).length < 3) throw new Error(`client-version ${request}: give a full Redis version such as ${REDIS_RELEASE}`)
    return request
  },

  archives: (version: string) => [sourceRelease(version)],

  async published(version: string): Promise<PublishedChecksum> {
    const archive = sourceRelease(version)
    const sha256 = digestFromRedisHashes(await downloadText(REDIS_HASHES_URL), archive.file)
    if (!sha256) throw new Error(`${REDIS_HASHES_URL} holds no SHA-256 for ${archive.file}`)
    return { archive, sha256, source: REDIS_HASHES_URL }
  },

  async build(root: string, timeoutMs: number) {
    const make = await io.which('make', false)
    if (!make) throw new Error('building redis-cli from source needs make and a C compiler, and make is not on PATH')
    // TLS (rediss://) needs OpenSSL's headers; without them redis-cli is built without TLS.
    const tls = existsSync('/usr/include/openssl/ssl.h') ? ['BUILD_TLS=yes'] : []
    const result = await runTool({ command: make, args: ['-C', root, 'MALLOC=libc', ...tls, 'redis-cli'], timeoutMs })
    requireSuccess('building redis-cli (make redis-cli)', result, timeoutMs)
    await mkdir(join(root, 'bin'), { recursive: true })
    await copyFile(join(root, 'src', 'redis-cli'), join(root, 'bin', 'redis-cli'))
  }
}
