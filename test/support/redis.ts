import { spawn } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './ports.js'
import { run, runOk } from './run.js'

export interface RedisServer {
  host: string
  port: number
  /** Password of the default user (requirepass). */
  password: string
  /** An ACL user that may do everything, SYNC included. */
  aclUser: string
  aclPassword: string
  /** An ACL user that may do everything but SYNC and PSYNC, as on managed services. */
  noSyncUser: string
  /** Runs one command with redis-cli as the default user and returns its raw output. */
  cli(...args: string[]): Promise<string>
  stop(): Promise<void>
}

export interface RedisOptions {
  /** Written with `requirepass`; none when empty. */
  password?: string
  /** Extra redis.conf lines. */
  config?: string[]
  /** An RDB file to start from (the restore of a backup). */
  rdb?: string
}

/**
 * A throwaway redis-server on a free port of 127.0.0.1, in a temporary directory, that never
 * saves on its own. Its config holds two ACL users besides the default one.
 */
export async function startRedis(options: RedisOptions = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), 'redis-test-'))
  const port = await freePort()
  const password = options.password ?? `pw-${Math.random().toString(36).slice(2)}-S3cret!`
  const aclUser = 'backup_acl'
  const aclPassword = `acl-${Math.random().toString(36).slice(2)}`
  const noSyncUser = 'no_sync'
  if (options.rdb) await copyFile(options.rdb, join(dir, 'dump.rdb'))
  const configFile = join(dir, 'redis.conf')
  await writeFile(
    configFile,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      'dbfilename dump.rdb',
      'save ""',
      'appendonly no',
      // A diskless SYNC otherwise waits 5 seconds for more replicas to join before it starts.
      'repl-diskless-sync-delay 0',
      `logfile ${join(dir, 'redis.log')}`,
      ...(password ? [`requirepass ${password}`] : []),
      `user ${aclUser} on >${aclPassword} ~* &* +@all`,
      `user ${noSyncUser} on >${aclPassword} ~* &* +@all -sync -psync`,
      ...(options.config ?? [])
    ].join('\n') + '\n',
    { mode: 0o600 }
  )
  const child = spawn('redis-server', [configFile], { stdio: 'ignore' })
  let exited = false
  const stopped = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true
      resolve()
    })
  )
  const env = { ...process.env, ...(password ? { REDISCLI_AUTH: password } : {}) }
  const cli = (...args: string[]): Promise<string> => runOk('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { env })
  for (let attempt = 0; ; attempt++) {
    if (exited) throw new Error(`redis-server exited while starting:\n${await readFile(join(dir, 'redis.log'), 'utf8').catch(() => '')}`)
    const ping = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], { env })
    if (ping.stdout.trim() === 'PONG') break
    // A server still loading its RDB answers LOADING: wait for that too.
    if (attempt > 600) throw new Error(`redis-server did not answer within a minute: ${ping.stdout} ${ping.stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    host: '127.0.0.1',
    port,
    password,
    aclUser,
    aclPassword,
    noSyncUser,
    cli,
    async stop() {
      child.kill('SIGTERM')
      await stopped
      await rm(dir, { recursive: true, force: true })
    }
  }
}

export interface RedisContent {
  keys: number
  samples: Record<string, string>
}

/** Strings, a hash, a list, a set and a sorted set, written through redis-cli's stdin. */
export async function seedRedis(server: RedisServer, strings = 2000): Promise<RedisContent> {
  const commands: string[] = []
  for (let i = 1; i <= strings; i++) commands.push(`SET key:${i} "value ${i} ${'x'.repeat(i % 50)}"`)
  commands.push('HSET user:1 name "Ada Lovelace" email ada@example.test visits 42')
  commands.push('RPUSH queue:jobs first second third')
  commands.push('SADD tags red green blue')
  commands.push('ZADD scores 1 alice 2 bob 3 carol')
  commands.push('SET unicode "żółw 🐢"')
  await runOk('redis-cli', ['-h', '127.0.0.1', '-p', String(server.port)], {
    env: { ...process.env, REDISCLI_AUTH: server.password },
    input: commands.join('\n') + '\n'
  })
  return { keys: strings + 5, samples: await samplesOf(server) }
}

/** A few values of each type, as text, to compare a restored server with the original. */
export async function samplesOf(server: RedisServer): Promise<Record<string, string>> {
  return {
    'key:1': await server.cli('GET', 'key:1'),
    'key:1234': await server.cli('GET', 'key:1234'),
    'user:1': await server.cli('HGETALL', 'user:1'),
    'queue:jobs': await server.cli('LRANGE', 'queue:jobs', '0', '-1'),
    tags: (await server.cli('SMEMBERS', 'tags')).split('\n').sort().join('\n'),
    scores: await server.cli('ZRANGE', 'scores', '0', '-1', 'WITHSCORES'),
    unicode: await server.cli('--no-raw', 'GET', 'unicode')
  }
}

export async function keyCount(server: RedisServer): Promise<number> {
  return Number((await server.cli('DBSIZE')).trim())
}
