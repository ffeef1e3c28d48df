import type { DatabaseConfig } from '../../config/types.js'
import { failureExplainedBy } from '../shared/failure.js'
import { bareHost } from './connection.js'

/** MySQL and MariaDB error numbers as the clients print them: `ERROR 1045 (28000)`, `Got error: 1049:`, `... (2013)`. */
function errorCodes(stderr: string): Set<number> {
  return new Set([...stderr.matchAll(/(?:\bERROR\s+|\berror:\s*|\bError\s+|\()(\d{4})\b/g)].map((match) => Number(match[1])))
}

/** What a failure means, in words, for the errors a backup meets; undefined for others. */
export function explainFailure(stderr: string, database: DatabaseConfig): string | undefined {
  const codes = errorCodes(stderr)
  const has = (...wanted: number[]): boolean => wanted.some((code) => codes.has(code))
  const where = database.host.startsWith('/') ? database.host : `${bareHost(database.host)}:${database.port}`
  if (has(1045)) return `access denied: the server rejected user "${database.user}" with this password (or does not let it connect from this host)`
  if (has(1049)) return `database "${database.name}" does not exist on the server at ${where}`
  if (has(2006, 2013, 1927)) return 'the server went away during the dump (the connection was lost): the dump is incomplete'
  if (has(2002, 2003, 2005)) return `cannot connect to the server at ${where}`
  if (has(2026)) {
    return (
      'the TLS connection to the server failed (MariaDB\'s client verifies the server\'s certificate by default from 11.4, and cannot ' +
      'verify the self-signed one a MySQL server makes for itself: give its CA with the db-url parameter ssl-ca, or ssl-verify-server-cert=0 to accept it unverified)'
    )
  }
  if (has(2059)) {
    const plugin = /plugin '([^']+)'/i.exec(stderr)?.[1] ?? 'the one the server asked for'
    return (
      `the client cannot load the authentication plugin ${plugin}: MariaDB's client needs its caching_sha2_password plugin for MySQL 8+ users ` +
      "(libmariadb3 on Debian and Ubuntu), MySQL's clients cannot log in as MariaDB ed25519 or parsec users, and MySQL 9's client loads " +
      'mysql_native_password from its plugin directory'
    )
  }
  if (has(1040)) return 'the server has too many connections'
  if (has(3105)) {
    return "the dump holds values for generated columns, which MySQL refuses: it was written by MariaDB's dump tool, and loads into MariaDB only (back up MySQL with MySQL's mysqldump)"
  }
  if (has(1419)) {
    return 'the server has binary logging on, and creating the stored functions of the dump needs SUPER or log_bin_trust_function_creators=1 on the server'
  }
  if (/SET_USER_ID|SET_ANY_DEFINER/.test(stderr)) {
    return `user "${database.user}" may not create objects whose DEFINER is another user: grant it SET_ANY_DEFINER (MySQL 8.2+) or SET_USER_ID, or restore as the definer`
  }
  if (has(1044, 1142, 1143, 1227, 1370) || /privilege/i.test(stderr)) {
    return (
      `access denied: user "${database.user}" lacks a privilege the dump needs on "${database.name}" ` +
      '(SELECT, SHOW VIEW, TRIGGER, EVENT, and for routines SELECT on mysql.proc or SHOW_ROUTINE)'
    )
  }
  if (/max_allowed_packet|packet bigger/i.test(stderr)) return 'a row is larger than the largest packet the server allows (max_allowed_packet)'
  return undefined
}

export const failure = failureExplainedBy(explainFailure)
