import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { DatabaseConfig } from '../../config/types.js'
import { requireTool } from '../../tools/find.js'
import { errorMessage } from '../../util/errors.js'
import { compressionOfName, storedBytes } from '../../util/compression.js'
import { decoded, runFed } from '../../util/dump-feed.js'
import { requireSuccess } from '../../util/process.js'
import { comparedText, contentDifferences, countMismatches, differencesText, digestDifferences } from '../shared/contents.js'
import { conninfo, passwordEnv } from './connection.js'
import { psql } from './psql.js'
import { CopyRowCounter } from './content.js'
import { readTableData } from './target-content.js'
import { archiveTable, databaseTable, firstDifferingRow } from './row-finder.js'
import type { Figures, VerifyRequest } from '../types.js'

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** The archive in a dump file, decompressed if it was piped through zstd (`.dump.zst`), for pg_restore's stdin. */
function archive(file: string): Readable {
  return decoded(storedBytes(file), compressionOfName(file))
}

/** The source database's encoding and locale, for a scratch database that holds its text as it does. */
const SOURCE_LOCALE = `SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database WHERE datname = current_database()`

function sqlLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`
}

/** CREATE DATABASE for the scratch: from template0, in the source's encoding and locale (template1's may differ). */
export async function createScratchSql(database: DatabaseConfig, name: string, timeoutMs: number): Promise<string> {
  const [encoding, collate, ctype] = (await psql(database, SOURCE_LOCALE, timeoutMs)).trim().split('\t')
  return `CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE template0 ENCODING ${sqlLiteral(encoding)} LC_COLLATE ${sqlLiteral(collate)} LC_CTYPE ${sqlLiteral(ctype)}`
}

const UNITS = { object: 'rows', holder: 'table' }

/**
 * Restores the archive into a scratch database on the same server, then reads it back with
 * pg_dump and compares every table's rows and content digest with the archive's. The scratch
 * database is dropped whatever happens. The comparison is with the archive, not with the live
 * source, which may have changed since.
 */
export async function restoreCheck({ database, file, timeoutMs }: VerifyRequest): Promise<Figures> {
  const pgRestore = await requireTool('pg_restore', 'install the PostgreSQL client (pg_restore)')
  const counter = new CopyRowCounter()
  const script = await runFed({ command: pgRestore, args: ['--data-only', '--file=-'], timeoutMs }, archive(file), { stdout: (chunk) => counter.push(chunk) })
  requireSuccess('pg_restore reading the table data', script, timeoutMs)

  const scratchName = `restore_check_${randomBytes(4).toString('hex')}`
  const scratch: DatabaseConfig = { ...database, name: scratchName }
  try {
    await psql(database, await createScratchSql(database, scratchName, timeoutMs), timeoutMs).catch((error: unknown) => {
      throw new Error(`restore-check could not create the scratch database ${scratchName} (the user needs CREATEDB): ${errorMessage(error)}`)
    })
    const restore = await runFed(
      {
        command: pgRestore,
        args: ['--no-owner', '--no-privileges', '--exit-on-error', '--no-password', `--dbname=${conninfo(scratch)}`],
        env: passwordEnv(database),
        timeoutMs
      },
      archive(file)
    )
    requireSuccess('restoring into the scratch database: pg_restore', restore, timeoutMs)

    const restored = await readTableData(scratch, counter.encoding, timeoutMs)
    const differences = contentDifferences(counter.rows, restored.rows, UNITS)
    const counted = countMismatches(counter.rows, restored.rows)
    const check = { archive: counter.digests(), firstDifference: (table: string) =>
        firstDifferingRow(archiveTable(file, table, timeoutMs), databaseTable(scratch, table, counter.encoding, timeoutMs), scratch, table, timeoutMs) }
    differences.push(...(await digestDifferences(check, restored.digests, UNITS, counted)))
    if (differences.length > 0) throw new Error(`the restored database differs from the dump: ${differencesText(differences)}`)
    return { 'restore check': `${comparedText(counter.rows, UNITS, true)} (restored into a scratch database, read back with pg_dump)` }
  } finally {
    await dropScratch(database, scratchName, timeoutMs)
  }
}

async function dropScratch(database: DatabaseConfig, name: string, timeoutMs: number): Promise<void> {
  try {
    // FORCE (PostgreSQL 13 and newer) ends connections a failed restore may have left.
    await psql(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`, timeoutMs, true).catch(() =>
      psql(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`, timeoutMs, true)
    )
  } catch (error) {
    core.warning(`the scratch database ${name} could not be dropped: drop it by hand (${errorMessage(error)})`)
  }
}
