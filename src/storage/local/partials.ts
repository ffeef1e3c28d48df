import { randomBytes } from 'node:crypto'
import { readdir, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { RUN_ID } from '../../util/run-id.js'
import { escapeRegExp, parseTimestamp, type BackupSeries } from '../../config/backup-keys.js'

/**
 * A file being written is hidden beside its final name: `.<name>.partial-<RUN_ID>-<8 hex>`. The
 * listing skips it; a run killed while writing it leaves it behind, and then its post step (by
 * the RUN_ID it saved) or a later run of the same backup name (once it is stale) removes it.
 */
export const PARTIAL_MARK = '.partial-'

export function partialName(fileName: string): string {
  return `.${fileName}${PARTIAL_MARK}${RUN_ID}-${randomBytes(4).toString('hex')}`
}

/**
 * Removes the partial files the run marked `runId` left in `directory` (its post step, after the
 * run was killed); returns their names. Nothing else is touched: only names with that mark.
 */
export async function removeRunPartials(directory: string, runId: string): Promise<string[]> {
  const own = new RegExp(`^\\..+${escapeRegExp(PARTIAL_MARK)}${escapeRegExp(runId)}-[0-9a-f]{8}$`)
  return removeMatching(directory, (name) => own.test(name))
}

/**
 * Removes the partial files of the series' backup name (its dumps, globals and sidecars, by this
 * action's name pattern, hidden or as older versions wrote them) that runs killed while writing
 * them left: those whose backup time and last write are both before `olderThan`. A run still
 * writing one keeps touching it. Returns their names.
 */
export async function removeStalePartials(directory: string, series: BackupSeries, olderThan: Date): Promise<string[]> {
  const pattern = new RegExp(`^\\.?${escapeRegExp(series.backupName)}-(\\d{8}T\\d{6}Z)-[0-9a-f]{8}\\.[a-z0-9.]+${escapeRegExp(PARTIAL_MARK)}[0-9a-f]+(-[0-9a-f]+)?$`)
  const backupTime = (name: string): Date | undefined => {
    const match = pattern.exec(name)
    return match ? parseTimestamp(match[1]) : undefined
  }
  return removeMatching(
    directory,
    (name) => (backupTime(name)?.getTime() ?? Infinity) < olderThan.getTime(),
    (mtime) => mtime.getTime() < olderThan.getTime()
  )
}

/** Removes the files of `directory` whose names pass `wanted` (and `stale`, given their stat); returns their names. */
async function removeMatching(directory: string, wanted: (name: string) => boolean, stale: (mtime: Date) => boolean = () => true): Promise<string[]> {
  let entries
  try {
    entries = await readdir(directory, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const removed: string[] = []
  for (const entry of entries) {
    if (!entry.isFile() || !wanted(entry.name)) continue
    const path = join(directory, entry.name)
    try {
      if (!stale((await stat(path)).mtime)) continue
      await unlink(path)
      removed.push(entry.name)
    } catch (error) {
      // Removed meanwhile (committed, aborted, or another run's cleanup): not there.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`the partial file ${path} could not be removed: ${(error as Error).message}`)
    }
  }
  return removed
}
