import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runOk } from './run.js'

export const PG_TARGET = process.arch === 'arm64' ? 'aarch64-unknown-linux-gnu' : 'x86_64-unknown-linux-gnu'

/** The name of a portable PostgreSQL client archive, as the official source lays it out. */
export function pgArchiveName(version: string): string {
  return `postgresql-${version}-${PG_TARGET}`
}

/**
 * Writes `<path>`, a portable-client tar.gz whose programs report `version`, log `<label>
 * <program>` to `runLog` when they run, and then run the real client from `realBinDir`, so that a
 * test can tell which archive's client ran.
 */
export async function writePgClientArchive(path: string, version: string, label: string, realBinDir: string, runLog: string): Promise<void> {
  const name = pgArchiveName(version)
  const staging = await mkdtemp(join(tmpdir(), 'pg-archive-'))
  await mkdir(join(staging, name, 'bin'), { recursive: true })
  for (const program of ['pg_dump', 'pg_restore', 'psql']) {
    const file = join(staging, name, 'bin', program)
    await writeFile(
      file,
      [
        '#!/bin/sh',
        `if [ "$1" = "--version" ]; then echo "${program} (PostgreSQL) ${version.split('.').slice(0, 2).join('.')}"; exit 0; fi`,
        `echo "${label} ${program}" >> ${runLog}`,
        `exec ${join(realBinDir, program)} "$@"`
      ].join('\n') + '\n'
    )
    await chmod(file, 0o755)
  }
  await deterministicTarGz(path, staging, name)
}

/**
 * tar.gz of `name` under `dir` whose bytes depend on the files' contents alone (names sorted, no
 * times, owners or gzip name), so that its SHA-256 can be pinned in a build of the action once
 * and stay right across runs.
 */
export async function deterministicTarGz(path: string, dir: string, name: string): Promise<void> {
  await runOk('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '--mode=u+rwX,go+rX,go-w', '-I', 'gzip -n', '-cf', path, '-C', dir, name])
}
