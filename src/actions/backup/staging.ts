import { statfs } from 'node:fs/promises'
import type { Config } from '../../config/types.js'
import { engines } from '../../engines/index.js'
import { errorMessage } from '../../util/errors.js'

/**
 * Free space below this many times the database's size makes staging auto stream: a dump is
 * usually smaller than its database, but a zstd-compressed one can approach it on data that does
 * not compress, and the runner's disk is shared with everything else the job writes.
 */
export const SAFE_MULTIPLE = 2

export interface StagingChoice {
  mode: 'disk' | 'stream'
  /** Why, for the summary. */
  reason: string
  /** The database's size as the server reported it; undefined where it could not be asked. */
  estimatedBytes?: number
  freeBytes?: number
}

const GiB = 1024 ** 3

function gib(bytes: number): string {
  return `${(bytes / GiB).toFixed(bytes < 10 * GiB ? 2 : 0)} GiB`
}

/** What staging auto asks of the server: its estimate, or why there is none. */
async function estimate(config: Config, workDir: string): Promise<{ bytes?: number; unknown?: string }> {
  const engine = await engines[config.database.type].load()
  if (!engine.estimateSize) return { unknown: `${config.database.type} has no size the action can ask for` }
  try {
    const bytes = await engine.estimateSize(config.database, workDir, Math.min(config.dumpTimeoutMs, 60_000))
    return Number.isFinite(bytes) && bytes >= 0 ? { bytes } : { unknown: 'the server reported no size' }
  } catch (error) {
    return { unknown: `asking the server for its size failed (${errorMessage(error)})` }
  }
}

/** Disk or stream, for the staging input: auto streams to cloud storage when RUNNER_TEMP cannot hold a safe multiple of the database. */
export async function chooseStaging(config: Config, workDir: string): Promise<StagingChoice> {
  const fs = await statfs(workDir)
  const freeBytes = fs.bavail * fs.bsize
  if (config.staging === 'disk') return { mode: 'disk', reason: 'staging input', freeBytes }
  if (config.staging === 'auto' && config.storage.type === 'local') {
    return { mode: 'disk', reason: 'auto: local storage is written through RUNNER_TEMP (set staging: stream to write beside the destination)', freeBytes }
  }
  if (config.staging === 'auto' && config.restoreCheck) return { mode: 'disk', reason: 'auto: restore-check restores from the dump on disk', freeBytes }
  if (config.staging === 'auto' && config.encryption?.verifyIdentities.length) {
    return { mode: 'disk', reason: 'auto: encryption-verify-identity decrypts the stored file on disk', freeBytes }
  }
  // Asked only where it decides something: auto's choice, and stream's part size.
  const { bytes: estimatedBytes, unknown } = await estimate(config, workDir)
  const sized = { ...(estimatedBytes === undefined ? {} : { estimatedBytes }), freeBytes }
  if (config.staging === 'stream') return { mode: 'stream', reason: 'staging input', ...sized }
  if (estimatedBytes === undefined) return { mode: 'disk', reason: `auto: ${unknown ?? 'size unknown'}, so disk (set staging: stream for a database larger than the runner's disk)`, ...sized }
  const needed = SAFE_MULTIPLE * estimatedBytes
  return freeBytes < needed
    ? { mode: 'stream', reason: `auto: RUNNER_TEMP has ${gib(freeBytes)} free, less than ${SAFE_MULTIPLE} × the database's ${gib(estimatedBytes)}`, ...sized }
    : { mode: 'disk', reason: `auto: RUNNER_TEMP has ${gib(freeBytes)} free, at least ${SAFE_MULTIPLE} × the database's ${gib(estimatedBytes)}`, ...sized }
}

/** The staging figures of take-snapshot. */
export function stagingFigures(choice: StagingChoice): Record<string, string | number> {
  return {
    staging: choice.mode,
    'staging reason': choice.reason,
    ...(choice.estimatedBytes === undefined ? {} : { 'database size bytes (server estimate)': choice.estimatedBytes }),
    ...(choice.freeBytes === undefined ? {} : { 'RUNNER_TEMP free bytes': choice.freeBytes })
  }
}
