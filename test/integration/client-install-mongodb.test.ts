import { createHash } from 'node:crypto'
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../src/config/types.js'
import { findInFeed, mongodbClient } from '../../src/engines/mongodb/client.js'
import { resolveClient } from '../../src/tools/install.js'
import { PINNED_CHECKSUMS, type PinTable } from '../../src/tools/pins.js'
import { currentPlatform } from '../../src/tools/platform.js'
import { startMirror, type Mirror } from '../support/mirror.js'
import { runOk } from '../support/run.js'

/**
 * MongoDB Database Tools through the real installer: a mirror holding an archive built here
 * (mongodump cannot run on this machine, so the archived programs only report their version),
 * pinned in a table of the tests' own; the mirror's copy of the release feed is never read.
 */

let mirror: Mirror
let pins: PinTable
let feedArch: string
let distro: string
const savedPath = process.env.PATH
const savedToolCache = process.env.RUNNER_TOOL_CACHE
const database = { type: 'mongodb', host: '127.0.0.1', port: 27017, name: '', user: '', password: '', params: {}, urlProtocol: '' } as unknown as DatabaseConfig

beforeAll(async () => {
  const platform = await currentPlatform()
  distro = platform.distro
  feedArch = process.arch === 'arm64' ? 'arm64' : 'x86_64'
  const root = await mkdtemp(join(tmpdir(), 'mongo-mirror-'))
  const name = `mongodb-database-tools-${distro}-${feedArch}-100.99.0`
  await mkdir(join(root, 'staging', name, 'bin'), { recursive: true })
  for (const program of ['mongodump', 'mongorestore']) {
    const path = join(root, 'staging', name, 'bin', program)
    await writeFile(path, `#!/bin/sh\necho "${program} version: 100.99.0"\necho "git version: 0000000"\n`)
    await chmod(path, 0o755)
  }
  await runOk('tar', ['-czf', join(root, `${name}.tgz`), '-C', join(root, 'staging'), name])
  const sha256 = createHash('sha256').update(await readFile(join(root, `${name}.tgz`))).digest('hex')
  const feed = {
    versions: [
      {
        version: '100.99.0',
        downloads: [
          { name: 'windows', arch: 'x86_64', archive: { url: 'https://fastdl.example/mongodb-database-tools-windows-x86_64-100.99.0.zip', sha256: 'a'.repeat(64) } },
          { name: distro, arch: feedArch, archive: { url: `https://fastdl.example/tools/db/${name}.tgz`, sha256 } }
        ]
      },
      {
        version: '100.98.0',
        downloads: [{ name: distro, arch: feedArch, archive: { url: `https://fastdl.example/tools/db/${name}.tgz`, sha256: 'b'.repeat(64) } }]
      }
    ]
  }
  await writeFile(join(root, 'full.json'), JSON.stringify(feed))
  pins = {
    ...PINNED_CHECKSUMS,
    'mongodb-database-tools': {
      [`${name}.tgz`]: { version: '100.99.0', sha256, source: 'https://downloads.mongodb.org/tools/db/full.json' },
      [`mongodb-database-tools-${distro}-${feedArch}-100.98.0.tgz`]: { version: '100.98.0', sha256: 'b'.repeat(64), source: 'https://downloads.mongodb.org/tools/db/full.json' }
    }
  }
  await runOk('cp', [join(root, `${name}.tgz`), join(root, `mongodb-database-tools-${distro}-${feedArch}-100.98.0.tgz`)])
  mirror = await startMirror(root)
  process.env.PATH = '/usr/bin:/bin'
  process.env.RUNNER_TOOL_CACHE = await mkdtemp(join(tmpdir(), 'mongo-tool-cache-'))
})

afterAll(async () => {
  process.env.PATH = savedPath
  process.env.RUNNER_TOOL_CACHE = savedToolCache
  await mirror?.close()
})

const mirrorConfig = (version: string) => ({ version, downloadUrl: mirror.url, allowInsecureHttp: true })

test('the archive of this platform is checked against its pinned SHA-256, installed and used', async () => {
  const client = await resolveClient(mongodbClient, database, mirrorConfig('100.99.0'), 30_000, pins)
  expect(client.version).toBe('100.99.0')
  expect(client.origin).toBe('download')
  expect(client.binDir).toBe(join(process.env.RUNNER_TOOL_CACHE as string, 'mongodb-database-tools', '100.99.0', process.arch, 'bin'))
  expect(process.env.PATH?.split(':')[0]).toBe(client.binDir)

  // A later run starts from the runner's PATH again.
  process.env.PATH = '/usr/bin:/bin'
  const again = await resolveClient(mongodbClient, database, mirrorConfig('100.99'), 30_000, pins)
  expect(again.origin).toBe('tool cache')
  expect(mirror.hits.get('/full.json')).toBeUndefined()
})

test('an archive whose SHA-256 differs from the pinned one is refused', async () => {
  await expect(resolveClient(mongodbClient, database, mirrorConfig('100.98.0'), 30_000, pins)).rejects.toThrow(
    /has SHA-256 [0-9a-f]{64}, but the SHA-256 pinned in this action \(from .*full\.json\) says b{64}: nothing was installed or run/
  )
})

test('a release the table does not pin is refused from a mirror, even though the mirror\'s feed lists it', async () => {
  await expect(resolveClient(mongodbClient, database, mirrorConfig('100.97.0'), 30_000, pins)).rejects.toThrow(/mongodb-database-tools-.*-100\.97\.0\.tgz is not pinned in this action/)
})

test('the feed is searched by platform, and a missing one is named with what the feed offers', () => {
  const feed = { versions: [{ version: '100.1.0', downloads: [{ name: 'debian12', arch: 'x86_64', archive: { url: 'https://x/a.tgz', sha256: 'c'.repeat(64) } }] }] }
  expect(findInFeed(feed, '100.1.0', { os: 'linux', arch: 'x64', distro: 'debian12' }, 'feed').sha256).toBe('c'.repeat(64))
  expect(() => findInFeed(feed, '100.1.0', { os: 'linux', arch: 'arm64', distro: 'debian12' }, 'feed')).toThrow(/no archive for debian12\/arm64 \(the feed offers debian12\/x86_64\)/)
  expect(() => findInFeed(feed, '100.2.0', { os: 'darwin', arch: 'x64', distro: '' }, 'feed')).toThrow(/lists no MongoDB Database Tools 100\.2\.0/)
  expect(mongodbClient.parseVersion('mongodump version: 100.10.0\ngit version: abc')).toBe('100.10.0')
  expect(mongodbClient.parseVersion('mongodump version: r4.2.8')).toBe('4.2.8')
  expect(mongodbClient.canDump('4.2.8', '7.0.1')).toBe(false)
  expect(mongodbClient.canDump('100.10.0', '7.0.1')).toBe(true)
})
