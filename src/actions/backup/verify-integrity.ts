import type { Config } from '../../config/types.js'
import { engines, globalsOf } from '../../engines/index.js'
import { checkArchive, checkSize } from '../../engines/archive-check.js'
import type { Figures } from '../../engines/types.js'
import { hashFile } from '../../util/files.js'
import { decryptFile } from '../../util/encryption.js'
import type { Encrypted } from '../../util/dump-stream.js'
import { ENCRYPTED_SUFFIX, isEncryptedName } from '../../config/backup-keys.js'
import { rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { TakenSnapshot } from './take-snapshot.js'
import type { StepOutcome } from '../../run/step.js'

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
  // An encrypted file can only have been checked on its way in: the engine's tools cannot read it.
  if (snapshot.encrypted && !snapshot.readThrough) throw new Error('the encrypted dump was not read through as it was written, so it is unchecked: it was not kept')
  if (!snapshot.readThrough) figures = await checkArchive(engine, request, snapshot.encrypted?.plaintextBytes ?? reread.sizeBytes)
  else if ('error' in snapshot.readThrough) throw new Error(snapshot.readThrough.error)
  else figures = { ...checkSize(engine, request, snapshot.encrypted?.plaintextBytes ?? reread.sizeBytes), ...snapshot.readThrough.figures, 'read while written': true }
  const identities = config.encryption?.verifyIdentities ?? []
  // The restore-check reads the plaintext, decrypted beside the stored file in the work directory.
  const plaintext = snapshot.encrypted && config.restoreCheck ? join(workDir, basename(snapshot.file, ENCRYPTED_SUFFIX)) : undefined
  try {
    const decrypted = snapshot.encrypted && identities.length > 0 ? await checkDecryption(snapshot.file, snapshot.encrypted, identities, plaintext) : {}
    // validate-config accepts restore-check only for engines that have one, and with encryption only with a verify identity.
    const restorer = config.restoreCheck ? await engines[config.database.type].restorer() : undefined
    const restored = restorer?.restoreCheck ? await restorer.restoreCheck({ ...request, file: plaintext ?? snapshot.file }) : {}
    const globals = snapshot.globals ? await verifyStoredGlobals(config, snapshot.globals) : {}
    return { value: snapshot, figures: { 'sha256 re-read': 'match', 'size bytes': reread.sizeBytes, ...figures, ...decrypted, ...restored, ...globals } }
  } finally {
    if (plaintext) await rm(plaintext, { force: true })
  }
}

/** The stored file decrypted in the stream with encryption-verify-identity: it must give back the very plaintext that was checked. */
async function checkDecryption(file: string, encrypted: Encrypted, identities: readonly string[], into?: string): Promise<Figures> {
  const decrypted = await decryptFile(file, identities, into)
  if (decrypted.sha256 !== encrypted.plaintextSha256 || decrypted.sizeBytes !== encrypted.plaintextBytes) {
    throw new Error(
      `the encrypted dump decrypts to ${decrypted.sizeBytes} bytes with sha256 ${decrypted.sha256}, ` +
        `not to the ${encrypted.plaintextBytes} bytes (sha256 ${encrypted.plaintextSha256}) that were checked and encrypted`
    )
  }
  return { 'decrypted with encryption-verify-identity': 'plaintext sha256 match' }
}

/** The globals object gets its own check: its SHA-256 re-read, and the script read through again (header to trailer, roles). */
async function verifyStoredGlobals(config: Config, globals: NonNullable<TakenSnapshot['globals']>): Promise<Figures> {
  const reread = await hashFile(globals.file)
  if (reread.sizeBytes !== globals.sizeBytes || reread.sha256 !== globals.sha256) {
    throw new Error(`the globals object on disk (${reread.sizeBytes} bytes, sha256 ${reread.sha256}) differs from what was written (${globals.sizeBytes} bytes, sha256 ${globals.sha256})`)
  }
  // Encrypted, the script was read through as it was written, before encryption: the file holds ciphertext only.
  if (isEncryptedName(globals.file)) return { 'globals sha256 re-read': 'match' }
  return { 'globals sha256 re-read': 'match', ...(await (await globalsOf(config.database.type)).verify(globals.file)) }
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
