import { readFile } from 'node:fs/promises'
import { engines } from '../../src/engines/index.js'
import { MARIADB_RELEASE } from '../../src/engines/mysql/client.js'
import { REDIS_RELEASE } from '../../src/engines/redis/client.js'
import type { Platform } from '../../src/tools/platform.js'
import { parsePinTable, PINNED_CHECKSUMS } from '../../src/tools/pins.js'

/**
 * The pinned checksum table's format, checked in CI: what scripts/refresh-client-checksums.mjs
 * writes, and what a hand edit must keep. Every entry is an archive name the installer would ask
 * for on some platform, so that no pin is dead weight or a typo that never matches.
 */

const PLATFORMS: Platform[] = [
  ...['ubuntu2204', 'ubuntu2404', 'debian11', 'debian12', 'rhel8', 'rhel9', 'amazon2023'].flatMap((distro) =>
    ['x64', 'arm64'].map((arch) => ({ os: 'linux' as NodeJS.Platform, arch, distro }))
  ),
  { os: 'darwin', arch: 'x64', distro: '' },
  { os: 'darwin', arch: 'arm64', distro: '' },
  { os: 'win32', arch: 'x64', distro: '' }
]

test('the table parses, and each tool is a client of this action', async () => {
  const raw = JSON.parse(await readFile('src/tools/checksums.json', 'utf8'))
  expect(() => parsePinTable(raw, 'checksums.json')).not.toThrow()
  const tools = new Set(Object.values(engines).map(({ client }) => client.tool))
  for (const tool of Object.keys(PINNED_CHECKSUMS)) expect(tools).toContain(tool)
})

test('every pinned file is an archive the installer asks for on some platform', () => {
  const specs = new Map(Object.values(engines).map(({ client }) => [client.tool, client]))
  for (const [tool, files] of Object.entries(PINNED_CHECKSUMS)) {
    const spec = specs.get(tool)!
    for (const [file, pin] of Object.entries(files)) {
      const asked = PLATFORMS.flatMap((platform) => {
        try {
          return spec.archives(pin.version, platform).map((archive) => archive.file)
        } catch {
          return []
        }
      })
      expect({ tool, file, asked: asked.includes(file) }).toEqual({ tool, file, asked: true })
    }
  }
})

test("the default Redis and MariaDB releases are pinned from their publishers' files", () => {
  expect(PINNED_CHECKSUMS['redis-cli'][`redis-${REDIS_RELEASE}.tar.gz`]).toEqual({
    version: REDIS_RELEASE,
    sha256: '72c081e3b8cfae7144273d26d76736f08319000af46c01515cad5d29765cead5',
    source: 'https://raw.githubusercontent.com/redis/redis-hashes/master/README'
  })
  expect(PINNED_CHECKSUMS['mariadb-client'][`mariadb-${MARIADB_RELEASE}-linux-systemd-x86_64.tar.gz`]).toMatchObject({
    version: MARIADB_RELEASE,
    source: `https://archive.mariadb.org/mariadb-${MARIADB_RELEASE}/bintar-linux-systemd-x86_64/sha256sums.txt`
  })
})

test('a malformed table is refused naming the entry', () => {
  const good = { version: '7.2.7', sha256: 'a'.repeat(64), source: 'https://example.org/sums' }
  expect(() => parsePinTable({ 'redis-cli': { 'redis-7.2.7.tar.gz': { ...good, sha256: 'A'.repeat(64) } } }, 't')).toThrow(/t is malformed at redis-cli > redis-7\.2\.7\.tar\.gz > sha256/)
  expect(() => parsePinTable({ 'redis-cli': { 'redis-7.2.7.tar.gz': { ...good, source: 'http://example.org/sums' } } }, 't')).toThrow(/> source: must be the https URL/)
  expect(() => parsePinTable({ 'redis-cli': { 'redis-7.2.8.tar.gz': good } }, 't')).toThrow(/does not hold its version 7\.2\.7/)
  expect(() => parsePinTable({ 'redis-cli': { 'redis-7.2.7.tar.gz': { ...good, extra: 1 } } }, 't')).toThrow(/malformed/)
  expect(() => parsePinTable({ 'redis-cli': { 'notes.txt': good } }, 't')).toThrow(/malformed at redis-cli > notes\.txt/)
})
