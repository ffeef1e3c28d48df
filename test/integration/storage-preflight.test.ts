import { AbortMultipartUploadCommand } from '@aws-sdk/client-s3'
import { AccountSASPermissions, AccountSASResourceTypes, AccountSASServices, generateAccountSASQueryParameters, StorageSharedKeyCredential } from '@azure/storage-blob'
import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StorageConfig } from '../../src/config/types.js'
import { AzureBlobStorage } from '../../src/storage/azure-blob/storage.js'
import { GcsStorage } from '../../src/storage/gcs/storage.js'
import { LocalStorage } from '../../src/storage/local/storage.js'
import { S3Storage } from '../../src/storage/s3/storage.js'
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, type AzuriteServer } from '../support/azurite.js'
import { S3_ACCESS_DENIED, s3ErrorXml, startFaultProxy, type SeenRequest } from '../support/fault-proxy.js'
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

const S3_CHECKED = 'credentials and bucket OK (one-key listing); writable (multipart upload started, aborted)'
const isStart = (request: SeenRequest): boolean => request.method === 'POST' && /[?&]uploads/.test(request.url)
const isAbort = (request: SeenRequest): boolean => request.method === 'DELETE' && /[?&]uploadId=/.test(request.url)

function useS3Credentials(): void {
  Object.assign(process.env, s3.env)
}

/** How many times `pattern` occurs in `text`. */
function occurrences(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, 'g'))?.length ?? 0
}

describe('S3', () => {
  test('an existing bucket passes: one listing, a multipart upload under the prefix started and aborted, nothing left', async () => {
    useS3Credentials()
    const proxy = await startFaultProxy(s3.endpoint)
    try {
      await expect(new S3Storage(s3Config('backups', proxy.endpoint)).preflight('db/shop-')).resolves.toEqual({ checked: S3_CHECKED })
      expect(proxy.requests.map((request) => `${request.method} ${request.url.split('?')[0]}`)).toEqual([
        'GET /backups/',
        expect.stringMatching(/^POST \/backups\/db\/shop-preflight-[0-9a-f]{8}$/),
        expect.stringMatching(/^DELETE \/backups\/db\/shop-preflight-[0-9a-f]{8}$/)
      ])
      expect(await s3.uploads('backups')).toEqual([])
      expect(await s3.keys('backups', 'db/')).toEqual([])
    } finally {
      await proxy.stop()
    }
  })

  test('the write check sends the settings every upload sends: a KMS key the credentials may not use fails it, naming the permission once', async () => {
    useS3Credentials()
    const proxy = await startFaultProxy(s3.endpoint)
    const objects = { storageClass: 'STANDARD_IA', immutableDays: 0, s3Encryption: 'aws:kms' as const, s3KmsKeyId: 'alias/backups', s3ObjectLockMode: 'GOVERNANCE' as const }
    // S3 refuses the CreateMultipartUpload of an identity that may not use the key.
    proxy.inject({ when: isStart, fault: { ...S3_ACCESS_DENIED, body: s3ErrorXml('AccessDenied', 'User is not authorized to perform: kms:GenerateDataKey') } })
    try {
      const error = await new S3Storage({ ...s3Config('backups', proxy.endpoint), objects }).preflight('db/shop-').then(() => undefined, (caught: Error) => caught)
      expect(error?.message).toMatch(
        /^S3 bucket "backups" at \S+ cannot be written under s3:\/\/backups\/db\/shop-\*: starting an upload was refused \(AccessDenied\): the credentials need s3:PutObject, and kms:GenerateDataKey on the KMS key \(s3-sse aws:kms\): User is not authorized/
      )
      expect(occurrences(error?.message ?? '', /s3:PutObject/)).toBe(1)
      const started = proxy.requests.filter(isStart)
      expect(started).toHaveLength(1)
      expect([started[0].headers['x-amz-storage-class'], started[0].headers['x-amz-server-side-encryption'], started[0].headers['x-amz-server-side-encryption-aws-kms-key-id']]).toEqual([
        'STANDARD_IA',
        'aws:kms',
        'alias/backups'
      ])
      expect(proxy.requests.filter(isAbort)).toEqual([])
    } finally {
      await proxy.stop()
    }
  })

  test('credentials that may list but not write fail the preflight, naming s3:PutObject once', async () => {
    useS3Credentials()
    const proxy = await startFaultProxy(s3.endpoint)
    proxy.inject({ when: isStart, fault: S3_ACCESS_DENIED })
    try {
      const error = await new S3Storage(s3Config('backups', proxy.endpoint)).preflight('db/shop-').then(() => undefined, (caught: Error) => caught)
      expect(error?.message).toMatch(/cannot be written under s3:\/\/backups\/db\/shop-\*: starting an upload was refused \(AccessDenied\): the credentials need s3:PutObject: Access Denied$/)
      expect(occurrences(error?.message ?? '', /s3:PutObject/)).toBe(1)
      expect(await s3.uploads('backups')).toEqual([])
    } finally {
      await proxy.stop()
    }
  })

  test.each([
    ['a service without AbortMultipartUpload', { status: 405, body: s3ErrorXml('MethodNotAllowed', 'The specified method is not allowed against this resource.') }, /could not abort a multipart upload \(MethodNotAllowed, HTTP 405/],
    ['credentials without s3:AbortMultipartUpload', S3_ACCESS_DENIED, /refused AbortMultipartUpload \(AccessDenied\): the credentials lack s3:AbortMultipartUpload, which a failed or cancelled upload \(and staging-stream\) needs/]
  ])('%s: the check passes with a warning naming the upload left, which holds no bytes', async (_what, fault, reason) => {
    useS3Credentials()
    const proxy = await startFaultProxy(s3.endpoint)
    proxy.inject({ when: isAbort, fault: { ...fault, headers: { 'Content-Type': 'application/xml' } } })
    try {
      const result = await new S3Storage(s3Config('backups', proxy.endpoint)).preflight('db/shop-')
      expect(result.checked).toBe('credentials and bucket OK (one-key listing); writable (multipart upload started; its abort failed)')
      const [uploadId] = await s3.uploads('backups')
      expect(result.warnings).toEqual([expect.stringMatching(reason)])
      expect(result.warnings?.[0]).toMatch(/\(it holds no bytes\) is left until a lifecycle rule with AbortIncompleteMultipartUpload removes it$/)
      expect(await s3.keys('backups', 'db/')).toEqual([])
      // The warning names the very upload left: aborting what it names leaves none.
      const named = new RegExp(`multipart upload ${uploadId} of s3://backups/(db/shop-preflight-[0-9a-f]{8}) `).exec(result.warnings?.[0] ?? '')
      expect(named).not.toBeNull()
      await s3.client.send(new AbortMultipartUploadCommand({ Bucket: 'backups', Key: named?.[1], UploadId: uploadId }))
      expect(await s3.uploads('backups')).toEqual([])
    } finally {
      await proxy.stop()
    }
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

  test('an existing container passes: a one-byte block is staged under the prefix, never committed, and no blob appears', async () => {
    await expect((await AzureBlobStorage.create(config('backups'))).preflight('db/shop-')).resolves.toEqual({
      checked: 'credentials and container OK (one-blob listing); writable (one-byte block staged, never committed)'
    })
    expect(await azurite.blobs('backups', 'db/')).toEqual([])
    // The block is there, uncommitted: only a listing that asks for uncommitted blobs shows it.
    const uncommitted: string[] = []
    for await (const item of azurite.container('backups').listBlobsFlat({ prefix: 'db/', includeUncommitedBlobs: true })) uncommitted.push(item.name)
    expect(uncommitted).toEqual([expect.stringMatching(/^db\/shop-preflight-[0-9a-f]{8}$/)])
  })

  test('an identity that may list but not write fails the preflight, naming the permission once', async () => {
    const proxy = await startFaultProxy(azurite.accountUrl.replace(/\/devstoreaccount1$/, ''))
    // What Azure answers the Put Block of an identity with a reading role only.
    const body = '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>This request is not authorized to perform this operation using this permission.</Message></Error>'
    proxy.inject({
      when: (request) => request.method === 'PUT' && /[?&]comp=block(&|$)/.test(request.url),
      fault: { status: 403, body, headers: { 'Content-Type': 'application/xml', 'x-ms-error-code': 'AuthorizationPermissionMismatch' } }
    })
    try {
      const connectionString = `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${proxy.endpoint}/${AZURITE_ACCOUNT};`
      const backend = await AzureBlobStorage.create({ ...config('backups'), azure: { connectionString, accountUrl: '' } })
      const error = await backend.preflight('db/shop-').then(() => undefined, (caught: Error) => caught)
      expect(error?.message).toMatch(
        /cannot be written under http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/backups\/db\/shop-\*: staging a block was refused \(AuthorizationPermissionMismatch\): the identity needs write permission on blobs \(Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/write, in the Storage Blob Data Contributor role\)/
      )
      expect(occurrences(error?.message ?? '', /blobs\/write/)).toBe(1)
      expect(proxy.requests.filter((request) => request.method === 'PUT')).toHaveLength(1)
    } finally {
      await proxy.stop()
    }
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
    // A SAS is judged by its permissions, without a write request.
    await expect(backend.preflight('db/shop-')).resolves.toEqual({ checked: 'credentials and container OK (one-blob listing)' })
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

  test('an existing bucket passes: an upload session under the prefix is started and cancelled, and no object appears', async () => {
    const cancelled = gcs.cancelledSessions.length
    await expect(new GcsStorage(config('backups')).preflight('db/shop-')).resolves.toEqual({
      checked: 'credentials and bucket OK (one-object listing); writable (upload session started, cancelled)'
    })
    expect(gcs.cancelledSessions).toHaveLength(cancelled + 1)
    expect(gcs.objects('backups')).toEqual([])
  })

  test('credentials that may list but not create objects fail the preflight, naming storage.objects.create once', async () => {
    gcs.createBucket('read-only')
    gcs.denyWrites('read-only')
    const error = await new GcsStorage(config('read-only')).preflight('db/shop-').then(() => undefined, (caught: Error) => caught)
    expect(error?.message).toMatch(
      /^GCS bucket "read-only" at \S+ cannot be written under gs:\/\/read-only\/db\/shop-\*: starting an upload was refused \(HTTP 403\): the credentials need storage\.objects\.create: .*does not have storage\.objects\.create access/
    )
    expect(occurrences(error?.message ?? '', /the credentials need/)).toBe(1)
    expect(gcs.objects('read-only')).toEqual([])
  })

  test('a session that cannot be cancelled passes with a warning: it holds no bytes and makes no object', async () => {
    const proxy = await startFaultProxy(gcs.url)
    proxy.inject({ when: (request) => request.method === 'DELETE' && /upload_id=/.test(request.url), fault: { status: 503, body: 'unavailable' } })
    process.env.STORAGE_EMULATOR_HOST = proxy.endpoint
    try {
      const result = await new GcsStorage(config('backups')).preflight('db/shop-')
      expect(result.checked).toBe('credentials and bucket OK (one-object listing); writable (upload session started; its cancellation failed)')
      expect(result.warnings).toEqual([
        expect.stringMatching(/: the upload session could not be cancelled \(HTTP 503\): the preflight's session for gs:\/\/backups\/db\/shop-preflight-[0-9a-f]{8} holds no bytes, creates no object, and expires after a week$/)
      ])
      expect(gcs.objects('backups')).toEqual([])
    } finally {
      await proxy.stop()
    }
  })

  test('a missing bucket is named', async () => {
    await expect(new GcsStorage(config('missing-bucket')).preflight('db/shop-')).rejects.toThrow(/GCS bucket "missing-bucket" .* cannot be used: .*(does not exist|404)/)
  })
})

describe('local', () => {
  test('a directory that does not exist yet is made, and the probe file is removed', async () => {
    const directory = join(work, 'new', 'backups')
    await expect(new LocalStorage({ type: 'local', bucket: '', path: directory }).preflight()).resolves.toEqual({ checked: 'directory writable (probe file written, removed)' })
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
