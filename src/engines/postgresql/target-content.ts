import type { DatabaseConfig } from '../../config/types.js'
import { requireTool } from '../../tools/find.js'
import { requireSuccess, runStreaming } from '../../util/process.js'
import { conninfo, passwordEnv } from './connection.js'
import { CopyRowCounter } from './content.js'
import { psql } from './psql.js'
import type { Contents, Digests } from '../types.js'

/** What a PostgreSQL target holds, read back after a restore: its row counts (psql), its rows' digests (pg_dump through the CopyRowCounter), its server's major. */

/** Exact row counts of every ordinary table, named as pg_dump names them (quote_ident, schema-qualified). */
const COUNT_ROWS = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),
       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`

/** Exact row counts of every ordinary table of the database. */
export async function tableRows(database: DatabaseConfig, timeoutMs: number): Promise<Contents> {
  const rows: Contents = new Map()
  for (const line of (await psql(database, COUNT_ROWS, timeoutMs)).split('\n').filter(Boolean)) {
    const [table, count] = line.split('\t')
    rows.set(table, Number(count))
  }
  return rows
}

/**
 * The session every dump and read-back of table data runs in, beside the settings pg_dump sets
 * itself (DateStyle ISO, IntervalStyle postgres, extra_float_digits 3): timestamptz values are
 * written in UTC, so that an archive and a target on servers in different time zones write the
 * same text for the same instant.
 */
export const DATA_SESSION_ENV: Record<string, string> = { PGTZ: 'UTC' }

/** What one read of table data holds: rows and content digests per table, as pg_dump names them. */
export interface TableData {
  rows: Contents
  digests: Digests
}

/**
 * The table data of a database as the same client dumps it (`pg_dump --data-only`, the plain
 * script, in `encoding`: the archive's, so names and values are the same bytes), read through a
 * CopyRowCounter: the digests of a restored database, to compare with the archive's.
 */
export async function readTableData(database: DatabaseConfig, encoding: string, timeoutMs: number): Promise<TableData> {
  const pgDump = await requireTool('pg_dump', 'install the PostgreSQL client (pg_dump)')
  const counter = new CopyRowCounter()
  const result = await runStreaming(
    {
      command: pgDump,
      args: ['--data-only', '--format=plain', `--encoding=${encoding}`, '--no-password', `--dbname=${conninfo(database)}`],
      env: { ...passwordEnv(database), ...DATA_SESSION_ENV },
      timeoutMs
    },
    (chunk) => counter.push(chunk)
  )
  requireSuccess('pg_dump reading the restored table data back', result, timeoutMs)
  return { rows: counter.rows, digests: counter.digests() }
}

/** The server's major version (`server_version_num` 150008 -> 15; 90624 -> 9.6). */
export async function serverMajor(database: DatabaseConfig, timeoutMs: number): Promise<number> {
  const number = Number((await psql(database, 'SHOW server_version_num', timeoutMs)).trim())
  return number >= 100000 ? Math.floor(number / 10000) : Math.floor(number / 10000) + Math.floor((number % 10000) / 100) / 10
}

/**
 * Why the text of the same values may differ between an archive dumped from `dumpedFrom` and a
 * server of major `target`, or undefined where it cannot: from PostgreSQL 12 on, extra_float_digits
 * 3 writes the shortest exact text of a float, before it 17 significant digits.
 */
export function textDiffers(dumpedFrom: number | undefined, target: number): string | undefined {
  if (dumpedFrom === undefined || dumpedFrom === target || (dumpedFrom >= 12 && target >= 12)) return undefined
  return `the backup was dumped from PostgreSQL ${dumpedFrom} and the target is ${target}: float values are written as different text on either side of 12`
}
