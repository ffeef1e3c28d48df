import { Inputs } from '../constants.js'

/**
 * The fixed defaults action.yml declares (`default:`), which the runner passes for an input that is
 * not given; a unit test keeps the two, and the README's table, in step. A value equal to its
 * default counts as not given where that matters (an s3-* input with another storage type).
 */
export const INPUT_DEFAULTS: Readonly<Record<string, string>> = {
  [Inputs.DbHost]: 'localhost',
  [Inputs.S3ForcePathStyle]: 'false',
  [Inputs.S3Checksum]: 'auto',
  [Inputs.S3ObjectLockMode]: 'GOVERNANCE',
  [Inputs.ImmutableDays]: '0',
  [Inputs.RetentionDays]: '30',
  [Inputs.MaxBackups]: '10',
  [Inputs.KeepLast]: '0',
  [Inputs.KeepDaily]: '0',
  [Inputs.KeepWeekly]: '0',
  [Inputs.KeepMonthly]: '0',
  [Inputs.KeepYearly]: '0',
  [Inputs.Notify]: 'console,file',
  [Inputs.NotifyOn]: 'always',
  [Inputs.DumpTimeoutMinutes]: '360',
  [Inputs.Compression]: 'zstd',
  [Inputs.RestoreCheck]: 'false',
  [Inputs.IncludeGlobals]: 'false',
  [Inputs.Staging]: 'auto',
  [Inputs.ClientVersion]: 'auto',
  [Inputs.ClientDownloadAllowInsecureHttp]: 'false'
}

/** Whether an input was given a value other than its default. */
export function isGiven(name: string, value: string | undefined): boolean {
  const text = (value ?? '').trim().toLowerCase()
  return text !== '' && text !== (INPUT_DEFAULTS[name] ?? '').toLowerCase()
}
