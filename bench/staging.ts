/**
 * staging stream against staging disk (issue 14), on a PostgreSQL database of poorly compressible
 * text (base64 of SHA-512 digests) sized so that its zstd dump is about 1 GB, 4 GB, ...: the
 * action's whole run to a local directory in each mode, side by side, with its wall time, its
 * peak RSS (/usr/bin/time) and the peak bytes it kept in RUNNER_TEMP (sampled every 100 ms).
 * Prints a table and writes it to bench/STAGING.md.
 *
 *   node bench/run.mjs staging          dumps of about 1 and 4 GB
 *   node bench/run.mjs staging 1        only 1 GB
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { bytesUnder } from '../src/util/files.js'
import { parseOutputFile } from '../test/support/action.js'
import { startPostgres, type PostgresServer } from '../test/support/postgres.js'

const DIST = process.env.ACTION_DIST ?? '/tmp/perf-dist/index.js'
const GB = 1e9
const MB = 1e6
/** Bytes of zstd-compressed dump per row, measured on this data (45 base64 SHA-512 digests a row). */
const DUMP_BYTES_PER_ROW = 3100

interface Run {
  seconds: number
  peakRssMB: number
  peakTempBytes: number
  sizeBytes: number
  figures: Record<string, unknown>
}

async function actionRun(pg: PostgresServer, staging: string, runnerTemp: string, store: string): Promise<Run> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/root',
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: join(runnerTemp, '..', `${staging}-output`),
    GITHUB_STEP_SUMMARY: join(runnerTemp, '..', `${staging}-summary`)
  }
  const inputs = {
    'db-type': 'postgresql',
    'db-host': pg.host,
    'db-port': String(pg.port),
    'db-name': 'big',
    'db-user': pg.user,
    'db-password': pg.password,
    'storage-type': 'local',
    path: store,
    staging,
    notify: 'file',
    'audit-dir': join(runnerTemp, '..', `${staging}-audit`)
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  writeFileSync(env.GITHUB_OUTPUT, '')
  writeFileSync(env.GITHUB_STEP_SUMMARY, '')
  let peakTempBytes = 0
  let sampling = false
  const sampler = setInterval(() => {
    if (sampling) return
    sampling = true
    void bytesUnder(runnerTemp).then((bytes) => {
      peakTempBytes = Math.max(peakTempBytes, bytes)
      sampling = false
    })
  }, 100)
  const started = performance.now()
  const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, DIST], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  if (code !== 0) throw new Error(`the action (staging ${staging}) failed:\n${stdout.slice(-3000)}\n${stderr.slice(-2000)}`)
  const outputs = parseOutputFile(await readFile(env.GITHUB_OUTPUT, 'utf8'))
  const audit = JSON.parse(await readFile(outputs['audit-file'], 'utf8')) as { steps: { name: string; figures: Record<string, unknown> }[] }
  const figures = Object.assign({}, ...audit.steps.filter((step) => ['take-snapshot', 'upload-to-storage'].includes(step.name)).map((step) => step.figures))
  return { seconds, peakRssMB: Number(stderr.trim().split('\n').pop()) / 1024, peakTempBytes, sizeBytes: Number(outputs['size-bytes']), figures }
}

async function seed(pg: PostgresServer, rows: number): Promise<void> {
  await pg.sql('postgres', 'DROP DATABASE IF EXISTS big')
  await pg.sql('postgres', 'CREATE DATABASE big')
  await pg.sql('big', 'CREATE UNLOGGED TABLE blobs (id int PRIMARY KEY, body text)')
  // In batches, so that no single statement holds gigabytes.
  for (let from = 1; from <= rows; from += 100_000) {
    const to = Math.min(rows, from + 99_999)
    await pg.sql(
      'big',
      `INSERT INTO blobs SELECT g, (SELECT string_agg(encode(sha512((g * 100 + i)::text::bytea), 'base64'), '') FROM generate_series(1, 45) i) FROM generate_series(${from}, ${to}) g`
    )
  }
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0)
  if (sizes.length === 0) sizes.push(1, 4)
  if (!process.env.ACTION_DIST) {
    const built = spawnSync('npx', ['ncc', 'build', 'src/actions/backup/index.ts', '-o', '/tmp/perf-dist'], { stdio: 'inherit' })
    if (built.status !== 0) throw new Error('building the bundle failed')
  }
  const pg = await startPostgres()
  const work = await mkdtemp(join(tmpdir(), 'bench-staging-'))
  const rows: string[] = []
  try {
    for (const gb of sizes) {
      console.log(`generating a database for a ${gb} GB dump ...`)
      await seed(pg, Math.round((gb * GB) / DUMP_BYTES_PER_ROW))
      const dbSize = Number((await pg.sql('big', 'SELECT pg_database_size(current_database())')).trim())
      const results: Record<string, Run> = {}
      for (const staging of ['stream', 'disk']) {
        const runnerTemp = join(work, `${staging}-temp`)
        const store = join(work, `${staging}-store`)
        mkdirSync(runnerTemp, { recursive: true })
        console.log(`staging ${staging} ...`)
        results[staging] = await actionRun(pg, staging, runnerTemp, store)
        await rm(store, { recursive: true, force: true })
      }
      for (const [staging, run] of Object.entries(results)) {
        rows.push(
          `| ${(dbSize / GB).toFixed(2)} GB database, ${(run.sizeBytes / GB).toFixed(2)} GB dump | ${staging} | ${run.seconds.toFixed(1)} s | ` +
            `${(run.peakTempBytes / MB).toFixed(1)} MB | ${run.peakRssMB.toFixed(0)} MB | ${run.figures.parts ?? ''} | ${(run.sizeBytes / MB / run.seconds).toFixed(0)} MB/s |`
        )
      }
      rows.push(`| | stream / disk wall | ${(results.stream.seconds / results.disk.seconds).toFixed(2)} × | | | | |`)
    }
  } finally {
    await pg.stop()
    await rm(work, { recursive: true, force: true })
  }
  const text = [
    '# staging stream against staging disk',
    '',
    `- Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`node bench/run.mjs staging ${sizes.join(' ')}\`, once per mode, side by side.`,
    `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; storage: a local directory (no emulator bounds the rate).`,
    '- RUNNER_TEMP peak: the most bytes of files under RUNNER_TEMP, sampled every 100 ms; peak RSS: the action\'s node process (/usr/bin/time).',
    '',
    '| data | staging | wall (whole run) | RUNNER_TEMP peak | peak RSS | parts | dump MB/s |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    ''
  ].join('\n')
  console.log(text)
  writeFileSync(join(process.cwd(), 'bench', 'STAGING.md'), text)
}

await main()
