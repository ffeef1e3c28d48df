import { readFile, rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { VerifyKey } from '../../config/signing.js'
import { RestoreInputs } from '../../constants.js'
import { ENCRYPTED_SUFFIX, formatTimestamp, manifestName } from '../../config/backup-keys.js'
import { describeVerified, MANIFEST_MAX_BYTES, parseManifest, verifyManifest, type Manifest, type ManifestObject } from '../../storage/shared/manifest.js'
import { decryptFile } from '../../util/encryption.js'
import { errorMessage } from '../../util/errors.js'
import type { BackupRecord } from '../../report/types.js'
import type { LocatedBackup } from './locate-backup.js'
import type { StepOutcome } from '../../run/step.js'

export interface DownloadedBackup {
  file: string
  record: BackupRecord
  /** restore-globals: the globals object, its SHA-256 checked like the dump's. */
  globalsFile?: string
}

/**
 * Streams the backup into the work directory and compares its SHA-256 with the one recorded when
 * it was stored. Nothing reaches the target unless they match. With verify-key, the backup's
 * signed manifest is read and checked first, and the dump and the globals object must match the
 * sizes and SHA-256 it lists: the SHA-256 beside a backup can be rewritten by whoever can write
 * the storage, the signature cannot.
 */
export async function downloadBackup(
  located: LocatedBackup,
  workDir: string,
  identities: readonly string[],
  cancel?: AbortSignal,
  verifyKey?: VerifyKey
): Promise<StepOutcome<DownloadedBackup>> {
  const signed = await readManifest(located, workDir, verifyKey, cancel)
  const manifest = signed.manifest
  const globals = located.globals
    ? await downloadChecked(
        { ...located, ...located.globals, encrypted: located.globals.key.endsWith(ENCRYPTED_SUFFIX) },
        workDir,
        identities,
        cancel,
        manifest && signedEntry(manifest, 'globals', located.globals.key, located.uri)
      )
    : undefined
  const dump = await downloadChecked(located, workDir, identities, cancel, manifest && signedEntry(manifest, 'dump', located.key, located.uri))
  return {
    value: { ...dump.value, ...(globals ? { globalsFile: globals.value.file } : {}) },
    figures: {
      ...dump.figures,
      ...(globals ? { 'globals size bytes': globals.value.record.sizeBytes, 'globals recorded sha256': 'match', ...(manifest ? { 'globals signed sha256': 'match' } : {}) } : {}),
      ...signed.figures
    }
  }
}

/** What the download step knows of the backup's signature. */
interface SignatureCheck {
  /** Set when verify-key is given: the manifest, its signature verified. */
  manifest?: Manifest
  figures: Record<string, string>
}

/**
 * The signed manifest beside the located dump (`<stem>.manifest.json`). With verify-key it must be
 * there, at most MANIFEST_MAX_BYTES, of this action's layout, signed with verify-key's counterpart,
 * and about this very backup (its dump's key and time); without, only whether there is one is said.
 */
async function readManifest(located: LocatedBackup, workDir: string, verifyKey: VerifyKey | undefined, cancel?: AbortSignal): Promise<SignatureCheck> {
  const { backend } = located
  const key = manifestName(located.key)
  const uri = backend.uri(key)
  const listed = (await backend.list(key)).find((entry) => entry.key === key)
  if (!verifyKey) {
    return {
      figures: {
        signature: listed
          ? `not verified: the backup has a signed manifest (${basename(key)}), but ${RestoreInputs.VerifyKey} is not set`
          : `not verified (no ${RestoreInputs.VerifyKey}; the backup has no signed manifest)`
      }
    }
  }
  const refuse = (why: string): Error => new Error(`${RestoreInputs.VerifyKey} is set, but ${why}: the backup is not trusted, and the target was not touched`)
  if (!listed) {
    throw refuse(`the backup ${located.uri} has no signed manifest beside it (${uri} is not in the storage): it was made without signing-key, or its manifest was removed`)
  }
  if (listed.sizeBytes > MANIFEST_MAX_BYTES) throw refuse(`the manifest ${uri} is ${listed.sizeBytes} bytes, more than a manifest's ${MANIFEST_MAX_BYTES}`)
  const file = join(workDir, basename(key))
  await backend.download(key, file, { expectedBytes: listed.sizeBytes, abort: cancel })
  let manifest: Manifest
  try {
    const text = await readFile(file, 'utf8')
    if (Buffer.byteLength(text) > MANIFEST_MAX_BYTES) throw new Error(`it is more than ${MANIFEST_MAX_BYTES} bytes`)
    manifest = parseManifest(text)
    verifyManifest(manifest, verifyKey)
  } catch (error) {
    throw refuse(`the manifest ${uri} cannot be trusted: ${errorMessage(error)}`)
  } finally {
    await rm(file, { force: true })
  }
  // A genuine manifest of another backup (copied beside this one) signs another dump.
  if (formatTimestamp(new Date(manifest.backupTime)) !== formatTimestamp(located.takenAt)) {
    throw refuse(`the signed manifest ${uri} is of a backup taken at ${manifest.backupTime}, but ${located.key} was taken at ${located.takenAt.toISOString()}`)
  }
  return { manifest, figures: { signature: describeVerified(verifyKey), manifest: key } }
}

/**
 * The manifest's entry for the object `key` in `role`; an error where the manifest does not list
 * it. Objects are matched by name (the key without the prefix it is stored under), so a backup
 * copied whole under another path still verifies; a name holds the backup's time and random part.
 */
function signedEntry(manifest: Manifest, role: ManifestObject['role'], key: string, uri: string): ManifestObject {
  const entry = manifest.objects.find((object) => object.role === role && basename(object.key) === basename(key))
  if (!entry) {
    const listed = manifest.objects.filter((object) => object.role === role).map((object) => object.key)
    throw new Error(
      `${RestoreInputs.VerifyKey} is set, but the signed manifest of ${uri} does not list ${key} as its ${role}` +
        `${listed.length > 0 ? ` (it lists ${listed.join(', ')})` : ''}: the backup is not trusted, and the target was not touched`
    )
  }
  return entry
}

async function downloadChecked(
  located: Pick<LocatedBackup, 'backend' | 'key' | 'uri' | 'sizeBytes' | 'encrypted'>,
  workDir: string,
  identities: readonly string[],
  cancel?: AbortSignal,
  signed?: ManifestObject
): Promise<StepOutcome<DownloadedBackup>> {
  const { backend } = located
  const file = join(workDir, basename(located.key))
  const result = await backend.download(located.key, file, { expectedBytes: located.sizeBytes, abort: cancel })
  const retries = backend.takeRetryCount()
  if (result.sizeBytes !== located.sizeBytes) {
    throw new Error(`the download of ${located.uri} is ${result.sizeBytes} bytes, but the storage lists ${located.sizeBytes}: the target was not touched`)
  }
  // The signed manifest before the SHA-256 beside the object: a replaced object with a rewritten sidecar or metadata is caught here.
  if (signed && (signed.sizeBytes !== result.sizeBytes || signed.sha256 !== result.sha256)) {
    const what = signed.role === 'dump' ? 'the dump' : 'the globals object'
    throw new Error(
      `${what} ${located.uri} is ${result.sizeBytes} bytes with SHA-256 ${result.sha256}, but the signed manifest lists ${signed.sizeBytes} bytes with SHA-256 ${signed.sha256}: ` +
        `${what} was replaced or damaged after it was signed; the target was not touched`
    )
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
      ...(signed ? { 'signed sha256': 'match' } : {}),
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
