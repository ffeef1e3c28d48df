import * as core from '@actions/core'
import { createHash } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { describeKind } from '../../config/signing.js'
import type { Config } from '../../config/types.js'
import { storages } from '../../storage/index.js'
import { joinKey, keyPrefix, manifestName } from '../../config/backup-keys.js'
import { serializeManifest, signManifest, type ManifestObject } from '../../storage/shared/manifest.js'
import type { StorageBackend, UploadResult } from '../../storage/types.js'
import type { BackupRecord, StoredGlobals, StoredManifest } from '../../report/types.js'
import { errorMessage } from '../../util/errors.js'
import { objectLinks, restoreCommand } from '../../report/links.js'
import type { TakenSnapshot } from './take-snapshot.js'
import type { StepOutcome } from '../../run/step.js'

export interface Uploaded {
  backend: StorageBackend
  backup: BackupRecord
}

/** Where people find this backup and how they restore it, for the summary. */
function backupLinks(config: Config, key: string): Pick<BackupRecord, 'consoleUrl' | 'restoreCommand'> {
  const { consoleUrl, fetchCommand } = objectLinks(config.storage, key)
  return { ...(consoleUrl ? { consoleUrl } : {}), restoreCommand: restoreCommand(fetchCommand, config.database.type, key) }
}

/**
 * The globals object, after its dump: a backup is the pair or nothing, so a globals object that
 * cannot be stored takes its dump away with it (never a globals object without its dump, which
 * retention would not find).
 */
async function uploadGlobals(backend: StorageBackend, config: Config, snapshot: TakenSnapshot, dumpKey: string, cancel?: AbortSignal): Promise<StoredGlobals> {
  const globals = snapshot.globals as NonNullable<TakenSnapshot['globals']>
  const key = joinKey(keyPrefix(config.storage), globals.fileName)
  try {
    const metadata = { sha256: globals.sha256, backupName: config.backupName, dbType: config.database.type, createdAt: snapshot.takenAt.toISOString() }
    const result = await backend.upload(globals.file, key, metadata, cancel)
    if (result.sizeBytes !== globals.sizeBytes) throw new Error(`the storage holds ${result.sizeBytes} bytes under ${key}, but the globals are ${globals.sizeBytes} bytes`)
    return { uri: result.uri, key, sha256: globals.sha256, sizeBytes: result.sizeBytes, withoutPasswords: globals.withoutPasswords }
  } catch (error) {
    const removed = await backend.delete([key, dumpKey]).catch(() => undefined)
    const dump = removed?.deleted.includes(dumpKey)
      ? `so its dump ${dumpKey} was deleted again`
      : `and its dump ${dumpKey} could not be deleted again (${removed?.locked.includes(dumpKey) ? 'a retention lock protects it' : 'the deletion failed'}): it is stored without its globals`
    throw new Error(`the globals object could not be stored, ${dump}: ${errorMessage(error)}`)
  }
}

/**
 * signing-key: the manifest of the backup, stored last, once the dump (verified) and its globals
 * are: each object's key, size and SHA-256, signed. A local directory's SHA-256 sidecars are read
 * back from the directory, so the manifest lists what is really there. A manifest that cannot be
 * stored leaves the backup unsigned: it is deleted again (a restore with verify-key would refuse
 * it), or, where a retention lock keeps it, stays and is said to be unsigned.
 */
async function storeManifest(backend: StorageBackend, config: Config, snapshot: TakenSnapshot, dumpKey: string, globals: StoredGlobals | undefined, cancel?: AbortSignal): Promise<StoredManifest> {
  const signing = config.signing as NonNullable<Config['signing']>
  const key = joinKey(keyPrefix(config.storage), manifestName(snapshot.fileName))
  const file = join(dirname(snapshot.file), basename(key))
  try {
    const stored: ManifestObject[] = [{ role: 'dump', key: dumpKey, sizeBytes: snapshot.sizeBytes, sha256: snapshot.sha256 }]
    if (globals) stored.push({ role: 'globals', key: globals.key, sizeBytes: globals.sizeBytes, sha256: globals.sha256 })
    for (const object of [...stored]) {
      for (const companion of backend.companions?.(object.key, object.sha256) ?? []) {
        const readBack = await backend.download(companion.key, `${file}.companion`, { expectedBytes: companion.sizeBytes, abort: cancel })
        await rm(`${file}.companion`, { force: true })
        stored.push({ role: companion.role, key: companion.key, sizeBytes: readBack.sizeBytes, sha256: readBack.sha256 })
      }
    }
    const manifest = signManifest({ backupName: config.backupName, engine: config.database.type, backupTime: snapshot.takenAt.toISOString(), objects: stored }, signing)
    const text = serializeManifest(manifest)
    await writeFile(file, text, { mode: 0o600 })
    const sha256 = createHash('sha256').update(text).digest('hex')
    const metadata = { sha256, backupName: config.backupName, dbType: config.database.type, createdAt: snapshot.takenAt.toISOString() }
    const result = await backend.upload(file, key, metadata, cancel)
    const sizeBytes = Buffer.byteLength(text)
    if (result.sizeBytes !== sizeBytes) throw new Error(`the storage holds ${result.sizeBytes} bytes under ${key}, but the manifest is ${sizeBytes} bytes`)
    return { uri: result.uri, key, sizeBytes, signature: `${describeKind(signing.kind)} (key fingerprint ${signing.fingerprint})` }
  } catch (error) {
    const backupKeys = [dumpKey, ...(globals ? [globals.key] : [])]
    const removed = await backend.delete([key, ...backupKeys]).catch(() => undefined)
    const left = backupKeys.filter((entry) => !removed?.deleted.includes(entry))
    const outcome =
      left.length === 0
        ? `so the backup is not signed, and ${backupKeys.join(' and ')} ${backupKeys.length > 1 ? 'were' : 'was'} deleted again`
        : `so the backup is not signed, and ${left.join(' and ')} could not be deleted again (${left.some((entry) => removed?.locked.includes(entry)) ? 'a retention lock protects it' : 'the deletion failed'}): ` +
          'it is stored UNSIGNED, and a restore with verify-key refuses it'
    throw new Error(`the signed manifest ${key} could not be stored, ${outcome}: ${errorMessage(error)}`)
  } finally {
    await rm(file, { force: true })
  }
}

/** Stores the verified dump; `cancel` aborts the upload in flight, leaving nothing under the key. */
export async function uploadToStorage(config: Config, snapshot: TakenSnapshot, cancel?: AbortSignal): Promise<StepOutcome<Uploaded>> {
  const backend = await storages[config.storage.type].load(config.storage)
  const key = joinKey(keyPrefix(config.storage), snapshot.fileName)
  const result = await backend.upload(snapshot.file, key, {
    sha256: snapshot.sha256,
    backupName: config.backupName,
    dbType: config.database.type,
    createdAt: snapshot.takenAt.toISOString()
  }, cancel)
  return recordUpload(config, backend, key, snapshot, result, cancel)
}

/** What an upload stored, checked against the dump, with its globals object stored after it: the backup's record and the step's figures. */
export async function recordUpload(config: Config, backend: StorageBackend, key: string, snapshot: TakenSnapshot, result: UploadResult, cancel?: AbortSignal): Promise<StepOutcome<Uploaded>> {
  if (result.sizeBytes !== snapshot.sizeBytes) {
    throw new Error(`the storage holds ${result.sizeBytes} bytes under ${key}, but the dump is ${snapshot.sizeBytes} bytes`)
  }
  const globals = snapshot.globals ? await uploadGlobals(backend, config, snapshot, key, cancel) : undefined
  const manifest = config.signing ? await storeManifest(backend, config, snapshot, key, globals, cancel) : undefined
  const throughput = result.durationMs > 0 ? Math.round((result.sizeBytes * 1000) / result.durationMs) : 0
  const backup: BackupRecord = {
    uri: result.uri,
    key,
    sha256: snapshot.sha256,
    sizeBytes: result.sizeBytes,
    etag: result.etag,
    versionId: result.versionId,
    throughputBytesPerSecond: throughput,
    ...backupLinks(config, key),
    ...(snapshot.encrypted ? { encryption: { format: 'age', recipients: snapshot.encrypted.recipients } } : {}),
    ...(globals ? { globals } : {}),
    ...(manifest ? { manifest } : {})
  }
  const figures = { uri: result.uri, 'size bytes': result.sizeBytes, 'bytes per second': throughput, retries: backend.takeRetryCount() }
  if (result.etag) Object.assign(figures, { etag: result.etag })
  if (result.versionId) Object.assign(figures, { 'version id': result.versionId })
  if (globals) Object.assign(figures, { 'globals uri': globals.uri, 'globals size bytes': globals.sizeBytes })
  if (manifest) Object.assign(figures, { signature: manifest.signature, 'manifest uri': manifest.uri })
  for (const warning of result.warnings ?? []) core.warning(warning, { title: 'Backup storage' })
  // What the storage reports it applied (storage-class, s3-sse, immutable-days), not what was asked.
  if (result.applied?.storageClass) Object.assign(figures, { 'storage class': result.applied.storageClass })
  if (result.applied?.encryption) Object.assign(figures, { encryption: result.applied.encryption })
  if (result.applied?.lockedUntil) Object.assign(figures, { 'locked until': result.applied.lockedUntil })
  return { value: { backend, backup }, figures, ...(result.warnings?.length ? { warnings: result.warnings } : {}) }
}
