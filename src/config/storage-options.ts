import { z } from 'zod'
import { Inputs } from '../constants.js'
import { storageCatalog, type StorageFacts } from '../storage/catalog.js'
import { s3ChecksumModes, type AzureOptions, type RawInputs, type S3Options, type StorageConfig } from './types.js'
import { describeValue, SECRET_INPUTS } from './describe.js'
import { CONTROL, httpUrlText } from './http-url.js'
import { booleanInput } from './boolean.js'
import { oneOfMessage } from './choices.js'
import { isGiven } from './defaults.js'

/** One thing wrong with one input (the shape parse.ts reports). */
interface Issue {
  input: string
  message: string
}

/** The inputs that belong to some storage types; given with another type, they are a mistake. */
const OWNED_INPUTS: Record<string, readonly string[]> = {
  [Inputs.Bucket]: ['s3', 'gcs', 'azure-blob'],
  [Inputs.S3Endpoint]: ['s3'],
  [Inputs.S3Region]: ['s3'],
  [Inputs.S3ForcePathStyle]: ['s3'],
  [Inputs.S3Checksum]: ['s3'],
  [Inputs.S3Sse]: ['s3'],
  [Inputs.S3KmsKeyId]: ['s3'],
  [Inputs.S3ObjectLockMode]: ['s3'],
  [Inputs.StorageClass]: ['s3', 'gcs', 'azure-blob'],
  [Inputs.ImmutableDays]: ['s3', 'gcs', 'azure-blob'],
  [Inputs.AzureConnectionString]: ['azure-blob'],
  [Inputs.AzureAccountUrl]: ['azure-blob']
}

/** "s3, gcs or azure-blob" */
function either(values: readonly string[]): string {
  return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}` : values[0]
}

const httpUrl = httpUrlText('use the SDK credential chain')
  .refine((value) => !URL.canParse(value) || !new URL(value).search, 'must not contain a query string')
  .transform((value) => value.replace(/\/+$/, ''))

const schema = z.object({
  [Inputs.S3Endpoint]: httpUrl,
  [Inputs.S3Region]: z
    .string()
    .trim()
    .refine((value) => value === '' || /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(value), 'must be a region name such as eu-west-1 or auto (letters, digits and "-", starting with a letter or digit)'),
  [Inputs.S3ForcePathStyle]: booleanInput(),
  [Inputs.S3Checksum]: z
    .string()
    .trim()
    .toLowerCase()
    .superRefine((value, ctx) => {
      if (value !== '' && value !== 'auto' && !(s3ChecksumModes as readonly string[]).includes(value)) ctx.addIssue({ code: 'custom', message: oneOfMessage(value, ['auto', ...s3ChecksumModes]) })
    }),
  [Inputs.AzureConnectionString]: z.string().trim(),
  [Inputs.AzureAccountUrl]: httpUrl
})

/** Bucket and container names: what each service accepts, checked before anything runs. */
function bucketIssue(type: string, bucket: string): string | undefined {
  if (!bucket) return undefined
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(bucket) || bucket.includes('/')) {
    return 'must be the bucket (or container) name alone, without a scheme or a path: put a key prefix in path'
  }
  const name = (storageCatalog as Record<string, StorageFacts | undefined>)[type]?.bucketName
  return name && !name.pattern.test(bucket) ? name.rule : undefined
}

/** A connection string must name an account and hold a key or a SAS (or point at the emulator). */
function connectionStringIssue(value: string): string | undefined {
  // A line break would end the value wherever it is written one per line (a log, an env file).
  if (CONTROL.test(value)) return 'must not contain control characters (a newline, a tab): write the connection string on one line (its value is not shown: it is a secret)'
  const fields = new Map(
    value
      .split(';')
      .filter((part) => part.includes('='))
      .map((part) => [part.slice(0, part.indexOf('=')).trim().toLowerCase(), part.slice(part.indexOf('=') + 1).trim()])
  )
  if (fields.get('usedevelopmentstorage') === 'true') return undefined
  const named = fields.has('accountname') || fields.has('blobendpoint')
  const authorised = fields.has('accountkey') || fields.has('sharedaccesssignature')
  if (named && authorised) return undefined
  return 'is not a usable storage connection string: it needs AccountName (or BlobEndpoint) and AccountKey or SharedAccessSignature (its value is not shown: it is a secret)'
}

/**
 * The storage-specific settings (s3-*, azure-*): validated for every run, and kept only for the
 * storage type that uses them. `env` is read for AZURE_STORAGE_CONNECTION_STRING, so that a run
 * without any Azure credential fails here, before a dump is taken.
 */
export function parseStorageOptions(
  type: string,
  bucket: string,
  raw: RawInputs,
  issues: Issue[],
  env: NodeJS.ProcessEnv = process.env
): Pick<StorageConfig, 's3' | 'azure'> {
  const text = (name: string): string => raw[name] ?? ''
  const bucketProblem = bucketIssue(type, bucket)
  if (bucketProblem) issues.push({ input: Inputs.Bucket, message: `${bucketProblem}${describeValue(raw[Inputs.Bucket] ?? '', false)}` })

  for (const [input, owners] of Object.entries(OWNED_INPUTS)) {
    if (!owners.includes(type) && isGiven(input, text(input))) {
      issues.push({ input, message: `is only used with storage-type ${either(owners)}, not ${type}: remove it or change storage-type` })
    }
  }

  const parsed = schema.safeParse(Object.fromEntries(Object.keys(schema.shape).map((name) => [name, text(name)])))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const input = String(issue.path[0] ?? 'inputs')
      issues.push({ input, message: `${issue.message}${describeValue(raw[input] ?? '', SECRET_INPUTS.has(input))}` })
    }
    return {}
  }
  const inputs = parsed.data

  if (type === 's3') {
    const endpoint = inputs[Inputs.S3Endpoint]
    const checksum = inputs[Inputs.S3Checksum]
    const s3: S3Options = {
      endpoint,
      region: inputs[Inputs.S3Region],
      forcePathStyle: inputs[Inputs.S3ForcePathStyle],
      // Several S3-compatible services reject the checksum headers AWS accepts: there, they are opt-in.
      checksum: checksum === 'sha256' || checksum === 'none' ? checksum : endpoint ? 'none' : 'sha256'
    }
    return { s3 }
  }

  if (type === 'azure-blob') {
    const fromInput = inputs[Inputs.AzureConnectionString]
    const connectionString = fromInput || (env.AZURE_STORAGE_CONNECTION_STRING ?? '').trim()
    const azure: AzureOptions = { connectionString, accountUrl: inputs[Inputs.AzureAccountUrl] }
    if (connectionString) {
      const problem = connectionStringIssue(connectionString)
      if (problem) {
        issues.push({
          input: Inputs.AzureConnectionString,
          message: fromInput ? problem : `is empty, and AZURE_STORAGE_CONNECTION_STRING ${problem}`
        })
      }
    } else if (!azure.accountUrl) {
      issues.push({
        input: Inputs.AzureAccountUrl,
        message:
          'or azure-connection-string is required for storage-type azure-blob (or set AZURE_STORAGE_CONNECTION_STRING): ' +
          'give the account URL, such as https://<account>.blob.core.windows.net, to sign in with azure/login (OIDC)'
      })
    }
    return { azure }
  }
  return {}
}
