import { basename, join } from 'node:path'
import type { Config } from '../../config/types.js'
import { engines, globalsOf } from '../../engines/index.js'
import type { GlobalsDump, Snapshot } from '../../engines/types.js'
import { describeEncryption } from '../../config/encryption.js'
import { backupFileName, globalsName, storedExtension } from '../../config/backup-keys.js'
import { clientFigures, resolveClient } from '../../tools/install.js'
import { COMPRESSION_SUFFIX } from '../../util/compression.js'
import type { SinkOpener } from '../../util/dump-stream.js'
import { stagingFigures, type StagingChoice } from './staging.js'
import type { StepOutcome } from '../../run/step.js'

export interface TakenSnapshot extends Snapshot {
  fileName: string
  takenAt: Date
  /** include-globals: the server's roles and other globals, stored beside the dump as part of the same backup. */
  globals?: GlobalsDump & { fileName: string }
}

/** The server's globals beside the dump (include-globals), named after it; the engine says what it had to leave out. */
async function takeGlobals(config: Config, workDir: string, dumpFileName: string): Promise<{ globals: TakenSnapshot['globals']; warnings: string[] }> {
  // Roles carry password hashes: encrypted like the dump, when it is.
  const fileName = globalsName(dumpFileName, storedExtension(COMPRESSION_SUFFIX[config.compression.name], Boolean(config.encryption)))
  const globals = await (await globalsOf(config.database.type)).dump(config.database, join(workDir, fileName), config.compression, config.dumpTimeoutMs, config.encryption)
  return { globals: { ...globals, fileName }, warnings: globals.warnings }
}

/** Finds or installs a client that can dump the server, then dumps (to the file in workDir, or to `open`'s sink: staging stream). */
export async function takeSnapshot(config: Config, workDir: string, staging?: StagingChoice, open?: SinkOpener): Promise<StepOutcome<TakenSnapshot>> {
  const plugin = engines[config.database.type]
  const engine = await plugin.load()
  const client = await resolveClient(plugin.client, config.database, config.client, config.dumpTimeoutMs)
  const takenAt = new Date()
  const { encryption } = config
  const plannedName = backupFileName(config.backupName, storedExtension(engine.fileExtension(config.compression), Boolean(encryption)), takenAt)
  const snapshot = await engine.snapshot({
    database: config.database,
    workDir,
    fileName: plannedName,
    timeoutMs: config.dumpTimeoutMs,
    compression: config.compression,
    encryption,
    options: config.dump,
    open,
    readSource: config.sourceCheck
  })
  if (encryption && !snapshot.encrypted) throw new Error(`the ${config.database.type} engine stored the dump without encrypting it: it was not kept`)
  // An engine may store another format than asked for (an old redis-cli cannot stream): its file's name tells.
  const fileName = basename(snapshot.file)
  const { globals, warnings } = config.includeGlobals ? await takeGlobals(config, workDir, fileName) : { globals: undefined, warnings: [] }
  const globalsFigures = globals ? { 'globals file': globals.fileName, 'globals size bytes': globals.sizeBytes, 'globals sha256': globals.sha256, ...globals.figures } : {}
  return {
    value: { ...snapshot, fileName, takenAt, ...(globals ? { globals } : {}) },
    figures: {
      ...(staging ? stagingFigures(staging) : {}),
      ...clientFigures(client),
      ...snapshot.figures,
      ...(snapshot.encrypted ? { encryption: describeEncryption(encryption), 'plaintext bytes': snapshot.encrypted.plaintextBytes } : {}),
      file: fileName,
      'size bytes': snapshot.sizeBytes,
      sha256: snapshot.sha256,
      ...globalsFigures
    },
    warnings
  }
}
