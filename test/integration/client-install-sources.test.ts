import { createHash } from 'node:crypto'
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../src/config/types.js'
import { mysqlClient } from '../../src/tools/clients/mysql.js'
import { digestFromRedisHashes, redisClient } from '../../src/tools/clients/redis.js'
import { resolveClient } from '../../src/tools/install.js'
import { startMirror, type Mirror } from '../support/mirror.js'
import { runOk } from '../support/run.js'

/**
 * The MariaDB and Redis client sources through the real installer, from a mirror laid out like
 * the official sources and holding archives built here: a MariaDB bintar whose programs pass
 * through to this machine's client, and a Redis source tree whose Makefile builds redis-cli.
 */

let mirror: Mirror
let root: string
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

;(linuxX64 ? test : test.skip)('a MariaDB client tarball is checked against sha256sums.txt, installed and put first on PATH', async () => {
  const client = await resolveClient(mysqlClient, database('mariadb'), { version: '11.9.9', downloadUrl: mirror.url }, 30_000)
  expect(client).toMatchObject({ version: '11.9.9', origin: 'download' })
  expect(process.env.PATH?.split(':')[0]).toBe(client.binDir)
  expect(mirror.hits.get('/mariadb-11.9.9/bintar-linux-systemd-x86_64/sha256sums.txt')).toBe(1)
})

test('a MySQL tarball is never downloaded without a SHA-256 to check it against', async () => {
  await expect(mysqlClient.download('8.4.3', { os: 'linux', arch: 'x64', distro: 'ubuntu2404' }, '')).rejects.toThrow(
    /MySQL publishes no SHA-256 file for mysql-8\.4\.3-linux-glibc2\.28-x86_64\.tar\.xz/
  )
})

test('redis-cli is built from a checked source release, then found in the tool cache', async () => {
  // What the runner's environment holds: make, building downloaded code, gets none of it.
  const canaries = { 'INPUT_DB-PASSWORD': 'canary-input-password', ACTIONS_RUNTIME_TOKEN: 'canary-runtime-token', AWS_SECRET_ACCESS_KEY: 'canary-aws-secret' }
  Object.assign(process.env, canaries)
  let client
  try {
    client = await resolveClient(redisClient, database('redis'), { version: '7.9.9', downloadUrl: mirror.url }, 30_000)
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
  const again = await resolveClient(redisClient, database('redis'), { version: '7.9.9', downloadUrl: mirror.url }, 30_000)
  expect(again.origin).toBe('tool cache')
  expect(mirror.hits.get('/redis-7.9.9.tar.gz')).toBe(1)
})

test('the SHA-256 of a Redis release is read from the redis-hashes list', () => {
  const list = `hash redis-7.2.6.tar.gz sha256 ${'a'.repeat(64)} http://download.redis.io/releases/redis-7.2.6.tar.gz\nhash redis-7.2.7.tar.gz sha256 ${'b'.repeat(64)} http://download.redis.io/releases/redis-7.2.7.tar.gz\n`
  expect(digestFromRedisHashes(list, 'redis-7.2.7.tar.gz')).toBe('b'.repeat(64))
  expect(digestFromRedisHashes(list, 'redis-7.2.8.tar.gz')).toBeUndefined()
})
