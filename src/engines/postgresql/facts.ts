import type { EngineFacts } from '../catalog.js'
import { CONNECTION, PASSWORD, PRINTS, type ToolSyntax } from '../shared/dump-arg-syntax.js'
import { decompressCommand } from '../../util/compression.js'
import { conninfoParameterProblem } from './url-parameters.js'

/** What is known of PostgreSQL without loading the engine (engines/catalog.ts): data and pure rules, read by config validation and the summary. */

const DUMP_ARGS: ToolSyntax = {
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

export const postgresqlFacts = {
  defaultPort: 5432,
  urlProtocols: ['postgres:', 'postgresql:'],
  requiresDatabaseName: true,
  fileExtensions: ['dump.zst', 'dump'],
  restoreCheck: true,
  sourceCheck: true,
  manyDatabases: 'every',
  systemDatabases: ['template0', 'template1', 'postgres'],
  maintenanceDatabase: 'postgres',
  globals: true,
  dumpArgs: DUMP_ARGS,
  urlParameterProblem: conninfoParameterProblem,
  // pg_dump's patterns, as written.
  tables: {},
  restoreCommand: (fetch, fileName) => `${fetch}${decompressCommand(fileName)} | pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL"`
} satisfies EngineFacts
