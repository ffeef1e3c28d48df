import { availableParallelism } from 'node:os'
import type { DatabaseConfig } from '../config/types.js'
import { requireTool } from '../tools/find.js'
import { describeFailure, runStreaming, runTool } from '../util/process.js'
import { conninfo, passwordEnv } from './postgresql-connection.js'
import { CopyRowCounter, readTableData, serverMajor, tableRows, textDiffers } from './postgresql-content.js'
import { restoreCheck } from './postgresql-restore-check.js'
import { archiveTable, databaseTable, firstDifferingRow } from './postgresql-row-finder.js'
import { plainFile } from './restore-input.js'
import { PgScriptScanner } from './postgresql-confinement.js'
import type { ContentCheck, Figures, Restored, RestoreRequest, Restorer } from './types.js'

const MAX_JOBS = 4

/** pg_restore's arguments: the archive is a file (never stdin), so it can restore tables in parallel. */
export function restoreArgs(database: DatabaseConfig, archive: string, mode: RestoreRequest['mode'], jobs: number): string[] {
  return [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--no-password',
    ...(jobs > 1 ? [`--jobs=${jobs}`] : []),
    // clean: each object of the archive is dropped (if there) and made again; nothing else is touched.
    ...(mode === 'clean' ? ['--clean', '--if-exists'] : []),
    `--dbname=${conninfo(database)}`,
    archive
  ]
}

/**
 * The SQL of the archive's schema as this restore would run it (the same options, written as a
 * script instead of sent), read whole by the confinement scan before anything runs.
 */
export function schemaScriptArgs(archive: string, mode: RestoreRequest['mode']): string[] {
  return ['--schema-only', '--no-owner', '--no-privileges', ...(mode === 'clean' ? ['--clean', '--if-exists'] : []), '--file=-', archive]
}

/**
 * Reads a script pg_restore writes from the archive (`--file=-`) through the confinement scan
 * (postgresql-confinement.ts), and through `alsoRead` if given; the first refusal wins, and the
 * script is still read to its end so that pg_restore is not left writing into a closed pipe.
 */
async function readScriptConfined(pgRestore: string, args: string[], database: DatabaseConfig, what: string, timeoutMs: number, alsoRead?: (chunk: Buffer) => void): Promise<void> {
  const scanner = new PgScriptScanner(database.name, `the archive's ${what}`)
  let refused: unknown
  const script = await runStreaming({ command: pgRestore, args, timeoutMs }, (chunk) => {
    alsoRead?.(chunk)
    if (refused) return
    try {
      scanner.push(chunk)
    } catch (error) {
      refused = error
    }
  })
  if (refused) throw refused
  if (script.exitCode !== 0 || script.timedOut) throw new Error(describeFailure(`pg_restore reading the archive's ${what}`, script, timeoutMs))
  scanner.finish()
}

/** Refuses an archive whose schema SQL would act outside the target. */
function checkSchemaConfined(pgRestore: string, archive: string, database: DatabaseConfig, mode: RestoreRequest['mode'], timeoutMs: number): Promise<void> {
  return readScriptConfined(pgRestore, schemaScriptArgs(archive, mode), database, 'schema', timeoutMs)
}

/**
 * Rows and content digests per table of the archive, from the table data pg_restore writes as a
 * script; the same script (COPY headers, sequence values, anything else the data section holds)
 * is read by the confinement scan, COPY's rows skipped.
 */
async function archiveData(pgRestore: string, archive: string, database: DatabaseConfig, timeoutMs: number): Promise<CopyRowCounter> {
  const counter = new CopyRowCounter()
  await readScriptConfined(pgRestore, ['--data-only', '--file=-', archive], database, 'data', timeoutMs, (chunk) => counter.push(chunk))
  return counter
}

/**
 * The content comparison of a restore: the archive's digests against the target's, read back
 * with pg_dump in the archive's encoding; none where the two servers write the same values as
 * different text (the reason goes in the figures).
 */
async function contentCheck(counter: CopyRowCounter, archive: string, database: DatabaseConfig, timeoutMs: number): Promise<{ content?: ContentCheck; figures: Figures }> {
  const differs = textDiffers(counter.dumpedFromMajor, await serverMajor(database, timeoutMs))
  if (differs) return { figures: { 'content digests': `not compared: ${differs}` } }
  return {
    content: {
      archive: counter.digests(),
      readTarget: async () => (await readTableData(database, counter.encoding, timeoutMs)).digests,
      firstDifference: (table) =>
        firstDifferingRow(archiveTable(archive, table, timeoutMs), databaseTable(database, table, counter.encoding, timeoutMs), database, table, timeoutMs)
    },
    figures: {}
  }
}

export const postgresqlRestorer: Restorer = {
  units: { object: 'rows', holder: 'table' },
  usesClient: true,
  sharedHolders: false,
  restoredObjects: (archive) => archive.size,
  restoreCheck,

  contents: (database, _workDir, timeoutMs) => tableRows(database, timeoutMs),

  async restore({ database, file, timeoutMs, mode }: RestoreRequest): Promise<Restored> {
    const pgRestore = await requireTool('pg_restore', 'install the PostgreSQL client (pg_restore)')
    // A zstd- or gzip-compressed archive (.dump.zst) is decompressed beside it first.
    const archive = await plainFile(file, `${file}.archive`)
    // Both scripts are read whole before pg_restore touches the target.
    await checkSchemaConfined(pgRestore, archive, database, mode, timeoutMs)
    const data = await archiveData(pgRestore, archive, database, timeoutMs)
    const archiveContents = data.rows
    const jobs = Math.min(MAX_JOBS, availableParallelism())
    const result = await runTool({ command: pgRestore, args: restoreArgs(database, archive, mode, jobs), env: passwordEnv(database), timeoutMs })
    if (result.exitCode !== 0 || result.timedOut) throw new Error(describeFailure('pg_restore', result, timeoutMs))
    const rows = [...archiveContents.values()].reduce((sum, count) => sum + count, 0)
    const { content, figures } = await contentCheck(data, archive, database, timeoutMs)
    return {
      archive: archiveContents,
      content,
      figures: { restored: `${archiveContents.size} tables, ${rows} rows`, 'parallel jobs': jobs, ...(archive !== file ? { decompressed: 'before pg_restore' } : {}), ...figures }
    }
  }
}
