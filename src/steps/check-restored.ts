import type { RestoreConfig } from '../config/restore.js'
import { contentDifferences, differencesText } from '../engines/contents.js'
import type { Contents, Restorer } from '../engines/types.js'
import type { RestoreRecord } from '../report/types.js'
import type { StepOutcome } from './types.js'

/** Compares what the target now holds with what the archive holds; any difference fails the run. */
export async function checkRestored(config: RestoreConfig, restorer: Restorer, archive: Contents, workDir: string): Promise<StepOutcome<RestoreRecord>> {
  const target = await restorer.contents(config.database, workDir, config.dumpTimeoutMs)
  const differences = contentDifferences(archive, target, restorer.units, config.restoreMode === 'clean' && restorer.sharedHolders)
  if (differences.length > 0) {
    throw new Error(`the target differs from the backup: ${differencesText(differences)}`)
  }
  const objects = [...archive.values()].reduce((sum, count) => sum + count, 0)
  return {
    value: { mode: config.restoreMode, restoredObjects: restorer.restoredObjects(archive) },
    figures: { compared: `${archive.size} ${restorer.units.holder}s, ${objects} ${restorer.units.object}: all as in the backup` }
  }
}
