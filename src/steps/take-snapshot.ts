import { basename } from 'node:path'
import type { Config } from '../config/types.js'
import { engines } from '../engines/index.js'
import type { Snapshot } from '../engines/types.js'
import { backupFileName } from '../storage/keys.js'
import { clients } from '../tools/clients/index.js'
import { clientFigures, resolveClient } from '../tools/install.js'
import type { SinkOpener } from '../util/dump-stream.js'
import { stagingFigures, type StagingChoice } from './staging.js'
import type { StepOutcome } from './types.js'

export interface TakenSnapshot extends Snapshot {
  fileName: string
  takenAt: Date
}

/** Finds or installs a client that can dump the server, then dumps (to the file in workDir, or to `open`'s sink: staging stream). */
export async function takeSnapshot(config: Config, workDir: string, staging?: StagingChoice, open?: SinkOpener): Promise<StepOutcome<TakenSnapshot>> {
  const engine = await engines[config.database.type].load()
  const clientSpec = clients[config.database.type]
  const client = await resolveClient(clientSpec, config.database, config.client, config.dumpTimeoutMs)
  const takenAt = new Date()
  const plannedName = backupFileName(config.backupName, engine.fileExtension(config.compression), takenAt)
  const snapshot = await engine.snapshot({ database: config.database, workDir, fileName: plannedName, timeoutMs: config.dumpTimeoutMs, compression: config.compression, open })
  // An engine may store another format than asked for (an old redis-cli cannot stream): its file's name tells.
  const fileName = basename(snapshot.file)
  return {
    value: { ...snapshot, fileName, takenAt },
    figures: { ...(staging ? stagingFigures(staging) : {}), ...clientFigures(client), ...snapshot.figures, file: fileName, 'size bytes': snapshot.sizeBytes, sha256: snapshot.sha256 }
  }
}
