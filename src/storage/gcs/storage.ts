import type { StorageConfig } from '../../config/types.js'
import { CloudStorage } from '../shared/cloud-storage.js'
import { GcsBucket } from './client.js'
import { deleteKeys } from './delete.js'
import { preflight } from './preflight.js'
import { download, list } from './reads.js'
import { beginUpload } from './staged-upload.js'
import { uploadFile } from './upload.js'

/**
 * Google Cloud Storage through its JSON API. Credentials are Application Default Credentials:
 * what google-github-actions/auth sets up (workload identity federation or a key), a service
 * account on GCE, or gcloud's. STORAGE_EMULATOR_HOST points the client at an emulator.
 */
export class GcsStorage extends CloudStorage<GcsBucket> {
  constructor(config: StorageConfig) {
    super(new GcsBucket(config), { upload: uploadFile, beginUpload, preflight, list, download, delete: deleteKeys })
  }
}
