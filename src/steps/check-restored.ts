import type { RestoreConfig } from '../config/restore.js'
import type { Contents, Restorer } from '../engines/types.js'
import type { StepOutcome } from './types.js'

/**
 * Each object of the archive whose count the target does not hold. Where a holder may hold more
 * than the backup's (a Redis database after a clean restore keeps its other keys), the target
 * must hold at least the archive's count.
 */
export function contentDifferences(archive: Contents, target: Contents, units: Restorer['units'], atLeast = false): string[] {
  const differences: string[] = []
  for (const [name, count] of archive) {
    const got = target.get(name)
    const ok = got !== undefined && (atLeast ? got >= count : got === count)
    if (!ok) differences.push(`${name}: ${count} ${units.object} in the backup, ${got === undefined ? `no such ${units.holder}` : `${got}`} in the target`)
  }
  return differences
}

/** Compares what the target now holds with what the archive holds; any difference fails the run. */
export async function checkRestored(config: RestoreConfig, restorer: Restorer, archive: Contents, workDir: string): Promise<StepOutcome<number>> {
  const target = await restorer.contents(config.database, workDir, config.dumpTimeoutMs)
  const differences = contentDifferences(archive, target, restorer.units, config.restoreMode === 'clean' && restorer.sharedHolders)
  if (differences.length > 0) {
    throw new Error(`the target differs from the backup: ${differences.slice(0, 5).join('; ')}${differences.length > 5 ? `; and ${differences.length - 5} more` : ''}`)
  }
  const objects = [...archive.values()].reduce((sum, count) => sum + count, 0)
  return {
    value: restorer.restoredObjects(archive),
    figures: { compared: `${archive.size} ${restorer.units.holder}s, ${objects} ${restorer.units.object}: all as in the backup` }
  }
}
