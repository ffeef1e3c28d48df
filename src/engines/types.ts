import type { RestoreFidelity, RestoreMode } from '../config/restore.js'
import type { Compression, DatabaseConfig, EncryptionConfig } from '../config/types.js'
import type { Figures } from '../report/types.js'
import type { ClientSpec } from '../tools/types.js'
import type { Encrypted, ReadThrough, SinkOpener } from '../util/dump-stream.js'
import type { DumpOptions } from '../config/dump-args.js'

export type { Figures, RestoreFidelity, RestoreMode }

export interface SnapshotRequest {
  database: DatabaseConfig
  /** Private scratch directory of this run; the dump file is created inside it. */
  workDir: string
  /** File name for the dump, extension included. */
  fileName: string
  timeoutMs: number
  /** The `compression` input. */
  compression: Compression
  /** Encrypt the stored file to these recipients, after compression; the read-through reads the plaintext. */
  encryption?: EncryptionConfig
  /** The tables, exclusions and extra arguments of the dump (checked in validate-config); none when absent. */
  options?: DumpOptions
  /** Where the dump's bytes go instead of the file in workDir (staging stream): passed on to captureDump. */
  open?: SinkOpener
  /**
   * restore-check source: dump in a snapshot the engine also reads the source in, and fail the
   * read-through (so verify-integrity) if the archive's content differs from the source's.
   * Engines whose catalog entry has sourceCheck honour it.
   */
  readSource?: boolean
}

export interface Snapshot {
  file: string
  sha256: string
  sizeBytes: number
  figures: Figures
  /**
   * The engine's full read-through of the bytes as they were written (decompression, format,
   * the engine's own reader); verify-integrity reports it. Without it, verify-integrity runs
   * `verify` on the file.
   */
  readThrough?: ReadThrough
  /** Set when the file is encrypted: `sha256` and `sizeBytes` are the encrypted file's. */
  encrypted?: Encrypted
}

export interface VerifyRequest {
  database: DatabaseConfig
  file: string
  workDir: string
  timeoutMs: number
}

/** What the rest of the action knows about a database engine. One file per engine implements it. */
export interface Engine {
  /** File extension of a dump, without the dot (`dump.zst`, `sql.gz`, `rdb`, ...), for the `compression` asked for. */
  fileExtension(compression: Compression): string
  /** A dump smaller than this cannot hold even an empty database: it is a failed dump. */
  readonly minimumSizeBytes: number
  /** Runs the real dump tool, streaming to a file while hashing. */
  snapshot(request: SnapshotRequest): Promise<Snapshot>
  /** Checks the format (magic, header, trailer) and reads the dump file through with the engine's own tool. */
  verify(request: VerifyRequest): Promise<Figures>
  /**
   * The database's size as the server reports it, in bytes, for staging auto; undefined where the
   * engine has no way to ask (MongoDB's dbStats needs a driver the action does not carry).
   */
  estimateSize?(database: DatabaseConfig, workDir: string, timeoutMs: number): Promise<number>
}

/**
 * What a database or an archive holds, by object: rows per table, documents per collection, keys
 * per database. What restore-mode empty checks and check-restored compares.
 */
export type Contents = Map<string, number>

export interface RestoreRequest {
  /** The target. */
  database: DatabaseConfig
  /** The downloaded backup, checked. */
  file: string
  workDir: string
  timeoutMs: number
  mode: RestoreMode
  /** Redis: restore the keys even where the backup's function libraries cannot be restored (accept-unrestored-redis-functions). */
  acceptUnrestoredFunctions?: boolean
  /** MySQL/MariaDB: restore views, routines, triggers and events whose DEFINER the target lacks (accept-missing-definers). */
  acceptMissingDefiners?: boolean
  /** What the restore keeps besides the data, and how it fails (PostgreSQL; the restore action's inputs). */
  fidelity?: RestoreFidelity
}

/**
 * Each holder's (table's, collection's, Redis database's) content digest, `ContentDigest.text()`
 * (src/util/content-digest.ts): order-independent, over every object's whole content.
 */
export type Digests = Map<string, string>

/** What a restore gives check-restored to compare the content, beside the counts. */
export interface ContentCheck {
  /** Each holder's digest of the archive, taken while it was read for the restore (no pass of its own). */
  archive: Digests
  /** The same digests of the target, read back with the engine's own tool once the restore is done. */
  readTarget(): Promise<Digests>
  /**
   * The first object of `holder` that differs between the archive and the target, named by its
   * key (a primary key, a document's _id, a key name), never by its values: they may be secrets.
   * Undefined where it cannot be told.
   */
  firstDifference?(holder: string): Promise<string | undefined>
}

export interface Restored {
  /** What the archive holds, as read while restoring: what check-restored compares the target with. */
  archive: Contents
  /** The content comparison, where the engine has one. */
  content?: ContentCheck
  figures: Figures
}

/** How one engine restores a backup into a target with its own tool. One file per engine implements it. */
export interface Restorer {
  /** What the target holds now; an object listed with 0 (an empty table) still counts as there. */
  contents(database: DatabaseConfig, workDir: string, timeoutMs: number): Promise<Contents>
  restore(request: RestoreRequest): Promise<Restored>
  /** The word for the objects counted (`rows`, `documents`, `keys`) and for their holders (`table`, ...), for messages. */
  readonly units: { object: string; holder: string }
  /** Whether it restores with the engine's client that the installer provides (Redis uses a redis-server instead). */
  readonly usesClient: boolean
  /** Whether a holder is shared with objects not in the backup (Redis databases): a clean restore leaves those. */
  readonly sharedHolders: boolean
  /** The restored-objects output: tables, collections or keys. */
  restoredObjects(archive: Contents): number
  /**
   * The backup action's restore-check: restores the new dump into a scratch database (or a
   * throwaway server) and compares it with the dump; the scratch is always removed. Engines whose
   * catalog entry has restoreCheck implement it.
   */
  restoreCheck?(request: VerifyRequest): Promise<Figures>
}

/** What `db-name: "*"` asks a server: connected as `database` (its maintenance database), with a private work directory. */
export interface ListRequest {
  database: DatabaseConfig
  workDir: string
  timeoutMs: number
}

/** Every database the user can connect to, as the server lists them (templates left out); the caller leaves out the system databases. */
export type ListDatabases = (request: ListRequest) => Promise<string[]>

/** A server's globals (roles and the like) stored beside a dump, as one object of the same backup. */
export interface GlobalsDump {
  file: string
  sha256: string
  sizeBytes: number
  /** Stored without the role passwords, because the server refused to show them. */
  withoutPasswords: boolean
  figures: Figures
  /** What a person should know of what was left out, in the engine's own words. */
  warnings: string[]
}

/** include-globals: an engine's optional capability of storing, checking and applying a server's globals. */
export interface Globals {
  /** How the globals are taken, for validate-config's plan (`pg_dumpall --globals-only`). */
  readonly description: string
  /** Dumps the globals into `file`, compressed (and encrypted) as the dump is, read through as it is written. */
  dump(database: DatabaseConfig, file: string, compression: Compression, timeoutMs: number, encryption?: EncryptionConfig): Promise<GlobalsDump>
  /** Reads a stored globals object through, as the backup's verify-integrity and the restore's do. */
  verify(file: string): Promise<Figures>
  /** Applies a stored globals object to the target server before its database is restored. */
  apply(database: DatabaseConfig, file: string, workDir: string, timeoutMs: number, options: { grantsWithExistingRoles: boolean }): Promise<Figures>
}

/**
 * One database engine as the rest of the action sees it: its folder's index.ts exports one, and
 * the registry (engines/index.ts) lists it. Everything but the client spec is loaded when used.
 * An optional capability is an optional member: present exactly where the engine's facts
 * (catalog.ts) declare it, which test/unit/engine-plugins.test.ts holds to.
 */
export interface EnginePlugin {
  /** The dump client: found on the runner or installed, checked, by tools/install. */
  readonly client: ClientSpec<DatabaseConfig>
  /** Dump and verify. */
  load(): Promise<Engine>
  /** Restore, and the backup's restore-check. */
  restorer(): Promise<Restorer>
  /** db-name `*`: how the server lists its databases (facts.manyDatabases `every`). */
  listDatabases?(): Promise<ListDatabases>
  /** include-globals (facts.globals). */
  globals?(): Promise<Globals>
}
