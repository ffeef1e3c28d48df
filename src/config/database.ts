import { isIPv6 } from 'node:net'
import { Inputs } from '../constants.js'
import { dbTypes, engineFacts, type DbType } from '../engines/catalog.js'
import { ALL_DATABASES, backsUpSeveral, backupNames, databaseNames, selectionProblem } from './databases.js'
import type { ConfigIssue, ParsedInputs, Remarks } from './parse.js'
import type { DatabaseConfig, DatabaseSelection } from './types.js'
import { loneUserinfoIsPassword } from './url-secret-rules.js'

/**
 * The database to connect to, from db-url and the separate db-* inputs (URL values win), each
 * value held to the same rules whichever of the two it came from.
 */

// A host name, an IPv4 or bracketed IPv6 address, or a socket directory; never option-like (a leading "-").
const HOST = /^(\/[^\0\s]{0,1023}|\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9_][A-Za-z0-9._-]{0,252})$/
export const HOST_RULE = 'must be a host name, IP address or socket directory'
// "db:5432", "10.0.0.5:5432", "[::1]:5432": a port written into the host.
const HOST_WITH_PORT = /^([^:[\]/]+|\[[^\]]+\]):(\d{1,5})$/

/** A bare IPv6 address (::1) is a host too; "db:5432" is not one, though "d" and "b" are hex digits. */
export function validHost(value: string): boolean {
  return HOST.test(value) || isIPv6(value)
}

/** What is wrong with a db-host value, with the fix; undefined when it is fine. */
export function hostProblem(value: string): string | undefined {
  if (value === '' || validHost(value)) return undefined
  const withPort = HOST_WITH_PORT.exec(value)
  if (withPort) return `must be the host alone: put the port in db-port (db-host: ${withPort[1]}, db-port: ${withPort[2]})`
  return HOST_RULE
}
// eslint-disable-next-line no-control-regex
export const PLAIN_NAME = /^[^-\u0000-\u001f\u007f][^\u0000-\u001f\u007f]{0,127}$/
export const isPlainName = (value: string): boolean => PLAIN_NAME.test(value)
export const PLAIN_NAME_RULE = 'must not start with "-" or contain control characters (at most 128 characters)'

/**
 * The parts of a MongoDB URL around its host list, which may be a seed list (a:27017,b:27017) and
 * so no WHATWG URL. The user-info ends at the LAST "@" before the first "/", "?" or "#": a raw ","
 * or "@" in a password belongs to the password, never to the hosts.
 */
const MONGODB_AUTHORITY = /^(mongodb:\/\/)(?:([^/?#]*)@)?([^@/?#]*)(.*)$/
const SEED = /^(\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9_][A-Za-z0-9._-]{0,252})(:\d{1,5})?$/

/** A percent-decoded part of db-url; a bad escape is reported without showing the value. */
function decodePart(part: string, what: string, issues: ConfigIssue[]): string | undefined {
  try {
    return decodeURIComponent(part)
  } catch {
    issues.push({
      input: Inputs.DbUrl,
      message: `the ${what} holds a "%" that does not start a percent-encoded character: write "%" as %25 (percent-encode special characters; the value is not shown)`
    })
    return undefined
  }
}

/** The same rules for a value from db-url as for the input it stands in for. */
function checkUrlValue(value: string, what: string, valid: (value: string) => boolean, rule: string, issues: ConfigIssue[]): void {
  if (value && !valid(value)) issues.push({ input: Inputs.DbUrl, message: `the ${what} ${rule} (the value is not shown)` })
}

/** The database type a db-url's scheme names: the engine that lists it first (mysql: is mysql, mariadb: is mariadb). */
function typeOfUrl(rawUrl: string): DbType | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(rawUrl)?.[1].toLowerCase()
  if (!scheme) return undefined
  return dbTypes.find((type) => engineFacts(type).urlProtocols[0] === scheme) ?? dbTypes.find((type) => engineFacts(type).urlProtocols.includes(scheme))
}

/** Reads `db-url` and the separate fields into one database config; URL values win. */
export function resolveDatabase(inputs: ParsedInputs, issues: ConfigIssue[], remarks: Remarks): { database: DatabaseConfig; databases: DatabaseSelection } | undefined {
  const rawUrl = inputs[Inputs.DbUrl]
  const inferred = inputs[Inputs.DbType] ? undefined : typeOfUrl(rawUrl)
  const type = inputs[Inputs.DbType] || inferred
  if (!type) {
    issues.push({
      input: Inputs.DbType,
      message: rawUrl
        ? `is required: the db-url scheme names no database type (use ${dbTypes.map((t) => engineFacts(t).urlProtocols[0]).join('//, ')}//), or set db-type to one of ${dbTypes.join(', ')}`
        : `is required (one of ${dbTypes.join(', ')}), unless db-url is given: its scheme names the type`
    })
    return undefined
  }
  if (inferred) remarks.notices.push(`db-type is ${inferred}, from the db-url scheme`)
  const spec = engineFacts(type)
  const names = databaseNames(inputs[Inputs.DbName])
  const all = names.includes(ALL_DATABASES)
  const databases: DatabaseSelection = { all, names: all ? [] : names, namePrefix: inputs[Inputs.BackupName] }
  if (all && names.length > 1) issues.push({ input: Inputs.DbName, message: '"*" already means every database: give it alone, or list the databases' })
  const database: DatabaseConfig = {
    type,
    host: inputs[Inputs.DbHost] || 'localhost',
    port: inputs[Inputs.DbPort] ? Number(inputs[Inputs.DbPort]) : spec.defaultPort,
    name: names.join(', '),
    user: inputs[Inputs.DbUser],
    password: inputs[Inputs.DbPassword],
    params: {},
    urlProtocol: ''
  }
  const listed = database.name
  if (rawUrl) readDatabaseUrl(rawUrl, database, issues, remarks.warnings)
  const problem = selectionProblem(type, databases, database.name !== listed)
  if (problem) issues.push({ input: Inputs.DbName, message: problem })
  else if (backsUpSeveral(databases)) {
    database.name = listed
    const named = backupNames(databases, databases.names)
    if (named.problem) issues.push({ input: Inputs.DbName, message: named.problem })
  } else if (database.name !== listed || names.length === 0) databases.names = database.name ? [database.name] : []
  if (spec.requiresDatabaseName && !database.name) {
    issues.push({ input: Inputs.DbName, message: `is required for db-type ${type} (or give the database in db-url)` })
  }
  return { database, databases }
}

function readDatabaseUrl(rawUrl: string, database: DatabaseConfig, issues: ConfigIssue[], warnings: string[]): void {
  const spec = engineFacts(database.type)
  const mongo = MONGODB_AUTHORITY.exec(rawUrl)
  const seedList = mongo && mongo[3].includes(',') ? mongo[3] : undefined
  let url: URL
  try {
    // A seed list is parsed around a stand-in host, and kept, ports included, as the host.
    url = new URL(seedList && mongo ? `${mongo[1]}${mongo[2] === undefined ? '' : `${mongo[2]}@`}seed-list.invalid${mongo[4]}` : rawUrl)
  } catch {
    issues.push({
      input: Inputs.DbUrl,
      message:
        'is not a valid URL: write it as scheme://user:password@host:port/database, with special characters in the user name and password ' +
        'percent-encoded ("@" as %40, ":" as %3A, "/" as %2F, "#" as %23, "%" as %25, a space as %20), or leave the password out of the URL ' +
        'and give it in db-password (the value is not shown: it may hold a password)'
    })
    return
  }
  if (!spec.urlProtocols.includes(url.protocol)) {
    issues.push({ input: Inputs.DbUrl, message: `must start with ${spec.urlProtocols.map((p) => `${p}//`).join(' or ')} for db-type ${database.type}` })
    return
  }
  if (url.hash) issues.push({ input: Inputs.DbUrl, message: 'must not have a "#" fragment: percent-encode a "#" in the password as %23' })
  database.urlProtocol = url.protocol
  if (seedList) {
    if (!seedList.split(',').every((seed) => SEED.test(seed))) {
      issues.push({
        input: Inputs.DbUrl,
        message: 'the host list must be host:port entries separated by "," (percent-encode "/", "?", "#" and ":" in the user name and password; the value is not shown)'
      })
    }
    database.host = seedList
  } else if (url.hostname) {
    database.host = url.hostname
    checkUrlValue(url.hostname, 'host', validHost, HOST_RULE, issues)
  }
  if (url.port) database.port = Number(url.port)
  // redis://PASSWORD@host is the password, as redis-cli reads it: never a user name to pass as --user.
  const userinfo = /^[^:/]+:\/\/([^/?#]*)@/.exec(rawUrl)?.[1] ?? ''
  const lonePassword = loneUserinfoIsPassword(rawUrl) && !userinfo.includes(':')
  const user = decodePart(lonePassword ? '' : url.username, 'user name', issues)
  if (user) database.user = user
  checkUrlValue(user ?? '', 'user name', isPlainName, PLAIN_NAME_RULE, issues)
  const password = decodePart(lonePassword ? url.username : url.password, 'password', issues)
  if (password && database.password) warnings.push('db-url and db-password both hold a password: the one in db-url is used; remove the other')
  if (password) database.password = password
  const name = decodePart(url.pathname.replace(/^\//, ''), 'database name', issues)
  if (name) database.name = name
  checkUrlValue(name ?? '', 'database name', isPlainName, PLAIN_NAME_RULE, issues)
  for (const [key, value] of url.searchParams) {
    const problem = parameterProblem(database.type, key)
    if (problem) issues.push({ input: Inputs.DbUrl, message: problem })
    else database.params[key] = value
  }
}

/** Why a db-url query parameter cannot be used, or undefined. */
function parameterProblem(type: DbType, key: string): string | undefined {
  if (key.toLowerCase() === 'password') return 'must not carry the password as a query parameter: put it in the URL as user:password@ (percent-encoded) or in db-password'
  return engineFacts(type).urlParameterProblem?.(key)
}

export function defaultBackupName(database: DatabaseConfig): string {
  const own = engineFacts(database.type).defaultBackupName
  if (own) return own(database.name)
  const fromName = database.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '')
  return (fromName || database.type).slice(0, 100)
}
