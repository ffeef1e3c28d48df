import { rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { RestoreInputs } from '../constants.js'
import { ENCRYPTED_SUFFIX } from '../storage/keys.js'
import { decryptFile } from '../util/encryption.js'
import { errorMessage } from '../util/errors.js'
import type { BackupRecord } from '../report/types.js'
import type { LocatedBackup } from './locate-backup.js'
import type { StepOutcome } from './types.js'

export interface DownloadedBackup {
  file: string
  record: BackupRecord
  /** restore-globals: the globals object, its SHA-256 checked like the dump's. */
  globalsFile?: string
}

/**
 * Streams the backup into the work directory and compares its SHA-256 with the one recorded when
 * it was stored. Nothing reaches the target unless they match.
 */
export async function downloadBackup(located: LocatedBackup, workDir: string, identities: readonly string[], cancel?: AbortSignal): Promise<StepOutcome<DownloadedBackup>> {
  const globals = located.globals
    ? await downloadChecked({ ...located, ...located.globals, encrypted: located.globals.key.endsWith(ENCRYPTED_SUFFIX) }, workDir, identities, cancel)
    : undefined
  const dump = await downloadChecked(located, workDir, identities, cancel)
  return {
    value: { ...dump.value, ...(globals ? { globalsFile: globals.value.file } : {}) },
    figures: { ...dump.figures, ...(globals ? { 'globals size bytes': globals.value.record.sizeBytes, 'globals recorded sha256': 'match' } : {}) }
  }
}

async function downloadChecked(
  located: Pick<LocatedBackup, 'backend' | 'key' | 'uri' | 'sizeBytes' | 'encrypted'>,
  workDir: string,
  identities: readonly string[],
  cancel?: AbortSignal
): Promise<StepOutcome<DownloadedBackup>> {
  const { backend } = located
  const file = join(workDir, basename(located.key))
  const result = await backend.download(located.key, file, { expectedBytes: located.sizeBytes, abort: cancel })
  const retries = backend.takeRetryCount()
  if (result.sizeBytes !== located.sizeBytes) {
    throw new Error(`the download of ${located.uri} is ${result.sizeBytes} bytes, but the storage lists ${located.sizeBytes}: the target was not touched`)
  }
  if (!result.recordedSha256) {
    throw new Error(
      `no SHA-256 was recorded with ${located.uri} (object metadata "sha256", or a ${basename(located.key)}.sha256 file beside a local backup), ` +
        'so the download cannot be checked: the target was not touched'
    )
  }
  if (result.recordedSha256 !== result.sha256) {
    throw new Error(
      `the download of ${located.uri} has SHA-256 ${result.sha256}, but ${result.recordedSha256} was recorded when it was stored: ` +
        'the stored backup is damaged (or was replaced); the target was not touched'
    )
  }
  const throughput = result.durationMs > 0 ? Math.round((result.sizeBytes * 1000) / result.durationMs) : 0
  const decrypted = located.encrypted ? await decrypt(file, identities) : undefined
  return {
    value: {
      file: decrypted?.file ?? file,
      record: { uri: located.uri, key: located.key, sha256: result.sha256, sizeBytes: result.sizeBytes, etag: '', versionId: '', throughputBytesPerSecond: throughput }
    },
    figures: {
      'size bytes': result.sizeBytes,
      sha256: result.sha256,
      'recorded sha256': 'match',
      'bytes per second': throughput,
      retries,
      ...(decrypted ? { decrypted: 'age, with decryption-identity', 'plaintext bytes': decrypted.sizeBytes } : {})
    }
  }
}

/**
 * The downloaded backup decrypted in the stream into the work directory, under its name without
 * `.age` (which tells its compression to the checks), and the encrypted copy removed. age
 * authenticates every chunk: a file that does not open with the identity, or was altered, fails here.
 */
async function decrypt(file: string, identities: readonly string[]): Promise<{ file: string; sizeBytes: number }> {
  const plaintext = file.slice(0, -ENCRYPTED_SUFFIX.length)
  try {
    const { sizeBytes } = await decryptFile(file, identities, plaintext)
    return { file: plaintext, sizeBytes }
  } catch (error) {
    await rm(plaintext, { force: true })
    throw new Error(`decrypting with ${RestoreInputs.DecryptionIdentity} failed (is it the secret key of one of the backup's recipients?): ${errorMessage(error)}; the target was not touched`)
  } finally {
    await rm(file, { force: true })
  }
}
