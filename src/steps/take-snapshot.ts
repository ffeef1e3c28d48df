import type { Config } from '../config/types.js'
import { engines } from '../engines/index.js'
import type { Snapshot } from '../engines/types.js'
import { backupFileName } from '../storage/keys.js'
import type { StepOutcome } from './types.js'

export interface TakenSnapshot extends Snapshot {
  fileName: string
  takenAt: Date
}

export async function takeSnapshot(config: Config, workDir: string): Promise<StepOutcome<TakenSnapshot>> {
  const engine = await engines[config.database.type].load()
  const takenAt = new Date()
  const fileName = backupFileName(config.backupName, engine.fileExtension, takenAt)
  const snapshot = await engine.snapshot({ database: config.database, workDir, fileName, timeoutMs: config.dumpTimeoutMs })
  return {
    value: { ...snapshot, fileName, takenAt },
    figures: { ...snapshot.figures, file: fileName, 'size bytes': snapshot.sizeBytes, sha256: snapshot.sha256 }
  }
}
