import type { EngineFacts } from '../catalog.js'
import { decompressCommand } from '../../util/compression.js'

/** What is known of Redis without loading the engine (engines/catalog.ts): data and pure rules, read by config validation and the summary. */

export const redisFacts = {
  defaultPort: 6379,
  urlProtocols: ['redis:', 'rediss:'],
  requiresDatabaseName: false,
  fileExtensions: ['rdb.zst', 'rdb.gz', 'rdb'],
  restoreCheck: true,
  sourceCheck: false,
  manyDatabases: 'one',
  systemDatabases: [],
  maintenanceDatabase: '',
  globals: false,
  dumpArgs: { unsupported: 'redis-cli --rdb takes no dump options (TLS settings are db-url parameters of a rediss:// URL)' },
  // A Redis "name" is a database index (redis://host/2): not a name to file backups under.
  defaultBackupName: (databaseName) => (databaseName ? `redis-db${databaseName}` : 'redis'),
  tables: { unsupported: 'a Redis backup is the whole RDB snapshot, which has no tables' },
  restoreCommand: (fetch, fileName) => `${fetch}${decompressCommand(fileName)} > dump.rdb  # then stop the server, replace its dump.rdb with this file, and start it`
} satisfies EngineFacts
