import type { DatabaseConfig } from '../../config/types.js'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseDumpToolVersion } from './pairing.js'
import { digestFor, downloadText } from '../../tools/download.js'
import type { Platform } from '../../tools/platform.js'
import type { ClientArchive, ClientSpec, PublishedChecksum } from '../../tools/types.js'
import { compareVersions, versionParts } from '../../tools/versions.js'

/**
 * MariaDB's binary tarballs (`bintar`), published with a sha256sums.txt beside them:
 * https://archive.mariadb.org/mariadb-<version>/bintar-linux-systemd-x86_64/. mariadb-dump dumps
 * MariaDB and MySQL servers alike (MySQL numbered below 10.3: the engine refuses 26.x before
 * dumping), so it is what `auto` installs for both when the machine has no client; any client
 * found (GitHub's runners have MySQL 8.0's) is used first. MySQL publishes no SHA-256 file for its
 * tarballs, so none is pinned and none is downloaded: a MySQL client comes from apt.
 */
export const MARIADB_RELEASE = '11.4.13'
export const MARIADB_DOWNLOAD_BASE = 'https://archive.mariadb.org'

/** The tarball of a version: Oracle's for a MySQL version (never downloaded from Oracle: no SHA-256 to check), else MariaDB's bintar. */
function tarball(version: string, platform: Platform): ClientArchive {
  if (platform.os !== 'linux' || platform.arch !== 'x64') {
    throw new Error(`MariaDB publishes client tarballs for Linux x64 only, not ${platform.os} ${platform.arch}`)
  }
  if (isMysqlVersion(version)) {
    const file = `mysql-${version}-linux-glibc2.28-x86_64.tar.xz`
    return { file, url: `https://dev.mysql.com/get/Downloads/MySQL-${versionParts(version).slice(0, 2).join('.')}/${file}`, mirrorPath: file, version, rootDir: file.replace(/\.tar\.xz$/, '') }
  }
  const name = `mariadb-${version}-linux-systemd-x86_64`
  const directory = `mariadb-${version}/bintar-linux-systemd-x86_64`
  return { file: `${name}.tar.gz`, url: `${MARIADB_DOWNLOAD_BASE}/${directory}/${name}.tar.gz`, mirrorPath: `${directory}/${name}.tar.gz`, version, rootDir: name }
}

function isMysqlVersion(version: string): boolean {
  const major = versionParts(version)[0]
  return major === 5 || major === 8 || major === 9
}

export const mysqlClient: ClientSpec<DatabaseConfig> = {
  tool: 'mariadb-client',
  // MariaDB's own names first; older MariaDB clients and MySQL's have the mysql* names.
  executables: ['mariadb-dump|mysqldump', 'mariadb|mysql'],
  installHint:
    'install a MariaDB or MySQL client (Ubuntu: `sudo apt-get install mariadb-client` or `mysql-client`)',

  parseVersion: (output) => parseDumpToolVersion(output).version,

  // Both families' dump tools dump both servers; the engine picks the server's own family among them.
  async serverVersion() {
    return undefined
  },
  canDump: () => true,
  preference: (a, b) => compareVersions(a, b),

  async runnerDirs() {
    // MySQL's own installer puts its client here, off PATH.
    return ['/usr/local/mysql/bin'].filter((dir) => existsSync(join(dir, 'mysqldump')))
  },

  versionToInstall(request) {
    if (request === undefined) return MARIADB_RELEASE
    if (versionParts(request).length < 3) throw new Error(`client-version ${request}: give a full MariaDB or MySQL version such as ${MARIADB_RELEASE}`)
    return request
  },

  archives: (version: string, platform: Platform) => [tarball(version, platform)],

  async published(version: string, platform: Platform): Promise<PublishedChecksum> {
    const archive = tarball(version, platform)
    if (isMysqlVersion(version)) {
      throw new Error(
        `MySQL publishes no SHA-256 file for ${archive.file}, so it is not downloaded: install MySQL's client from a package repository apt checks ` +
          "(Ubuntu's mysql-client, or Oracle's APT repository), or use client-version auto (MariaDB's client dumps MySQL servers numbered below 10.3)"
      )
    }
    const source = `${MARIADB_DOWNLOAD_BASE}/mariadb-${version}/bintar-linux-systemd-x86_64/sha256sums.txt`
    const sha256 = digestFor(await downloadText(source), archive.file)
    if (!sha256) throw new Error(`${source} holds no SHA-256 for ${archive.file}`)
    return { archive, sha256, source }
  }
}
