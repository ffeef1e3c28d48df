import { randomBytes } from 'node:crypto'
import * as core from '@actions/core'
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../config/types.js'
import { requireTool } from '../../tools/find.js'
import { errorMessage } from '../../util/errors.js'
import { registerSecret } from '../../util/secrets.js'
import { startChild, stopChild } from '../../util/process.js'
import { keyspace, RespConnection, RespError, type RespReply } from './resp.js'
import { comparedText, countMismatches, differencesText, digestDifferences } from '../shared/contents.js'
import { firstDifferingKey, keyBatches, KeyLedger, ledgerDigests, readKeys, type KeyReading, type LedgerEntry } from './content.js'
import { ContentDigest } from '../../util/content-digest.js'
import { compareFunctions, librariesOrNone, restoreFunctions } from './functions.js'
import { ConfinementError } from '../shared/confinement.js'
import { plainFile } from '../shared/restore-input.js'
import type { ContentCheck, Contents, Digests, Figures, Restored, RestoreRequest, Restorer, VerifyRequest } from '../types.js'

const SERVER_HINT = 'install redis-server (for example `sudo apt-get install redis-server`): the RDB is loaded into a throwaway local server and copied key by key'
/** Keys moved by one MIGRATE. */
const BATCH = 500
/** How long MIGRATE waits on the target for one batch. */
const MIGRATE_TIMEOUT_MS = 60_000
const START_TIMEOUT_MS = 120_000

function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1')
}

/** The target must be reachable over plain TCP: MIGRATE is sent from the throwaway server. */
function targetAddress(database: DatabaseConfig): { host: string; port: number } {
  if (database.host.startsWith('/')) throw new Error('a Redis target on a Unix socket cannot be restored into: MIGRATE needs a host and port')
  if (database.urlProtocol === 'rediss:') {
    throw new Error('a TLS (rediss://) Redis target cannot be restored into yet: the throwaway server MIGRATEs over plain TCP')
  }
  return { host: bareHost(database.host), port: database.port }
}

/** A connection to the target, signed in as the backup's target user. */
async function connectTarget(database: DatabaseConfig, timeoutMs: number): Promise<RespConnection> {
  const { host, port } = targetAddress(database)
  const connection = await RespConnection.connect(host, port, timeoutMs)
  try {
    if (database.password) await connection.command('AUTH', ...(database.user ? [database.user] : []), database.password)
  } catch (error) {
    connection.close()
    if (error instanceof RespError) throw new Error(`authentication failed: the server at ${host}:${port} rejected ${database.user ? `user "${database.user}" with ` : ''}this password (${error.message})`)
    throw error
  }
  return connection
}

async function keysPerDatabase(connection: RespConnection): Promise<Contents> {
  return keyspace(String(await connection.command('INFO', 'keyspace')))
}

/** The args of one MIGRATE: every key of `keys` copied into database `db` of the target, TTLs kept. */
export function migrateArgs(database: DatabaseConfig, db: number, keys: Buffer[], replace: boolean): (string | Buffer)[] {
  const { host, port } = targetAddress(database)
  const auth = database.password ? (database.user ? ['AUTH2', database.user, database.password] : ['AUTH', database.password]) : []
  return ['MIGRATE', host, String(port), '', String(db), String(MIGRATE_TIMEOUT_MS), 'COPY', ...(replace ? ['REPLACE'] : []), ...auth, 'KEYS', ...keys]
}

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

/** What MIGRATE's refusal means for the target, in words. */
function migrateFailure(error: unknown, database: DatabaseConfig): Error {
  const message = errorMessage(error)
  if (/WRONGPASS|invalid password|NOAUTH|AUTH/i.test(message)) return new Error(`the target refused the copy's authentication: ${message}`)
  if (/BUSYKEY/.test(message)) return new Error(`a key of the backup already exists in the target (restore-mode empty): ${message}`)
  if (/IOERR|timeout/i.test(message)) return new Error(`copying keys to ${bareHost(database.host)}:${database.port} failed: ${message}`)
  return new Error(`MIGRATE failed: ${message}`)
}

const UNITS = { object: 'keys', holder: 'database' }

/** The target's `databases` setting, or undefined where CONFIG is refused (many managed services). */
async function configuredDatabases(target: RespConnection): Promise<number | undefined> {
  try {
    const reply = (await target.command('CONFIG', 'GET', 'databases')) as Buffer[]
    const count = Number(reply[1]?.toString())
    return Number.isInteger(count) && count > 0 ? count : undefined
  } catch {
    return undefined
  }
}

/**
 * Refuses, before a key is copied, a backup with keys in a database the target does not have
 * (MIGRATE would copy the databases before it, then fail): each is checked against the target's
 * `databases` setting, or where CONFIG is refused, by selecting it. The refusal names every
 * database of the backup, those the target lacks, and the `databases` setting it needs.
 */
export async function checkDatabasesExist(database: DatabaseConfig, databases: number[], timeoutMs: number): Promise<void> {
  const target = await connectTarget(database, timeoutMs)
  try {
    const count = await configuredDatabases(target)
    const missing: number[] = []
    for (const db of databases) {
      const absent = count === undefined ? await target.command('SELECT', String(db)).then(() => false, (error: unknown) => error instanceof RespError) : db >= count
      if (absent) missing.push(db)
    }
    if (missing.length > 0) throw new ConfinementError(missingDatabasesText(databases, missing, count))
  } finally {
    target.close()
  }
}

/** Why a backup does not fit the target's databases, in words: every database it needs, and the setting. */
export function missingDatabasesText(databases: number[], missing: number[], count: number | undefined): string {
  const sorted = [...databases].sort((a, b) => a - b)
  const highest = sorted.at(-1) as number
  const first = Math.min(...missing)
  const has = count === undefined ? 'no such database' : `databases 0 to ${count - 1} (databases ${count})`
  return (
    `the backup would act outside the target: it holds keys in database ${first} (SELECT ${first}), but the target has ${has}; ` +
    `the backup holds keys in database${sorted.length === 1 ? '' : 's'} ${sorted.join(', ')}, of which the target lacks ${missing.sort((a, b) => a - b).join(', ')}: ` +
    `the target needs \`databases ${highest + 1}\` or more in its configuration (a setting read at start); ` +
    'nothing was restored (raise the target\'s databases setting and restart it, or restore this backup by hand)'
  )
}

/** What the target holds: keys per database. */
async function targetKeys(database: DatabaseConfig, timeoutMs: number): Promise<Contents> {
  const connection = await connectTarget(database, timeoutMs)
  try {
    return await keysPerDatabase(connection)
  } finally {
    connection.close()
  }
}

/** Whether the throwaway server tells a key's absolute expiry time (PEXPIRETIME, Redis 7). */
async function knowsExpireTime(source: RespConnection): Promise<boolean> {
  const reply = await source.pipeline([['PEXPIRETIME', 'redis-restore-probe']])
  return !(reply[0] instanceof RespError)
}

/**
 * Gives each key of `keys` (copied into database `db` of the target) the absolute expiry time the
 * backup holds for it (`expiry`: PEXPIRETIME replies): MIGRATE gave it a TTL relative to the
 * start of its batch. Returns how many keys were given one.
 */
async function keepExpiry(target: RespConnection, db: number, keys: Buffer[], expiry: (RespReply | RespError)[]): Promise<number> {
  const commands: (string | Buffer)[][] = [['SELECT', String(db)]]
  for (const [index, key] of keys.entries()) {
    const at = expiry[index]
    if (typeof at === 'number' && at > 0) commands.push(['PEXPIREAT', key, String(at)])
  }
  const replies = await target.pipeline(commands)
  const refused = replies.find((reply) => reply instanceof RespError)
  if (refused) throw new Error(`the target refused to set the backup's expiry times (SELECT/PEXPIREAT): ${refused.message}`)
  return commands.length - 1
}

/** The archive side of a content check: every key of the throwaway server read once, its hash kept in the ledger. */
interface ArchiveReading {
  digests: Digests
  ledger: KeyLedger
}

/**
 * Reads every key of every database of the throwaway server (`archive`: keys per database),
 * digesting each database and writing each key with its hash to a ledger in `workDir`; `each`
 * is given every batch as it is read (the restore copies it to the target then).
 */
async function readArchive(source: RespConnection, archive: Contents, workDir: string, each?: (db: number, keys: Buffer[], readings: (KeyReading | undefined)[]) => Promise<void>): Promise<ArchiveReading> {
  const ledger = await KeyLedger.create(join(workDir, `redis-keys-${randomBytes(4).toString('hex')}`))
  const digests: Digests = new Map()
  try {
    for (const name of archive.keys()) {
      const db = Number(name.slice(2))
      const digest = new ContentDigest()
      await source.command('SELECT', String(db))
      for await (const keys of keyBatches(source, BATCH)) {
        const readings = await readKeys(source, keys)
        const entries: LedgerEntry[] = []
        for (const [index, reading] of readings.entries()) {
          if (!reading) continue
          digest.add(reading.hash)
          entries.push({ db, key: keys[index], hash: reading.hash })
        }
        await ledger.append(entries)
        await each?.(db, keys, readings)
      }
      digests.set(name, digest.text())
    }
  } finally {
    await ledger.close()
  }
  return { digests, ledger }
}

/** The content check against `database` (the restore's target, or at restore-check the source): the backup's keys read back there. */
function contentCheck(database: DatabaseConfig, { digests, ledger }: ArchiveReading, timeoutMs: number): ContentCheck {
  const withTarget = async <T>(use: (target: RespConnection) => Promise<T>): Promise<T> => {
    const target = await connectTarget(database, timeoutMs)
    try {
      return await use(target)
    } finally {
      target.close()
    }
  }
  return {
    archive: digests,
    readTarget: () => withTarget(async (target) => new Map([...(await ledgerDigests(target, ledger))].map(([db, digest]) => [`db${db}`, digest.text()]))),
    firstDifference: (holder) =>
      withTarget((target) => firstDifferingKey(target, ledger, Number(holder.slice(2)))).catch((error: unknown) => {
        // Not knowing which key differs must not hide that the database does.
        core.warning(`the first differing key of ${holder} could not be named: ${errorMessage(error)}`)
        return undefined
      })
  }
}

/**
 * Loads the new RDB into a throwaway redis-server (which reads every key of it), and compares it
 * with the server, read right after the dump: keys per database, then each database's content
 * digest, every key of the RDB read back on the server. A server written to meanwhile differs,
 * and says so.
 */
export async function restoreCheck({ database, file, workDir, timeoutMs }: VerifyRequest): Promise<Figures> {
  const source = await connectTarget(database, timeoutMs)
  const databases = await configuredDatabases(source).finally(() => source.close())
  const { loaded, functions, libraries, reading } = await withRdbServer(
    file,
    workDir,
    timeoutMs,
    async (connection) => {
      const loaded = await keysPerDatabase(connection)
      const server = await connectTarget(database, timeoutMs)
      const functions = await compareFunctions(connection, server).finally(() => server.close())
      const libraries = (await librariesOrNone(connection)).size
      return { loaded, functions, libraries, reading: await readArchive(connection, loaded, workDir) }
    },
    databases
  )
  try {
    const server = await targetKeys(database, timeoutMs)
    const differences = [...new Set([...server.keys(), ...loaded.keys()])]
      .filter((name) => server.get(name) !== loaded.get(name))
      .map((name) => `${name}: ${server.get(name) ?? 0} keys on the server, ${loaded.get(name) ?? 0} in the RDB`)
    const counted = countMismatches(loaded, server)
    const content = contentCheck(database, reading, timeoutMs)
    differences.push(...(await digestDifferences(content, await content.readTarget(), UNITS, counted)), ...functions)
    if (differences.length > 0) throw new Error(`the RDB loaded into a throwaway redis-server differs from the server: ${differencesText(differences)}`)
    return { 'restore check': `${comparedText(loaded, UNITS, true)} (the RDB loaded into a throwaway redis-server, every key read back on the server${libraries > 0 ? `; ${libraries} function librar${libraries === 1 ? 'y' : 'ies'}, code equal` : ''})` }
  } finally {
    await rm(reading.ledger.path, { force: true })
  }
}

export const redisRestorer: Restorer = {
  units: UNITS,
  restoreCheck,
  // redis-cli plays no part: a throwaway redis-server loads the RDB and MIGRATEs the keys.
  usesClient: false,
  sharedHolders: true,
  restoredObjects: (archive) => [...archive.values()].reduce((sum, count) => sum + count, 0),

  contents: (database, _workDir, timeoutMs) => targetKeys(database, timeoutMs),

  async restore({ database, file, workDir, timeoutMs, mode, acceptUnrestoredFunctions }: RestoreRequest): Promise<Restored> {
    targetAddress(database)
    return withRdbServer(file, workDir, timeoutMs, async (source) => {
      const archive = await keysPerDatabase(source)
      await checkDatabasesExist(database, [...archive.keys()].map((name) => Number(name.slice(2))), timeoutMs)
      // Before any key: a target that cannot take the functions is refused untouched.
      const target = await connectTarget(database, timeoutMs)
      try {
        const functions = await restoreFunctions(source, target, mode, acceptUnrestoredFunctions ?? false)
        const absolute = await knowsExpireTime(source)
        let batches = 0
        let expiring = 0
        const reading = await readArchive(source, archive, workDir, async (db, keys, readings) => {
          const withTtl = keys.filter((_key, index) => readings[index]?.expires)
          // Read before the copy: MIGRATE sends a TTL relative to its own start, which the batch's transfer delays.
          const expiry = absolute && withTtl.length > 0 ? await source.pipeline(withTtl.map((key) => ['PEXPIRETIME', key])) : []
          let reply: RespReply
          try {
            reply = await source.command(...migrateArgs(database, db, keys, mode === 'clean'))
          } catch (error) {
            throw migrateFailure(error, database)
          }
          if (reply !== 'OK' && reply !== 'NOKEY') throw new Error(`MIGRATE answered ${String(reply)}`)
          batches++
          if (expiry.length > 0) expiring += await keepExpiry(target, db, withTtl, expiry)
        })
        const keys = [...archive.values()].reduce((sum, count) => sum + count, 0)
        const ttls = absolute
          ? `${expiring} key${expiring === 1 ? '' : 's'} with a TTL, each given its absolute expiry time of the backup (PEXPIRETIME, then PEXPIREAT on the target)`
          : 'relative (MIGRATE; the throwaway redis-server is older than 7 and has no PEXPIRETIME: each TTL moves later by the time its batch took to copy)'
        return {
          archive,
          content: contentCheck(database, reading, timeoutMs),
          figures: { restored: `${keys} keys in ${archive.size} databases`, 'MIGRATE batches': batches, TTLs: ttls, ...functions }
        }
      } finally {
        target.close()
      }
    })
  }
}
