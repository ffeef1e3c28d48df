import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { DatabaseConfig } from '../config/types.js'
import { requireTool } from '../tools/find.js'
import { errorMessage } from '../util/errors.js'
import { compressionOfName, storedBytes } from '../util/compression.js'
import { decoded, runFed } from '../util/dump-stream.js'
import { describeFailure, runTool } from '../util/process.js'
import type { Figures, VerifyRequest } from './types.js'
import { conninfo, passwordEnv } from './postgresql-connection.js'

/**
 * Counts the rows of each table's data in a pg_restore SQL script, as it streams past: the lines
 * between `COPY <table> (...) FROM stdin;` and `\.`. COPY's text format escapes newlines inside
 * values, so a line is a row.
 */
export class CopyRowCounter {
  readonly rows = new Map<string, number>()
  private table: string | undefined
  private partial = ''

  push(chunk: Buffer): void {
    const lines = (this.partial + chunk.toString('utf8')).split('\n')
    this.partial = lines.pop() ?? ''
    for (const line of lines) this.line(line)
  }

  private line(line: string): void {
    if (this.table === undefined) {
      const copy = /^COPY (.+?) (?:\(.*\) )?FROM stdin;$/.exec(line)
      if (copy) {
        this.table = copy[1]
        this.rows.set(this.table, this.rows.get(this.table) ?? 0)
      }
    } else if (line === '\\.') {
      this.table = undefined
    } else {
      this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + 1)
    }
  }
}

/** Exact row counts of every ordinary table, named as pg_dump names them (quote_ident, schema-qualified). */
export const COUNT_ROWS = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),
       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`

export async function psql(database: DatabaseConfig, sql: string, timeoutMs: number, cleanup = false): Promise<string> {
  const psqlPath = await requireTool('psql', 'install the PostgreSQL client (psql)')
  const result = await runTool({
    command: psqlPath,
    args: ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--field-separator=\t', '--set=ON_ERROR_STOP=1', `--command=${sql}`, `--dbname=${conninfo(database)}`],
    env: passwordEnv(database),
    timeoutMs,
    cleanup
  })
  if (result.exitCode !== 0 || result.timedOut) throw new Error(describeFailure('psql', result, timeoutMs))
  return result.stdout
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** The archive in a dump file, decompressed if it was piped through zstd (`.dump.zst`), for pg_restore's stdin. */
function archive(file: string): Readable {
  return decoded(storedBytes(file), compressionOfName(file))
}

/**
 * Restores the archive into a scratch database on the same server, then checks that every table
 * holds as many rows as the archive does. The scratch database is dropped whatever happens. The
 * comparison is with the archive, not with the live source, which may have changed since.
 */
export async function restoreCheck({ database, file, timeoutMs }: VerifyRequest): Promise<Figures> {
  const pgRestore = await requireTool('pg_restore', 'install the PostgreSQL client (pg_restore)')
  const counter = new CopyRowCounter()
  const script = await runFed({ command: pgRestore, args: ['--data-only', '--file=-'], timeoutMs }, archive(file), { stdout: (chunk) => counter.push(chunk) })
  if (script.exitCode !== 0 || script.timedOut) throw new Error(describeFailure('pg_restore reading the table data', script, timeoutMs))

  const scratchName = `restore_check_${randomBytes(4).toString('hex')}`
  const scratch: DatabaseConfig = { ...database, name: scratchName }
  try {
    await psql(database, `CREATE DATABASE ${quoteIdentifier(scratchName)}`, timeoutMs).catch((error: unknown) => {
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
    if (restore.exitCode !== 0 || restore.timedOut) throw new Error(describeFailure('restoring into the scratch database: pg_restore', restore, timeoutMs))

    const restored = new Map<string, number>()
    for (const line of (await psql(scratch, COUNT_ROWS, timeoutMs)).split('\n').filter(Boolean)) {
      const [table, count] = line.split('\t')
      restored.set(table, Number(count))
    }
    const differences = rowCountDifferences(counter.rows, restored)
    if (differences.length > 0) {
      throw new Error(`the restored database differs from the dump: ${differences.slice(0, 5).join('; ')}${differences.length > 5 ? '; ...' : ''}`)
    }
    const rows = [...counter.rows.values()].reduce((sum, count) => sum + count, 0)
    return { 'restore check': `${counter.rows.size} tables, ${rows} rows restored into a scratch database and matched` }
  } finally {
    await dropScratch(database, scratchName, timeoutMs)
  }
}

/** Each table of the dump whose rows did not all come back. */
export function rowCountDifferences(dumped: Map<string, number>, restored: Map<string, number>): string[] {
  const differences: string[] = []
  for (const [table, rows] of dumped) {
    const got = restored.get(table)
    if (got !== rows) differences.push(`${table}: ${rows} in the dump, ${got ?? 'no table'} restored`)
  }
  return differences
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
