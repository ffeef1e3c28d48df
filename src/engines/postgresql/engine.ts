import * as core from '@actions/core'
import * as io from '@actions/io'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import type { Compression, CompressionName, DatabaseConfig } from '../../config/types.js'
import { requireTool } from '../../tools/find.js'
import { compressionOfName, describeCompression, storedBytes, ZstdFrameCheck } from '../../util/compression.js'
import { captureDump } from '../../util/dump-stream.js'
import { decoded, runFed, signatureCheck } from '../../util/dump-feed.js'
import { commandLine, requireSuccess, runTool } from '../../util/process.js'
import { NO_DUMP_OPTIONS, type DumpOptions } from '../../config/dump-args.js'
import { conninfo, passwordEnv } from './connection.js'
import { psql, psqlCommand, requirePsql } from './psql.js'
import { CopyRowCounter } from './content.js'
import { DATA_SESSION_ENV } from './target-content.js'
import { compareWithSource, inExportedSnapshot } from './source-check.js'
import { CREATED_RELATION, dependentsOnLeftOut, describeDependents } from './fidelity-dependents.js'
import { storedSnapshot } from '../shared/snapshot.js'
import type { Engine, Figures, ListDatabases, Snapshot, SnapshotRequest, VerifyRequest } from '../types.js'

const PGDMP = Buffer.from('PGDMP')
const NO_COMPRESSION: Compression = { name: 'none', level: 0 }

/**
 * zstd is pg_dump's uncompressed archive piped through zstd (`.dump.zst`): measured in
 * bench/RESULTS.md at about the speed of the dump alone, against 5× for pg_dump's own gzip. gzip
 * and none stay inside pg_dump (`.dump`, an archive pg_restore reads directly, as earlier
 * versions of this action wrote). pg_dump 16's native zstd could not be measured here (the
 * benchmark machine has PostgreSQL 15), so it is not used.
 */
function piped(compression: Compression): boolean {
  return compression.name === 'zstd'
}

/**
 * Reads the whole archive with pg_restore, fed from the stored bytes: `pg_restore --list` reads
 * only the table of contents, restoring to /dev/null reads every data block. zstd's frames and
 * checksums are checked on the way.
 */
async function readThrough(stored: Readable, compression: CompressionName, timeoutMs: number, created?: Set<string>, data?: CopyRowCounter): Promise<Figures> {
  const pgRestore = await requireTool('pg_restore', 'install the PostgreSQL client (pg_restore)')
  // The zstd program decompresses straight into pg_restore: measured at a third of the CPU of
  // passing the decompressed archive through the action. It checks the frame and its checksum.
  const unzstd = compression === 'zstd' ? await io.which('zstd', false) : ''
  const archive = unzstd
    ? decoded(stored, 'none', new ZstdFrameCheck())
    : decoded(stored, compression, signatureCheck(PGDMP, 'the dump does not start with the PGDMP signature of a pg_dump custom-format archive'))
  let tables = 0
  let partial = ''
  const result = await runFed(
    // With `data`, the script is written out and its table data read into it (restore-check source).
    { command: pgRestore, args: ['--verbose', `--file=${data ? '-' : '/dev/null'}`], timeoutMs },
    archive,
    {
      ...(data ? { stdout: (chunk: Buffer) => data.push(chunk) } : {}),
      stderr: (chunk) => {
        const lines = (partial + chunk.toString('utf8')).split('\n')
        partial = lines.pop() ?? ''
        tables += lines.filter((line) => line.startsWith('pg_restore: processing data for table')).length
        if (created) for (const line of lines) {
          const relation = CREATED_RELATION.exec(line)?.[1]
          if (relation !== undefined) created.add(relation)
        }
      }
    },
    unzstd ? { command: unzstd, args: ['-d', '-q', '-c'], timeoutMs } : undefined
  )
  requireSuccess('pg_restore reading the whole archive', result, timeoutMs)
  // An empty database dumps to a valid archive; every table, even an empty one, has a data entry.
  if (tables === 0) core.warning('the archive holds no table data: the database has no tables')
  return {
    'read through': `pg_restore --file=${data ? '-' : '/dev/null'}${compression === 'zstd' ? ', every zstd frame and checksum' : ''}`,
    'tables with data': tables
  }
}

/** pg_dump's arguments: the custom format on its output, then the tables and exclusions (patterns), then dump-args. */
export function dumpArgs(database: DatabaseConfig, compressLevel: number, options: DumpOptions): string[] {
  return [
    '--format=custom',
    `--compress=${compressLevel}`,
    '--no-password',
    `--dbname=${conninfo(database)}`,
    ...options.tables.map((pattern) => `--table=${pattern}`),
    ...options.excludeTables.map((pattern) => `--exclude-table=${pattern}`),
    ...options.args
  ]
}

/**
 * A dump that leaves relations out may hold views and foreign keys that need them, and then does
 * not restore: warned, naming each (fidelity-dependents.ts). A whole dump cannot.
 */
async function leftOutDependencies(database: DatabaseConfig, options: DumpOptions, created: Set<string>, timeoutMs: number): Promise<Figures> {
  if (options.tables.length === 0 && options.excludeTables.length === 0 && options.args.length === 0) return {}
  if (created.size === 0) return {}
  let dependents
  try {
    dependents = await dependentsOnLeftOut(database, created, timeoutMs)
  } catch (error) {
    // The dump is good either way: not knowing its dependents is no reason to fail it.
    core.warning(`could not read the source's dependencies to tell whether the backup needs a relation it leaves out: ${(error as Error).message}`)
    return { 'needs a relation left out': 'not checked (the source\'s catalog could not be read)' }
  }
  if (dependents.length === 0) return {}
  const described = describeDependents(dependents)
  core.warning(`the backup holds objects that need relations it leaves out, so it will not restore whole (pg_restore fails on the first of them): ${described}; exclude them too, or keep what they need`)
  return { 'needs a relation left out': described }
}

export const postgresql: Engine = {
  fileExtension: (compression) => (piped(compression) ? 'dump.zst' : 'dump'),
  // The header and table of contents of a dump of an empty database already take more than this.
  minimumSizeBytes: 100,

  async snapshot({ database, workDir, fileName, timeoutMs, compression, encryption, options = NO_DUMP_OPTIONS, open, readSource }: SnapshotRequest): Promise<Snapshot> {
    // The client was chosen (and checked against the server's version) before this step: it is first on PATH.
    const pgDump = await requireTool('pg_dump', 'install the PostgreSQL client (pg_dump)')
    const file = join(workDir, fileName)
    const outside = piped(compression)
    const created = new Set<string>()
    // In UTC, as every read of the data back is (content.ts): the digests compare the same text.
    const env = { ...passwordEnv(database), ...DATA_SESSION_ENV }
    const args = dumpArgs(database, outside ? 0 : compression.level, options)
    const capture = async (snapshot?: string) => {
      const dump = { command: pgDump, args: snapshot ? [...args, `--snapshot=${snapshot}`] : args, env, timeoutMs }
      const data = snapshot ? new CopyRowCounter() : undefined
      const captured = await captureDump({
        dump,
        compression: outside ? compression : NO_COMPRESSION,
        file,
        // With a snapshot (restore-check source), the archive's tables are then read in it on the source and compared.
        check: async (stored) => {
          const figures = await readThrough(stored, outside ? compression.name : 'none', timeoutMs, created, data)
          return data && snapshot ? { ...figures, ...(await compareWithSource(database, snapshot, data, timeoutMs)) } : figures
        },
        encryption,
        open
      })
      return { dump, captured }
    }
    const { dump, captured } = readSource ? await inExportedSnapshot(database, timeoutMs, capture) : await capture()
    requireSuccess('pg_dump', captured.dump, timeoutMs)
    const dependents = await leftOutDependencies(database, options, created, timeoutMs)
    return storedSnapshot(file, captured, {
      command: commandLine(dump),
      compression: outside ? captured.compressor : `${describeCompression(compression)} (pg_dump, inside the archive)`,
      ...dependents
    })
  },

  verify: ({ file, timeoutMs }: VerifyRequest) => readThrough(storedBytes(file), compressionOfName(file), timeoutMs),

  async estimateSize(database: DatabaseConfig, _workDir: string, timeoutMs: number): Promise<number> {
    const result = await runTool(psqlCommand(await requirePsql(), database, ['--tuples-only', '--no-align', '--command=SELECT pg_database_size(current_database())'], { timeoutMs }))
    requireSuccess('psql asking pg_database_size', result, timeoutMs)
    return Number(result.stdout.trim())
  }
}

// Each name as a JSON string, one a line: a name with a line break in it stays one name.
const LIST_DATABASES = `SELECT to_json(datname)::text FROM pg_database
WHERE datallowconn AND NOT datistemplate AND has_database_privilege(datname, 'CONNECT') ORDER BY datname`

/** db-name `*`: the databases that allow connections and that the user may connect to, templates left out. */
export const listDatabases: ListDatabases = async ({ database, timeoutMs }) =>
  (await psql(database, LIST_DATABASES, timeoutMs))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as string)
