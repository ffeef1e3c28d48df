import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseDumpToolVersion } from '../../engines/mysql-pairing.js'
import { digestFor, downloadText } from '../install.js'
import type { Platform } from '../platform.js'
import type { ClientDownload, ClientSpec } from '../types.js'
import { compareVersions, versionParts } from '../versions.js'

/**
 * MariaDB's binary tarballs (`bintar`), published with a sha256sums.txt beside them:
 * https://archive.mariadb.org/mariadb-<version>/bintar-linux-systemd-x86_64/. mariadb-dump dumps
 * MariaDB and MySQL servers alike (MySQL numbered below 10.3: the engine refuses 26.x before
 * dumping), so it is what `auto` installs for both when the machine has no client; any client
 * found (GitHub's runners have MySQL 8.0's) is used first. MySQL publishes no SHA-256 file for its
 * tarballs: a MySQL client is installed only from a mirror that has one, or from apt.
 */
export const MARIADB_RELEASE = '11.4.13'
export const MARIADB_DOWNLOAD_BASE = 'https://archive.mariadb.org'

function isMysqlVersion(version: string): boolean {
  const major = versionParts(version)[0]
  return major === 5 || major === 8 || major === 9
}

export const mysqlClient: ClientSpec = {
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

  async download(version: string, platform: Platform, baseUrl: string): Promise<ClientDownload> {
    if (platform.os !== 'linux' || platform.arch !== 'x64') {
      throw new Error(`MariaDB publishes client tarballs for Linux x64 only, not ${platform.os} ${platform.arch}`)
    }
    if (isMysqlVersion(version)) {
      const file = `mysql-${version}-linux-glibc2.28-x86_64.tar.xz`
      if (!baseUrl) {
        throw new Error(
          `MySQL publishes no SHA-256 file for ${file}, so it is not downloaded: install MySQL's client from a package repository apt checks ` +
            "(Ubuntu's mysql-client, or Oracle's APT repository), or set client-download-url to a mirror holding " +
            `${file} and ${file}.sha256, or use client-version auto (MariaDB's client dumps MySQL servers numbered below 10.3)`
        )
      }
      const url = `${baseUrl}/${file}`
      const sha256 = digestFor(await downloadText(`${url}.sha256`), file)
      if (!sha256) throw new Error(`${url}.sha256 holds no SHA-256 for ${file}`)
      return { url, sha256, version, rootDir: file.replace(/\.tar\.xz$/, ''), checksumSource: `${url}.sha256` }
    }
    const name = `mariadb-${version}-linux-systemd-x86_64`
    const directory = `${baseUrl || MARIADB_DOWNLOAD_BASE}/mariadb-${version}/bintar-linux-systemd-x86_64`
    const checksums = `${directory}/sha256sums.txt`
    const sha256 = digestFor(await downloadText(checksums), `${name}.tar.gz`)
    if (!sha256) throw new Error(`${checksums} holds no SHA-256 for ${name}.tar.gz`)
    return { url: `${directory}/${name}.tar.gz`, sha256, version, rootDir: name, checksumSource: checksums }
  }
}
