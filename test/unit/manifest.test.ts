import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { readSigningKey, readVerifyKey, signingSecrets, type KeyIssue, type SigningKey, type VerifyKey } from '../../src/config/signing.js'
import { identifyBackupKey, isCompanionOf, isGlobalsOf, isManifestOf, manifestName, parseBackupKey } from '../../src/config/backup-keys.js'
import { canonicalJson, parseManifest, serializeManifest, signManifest, verifyManifest, type Manifest } from '../../src/storage/shared/manifest.js'

const pems = (): { privatePem: string; publicPem: string; privateKey: KeyObject } => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  return {
    privateKey,
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString()
  }
}

function keys(signing: string, verifying: string): { signer: SigningKey; verifier: VerifyKey } {
  const issues: KeyIssue[] = []
  const signer = readSigningKey({ 'signing-key': signing }, issues)
  const verifier = readVerifyKey({ 'verify-key': verifying }, issues)
  expect(issues).toEqual([])
  return { signer: signer as SigningKey, verifier: verifier as VerifyKey }
}

const DUMP = 'nightly/shop-20261126T030405Z-0123abcd.dump.zst'
const fields = {
  backupName: 'shop',
  engine: 'postgresql',
  backupTime: '2026-11-26T03:04:05.678Z',
  objects: [
    { role: 'dump' as const, key: DUMP, sizeBytes: 123456, sha256: 'a'.repeat(64) },
    { role: 'globals' as const, key: 'nightly/shop-20261126T030405Z-0123abcd.globals.sql.zst', sizeBytes: 789, sha256: 'b'.repeat(64) }
  ]
}

describe('canonical serialisation', () => {
  test('the same fields give the same bytes whatever their order; arrays keep theirs', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 'x', x: 'y' }, 2], c: 'é' })).toBe('{"a":[{"x":"y","y":"x"},2],"b":1,"c":"é"}')
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }))
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]))
  })

  test('holds only strings, whole numbers, booleans, arrays and objects', () => {
    expect(() => canonicalJson({ size: 1.5 })).toThrow(/whole numbers/)
    expect(() => canonicalJson({ none: null })).toThrow(/cannot hold/)
  })
})

describe.each([
  ['Ed25519', () => { const pair = pems(); return keys(pair.privatePem, pair.publicPem) }],
  ['HMAC-SHA256', () => keys('hmac:0123456789abcdef0123456789abcdef', 'hmac:0123456789abcdef0123456789abcdef')]
])('a %s manifest', (_name, make) => {
  const { signer, verifier } = make()
  const manifest = signManifest(fields, signer)
  const stored = (changed: Manifest): Manifest => parseManifest(serializeManifest(changed))

  test('verifies as stored, and names the key by the fingerprint the verify key has', () => {
    expect(() => verifyManifest(stored(manifest), verifier)).not.toThrow()
    expect(manifest.keyFingerprint).toBe(verifier.fingerprint)
    expect(manifest.algorithm).toBe(signer.kind)
  })

  const tampered: [string, (m: Manifest) => Manifest][] = [
    ['backupName', (m) => ({ ...m, backupName: 'shop2' })],
    ['engine', (m) => ({ ...m, engine: 'mysql' })],
    ['backupTime', (m) => ({ ...m, backupTime: '2026-11-26T03:04:06.678Z' })],
    ['keyFingerprint', (m) => ({ ...m, keyFingerprint: 'SHA256:other' })],
    ['an object\'s role', (m) => ({ ...m, objects: [{ ...m.objects[0], role: 'globals' }, m.objects[1]] })],
    ['an object\'s key', (m) => ({ ...m, objects: [{ ...m.objects[0], key: 'nightly/shop-20261126T030405Z-0123abce.dump.zst' }, m.objects[1]] })],
    ['an object\'s size', (m) => ({ ...m, objects: [{ ...m.objects[0], sizeBytes: 123457 }, m.objects[1]] })],
    ['an object\'s SHA-256', (m) => ({ ...m, objects: [m.objects[0], { ...m.objects[1], sha256: 'c'.repeat(64) }] })],
    ['the objects\' order', (m) => ({ ...m, objects: [m.objects[1], m.objects[0]] })],
    ['an object removed', (m) => ({ ...m, objects: [m.objects[0]] })],
    ['an object added', (m) => ({ ...m, objects: [...m.objects, { role: 'sha256 sidecar', key: `${DUMP}.sha256`, sizeBytes: 10, sha256: 'd'.repeat(64) }] })],
    ['the signature', (m) => ({ ...m, signature: Buffer.from(Buffer.from(m.signature, 'base64').map((byte, index) => (index === 0 ? byte ^ 1 : byte))).toString('base64') })]
  ]
  test.each(tampered)('tampered (%s): does not verify', (_field, change) => {
    expect(() => verifyManifest(stored(change(manifest)), verifier)).toThrow(/signature does not verify/)
  })

  test('with the algorithm changed is refused by the verify key\'s own algorithm', () => {
    const other = signer.kind === 'ed25519' ? 'hmac-sha256' : 'ed25519'
    expect(() => verifyManifest(stored({ ...manifest, algorithm: other }), verifier)).toThrow(/verify-key is an/)
  })

  test('does not verify with another key', () => {
    const another = signer.kind === 'ed25519' ? keys(pems().privatePem, pems().publicPem).verifier : keys('hmac:another-secret-of-at-least-32-characters', 'hmac:another-secret-of-at-least-32-characters').verifier
    expect(() => verifyManifest(manifest, another)).toThrow(/signature does not verify with verify-key \(it names the key/)
  })
})

describe('parseManifest', () => {
  const { signer } = keys('hmac:0123456789abcdef0123456789abcdef', 'hmac:0123456789abcdef0123456789abcdef')
  const manifest = signManifest(fields, signer)
  test.each([
    ['not JSON', 'nope', /not JSON/],
    ['another format', JSON.stringify({ ...manifest, format: 'v0' }), /format/],
    ['a field it does not know', JSON.stringify({ ...manifest, extra: 1 }), /not a manifest this action writes/],
    ['a size that is not a whole number', JSON.stringify({ ...manifest, objects: [{ ...manifest.objects[0], sizeBytes: 1.5 }] }), /objects\.0\.sizeBytes/],
    ['an upper-case SHA-256', JSON.stringify({ ...manifest, objects: [{ ...manifest.objects[0], sha256: 'A'.repeat(64) }] }), /sha256/],
    ['no objects', JSON.stringify({ ...manifest, objects: [] }), /objects/],
    ['a time that is not ISO UTC', JSON.stringify({ ...manifest, backupTime: 'yesterday' }), /backupTime/]
  ])('refuses %s', (_name, text, reason) => {
    expect(() => parseManifest(text)).toThrow(reason)
  })
})

describe('signing-key and verify-key', () => {
  const read = (input: 'signing-key' | 'verify-key', value: string): { key?: SigningKey | VerifyKey; issues: KeyIssue[] } => {
    const issues: KeyIssue[] = []
    const key = input === 'signing-key' ? readSigningKey({ [input]: value }, issues) : readVerifyKey({ [input]: value }, issues)
    return { key, issues }
  }

  test('an Ed25519 key in PEM or as one line of base64 DER; the private and public keys share a fingerprint', () => {
    const { privatePem, publicPem } = pems()
    const body = (pem: string): string => pem.split('\n').filter((line) => line && !line.startsWith('-----')).join('')
    const fingerprints = [read('signing-key', privatePem), read('signing-key', body(privatePem)), read('verify-key', publicPem), read('verify-key', `${body(publicPem)}\n`)].map((found) => {
      expect(found.issues).toEqual([])
      expect(found.key?.kind).toBe('ed25519')
      return found.key?.fingerprint
    })
    expect(new Set(fingerprints).size).toBe(1)
    expect(fingerprints[0]).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
  })

  test('hmac: is an HMAC secret, trimmed, the same on both sides', () => {
    const signing = read('signing-key', ' hmac:0123456789abcdef0123456789abcdef\n')
    const verify = read('verify-key', 'hmac:0123456789abcdef0123456789abcdef')
    expect(signing.key?.kind).toBe('hmac-sha256')
    expect(signing.key?.fingerprint).toBe(verify.key?.fingerprint)
    expect(signing.key?.fingerprint).not.toContain('0123456789abcdef')
  })

  test.each([
    ['signing-key', 'an empty value', '', undefined],
    ['signing-key', 'a short HMAC secret', 'hmac:short', /HMAC secret of 5 characters/],
    ['signing-key', 'anything else', 'my-password', /must be an Ed25519 private key/],
    ['signing-key', 'an OpenSSH private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n', /OpenSSH private key/],
    ['signing-key', 'an encrypted key', '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIGbMFcGCSqGSIb3\n-----END ENCRYPTED PRIVATE KEY-----\n', /passphrase-encrypted/],
    ['signing-key', 'a public key', 'PUBLIC', /is a PUBLIC key/],
    ['signing-key', 'an RSA key', 'RSA', /is a rsa private key: only Ed25519/],
    ['verify-key', 'a private key', 'PRIVATE', /is a PRIVATE key/],
    ['verify-key', 'a private key as base64 DER', 'PRIVATE-DER', /is a PRIVATE key/],
    ['verify-key', 'anything else', 'not a key', /must be an Ed25519 public key/]
  ] as const)('%s: %s', (input, _name, value, reason) => {
    const { privatePem, publicPem } = pems()
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()
    const given = { PUBLIC: publicPem, PRIVATE: privatePem, 'PRIVATE-DER': privatePem.split('\n')[1], RSA: rsa }[value as string] ?? value
    const found = read(input, given)
    if (!reason) {
      expect(found).toEqual({ key: undefined, issues: [] })
      return
    }
    expect(found.key).toBeUndefined()
    expect(found.issues).toEqual([{ input, message: expect.stringMatching(reason) }])
    // No message shows the value.
    for (const line of given.split('\n').filter((part) => part.length > 8)) expect(found.issues[0].message).not.toContain(line)
  })

  test('every form of a key is masked: as given, line by line, the PEM body, the secret after hmac:, the seed', () => {
    const { privatePem, privateKey } = pems()
    const seed = privateKey.export({ format: 'jwk' }).d as string
    const forms = signingSecrets({ 'signing-key': privatePem, 'verify-key': 'hmac:0123456789abcdef0123456789abcdef' })
    expect(forms).toEqual(expect.arrayContaining([privatePem, privatePem.trim(), privatePem.split('\n')[1], seed, Buffer.from(seed, 'base64url').toString('hex'), Buffer.from(seed, 'base64url').toString('base64')]))
    expect(forms).toEqual(expect.arrayContaining(['hmac:0123456789abcdef0123456789abcdef', '0123456789abcdef0123456789abcdef']))
    expect(forms).not.toContain('-----BEGIN PRIVATE KEY-----')
  })
})

describe('the manifest\'s key', () => {
  const manifest = 'nightly/shop-20261126T030405Z-0123abcd.manifest.json'
  test('beside its dump, recognised as part of that backup and never as one of its own', () => {
    expect(manifestName(DUMP)).toBe(manifest)
    expect(manifestName('shop-20261126T030405Z-0123abcd.dump.zst.age')).toBe('shop-20261126T030405Z-0123abcd.manifest.json')
    expect(() => manifestName('notes.txt')).toThrow(/not a backup name/)
    expect(isManifestOf(manifest, DUMP)).toBe(true)
    expect(isCompanionOf(manifest, DUMP)).toBe(true)
    expect(isGlobalsOf(manifest, DUMP)).toBe(false)
    expect(isManifestOf('nightly/shop-20261126T030405Z-0123abce.manifest.json', DUMP)).toBe(false)
    expect(isManifestOf(`${manifest}.bak`, DUMP)).toBe(false)
    expect(isManifestOf(DUMP, DUMP)).toBe(false)
    for (const dbType of ['postgresql', 'mysql', 'mariadb', 'mongodb', 'redis'] as const) {
      expect(parseBackupKey(manifest, { prefix: 'nightly', backupName: 'shop', dbType })).toBeUndefined()
    }
    expect(identifyBackupKey(manifest, 'nightly')?.dbTypes).toEqual([])
  })
})
