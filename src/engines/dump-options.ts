import { split } from 'shlex'
import type { DbType } from './catalog.js'

/**
 * What the `dump-args` input may hand to each dump tool, read as the tool reads its command line,
 * so that no spelling gets past the check: `--opt=value`, `--opt value`, short options alone,
 * bundled (`-vx`) or with their value attached (`-tfoo`), unambiguous prefixes of long options
 * (pg_dump's getopt_long and MySQL's my_getopt take `--fil` for `--file`), and MySQL's
 * `--loose-`, `--skip-`, `--disable-`, `--enable-`, `--maximum-` and `_` spellings. Refused are
 * the options that would defeat the action: an output of their own, the format and compression it
 * sets, passwords (which travel in the environment or an option file), the connection it makes,
 * the tables it chooses from the tables and exclude-tables inputs, and anything that prints
 * instead of dumping. Pure: validate-config uses it before anything runs.
 */

/** The tables and exclusions of the inputs, and the checked dump-args, as the engine applies them. */
export interface DumpOptions {
  /** Only these tables (collections): patterns for PostgreSQL, names for the others. */
  tables: string[]
  excludeTables: string[]
  /** Extra arguments of the dump tool, checked. */
  args: string[]
}

export const NO_DUMP_OPTIONS: DumpOptions = { tables: [], excludeTables: [], args: [] }

/** Refused when turned on (`--xml`), turned off (`--skip-comments`, `--comments=0`), or whatever its value. */
type Refused = 'always' | 'on' | 'off'

interface OptionRule {
  /** Long names, without the dashes. */
  long: string[]
  /** Short option letters. */
  short?: string
  reason: string
  when?: Refused
}

interface ToolSyntax {
  tool: string
  /** Whether the tool takes an unambiguous prefix of a long option for the option. */
  abbreviations: boolean
  caseInsensitive?: boolean
  /** Long options that take the next argument as their value when not written `--opt=value`. */
  longValues: readonly string[]
  /** Short options that take a value: the rest of the word, else the next argument. */
  shortValues: string
  /** Short options whose value can only be attached (`-pSECRET`); alone they take none. */
  shortAttachedValues?: string
  /** MySQL's option prefixes: the name of the option and whether it is switched off. */
  prefixes?: boolean
  rules: OptionRule[]
}

const PRINTS = 'prints and exits without dumping'
const CONNECTION = 'the action connects with db-host, db-port, db-user and db-name (or db-url): this would contradict them'
const PASSWORD = 'a password never goes on a command line: give it in db-password (or db-url), which the action passes through the environment or a private file'

const POSTGRESQL: ToolSyntax = {
  tool: 'pg_dump',
  abbreviations: true,
  longValues: [
    'compress', 'dbname', 'encoding', 'exclude-extension', 'exclude-schema', 'exclude-table', 'exclude-table-and-children', 'exclude-table-data',
    'exclude-table-data-and-children', 'extension', 'extra-float-digits', 'file', 'filter', 'format', 'host', 'include-foreign-data', 'jobs',
    'lock-wait-timeout', 'port', 'role', 'rows-per-insert', 'schema', 'section', 'snapshot', 'superuser', 'sync-method', 'table',
    'table-and-children', 'username'
  ],
  // pg_dump's getopt string: "abBcCd:e:E:f:F:h:j:n:N:Op:RsS:t:T:U:vwWxXZ:".
  shortValues: 'deEfFhjnNpStTUZ',
  rules: [
    { long: ['file'], short: 'f', reason: 'the action takes the dump from pg_dump\'s output, to hash, compress and verify it as it is written' },
    { long: ['format'], short: 'F', reason: 'the action writes the custom format, which its verification and the restore read' },
    { long: ['compress'], short: 'Z', reason: 'the action sets the compression: use the compression input' },
    { long: ['jobs'], short: 'j', reason: 'parallel dumps need the directory format, which the action does not write' },
    { long: ['password'], short: 'W', reason: `pg_dump would wait for a password on a terminal; ${PASSWORD}` },
    { long: ['host', 'port', 'username', 'dbname'], short: 'hpUd', reason: CONNECTION },
    { long: ['table', 'table-and-children'], short: 't', reason: 'use the tables input' },
    { long: ['exclude-table', 'exclude-table-and-children'], short: 'T', reason: 'use the exclude-tables input' },
    { long: ['version', 'help'], short: 'V?', reason: PRINTS }
  ]
}

const MYSQL: ToolSyntax = {
  tool: 'mysqldump / mariadb-dump',
  abbreviations: true,
  prefixes: true,
  longValues: [
    'as-of', 'character-sets-dir', 'compatible', 'compression-algorithms', 'default-auth', 'default-character-set', 'defaults-extra-file', 'defaults-file',
    'defaults-group-suffix', 'dir', 'fields-enclosed-by', 'fields-escaped-by', 'fields-optionally-enclosed-by', 'fields-terminated-by', 'host',
    'ignore-database', 'ignore-error', 'ignore-table', 'ignore-table-data', 'lines-terminated-by', 'log-error', 'login-path', 'max-allowed-packet',
    'net-buffer-length', 'plugin-dir', 'port', 'protocol', 'result-file', 'server-public-key-path', 'set-gtid-purged', 'socket', 'ssl-ca',
    'ssl-capath', 'ssl-cert', 'ssl-cipher', 'ssl-crl', 'ssl-crlpath', 'ssl-fips-mode', 'ssl-key', 'ssl-mode', 'system', 'tab', 'tls-ciphersuites',
    'tls-version', 'user', 'where', 'zstd-compression-level'
  ],
  shortValues: 'hPrSTuw',
  shortAttachedValues: 'p#',
  rules: [
    { long: ['result-file'], short: 'r', reason: 'the action takes the dump from the tool\'s output, to hash, compress and verify it as it is written' },
    { long: ['tab', 'dir'], short: 'T', reason: 'writes each table to files of its own instead of one dump' },
    { long: ['xml'], short: 'X', reason: 'the action verifies and restores a SQL dump', when: 'on' },
    { long: ['compact'], reason: 'it removes the comments, among them the "-- Dump completed" line by which the action knows the dump is whole', when: 'on' },
    { long: ['comments'], reason: 'the action checks the "-- Dump completed" comment to know the dump is whole', when: 'off' },
    { long: ['password', 'password1', 'password2', 'password3'], short: 'p', reason: PASSWORD },
    { long: ['host', 'port', 'user', 'socket', 'protocol', 'pipe', 'shared-memory-base-name'], short: 'hPuSW', reason: CONNECTION },
    { long: ['databases', 'all-databases', 'tables'], short: 'BA', reason: 'the action dumps db-name; the tables input chooses tables' },
    { long: ['ignore-table'], reason: 'use the exclude-tables input' },
    {
      long: ['defaults-file', 'defaults-extra-file', 'defaults-group-suffix', 'no-defaults', 'print-defaults', 'login-path'],
      reason: 'the action\'s own option file, the only one read, carries the user and password'
    },
    { long: ['log-error'], reason: 'the tool\'s errors would go to a file, where the action cannot report them' },
    { long: ['delete-master-logs'], reason: 'it deletes the server\'s binary logs, which point-in-time recovery needs: a backup changes nothing on the server' },
    { long: ['debug'], short: '#', reason: 'writes a trace to a file' },
    { long: ['version', 'help'], short: 'V?I', reason: PRINTS }
  ]
}

const MONGODB: ToolSyntax = {
  tool: 'mongodump',
  abbreviations: false,
  caseInsensitive: true,
  longValues: [
    'authenticationDatabase', 'authenticationMechanism', 'awsSessionToken', 'collection', 'config', 'db', 'excludeCollection',
    'excludeCollectionsWithPrefix', 'gssapiHostName', 'gssapiServiceName', 'host', 'numParallelCollections', 'out', 'password', 'port',
    'query', 'queryFile', 'readPreference', 'sslCAFile', 'sslCRLFile', 'sslPEMKeyFile', 'sslPEMKeyPassword', 'uri', 'username'
  ],
  shortValues: 'hupdcqoj',
  rules: [
    { long: ['out'], short: 'o', reason: 'the action takes the archive from mongodump\'s output, to hash, compress and verify it as it is written' },
    { long: ['archive'], reason: 'the action sets --archive itself (to its output)' },
    { long: ['gzip'], reason: 'the action sets the compression: use the compression input' },
    { long: ['password', 'sslPEMKeyPassword', 'awsSessionToken'], short: 'p', reason: PASSWORD },
    {
      long: [
        'host', 'port', 'username', 'uri', 'config', 'authenticationDatabase', 'authenticationMechanism', 'gssapiServiceName', 'gssapiHostName',
        'ssl', 'sslCAFile', 'sslPEMKeyFile', 'sslCRLFile', 'sslAllowInvalidCertificates', 'sslAllowInvalidHostnames', 'sslFIPSMode', 'tls'
      ],
      short: 'hu',
      reason: `${CONNECTION} (TLS and authSource are db-url parameters)`
    },
    { long: ['db'], short: 'd', reason: 'the action dumps db-name (or the database of db-url)' },
    { long: ['collection'], short: 'c', reason: 'use the tables input' },
    { long: ['excludeCollection'], reason: 'use the exclude-tables input' },
    { long: ['version', 'help'], reason: PRINTS }
  ]
}

/** Each engine's dump tool; none for Redis, whose `redis-cli --rdb` has no dump options. */
const SYNTAX: Record<DbType, ToolSyntax | undefined> = { postgresql: POSTGRESQL, mysql: MYSQL, mariadb: MYSQL, mongodb: MONGODB, redis: undefined }

const OFF_VALUES = new Set(['0', 'false', 'off', 'no'])
const ORDINALS = ['first', 'second', 'third']
const ordinal = (index: number): string => ORDINALS[index] ?? `${index + 1}th`

/** MySQL's spelling of a long option: `_` as `-`, and the prefixes that change its meaning. */
function mysqlName(name: string): { name: string; negated: boolean } {
  let rest = name.replace(/_/g, '-').replace(/^loose-/, '')
  let negated = false
  const prefix = /^(skip|disable|enable|maximum)-/.exec(rest)
  if (prefix) {
    negated = prefix[1] === 'skip' || prefix[1] === 'disable'
    rest = rest.slice(prefix[0].length)
  }
  return { name: rest, negated }
}

/** Whether what was written names `option`: the name itself, or, where the tool takes them, a prefix of it. */
function names(syntax: ToolSyntax, written: string, option: string): boolean {
  const [a, b] = syntax.caseInsensitive ? [written.toLowerCase(), option.toLowerCase()] : [written, option]
  return a === b || (syntax.abbreviations && a.length > 0 && b.startsWith(a))
}

/** The long option that takes a value that `written` stands for, if exactly one. */
function valueOption(syntax: ToolSyntax, written: string): string | undefined {
  const exact = syntax.longValues.find((option) => (syntax.caseInsensitive ? option.toLowerCase() === written.toLowerCase() : option === written))
  if (exact) return exact
  const matches = syntax.abbreviations ? syntax.longValues.filter((option) => names(syntax, written, option)) : []
  return matches.length === 1 ? matches[0] : undefined
}

function refusedLong(syntax: ToolSyntax, written: string, value: string | undefined, negated: boolean): OptionRule | undefined {
  const off = negated || (value !== undefined && OFF_VALUES.has(value.toLowerCase()))
  return syntax.rules.find((rule) => {
    if (!rule.long.some((option) => names(syntax, written, option))) return false
    return (rule.when ?? 'always') === 'always' || (rule.when === 'off') === off
  })
}

const refusal = (shown: string, rule: OptionRule, tool: string): string => `${shown} is refused for ${tool}: ${rule.reason}`

/**
 * The arguments of `dump-args` for `type`'s dump tool, or why they cannot be used. A refused
 * option is named without its value, which may be a password.
 */
export function parseDumpArgs(type: DbType, text: string): { args: string[] } | { problem: string } {
  if (text.trim() === '') return { args: [] }
  const syntax = SYNTAX[type]
  if (!syntax) return { problem: `is not supported for ${type}: redis-cli --rdb takes no dump options (TLS settings are db-url parameters of a rediss:// URL)` }
  let args: string[]
  try {
    args = split(text)
  } catch {
    return { problem: 'has a quote that is not closed (arguments are split as a shell would split them, without running one; the value is not shown)' }
  }
  for (let index = 0; index < args.length; index++) {
    const word = args[index]
    const positional = (): { problem: string } => ({
      problem:
        `the ${ordinal(index)} argument is not an option (the value is not shown): dump-args takes options only, each option's value written ` +
        `--option=value${syntax.longValues.length ? ' or as the next argument of an option that takes one' : ''}; the action names the database, and the tables input chooses tables`
    })
    if (word === '--') return { problem: `"--" is refused for ${syntax.tool}: it would end the options before the ones the action adds` }
    if (word.startsWith('--')) {
      const [written, ...valueParts] = word.slice(2).split('=')
      const value = valueParts.length > 0 ? valueParts.join('=') : undefined
      const { name, negated } = syntax.prefixes ? mysqlName(written) : { name: written, negated: false }
      const rule = refusedLong(syntax, name, value, negated)
      if (rule) return { problem: refusal(`--${written}`, rule, syntax.tool) }
      if (value === undefined && !negated && valueOption(syntax, name)) {
        if (index + 1 >= args.length) return { problem: `--${written} needs a value` }
        index++
      }
    } else if (word.startsWith('-') && word.length > 1) {
      for (let at = 1; at < word.length; at++) {
        const letter = word[at]
        const rule = syntax.rules.find((candidate) => candidate.short?.includes(letter) && (candidate.when ?? 'always') !== 'off')
        if (rule) return { problem: refusal(`-${letter}`, rule, syntax.tool) }
        if (syntax.shortAttachedValues?.includes(letter)) break
        if (syntax.shortValues.includes(letter)) {
          if (at === word.length - 1) {
            if (index + 1 >= args.length) return { problem: `-${letter} needs a value` }
            index++
          }
          break
        }
      }
    } else {
      return positional()
    }
  }
  return { args }
}
