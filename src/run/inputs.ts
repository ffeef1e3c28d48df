import * as core from '@actions/core'
import { Inputs } from '../constants.js'
import { CHANNEL_INPUT_NAMES } from '../notify/index.js'
import { NOTIFY_SECRET_INPUTS, notifySecrets } from '../notify/settings.js'
import { encryptionSecrets } from '../config/encryption.js'
import { signingSecrets } from '../config/signing.js'
import { SECRET_INPUTS } from '../config/describe.js'
import type { RawInputs } from '../config/types.js'
import { registerSecret } from '../util/secrets.js'
import { urlSecretParts } from '../util/url-secrets.js'
import { databaseUrlSecrets } from '../config/url-secret-rules.js'
import { storageHooks } from '../storage/hooks.js'

/** Every input of the backup action: the run's own (Inputs) and each notification channel's. */
export const BACKUP_INPUTS: readonly string[] = [...Object.values(Inputs), ...CHANNEL_INPUT_NAMES]

/** The inputs named (every input of the backup contract by default) as the runner passed them; secrets untrimmed (a space may be part of a password). */
export function readInputs(names: readonly string[] = BACKUP_INPUTS): RawInputs {
  return Object.fromEntries(names.map((name) => [name, core.getInput(name, { trimWhitespace: !SECRET_INPUTS.has(name) && !NOTIFY_SECRET_INPUTS.has(name) })]))
}

/** Masks secrets before anything can print them, including each secret part of every URL on its own (db-url's password, a webhook's token). */
export function registerInputSecrets(raw: RawInputs): void {
  registerSecret(raw[Inputs.DbPassword])
  for (const secret of encryptionSecrets(raw)) registerSecret(secret)
  for (const secret of signingSecrets(raw)) registerSecret(secret)
  for (const secret of notifySecrets(raw)) registerSecret(secret)
  for (const hooks of Object.values(storageHooks)) hooks.registerSecrets?.(raw)
  const url = raw[Inputs.DbUrl].trim()
  registerSecret(url)
  for (const part of urlSecretParts(url, databaseUrlSecrets(url))) registerSecret(part)
}
