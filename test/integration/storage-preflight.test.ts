import { AccountSASPermissions, AccountSASResourceTypes, AccountSASServices, generateAccountSASQueryParameters, StorageSharedKeyCredential } from '@azure/storage-blob'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StorageConfig } from '../../src/config/types.js'
import { AzureBlobStorage } from '../../src/storage/azure-blob.js'
import { GcsStorage } from '../../src/storage/gcs.js'
import { LocalStorage } from '../../src/storage/local.js'
import { S3Storage } from '../../src/storage/s3.js'
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, type AzuriteServer } from '../support/azurite.js'
import { S3_ACCESS_DENIED, startFaultProxy } from '../support/fault-proxy.js'
import { startGcsServer, type GcsServer } from '../support/gcs-server.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'

/** The preflight of each backend against its emulator: what a run learns before any dump starts. */

let s3: S3Emulator
let azurite: AzuriteServer
let gcs: GcsServer
let work: string
const savedEnv = { ...process.env }

beforeAll(async () => {
  ;[s3, azurite, gcs] = await Promise.all([startS3rver(['backups']), startAzurite(), startGcsServer()])
  await azurite.createContainer('backups')
  gcs.createBucket('backups')
  process.env.STORAGE_EMULATOR_HOST = gcs.url
  work = await mkdtemp(join(tmpdir(), 'preflight-'))
})

afterEach(() => {
  process.env = { ...savedEnv, STORAGE_EMULATOR_HOST: gcs.url }
})

afterAll(async () => {
  process.env = savedEnv
  await Promise.all([s3?.stop(), azurite?.stop(), gcs?.stop()])
  await rm(work, { recursive: true, force: true })
})

function s3Config(bucket: string, endpoint = s3.endpoint): StorageConfig {
  return { type: 's3', bucket, path: 'db', s3: { endpoint, region: 'us-east-1', forcePathStyle: true, checksum: 'none' } }
}

function useS3Credentials(): void {
  Object.assign(process.env, s3.env)
}

/** How many times `pattern` occurs in `text`. */
function occurrences(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, 'g'))?.length ?? 0
}

describe('S3', () => {
  test('an existing bucket passes with one listing request', async () => {
    useS3Credentials()
    await expect(new S3Storage(s3Config('backups')).preflight('db/shop-')).resolves.toBe('credentials and bucket OK (one-key listing)')
  })

  test('a missing bucket is named, without retries', async () => {
    useS3Credentials()
    const backend = new S3Storage(s3Config('no-such-bucket'))
    await expect(backend.preflight('db/shop-')).rejects.toThrow(/S3 bucket "no-such-bucket" .* cannot be used: the bucket "no-such-bucket" does not exist \(NoSuchBucket\)/)
    expect(backend.takeRetryCount()).toBe(0)
  })

  test('missing credentials are said once, and no request reaches the storage', async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']) delete process.env[name]
    Object.assign(process.env, { AWS_EC2_METADATA_DISABLED: 'true', AWS_SHARED_CREDENTIALS_FILE: join(work, 'none'), AWS_CONFIG_FILE: join(work, 'none') })
    const proxy = await startFaultProxy(s3.endpoint)
    try {
      const error = await new S3Storage(s3Config('backups', proxy.endpoint)).preflight('db/shop-').then(() => undefined, (caught: Error) => caught)
      expect(error?.message).toMatch(/cannot be used: no AWS credentials found \(use aws-actions\/configure-aws-credentials/)
      expect(occurrences(error?.message ?? '', /no AWS credentials found/)).toBe(1)
      expect(proxy.requests).toHaveLength(0)
    } finally {
      await proxy.stop()
    }
  })

  test('a refused listing names the permissions the action needs', async () => {
    useS3Credentials()
    const proxy = await startFaultProxy(s3.endpoint)
    proxy.inject({ fault: S3_ACCESS_DENIED })
    try {
      await expect(new S3Storage(s3Config('backups', proxy.endpoint)).preflight('db/shop-')).rejects.toThrow(/access denied \(AccessDenied\): the credentials need s3:PutObject, s3:GetObject, s3:ListBucket/)
    } finally {
      await proxy.stop()
    }
  })
})

describe('Azure Blob', () => {
  const config = (container: string): StorageConfig => ({ type: 'azure-blob', bucket: container, path: 'db', azure: { connectionString: azurite.connectionString, accountUrl: '' } })

  test('an existing container passes', async () => {
    await expect((await AzureBlobStorage.create(config('backups'))).preflight('db/shop-')).resolves.toBe('credentials and container OK (one-blob listing)')
  })

  test('a missing container is named', async () => {
    await expect((await AzureBlobStorage.create(config('missing'))).preflight('db/shop-')).rejects.toThrow(/cannot be used: the container "missing" does not exist \(ContainerNotFound\)/)
  })

  /** A connection string with an account SAS of these permissions (sp), signed with Azurite's key. */
  const withSas = (permissions: string): StorageConfig => {
    const sas = generateAccountSASQueryParameters(
      {
        permissions: AccountSASPermissions.parse(permissions),
        resourceTypes: AccountSASResourceTypes.parse('sco').toString(),
        services: AccountSASServices.parse('b').toString(),
        expiresOn: new Date(Date.now() + 3_600_000)
      },
      new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY)
    ).toString()
    return { ...config('backups'), azure: { connectionString: `BlobEndpoint=${azurite.accountUrl};SharedAccessSignature=${sas}`, accountUrl: '' } }
  }

  test('a SAS that cannot write fails the preflight, naming what it lacks (its listing alone would pass); its upload would be refused', async () => {
    const readOnly = await AzureBlobStorage.create(withSas('rl'))
    await expect(readOnly.preflight('db/shop-')).rejects.toThrow(
      /cannot be used: the SAS of the connection string permits "rl" only, without w \(write\) or c \(create\), to upload: give one with the permissions racwdl/
    )
    const file = join(work, 'sas-dump')
    await writeFile(file, 'PGDMP a dump')
    const metadata = { sha256: 'a'.repeat(64), backupName: 'shop', dbType: 'postgresql', createdAt: new Date().toISOString() }
    await expect(readOnly.upload(file, 'db/shop-sas.dump', metadata)).rejects.toThrow(/AuthorizationPermissionMismatch|403/)
    await expect((await AzureBlobStorage.create(withSas('wl'))).preflight('db/shop-')).rejects.toThrow(/permits "wl" only, without r \(read\)/)
  })

  test.each(['racwdl', 'rcl'])('a SAS with %s passes, and can upload', async (permissions) => {
    const backend = await AzureBlobStorage.create(withSas(permissions))
    await expect(backend.preflight('db/shop-')).resolves.toBe('credentials and container OK (one-blob listing)')
    const file = join(work, 'sas-dump')
    await writeFile(file, 'PGDMP a dump')
    const metadata = { sha256: createHash('sha256').update('PGDMP a dump').digest('hex'), backupName: 'shop', dbType: 'postgresql', createdAt: new Date().toISOString() }
    await expect(backend.upload(file, `db/shop-sas-${permissions}.dump`, metadata)).resolves.toMatchObject({ sizeBytes: 12, uri: `${azurite.accountUrl}/backups/db/shop-sas-${permissions}.dump` })
  })

  test('a refused key is named', async () => {
    const refused = { ...config('backups'), azure: { connectionString: azurite.connectionStringWithKey(Buffer.from('wrong key').toString('base64')), accountUrl: '' } }
    await expect((await AzureBlobStorage.create(refused)).preflight('db/shop-')).rejects.toThrow(/cannot be used: .*(AuthorizationFailure|AuthenticationFailed|403)/)
  })
})

describe('GCS', () => {
  const config = (bucket: string): StorageConfig => ({ type: 'gcs', bucket, path: 'db' })

  test('an existing bucket passes', async () => {
    await expect(new GcsStorage(config('backups')).preflight('db/shop-')).resolves.toBe('credentials and bucket OK (one-object listing)')
  })

  test('a missing bucket is named', async () => {
    await expect(new GcsStorage(config('missing-bucket')).preflight('db/shop-')).rejects.toThrow(/GCS bucket "missing-bucket" .* cannot be used: .*(does not exist|404)/)
  })
})

describe('local', () => {
  test('a directory that does not exist yet is made, and the probe file is removed', async () => {
    const directory = join(work, 'new', 'backups')
    await expect(new LocalStorage({ type: 'local', bucket: '', path: directory }).preflight()).resolves.toBe('directory writable (probe file written, removed)')
    expect(await readdir(directory)).toEqual([])
  })

  test('a directory that cannot be made is named with the cause', async () => {
    const file = join(work, 'a-file')
    await writeFile(file, 'not a directory')
    await expect(new LocalStorage({ type: 'local', bucket: '', path: join(file, 'backups') }).preflight()).rejects.toThrow(
      `the directory ${join(file, 'backups')} cannot be used: a part of the path is a file, not a directory (ENOTDIR)`
    )
  })
})

describe('an upload without credentials', () => {
  test('says the cause once: no check for a leftover object, which no request could have made', async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete process.env[name]
    Object.assign(process.env, { AWS_EC2_METADATA_DISABLED: 'true', AWS_SHARED_CREDENTIALS_FILE: join(work, 'none'), AWS_CONFIG_FILE: join(work, 'none') })
    const file = join(work, 'dump')
    await writeFile(file, 'PGDMP a dump')
    const metadata = { sha256: 'a'.repeat(64), backupName: 'shop', dbType: 'postgresql', createdAt: new Date().toISOString() }
    const error = await new S3Storage(s3Config('backups')).upload(file, 'db/shop-1.dump', metadata).then(() => undefined, (caught: Error) => caught)
    expect(error?.message).toMatch(/^upload of s3:\/\/backups\/db\/shop-1\.dump to S3 bucket "backups" .* failed: no AWS credentials found/)
    expect(occurrences(error?.message ?? '', /no AWS credentials found/)).toBe(1)
    expect(error?.message).not.toMatch(/could not be checked/)
  })
})
