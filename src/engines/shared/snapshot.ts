import type { Stored } from '../../util/dump-stream.js'
import type { Figures, Snapshot } from '../types.js'

/** The snapshot of a dump stored in `file`: the stored bytes' hash, size, read-through and encryption, with the engine's figures. */
export function storedSnapshot(file: string, stored: Stored, figures: Figures): Snapshot {
  return { file, sha256: stored.sha256, sizeBytes: stored.sizeBytes, figures, readThrough: stored.readThrough, encrypted: stored.encrypted }
}
