import type { StorageConfig } from '../../config/types.js'
import { CloudStorage } from '../shared/cloud-storage.js'
import type { ObjectDetails } from '../types.js'
import { S3Bucket } from './client.js'
import { deleteKeys } from './delete.js'
import { preflight } from './preflight.js'
import { download, list, metadata } from './reads.js'
import { beginUpload } from './staged-upload.js'
import { uploadFile } from './upload.js'

/**
 * Amazon S3 and S3-compatible services. Credentials come from the SDK's default chain: the
 * environment (including the web-identity token aws-actions/configure-aws-credentials sets up for
 * OIDC), shared profiles, container and instance roles.
 */
export class S3Storage extends CloudStorage<S3Bucket> {
  constructor(config: StorageConfig) {
    super(new S3Bucket(config), { upload: uploadFile, beginUpload, preflight, list, download, delete: deleteKeys })
  }

  /** ListObjectsV2 carries no user metadata: retention asks for it object by object. */
  metadata(key: string): Promise<ObjectDetails | undefined> {
    return metadata(this.store, key)
  }
}
