import { createHmac, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto'
import { z } from 'zod'
import { describeKind, type KeyKind, type SigningKey, type VerifyKey } from '../../config/signing.js'

/**
 * The signed manifest of a backup (signing-key): every object stored for it (the dump, the globals
 * object, the local SHA-256 sidecar) with its key, size and SHA-256, the backup's time, engine and
 * name, and a signature over the canonical serialisation of all of that. The SHA-256 beside a
 * backup (a sidecar, object metadata) is written by whoever can write the bucket; the signature
 * only by whoever holds the signing key, so a restore with verify-key trusts only what it covers.
 */

export const MANIFEST_FORMAT = 'db-backup-action manifest v1'
/** Far above any real manifest (a few objects): a larger object under the manifest's key is not read. */
export const MANIFEST_MAX_BYTES = 64 * 1024

export const manifestRoles = ['dump', 'globals', 'sha256 sidecar'] as const
export type ManifestRole = (typeof manifestRoles)[number]

export interface ManifestObject {
  role: ManifestRole
  key: string
  sizeBytes: number
  sha256: string
}

/** What the signature covers. */
export interface ManifestBody {
  format: typeof MANIFEST_FORMAT
  backupName: string
  engine: string
  /** When the backup was taken (ISO 8601, UTC, milliseconds): the time in its key, to the second. */
  backupTime: string
  algorithm: KeyKind
  keyFingerprint: string
  objects: ManifestObject[]
}

export interface Manifest extends ManifestBody {
  /** base64 of the Ed25519 signature or the HMAC-SHA256 of the canonical body. */
  signature: string
}

const sha256Text = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits')
const manifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    backupName: z.string().min(1).max(200),
    engine: z.string().min(1).max(50),
    backupTime: z.string().refine((value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value, 'must be an ISO 8601 UTC time'),
    algorithm: z.enum(['ed25519', 'hmac-sha256']),
    keyFingerprint: z.string().min(1).max(200),
    objects: z
      .array(z.object({ role: z.enum(manifestRoles), key: z.string().min(1).max(2048), sizeBytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), sha256: sha256Text }).strict())
      .min(1)
      .max(16),
    signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64').max(200)
  })
  .strict()

/**
 * The bytes signed: JSON with every object's keys sorted and no white space, so that the same
 * manifest always gives the same bytes whatever order a writer put its fields in. The values are
 * strings, safe integers and arrays only (arrays keep their order: it is part of what is signed).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error(`a manifest holds only whole numbers, not ${value}`)
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new Error(`a manifest cannot hold a ${typeof value}`)
  return JSON.stringify(value)
}

function signedBytes(body: ManifestBody): Buffer {
  return Buffer.from(canonicalJson(body), 'utf8')
}

function hmac(secret: Buffer, data: Buffer): Buffer {
  return createHmac('sha256', secret).update(data).digest()
}

/** The manifest of `objects`, signed with `key` (Ed25519 with node:crypto's sign, no digest named: Ed25519 hashes itself). */
export function signManifest(fields: Omit<ManifestBody, 'format' | 'algorithm' | 'keyFingerprint'>, key: SigningKey): Manifest {
  const body: ManifestBody = { format: MANIFEST_FORMAT, ...fields, algorithm: key.kind, keyFingerprint: key.fingerprint }
  const data = signedBytes(body)
  const signature = key.kind === 'ed25519' ? sign(null, data, key.key as KeyObject) : hmac(key.key as Buffer, data)
  return { ...body, signature: signature.toString('base64') }
}

/** The manifest as stored: readable JSON (the signature covers the canonical form, not this text). */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
}

/** A manifest read from the storage, its layout checked; an error says what is wrong with it. */
export function parseManifest(text: string): Manifest {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error('it is not JSON')
  }
  const parsed = manifestSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`it is not a manifest this action writes (${issue.path.join('.') || 'the object'}: ${issue.message})`)
  }
  return parsed.data as Manifest
}

/**
 * Throws unless `manifest` was signed with the counterpart of `key`, by the key's own algorithm
 * (the manifest's `algorithm` field never chooses how it is checked).
 */
export function verifyManifest(manifest: Manifest, key: VerifyKey): void {
  if (manifest.algorithm !== key.kind) {
    throw new Error(`it is signed with ${describeKind(manifest.algorithm)}, but verify-key is an ${describeKind(key.kind)} key`)
  }
  const { signature, ...body } = manifest
  const data = signedBytes(body)
  const given = Buffer.from(signature, 'base64')
  const valid =
    key.kind === 'ed25519'
      ? verify(null, data, key.key as KeyObject, given)
      : (() => {
          const expected = hmac(key.key as Buffer, data)
          return given.length === expected.length && timingSafeEqual(given, expected)
        })()
  if (!valid) {
    const other = manifest.keyFingerprint !== key.fingerprint ? ` (it names the key ${manifest.keyFingerprint}, verify-key is ${key.fingerprint})` : ''
    throw new Error(`its signature does not verify with verify-key${other}: it was altered, or signed with another key`)
  }
}

/** For the figures: `Ed25519, verified (key fingerprint SHA256:…)`. */
export function describeVerified(key: VerifyKey): string {
  return `${describeKind(key.kind)}, verified (key fingerprint ${key.fingerprint})`
}
