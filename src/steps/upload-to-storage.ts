import * as core from '@actions/core'
import type { Config } from '../config/types.js'
import { storages } from '../storage/index.js'
import { joinKey, keyPrefix } from '../storage/keys.js'
import type { StorageBackend } from '../storage/types.js'
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
    ...backupLinks(config, key),
    ...(snapshot.encrypted ? { encryption: { format: 'age', recipients: snapshot.encrypted.recipients } } : {})
  }
  const figures = { uri: result.uri, 'size bytes': result.sizeBytes, 'bytes per second': throughput, retries: backend.takeRetryCount() }
  if (result.etag) Object.assign(figures, { etag: result.etag })
  if (result.versionId) Object.assign(figures, { 'version id': result.versionId })
  for (const warning of result.warnings ?? []) core.warning(warning, { title: 'Backup storage' })
  // What the storage reports it applied (storage-class, s3-sse, immutable-days), not what was asked.
  if (result.applied?.storageClass) Object.assign(figures, { 'storage class': result.applied.storageClass })
  if (result.applied?.encryption) Object.assign(figures, { encryption: result.applied.encryption })
  if (result.applied?.lockedUntil) Object.assign(figures, { 'locked until': result.applied.lockedUntil })
  return { value: { backend, backup }, figures, ...(result.warnings?.length ? { warnings: result.warnings } : {}) }
}
