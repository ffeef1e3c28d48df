import { digestFor } from '../../src/tools/download.js'
import { majorOf, parseClientVersion, parseServerVersionNum, postgresqlClient, POSTGRESQL_RELEASES } from '../../src/engines/postgresql/client.js'
import { compareVersions, matchesPrefix, toSemver } from '../../src/tools/versions.js'

describe('versions', () => {
  test('compare numerically, part by part', () => {
    expect(compareVersions('15.10', '15.9')).toBeGreaterThan(0)
    expect(compareVersions('100.10.0', '100.9.3')).toBeGreaterThan(0)
    expect(compareVersions('17', '17.0.0')).toBe(0)
  })

  test('a prefix matches whole parts only', () => {
    expect(matchesPrefix('17.2', '17')).toBe(true)
    expect(matchesPrefix('170.1', '17')).toBe(false)
    expect(matchesPrefix('8.4.3', '8.4')).toBe(true)
    expect(matchesPrefix('8.0.36', '8.4')).toBe(false)
  })

  test('the tool cache gets three parts', () => {
    expect(toSemver('15.20')).toBe('15.20.0')
    expect(toSemver('100.10.0')).toBe('100.10.0')
  })
})

describe('checksum files', () => {
  const digest = 'a'.repeat(64)
  test('sha256sum lines are matched by file name', () => {
    expect(digestFor(`${'b'.repeat(64)}  other.tar.gz\n${digest}  client.tar.gz\n`, 'client.tar.gz')).toBe(digest)
    expect(digestFor(`${digest} *client.tar.gz`, 'client.tar.gz')).toBe(digest)
    expect(digestFor(`${digest}  ./dir/client.tar.gz`, 'client.tar.gz')).toBe(digest)
  })

  test('a bare digest is accepted; another file\'s digest or garbage is not', () => {
    expect(digestFor(`${digest.toUpperCase()}\n`, 'client.tar.gz')).toBe(digest)
    expect(digestFor(`${digest}  other.tar.gz`, 'client.tar.gz')).toBeUndefined()
    expect(digestFor('<html>Not Found</html>', 'client.tar.gz')).toBeUndefined()
  })
})

describe('PostgreSQL client', () => {
  test('reads client and server versions', () => {
    expect(parseClientVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)')).toBe('15.20')
    expect(parseClientVersion('pg_dump (PostgreSQL) 17.2')).toBe('17.2')
    expect(() => parseClientVersion('mysqldump  Ver 10.19')).toThrow(/cannot read/)
    expect(parseServerVersionNum('150020\n')).toBe('15.20')
    expect(parseServerVersionNum('90624')).toBe('9.6.24')
    expect(majorOf('9.6.24')).toBe(9.6)
    expect(majorOf('17.2')).toBe(17)
  })

  test('pg_dump dumps servers of its major and older, never newer', () => {
    expect(postgresqlClient.canDump('17.2', '16.4')).toBe(true)
    expect(postgresqlClient.canDump('16.4', '16.9')).toBe(true)
    expect(postgresqlClient.canDump('15.20', '16.1')).toBe(false)
    expect(postgresqlClient.canDump('12.22', '9.6.24')).toBe(true)
  })

  test('prefers the server\'s own major, then the closest newer one', () => {
    const pick = (versions: string[], server?: string): string =>
      versions.reduce((best, candidate) => (postgresqlClient.preference(candidate, best, server) > 0 ? candidate : best))
    expect(pick(['17.2', '16.4', '18.1'], '16.1')).toBe('16.4')
    expect(pick(['18.1', '17.2'], '16.1')).toBe('17.2')
    expect(pick(['16.2', '16.4'], '16.1')).toBe('16.4')
    expect(pick(['16.4', '18.1'])).toBe('18.1')
  })

  test('installs the pinned release of the needed major, or the closest newer one for end-of-life servers', () => {
    expect(postgresqlClient.versionToInstall(undefined, '16.3')).toBe(POSTGRESQL_RELEASES[16])
    expect(postgresqlClient.versionToInstall(undefined, '12.19')).toBe(POSTGRESQL_RELEASES[14])
    expect(postgresqlClient.versionToInstall(undefined, undefined)).toBe(POSTGRESQL_RELEASES[18])
    expect(postgresqlClient.versionToInstall('17', undefined)).toBe(POSTGRESQL_RELEASES[17])
    expect(postgresqlClient.versionToInstall('16.2', undefined)).toBe('16.2.0')
    expect(() => postgresqlClient.versionToInstall('11', undefined)).toThrow(/can be installed/)
  })

  test('names the publisher\'s archive and its place on a mirror, for each supported platform', () => {
    const platform = { os: 'linux' as NodeJS.Platform, arch: 'arm64', distro: 'ubuntu2404' }
    expect(postgresqlClient.archives('17.11.0', platform)).toEqual([
      {
        file: 'postgresql-17.11.0-aarch64-unknown-linux-gnu.tar.gz',
        url: 'https://github.com/theseus-rs/postgresql-binaries/releases/download/17.11.0/postgresql-17.11.0-aarch64-unknown-linux-gnu.tar.gz',
        mirrorPath: '17.11.0/postgresql-17.11.0-aarch64-unknown-linux-gnu.tar.gz',
        version: '17.11.0',
        rootDir: 'postgresql-17.11.0-aarch64-unknown-linux-gnu'
      }
    ])
    expect(() => postgresqlClient.archives('17.11.0', { ...platform, os: 'aix' })).toThrow(/no portable PostgreSQL client is published for aix arm64/)
  })
})
