import type { RestoreConfig } from '../../config/restore.js'
import { engines, globalsOf } from '../../engines/index.js'
import { describeContents } from '../../engines/shared/contents.js'
import type { Restored, Restorer } from '../../engines/types.js'
import { clientFigures, resolveClient } from '../../tools/install.js'
import type { StepOutcome } from '../../run/step.js'

/**
 * Finds or installs a client that matches the target, refuses a target that is not empty under
 * restore-mode empty before touching anything, then restores with the engine's own tool.
 */
export async function restoreDatabase(config: RestoreConfig, file: string, workDir: string, globalsFile?: string): Promise<StepOutcome<Restored & { restorer: Restorer }>> {
  const plugin = engines[config.database.type]
  const restorer = await plugin.restorer()
  const client = restorer.usesClient ? await resolveClient(plugin.client, config.database, config.client, config.dumpTimeoutMs) : undefined
  const before = await restorer.contents(config.database, workDir, config.dumpTimeoutMs)
  if (config.restoreMode === 'empty' && before.size > 0) {
    throw new Error(
      `restore-mode is empty, but the target already holds ${describeContents(before, restorer.units.holder)}: nothing was restored ` +
        '(restore into an empty database, or set restore-mode: clean to replace the objects of the backup)'
    )
  }
  // The roles first: the dump's objects are owned by them and granted to them.
  const globals = globalsFile ? await (await globalsOf(config.database.type)).apply(config.database, globalsFile, workDir, config.dumpTimeoutMs, { grantsWithExistingRoles: config.restoreGlobalsExistingRoleGrants }) : {}
  const restored = await restorer.restore({
    database: config.database,
    file,
    workDir,
    timeoutMs: config.dumpTimeoutMs,
    mode: config.restoreMode,
    acceptUnrestoredFunctions: config.acceptUnrestoredRedisFunctions,
    acceptMissingDefiners: config.acceptMissingDefiners,
    fidelity: config.fidelity
  })
  return {
    value: { ...restored, restorer },
    figures: { ...(client ? clientFigures(client) : {}), 'restore mode': config.restoreMode, 'target before': before.size === 0 ? 'empty' : describeContents(before, restorer.units.holder), ...globals, ...restored.figures }
  }
}
