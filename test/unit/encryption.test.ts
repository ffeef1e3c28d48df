import { execFileSync } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { checkEncryptionKeys, checkIdentities, checkRecipients, encryptionSecrets, splitKeys } from '../../src/config/encryption.js'
import { parseConfig } from '../../src/config/parse.js'
import { parseRestoreConfig } from '../../src/config/restore.js'
import { restoreCommand } from '../../src/report/links.js'
import { parseBackupKey } from '../../src/config/backup-keys.js'
import { decryptFile, encryptStage } from '../../src/util/encryption.js'
import { configIssues, rawInputs } from '../support/fixtures.js'

/** Key pairs made by age-keygen, the reference implementation. */
interface KeyPair {
  identity: string
  recipient: string
  /** age-keygen's whole output: comments and the secret key. */
  file: string
}

async function keyPair(): Promise<KeyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'age-key-'))
  const file = join(dir, 'key.txt')
  execFileSync('age-keygen', ['-o', file], { stdio: 'ignore' })
  const text = await readFile(file, 'utf8')
  return { identity: text.split('\n').find((line) => line.startsWith('AGE-SECRET-KEY-1')) as string, recipient: execFileSync('age-keygen', ['-y', file]).toString().trim(), file }
}

let alice: KeyPair
let bob: KeyPair

beforeAll(async () => {
  ;[alice, bob] = await Promise.all([keyPair(), keyPair()])
})

const raw = (overrides: Record<string, string> = {}) => rawInputs({ 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: '/backups', ...overrides })

/** The recipient with one character changed: the same form, a broken bech32 checksum. */
function damaged(recipient: string): string {
  const at = recipient.length - 3
  return `${recipient.slice(0, at)}${recipient[at] === 'q' ? 'p' : 'q'}${recipient.slice(at + 1)}`
}

describe('the layout of the key inputs', () => {
  test('one per line or comma-separated; comment lines of a key file are skipped', async () => {
    expect(splitKeys(` ${alice.recipient} ,${bob.recipient}\r\n\n`)).toEqual([alice.recipient, bob.recipient])
    expect(splitKeys(await readFile(alice.file, 'utf8'))).toEqual([alice.identity])
    expect(splitKeys('')).toEqual([])
  })

  test('masked: identities whole and key by key, and a recipients entry that is not in a public form', async () => {
    const file = await readFile(alice.file, 'utf8')
    const secrets = encryptionSecrets({ 'encryption-recipients': `${bob.recipient}\n${alice.identity}`, 'encryption-verify-identity': file, 'decryption-identity': '' })
    expect(secrets).toEqual(expect.arrayContaining([file, alice.identity]))
    expect(secrets).not.toContain(bob.recipient)
  })

  test('encryption-recipients gives the config its recipients; the verify identity needs recipients; restore-check needs the verify identity', () => {
    expect(parseConfig(raw()).encryption).toBeUndefined()
    expect(parseConfig(raw({ 'encryption-recipients': `${alice.recipient},${bob.recipient}` })).encryption).toEqual({ recipients: [alice.recipient, bob.recipient], verifyIdentities: [] })
    expect(configIssues(raw({ 'encryption-verify-identity': alice.identity }))).toEqual([
      { input: 'encryption-verify-identity', message: expect.stringMatching(/without encryption-recipients/) }
    ])
    expect(configIssues(raw({ 'encryption-recipients': alice.recipient, 'restore-check': 'true' }))).toEqual([
      { input: 'restore-check', message: expect.stringMatching(/needs encryption-verify-identity/) }
    ])
  })

  test('the restore reads decryption-identity key by key', async () => {
    const config = parseRestoreConfig({ ...raw(), 'backup-key': '', 'restore-mode': '', 'restore-globals': '', 'decryption-identity': await readFile(alice.file, 'utf8') })
    expect(config.decryptionIdentities).toEqual([alice.identity])
  })
})

describe('the keys, parsed by the age library', () => {
  test('valid recipients pass', async () => {
    expect(await checkRecipients([alice.recipient, bob.recipient])).toEqual([])
  })

  test('a secret key among the recipients is refused loudly, and the message does not show it', async () => {
    const issues = await checkRecipients([bob.recipient, alice.identity])
    expect(issues).toEqual([{ input: 'encryption-recipients', message: expect.stringMatching(/^entry 2 of 2 is an age SECRET KEY/) }])
    expect(JSON.stringify(issues)).not.toContain(alice.identity.slice(16, 40))
  })

  test('a damaged key, an SSH key and a stray word are each refused with their reason, naming the input', async () => {
    expect(await checkRecipients([damaged(alice.recipient)])).toEqual([{ input: 'encryption-recipients', message: expect.stringMatching(/^the key is not a valid age public key/) }])
    expect(await checkRecipients(['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host'])).toEqual([
      { input: 'encryption-recipients', message: expect.stringMatching(/SSH public key.*ssh-to-age/) }
    ])
    expect(await checkRecipients(['age1'])).toEqual([{ input: 'encryption-recipients', message: expect.stringMatching(/not a valid age public key/) }])
  })

  test('identities: a valid one passes, anything else is refused without being shown', async () => {
    expect(await checkIdentities('decryption-identity', [alice.identity])).toEqual([])
    const broken = `${alice.identity.slice(0, -2)}XX`
    const issues = await checkIdentities('decryption-identity', [broken])
    expect(issues).toEqual([{ input: 'decryption-identity', message: expect.stringMatching(/is not a valid age secret key/) }])
    expect(JSON.stringify(issues)).not.toContain(broken.slice(16))
  })

  test('the verify identity must be the secret key of a recipient', async () => {
    expect(await checkEncryptionKeys({ recipients: [alice.recipient], verifyIdentities: [alice.identity] })).toEqual([])
    expect(await checkEncryptionKeys({ recipients: [alice.recipient], verifyIdentities: [bob.identity] })).toEqual([
      { input: 'encryption-verify-identity', message: expect.stringMatching(/secret key of none of encryption-recipients/) }
    ])
  })
})

describe('the stream stages', () => {
  test('what encryptStage writes, the age CLI decrypts for each recipient, and decryptFile reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'age-stream-'))
    const plaintext = Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(200_000, 7), Buffer.from('end')])
    const stored = join(dir, 'backup.age')
    // Chunks that do not fall on age's 64 KiB boundaries.
    await pipeline(Readable.from([plaintext.subarray(0, 3), plaintext.subarray(3, 70_000), plaintext.subarray(70_000)]), encryptStage([alice.recipient, bob.recipient]), createWriteStream(stored))
    expect((await readFile(stored)).subarray(0, 21).toString()).toBe('age-encryption.org/v1')
    for (const pair of [alice, bob]) {
      expect(execFileSync('age', ['-d', '-i', pair.file, stored], { maxBuffer: 1 << 24 }).equals(plaintext)).toBe(true)
    }
    const copy = join(dir, 'backup')
    const decrypted = await decryptFile(stored, [bob.identity], copy)
    expect(decrypted.sizeBytes).toBe(plaintext.length)
    expect((await readFile(copy)).equals(plaintext)).toBe(true)
  })

  test('decryptFile fails on a foreign identity, on a flipped byte, and on a cut file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'age-stream-'))
    const stored = join(dir, 'backup.age')
    execFileSync('age', ['-r', alice.recipient, '-o', stored], { input: Buffer.alloc(150_000, 3) })
    await expect(decryptFile(stored, [bob.identity])).rejects.toThrow(/no identity matched/)
    const bytes = await readFile(stored)
    const flipped = join(dir, 'flipped.age')
    bytes[bytes.length - 1000] ^= 1
    await writeFile(flipped, bytes)
    await expect(decryptFile(flipped, [alice.identity])).rejects.toThrow()
    bytes[bytes.length - 1000] ^= 1
    const cut = join(dir, 'cut.age')
    await writeFile(cut, bytes.subarray(0, bytes.length - 70_000))
    await expect(decryptFile(cut, [alice.identity])).rejects.toThrow()
  })
})

describe('encrypted backups by name', () => {
  const series = { prefix: 'nightly', backupName: 'shop', dbType: 'postgresql' as const }

  test('retention recognises .age after the engine\'s extension, old extensions still, another engine\'s never', () => {
    expect(parseBackupKey('nightly/shop-20260102T030405Z-0123abcd.dump.zst.age', series)).toMatchObject({ encrypted: true })
    expect(parseBackupKey('nightly/shop-20260102T030405Z-0123abcd.dump.age', series)).toMatchObject({ encrypted: true })
    expect(parseBackupKey('nightly/shop-20260102T030405Z-0123abcd.dump.zst', series)).toMatchObject({ encrypted: false })
    expect(parseBackupKey('nightly/shop-20260102T030405Z-0123abcd.sql.zst.age', series)).toBeUndefined()
    expect(parseBackupKey('nightly/shop-20260102T030405Z-0123abcd.age', series)).toBeUndefined()
    expect(parseBackupKey('nightly/shop-20260102T030405Z-0123abcd.dump.zst.age.sha256', series)).toBeUndefined()
    expect(parseBackupKey('nightly/shop-20260102T030405Z-0123abcd.sql.gz.age', { ...series, dbType: 'mariadb' })).toMatchObject({ encrypted: true, sharedExtension: true })
  })

  test('the restore command decrypts with age before decompressing', () => {
    expect(restoreCommand('cat /b/shop.dump.zst.age', 'postgresql', 'shop.dump.zst.age')).toBe(
      'cat /b/shop.dump.zst.age | age -d -i "$AGE_IDENTITY_FILE" | zstd -dc | pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL"'
    )
  })
})
