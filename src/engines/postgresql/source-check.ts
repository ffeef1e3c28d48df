import { PassThrough, Readable } from 'node:stream'
import type { DatabaseConfig } from '../../config/types.js'
import { runFed } from '../../util/dump-feed.js'
import { describeFailure, requireSuccess } from '../../util/process.js'
import { contentDifferences, comparedText, countMismatches, differencesText, digestDifferences } from '../shared/contents.js'
import { psqlCommand, requirePsql } from './psql.js'
import { CopyRowCounter } from './content.js'
import { DATA_SESSION_ENV } from './target-content.js'
import type { Figures } from '../types.js'

/**
 * restore-check source: the backup compared with the database itself, not only with itself. A
 * transaction on the source exports its snapshot; pg_dump dumps in it (`--snapshot`), and once
 * the archive is read through, every table it holds is read again in the same snapshot by psql's
 * own COPY, independently of pg_dump, and digested the same way. A dump tool that wrote other
 * rows than the database held fails the check.
 */

const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+(?:-\d+)?$/m

/** psql reading its script from stdin. */
const SCRIPT_ON_STDIN = ['--quiet', '--tuples-only', '--no-align', '--set=ON_ERROR_STOP=1', '--file=-']

/** Runs `work` with the id of a snapshot that a transaction on the source holds open until it is done. */
export async function inExportedSnapshot<T>(database: DatabaseConfig, timeoutMs: number, work: (snapshot: string) => Promise<T>): Promise<T> {
  const psql = await requirePsql()
  const input = new PassThrough()
  let said = ''
  let announce: (id: string) => void = () => undefined
  const exported = new Promise<string>((resolve) => (announce = resolve))
  const session = runFed(psqlCommand(psql, database, SCRIPT_ON_STDIN, { timeoutMs }), input, {
    stdout: (chunk) => {
      said += chunk.toString('latin1')
      const id = SNAPSHOT_ID.exec(said)
      if (id) announce(id[0])
    }
  })
  // Ended before it said its snapshot, the session failed: its error says why.
  const endedEarly = session.then((result) => Promise.reject(new Error(describeFailure('psql exporting the snapshot pg_dump dumps in', result, timeoutMs))))
  endedEarly.catch(() => undefined)
  input.write('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\nSELECT pg_export_snapshot();\n')
  let result: T
  try {
    result = await work(await Promise.race([exported, endedEarly]))
  } finally {
    input.end('COMMIT;\n')
    await session
  }
  // The dump and the source read are done: a session that could not end its transaction changes neither.
  const ended = await session
  requireSuccess('psql holding the snapshot pg_dump dumped in', ended, timeoutMs)
  return result
}

/**
 * The psql script that reads each table in the snapshot, as a data script pg_dump would write:
 * a COPY header (named t0, t1, ...: the real names are given back after), the rows, `\.`. The
 * tables' names are the archive's own bytes, in its encoding, which the session speaks.
 */
function sourceScript(snapshot: string, names: Buffer[], encoding: string): Buffer {
  const lines: Buffer[] = [
    Buffer.from(
      [
        `SET client_encoding = '${encoding}';`,
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;',
        `SET TRANSACTION SNAPSHOT '${snapshot}';`,
        // pg_dump's own session settings: the same text for the same values.
        "SET DateStyle = 'ISO'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3; SET row_security = off;",
        ''
      ].join('\n')
    )
  ]
  names.forEach((name, index) => lines.push(Buffer.from(`\\echo 'COPY t${index} FROM stdin;'\nCOPY `), name, Buffer.from(` TO STDOUT;\n\\echo '\\\\.'\n`)))
  lines.push(Buffer.from('COMMIT;\n'))
  return Buffer.concat(lines)
}

/**
 * Reads every table of `archive` on the source in `snapshot` and compares its rows and digest
 * with the archive's; throws naming each table that differs.
 */
export async function compareWithSource(database: DatabaseConfig, snapshot: string, archive: CopyRowCounter, timeoutMs: number): Promise<Figures> {
  const psql = await requirePsql()
  const tables = [...archive.rows.keys()]
  const source = new CopyRowCounter()
  const result = await runFed(
    psqlCommand(psql, database, SCRIPT_ON_STDIN, { env: DATA_SESSION_ENV, timeoutMs }),
    Readable.from([sourceScript(snapshot, tables.map((table) => archive.rawName(table)), archive.encoding)]),
    { stdout: (chunk) => source.push(chunk) }
  )
  requireSuccess('psql reading the source tables in the dump\'s snapshot', result, timeoutMs)
  const rows = new Map(tables.map((table, index) => [table, source.rows.get(`t${index}`) ?? 0]))
  const digests = source.digests()
  const sourceDigests = new Map(tables.map((table, index) => [table, digests.get(`t${index}`) ?? '']))
  const units = { object: 'rows', holder: 'table' }
  const differences = contentDifferences(archive.rows, rows, units)
  const counted = countMismatches(archive.rows, rows)
  differences.push(...(await digestDifferences({ archive: archive.digests() }, sourceDigests, units, counted)))
  if (differences.length > 0) throw new Error(`the dump differs from the database it was taken from, read in the same snapshot: ${differencesText(differences)}`)
  return { 'source check': `${comparedText(archive.rows, units, true)} (the source read in the dump's snapshot)` }
}
