import type { Config } from '../config/types.js'
import { storages } from '../storage/index.js'
import { joinKey, keyPrefix } from '../storage/keys.js'
import type { StorageBackend, UploadResult } from '../storage/types.js'
import type { BackupRecord } from '../report/types.js'
import { objectLinks, restoreCommand } from '../report/links.js'
import type { TakenSnapshot } from './take-snapshot.js'
import type { StepOutcome } from './types.js'

export interface Uploaded {
  backend: StorageBackend
  backup: BackupRecord
}

/** Where people find this backup and how they restore it, for the summary. */
function backupLinks(config: Config, key: string): Pick<BackupRecord, 'consoleUrl' | 'restoreCommand'> {
  const { consoleUrl, fetchCommand } = objectLinks(config.storage, key)
  return { ...(consoleUrl ? { consoleUrl } : {}), restoreCommand: restoreCommand(fetchCommand, config.database.type, key) }
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
  return recordUpload(config, backend, key, snapshot, result)
}

/** What an upload stored, checked against the dump: the backup's record and the step's figures. */
export function recordUpload(config: Config, backend: StorageBackend, key: string, snapshot: TakenSnapshot, result: UploadResult): StepOutcome<Uploaded> {
  if (result.sizeBytes !== snapshot.sizeBytes) {
    throw new Error(`the storage holds ${result.sizeBytes} bytes under ${key}, but the dump is ${snapshot.sizeBytes} bytes`)
  }
  const throughput = result.durationMs > 0 ? Math.round((result.sizeBytes * 1000) / result.durationMs) : 0
  const backup: BackupRecord = {
    uri: result.uri,
    key,
    sha256: snapshot.sha256,
    sizeBytes: result.sizeBytes,
    etag: result.etag,
    versionId: result.versionId,
    throughputBytesPerSecond: throughput,
    ...backupLinks(config, key)
  }
  const figures = { uri: result.uri, 'size bytes': result.sizeBytes, 'bytes per second': throughput, retries: backend.takeRetryCount() }
  if (result.etag) Object.assign(figures, { etag: result.etag })
  if (result.versionId) Object.assign(figures, { 'version id': result.versionId })
  return { value: { backend, backup }, figures }
}
