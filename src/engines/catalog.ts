import { mongodbFacts } from './mongodb/facts.js'
import { mariadbFacts, mysqlFacts } from './mysql/facts.js'
import { postgresqlFacts } from './postgresql/facts.js'
import { redisFacts } from './redis/facts.js'
import type { ToolSyntax } from './shared/dump-arg-syntax.js'

/**
 * What is known of each database type without loading its engine: config validation, backup key
 * names and retention read these facts. Each engine's folder states its own in facts.ts, which
 * like this module is pure data: the config types, the engine registry and the storage code can
 * all depend on the facts without depending on any engine's code (docs/architecture.md).
 */

export interface EngineFacts {
  defaultPort: number
  /** URL schemes accepted in `db-url`, with the colon (`postgres:`). */
  urlProtocols: readonly string[]
  /** Whether `db-name` (or a database in `db-url`) must be given. */
  requiresDatabaseName: boolean
  /** Every extension this engine's dumps have ever had: retention recognises its own files by them. */
  fileExtensions: readonly string[]
  /** Whether the engine can do the restore-check (a full restore into a scratch database). */
  restoreCheck: boolean
  /** Whether the engine can also compare the dump with the source read in the dump's snapshot (restore-check: source). */
  sourceCheck: boolean
  /**
   * What `db-name` may name: `every` a list, or `*` for every database the user can connect to
   * (listed by the engine's client, without the databases below); `list` a list of names only;
   * `one` at most one database.
   */
  manyDatabases: 'every' | 'list' | 'one'
  /** Databases `*` leaves out: templates and the engine's own. */
  systemDatabases: readonly string[]
  /** The database `*` connects to, to list the others ('' where there is no listing). */
  maintenanceDatabase: string
  /** Whether the engine can store the server's roles and other globals beside a dump (include-globals). */
  globals: boolean
  /** How its dump tool reads the `dump-args` input, or why that input cannot be used with it. */
  dumpArgs: ToolSyntax | { unsupported: string }
  /** Why a db-url query parameter cannot be used with this engine; absent where the engine reads none of them (they are kept as given). */
  urlParameterProblem?: (key: string) => string | undefined
  /**
   * The one-line restore the summary prints: `fetch` writes the backup, decrypted, to standard
   * output; `fileName` is its name without `.age` (its extension tells the compression).
   */
  restoreCommand(fetch: string, fileName: string): string
  /** How the tables and exclude-tables inputs apply to this engine's dump tool. */
  tables: TableRules
  /** The backup-name a database's name gives where it is no name to file backups under; absent: the name itself, made safe. */
  defaultBackupName?(databaseName: string): string
}

/** What the tables and exclude-tables inputs may name for one engine; every member optional. */
export interface TableRules {
  /** Why the engine takes no tables, where it takes none. */
  unsupported?: string
  /** Why it needs db-name to take tables, where it does. */
  needsDatabaseName?: string
  /** A listed table as the dump tool names it, or what is wrong with it; absent: as written. */
  name?(entry: string, database: string): { name: string } | { problem: string }
  /** What is wrong with the whole choice, naming the input to fix; absent: any choice. */
  choice?(tables: string[], excludeTables: string[]): { input: string; message: string } | undefined
}

export const engineCatalog = {
  postgresql: postgresqlFacts,
  mysql: mysqlFacts,
  mariadb: mariadbFacts,
  mongodb: mongodbFacts,
  redis: redisFacts
} as const satisfies Record<string, EngineFacts>

export type DbType = keyof typeof engineCatalog

export const dbTypes = Object.keys(engineCatalog) as [DbType, ...DbType[]]

export function engineFacts(type: DbType): EngineFacts {
  return engineCatalog[type]
}
