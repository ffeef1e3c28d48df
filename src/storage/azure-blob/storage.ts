import type { BlobServiceClient } from '@azure/storage-blob'
import type { ObjectSettings, StorageConfig } from '../../config/types.js'
import { CloudStorage } from '../shared/cloud-storage.js'
import { AzureContainer, connect } from './client.js'
import { deleteKeys } from './delete.js'
import { preflight } from './preflight.js'
import { download, list } from './reads.js'
import { beginUpload } from './staged-upload.js'
import { uploadFile } from './upload.js'

/**
 * Azure Blob Storage (block blobs). Authorised by a connection string (an account key or a SAS),
 * or, given only an account URL, by DefaultAzureCredential: what azure/login sets up with OIDC
 * (through the Azure CLI), a managed identity, or AZURE_CLIENT_ID/AZURE_TENANT_ID/... variables.
 */
export class AzureBlobStorage extends CloudStorage<AzureContainer> {
  static async create(config: StorageConfig): Promise<AzureBlobStorage> {
    const { service, authorisedBy } = await connect(config)
    return new AzureBlobStorage(service, config.bucket, authorisedBy, config.objects)
  }

  private constructor(service: BlobServiceClient, containerName: string, authorisedBy: string, objects: ObjectSettings | undefined) {
    super(new AzureContainer(service, containerName, authorisedBy, objects), { upload: uploadFile, beginUpload, preflight, list, download, delete: deleteKeys })
  }
}
