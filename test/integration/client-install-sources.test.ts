import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../src/config/types.js'
import { mysqlClient } from '../../src/engines/mysql/client.js'
import { digestFromRedisHashes, redisClient } from '../../src/engines/redis/client.js'
import { resolveClient } from '../../src/tools/install.js'
import { PINNED_CHECKSUMS, type PinTable } from '../../src/tools/pins.js'
import { startMirror, type Mirror } from '../support/mirror.js'
import { runOk } from '../support/run.js'

/**
 * The MariaDB and Redis client sources through the real installer, from a mirror laid out like
 * the official sources and holding archives built here: a MariaDB bintar whose programs pass
 * through to this machine's client, and a Redis source tree whose Makefile builds redis-cli.
 * Their SHA-256 are pinned in a table of the tests' own, given to the installer as the product's
 * built-in table is; the mirror's checksum files are there to show they are never read.
 */

let mirror: Mirror
let root: string
let pins: PinTable
/** Written by the forged Redis release's Makefile if anything ever builds it. */
let forgedBuilt: string
/** Where the Redis release's Makefile writes the environment `make` ran its recipe with. */
let makeEnvironment: string
const savedPath = process.env.PATH
const savedToolCache = process.env.RUNNER_TOOL_CACHE
const database = (type: string): DatabaseConfig =>
  ({ type, host: '127.0.0.1', port: 1, name: 'x', user: '', password: '', params: {}, urlProtocol: '' }) as unknown as DatabaseConfig

async function sha256(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex')
}

async function script(path: string, body: string): Promise<void> {
  await writeFile(path, `#!/bin/sh\n${body}\n`)
  await chmod(path, 0o755)
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sources-mirror-'))
  const staging = await mkdtemp(join(tmpdir(), 'sources-staging-'))

  // MariaDB bintar: <mirror>/mariadb-<v>/bintar-linux-systemd-x86_64/{<name>.tar.gz,sha256sums.txt}
  const mariadb = 'mariadb-11.9.9-linux-systemd-x86_64'
  await mkdir(join(staging, mariadb, 'bin'), { recursive: true })
  await script(join(staging, mariadb, 'bin', 'mysqldump'), 'if [ "$1" = "--version" ]; then echo "mysqldump from 11.9.9-MariaDB, client 10.19 for Linux (x86_64)"; exit 0; fi\nexec /usr/bin/mariadb-dump "$@"')
  await script(join(staging, mariadb, 'bin', 'mysql'), 'exec /usr/bin/mariadb "$@"')
  const bintarDir = join(root, 'mariadb-11.9.9', 'bintar-linux-systemd-x86_64')
  await mkdir(bintarDir, { recursive: true })
  await runOk('tar', ['-czf', join(bintarDir, `${mariadb}.tar.gz`), '-C', staging, mariadb])
  await writeFile(join(bintarDir, 'sha256sums.txt'), `${'0'.repeat(64)}  ${mariadb}.deb\n${await sha256(join(bintarDir, `${mariadb}.tar.gz`))}  ${mariadb}.tar.gz\n`)

  // Redis source release: <mirror>/redis-<v>.tar.gz and its .sha256; `make redis-cli` builds src/redis-cli.
  const redis = 'redis-7.9.9'
  await mkdir(join(staging, redis), { recursive: true })
  makeEnvironment = join(staging, 'make-environment')
  await writeFile(
    join(staging, redis, 'Makefile'),
    [
      'redis-cli:',
      `\tenv > '${makeEnvironment}'`,
      '\tmkdir -p src',
      "\tprintf '#!/bin/sh\\nif [ \"$$1\" = \"--version\" ]; then echo \"redis-cli 7.9.9\"; exit 0; fi\\nexec /usr/bin/redis-cli \"$$@\"\\n' > src/redis-cli",
      '\tchmod 755 src/redis-cli',
      ''
    ].join('\n')
  )
  await runOk('tar', ['-czf', join(root, `${redis}.tar.gz`), '-C', staging, redis])
  await writeFile(join(root, `${redis}.tar.gz.sha256`), `${await sha256(join(root, `${redis}.tar.gz`))}  ${redis}.tar.gz\n`)

  // A forged redis-7.2.7.tar.gz (a release pinned in the product's table) with a .sha256 that matches it.
  forgedBuilt = join(staging, 'forged-built')
  await mkdir(join(staging, 'redis-7.2.7'), { recursive: true })
  await writeFile(join(staging, 'redis-7.2.7', 'Makefile'), `redis-cli:\n\ttouch '${forgedBuilt}'\n`)
  await runOk('tar', ['-czf', join(root, 'redis-7.2.7.tar.gz'), '-C', staging, 'redis-7.2.7'])
  await writeFile(join(root, 'redis-7.2.7.tar.gz.sha256'), `${await sha256(join(root, 'redis-7.2.7.tar.gz'))}  redis-7.2.7.tar.gz\n`)

  // An unpinned MariaDB release, with a sha256sums.txt that matches it.
  const unpinned = 'mariadb-11.9.8-linux-systemd-x86_64'
  await mkdir(join(staging, unpinned, 'bin'), { recursive: true })
  await script(join(staging, unpinned, 'bin', 'mysqldump'), `touch '${forgedBuilt}'`)
  await script(join(staging, unpinned, 'bin', 'mysql'), `touch '${forgedBuilt}'`)
  const unpinnedDir = join(root, 'mariadb-11.9.8', 'bintar-linux-systemd-x86_64')
  await mkdir(unpinnedDir, { recursive: true })
  await runOk('tar', ['-czf', join(unpinnedDir, `${unpinned}.tar.gz`), '-C', staging, unpinned])
  await writeFile(join(unpinnedDir, 'sha256sums.txt'), `${await sha256(join(unpinnedDir, `${unpinned}.tar.gz`))}  ${unpinned}.tar.gz\n`)

  pins = {
    ...PINNED_CHECKSUMS,
    'mariadb-client': {
      ...PINNED_CHECKSUMS['mariadb-client'],
      [`${mariadb}.tar.gz`]: { version: '11.9.9', sha256: await sha256(join(bintarDir, `${mariadb}.tar.gz`)), source: 'https://publisher.example/sha256sums.txt' }
    },
    'redis-cli': {
      ...PINNED_CHECKSUMS['redis-cli'],
      [`${redis}.tar.gz`]: { version: '7.9.9', sha256: await sha256(join(root, `${redis}.tar.gz`)), source: 'https://publisher.example/README' }
    }
  }

  mirror = await startMirror(root)
  process.env.PATH = '/usr/bin:/bin'
  process.env.RUNNER_TOOL_CACHE = await mkdtemp(join(tmpdir(), 'sources-tool-cache-'))
})

afterAll(async () => {
  process.env.PATH = savedPath
  process.env.RUNNER_TOOL_CACHE = savedToolCache
  await mirror?.close()
})

const linuxX64 = process.platform === 'linux' && process.arch === 'x64'
/** The mirror here is plain http on loopback: the opt-in the action asks for that. */
const mirrorConfig = (version: string) => ({ version, downloadUrl: mirror.url, allowInsecureHttp: true })

;(linuxX64 ? test : test.skip)('a MariaDB client tarball is checked against its pinned SHA-256 (never the mirror\'s sha256sums.txt), installed and put first on PATH', async () => {
  const client = await resolveClient(mysqlClient, database('mariadb'), mirrorConfig('11.9.9'), 30_000, pins)
  expect(client).toMatchObject({ version: '11.9.9', origin: 'download', trust: 'pinned' })
  expect(process.env.PATH?.split(':')[0]).toBe(client.binDir)
  expect(mirror.hits.get('/mariadb-11.9.9/bintar-linux-systemd-x86_64/mariadb-11.9.9-linux-systemd-x86_64.tar.gz')).toBe(1)
  // The pin checked it: the mirror's own checksum file was never read.
  expect(mirror.hits.get('/mariadb-11.9.9/bintar-linux-systemd-x86_64/sha256sums.txt')).toBeUndefined()
})

;(linuxX64 ? test : test.skip)('a release the table does not pin is refused from a mirror, whatever checksum file the mirror serves', async () => {
  await expect(resolveClient(mysqlClient, database('mariadb'), mirrorConfig('11.9.8'), 30_000, pins)).rejects.toThrow(
    /mariadb-11\.9\.8-linux-systemd-x86_64\.tar\.gz is not pinned in this action, so it is not installed from the mirror .*set client-version to a pinned release \(.*11\.4\.13.*\)/
  )
  expect(mirror.hits.get('/mariadb-11.9.8/bintar-linux-systemd-x86_64/sha256sums.txt')).toBeUndefined()
  expect(mirror.hits.get('/mariadb-11.9.8/bintar-linux-systemd-x86_64/mariadb-11.9.8-linux-systemd-x86_64.tar.gz')).toBeUndefined()
  expect(existsSync(forgedBuilt)).toBe(false)
})

test('a forged archive of a pinned release is refused even with a matching checksum file, and never built or run', async () => {
  // The product's own table: redis-7.2.7.tar.gz is pinned from redis-hashes.
  await expect(resolveClient(redisClient, database('redis'), mirrorConfig('7.2.7'), 30_000)).rejects.toThrow(
    /has SHA-256 [0-9a-f]{64}, but the SHA-256 pinned in this action \(from https:\/\/raw\.githubusercontent\.com\/redis\/redis-hashes\/master\/README\) says 72c081e3b8cfae7144273d26d76736f08319000af46c01515cad5d29765cead5: nothing was installed or run/
  )
  expect(mirror.hits.get('/redis-7.2.7.tar.gz')).toBe(1)
  expect(mirror.hits.get('/redis-7.2.7.tar.gz.sha256')).toBeUndefined()
  expect(existsSync(forgedBuilt)).toBe(false)
})

test('a MySQL tarball is never downloaded without a SHA-256 to check it against', async () => {
  await expect(mysqlClient.published('8.4.3', { os: 'linux', arch: 'x64', distro: 'ubuntu2404' })).rejects.toThrow(
    /MySQL publishes no SHA-256 file for mysql-8\.4\.3-linux-glibc2\.28-x86_64\.tar\.xz/
  )
  await expect(resolveClient(mysqlClient, database('mysql'), mirrorConfig('8.4.3'), 30_000, pins)).rejects.toThrow(/mysql-8\.4\.3-linux-glibc2\.28-x86_64\.tar\.xz is not pinned/)
})

test('redis-cli is built from a checked source release, then found in the tool cache', async () => {
  // What the runner's environment holds: make, building downloaded code, gets none of it.
  const canaries = { 'INPUT_DB-PASSWORD': 'canary-input-password', ACTIONS_RUNTIME_TOKEN: 'canary-runtime-token', AWS_SECRET_ACCESS_KEY: 'canary-aws-secret' }
  Object.assign(process.env, canaries)
  let client
  try {
    client = await resolveClient(redisClient, database('redis'), mirrorConfig('7.9.9'), 30_000, pins)
  } finally {
    for (const name of Object.keys(canaries)) delete process.env[name]
  }
  expect(client).toMatchObject({ version: '7.9.9', origin: 'download' })
  const environment = await readFile(makeEnvironment, 'utf8')
  expect(environment).toMatch(/^PATH=/m)
  for (const [name, value] of Object.entries(canaries)) {
    expect(environment).not.toContain(`${name}=`)
    expect(environment).not.toContain(value)
  }
  // A later run starts from the runner's PATH again.
  process.env.PATH = '/usr/bin:/bin'
  const again = await resolveClient(redisClient, database('redis'), mirrorConfig('7.9.9'), 30_000, pins)
  expect(again.origin).toBe('tool cache')
  expect(mirror.hits.get('/redis-7.9.9.tar.gz')).toBe(1)
})

test('the SHA-256 of a Redis release is read from the redis-hashes list', () => {
  const list = `hash redis-7.2.6.tar.gz sha256 ${'a'.repeat(64)} http://download.redis.io/releases/redis-7.2.6.tar.gz\nhash redis-7.2.7.tar.gz sha256 ${'b'.repeat(64)} http://download.redis.io/releases/redis-7.2.7.tar.gz\n`
  expect(digestFromRedisHashes(list, 'redis-7.2.7.tar.gz')).toBe('b'.repeat(64))
  expect(digestFromRedisHashes(list, 'redis-7.2.8.tar.gz')).toBeUndefined()
})
