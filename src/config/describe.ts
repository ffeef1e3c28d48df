import { Inputs, RestoreInputs } from '../constants.js'

/**
 * Inputs that hold a secret: read untrimmed (a password may begin or end with a space), masked,
 * and never echoed in an error. The notification channels declare their own (src/notify).
 */
export const SECRET_INPUTS: ReadonlySet<string> = new Set<string>([
  Inputs.DbPassword,
  Inputs.DbUrl,
  Inputs.AzureConnectionString,
  Inputs.EncryptionVerifyIdentity,
  RestoreInputs.DecryptionIdentity,
  Inputs.SigningKey,
  RestoreInputs.VerifyKey
])

/** A URL's user and password, if it has them, are not shown. */
function withoutCredentials(value: string): string {
  try {
    const url = new URL(value)
    if (!url.username && !url.password) return value
    url.username = '***'
    url.password = ''
    return url.href
  } catch {
    return value
  }
}

/**
 * The value of an input for an error message, to help the reader: nothing for a secret input,
 * credentials removed from a URL, quoted and escaped (a newline in a value must not start a new
 * log line), and cut short when long.
 */
export function describeValue(value: string, secret: boolean): string {
  if (secret) return ''
  if (value.trim() === '') return value === '' ? ' (it is empty)' : ' (it is only whitespace)'
  const shown = withoutCredentials(value)
  return ` (got ${JSON.stringify(shown.length > 80 ? `${shown.slice(0, 80)}...` : shown)})`
}
