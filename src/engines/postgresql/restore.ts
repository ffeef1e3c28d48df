import { availableParallelism } from 'node:os'
import type { DatabaseConfig } from '../../config/types.js'
import { requireTool } from '../../tools/find.js'
import { describeFailure, requireSuccess, runStreaming, runTool, toolFailed } from '../../util/process.js'
import { conninfo, passwordEnv } from './connection.js'
import { CopyRowCounter } from './content.js'
import { readTableData, serverMajor, tableRows, textDiffers } from './target-content.js'
import { restoreCheck } from './restore-check.js'
import { archiveTable, databaseTable, firstDifferingRow } from './row-finder.js'
import { plainFile } from '../shared/restore-input.js'
import { ConfinementError } from '../shared/confinement.js'
import { PgScriptScanner, type NamedRoles } from './confinement.js'
import { DEFAULT_FIDELITY, describeRestoreFailure, planDatabaseSettings, planOwnership, type OwnershipPlan } from './restore-fidelity.js'
import type { ContentCheck, Figures, Restored, RestoreFidelity, RestoreRequest, Restorer } from '../types.js'

const MAX_JOBS = 4

/**
 * pg_restore's arguments: the archive is a file (never stdin). `owners`: with the archive's owners
 * and privileges (else --no-owner --no-privileges: everything owned by the restoring user).
 * `singleTransaction`: all or nothing; it excludes --jobs, so jobs is then 1.
 */
export function restoreArgs(database: DatabaseConfig, archive: string, mode: RestoreRequest['mode'], jobs: number, options: RestoreArgsOptions = { owners: false, singleTransaction: false }): string[] {
  return [
    ...(options.owners ? [] : ['--no-owner', '--no-privileges']),
    '--exit-on-error',
    '--no-password',
    ...(options.singleTransaction ? ['--single-transaction'] : jobs > 1 ? [`--jobs=${jobs}`] : []),
    // clean: each object of the archive is dropped (if there) and made again; nothing else is touched.
    ...(mode === 'clean' ? ['--clean', '--if-exists'] : []),
    `--dbname=${conninfo(database)}`,
    archive
  ]
}

export interface RestoreArgsOptions {
  owners: boolean
  singleTransaction: boolean
}

/**
 * The SQL of the archive's schema as this restore would run it (the same options, written as a
 * script instead of sent), read whole by the confinement scan before anything runs.
 */
export function schemaScriptArgs(archive: string, mode: RestoreRequest['mode'], owners = false): string[] {
  return ['--schema-only', ...(owners ? [] : ['--no-owner', '--no-privileges']), ...(mode === 'clean' ? ['--clean', '--if-exists'] : []), '--file=-', archive]
}

/**
 * Reads a script pg_restore writes from the archive (`--file=-`) through the confinement scan
 * (confinement.ts), and through `alsoRead` if given; the first refusal wins, and the
 * script is still read to its end so that pg_restore is not left writing into a closed pipe.
 */
async function readScriptConfined(
  pgRestore: string,
  args: string[],
  database: DatabaseConfig,
  what: string,
  timeoutMs: number,
  alsoRead?: (chunk: Buffer) => void,
  privileges = false
): Promise<NamedRoles> {
  const scanner = new PgScriptScanner(database.name, `the archive's ${what}`, { privileges })
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
  requireSuccess(`pg_restore reading the archive's ${what}`, script, timeoutMs)
  scanner.finish()
  return scanner.roles
}

/**
 * Refuses an archive whose schema SQL would act outside the target, reading the script that will
 * run (with owners and privileges unless restore-ownership is skip), and says whether owners and
 * grants are restored (restore-fidelity.ts).
 */
async function checkSchemaConfined(pgRestore: string, archive: string, database: DatabaseConfig, mode: RestoreRequest['mode'], ownership: RestoreFidelity['ownership'], timeoutMs: number): Promise<OwnershipPlan> {
  const read = (owners: boolean) => readScriptConfined(pgRestore, schemaScriptArgs(archive, mode, owners), database, 'schema', timeoutMs, undefined, owners)
  if (ownership === 'require') {
    const named = await read(true).catch((error: unknown) => {
      // pg_dump writes a grant made by another than the owner under SET SESSION AUTHORIZATION, which is refused.
      throw error instanceof ConfinementError ? new ConfinementError(`${error.message} (the schema read with its owners and privileges: restore-ownership: skip restores without them)`) : error
    })
    return planOwnership(database, named, ownership, timeoutMs)
  }
  const run = await read(false)
  // Only to say what is left out: a script that is not run may be refused without harm.
  const named = await read(true).catch(() => undefined)
  return planOwnership(database, named ?? run, ownership, timeoutMs, named !== undefined)
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

  async restore({ database, file, workDir, timeoutMs, mode, fidelity = DEFAULT_FIDELITY }: RestoreRequest): Promise<Restored> {
    const pgRestore = await requireTool('pg_restore', 'install the PostgreSQL client (pg_restore)')
    // A zstd- or gzip-compressed archive (.dump.zst) is decompressed beside it first.
    const archive = await plainFile(file, `${file}.archive`)
    // Both scripts are read whole before pg_restore touches the target.
    const owners = await checkSchemaConfined(pgRestore, archive, database, mode, fidelity.ownership, timeoutMs)
    const settings = await planDatabaseSettings(pgRestore, archive, database, workDir, fidelity.databaseSettings, timeoutMs)
    const data = await archiveData(pgRestore, archive, database, timeoutMs)
    const archiveContents = data.rows
    const jobs = fidelity.atomic ? 1 : Math.min(MAX_JOBS, availableParallelism())
    const args = restoreArgs(database, archive, mode, jobs, { owners: owners.restore, singleTransaction: fidelity.atomic })
    const result = await runTool({ command: pgRestore, args, env: passwordEnv(database), timeoutMs })
    if (toolFailed(result)) throw new Error(await describeRestoreFailure(describeFailure('pg_restore', result, timeoutMs), fidelity.atomic, database, archiveContents, timeoutMs))
    await settings.apply()
    const rows = [...archiveContents.values()].reduce((sum, count) => sum + count, 0)
    const { content, figures } = await contentCheck(data, archive, database, timeoutMs)
    return {
      archive: archiveContents,
      content,
      figures: {
        restored: `${archiveContents.size} tables, ${rows} rows`,
        'parallel jobs': jobs,
        transaction: fidelity.atomic ? 'one (restore-atomic): a failure leaves the target as it was' : 'none (restore-atomic: false): a failure leaves the target partly restored',
        ...owners.figures,
        ...settings.figures,
        ...(archive !== file ? { decompressed: 'before pg_restore' } : {}),
        ...figures
      }
    }
  }
}
