import { registerSecret } from '../../util/secrets.js'

/**
 * Masks an Azure Storage connection string, and its AccountKey and SharedAccessSignature on their
 * own: an error or a URL may show one of them without the rest of the string.
 */
export function registerConnectionString(value: string | undefined): void {
  if (!value) return
  registerSecret(value)
  registerSecret(value.trim())
  for (const part of value.split(';')) {
    const at = part.indexOf('=')
    if (at < 0) continue
    const name = part.slice(0, at).trim().toLowerCase()
    const secret = part.slice(at + 1).trim()
    if (name === 'accountkey' || name === 'sharedaccesssignature') {
      registerSecret(secret)
      // The signature alone is what a SAS URL in an error would show.
      const signature = new URLSearchParams(secret.replace(/^\?/, '')).get('sig')
      if (signature) registerSecret(signature)
    }
  }
}
