import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PinTable } from '../../src/tools/pins.js'
import { DIST } from './action.js'
import { pgArchiveName, writePgClientArchive } from './client-archive.js'
import { buildWithPins } from './pinned-build.js'

/**
 * Portable PostgreSQL client archives on a mirror, and a build of the action that pins some of
 * them. Each archived program logs `<label> <program>` to CLIENT_RUN_LOG and runs this machine's
 * client. Every archive has a `.sha256` beside it that matches it, as a mirror an attacker controls
 * would serve:
 * - GENUINE versions: pinned with their own SHA-256;
 * - FORGED_PINNED: pinned with another SHA-256 (the genuine release's), so the bytes served are not it;
 * - FORGED_UNPINNED: not pinned at all.
 * The archives' bytes depend on their content alone, so every test file gets the same build.
 */
export const GENUINE = ['15.99.0', '15.97.0'] as const
export const FORGED_PINNED = '15.98.0'
export const FORGED_UNPINNED = '15.96.0'
export const CLIENT_RUN_LOG = join(tmpdir(), 'db-backup-action-test-client-runs.log')

const sha256 = async (path: string): Promise<string> => createHash('sha256').update(await readFile(path)).digest('hex')

async function publish(root: string, version: string, label: string, realBinDir: string): Promise<string> {
  const name = pgArchiveName(version)
  await mkdir(join(root, version), { recursive: true })
  const archive = join(root, version, `${name}.tar.gz`)
  await writePgClientArchive(archive, version, label, realBinDir, CLIENT_RUN_LOG)
  const digest = await sha256(archive)
  await writeFile(`${archive}.sha256`, `${digest}  ${name}.tar.gz\n`)
  return digest
}

export interface PinnedClientMirror {
  /** The mirror's files. */
  root: string
  /** The bundle of the action whose table pins them. */
  bundle: string
}

export async function pinnedClientMirror(realBinDir: string): Promise<PinnedClientMirror> {
  await rm(CLIENT_RUN_LOG, { force: true })
  const root = await mkdtemp(join(tmpdir(), 'pinned-mirror-'))
  const files: PinTable[string] = {}
  const pin = (version: string, digest: string): void => {
    files[`${pgArchiveName(version)}.tar.gz`] = { version, sha256: digest, source: `https://publisher.example/${version}/${pgArchiveName(version)}.tar.gz.sha256` }
  }
  for (const version of GENUINE) pin(version, await publish(root, version, version, realBinDir))
  const forged = await publish(root, FORGED_PINNED, 'FORGED', realBinDir)
  pin(FORGED_PINNED, forged.replace(/^./, (c) => (c === '0' ? '1' : '0')))
  await publish(root, FORGED_UNPINNED, 'FORGED', realBinDir)
  // ACTION_DIST names another bundle to run, as everywhere (e.g. an older build, to see a test fail on it).
  return { root, bundle: process.env.ACTION_DIST ? DIST : await buildWithPins({ 'postgresql-client': files }) }
}
