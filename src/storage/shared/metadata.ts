import type { BackupMetadata } from '../types.js'

/**
 * User metadata stored with each object. The keys are lower-case letters and digits only: Azure
 * requires C# identifiers, and proxies in front of S3-compatible services may drop headers with
 * underscores.
 */
export function objectMetadata(metadata: BackupMetadata): Record<string, string> {
  return {
    // Empty while a streamed upload has not ended: recorded at its commit.
    ...(metadata.sha256 ? { sha256: metadata.sha256 } : {}),
    backupname: metadata.backupName,
    dbtype: metadata.dbType,
    createdat: metadata.createdAt
  }
}

/** Whether an object's stored metadata says it is the upload of this backup (and nothing else). */
export function isOurs(stored: Record<string, string> | undefined, metadata: BackupMetadata): boolean {
  return stored?.sha256 === metadata.sha256 && stored?.createdat === metadata.createdAt && stored?.backupname === metadata.backupName
}

/**
 * ETags are reported without the surrounding quotes S3 and Azure put on them (GCS has none), so
 * that the output means the same for every backend and can be compared as it is.
 */
export function unquoteEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/^"(.*)"$/, '$1')
}
