/**
 * restore check read-through (issue 22): one 50 MB row against 50,000 small rows of the same
 * total, on a throwaway PostgreSQL. Each archive (pg_dump -Fc -Z0) is read as restore-check reads
 * it, pg_restore --data-only --file=- into CopyRowCounter, and its script (about 100 MB: bytea is
 * written in hex) is then fed again from memory in 64 KB chunks, as a pipe delivers it, to the
 * counter alone and to the counter with PgScriptScanner (what the restore action reads it with).
 * Every round runs each case once, side by side; the figures are medians of 3, in MB/s of script.
 *
 *   node bench/run.mjs restore-read
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { CopyRowCounter } from '../src/engines/postgresql/content.js'
import { PgScriptScanner } from '../src/engines/postgresql/confinement.js'
import { MysqlDumpScanner } from '../src/engines/mysql/confinement.js'
import { SqlRowCounter } from '../src/engines/mysql/dump-reader.js'
import { runOk } from '../test/support/run.js'
import { startPostgres, type PostgresServer } from '../test/support/postgres.js'

const MB = 1e6
const ROUNDS = 3
const PIPE_CHUNK = 64 * 1024
const HEX16 = "'0123456789abcdef'"

interface Case {
  label: string
  database: string
  rows: number
  fill: string
  file?: string
  script?: Buffer
}

const CASES: Case[] = [
  { label: 'one 50 MB row', database: 'one_huge_row', rows: 1, fill: `SELECT 1, decode(repeat(${HEX16}, 6250000), 'hex')` },
  { label: '50,000 rows of 1 KB', database: 'many_small_rows', rows: 50_000, fill: `SELECT g, decode(repeat(${HEX16}, 125), 'hex') FROM generate_series(1, 50000) g` }
]

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** pg_restore's script of the archive, through the counter as restore-check reads it: seconds, the script, the rows counted. */
function readThrough(pg: PostgresServer, file: string): Promise<{ seconds: number; script: Buffer; rows: number }> {
  return new Promise((resolve, reject) => {
    const counter = new CopyRowCounter()
    const chunks: Buffer[] = []
    const started = process.hrtime.bigint()
    const child = spawn(join(pg.binDir, 'pg_restore'), ['--data-only', '--file=-', file], { stdio: ['ignore', 'pipe', 'inherit'] })
    child.stdout.on('data', (chunk: Buffer) => {
      counter.push(chunk)
      chunks.push(chunk)
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pg_restore exited with code ${code}`))
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      resolve({ seconds, script: Buffer.concat(chunks), rows: counter.rows.get('public.blobs') ?? -1 })
    })
  })
}

/** The script from memory, in pipe-sized chunks, through the counter (and the scanner): seconds. */
function parse(script: Buffer, withScanner: boolean, rows: number): number {
  const counter = new CopyRowCounter()
  const scanner = withScanner ? new PgScriptScanner('bench', "the archive's data") : undefined
  const started = process.hrtime.bigint()
  for (let at = 0; at < script.length; at += PIPE_CHUNK) {
    const chunk = script.subarray(at, at + PIPE_CHUNK)
    counter.push(chunk)
    scanner?.push(chunk)
  }
  scanner?.finish()
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (counter.rows.get('public.blobs') !== rows) throw new Error(`counted ${counter.rows.get('public.blobs')} rows, expected ${rows}`)
  return seconds
}

/**
 * The same two shapes as mariadb-dump writes them (--hex-blob; extended INSERTs of about 1 MB, its
 * net_buffer_length), made in memory: one 50 MB blob, and 50,000 rows of 1 KB.
 */
function mariadbScripts(): Buffer[] {
  const header = Buffer.from('-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB\nCREATE TABLE `blobs` (\n  `id` int,\n  `data` longblob\n);\n')
  const hex = (bytes: number): string => `0x${'ab'.repeat(bytes)}`
  const huge = Buffer.concat([header, Buffer.from(`INSERT INTO \`blobs\` VALUES (1,${hex(50_000_000)});\n`)])
  const statements: string[] = []
  for (let first = 0; first < 50_000; first += 500) {
    statements.push(`INSERT INTO \`blobs\` VALUES ${Array.from({ length: 500 }, (_, i) => `(${first + i},${hex(1000)})`).join(',')};`)
  }
  return [huge, Buffer.concat([header, Buffer.from(statements.join('\n') + '\n')])]
}

/** A MariaDB script from memory through the reader (and the confinement scan, as the restore reads it): seconds. */
function parseMariadb(script: Buffer, withScanner: boolean, rows: number): number {
  const counter = new SqlRowCounter()
  const scanner = withScanner ? new MysqlDumpScanner('bench') : undefined
  const started = process.hrtime.bigint()
  for (let at = 0; at < script.length; at += PIPE_CHUNK) {
    const chunk = script.subarray(at, at + PIPE_CHUNK)
    counter.push(chunk)
    scanner?.push(chunk)
  }
  counter.finish()
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (counter.rows.get('blobs') !== rows) throw new Error(`the MariaDB reader counted ${counter.rows.get('blobs')} rows, expected ${rows}`)
  return seconds
}

async function main(): Promise<void> {
  const pg = await startPostgres()
  const dir = await mkdtemp(join(tmpdir(), 'restore-read-'))
  try {
    const env = { ...process.env, PGPASSWORD: pg.password }
    for (const c of CASES) {
      console.log(`filling ${c.database} ...`)
      await pg.sql('postgres', `CREATE DATABASE ${c.database}`)
      await pg.sql(c.database, `CREATE TABLE blobs (id int, data bytea); INSERT INTO blobs ${c.fill}`)
      c.file = join(dir, `${c.database}.dump`)
      await runOk(join(pg.binDir, 'pg_dump'), ['-Fc', '-Z0', '-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-f', c.file, c.database], { env })
    }
    const mariadb = mariadbScripts()
    const mariadbRead: number[][] = [[], []]
    const mariadbScanned: number[][] = [[], []]
    const through = new Map<Case, number[]>(CASES.map((c) => [c, []]))
    const counted = new Map<Case, number[]>(CASES.map((c) => [c, []]))
    const scanned = new Map<Case, number[]>(CASES.map((c) => [c, []]))
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of CASES) {
        const read = await readThrough(pg, c.file as string)
        if (read.rows !== c.rows) throw new Error(`${c.label}: the read-through counted ${read.rows} rows, expected ${c.rows}`)
        c.script = read.script
        through.get(c)?.push(read.seconds)
        counted.get(c)?.push(parse(read.script, false, c.rows))
        scanned.get(c)?.push(parse(read.script, true, c.rows))
      }
      mariadb.forEach((script, index) => {
        mariadbRead[index].push(parseMariadb(script, false, CASES[index].rows))
        mariadbScanned[index].push(parseMariadb(script, true, CASES[index].rows))
      })
    }
    const rate = (c: Case, times: Map<Case, number[]>): number => (c.script as Buffer).length / MB / median(times.get(c) as number[])
    const [huge, small] = CASES
    const lines = [
      `- Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB; Node.js ${process.version}; medians of ${ROUNDS}.`,
      `- Scripts: ${CASES.map((c) => `${c.label} ${((c.script as Buffer).length / MB).toFixed(1)} MB`).join(', ')} (bytea in hex).`,
      '',
      '| case | one 50 MB row | 50,000 rows of 1 KB | huge / small |',
      '|---|---|---|---|'
    ]
    for (const [what, times] of [
      ['pg_restore --data-only --file=- into CopyRowCounter (restore-check)', through],
      ['CopyRowCounter alone, 64 KB chunks from memory', counted],
      ['CopyRowCounter + PgScriptScanner, 64 KB chunks from memory (the restore action)', scanned]
    ] as const) {
      lines.push(`| ${what} | ${rate(huge, times).toFixed(0)} MB/s | ${rate(small, times).toFixed(0)} MB/s | ${(rate(huge, times) / rate(small, times)).toFixed(2)} × |`)
    }
    for (const [what, times] of [
      ['MariaDB: SqlRowCounter alone, 64 KB chunks from memory (restore-check, the restore)', mariadbRead],
      ['MariaDB: SqlRowCounter + MysqlDumpScanner (the read of the whole dump before it runs)', mariadbScanned]
    ] as const) {
      const [hugeRate, smallRate] = times.map((seconds, index) => mariadb[index].length / MB / median(seconds))
      lines.push(`| ${what} | ${hugeRate.toFixed(0)} MB/s | ${smallRate.toFixed(0)} MB/s | ${(hugeRate / smallRate).toFixed(2)} × |`)
    }
    console.log(lines.join('\n'))
  } finally {
    await rm(dir, { recursive: true, force: true })
    await pg.stop()
  }
}

await main()
