import type { Config } from '../../config/types.js'
import { checkArchive } from '../../engines/archive-check.js'
import { engines, globalsOf } from '../../engines/index.js'
import type { StepOutcome } from '../../run/step.js'

/** The restore's verify-integrity: the downloaded backup gets the checks a new one gets. */
export async function verifyDownload(config: Config, file: string, sizeBytes: number, workDir: string, globalsFile?: string): Promise<StepOutcome<string>> {
  const engine = await engines[config.database.type].load()
  const figures = await checkArchive(engine, { database: config.database, file, workDir, timeoutMs: config.dumpTimeoutMs }, sizeBytes)
  const globals = globalsFile ? await (await globalsOf(config.database.type)).verify(globalsFile) : {}
  return { value: file, figures: { ...figures, ...globals } }
}
