/**
 * Throughput and peak memory of capturing a dump tool's output: runToolToFile writing, hashing
 * and (optionally) compressing what a program prints, against the same bytes piped to a file by
 * `cat | cat`. The program here is `cat` of a SQL-like file with 1 MiB lines (the longest lines a
 * mysqldump writes by default), so the figures are the capture path's own cost.
 *
 *   npm run bench:capture              1024 MiB, none and gzip
 *   npm run bench:capture -- 256       another size (MiB)
 *
 * Each case runs in its own process, so that its peak RSS is its own.
 */
import { spawnSync } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { streamCompressor } from '../src/util/compression.js'
import { runToolToFile } from '../src/util/process.js'

const MiB = 1024 * 1024

async function writeSource(path: string, mib: number): Promise<void> {
  const out = createWriteStream(path)
  for (let line = 0; line < mib; line++) {
    const values: string[] = []
    let bytes = 0
    for (let row = 0; bytes < MiB - 200; row++) {
      const value = `(${line * 10000 + row},'customer ${row % 977}','c${row}@example.test',${(row * 7.31).toFixed(2)})`
      values.push(value)
      bytes += value.length + 1
    }
    const text = `INSERT INTO orders VALUES ${values.join(',')};\n`
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  await new Promise<void>((resolve) => out.end(() => resolve()))
}

async function runCase(kind: string, source: string, target: string): Promise<void> {
  const started = performance.now()
  if (kind === 'cat') {
    // Through a pipe, as a dump tool's output arrives (a plain `cat > file` may copy in the kernel).
    const result = spawnSync('sh', ['-c', 'cat "$1" | cat > "$2"', 'sh', source, target])
    if (result.status !== 0) throw new Error('cat failed')
  } else {
    const { encoder } = await streamCompressor(kind === 'gzip' ? 'gzip' : 'none')
    const result = await runToolToFile({ command: 'cat', args: [source] }, target, encoder)
    if (result.exitCode !== 0) throw new Error(`cat exited ${result.exitCode}`)
  }
  const seconds = (performance.now() - started) / 1000
  const written = (await stat(target)).size
  console.log(JSON.stringify({ kind, seconds, written, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }))
}

async function main(): Promise<void> {
  const [first, ...rest] = process.argv.slice(2)
  if (first === '--case') {
    const [kind, source, target] = rest
    await runCase(kind, source, target)
    return
  }
  const mib = Number(first ?? 1024)
  const dir = await mkdtemp(join(tmpdir(), 'dump-capture-'))
  try {
    const source = join(dir, 'dump.sql')
    await writeSource(source, mib)
    const size = (await stat(source)).size
    console.log(`source: ${(size / MiB).toFixed(0)} MiB of SQL with 1 MiB lines`)
    console.log('case                      seconds   MiB/s of input   written MiB   peak RSS MiB')
    for (const kind of ['cat', 'none', 'gzip']) {
      const target = join(dir, `out-${kind}`)
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--case', kind, source, target], { encoding: 'utf8' })
      if (child.status !== 0) throw new Error(`${kind}: ${child.stderr}`)
      const line = child.stdout.trim().split('\n').pop() as string
      const figures = JSON.parse(line) as { seconds: number; written: number; peakRssMiB: number }
      const label = kind === 'cat' ? 'cat | cat > file' : `runToolToFile, ${kind}`
      console.log(
        `${label.padEnd(24)} ${figures.seconds.toFixed(2).padStart(8)} ${(size / MiB / figures.seconds).toFixed(0).padStart(16)} ${(figures.written / MiB).toFixed(0).padStart(13)} ${String(figures.peakRssMiB).padStart(14)}`
      )
      await rm(target)
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
