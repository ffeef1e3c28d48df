import type { StorageFacts } from '../catalog.js'
import { shellWord } from '../../util/shell-word.js'

/** What is known of S3 and S3-compatible services without loading the backend (storage/catalog.ts): read by config validation, key naming and the summary's links. */
export const s3Facts = {
  needsBucket: true,
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html
  storageClasses: {
    STANDARD: { minimumDays: 0 },
    INTELLIGENT_TIERING: { minimumDays: 0 },
    STANDARD_IA: { minimumDays: 30 },
    ONEZONE_IA: { minimumDays: 30 },
    GLACIER_IR: { minimumDays: 90 },
    REDUCED_REDUNDANCY: { minimumDays: 0 }
},
  unreadableClasses: {
    GLACIER:
      'objects in GLACIER (Flexible Retrieval) must be restored, which takes minutes to hours, before they can be read, and this action reads back what it stores: use GLACIER_IR (instant retrieval), or a lifecycle rule that moves backups to GLACIER after the upload',
    DEEP_ARCHIVE:
      'objects in DEEP_ARCHIVE must be restored, which takes 12 to 48 hours, before they can be read, and this action reads back what it stores: use GLACIER_IR (instant retrieval), or a lifecycle rule that moves backups to DEEP_ARCHIVE after the upload'
},
  // Object Lock retention periods go up to 100 years.
  maxImmutableDays: 36500,
  bucketName: {
    pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$/,
    rule: 'must be an S3 bucket name: letters, digits, ".", "-" and "_", starting and ending with a letter or digit'
  },
  links(storage, key, env) {
    const endpoint = storage.s3?.endpoint ?? ''
    const region = storage.s3?.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1'
    return {
      consoleUrl: endpoint ? '' : `https://${region}.console.aws.amazon.com/s3/object/${encodeURIComponent(storage.bucket)}?region=${region}&prefix=${encodeURIComponent(key)}`,
      fetchCommand: `aws s3 cp ${shellWord(`s3://${storage.bucket}/${key}`)} -${endpoint ? ` --endpoint-url ${shellWord(endpoint)}` : ''}`
    }
  }
} satisfies StorageFacts
