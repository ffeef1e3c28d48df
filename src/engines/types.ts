import type { Compression, DatabaseConfig } from '../config/types.js'
import type { ReadThrough } from '../util/dump-stream.js'

/** Figures a step reports: shown in the summary and kept in the audit record. */
export type Figures = Record<string, string | number | boolean>

export interface SnapshotRequest {
  database: DatabaseConfig
  /** Private scratch directory of this run; the dump file is created inside it. */
  workDir: string
  /** File name for the dump, extension included. */
  fileName: string
  timeoutMs: number
  /** The `compression` input. */
  compression: Compression
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
  /** Restores the dump into a scratch database and compares it with the dump (the restore-check input). */
  restoreCheck?(request: VerifyRequest): Promise<Figures>
}
