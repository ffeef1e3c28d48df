import { randomBytes } from 'node:crypto'
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { requireTool } from '../../tools/find.js'
import { errorMessage } from '../../util/errors.js'
import { startChild, stopChild } from '../../util/process.js'
import { registerSecret } from '../../util/secrets.js'
import { plainFile } from '../shared/restore-input.js'
import { RespConnection } from './resp.js'

/**
 * The throwaway redis-server a backup's RDB is loaded into, on loopback, to be read key by key:
 * by the restore (which copies the keys to the target) and by the restore-check.
 */

const SERVER_HINT = 'install redis-server (for example `sudo apt-get install redis-server`): the RDB is loaded into a throwaway local server and copied key by key'
const START_TIMEOUT_MS = 120_000

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))))
    })
  })
}

/**
 * How many databases the throwaway server is started with until the RDB fits: the source's own
 * `databases` where it is known, else a ceiling that holds nearly every server's (each database
 * costs the throwaway server about 450 bytes: 1,024 of them 0.5 MB, 65,536 of them 30 MB).
 */
const DATABASE_CEILINGS = [1024, 65_536]

/** What redis-server logs when the RDB selects a database beyond its `databases` setting. */
const TOO_FEW_DATABASES = /configured to handle more than (\d+) databases/

/**
 * A redis-server on loopback that loads the RDB and never writes: started, used, always stopped.
 * Its password is random and kept in its config file (0600), never on a command line. It is
 * started with `databases` large enough for the RDB (redis-server refuses an RDB with a database
 * beyond its setting): `databases` when the caller knows it, else larger ceilings in turn.
 */
export async function withRdbServer<T>(file: string, workDir: string, timeoutMs: number, use: (connection: RespConnection) => Promise<T>, databases?: number): Promise<T> {
  const server = await requireTool('redis-server', SERVER_HINT)
  const dir = await mkdtemp(join(workDir, 'redis-'))
  // A .rdb.zst or .rdb.gz backup is decompressed into the server's directory; a .rdb is copied as it is.
  const rdb = join(dir, 'dump.rdb')
  if ((await plainFile(file, rdb)) === file) await copyFile(file, rdb)
  const ceilings = [...new Set([...(databases ? [Math.max(databases, 16)] : []), ...DATABASE_CEILINGS.filter((ceiling) => !databases || ceiling > databases)])]
  for (const [attempt, count] of ceilings.entries()) {
    try {
      return await withServer(server, dir, count, attempt, timeoutMs, use)
    } catch (error) {
      if (!(error instanceof TooFewDatabases) || attempt === ceilings.length - 1) {
        if (error instanceof TooFewDatabases) throw new Error(`redis-server could not load the RDB: it holds a database numbered ${count} or more (the source's databases setting is larger than ${count})`)
        throw error
      }
    }
  }
  throw new Error('unreachable')
}

class TooFewDatabases extends Error {}

async function withServer<T>(server: string, dir: string, databases: number, attempt: number, timeoutMs: number, use: (connection: RespConnection) => Promise<T>): Promise<T> {
  const port = await freePort()
  const password = randomBytes(24).toString('hex')
  registerSecret(password)
  const configFile = join(dir, `redis-${attempt}.conf`)
  const log = join(dir, `redis-${attempt}.log`)
  const config = [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'dbfilename dump.rdb', 'save ""', 'appendonly no', `databases ${databases}`, `logfile ${log}`, `requirepass ${password}`]
  await writeFile(configFile, `${config.join('\n')}\n`, { mode: 0o600, flag: 'wx' })
  const child = startChild({ command: server, args: [configFile] }, 'ignore')
  let exited = false
  child.once('exit', () => (exited = true))
  try {
    const connection = await readyConnection(port, password, () => exited, log, timeoutMs).catch(async (error: unknown) => {
      if (exited && TOO_FEW_DATABASES.test(await readFile(log, 'utf8').catch(() => ''))) throw new TooFewDatabases()
      throw error
    })
    try {
      return await use(connection)
    } finally {
      connection.close()
    }
  } finally {
    await stopChild(child, 5000)
  }
}

/** A signed-in connection to the throwaway server once it answers (it answers LOADING while it reads the RDB). */
async function readyConnection(port: number, password: string, exited: () => boolean, log: string, timeoutMs: number): Promise<RespConnection> {
  const started = performance.now()
  for (;;) {
    if (exited()) throw new Error(`redis-server could not load the RDB: ${(await readFile(log, 'utf8').catch(() => '')).trim().split('\n').slice(-4).join(' | ')}`)
    let connection: RespConnection | undefined
    try {
      connection = await RespConnection.connect('127.0.0.1', port, timeoutMs)
      await connection.command('AUTH', password)
      await connection.command('PING')
      return connection
    } catch (error) {
      connection?.close()
      // Still starting (refused) or still loading the RDB (LOADING): wait; anything else is an answer.
      const waiting = /cannot connect|LOADING|closed the connection/.test(errorMessage(error))
      if (!waiting || performance.now() - started > START_TIMEOUT_MS) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}
