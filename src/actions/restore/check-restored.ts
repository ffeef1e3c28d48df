import type { RestoreConfig } from '../../config/restore.js'
import { comparedText, contentDifferences, countMatches, differencesText, digestDifferences } from '../../engines/shared/contents.js'
import type { Restored, Restorer } from '../../engines/types.js'
import type { RestoreRecord } from '../../report/types.js'
import type { StepOutcome } from '../../run/step.js'

/**
 * Compares what the target now holds with what the archive holds: the counts, then, where the
 * engine reads content back, each holder's content digest. Any difference fails the run.
 */
export async function checkRestored(config: RestoreConfig, restorer: Restorer, restored: Restored, workDir: string): Promise<StepOutcome<RestoreRecord>> {
  const { archive, content } = restored
  const target = await restorer.contents(config.database, workDir, config.dumpTimeoutMs)
  const atLeast = config.restoreMode === 'clean' && restorer.sharedHolders
  const differences = contentDifferences(archive, target, restorer.units, atLeast)
  if (content) {
    // A holder whose count differs is already named. Where holders are shared, readTarget reads only the backup's objects.
    const counted = new Set([...archive].filter(([holder, count]) => !countMatches(count, target.get(holder), atLeast)).map(([holder]) => holder))
    differences.push(...(await digestDifferences(content, await content.readTarget(), restorer.units, counted)))
  }
  if (differences.length > 0) {
    throw new Error(`the target differs from the backup: ${differencesText(differences)}`)
  }
  return {
    value: { mode: config.restoreMode, restoredObjects: restorer.restoredObjects(archive) },
    figures: { compared: comparedText(archive, restorer.units, content !== undefined) }
  }
}
