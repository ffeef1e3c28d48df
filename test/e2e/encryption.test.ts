import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { readJson, runAction, type ActionRun } from '../support/action.js'
import { clientPath, everythingVisible, restoredCounts, scratch, sha256Of, type AuditRecord, connectionInputs } from '../support/e2e.js'
import { rowCounts as mariaRowCounts, seedShop as seedMariaShop, startMariaDb, type MariaDbServer } from '../support/mariadb.js'
import { rowCounts, seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'
import { keyCount, seedRedis, startRedis, type RedisServer } from '../support/redis.js'
import { backup, expectRestored, expectRestoreFailed, restore } from '../support/restore.js'
import { startS3rver, type S3Emulator } from '../support/s3rver.js'
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook.js'

/**
 * Encrypted backups made by the bundle, decrypted by an independent implementation (the age CLI,
 * from Debian's package) and restored into fresh servers; and restored by the restore bundle.
 */

const BUCKET = 'encrypted-e2e'

interface KeyPair {
  identity: string
  recipient: string
  /** age-keygen's key file, as `age -d -i` reads it. */
  file: string
}

async function keyPair(): Promise<KeyPair> {
  const file = join(await mkdtemp(join(tmpdir(), 'age-key-')), 'key.txt')
  execFileSync('age-keygen', ['-o', file], { stdio: 'ignore' })
  const identity = (await readFile(file, 'utf8')).split('\n').find((line) => line.startsWith('AGE-SECRET-KEY-1')) as string
  return { identity, recipient: execFileSync('age-keygen', ['-y', file]).toString().trim(), file }
}

let pg: PostgresServer
let redis: RedisServer
let s3: S3Emulator
let webhook: WebhookReceiver
let ops: KeyPair
let escrow: KeyPair
let stranger: KeyPair
let shopCounts: Record<string, number>
let redisKeys: number

beforeAll(async () => {
  ;[pg, redis, s3, webhook, ops, escrow, stranger] = await Promise.all([
    startPostgres(),
    startRedis(),
    startS3rver([BUCKET]),
    startWebhookReceiver(),
    keyPair(),
    keyPair(),
    keyPair()
  ])
  shopCounts = await seedShop(pg, 'shop')
  await seedRedis(redis)
  redisKeys = await keyCount(redis)
})

afterAll(async () => {
  await webhook?.close()
  await s3?.stop()
  await redis?.stop()
  await pg?.stop()
})

/** What the runner shows of a log: it consumes the ::add-mask:: commands (that is how it learns what to mask). */
const log = (text: string): string => text.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n')

/** Two recipients, one per line, as a multi-line secret or variable gives them. */
const recipients = (): string => `${ops.recipient}\n${escrow.recipient}\n`

function pgInputs(database: string, storage: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...connectionInputs('postgresql', pg, database),
    'backup-name': 'shop',
    notify: 'console,file',
    ...storage,
    ...extra
  }
}

function redisInputs(server: RedisServer, storage: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  return { 'db-type': 'redis', 'db-host': server.host, 'db-port': String(server.port), 'db-password': server.password, 'backup-name': 'cache', notify: 'console,file', ...storage, ...extra }
}

function s3Storage(path: string): Record<string, string> {
  return { 'storage-type': 's3', bucket: BUCKET, path, 's3-endpoint': s3.endpoint, 's3-region': s3.region, 's3-force-path-style': 'true' }
}

/** The stored object, as a file: the local one, or downloaded from the emulator with the test's own client. */
async function storedFile(storage: Record<string, string>, key: string): Promise<string> {
  if (storage['storage-type'] === 'local') return join(storage.path, key)
  const file = join(await scratch('download'), key.split('/').pop() as string)
  const { metadata } = await s3.download(BUCKET, key, file)
  expect(metadata.sha256).toBe(await sha256Of(file))
  return file
}

/** Decrypts with the age CLI and decompresses with zstd, as docs/security.md tells a person to. */
async function decryptWithAgeCli(file: string, pair: KeyPair): Promise<string> {
  expect(file).toMatch(/\.zst\.age$/)
  // Into a directory of its own: never beside the backups, where it would be taken for one.
  const plain = join(await scratch('decrypted'), basename(file, '.age'))
  execFileSync('age', ['-d', '-i', pair.file, '-o', plain, file])
  return plain
}

function expectEncryptedFigures(made: ActionRun, record: AuditRecord, extension: string, stored: Buffer): void {
  expect(made.outputs['backup-key']).toMatch(new RegExp(`\\.${extension.replace(/\./g, '\\.')}\\.age$`))
  expect(stored.subarray(0, 22).toString()).toBe('age-encryption.org/v1\n')
  expect(made.outputs['size-bytes']).toBe(String(stored.length))
  const snapshot = record.steps.find((step) => step.name === 'take-snapshot')?.figures ?? {}
  expect(snapshot.encryption).toBe('age, 2 recipients, decrypted back to check')
  expect(snapshot.sha256).toBe(made.outputs.sha256)
  expect(record.steps.find((step) => step.name === 'verify-integrity')?.figures).toMatchObject({
    'sha256 re-read': 'match',
    'read while written': true,
    'decrypted with encryption-verify-identity': 'plaintext sha256 match'
  })
  expect((record as unknown as { backup: { encryption: unknown } }).backup.encryption).toEqual({ format: 'age', recipients: 2 })
  expect(made.summary).toContain('encrypted with age for 2 recipients')
  expect(made.summary).toContain('age -d -i')
}

describe('PostgreSQL, encrypted with age', () => {
  test.each([
    ['a local directory', async () => ({ 'storage-type': 'local', path: await scratch('store') })],
    ['S3', async () => s3Storage('pg-encrypted')]
  ])('to %s: the age CLI decrypts the stored object with either recipient\'s identity and it restores with every row', async (name, storageOf) => {
    const storage = await storageOf()
    const made = await backup(pgInputs('shop', storage, { 'encryption-recipients': recipients(), 'encryption-verify-identity': escrow.identity }), { ...s3.env, ...clientPath(pg) })
    const record = await readJson<AuditRecord>(made.outputs['audit-file'])
    const file = await storedFile(storage, made.outputs['backup-key'])
    const stored = await readFile(file)
    expect(await sha256Of(file)).toBe(made.outputs.sha256)
    expectEncryptedFigures(made, record, 'dump.zst', stored)
    if (storage['storage-type'] === 'local') {
      // The plaintext never stays on disk: the store holds the encrypted file and its sha256 record alone.
      expect((await readdir(storage.path)).sort()).toEqual([made.outputs['backup-key'], `${made.outputs['backup-key']}.sha256`].sort())
    }
    // Nothing of the dump is left in the runner's temporary directory.
    expect(await readdir(made.runnerTemp)).toEqual(expect.not.arrayContaining([expect.stringMatching(/^db-backup-/)]))
    expect(stored.includes(Buffer.from('PGDMP'))).toBe(false)

    for (const [index, pair] of [ops, escrow].entries()) {
      const plain = await decryptWithAgeCli(file, pair)
      expect(await restoredCounts(pg, plain, `decrypted_${name.replace(/\W/g, '').toLowerCase()}_${index}`)).toEqual(shopCounts)
    }
  })

  test('the restore action decrypts with decryption-identity; without it, or with a foreign one, the target is not touched', async () => {
    const storage = { 'storage-type': 'local', path: await scratch('store') }
    const made = await backup(pgInputs('shop', storage, { 'encryption-recipients': recipients() }), clientPath(pg))

    await pg.sql('postgres', 'CREATE DATABASE restored_no_identity')
    const missing = await restore(pgInputs('restored_no_identity', storage), clientPath(pg))
    expectRestoreFailed(missing.run, missing.record, 'locate-backup', /is encrypted with age \(\.age\): set the input decryption-identity/)
    expect((await pg.sql('restored_no_identity', "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).trim()).toBe('0')

    await pg.sql('postgres', 'CREATE DATABASE restored_foreign')
    const foreign = await restore(pgInputs('restored_foreign', storage, { 'decryption-identity': stranger.identity }), clientPath(pg))
    expectRestoreFailed(foreign.run, foreign.record, 'download-backup', /decrypting with decryption-identity failed .*no identity matched/)
    expect((await pg.sql('restored_foreign', "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).trim()).toBe('0')

    await pg.sql('postgres', 'CREATE DATABASE restored_encrypted')
    // The key file of age-keygen pasted whole, comments and all.
    const { run, record } = await restore(pgInputs('restored_encrypted', storage, { 'decryption-identity': await readFile(ops.file, 'utf8') }), clientPath(pg))
    expectRestored(run, record)
    expect(run.outputs).toMatchObject({ 'backup-key': made.outputs['backup-key'], sha256: made.outputs.sha256, 'size-bytes': made.outputs['size-bytes'] })
    expect(record.steps.find((step) => step.name === 'download-backup')?.figures).toMatchObject({ 'recorded sha256': 'match', decrypted: 'age, with decryption-identity' })
    expect(await rowCounts(pg, 'restored_encrypted')).toEqual(shopCounts)
    expect(log(run.stdout)).not.toContain(ops.identity)
  })

  test('restore-check source decrypts the stored dump with the verify identity, restores it into a scratch database, and compares the plaintext with the source', async () => {
    const made = await backup(
      pgInputs('shop', { 'storage-type': 'local', path: await scratch('store') }, { 'encryption-recipients': recipients(), 'encryption-verify-identity': ops.identity, 'restore-check': 'source' }),
      clientPath(pg)
    )
    const record = await readJson<AuditRecord>(made.outputs['audit-file'])
    expect(record.steps.find((step) => step.name === 'verify-integrity')?.figures).toMatchObject({
      'decrypted with encryption-verify-identity': 'plaintext sha256 match',
      'restore check': expect.stringMatching(/^content digests: 3 tables, \d+ rows, equal \(restored into a scratch database, read back with pg_dump\)$/),
      'source check': expect.stringMatching(/^content digests: 3 tables, \d+ rows, equal \(the source read in the dump's snapshot\)$/)
    })
  })
})

describe('encryption with the other features', () => {
  test('streamed to S3 with include-globals: dump and globals are stored encrypted, the age CLI opens both, and the restore action applies them', async () => {
    await pg.sql('postgres', "CREATE ROLE stream_reader LOGIN PASSWORD 'reader-canary-password'")
    const storage = s3Storage('pg-stream-encrypted')
    const made = await backup(pgInputs('shop', storage, { 'encryption-recipients': recipients(), staging: 'stream', 'include-globals': 'true' }), { ...s3.env, ...clientPath(pg) })
    const record = await readJson<AuditRecord>(made.outputs['audit-file'])
    expect(record.steps.find((step) => step.name === 'take-snapshot')?.figures).toMatchObject({ staging: 'stream', encryption: 'age, 2 recipients' })
    expect(made.outputs['backup-key']).toMatch(/\.dump\.zst\.age$/)
    const globalsKey = (record as unknown as { backup: { globals: { key: string } } }).backup.globals.key
    expect(globalsKey).toMatch(/\.globals\.sql\.zst\.age$/)

    const dump = await storedFile(storage, made.outputs['backup-key'])
    expect(await restoredCounts(pg, await decryptWithAgeCli(dump, ops), 'stream_encrypted_cli')).toEqual(shopCounts)
    const globals = await storedFile(storage, globalsKey)
    expect((await readFile(globals)).includes(Buffer.from('CREATE ROLE'))).toBe(false)
    const script = execFileSync('zstd', ['-dc', await decryptWithAgeCli(globals, escrow)]).toString()
    expect(script).toContain('CREATE ROLE stream_reader')

    await pg.sql('postgres', 'CREATE DATABASE restored_stream_encrypted')
    const { run, record: restored } = await restore(
      pgInputs('restored_stream_encrypted', storage, { 'decryption-identity': ops.identity, 'restore-globals': 'true' }),
      { ...s3.env, ...clientPath(pg) }
    )
    expectRestored(run, restored)
    expect(await rowCounts(pg, 'restored_stream_encrypted')).toEqual(shopCounts)
  })
})

describe('Redis, encrypted with age', () => {
  test.each([
    ['a local directory', async () => ({ 'storage-type': 'local', path: await scratch('store') })],
    ['S3', async () => s3Storage('redis-encrypted')]
  ])('to %s: decrypted by the age CLI, the RDB starts a fresh server with every key; the restore action restores it too', async (_name, storageOf) => {
    const storage = await storageOf()
    const made = await backup(redisInputs(redis, storage, { 'encryption-recipients': recipients(), 'encryption-verify-identity': ops.identity }), s3.env)
    const record = await readJson<AuditRecord>(made.outputs['audit-file'])
    const file = await storedFile(storage, made.outputs['backup-key'])
    expectEncryptedFigures(made, record, 'rdb.zst', await readFile(file))

    const compressed = await decryptWithAgeCli(file, escrow)
    const rdb = compressed.replace(/\.zst$/, '')
    execFileSync('zstd', ['-d', '-q', '-f', compressed, '-o', rdb])
    const fromCli = await startRedis({ rdb })
    try {
      expect(await keyCount(fromCli)).toBe(redisKeys)
    } finally {
      await fromCli.stop()
    }

    const target = await startRedis()
    try {
      const { run, record: restored } = await restore(redisInputs(target, storage, { 'decryption-identity': ops.identity }), s3.env)
      expectRestored(run, restored)
      expect(await keyCount(target)).toBe(redisKeys)
    } finally {
      await target.stop()
    }
  })
})

describe('MariaDB, encrypted with age', () => {
  let maria: MariaDbServer
  let counts: Record<string, number>

  beforeAll(async () => {
    maria = await startMariaDb()
    counts = await seedMariaShop(maria, 'shop')
  })

  afterAll(async () => {
    await maria?.stop()
  })

  test('the age CLI decrypts a whole SQL dump, and the restore action restores it with every row', async () => {
    const storage = { 'storage-type': 'local', path: await scratch('store') }
    const inputs = (database: string, extra: Record<string, string> = {}): Record<string, string> => ({
      ...connectionInputs('mariadb', maria, database),
      'backup-name': 'shop',
      notify: 'console,file',
      ...storage,
      ...extra
    })
    const made = await backup(inputs('shop', { 'encryption-recipients': recipients(), 'encryption-verify-identity': ops.identity }))
    const record = await readJson<AuditRecord>(made.outputs['audit-file'])
    const file = join(storage.path, made.outputs['backup-key'])
    expectEncryptedFigures(made, record, 'sql.zst', await readFile(file))
    const sql = execFileSync('zstd', ['-dc', await decryptWithAgeCli(file, escrow)], { maxBuffer: 1 << 28 }).toString()
    expect(sql).toMatch(/^(.*\n)?-- MariaDB dump/)
    expect(sql.trimEnd()).toMatch(/-- Dump completed on .*$/)

    await maria.sql('mysql', 'CREATE DATABASE restored_encrypted')
    const { run, record: restored } = await restore(inputs('restored_encrypted', { 'decryption-identity': escrow.identity }))
    expectRestored(run, restored)
    expect(await mariaRowCounts(maria, 'restored_encrypted')).toEqual(counts)
  })
})

describe('bad encryption inputs fail validate-config, naming the input; nothing is dumped or stored', () => {
  async function refused(extra: Record<string, string>, input: string, reason: RegExp): Promise<{ visible: string; store: string }> {
    const store = await scratch('store')
    const auditDir = await scratch('audit')
    webhook.bodies.length = 0
    const run = await runAction(pgInputs('shop', { 'storage-type': 'local', path: store }, { notify: 'console,file,webhook', 'webhook-url': webhook.url, 'audit-dir': auditDir, ...extra }), clientPath(pg))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['failed-step']).toBe('validate-config')
    const record = await readJson<AuditRecord>(run.outputs['audit-file'])
    const error = record.steps.find((step) => step.name === 'validate-config')?.error ?? ''
    expect(error).toContain(`input "${input}"`)
    expect(error).toMatch(reason)
    expect(await readdir(store)).toEqual([])
    return { visible: await everythingVisible(run, auditDir, webhook), store }
  }

  test('a secret key pasted into encryption-recipients is refused loudly and never printed anywhere', async () => {
    const { visible } = await refused({ 'encryption-recipients': `${ops.recipient}, ${escrow.identity}` }, 'encryption-recipients', /entry 2 of 2 is an age SECRET KEY/)
    expect(visible).not.toContain(escrow.identity)
    expect(visible).not.toContain(escrow.identity.slice(20, 50))
    expect(visible).toContain('SECRET KEY')
  })

  test('a damaged recipient, and a verify identity that opens none of the recipients', async () => {
    const damaged = `${ops.recipient.slice(0, 20)}${ops.recipient[20] === 'q' ? 'p' : 'q'}${ops.recipient.slice(21)}`
    await refused({ 'encryption-recipients': damaged }, 'encryption-recipients', /the key is not a valid age public key/)
    const { visible } = await refused({ 'encryption-recipients': ops.recipient, 'encryption-verify-identity': stranger.identity }, 'encryption-verify-identity', /secret key of none of encryption-recipients/)
    expect(visible).not.toContain(stranger.identity)
  })

  test('restore-check with encryption needs the verify identity', async () => {
    await refused({ 'encryption-recipients': ops.recipient, 'restore-check': 'true' }, 'restore-check', /needs encryption-verify-identity/)
  })

  test('a malformed decryption-identity fails the restore\'s validate-config without showing it', async () => {
    const broken = `${ops.identity.slice(0, -3)}QQQ`
    const { run, record } = await restore(pgInputs('shop', { 'storage-type': 'local', path: await scratch('store') }, { 'decryption-identity': broken }), clientPath(pg))
    expectRestoreFailed(run, record, 'validate-config', /input "decryption-identity": the key is not a valid age secret key/)
    expect([log(run.stdout), log(run.stderr), run.summary, JSON.stringify(record)].join('\n')).not.toContain(broken.slice(16))
  })
})
