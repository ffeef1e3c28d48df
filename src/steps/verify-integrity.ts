import type { Config } from '../config/types.js'
import { engines } from '../engines/index.js'
import type { Figures } from '../engines/types.js'
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
  if (reread.sizeBytes < engine.minimumSizeBytes) {
    throw new Error(
      `the dump is ${reread.sizeBytes} bytes, less than the ${engine.minimumSizeBytes} bytes even an empty ${config.database.type} dump takes: the dump failed`
    )
  }
  const request = { database: config.database, file: snapshot.file, workDir, timeoutMs: config.dumpTimeoutMs }
  let figures: Figures
  if (!snapshot.readThrough) figures = await engine.verify(request)
  else if ('error' in snapshot.readThrough) throw new Error(snapshot.readThrough.error)
  else figures = { ...snapshot.readThrough.figures, 'read while written': true }
  // validate-config accepts restore-check only for engines that have one.
  const restored = config.restoreCheck && engine.restoreCheck ? await engine.restoreCheck(request) : {}
  return { value: snapshot, figures: { 'sha256 re-read': 'match', 'size bytes': reread.sizeBytes, ...figures, ...restored } }
}
