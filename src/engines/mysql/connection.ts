import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { DatabaseConfig } from '../../config/types.js'

/** How the MySQL and MariaDB clients connect: where to, with which options, and the option file that holds the password. */

/**
 * db-url query parameters handed to the client as options: the TLS settings. MySQL's client
 * knows ssl-mode and get-server-public-key, MariaDB's knows ssl and ssl-verify-server-cert; a
 * client rejects an option it does not know, which is the clear error wanted.
 */
const URL_CLIENT_OPTIONS = new Set([
  'ssl',
  'ssl-mode',
  'ssl-ca',
  'ssl-capath',
  'ssl-cert',
  'ssl-key',
  'ssl-cipher',
  'ssl-crl',
  'ssl-crlpath',
  'ssl-verify-server-cert',
  'tls-version',
  'get-server-public-key',
  'server-public-key-path'
])

export function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1')
}

/**
 * A value for a MySQL option file, read by the same code in MySQL and MariaDB: double quotes keep
 * `#` (a comment otherwise), quotes and leading or trailing spaces; inside them the reader turns
 * `\\`, `\"`, `\n`, `\r`, `\t` and `\b` back into the character.
 */
export function optionFileValue(value: string): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b' }
  return `"${value.replace(/[\\"\n\r\t\b]/g, (char) => escapes[char])}"`
}

/** The [client] option file: the only place the password is written. */
export function optionFile(database: DatabaseConfig): string {
  const lines = ['[client]']
  if (database.user) lines.push(`user=${optionFileValue(database.user)}`)
  if (database.password) lines.push(`password=${optionFileValue(database.password)}`)
  return `${lines.join('\n')}\n`
}

/**
 * Where to connect. A host name, even localhost, goes over TCP (the client would otherwise look
 * for a local socket file); a host that is a path is that socket file.
 */
export function connectionArgs(database: DatabaseConfig): string[] {
  const args = database.host.startsWith('/')
    ? [`--socket=${database.host}`]
    : [`--host=${bareHost(database.host)}`, `--port=${database.port}`, '--protocol=TCP']
  for (const [key, value] of Object.entries(database.params)) {
    if (!URL_CLIENT_OPTIONS.has(key)) {
      throw new Error(`db-url parameter "${key}" is not supported for ${database.type}: use one of ${[...URL_CLIENT_OPTIONS].join(', ')}`)
    }
    args.push(`--${key}=${value}`)
  }
  return args
}

/**
 * The option file as the only one read: no /etc/mysql/my.cnf, no ~/.my.cnf that could connect as
 * another user. Its [client] group is read as from any option file. It must be the first argument.
 */
export function onlyOptionFile(optionFilePath: string): string {
  return `--defaults-file=${optionFilePath}`
}

/**
 * MySQL's clients read the login-path file (~/.mylogin.cnf) even with --defaults-file; pointing
 * MYSQL_TEST_LOGIN_FILE at a file that does not exist turns it off (MariaDB's clients have none).
 */
export function clientEnv(optionFilePath: string, program?: string): Record<string, string> {
  return { MYSQL_TEST_LOGIN_FILE: `${optionFilePath}.no-login-paths`, ...pluginDirEnv(program) }
}

/**
 * A client unpacked from a tarball (the tool cache) looks for its authentication plugins
 * (caching_sha2_password.so for MySQL 8+ users, mysql_native_password.so in MySQL 9's client) in
 * the directory it was built for, /usr/local/mysql/lib/plugin, not beside itself: point MariaDB's
 * and MySQL's client libraries at the tarball's own lib/plugin. Packaged clients find theirs.
 */
export function pluginDirEnv(program: string | undefined): Record<string, string> {
  if (!program) return {}
  const pluginDir = join(dirname(dirname(program)), 'lib', 'plugin')
  if (!existsSync(pluginDir)) return {}
  const env: Record<string, string> = {}
  if (!process.env.MARIADB_PLUGIN_DIR) env.MARIADB_PLUGIN_DIR = pluginDir
  if (!process.env.LIBMYSQL_PLUGIN_DIR) env.LIBMYSQL_PLUGIN_DIR = pluginDir
  return env
}
