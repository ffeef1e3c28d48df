import type { StorageFacts } from '../catalog.js'
import { shellWord } from '../../util/shell-word.js'

/** What is known of Google Cloud Storage without loading the backend (storage/catalog.ts): read by config validation, key naming and the summary's links. */
export const gcsFacts = {
  needsBucket: true,
  // https://cloud.google.com/storage/docs/storage-classes: every class, ARCHIVE included, is read
  // in milliseconds; the colder ones cost a retrieval fee and a minimum storage duration.
  storageClasses: {
    STANDARD: { minimumDays: 0 },
    NEARLINE: { minimumDays: 30 },
    COLDLINE: { minimumDays: 90 },
    ARCHIVE: { minimumDays: 365 }
},
  unreadableClasses: {},
  // A retain-until time is at most 3,155,760,000 seconds ahead.
  maxImmutableDays: 36524,
  bucketName: {
    pattern: /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/,
    rule: 'must be a Cloud Storage bucket name: 3-222 lower-case letters, digits, "-", "_" and ".", starting and ending with a letter or digit'
  },
  links: (storage, key, env) => ({
    consoleUrl: env.STORAGE_EMULATOR_HOST ? '' : `https://console.cloud.google.com/storage/browser/_details/${encodeURIComponent(storage.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`,
    fetchCommand: `gcloud storage cat ${shellWord(`gs://${storage.bucket}/${key}`)}`
  })
} satisfies StorageFacts
