import type { Config } from '../config/types.js'
import { engines } from '../engines/index.js'
import { restorers } from '../engines/restorers.js'
import type { Engine, Figures, VerifyRequest } from '../engines/types.js'
import { hashFile } from '../util/files.js'
import type { TakenSnapshot } from './take-snapshot.js'
import type { StepOutcome } from './types.js'

/**
 * Hands the snapshot on only once it has been read back and checked. The engine's full read-through
 * ran while the dump was written, on the same bytes; this step re-reads the file's SHA-256, so the
 * bytes checked are the bytes on disk, and fails with the read-through's finding if it had one.
 */
export async function verifyIntegrity(config: Config, snapshot: TakenSnapshot, workDir: string): Promise<StepOutcome<TakenSnapshot>> {
  const engine = await engines[config.database.type].load()
  const reread = await hashFile(snapshot.file)
  if (reread.sizeBytes !== snapshot.sizeBytes || reread.sha256 !== snapshot.sha256) {
    throw new Error(
      `the dump on disk (${reread.sizeBytes} bytes, sha256 ${reread.sha256}) differs from what was written ` +
        `(${snapshot.sizeBytes} bytes, sha256 ${snapshot.sha256})`
    )
  }
  const request = { database: config.database, file: snapshot.file, workDir, timeoutMs: config.dumpTimeoutMs }
  let figures: Figures
  if (!snapshot.readThrough) figures = await checkArchive(engine, request, reread.sizeBytes)
  else if ('error' in snapshot.readThrough) throw new Error(snapshot.readThrough.error)
  else figures = { ...checkSize(engine, request, reread.sizeBytes), ...snapshot.readThrough.figures, 'read while written': true }
  // validate-config accepts restore-check only for engines that have one.
  const restorer = config.restoreCheck ? await restorers[config.database.type].load() : undefined
  const restored = restorer?.restoreCheck ? await restorer.restoreCheck(request) : {}
  return { value: snapshot, figures: { 'sha256 re-read': 'match', 'size bytes': reread.sizeBytes, ...figures, ...restored } }
}

/**
 * verify-integrity of staging stream: the engine's read-through ran on the bytes as they were sent,
 * and the SHA-256 was computed from them; there is no file to re-read. The upload is committed
 * only once this has passed.
 */
export async function verifyStreamed(config: Config, snapshot: TakenSnapshot): Promise<StepOutcome<TakenSnapshot>> {
  const engine = await engines[config.database.type].load()
  if (!snapshot.readThrough) throw new Error(`the ${config.database.type} dump was not read through as it was streamed: it cannot be verified`)
  if ('error' in snapshot.readThrough) throw new Error(snapshot.readThrough.error)
  const request = { database: config.database, file: '', workDir: '', timeoutMs: config.dumpTimeoutMs }
  const figures = { ...checkSize(engine, request, snapshot.sizeBytes), ...snapshot.readThrough.figures, 'read while streamed': true }
  return { value: snapshot, figures: { 'size bytes': snapshot.sizeBytes, sha256: snapshot.sha256, ...figures } }
}

/** The restore's verify-integrity: the downloaded backup gets the checks a new one gets. */
export async function verifyDownload(config: Config, file: string, sizeBytes: number, workDir: string): Promise<StepOutcome<string>> {
  const engine = await engines[config.database.type].load()
  const figures = await checkArchive(engine, { database: config.database, file, workDir, timeoutMs: config.dumpTimeoutMs }, sizeBytes)
  return { value: file, figures }
}

/** An empty or implausibly small dump is a failed dump, whatever its format says. */
function checkSize(engine: Engine, request: VerifyRequest, sizeBytes: number): Figures {
  if (sizeBytes < engine.minimumSizeBytes) {
    throw new Error(
      `the dump is ${sizeBytes} bytes, less than the ${engine.minimumSizeBytes} bytes even an empty ${request.database.type} dump takes: the dump failed`
    )
  }
  return {}
}

/** The size sanity check and the engine's own check of a dump file: for a new backup, and for one about to be restored. */
export async function checkArchive(engine: Engine, request: VerifyRequest, sizeBytes: number): Promise<Figures> {
  checkSize(engine, request, sizeBytes)
  return engine.verify(request)
}
