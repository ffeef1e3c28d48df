import { basename } from 'node:path'
import type { Config } from '../config/types.js'
import { engines } from '../engines/index.js'
import type { Snapshot } from '../engines/types.js'
import { describeEncryption } from '../config/encryption.js'
import { backupFileName, storedExtension } from '../storage/keys.js'
import { clients } from '../tools/clients/index.js'
import { clientFigures, resolveClient } from '../tools/install.js'
import type { StepOutcome } from './types.js'

export interface TakenSnapshot extends Snapshot {
  fileName: string
  takenAt: Date
}

/** Finds or installs a client that can dump the server, then dumps. */
export async function takeSnapshot(config: Config, workDir: string): Promise<StepOutcome<TakenSnapshot>> {
  const engine = await engines[config.database.type].load()
  const clientSpec = clients[config.database.type]
  const client = await resolveClient(clientSpec, config.database, config.client, config.dumpTimeoutMs)
  const takenAt = new Date()
  const { encryption } = config
  const plannedName = backupFileName(config.backupName, storedExtension(engine.fileExtension(config.compression), Boolean(encryption)), takenAt)
  const snapshot = await engine.snapshot({ database: config.database, workDir, fileName: plannedName, timeoutMs: config.dumpTimeoutMs, compression: config.compression, encryption, options: config.dump })
  if (encryption && !snapshot.encrypted) throw new Error(`the ${config.database.type} engine stored the dump without encrypting it: it was not kept`)
  // An engine may store another format than asked for (an old redis-cli cannot stream): its file's name tells.
  const fileName = basename(snapshot.file)
  return {
    value: { ...snapshot, fileName, takenAt },
    figures: {
      ...clientFigures(client),
      ...snapshot.figures,
      ...(snapshot.encrypted ? { encryption: describeEncryption(encryption), 'plaintext bytes': snapshot.encrypted.plaintextBytes } : {}),
      file: fileName,
      'size bytes': snapshot.sizeBytes,
      sha256: snapshot.sha256
    }
  }
}
