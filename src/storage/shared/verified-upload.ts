import { errorMessage } from '../../util/errors.js'
import type { AppliedSettings, BackupMetadata, UploadResult } from '../types.js'
import type { ObjectStore } from './cloud-storage.js'
import { isOurs } from './metadata.js'

/**
 * What every upload to a cloud storage goes through, written once: the bytes sent, what the
 * storage holds read back, and that compared with the dump; at each step a failure removes what
 * the upload left and fails it in the same words for every backend. A backend supplies the
 * calls (send, read back, delete) and how it names things (an ObjectStore).
 */

/** The settings asked for (storage class, encryption, lock) as the storage reports them. */
export interface SettingsCheck {
  applied: AppliedSettings
  /** Asked for but missing: the upload fails (a service that ignores them must not pass for one that honours them). */
  problems: string[]
  /** Otherwise than asked without harm to the backup (a class the service does not keep). */
  warnings: string[]
}

/** What the storage holds under a key after an upload, as it reports it. */
export interface StoredCopy {
  sizeBytes: number | undefined
  /** The SHA-256 in the object's metadata. */
  sha256: string | undefined
  /** Without quotes (unquoteEtag); '' where the storage reports none. */
  etag: string
  versionId: string
  settings: SettingsCheck
  /** What the storage's own checksum found wrong, listed before the other problems. */
  checksumProblems?: string[]
}

/** What the dump is: what the storage must hold. */
export interface Expected {
  sizeBytes: number
  sha256: string
}

/** A backend's upload of a file, in the steps uploadVerified runs. */
export interface FileUpload<Sent> {
  /** Sends the file; resolves once the storage holds the object. */
  send(): Promise<Sent>
  /** After a failed send: removes what it may have left (parts, a session, an object); a note for the message. */
  cleanUp(error: unknown): Promise<string>
  readBack(sent: Sent): Promise<StoredCopy>
  /** Removes the object this upload stored; a note for the message ('' when it went). */
  discard(): Promise<string>
}

/** Compares what the storage holds after an upload with what was sent; the problems found. */
export function storedObjectProblems(
  expected: { sizeBytes: number; sha256: string },
  stored: { sizeBytes: number | undefined; sha256: string | undefined }
): string[] {
  const problems: string[] = []
  if (stored.sizeBytes !== expected.sizeBytes) {
    problems.push(`it holds ${stored.sizeBytes ?? 'an unknown number of'} bytes, the dump is ${expected.sizeBytes} bytes`)
  }
  if (stored.sha256 !== expected.sha256) {
    problems.push(`its sha256 metadata is ${stored.sha256 ? `"${stored.sha256}"` : 'missing'}, the dump's is ${expected.sha256}`)
  }
  return problems
}

/** Sends a file, reads back what the storage holds and checks it is the dump; else nothing is left and the upload fails. */
export async function uploadVerified<Sent>(store: ObjectStore, key: string, expected: Expected, upload: FileUpload<Sent>, abort?: AbortSignal): Promise<UploadResult> {
  const started = performance.now()
  let sent: Sent
  try {
    sent = await upload.send()
  } catch (error) {
    throw uploadFailed(store, key, error, abort, await upload.cleanUp(error))
  }
  const durationMs = performance.now() - started
  const stored = await readBack(store, key, () => upload.readBack(sent), () => upload.discard())
  return confirmStored(store, key, expected, stored, () => upload.discard(), durationMs)
}

/** The error of an upload that failed (or that a cancelled run stopped: then the abort's reason). */
export function uploadFailed(store: ObjectStore, key: string, error: unknown, abort: AbortSignal | undefined, cleanup = ''): Error {
  return new Error(`upload of ${store.uri(key)} to ${store.where} failed: ${abort?.aborted ? errorMessage(abort.reason) : store.describe(error)}${cleanup}`)
}

/** What the storage holds after an upload; an object that cannot be read back cannot be checked, so it is removed and the upload fails. */
export async function readBack<T>(store: ObjectStore, key: string, read: () => Promise<T>, discard: () => Promise<string>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    const cleanup = await discard()
    throw new Error(`${store.uri(key)} was uploaded but cannot be read back from ${store.where}: ${store.describe(error)}${cleanup}`)
  }
}

/**
 * Records the SHA-256, known only once a streamed upload has ended, on the object it made; a
 * failure removes the object (its metadata has no SHA-256 yet, so it is known to be this upload's).
 */
export async function recordSha256<T>(store: ObjectStore, key: string, record: () => Promise<T>, remove: () => Promise<unknown>): Promise<T> {
  try {
    return await record()
  } catch (error) {
    const cleanup = await remove().then(
      () => '',
      (deletion: unknown) => `; the object could not be removed again (${store.describe(deletion)})`
    )
    throw new Error(`${store.uri(key)} was uploaded but its SHA-256 could not be recorded in ${store.where}: ${store.describe(error)}${cleanup}`)
  }
}

/**
 * What the storage holds must be the dump: its size, its recorded SHA-256 and the settings asked
 * for; else the object is removed again and the upload fails.
 */
export async function confirmStored(store: ObjectStore, key: string, expected: Expected, stored: StoredCopy, discard: () => Promise<string>, durationMs: number): Promise<UploadResult> {
  const problems = [...(stored.checksumProblems ?? []), ...storedObjectProblems(expected, stored), ...stored.settings.problems]
  if (problems.length > 0) {
    const cleanup = await discard()
    throw new Error(`${store.uri(key)} in ${store.where} is not the dump: ${problems.join('; ')}${cleanup}`)
  }
  const { applied, warnings } = stored.settings
  return {
    uri: store.uri(key),
    etag: stored.etag,
    versionId: stored.versionId,
    sizeBytes: stored.sizeBytes ?? 0,
    durationMs,
    applied,
    ...(warnings.length > 0 ? { warnings } : {})
  }
}

/** How a backend finds and deletes the object under a key, for removeOwnObject. */
export interface StoredObjectCalls<T> {
  read(): Promise<T>
  metadataOf(found: T): Record<string, string> | undefined
  /** Deletes exactly what was read (its version, generation or ETag), so that a newer write is never touched. */
  remove(found: T): Promise<unknown>
  isMissing(error: unknown): boolean
}

/**
 * Deletes an object that a failed upload got stored after all, recognised by its metadata so that
 * an object this upload did not write is never touched; a note when that could not be checked.
 */
export async function removeOwnObject<T>(store: ObjectStore, metadata: BackupMetadata, calls: StoredObjectCalls<T>, what = 'an object was left under the key'): Promise<string | undefined> {
  try {
    const found = await calls.read()
    if (isOurs(calls.metadataOf(found), metadata)) await calls.remove(found)
    return undefined
  } catch (error) {
    return calls.isMissing(error) ? undefined : `whether ${what} could not be checked (${store.describe(error)})`
  }
}

/** Notes on what could not be removed, appended to an error message. */
export function cleanupNotes(notes: readonly (string | undefined)[]): string {
  const present = notes.filter((note): note is string => Boolean(note))
  return present.length > 0 ? `; ${present.join('; ')}` : ''
}
