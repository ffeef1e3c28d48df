import { createHash, createHmac, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { Inputs, RestoreInputs } from '../constants.js'
import type { RawInputs } from './types.js'

/**
 * The keys of signed backups: signing-key (backup action) and verify-key (restore action).
 *
 * A value is told apart by its form alone, never by trying one reading after another:
 * - `hmac:<secret>`: an HMAC-SHA256 secret (the text after `hmac:`, at least 32 characters),
 *   the same on both actions;
 * - anything else is an Ed25519 key: PEM (`-----BEGIN PRIVATE KEY-----` PKCS#8 for signing-key,
 *   `-----BEGIN PUBLIC KEY-----` SPKI for verify-key, as `openssl genpkey -algorithm ed25519` and
 *   `openssl pkey -pubout` write them), or the same DER as one line of base64 (the PEM's body).
 * Keys are parsed by node:crypto; a key is never shown in a message.
 */

export const HMAC_PREFIX = 'hmac:'
/** 32 characters: the 256 bits of `openssl rand -base64 32` (44 characters) fit with room. */
export const HMAC_MIN_LENGTH = 32

export type KeyKind = 'ed25519' | 'hmac-sha256'

export interface SigningKey {
  kind: KeyKind
  /** Ed25519: the private key; HMAC: the secret. */
  key: KeyObject | Buffer
  /** Names the key without revealing it: the same for a private key and its public key. */
  fingerprint: string
}

export interface VerifyKey {
  kind: KeyKind
  /** Ed25519: the public key; HMAC: the secret. */
  key: KeyObject | Buffer
  fingerprint: string
}

export interface KeyIssue {
  input: string
  message: string
}

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----/
const BASE64_LINE = /^[A-Za-z0-9+/]+={0,2}$/

/** For the figures: `Ed25519` or `HMAC-SHA256`. */
export function describeKind(kind: KeyKind): string {
  return kind === 'ed25519' ? 'Ed25519' : 'HMAC-SHA256'
}

/**
 * Ed25519: `SHA256:` and the unpadded base64 of the SHA-256 of the public key's SPKI DER
 * (`openssl pkey -pubin -in public.pem -outform DER | openssl dgst -sha256 -binary | base64`).
 * HMAC: an HMAC of a fixed text under the secret, which names the secret without giving a hash of
 * it alone.
 */
export function ed25519Fingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ format: 'der', type: 'spki' })
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`
}

export function hmacFingerprint(secret: Buffer): string {
  return `HMAC-SHA256:${createHmac('sha256', secret).update('db-backup-action key fingerprint').digest('hex').slice(0, 16)}`
}

/** The HMAC secret of `hmac:<secret>`, surrounding whitespace removed (a secret pasted with a newline). */
function hmacSecret(value: string): string | undefined {
  const trimmed = value.trim()
  return trimmed.startsWith(HMAC_PREFIX) ? trimmed.slice(HMAC_PREFIX.length).trim() : undefined
}

/** The DER of a one-line base64 key, or undefined when the value is not in that form. */
function base64Der(value: string): Buffer | undefined {
  const compact = value.trim()
  return BASE64_LINE.test(compact) && compact.length >= 40 ? Buffer.from(compact, 'base64') : undefined
}

/**
 * Every form of a key input that could be printed: as given, trimmed, line by line, the PEM body
 * on one line, the HMAC secret without its prefix, and an Ed25519 private key's seed in hex,
 * base64 and base64url. Masking errs on the safe side: a public key in verify-key is masked too.
 */
export function signingSecrets(raw: RawInputs): string[] {
  const forms: string[] = []
  for (const value of [raw[Inputs.SigningKey], raw[RestoreInputs.VerifyKey]]) {
    if (!value) continue
    const lines = value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length >= 8 && !PEM.test(line) && !/^-----END /.test(line))
    forms.push(value, value.trim(), ...lines, lines.join(''))
    const secret = hmacSecret(value)
    if (secret) forms.push(secret)
    try {
      const key = PEM.test(value) ? createPrivateKey(value) : createPrivateKey({ key: base64Der(value) ?? Buffer.alloc(0), format: 'der', type: 'pkcs8' })
      const seed = key.export({ format: 'jwk' }).d
      if (seed) forms.push(seed, Buffer.from(seed, 'base64url').toString('hex'), Buffer.from(seed, 'base64url').toString('base64'))
      forms.push(key.export({ format: 'der', type: 'pkcs8' }).toString('base64'))
    } catch {
      // Not a private key node:crypto reads: its written forms are masked above.
    }
  }
  return forms
}

function hmacKey(input: string, secret: string, issues: KeyIssue[]): { kind: KeyKind; key: Buffer; fingerprint: string } | undefined {
  if (secret.length < HMAC_MIN_LENGTH) {
    issues.push({ input, message: `holds an HMAC secret of ${secret.length} characters after "${HMAC_PREFIX}": give at least ${HMAC_MIN_LENGTH} (openssl rand -base64 32 makes one; the value is not shown)` })
    return undefined
  }
  const key = Buffer.from(secret, 'utf8')
  return { kind: 'hmac-sha256', key, fingerprint: hmacFingerprint(key) }
}

function forms(wanted: 'private' | 'public'): string {
  const pem = wanted === 'private' ? 'a PEM -----BEGIN PRIVATE KEY----- (openssl genpkey -algorithm ed25519)' : 'a PEM -----BEGIN PUBLIC KEY----- (openssl pkey -in signing.pem -pubout)'
  return `an Ed25519 ${wanted} key, ${pem} or its DER as one line of base64, or an HMAC secret written ${HMAC_PREFIX}<at least ${HMAC_MIN_LENGTH} characters>`
}

/** What a PEM label says about a key given to the wrong input, or in a form node:crypto does not read. */
function labelProblem(label: string, wanted: 'private' | 'public'): string | undefined {
  if (label === 'OPENSSH PRIVATE KEY') {
    return 'is an OpenSSH private key (ssh-keygen\'s format), which node:crypto does not read: make the key with openssl genpkey -algorithm ed25519 (the value is not shown)'
  }
  if (label === 'ENCRYPTED PRIVATE KEY') return 'is a passphrase-encrypted private key: give it unencrypted (openssl pkey -in key.pem), kept only in a secret (the value is not shown)'
  if (wanted === 'private' && label === 'PUBLIC KEY') return 'is a PUBLIC key: signing needs the private key (the public key goes into the restore action\'s verify-key)'
  if (wanted === 'public' && /PRIVATE KEY$/.test(label)) {
    return (
      'is a PRIVATE key: the restore needs only the public key (openssl pkey -in signing.pem -pubout prints it). ' +
      'It was masked and not used; since it was written into the restore workflow\'s settings, treat it as exposed and make a new key pair'
    )
  }
  return undefined
}

/** signing-key parsed: an Ed25519 private key, or an HMAC secret; undefined when empty. */
export function readSigningKey(raw: RawInputs, issues: KeyIssue[]): SigningKey | undefined {
  const input = Inputs.SigningKey
  const value = raw[input] ?? ''
  if (!value.trim()) return undefined
  const secret = hmacSecret(value)
  if (secret !== undefined) return hmacKey(input, secret, issues)
  const label = PEM.exec(value)?.[1]
  const problem = label ? labelProblem(label, 'private') : undefined
  if (problem) {
    issues.push({ input, message: problem })
    return undefined
  }
  let key: KeyObject
  try {
    const der = base64Der(value)
    if (label) key = createPrivateKey({ key: value, format: 'pem' })
    else if (der) key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    else throw new Error('unknown form')
  } catch {
    issues.push({ input, message: `must be ${forms('private')} (the value is not shown)` })
    return undefined
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    issues.push({ input, message: `is a ${key.asymmetricKeyType ?? 'unknown'} private key: only Ed25519 keys sign backups (openssl genpkey -algorithm ed25519)` })
    return undefined
  }
  return { kind: 'ed25519', key, fingerprint: ed25519Fingerprint(createPublicKey(key)) }
}

/** verify-key parsed: an Ed25519 public key, or an HMAC secret; undefined when empty. */
export function readVerifyKey(raw: RawInputs, issues: KeyIssue[]): VerifyKey | undefined {
  const input = RestoreInputs.VerifyKey
  const value = raw[input] ?? ''
  if (!value.trim()) return undefined
  const secret = hmacSecret(value)
  if (secret !== undefined) return hmacKey(input, secret, issues)
  const label = PEM.exec(value)?.[1]
  const der = base64Der(value)
  const problem = label ? labelProblem(label, 'public') : undefined
  // A private key as base64 DER: refused like its PEM form.
  const privateDer = !label && der && isPrivateDer(der)
  if (problem || privateDer) {
    issues.push({ input, message: problem ?? (labelProblem('PRIVATE KEY', 'public') as string) })
    return undefined
  }
  let key: KeyObject
  try {
    if (label) key = createPublicKey({ key: value, format: 'pem' })
    else if (der) key = createPublicKey({ key: der, format: 'der', type: 'spki' })
    else throw new Error('unknown form')
  } catch {
    issues.push({ input, message: `must be ${forms('public')} (the value is not shown)` })
    return undefined
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    issues.push({ input, message: `is a ${key.asymmetricKeyType ?? 'unknown'} public key: backups are signed with Ed25519 keys` })
    return undefined
  }
  return { kind: 'ed25519', key, fingerprint: ed25519Fingerprint(key) }
}

function isPrivateDer(der: Buffer): boolean {
  try {
    createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    return true
  } catch {
    return false
  }
}
