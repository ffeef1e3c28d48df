import { randomBytes } from 'node:crypto'
import * as core from '@actions/core'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatabaseConfig } from '../../config/types.js'
import { errorMessage } from '../../util/errors.js'
import { keyspace, RespConnection, RespError, type RespReply } from './resp.js'
import { comparedText, countMismatches, differencesText, digestDifferences } from '../shared/contents.js'
import { keyBatches, readKeys, type KeyReading } from './content.js'
import { firstDifferingKey, KeyLedger, ledgerDigests, type LedgerEntry } from './key-ledger.js'
import { ContentDigest } from '../../util/content-digest.js'
import { compareFunctions, librariesOrNone, restoreFunctions } from './functions.js'
import { ConfinementError } from '../shared/confinement.js'
import { withRdbServer } from './rdb-server.js'
import type { ContentCheck, Contents, Digests, Figures, Restored, RestoreRequest, Restorer, VerifyRequest } from '../types.js'

/** Keys moved by one MIGRATE. */
const BATCH = 500
/** How long MIGRATE waits on the target for one batch. */
const MIGRATE_TIMEOUT_MS = 60_000
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
