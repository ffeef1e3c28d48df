/**
 * The performance goals of issue 10, measured side by side on data this benchmark generates in
 * throwaway servers: a PostgreSQL database of 2 M rows of timestamps, random text, jsonb and
 * numeric (poorly compressible, over 500 MB on disk), pgbench's tables (highly compressible), and a
 * MariaDB database. Prints one table of the ratios and writes it to bench/RESULTS.md.
 *
 *   npm run bench                  (builds the bundle to /tmp/perf-dist first unless ACTION_DIST is set)
 *   BENCH_RUNS=5 npm run bench     medians of 5 rounds (the default is 3)
 *   BENCH_SHARED=1 npm run bench   say in RESULTS.md that the machine was shared while measured
 */
import { spawnSync } from 'node:child_process'
import { cpus, totalmem } from 'node:os'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Compression, DatabaseConfig } from '../src/config/types.js'
import { mysql, SqlDumpScanner } from '../src/engines/mysql/engine.js'
import { sinkStream } from '../src/util/compression.js'
import { captureDump } from '../src/util/dump-stream.js'
import { decoded } from '../src/util/dump-feed.js'
import { collectSpentBuffers } from '../src/util/spent-buffers.js'
import { pipeline } from 'node:stream/promises'
import { postgresql } from '../src/engines/postgresql/engine.js'
import { startMariaDb, type MariaDbServer } from '../test/support/mariadb.js'
import { startPostgres, type PostgresServer } from '../test/support/postgres.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const DIST = process.env.ACTION_DIST ?? '/tmp/perf-dist/index.js'
const MB = 1e6

interface Measured {
  seconds: number
  bytes: number
  /** The largest of the rounds, where measured. */
  peakRssMB?: number
  /** CPU seconds of every process on the machine while the case ran (the server's included). */
  cpuSeconds?: number
}

/**
 * A row of CPU seconds: the machine's cores cannot finish the last case's work in less than its CPU
 * time over their number, whatever the schedule: its floor, as a multiple of the base case's wall.
 */
function cpuBudget(label: string, base: Measured, cases: Measured[]): string[] {
  const cores = cpus().length
  const last = cases[cases.length - 1]
  const floor = (last.cpuSeconds ?? 0) / cores
  const spent = [base, ...cases].map((measured) => (measured.cpuSeconds ?? 0).toFixed(1)).join(' / ')
  return [label, '', '', `${spent} CPU s: on ${cores} cores at least ${floor.toFixed(2)} s, ${(floor / base.seconds).toFixed(2)} × the first`]
}

/** CPU seconds the whole machine has spent busy so far (Linux /proc/stat: user, nice, system, irq, softirq, steal). */
function machineCpuSeconds(): number {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  return (user + nice + system + irq + softirq + steal) / 100
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** Runs a shell pipeline (the hand-written steps it is compared with) and returns its wall time. */
function shell(script: string, env: Record<string, string> = {}): number {
  const started = performance.now()
  const result = spawnSync('bash', ['-o', 'pipefail', '-c', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  if (result.status !== 0) throw new Error(`${script}: ${result.stderr.toString()}`)
  return (performance.now() - started) / 1000
}

async function sizeOf(path: string): Promise<number> {
  return (await stat(path)).size
}

/** Runs every case once per round, RUNS rounds, and gives each case's medians (and its largest peak RSS). */
async function sideBySide<K extends string>(cases: Record<K, () => Promise<Measured>>): Promise<Record<K, Measured>> {
  const runs = Object.fromEntries(Object.keys(cases).map((name) => [name, [] as Measured[]])) as Record<K, Measured[]>
  for (let round = 0; round < RUNS; round++) {
    for (const name of Object.keys(cases) as K[]) {
      const cpuBefore = machineCpuSeconds()
      const measured = await cases[name]()
      runs[name].push({ ...measured, cpuSeconds: machineCpuSeconds() - cpuBefore })
    }
  }
  return Object.fromEntries(
    (Object.keys(cases) as K[]).map((name) => {
      const measured = runs[name]
      const peaks = measured.map((run) => run.peakRssMB ?? 0)
      return [
        name,
        {
          seconds: median(measured.map((run) => run.seconds)),
          bytes: median(measured.map((run) => run.bytes)),
          peakRssMB: Math.max(...peaks),
          cpuSeconds: median(measured.map((run) => run.cpuSeconds ?? 0))
        }
      ]
    })
  ) as Record<K, Measured>
}

async function fresh(dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

/** The action's whole run to a local directory, as the runner starts it, under /usr/bin/time for its peak RSS. */
function actionRun(inputs: Record<string, string>, password: string, workDir: string): { seconds: number; peakRssMB: number } {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', RUNNER_TEMP: workDir, GITHUB_OUTPUT: join(workDir, 'output'), GITHUB_STEP_SUMMARY: join(workDir, 'summary') }
  for (const [name, value] of Object.entries({ ...inputs, 'db-password': password, notify: 'file', 'audit-dir': join(workDir, 'audit') })) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  writeFileSync(env.GITHUB_OUTPUT, '')
  writeFileSync(env.GITHUB_STEP_SUMMARY, '')
  const started = performance.now()
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, DIST], { env, encoding: 'utf8' })
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`the action failed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-2000)}`)
  const peakKb = Number(result.stderr.trim().split('\n').pop())
  return { seconds, peakRssMB: peakKb / 1024 }
}

function coldStart(): { bare: number; action: number } {
  const time = (args: string[]): number => {
    const runs: number[] = []
    for (let run = 0; run < 7; run++) {
      const started = performance.now()
      spawnSync(process.execPath, args, { env: { PATH: process.env.PATH ?? '' }, stdio: 'ignore' })
      runs.push(performance.now() - started)
    }
    return median(runs)
  }
  // No inputs: the action loads, fails validate-config and writes its report; the run is its start-up.
  return { bare: time(['-e', '0']), action: time([DIST]) }
}

async function seedPostgres(server: PostgresServer): Promise<void> {
  await server.sql('postgres', 'CREATE DATABASE bench')
  await server.sql(
    'bench',
    `CREATE TABLE events (id bigserial PRIMARY KEY, at timestamptz NOT NULL, body text NOT NULL, doc jsonb NOT NULL, amount numeric(14,2) NOT NULL);
     INSERT INTO events (at, body, doc, amount)
     SELECT timestamptz '2025-01-01' + random() * interval '365 days',
            md5(random()::text) || ' ' || md5(random()::text) || ' ' || md5(random()::text),
            jsonb_build_object('user', md5(random()::text), 'score', random(), 'tags', jsonb_build_array(substr(md5(random()::text), 1, 8), (random() * 100)::int)),
            (random() * 1e7)::numeric(14,2)
     FROM generate_series(1, 2000000);`
  )
  await server.sql('postgres', 'CREATE DATABASE pgbench')
  const pgbench = spawnSync(join(server.binDir, 'pgbench'), ['-i', '-q', '-s', '30', '-h', server.host, '-p', String(server.port), '-U', server.user, 'pgbench'], {
    env: { ...process.env, PGPASSWORD: server.password }
  })
  if (pgbench.status !== 0) throw new Error(`pgbench -i failed: ${pgbench.stderr.toString()}`)
}

/**
 * P3's flatness: the capture path (dump tool -> zstd -> hash, file, and the SQL trailer check on
 * the same bytes) over 1 and 4 GiB, each in its own process so that its peak RSS is its own. The
 * "dump tool" repeats a SQL file that starts with a dump header and ends with its trailer.
 */
async function captureCase(source: string, copies: number, target: string, compressionName = 'zstd', recipient = ''): Promise<void> {
  // As runAction does for the action's steps.
  const stopCollecting = collectSpentBuffers()
  const started = performance.now()
  const compression: Compression = compressionName === 'none' ? { name: 'none', level: 0 } : { name: 'zstd', level: 1 }
  const capture = await captureDump({
    dump: { command: 'sh', args: ['-c', 'i=0; while [ $i -lt "$1" ]; do cat "$0"; i=$((i+1)); done', source, String(copies)] },
    compression,
    file: target,
    check: async (stored) => {
      const scanner = new SqlDumpScanner()
      await pipeline(decoded(stored, compression.name), sinkStream((chunk) => scanner.push(chunk)))
      return { 'SQL bytes': scanner.finish().bytes }
    },
    ...(recipient ? { encryption: { recipients: [recipient], verifyIdentities: [] } } : {})
  })
  if (capture.dump.exitCode !== 0 || 'error' in capture.readThrough) throw new Error(JSON.stringify(capture))
  console.log(
    JSON.stringify({
      seconds: (performance.now() - started) / 1000,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      sqlBytes: capture.readThrough.figures['SQL bytes'],
      storedBytes: capture.sizeBytes,
      encryptedBytes: capture.encrypted ? capture.sizeBytes : 0
    })
  )
  stopCollecting()
}

interface CaptureFigures {
  seconds: number
  peakRssMB: number
  sqlBytes: number
  storedBytes: number
}

/** One capture in a process of its own, so that its peak RSS is its own. */
function captureInChild(source: string, copies: number, target: string, compressionName: string, recipient = ''): CaptureFigures {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--capture', source, String(copies), target, compressionName, recipient], { encoding: 'utf8' })
  if (child.status !== 0) throw new Error(`capture of ${copies} copies failed: ${child.stderr}`)
  return JSON.parse(child.stdout.trim().split('\n').pop() as string) as CaptureFigures
}

/**
 * Encryption's cost in the capture (issue 13): 1 GiB of SQL captured with age encryption (one
 * recipient, the age-encryption library) after zstd-1, and with no compression, so that the whole
 * GiB passes the cipher; beside the same capture unencrypted. Each in its own process.
 */
function encryptedFlatness(work: string): string[][] {
  const source = join(work, 'chunk.sql')
  const keyFile = join(work, 'age-key.txt')
  const keygen = spawnSync('age-keygen', ['-o', keyFile], { encoding: 'utf8' })
  if (keygen.status !== 0) throw new Error(`age-keygen failed (install the age package): ${keygen.stderr}`)
  const recipient = spawnSync('age-keygen', ['-y', keyFile], { encoding: 'utf8' }).stdout.trim()
  const rows: string[][] = []
  for (const compressionName of ['zstd', 'none']) {
    const target = join(work, `encrypted-capture.${compressionName}`)
    const plain = captureInChild(source, 16, target, compressionName)
    const encrypted = captureInChild(source, 16, `${target}.age`, compressionName, recipient)
    rows.push([
      `**P3** peak RSS of take-snapshot's capture of 1 GiB of SQL (${compressionName === 'zstd' ? 'zstd-1' : 'no compression'}): plain / age-encrypted`,
      `${plain.seconds.toFixed(1)} s / ${encrypted.seconds.toFixed(1)} s`,
      `${(plain.storedBytes / MB).toFixed(0)} MB / ${(encrypted.storedBytes / MB).toFixed(0)} MB`,
      `${plain.peakRssMB.toFixed(0)} MB / ${encrypted.peakRssMB.toFixed(0)} MB`
    ])
  }
  return rows
}

async function writeSql(path: string, bytes: number): Promise<void> {
  const lines = ['-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)\n']
  let size = lines[0].length
  for (let row = 0; size < bytes; row++) {
    const values = Array.from({ length: 200 }, (_, i) => `(${row * 200 + i},'customer ${(row * 7 + i) % 977}','${Math.random().toString(36).slice(2)}',${((row + i) * 1.37).toFixed(2)})`)
    const line = `INSERT INTO orders VALUES ${values.join(',')};\n`
    lines.push(line)
    size += line.length
  }
  lines.push('-- Dump completed on 2026-11-26  3:04:05\n')
  writeFileSync(path, lines.join(''))
}

function flatness(work: string): string[] {
  const source = join(work, 'chunk.sql')
  const results = [1, 4].map((gib) => captureInChild(source, gib * 16, join(work, `capture-${gib}.zst`), 'zstd'))
  const [one, four] = results
  return [
    '**P3** peak RSS of take-snapshot\'s capture (zstd, SQL trailer check overlapped): 1 GiB / 4 GiB of SQL',
    `${one.seconds.toFixed(1)} s / ${four.seconds.toFixed(1)} s`,
    '',
    `${one.peakRssMB.toFixed(0)} MB / ${four.peakRssMB.toFixed(0)} MB: ${(((four.peakRssMB - one.peakRssMB) / one.peakRssMB) * 100).toFixed(1)} % apart (goal ≤ 10 %)`
  ]
}

async function main(): Promise<void> {
  const [flag, ...rest] = process.argv.slice(2)
  if (flag === '--capture') return captureCase(rest[0], Number(rest[1]), rest[2], rest[3], rest[4])
  if (flag === '--encrypted-capture') {
    // Only the encryption rows, printed, without the servers: `node bench/run.mjs backup --encrypted-capture`.
    const work = await mkdtemp(join(tmpdir(), 'bench-'))
    try {
      await writeSql(join(work, 'chunk.sql'), 64 * 2 ** 20)
      for (const row of encryptedFlatness(work)) console.log(`| ${row.join(' | ')} |`)
    } finally {
      await rm(work, { recursive: true, force: true })
    }
    return
  }
  if (!process.env.ACTION_DIST && !existsSync(DIST)) {
    const built = spawnSync('npx', ['ncc', 'build', 'src/actions/backup/index.ts', '-o', '/tmp/perf-dist'], { stdio: 'inherit' })
    if (built.status !== 0) throw new Error('building the bundle failed')
  }
  const work = await mkdtemp(join(tmpdir(), 'bench-'))
  const pg = await startPostgres()
  let maria: MariaDbServer | undefined
  const rows: string[][] = []
  const facts: string[] = []
  try {
    console.log('generating the PostgreSQL data ...')
    await seedPostgres(pg)
    const dbSize = Number((await pg.sql('bench', "SELECT pg_database_size('bench')")).trim())
    const pgbenchSize = Number((await pg.sql('pgbench', "SELECT pg_database_size('pgbench')")).trim())
    const pgVersion = (await pg.sql('postgres', 'SHOW server_version')).trim()
    const env = { PGPASSWORD: pg.password, PGHOST: pg.host, PGPORT: String(pg.port), PGUSER: pg.user }
    // pg_dump as a workflow step would call it, from PATH: the same program the action finds (on
    // Debian and Ubuntu, pg_wrapper, which picks the newest installed version).
    const pgDump = 'pg_dump'
    facts.push(`PostgreSQL ${pgVersion}: database \`bench\` ${(dbSize / MB).toFixed(0)} MB on disk (2 M rows), \`pgbench\` (scale 30) ${(pgbenchSize / MB).toFixed(0)} MB`)

    for (const db of ['bench', 'pgbench']) {
      const file = join(work, 'f')
      const shellCase = (script: string) => async (): Promise<Measured> => {
        await rm(file, { force: true })
        const seconds = shell(script, env)
        return { seconds, bytes: await sizeOf(file) }
      }
      const dest = await fresh(join(work, 'dest'))
      const database: DatabaseConfig = { type: 'postgresql', host: pg.host, port: pg.port, name: db, user: pg.user, password: pg.password, params: {}, urlProtocol: '' }
      const compression: Compression = { name: 'zstd', level: 1 }
      console.log(`${db}: ${RUNS} rounds ...`)
      // Side by side: every round runs each case once, so that all of them meet the same load of a shared machine.
      const measured = await sideBySide({
        extraction: shellCase(`${pgDump} -Fc -Z0 -f ${file} ${db}`),
        gzipDefault: shellCase(`${pgDump} -Fc -f ${file} ${db}`),
        zstdCli: shellCase(`${pgDump} -Fc -Z0 ${db} | zstd -q -T0 -1 -o ${file}`),
        nodeZstd: shellCase(
          `${pgDump} -Fc -Z0 ${db} | "${process.execPath}" -e "const z=require('zlib');process.stdin.pipe(z.createZstdCompress({params:{[z.constants.ZSTD_c_compressionLevel]:1,[z.constants.ZSTD_c_checksumFlag]:1}})).pipe(require('fs').createWriteStream('${file}'))"`
        ),
        handWritten: shellCase(`${pgDump} -Fc -f ${file} ${db} && sha256sum ${file} >/dev/null && cp ${file} ${dest}/`),
        snapshot: async () => {
          const workDir = await fresh(join(work, 'snap'))
          const started = performance.now()
          const taken = await postgresql.snapshot({ database, workDir, fileName: 'x.dump.zst', timeoutMs: 3_600_000, compression })
          const seconds = (performance.now() - started) / 1000
          if (!taken.readThrough || 'error' in taken.readThrough) throw new Error(`read-through failed: ${JSON.stringify(taken.readThrough)}`)
          return { seconds, bytes: taken.sizeBytes }
        },
        whole: async () => {
          const runDir = await fresh(join(work, 'run'))
          const run = actionRun(
            { 'db-type': 'postgresql', 'db-host': pg.host, 'db-port': String(pg.port), 'db-name': db, 'db-user': pg.user, 'storage-type': 'local', path: join(runDir, 'store') },
            pg.password,
            runDir
          )
          if ((await readdir(join(runDir, 'store'))).filter((name) => !name.endsWith('.sha256')).length !== 1) throw new Error('the action stored no backup')
          return { seconds: run.seconds, bytes: 0, peakRssMB: run.peakRssMB }
        }
      })
      const { extraction, gzipDefault, zstdCli, nodeZstd, handWritten, snapshot } = measured
      const whole = measured.whole.seconds
      const peak = measured.whole.peakRssMB ?? 0
      const label = db === 'bench' ? 'poorly compressible (2 M rows)' : 'pgbench (compressible)'
      rows.push([`${label}: \`pg_dump -Fc -Z0 -f\` (extraction)`, `${extraction.seconds.toFixed(2)} s`, `${(extraction.bytes / MB).toFixed(0)} MB`, ''])
      rows.push([`${label}: \`pg_dump -Fc\` (default gzip-6)`, `${gzipDefault.seconds.toFixed(2)} s`, `${(gzipDefault.bytes / MB).toFixed(0)} MB`, ''])
      rows.push([`${label}: \`pg_dump -Z0 \\| zstd -T0 -1\``, `${zstdCli.seconds.toFixed(2)} s`, `${(zstdCli.bytes / MB).toFixed(0)} MB`, ''])
      rows.push([`${label}: \`pg_dump -Z0 \\|\` Node.js zlib zstd-1`, `${nodeZstd.seconds.toFixed(2)} s`, `${(nodeZstd.bytes / MB).toFixed(0)} MB`, ''])
      rows.push([`${label}: \`pg_dump --compress=zstd\` (native)`, 'n/a', 'n/a', `needs pg_dump 16+; this machine has ${pgVersion}`])
      rows.push([`${label}: hand-written \`pg_dump -Fc -f f && sha256sum f && cp f dest/\``, `${handWritten.seconds.toFixed(2)} s`, '', ''])
      rows.push([
        `${label}: **P1** take-snapshot (zstd-1 piped, pg_restore read-through overlapped)`,
        `${snapshot.seconds.toFixed(2)} s`,
        `${(snapshot.bytes / MB).toFixed(0)} MB`,
        `${(snapshot.seconds / extraction.seconds).toFixed(2)} × extraction (goal ≤ 1.1); size ${(snapshot.bytes / gzipDefault.bytes).toFixed(2)} × default (goal ≤ 0.9)`
      ])
      rows.push(cpuBudget(`${label}: P1's CPU budget: CPU seconds of every process (the server's included), extraction / zstd pipe / take-snapshot`, extraction, [zstdCli, snapshot]))
      rows.push([
        `${label}: **P2** whole verified run to a local directory`,
        `${whole.toFixed(2)} s`,
        '',
        `${(whole / handWritten.seconds).toFixed(2)} × hand-written (goal ≤ 0.3)`
      ])
      rows.push([`${label}: **P3** peak RSS of the whole run`, '', '', `${peak.toFixed(0)} MB (goal ≤ 150 MB)`])
      console.log(rows.slice(-10).map((row) => row.join(' | ')).join('\n'))
    }
    await pg.stop()

    console.log('MariaDB ...')
    const server = await startMariaDb()
    maria = server
    await server.sql('mysql', 'CREATE DATABASE shop')
    await server.sql(
      'shop',
      `CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, customer VARCHAR(64), email VARCHAR(128), total DECIMAL(12,2), placed_at DATETIME, note TEXT);
       INSERT INTO orders (customer, email, total, placed_at, note)
       SELECT CONCAT('customer ', seq % 9973), CONCAT('c', seq, '@example.test'), seq * 1.37, '2025-01-01' + INTERVAL (seq % 31536000) SECOND, MD5(RAND())
       FROM seq_1_to_1500000;`
    )
    const mariaVersion = (await server.sql('mysql', 'SELECT VERSION()')).trim()
    const cnf = join(work, 'my.cnf')
    writeFileSync(cnf, `[client]\nuser=${server.user}\npassword="${server.password.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n`, { mode: 0o600 })
    const dumpArgs = `--defaults-extra-file=${cnf} --host=${server.host} --port=${server.port} --protocol=TCP --single-transaction --quick --routines --events --triggers --hex-blob shop`
    const file = join(work, 'm')
    const database: DatabaseConfig = { type: 'mariadb', host: server.host, port: server.port, name: 'shop', user: server.user, password: server.password, params: {}, urlProtocol: '' }
    const take = (compression: Compression) => async (): Promise<Measured> => {
      const workDir = await fresh(join(work, 'msnap'))
      const started = performance.now()
      const taken = await mysql.snapshot({ database, workDir, fileName: `shop.${mysql.fileExtension(compression)}`, timeoutMs: 3_600_000, compression })
      if (!taken.readThrough || 'error' in taken.readThrough) throw new Error(`read-through failed: ${JSON.stringify(taken.readThrough)}`)
      return { seconds: (performance.now() - started) / 1000, bytes: taken.sizeBytes }
    }
    const { plain, gzip, zstd, whole } = await sideBySide({
      plain: async () => {
        await rm(file, { force: true })
        return { seconds: shell(`mariadb-dump ${dumpArgs} > ${file}`), bytes: await sizeOf(file) }
      },
      gzip: take({ name: 'gzip', level: 3 }),
      zstd: take({ name: 'zstd', level: 1 }),
      whole: async () => {
        const runDir = await fresh(join(work, 'mrun'))
        const run = actionRun(
          { 'db-type': 'mariadb', 'db-host': server.host, 'db-port': String(server.port), 'db-name': 'shop', 'db-user': server.user, 'storage-type': 'local', path: join(runDir, 'store') },
          server.password,
          runDir
        )
        return { seconds: run.seconds, bytes: 0, peakRssMB: run.peakRssMB }
      }
    })
    facts.push(`MariaDB ${mariaVersion}: 1.5 M order rows, ${(plain.bytes / MB).toFixed(0)} MB of SQL`)
    rows.push(['MariaDB: `mariadb-dump … > file` (uncompressed)', `${plain.seconds.toFixed(2)} s`, `${(plain.bytes / MB).toFixed(0)} MB`, ''])
    rows.push(['MariaDB: take-snapshot gzip-3 (the previous default)', `${gzip.seconds.toFixed(2)} s`, `${(gzip.bytes / MB).toFixed(0)} MB`, ''])
    rows.push([
      'MariaDB: take-snapshot zstd-1 (trailer check overlapped)',
      `${zstd.seconds.toFixed(2)} s`,
      `${(zstd.bytes / MB).toFixed(0)} MB`,
      `${(zstd.seconds / plain.seconds).toFixed(2)} × uncompressed dump (goal ≤ 1.15); size ${(zstd.bytes / gzip.bytes).toFixed(2)} × gzip (goal ≤ 1)`
    ])
    rows.push(cpuBudget('MariaDB: CPU budget: CPU seconds of every process (the server\'s included), uncompressed dump / take-snapshot zstd-1', plain, [zstd]))
    rows.push([
      'MariaDB: whole verified run to a local directory, its peak RSS',
      `${whole.seconds.toFixed(2)} s`,
      '',
      `${(whole.peakRssMB ?? 0).toFixed(0)} MB (goal ≤ 150 MB)`
    ])

    await writeSql(join(work, 'chunk.sql'), 64 * 2 ** 20)
    rows.push(flatness(work))
    rows.push(...encryptedFlatness(work))

    const start = coldStart()
    rows.push(['**P4** cold start: bare `node -e 0` / the action to its report', `${start.bare.toFixed(0)} ms / ${start.action.toFixed(0)} ms`, '', `+${(start.action - start.bare).toFixed(0)} ms (goal ≤ +100 ms)`])
  } finally {
    await maria?.stop()
    await pg.stop().catch(() => undefined)
    await rm(work, { recursive: true, force: true })
  }

  const zstdVersion = /v\d+\.\d+\.\d+/.exec(spawnSync('zstd', ['--version'], { encoding: 'utf8' }).stdout)?.[0] ?? 'unknown'
  const header = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` (medians of ${RUNS}).`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB.` +
      (process.env.BENCH_SHARED ? ' Shared: other work ran on the same cores while it was measured, so single figures vary by 20 % and more between runs.' : ''),
    'Every round runs each case once, side by side, so that they meet the same load.',
    `Node.js ${process.version}, zstd ${zstdVersion}; pg_dump and mariadb-dump from PATH, as a workflow step would call them.`,
    ...facts
  ]
  const table = ['| case | wall | stored | ratio |', '|---|---|---|---|', ...rows.map((row) => `| ${row.join(' | ')} |`)]
  const text = `# Benchmark results\n\n${header.map((line) => `- ${line}`).join('\n')}\n\n${table.join('\n')}\n`
  console.log(`\n${text}`)
  writeFileSync(join(process.cwd(), 'bench', 'RESULTS.md'), text)
}

await main()
