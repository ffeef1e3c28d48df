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

/**
 * The backup name of each database, or the issue that stops the run: a name with nothing a backup
 * name can hold, or two databases that would share one series (retention would mix them).
 */
export function backupNames(selection: DatabaseSelection, names: string[]): { names: Map<string, string>; problem?: string } {
  const byBackupName = new Map<string, string>()
  const result = new Map<string, string>()
  for (const database of names) {
    const backupName = backupNameFor(selection.namePrefix, database)
    if (!nameSegment(database)) {
      return { names: result, problem: `database "${database}" has no letter or digit to name its backups by: back it up in a run of its own with backup-name` }
    }
    const other = byBackupName.get(backupName)
    if (other !== undefined) {
      return { names: result, problem: `databases "${other}" and "${database}" would both be stored as "${backupName}": back one of them up in a run of its own with backup-name` }
    }
    byBackupName.set(backupName, database)
    result.set(database, backupName)
  }
  return { names: result }
}

/**
 * The config of each backup the run makes: the config itself for one database, else one per
 * database, each with its own name, stored and retained as a backup of its own.
 */
export function perDatabaseConfigs(config: Config): Config[] {
  const { databases } = config
  if (!backsUpSeveral(databases)) return [config]
  const { names } = backupNames(databases, databases.names)
  return databases.names.map((name) => ({
    ...config,
    database: keepAuthentication({ ...config.database, name }),
    backupName: names.get(name) ?? backupNameFor(databases.namePrefix, name),
    databases: { all: false, names: [name], namePrefix: databases.namePrefix }
  }))
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
