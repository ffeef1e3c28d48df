import { execFileSync } from 'node:child_process'
import { createHash, createPublicKey } from 'node:crypto'
import { cp, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../support/action.js'
import { clientPath, connectionInputs, pastThisSecond, scratch, sha256Of, type AuditRecord } from '../support/e2e.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { backup, expectRestored, expectRestoreFailed, restore } from '../support/restore.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'
import { S3_ACCESS_DENIED, startFaultProxy } from '../support/fault-proxy.js'

/**
 * signing-key / verify-key through the bundles: a backup signed with an Ed25519 key made by the
 * openssl CLI (or an HMAC secret), restored only where its manifest verifies and its objects match
 * it. The attacker of these tests can write the backup directory (and so every `.sha256` beside a
 * backup), but holds no signing key.
 */

interface KeyPair {
  privatePem: string
  publicPem: string
  fingerprint: string
}

/** An Ed25519 key pair from openssl (an implementation other than the action's), and its fingerprint as docs/security.md says to compute it. */
async function opensslKeyPair(): Promise<KeyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'signing-key-'))
  const file = join(dir, 'signing.pem')
  execFileSync('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', file], { stdio: 'ignore' })
  const publicPem = execFileSync('openssl', ['pkey', '-in', file, '-pubout']).toString()
  const der = createPublicKey(publicPem).export({ format: 'der', type: 'spki' })
  return { privatePem: await readFile(file, 'utf8'), publicPem, fingerprint: `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}` }
}

interface Entry {
  key: string
  sha256: string
  manifest?: { key: string; uri: string; sizeBytes: number; signature: string }
  globals?: { key: string }
}

let source: PostgresServer
let target: PostgresServer
let signer: KeyPair
let stranger: KeyPair
let s3: S3Emulator
const BUCKET = 'signed-e2e'
const HMAC = 'hmac:0123456789abcdef0123456789abcdef-shared'

beforeAll(async () => {
  ;[source, target, signer, stranger, s3] = await Promise.all([startPostgres(), startPostgres(), opensslKeyPair(), opensslKeyPair(), startS3rver([BUCKET])])
  await seedShop(source, 'shop')
  // What the attacker puts in place of the real backup: another database's dump, as genuine as any.
  await seedShop(source, 'evil')
  await source.sql('evil', "UPDATE customers SET email = 'attacker@example.test' WHERE id = 1")
  await source.sql('shop', "CREATE ROLE shop_reader NOLOGIN; GRANT SELECT ON customers TO shop_reader")
})

afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop(), s3?.stop()])
})

function inputs(server: PostgresServer, database: string, store: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...connectionInputs('postgresql', server, database), 'storage-type': 'local', path: store, 'backup-name': 'shop', notify: 'console,file', ...extra }
}

async function signedBackup(store: string, extra: Record<string, string> = {}): Promise<{ run: ActionRun; entry: Entry }> {
  const run = await backup(inputs(source, 'shop', store, { 'signing-key': signer.privatePem, ...extra }), clientPath(source))
  return { run, entry: (JSON.parse(run.outputs.backups) as Entry[])[0] }
}

let targets = 0
/** A new, empty database on the target server. */
async function emptyTarget(): Promise<string> {
  const name = `restored_${++targets}`
  await target.sql('postgres', `CREATE DATABASE ${name}`)
  return name
}

async function tablesIn(database: string): Promise<number> {
  return Number((await target.sql(database, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).trim())
}

async function restoreInto(store: string, database: string, extra: Record<string, string> = {}): Promise<{ run: ActionRun; record: AuditRecord }> {
  return restore(inputs(target, database, store, extra), clientPath(target))
}

const figuresOf = (record: AuditRecord, step: string): Record<string, string | number> => record.steps.find((entry) => entry.name === step)?.figures ?? {}

/** A copy of a backup directory, for one attack. */
async function copyOf(store: string): Promise<string> {
  const copy = await scratch('signed-copy')
  await cp(store, copy, { recursive: true })
  return copy
}

/** The dump file replaced by `bytes`, and its `.sha256` rewritten to match, as a writer of the directory can. */
async function replaceWithForgedSidecar(store: string, name: string, bytes: Buffer): Promise<void> {
  await writeFile(join(store, name), bytes)
  await writeFile(join(store, `${name}.sha256`), `${createHash('sha256').update(bytes).digest('hex')}  ${name}\n`)
}

describe('signed backups', () => {
  let store: string
  let entry: Entry

  beforeAll(async () => {
    store = await scratch('signed-store')
    ;({ entry } = await signedBackup(store, { 'include-globals': 'true' }))
  }, 240_000)

  test('the manifest beside the dump lists every object stored for the backup, signed with the key', async () => {
    const stem = entry.key.replace(/\.dump\.zst$/, '')
    expect(entry.manifest?.key).toBe(`${stem}.manifest.json`)
    expect(entry.manifest?.signature).toBe(`Ed25519 (key fingerprint ${signer.fingerprint})`)
    const manifest = JSON.parse(await readFile(join(store, `${stem}.manifest.json`), 'utf8'))
    const globalsKey = entry.globals?.key as string
    expect(manifest).toMatchObject({ backupName: 'shop', engine: 'postgresql', algorithm: 'ed25519', keyFingerprint: signer.fingerprint })
    expect(manifest.backupTime.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')).toBe(/-(\d{8}T\d{6}Z)-/.exec(entry.key)?.[1])
    const listed = manifest.objects.map((object: { role: string; key: string }) => [object.role, object.key])
    expect(listed).toEqual([
      ['dump', entry.key],
      ['globals', globalsKey],
      ['sha256 sidecar', `${entry.key}.sha256`],
      ['sha256 sidecar', `${globalsKey}.sha256`]
    ])
    for (const object of manifest.objects) expect(object.sha256).toBe(await sha256Of(join(store, object.key)))
  })

  test('restored with verify-key (the public key): the signature and every object verified', async () => {
    const database = await emptyTarget()
    const { run, record } = await restoreInto(store, database, { 'verify-key': signer.publicPem, 'restore-globals': 'true' })
    expectRestored(run, record)
    expect(figuresOf(record, 'download-backup')).toMatchObject({
      signature: `Ed25519, verified (key fingerprint ${signer.fingerprint})`,
      'signed sha256': 'match',
      'globals signed sha256': 'match'
    })
    expect(await tablesIn(database)).toBe(3)
  }, 240_000)

  test('without verify-key, the restore goes on as before and says the manifest was not verified', async () => {
    const database = await emptyTarget()
    const { run, record } = await restoreInto(store, database)
    expectRestored(run, record)
    expect(String(figuresOf(record, 'download-backup').signature)).toMatch(/^not verified: the backup has a signed manifest/)
  }, 240_000)

  test('no manifest: refused, the target untouched', async () => {
    const copy = await copyOf(store)
    await rm(join(copy, entry.manifest?.key as string))
    const database = await emptyTarget()
    const { run, record } = await restoreInto(copy, database, { 'verify-key': signer.publicPem })
    expectRestoreFailed(run, record, 'download-backup', /verify-key is set, but the backup .* has no signed manifest beside it/)
    expect(await tablesIn(database)).toBe(0)
  }, 240_000)

  test('signed with another key: refused, the target untouched', async () => {
    const database = await emptyTarget()
    const { run, record } = await restoreInto(store, database, { 'verify-key': stranger.publicPem })
    expectRestoreFailed(run, record, 'download-backup', /signature does not verify with verify-key \(it names the key SHA256:/)
    expect(await tablesIn(database)).toBe(0)
  }, 240_000)

  test('a manifest with one field changed (the dump\'s SHA-256): the signature no longer verifies', async () => {
    const copy = await copyOf(store)
    const file = join(copy, entry.manifest?.key as string)
    const manifest = JSON.parse(await readFile(file, 'utf8'))
    manifest.objects[0].sha256 = createHash('sha256').update('forged').digest('hex')
    await writeFile(file, JSON.stringify(manifest))
    const database = await emptyTarget()
    const { run, record } = await restoreInto(copy, database, { 'verify-key': signer.publicPem })
    expectRestoreFailed(run, record, 'download-backup', /cannot be trusted: its signature does not verify/)
    expect(await tablesIn(database)).toBe(0)
  }, 240_000)

  test('the dump replaced by another database\'s, with a matching .sha256: refused, naming the dump; without verify-key it would be restored', async () => {
    const evilStore = await scratch('signed-evil')
    const evil = await backup(inputs(source, 'evil', evilStore), clientPath(source))
    const evilKey = (JSON.parse(evil.outputs.backups) as Entry[])[0].key
    const copy = await copyOf(store)
    await replaceWithForgedSidecar(copy, entry.key, await readFile(join(evilStore, evilKey)))

    const database = await emptyTarget()
    const { run, record } = await restoreInto(copy, database, { 'verify-key': signer.publicPem })
    expectRestoreFailed(run, record, 'download-backup', /the dump .* is \d+ bytes with SHA-256 [0-9a-f]{64}, but the signed manifest lists .*: the dump was replaced or damaged after it was signed/)
    expect(await tablesIn(database)).toBe(0)

    // What the SHA-256 beside the backup alone lets through: the attacker's data.
    const unchecked = await emptyTarget()
    const plain = await restoreInto(copy, unchecked)
    expectRestored(plain.run, plain.record)
    expect((await target.sql(unchecked, 'SELECT email FROM customers WHERE id = 1')).trim()).toBe('attacker@example.test')
  }, 240_000)

  test('the globals object replaced, with a matching .sha256: refused, naming the globals object', async () => {
    const copy = await copyOf(store)
    const globalsKey = entry.globals?.key as string
    const forged = execFileSync('zstd', ['-q', '-c'], { input: 'CREATE ROLE intruder SUPERUSER LOGIN PASSWORD \'x\';\n' })
    await replaceWithForgedSidecar(copy, globalsKey, forged)
    const database = await emptyTarget()
    const { run, record } = await restoreInto(copy, database, { 'verify-key': signer.publicPem, 'restore-globals': 'true' })
    expectRestoreFailed(run, record, 'download-backup', /the globals object .* but the signed manifest lists .*: the globals object was replaced or damaged/)
    expect(await tablesIn(database)).toBe(0)
    expect((await target.sql('postgres', "SELECT count(*) FROM pg_roles WHERE rolname = 'intruder'")).trim()).toBe('0')
  }, 240_000)

  test('a genuine manifest of another backup, put beside this one: refused', async () => {
    const copy = await copyOf(store)
    const otherStore = await scratch('signed-other')
    const other = await signedBackup(otherStore)
    await writeFile(join(copy, entry.manifest?.key as string), await readFile(join(otherStore, other.entry.manifest?.key as string)))
    const database = await emptyTarget()
    const { run, record } = await restoreInto(copy, database, { 'verify-key': signer.publicPem })
    expectRestoreFailed(run, record, 'download-backup', /the signed manifest .* is of a backup taken at .*, but .* was taken at/)
    expect(await tablesIn(database)).toBe(0)
  }, 240_000)
})

describe('HMAC and staging stream', () => {
  test('an hmac: secret signs a streamed backup; the same secret verifies it, another is refused; the secret is masked', async () => {
    const store = await scratch('signed-hmac')
    const run = await backup(inputs(source, 'shop', store, { 'signing-key': HMAC, staging: 'stream' }), clientPath(source))
    const entry = (JSON.parse(run.outputs.backups) as Entry[])[0]
    expect(run.summary).toContain('stream (committed after verify-integrity passed)')
    expect(entry.manifest?.signature).toMatch(/^HMAC-SHA256 \(key fingerprint HMAC-SHA256:[0-9a-f]{16}\)$/)
    const manifest = JSON.parse(await readFile(join(store, entry.manifest?.key as string), 'utf8'))
    expect(manifest.objects.map((object: { role: string }) => object.role)).toEqual(['dump', 'sha256 sidecar'])
    const secret = HMAC.slice('hmac:'.length)
    for (const text of [run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n'), run.stderr, run.summary, JSON.stringify(run.outputs)]) {
      expect(text).not.toContain(secret)
    }

    const good = await restoreInto(store, await emptyTarget(), { 'verify-key': HMAC })
    expectRestored(good.run, good.record)
    expect(figuresOf(good.record, 'download-backup').signature).toMatch(/^HMAC-SHA256, verified \(key fingerprint HMAC-SHA256:/)
    const database = await emptyTarget()
    const bad = await restoreInto(store, database, { 'verify-key': `${HMAC}-other` })
    expectRestoreFailed(bad.run, bad.record, 'download-backup', /signature does not verify/)
    expect(await tablesIn(database)).toBe(0)
    // An Ed25519 public key does not check an HMAC manifest (the manifest never picks the algorithm).
    const wrongKind = await restoreInto(store, await emptyTarget(), { 'verify-key': signer.publicPem })
    expectRestoreFailed(wrongKind.run, wrongKind.record, 'download-backup', /signed with HMAC-SHA256, but verify-key is an Ed25519 key/)
  }, 300_000)
})

describe('S3 (s3rver)', () => {
  const s3Inputs = (server: PostgresServer, database: string, extra: Record<string, string> = {}): Record<string, string> => ({
    ...inputs(server, database, '', extra),
    'storage-type': 's3',
    bucket: BUCKET,
    path: 'signed',
    's3-endpoint': s3.endpoint,
    's3-region': s3.region,
    's3-force-path-style': 'true'
  })

  test('the manifest is stored beside the dump; a dump replaced with forged sha256 metadata is refused, naming the dump', async () => {
    const run = await backup(s3Inputs(source, 'shop', { 'signing-key': signer.privatePem }), { ...s3.env, ...clientPath(source) })
    const entry = (JSON.parse(run.outputs.backups) as Entry[])[0]
    expect(entry.manifest?.key).toBe(entry.key.replace(/\.dump\.zst$/, '.manifest.json'))
    expect((await s3.keys(BUCKET, 'signed/')).map((object) => object.key).sort()).toEqual([entry.key, entry.manifest?.key].sort())

    const good = await restore(s3Inputs(target, await emptyTarget(), { 'verify-key': signer.publicPem }), { ...s3.env, ...clientPath(target) })
    expectRestored(good.run, good.record)
    expect(figuresOf(good.record, 'download-backup').signature).toBe(`Ed25519, verified (key fingerprint ${signer.fingerprint})`)

    // A writer of the bucket puts another database's dump under the key, with its true SHA-256 as metadata.
    const evilStore = await scratch('signed-evil-s3')
    const evil = await backup(inputs(source, 'evil', evilStore), clientPath(source))
    const bytes = await readFile(join(evilStore, (JSON.parse(evil.outputs.backups) as Entry[])[0].key))
    await s3.put(BUCKET, entry.key, bytes, { sha256: createHash('sha256').update(bytes).digest('hex'), backupname: 'shop', dbtype: 'postgresql', createdat: new Date().toISOString() })
    const database = await emptyTarget()
    const bad = await restore(s3Inputs(target, database, { 'verify-key': signer.publicPem }), { ...s3.env, ...clientPath(target) })
    expectRestoreFailed(bad.run, bad.record, 'download-backup', /the dump s3:\/\/.* but the signed manifest lists .*: the dump was replaced or damaged after it was signed/)
    expect(await tablesIn(database)).toBe(0)
  }, 300_000)

  test('a manifest the storage refuses fails upload-to-storage: the backup is not signed, and its dump is deleted again', async () => {
    const proxy = await startFaultProxy(s3.endpoint)
    try {
      proxy.inject({ when: (request) => request.method === 'PUT' && request.url.includes('.manifest.json'), fault: S3_ACCESS_DENIED })
      const run = await runAction(
        { ...s3Inputs(source, 'shop', { 'signing-key': signer.privatePem }), path: 'refused', 's3-endpoint': proxy.endpoint, 'audit-dir': await scratch('audit') },
        { ...s3.env, ...clientPath(source) }
      )
      expect(run.exitCode).not.toBe(0)
      expect(run.outputs['failed-step']).toBe('upload-to-storage')
      expect(run.summary).toMatch(/the signed manifest refused\/shop-.*\.manifest\.json could not be stored, so the backup is not signed, and refused\/shop-.*\.dump\.zst was deleted again/)
      expect(await s3.keys(BUCKET, 'refused/')).toEqual([])
    } finally {
      await proxy.stop()
    }
  }, 300_000)
})

describe('retention', () => {
  test('deletes a backup\'s manifest with it, and never counts a manifest as a backup', async () => {
    const store = await scratch('signed-retention')
    const first = await signedBackup(store)
    const anHourAgo = new Date(Date.now() - 3_600_000)
    for (const name of await readdir(store)) await utimes(join(store, name), anHourAgo, anHourAgo)
    await pastThisSecond()
    const second = await signedBackup(store, { 'max-backups': '1' })
    expect(second.run.outputs['deleted-count']).toBe('1')
    const cleanup = JSON.parse(await readFile(second.run.outputs['audit-file'], 'utf8')).steps.find((step: { name: string }) => step.name === 'cleanup-old-backups')
    expect(cleanup.figures).toMatchObject({ 'backups found': 2, 'manifests deleted with their dumps': 1 })
    expect((await readdir(store)).sort()).toEqual([second.entry.key, `${second.entry.key}.sha256`, second.entry.manifest?.key, `${second.entry.manifest?.key}.sha256`].sort())
    expect(first.entry.manifest?.key).not.toBe(second.entry.manifest?.key)
  }, 300_000)
})

describe('bad keys fail validate-config, naming the input, before anything is dumped', () => {
  test.each([
    ['not a key', 'signing-key', 'not-a-key-at-all', /input "signing-key": must be an Ed25519 private key/],
    ['a short HMAC secret', 'signing-key', 'hmac:short', /input "signing-key": holds an HMAC secret of 5 characters/],
    ['a public key as signing-key', 'signing-key', 'PUBLIC', /input "signing-key": is a PUBLIC key/]
  ])('%s', async (_name, input, value, reason) => {
    const store = await scratch('signed-bad')
    const run = await runAction({ ...inputs(source, 'shop', store, { [input]: value === 'PUBLIC' ? signer.publicPem : value }), 'audit-dir': await scratch('audit') }, clientPath(source))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('validate-config')
    expect(run.summary).toMatch(reason)
    expect(await readdir(store)).toEqual([])
  }, 120_000)

  test('a private key as verify-key is refused (and masked), before anything is downloaded', async () => {
    const { run, record } = await restoreInto(await scratch('signed-empty'), 'shop', { 'verify-key': signer.privatePem })
    expectRestoreFailed(run, record, 'validate-config', /input "verify-key": is a PRIVATE key/)
    const body = signer.privatePem.split('\n')[1]
    expect(run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')).not.toContain(body)
    expect(run.summary).not.toContain(body)
  }, 120_000)
})
