import { parseConfig } from '../../src/config/parse.js'
import type { RawInputs } from '../../src/config/types.js'
import { configIssues, rawInputs } from '../support/fixtures.js'
import { s3ObjectParams } from '../../src/storage/s3/settings.js'
import { gcsObjectFields } from '../../src/storage/gcs/settings.js'
import { azureBlobOptions } from '../../src/storage/azure-blob/settings.js'

/** Inputs as the runner passes them, with the action.yml defaults of the new inputs. */
function raw(overrides: Record<string, string> = {}): RawInputs {
  return rawInputs({
    'db-type': 'postgresql',
    'db-name': 'shop',
    'storage-type': 's3',
    bucket: 'backups',
    'retention-days': '30',
    's3-object-lock-mode': 'GOVERNANCE',
    'immutable-days': '0',
    ...overrides
  })
}

describe('server-side settings: accepted values', () => {
  test('none asked: no per-object settings at all, so uploads send exactly what they sent before', () => {
    expect(parseConfig(raw()).storage.objects).toBeUndefined()
    expect(parseConfig(raw({ 'storage-type': 'gcs' })).storage.objects).toBeUndefined()
  })

  test('s3: encryption, KMS key, class and lock, spelt as S3 spells them whatever the case', () => {
    const objects = parseConfig(
      raw({ 's3-sse': 'AWS:KMS', 's3-kms-key-id': 'alias/backups', 'storage-class': 'standard-ia', 'immutable-days': '14', 's3-object-lock-mode': 'compliance' })
    ).storage.objects
    expect(objects).toEqual({ storageClass: 'STANDARD_IA', immutableDays: 14, s3Encryption: 'aws:kms', s3KmsKeyId: 'alias/backups', s3ObjectLockMode: 'COMPLIANCE' })
    expect(parseConfig(raw({ 's3-sse': 'aes256' })).storage.objects).toMatchObject({ s3Encryption: 'AES256', s3KmsKeyId: '' })
  })

  test('gcs classes, ARCHIVE included (read in milliseconds, unlike S3 Glacier); azure tiers Hot, Cool, Cold', () => {
    for (const storageClass of ['STANDARD', 'nearline', 'COLDLINE', 'archive']) {
      expect(parseConfig(raw({ 'storage-type': 'gcs', 'storage-class': storageClass, 'retention-days': '0' })).storage.objects?.storageClass).toBe(storageClass.toUpperCase())
    }
    const azure = { 'storage-type': 'azure-blob', 'azure-account-url': 'https://acct.blob.core.windows.net', 'retention-days': '0' }
    for (const tier of ['hot', 'Cool', 'COLD']) {
      expect(parseConfig(raw({ ...azure, 'storage-class': tier })).storage.objects?.storageClass).toBe(tier.charAt(0).toUpperCase() + tier.slice(1).toLowerCase())
    }
    expect(parseConfig(raw({ ...azure, 'immutable-days': '146000' })).storage.objects?.immutableDays).toBe(146000)
  })

  test('a class billed for longer than retention keeps a backup is a warning; a lock longer than retention a notice', () => {
    const config = parseConfig(raw({ 'storage-type': 'gcs', 'storage-class': 'COLDLINE', 'retention-days': '7', 'immutable-days': '30' }))
    expect(config.warnings).toContainEqual(expect.stringMatching(/^storage-class COLDLINE bills each object for at least 90 days: backups that retention-days 7 deletes earlier/))
    expect(config.notices).toContainEqual(expect.stringMatching(/^immutable-days 30 is longer than retention-days 7/))
    expect(parseConfig(raw({ 'storage-class': 'STANDARD_IA', 'retention-days': '30' })).warnings.filter((line) => line.includes('storage-class'))).toEqual([])
  })
})

describe('server-side settings: bad input fails validate-config, one line per bad value, naming the input', () => {
  test.each([
    [{ 's3-kms-key-id': 'alias/backups' }, 's3-kms-key-id', /^is only used with s3-sse aws:kms: set s3-sse: aws:kms/],
    [{ 's3-sse': 'AES256', 's3-kms-key-id': 'alias/backups' }, 's3-kms-key-id', /^is only used with s3-sse aws:kms, not AES256/],
    [{ 's3-sse': 'aws:kms', 's3-kms-key-id': 'alias/my key' }, 's3-kms-key-id', /without spaces/],
    [{ 's3-sse': 'kms' }, 's3-sse', /^must be one of AES256, aws:kms .*\(got "kms"\)/],
    [{ 'storage-class': 'GLACIER' }, 'storage-class', /^cannot be GLACIER: objects in GLACIER \(Flexible Retrieval\) must be restored.*use GLACIER_IR/],
    [{ 'storage-class': 'deep_archive' }, 'storage-class', /^cannot be DEEP_ARCHIVE: .*12 to 48 hours/],
    [{ 'storage-class': 'NEARLINE' }, 'storage-class', /^must be one of STANDARD, INTELLIGENT_TIERING, STANDARD_IA, ONEZONE_IA, GLACIER_IR, REDUCED_REDUNDANCY for storage-type s3 \(got "NEARLINE"\)/],
    [{ 'storage-class': 'STANDRD_IA' }, 'storage-class', /\(did you mean "STANDARD_IA"\?\)/],
    [{ 'storage-type': 'gcs', 'storage-class': 'STANDARD_IA' }, 'storage-class', /^must be one of STANDARD, NEARLINE, COLDLINE, ARCHIVE for storage-type gcs/],
    [{ 'storage-type': 'azure-blob', 'azure-account-url': 'https://a.blob.core.windows.net', 'storage-class': 'archive' }, 'storage-class', /^cannot be Archive: a blob in the Archive tier is offline: it must be rehydrated/],
    [{ 'storage-type': 'azure-blob', 'azure-account-url': 'https://a.blob.core.windows.net', 'storage-class': 'Premium' }, 'storage-class', /^must be one of Hot, Cool, Cold for storage-type azure-blob/],
    [{ 'immutable-days': '-1' }, 'immutable-days', /^must be a whole number of days from 0 \(no lock\) to 36500, the longest retention s3 accepts \(got "-1"\)/],
    [{ 'immutable-days': '36501' }, 'immutable-days', /to 36500/],
    [{ 'storage-type': 'gcs', 'immutable-days': '40000' }, 'immutable-days', /to 36524, the longest retention gcs accepts/],
    [{ 'immutable-days': '1.5' }, 'immutable-days', /^must be a whole number/],
    [{ 's3-object-lock-mode': 'STRICT', 'immutable-days': '7' }, 's3-object-lock-mode', /^must be one of GOVERNANCE, COMPLIANCE/],
    [{ 's3-object-lock-mode': 'COMPLIANCE' }, 's3-object-lock-mode', /^is only used with immutable-days/],
    [{ 'storage-type': 'local', bucket: '', path: '/backups', 'storage-class': 'STANDARD' }, 'storage-class', /^is only used with storage-type s3, gcs or azure-blob, not local/],
    [{ 'storage-type': 'local', bucket: '', path: '/backups', 'immutable-days': '7' }, 'immutable-days', /^is only used with storage-type s3, gcs or azure-blob, not local/],
    [{ 'storage-type': 'gcs', 's3-sse': 'AES256' }, 's3-sse', /^is only used with storage-type s3, not gcs/],
    [{ 'storage-type': 'gcs', 's3-kms-key-id': 'alias/x' }, 's3-kms-key-id', /^is only used with storage-type s3, not gcs/],
    [{ 'storage-type': 'gcs', 's3-object-lock-mode': 'COMPLIANCE', 'immutable-days': '7' }, 's3-object-lock-mode', /^is only used with storage-type s3, not gcs/]
  ])('%j: %s', (overrides, input, message) => {
    const issues = configIssues(raw(overrides))
    expect(issues).toHaveLength(1)
    expect(issues[0].input).toBe(input)
    expect(issues[0].message).toMatch(message)
  })

  test('several bad values: one line for each', () => {
    const issues = configIssues(raw({ 's3-kms-key-id': 'alias/x', 'storage-class': 'GLACIER', 'immutable-days': '-3' }))
    expect(issues.map((issue) => issue.input).sort()).toEqual(['immutable-days', 's3-kms-key-id', 'storage-class'])
  })
})

describe('each backend builds its upload settings in one place', () => {
  const now = new Date('2026-11-26T03:04:05.000Z')
  const objects = { storageClass: 'STANDARD_IA', immutableDays: 10, s3Encryption: 'aws:kms' as const, s3KmsKeyId: 'alias/backups', s3ObjectLockMode: 'COMPLIANCE' as const }

  test('S3: class, SSE, KMS key, Object Lock mode and retain-until immutable-days ahead', () => {
    expect(s3ObjectParams(objects, now)).toEqual({
      StorageClass: 'STANDARD_IA',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'alias/backups',
      ObjectLockMode: 'COMPLIANCE',
      ObjectLockRetainUntilDate: new Date('2026-12-06T03:04:05.000Z')
    })
    expect(s3ObjectParams(undefined, now)).toEqual({})
  })

  test('GCS: storageClass and an Unlocked object retention; Azure: the tier and an Unlocked immutability policy', () => {
    expect(gcsObjectFields({ ...objects, storageClass: 'NEARLINE' }, now)).toEqual({
      storageClass: 'NEARLINE',
      retention: { mode: 'Unlocked', retainUntilTime: '2026-12-06T03:04:05.000Z' }
    })
    expect(azureBlobOptions({ ...objects, storageClass: 'Cool' }, now)).toEqual({
      tier: 'Cool',
      immutabilityPolicy: { expiriesOn: new Date('2026-12-06T03:04:05.000Z'), policyMode: 'Unlocked' }
    })
    expect(gcsObjectFields({ ...objects, storageClass: '', immutableDays: 0 }, now)).toEqual({})
  })
})
