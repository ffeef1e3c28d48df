import type { Platform } from './platform.js'

/** Where the client that ran came from, as reported in the figures and the summary. */
export type ClientOrigin = 'runner' | 'tool cache' | 'cache restore' | 'download' | 'PATH'

export interface ResolvedClient {
  /** Directory holding the client's executables; put first on PATH for the dump. */
  binDir: string
  /** The main executable's name as found there (`pg_dump`, `mariadb-dump`, ...). */
  program: string
  version: string
  origin: ClientOrigin
  /** For a client this action installed: what its archive was checked against. */
  trust?: ChecksumTrust
}

/** How far the SHA-256 an install was checked against can be trusted, as the figures say it. */
export type ChecksumTrust = 'pinned' | 'publisher'

/** A verified archive to install: the URL and the SHA-256 it must have, from a trusted source. */
export interface ClientDownload {
  url: string
  sha256: string
  /** The version the archive holds (semver-like, three parts, for the tool cache). */
  version: string
  /** The archive's top-level directory, which holds `bin/`. */
  rootDir: string
  /** Where the SHA-256 came from, for the log. */
  checksumSource: string
  /** Pinned in this action's source, or the publisher's checksum fetched over https in this run. */
  trust: ChecksumTrust
}

/** One archive that may hold a version for a platform, as its publisher names and serves it. */
export interface ClientArchive {
  /** The file name: the key of the pinned table. */
  file: string
  /** Where the publisher serves it (https). */
  url: string
  /** Its path under a mirror's base URL (the publisher's layout). */
  mirrorPath: string
  version: string
  rootDir: string
}

/** The archive for this platform and the SHA-256 its publisher lists for it, read over https in this run. */
export interface PublishedChecksum {
  archive: ClientArchive
  sha256: string
  /** The checksum file or feed it was read from. */
  source: string
}

/**
 * What the installer needs to know about one engine's dump client. One file per client in this
 * folder implements it.
 */
/** The client-* inputs: which dump client to use, and where an install may come from. */
export interface ClientConfig {
  /** `auto`, `system`, or a version prefix such as `17`, `8.4` or `100.10.0`. */
  version: string
  /** Base URL that replaces the official download source of the client; empty for the official one. */
  downloadUrl: string
  /** client-download-allow-insecure-http: a plain http mirror is accepted, with a warning. */
  allowInsecureHttp: boolean
}

/** A database's dump client, as its engine describes it; `Database` is what the engine connects with, passed through untouched. */
export interface ClientSpec<Database = unknown> {
  /** Tool-cache name, e.g. `postgresql-client`. */
  readonly tool: string
  /**
   * The executables that must sit together, the first being the one whose version is the
   * client's; `a|b` accepts either name (MariaDB's clients drop the mysql* names).
   */
  readonly executables: readonly string[]
  /** Reads the client version from `<binDir>/<main executable> --version`'s output. */
  parseVersion(output: string): string
  /**
   * The server's version, read with any client at hand (`PATH` is already extended with the
   * runner's installs); undefined when no client could ask.
   */
  serverVersion(database: Database, timeoutMs: number): Promise<string | undefined>
  /** Whether a client of this version can dump a server of that version. */
  canDump(clientVersion: string, serverVersion: string): boolean
  /** Among candidates that can dump the server, the better one: positive if `a` is preferred. */
  preference(a: string, b: string, serverVersion: string | undefined): number
  /** Directories where the runner's image keeps other installs of the client, off PATH. */
  runnerDirs?(): Promise<string[]>
  /** The version to install for a request: a version prefix, or what the server needs. */
  versionToInstall(request: string | undefined, serverVersion: string | undefined): string
  /**
   * The archives that may hold that version for this platform, best first (a platform may name
   * its architecture two ways); throws when the publisher has none for the platform.
   */
  archives(version: string, platform: Platform): ClientArchive[]
  /**
   * For a version the pinned table lacks: the archive and the SHA-256 its publisher lists, read
   * from the publisher over https (never from a mirror).
   */
  published(version: string, platform: Platform): Promise<PublishedChecksum>
  /** For a source archive: builds the executables into `<root>/bin` after the SHA-256 was checked. */
  build?(root: string, timeoutMs: number): Promise<void>
  /** What to tell a user whose machine cannot get a suitable client. */
  readonly installHint: string
}
