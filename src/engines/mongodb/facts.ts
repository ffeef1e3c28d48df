import { Inputs } from '../../constants.js'
import type { EngineFacts } from '../catalog.js'
import { CONNECTION, PASSWORD, PRINTS, type ToolSyntax } from '../shared/dump-arg-syntax.js'

/** What is known of MongoDB without loading the engine (engines/catalog.ts): data and pure rules, read by config validation and the summary. */

const DUMP_ARGS: ToolSyntax = {
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

export const mongodbFacts = {
  defaultPort: 27017,
  urlProtocols: ['mongodb:', 'mongodb+srv:'],
  requiresDatabaseName: false,
  fileExtensions: ['archive.gz', 'archive.zst', 'archive'],
  restoreCheck: true,
  sourceCheck: false,
  manyDatabases: 'every',
  systemDatabases: ['admin', 'local', 'config'],
  maintenanceDatabase: 'admin',
  globals: false,
  dumpArgs: DUMP_ARGS,
  tables: {
    needsDatabaseName: 'needs db-name (or the database in db-url): mongodump chooses collections of one database',
    choice(tables, excludeTables) {
      if (tables.length > 1) {
        return { input: Inputs.Tables, message: 'names more than one collection: mongodump dumps one collection (--collection) or all of them; name one, or leave the others out with exclude-tables' }
      }
      if (tables.length === 1 && excludeTables.length > 0) {
        return { input: Inputs.ExcludeTables, message: 'cannot be used with tables for mongodb: mongodump takes --collection or --excludeCollection, not both' }
      }
      return undefined
    }
  },
  // mongorestore reads a gzip archive itself (--gzip), not a zstd one.
  restoreCommand: (fetch, fileName) =>
    `${fetch}${fileName.endsWith('.zst') ? ' | zstd -dc' : ''} | mongorestore --archive${fileName.endsWith('.gz') ? ' --gzip' : ''} --uri "$MONGODB_URI"`
} satisfies EngineFacts
