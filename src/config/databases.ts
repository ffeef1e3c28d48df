import { engineFacts, type DbType } from '../engines/catalog.js'
import type { Config, DatabaseConfig, DatabaseSelection } from './types.js'

/** `db-name: "*"`: every database the user can connect to, but templates and the engine's own. */
export const ALL_DATABASES = '*'

/** The names of a db-name list: comma- or newline-separated, blanks and repeats dropped. */
export function databaseNames(text: string): string[] {
  return [...new Set(text.split(/[,\r\n]/).map((name) => name.trim()).filter(Boolean))]
}

/** Whether the run makes one backup per database of several (a list, or `*`). */
export function backsUpSeveral(selection: DatabaseSelection): boolean {
  return selection.all || selection.names.length > 1
}

/** What is wrong with a db-name list or `*` for this engine and db-url (a db-name issue); undefined when nothing. */
export function selectionProblem(type: DbType, selection: DatabaseSelection, urlNamesDatabase: boolean): string | undefined {
  if (!backsUpSeveral(selection)) return undefined
  const facts = engineFacts(type)
  const asked = selection.all ? '"*" (every database)' : 'a list of databases'
  if (facts.manyDatabases === 'one') {
    return `is ${asked}, but a ${type} dump always holds the whole server (every numbered database): leave db-name empty`
  }
  if (selection.all && facts.manyDatabases === 'list') {
    return `is "*", which ${type} cannot list here (its database tools have no shell to ask the server with): name the databases (db-name: "a, b"), or leave db-name empty for one archive of every database`
  }
  if (urlNamesDatabase) {
    return `is ${asked}, but db-url names one database: remove the database from db-url's path`
  }
  return undefined
}

/** The part of a backup name a database name gives: the characters a backup name may hold, others as "-". */
function nameSegment(database: string): string {
  return database.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '')
}

/**
 * Where one database of several is stored: `<backup-name>-<database>`, or `<database>` alone when
 * backup-name is not given (the name a run for that database alone would use, so a matrix over
 * databases and a run over all of them keep the same series).
 */
export function backupNameFor(prefix: string, database: string): string {
  const segment = nameSegment(database)
  return (prefix ? `${prefix}-${segment}` : segment).slice(0, 100)
}

/** A database of several that cannot be backed up under a series of its own, and why (a db-name issue). */
export interface RefusedDatabase {
  database: string
  reason: string
}

/**
 * The backup name of each database, and the databases refused: a name with nothing a backup name
 * can hold, or one that would be stored in another database's series (retention would mix them).
 * A database whose name is a backup name as it stands keeps its series; another one whose name
 * only becomes the same once its characters are replaced (`shop/eu` beside `shop-eu`) is refused,
 * and so are two such names that become one (neither has the better claim, and the order the
 * server lists them in is no claim: it would hand the series to whichever sorts first that night).
 */
export function backupNames(selection: DatabaseSelection, names: string[]): { names: Map<string, string>; refused: RefusedDatabase[]; problem?: string } {
  const claims = new Map<string, string[]>()
  for (const database of names) {
    if (!nameSegment(database)) continue
    const backupName = backupNameFor(selection.namePrefix, database)
    claims.set(backupName, [...(claims.get(backupName) ?? []), database])
  }
  const result = new Map<string, string>()
  const refused: RefusedDatabase[] = []
  for (const database of names) {
    if (!nameSegment(database)) {
      refused.push({
        database,
        reason: `database "${database}" has no letter or digit to name its backups by: back it up in a run of its own, with backup-name (and the database in db-url's path where db-name cannot name it, "%2A" for "*")`
      })
      continue
    }
    const backupName = backupNameFor(selection.namePrefix, database)
    const others = (claims.get(backupName) ?? []).filter((other) => other !== database)
    const verbatim = (claims.get(backupName) ?? []).find((one) => keepsItsName(selection.namePrefix, one))
    if (others.length === 0 || database === verbatim) {
      result.set(database, backupName)
      continue
    }
    refused.push({
      database,
      reason:
        `database "${database}" would be stored as "${backupName}", ${verbatim ? `the backups of database "${verbatim}"` : `as would database ${others.map((other) => `"${other}"`).join(', ')}`}: ` +
        'two databases would both be stored as one series, and retention would mix them. Back it up in a run of its own with a backup-name of its own'
    })
  }
  return { names: result, refused, ...(refused.length > 0 ? { problem: refused.map((one) => one.reason).join('; ') } : {}) }
}

/** Whether a database's backups are named by the database's name as it stands, no character replaced. */
function keepsItsName(prefix: string, database: string): boolean {
  return backupNameFor(prefix, database) === (prefix ? `${prefix}-${database}` : database)
}

/** One database of several: the config of its own backup, or why it is refused (db-name `*` only: a list is refused in validate-config). */
export type DatabaseTarget = { database: string; config: Config; refused?: undefined } | { database: string; config?: undefined; refused: string }

/**
 * The config of each backup the run makes: the config itself for one database, else one per
 * database, each with its own name, stored and retained as a backup of its own.
 */
export function perDatabaseConfigs(config: Config): Config[] {
  return databaseTargets(config).flatMap((target) => (target.config ? [target.config] : []))
}

/** Each database of the run, in the order found: its own config, or the reason it is refused. */
export function databaseTargets(config: Config): DatabaseTarget[] {
  const { databases } = config
  if (!backsUpSeveral(databases)) return [{ database: config.database.name, config }]
  const { names, refused } = backupNames(databases, databases.names)
  return databases.names.map((name): DatabaseTarget => {
    const backupName = names.get(name)
    if (backupName === undefined) return { database: name, refused: refused.find((one) => one.database === name)?.reason ?? `database "${name}" cannot be named` }
    return {
      database: name,
      config: {
        ...config,
        database: keepAuthentication({ ...config.database, name }),
        backupName,
        databases: { all: false, names: [name], namePrefix: databases.namePrefix }
      }
    }
  })
}

/**
 * MongoDB reads the database in a db-url's path as the authentication database: a db-url that
 * named none authenticated against admin, and still does once each database of the list is put
 * in its path (unless authSource says where).
 */
function keepAuthentication(database: DatabaseConfig): DatabaseConfig {
  if (database.type !== 'mongodb' || !database.urlProtocol) return database
  if (Object.keys(database.params).some((key) => key.toLowerCase() === 'authsource')) return database
  return { ...database, params: { ...database.params, authSource: 'admin' } }
}
