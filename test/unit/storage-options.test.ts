import { parseConfig } from '../../src/config/parse.js'
import type { RawInputs } from '../../src/config/types.js'
import { configIssues, rawInputs } from '../support/fixtures.js'
import { mayHaveStored } from '../../src/storage/shared/failures.js'
import { unquoteEtag } from '../../src/storage/shared/metadata.js'
import { MiB, partsInFlight, partSizeFor } from '../../src/storage/shared/parts.js'

function raw(overrides: Record<string, string> = {}): RawInputs {
  return rawInputs({ 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 's3', bucket: 'backups', ...overrides })
}

const issuesOf = configIssues

describe('storage options', () => {
  test('s3 defaults: AWS, checksums on, virtual-hosted addressing; the region is left to the environment', () => {
    expect(parseConfig(raw()).storage).toEqual({
      type: 's3',
      bucket: 'backups',
      path: '',
      s3: { endpoint: '', region: '', forcePathStyle: false, checksum: 'sha256' }
    })
  })

  test('an S3-compatible endpoint turns checksums off unless asked for, and keeps what was given', () => {
    const storage = parseConfig(raw({ 's3-endpoint': 'https://minio.internal:9000/', 's3-region': 'auto', 's3-force-path-style': 'TRUE', path: '/nightly/' })).storage
    expect(storage).toMatchObject({ path: 'nightly', s3: { endpoint: 'https://minio.internal:9000', region: 'auto', forcePathStyle: true, checksum: 'none' } })
    expect(parseConfig(raw({ 's3-endpoint': 'https://minio.internal', 's3-checksum': 'sha256' })).storage.s3?.checksum).toBe('sha256')
    expect(parseConfig(raw({ 's3-checksum': 'none' })).storage.s3?.checksum).toBe('none')
  })

  test('gcs and local carry no storage-specific options', () => {
    expect(parseConfig(raw({ 'storage-type': 'gcs' })).storage).toEqual({ type: 'gcs', bucket: 'backups', path: '' })
    expect(parseConfig(raw({ 'storage-type': 'local', bucket: '', path: '/backups' })).storage).toEqual({ type: 'local', bucket: '', path: '/backups' })
  })

  test('azure-blob takes the connection string input, else AZURE_STORAGE_CONNECTION_STRING, else an account URL', () => {
    const connection = 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net'
    expect(parseConfig(raw({ 'storage-type': 'azure-blob', 'azure-connection-string': connection })).storage.azure).toEqual({ connectionString: connection, accountUrl: '' })
    const previous = process.env.AZURE_STORAGE_CONNECTION_STRING
    process.env.AZURE_STORAGE_CONNECTION_STRING = connection
    try {
      expect(parseConfig(raw({ 'storage-type': 'azure-blob' })).storage.azure?.connectionString).toBe(connection)
      delete process.env.AZURE_STORAGE_CONNECTION_STRING
      expect(parseConfig(raw({ 'storage-type': 'azure-blob', 'azure-account-url': 'https://acct.blob.core.windows.net/' })).storage.azure).toEqual({
        connectionString: '',
        accountUrl: 'https://acct.blob.core.windows.net'
      })
      expect(issuesOf(raw({ 'storage-type': 'azure-blob' }))).toEqual([
        { input: 'azure-account-url', message: expect.stringMatching(/or azure-connection-string is required for storage-type azure-blob/) }
      ])
    } finally {
      if (previous === undefined) delete process.env.AZURE_STORAGE_CONNECTION_STRING
      else process.env.AZURE_STORAGE_CONNECTION_STRING = previous
    }
  })

  test.each([
    [{ 's3-endpoint': 'minio:9000' }, 's3-endpoint', /http:\/\/ or https:\/\//],
    [{ 's3-endpoint': 'https://minio.internal/?x=1' }, 's3-endpoint', /query string/],
    [{ 's3-region': 'eu west 1' }, 's3-region', /region name/],
    [{ 's3-force-path-style': 'sometimes' }, 's3-force-path-style', /true or false/],
    [{ 's3-checksum': 'crc32' }, 's3-checksum', /must be one of auto, sha256, none/],
    [{ bucket: 'backups/nightly' }, 'bucket', /name alone/],
    [{ 'storage-type': 'gcs', bucket: 'UPPER' }, 'bucket', /Cloud Storage bucket name/],
    [{ 'storage-type': 'azure-blob', bucket: 'a--b', 'azure-account-url': 'https://a.blob.core.windows.net' }, 'bucket', /Azure container name/],
    [{ 'storage-type': 'gcs', 's3-endpoint': 'https://minio.internal' }, 's3-endpoint', /only used with storage-type s3, not gcs/],
    [{ 'azure-connection-string': 'AccountName=a;AccountKey=k' }, 'azure-connection-string', /only used with storage-type azure-blob/]
  ])('%j is refused, naming %s', (override, input, rule) => {
    const issues = issuesOf(raw(override))
    const issue = issues.find((candidate) => candidate.input === input)
    expect(issue?.message).toMatch(rule)
  })

  test('a connection string is never echoed, whatever is wrong with it, nor credentials inside an endpoint URL', () => {
    const connection = 'AccountName=acct;Password=hunter2-not-a-key'
    const issues = issuesOf(raw({ 'storage-type': 'azure-blob', 'azure-connection-string': connection }))
    expect(issues[0]).toMatchObject({ input: 'azure-connection-string' })
    expect(JSON.stringify(issues)).not.toContain('hunter2')
    const endpoint = issuesOf(raw({ 's3-endpoint': 'https://user:hunter3@minio.internal' }))
    expect(endpoint[0].message).toMatch(/must not contain credentials/)
    expect(JSON.stringify(endpoint)).not.toContain('hunter3')
  })
})

describe('part sizes', () => {
  test('S3: 5 MiB parts until 10,000 of them no longer hold the dump, then whole MiB that do', () => {
    expect(partSizeFor(1, 5 * MiB, 10_000)).toBe(5 * MiB)
    expect(partSizeFor(1024 ** 3, 5 * MiB, 10_000)).toBe(5 * MiB)
    const oneTerabyte = 1024 ** 4
    const part = partSizeFor(oneTerabyte, 5 * MiB, 10_000)
    expect(part % MiB).toBe(0)
    expect(Math.ceil(oneTerabyte / part)).toBeLessThanOrEqual(10_000)
    expect(part).toBe(105 * MiB)
    // The S3 maximum object size, 5 TiB, still fits.
    expect(Math.ceil((5 * oneTerabyte) / partSizeFor(5 * oneTerabyte, 5 * MiB, 10_000))).toBeLessThanOrEqual(10_000)
  })

  test('Azure: 8 MiB blocks until 50,000 of them no longer hold the dump', () => {
    expect(partSizeFor(100 * 1024 ** 3, 8 * MiB, 50_000)).toBe(8 * MiB)
    const size = 2 * 1024 ** 4
    expect(Math.ceil(size / partSizeFor(size, 8 * MiB, 50_000))).toBeLessThanOrEqual(50_000)
  })

  test('parts in flight: four of the usual size, fewer once parts are large, never none', () => {
    expect(partsInFlight(5 * MiB)).toBe(4)
    expect(partsInFlight(20 * MiB)).toBe(3)
    expect(partsInFlight(105 * MiB)).toBe(1)
  })

  test('ETags lose their quotes (and a weak marker), nothing else', () => {
    expect(unquoteEtag('"9b2cf535f27731c974343645a3985328"')).toBe('9b2cf535f27731c974343645a3985328')
    expect(unquoteEtag('"0x8DB5F2A1B2C3D4E"')).toBe('0x8DB5F2A1B2C3D4E')
    expect(unquoteEtag('W/"abc-3"')).toBe('abc-3')
    expect(unquoteEtag('CJ+Lz8K7l4sDEAE=')).toBe('CJ+Lz8K7l4sDEAE=')
    expect(unquoteEtag(undefined)).toBe('')
  })

  test('a refusal or an unreachable storage cannot have stored anything; a reset connection may have', () => {
    expect(mayHaveStored({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toBe(false)
    expect(mayHaveStored({ statusCode: 404, code: 'ContainerNotFound' })).toBe(false)
    expect(mayHaveStored(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }))).toBe(false)
    expect(mayHaveStored(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true)
    expect(mayHaveStored({ name: 'InternalError', $metadata: { httpStatusCode: 500 } })).toBe(true)
  })
})
