import { Inputs, RestoreInputs } from '../constants.js'
import { ageLibrary } from '../util/encryption.js'
import type { EncryptionConfig, RawInputs } from './types.js'

/**
 * The age keys of encryption-recipients, encryption-verify-identity and decryption-identity. Their
 * layout is read here without the library; the keys themselves are checked by parsing them with
 * the library (checkRecipients, checkIdentities), which validate-config loads only when a key is
 * given. A key is never shown in a message: entries are named by their position.
 */

export interface KeyIssue {
  input: string
  message: string
}

/**
 * The keys of an input: one per line or comma-separated, as in an age recipients or identity file
 * (so the output of age-keygen can be pasted whole: its `#` comment lines are skipped).
 */
export function splitKeys(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean)
}

/** The forms of a public key: an age recipient, or an SSH public key line. */
const PUBLIC_FORM = /^(age1|ssh-)/

/**
 * What to mask before anything can print it: both identity inputs whole and key by key, and any
 * entry of encryption-recipients that is not in a public key's form (a secret key pasted there by
 * mistake). Masking errs on the safe side; whether an entry is a usable key is decided by parsing.
 */
export function encryptionSecrets(raw: RawInputs): string[] {
  const identities = [raw[Inputs.EncryptionVerifyIdentity], raw[RestoreInputs.DecryptionIdentity]].filter((value): value is string => Boolean(value))
  return [
    ...identities,
    ...identities.flatMap((value) => splitKeys(value)),
    ...splitKeys(raw[Inputs.EncryptionRecipients]).filter((entry) => !PUBLIC_FORM.test(entry))
  ]
}

/** The encryption-* inputs in their layout; undefined when encryption-recipients is empty. Keys are checked later, by checkEncryptionKeys. */
export function readEncryption(raw: RawInputs, issues: KeyIssue[]): EncryptionConfig | undefined {
  const recipients = splitKeys(raw[Inputs.EncryptionRecipients])
  const verifyIdentities = splitKeys(raw[Inputs.EncryptionVerifyIdentity])
  if (verifyIdentities.length > 0 && recipients.length === 0) {
    issues.push({ input: Inputs.EncryptionVerifyIdentity, message: 'is given without encryption-recipients: there is no encrypted backup to check with it' })
  }
  return recipients.length > 0 ? { recipients, verifyIdentities } : undefined
}

function entryName(index: number, count: number): string {
  return count === 1 ? 'the key' : `entry ${index + 1} of ${count}`
}

/** The library's reason, without the key: its parser quotes the whole value ("Invalid checksum in AGE-SECRET-KEY-1…"). */
function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\S{16,}/g, '(the key)')
}

/**
 * Each recipient parsed by the library. An identity (a secret key) is refused loudly: it was
 * masked before this ran, and having been in the workflow's settings it must be taken as exposed.
 */
export async function checkRecipients(recipients: readonly string[]): Promise<KeyIssue[]> {
  const { Encrypter, Decrypter } = await ageLibrary()
  const input = Inputs.EncryptionRecipients
  for (const [index, entry] of recipients.entries()) {
    const name = entryName(index, recipients.length)
    try {
      new Encrypter().addRecipient(entry)
      continue
    } catch (error) {
      let isIdentity = false
      try {
        new Decrypter().addIdentity(entry)
        isIdentity = true
      } catch {
        // Neither a recipient nor an identity.
      }
      if (isIdentity) {
        return [
          {
            input,
            message:
              `${name} is an age SECRET KEY (an identity), not a public key: it was refused and masked, and nothing was encrypted. ` +
              'Give its public key instead (`age-keygen -y key.txt` prints it), keep the secret key out of the backup workflow, ' +
              'and since it was written into the workflow\'s settings, treat it as exposed: make a new key pair'
          }
        ]
      }
      if (/^ssh-(ed25519|rsa) /.test(entry)) {
        return [
          {
            input,
            message:
              `${name} is an SSH public key, which the age-encryption library this action uses cannot encrypt to: ` +
              'give an age public key (age1…, made with age-keygen); an ssh-ed25519 key can be converted with ssh-to-age'
          }
        ]
      }
      return [{ input, message: `${name} is not a valid age public key (age1…, as age-keygen prints it): ${reason(error)} (the value is not shown)` }]
    }
  }
  return []
}

/** Each identity parsed by the library; the message never shows one. */
export async function checkIdentities(input: string, identities: readonly string[]): Promise<KeyIssue[]> {
  const { Decrypter } = await ageLibrary()
  for (const [index, entry] of identities.entries()) {
    try {
      new Decrypter().addIdentity(entry)
    } catch (error) {
      return [
        {
          input,
          message:
            `${entryName(index, identities.length)} is not a valid age secret key (AGE-SECRET-KEY-1…, as age-keygen writes it): ${reason(error)} ` +
            '(the value is not shown)'
        }
      ]
    }
  }
  return []
}

/** The recipients and the verify identity parsed; the verify identity must open what is encrypted to the recipients. */
export async function checkEncryptionKeys(encryption: EncryptionConfig): Promise<KeyIssue[]> {
  const issues = [...(await checkRecipients(encryption.recipients)), ...(await checkIdentities(Inputs.EncryptionVerifyIdentity, encryption.verifyIdentities))]
  if (issues.length > 0 || encryption.verifyIdentities.length === 0) return issues
  const { identityToRecipient } = await ageLibrary()
  const opened = await Promise.all(encryption.verifyIdentities.map((identity) => identityToRecipient(identity)))
  if (!opened.some((recipient) => encryption.recipients.includes(recipient))) {
    issues.push({
      input: Inputs.EncryptionVerifyIdentity,
      message: 'is the secret key of none of encryption-recipients: it could not decrypt the backup (age-keygen -y shows the public key of a secret key)'
    })
  }
  return issues
}

/** For the figures: `age, 2 recipients` (with the check the verify identity adds), or `none`. */
export function describeEncryption(encryption: EncryptionConfig | undefined): string {
  if (!encryption) return 'none'
  const count = encryption.recipients.length
  return `age, ${count} recipient${count === 1 ? '' : 's'}${encryption.verifyIdentities.length > 0 ? ', decrypted back to check' : ''}`
}
