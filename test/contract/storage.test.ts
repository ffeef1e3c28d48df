import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BackupMetadata, StagedUpload, StorageBackend, UploadResult } from '../../src/storage/types.js'
import { S3_ACCESS_DENIED, startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy.js'
import { runOk } from '../support/run.js'
import { waitUntil } from '../support/runner.js'
import { azureMember, gcsMember, localMember, s3Member, type Member, type Point } from './storage-members.js'

/**
 * The storage contract (issue 23): what every StorageBackend promises (src/storage/types.ts),
 * checked the same way for each storage type against its emulator. A point a type cannot do is
 * skipped, with the reason in the test's name.
 */

const MiB = 1024 * 1024

interface Dump {
  file: string
  sha256: string
  content: Buffer
}

let work: string
let small: Dump
/** Larger than a part, a block and a chunk of every backend (Azure sends up to 32 MiB in one Put Blob). */
let large: Dump

async function dumpFile(name: string, size: number): Promise<Dump> {
  const content = randomBytes(size)
  const file = join(work, name)
  await writeFile(file, content)
  return { file, sha256: createHash('sha256').update(content).digest('hex'), content }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'contract-storage-'))
  small = await dumpFile('small.dump', 200 * 1024 + 3)
  large = await dumpFile('large.dump', 33 * MiB + 17)
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

function metadataFor(sha256: string): BackupMetadata {
  return { sha256, backupName: 'contract', dbType: 'postgresql', createdAt: new Date().toISOString() }
}

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

const cancellation = (): Error => new Error('the run was cancelled: SIGINT received')

/** What each storage answers a request it refuses for want of a permission. */
const refusals: Record<string, Fault> = {
  s3: S3_ACCESS_DENIED,
  'azure-blob': {
    status: 403,
    body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthorizationPermissionMismatch</Code><Message>This request is not authorized to perform this operation using this permission.</Message></Error>',
    headers: { 'Content-Type': 'application/xml', 'x-ms-error-code': 'AuthorizationPermissionMismatch' }
  },
  gcs: {
    status: 403,
    body: JSON.stringify({ error: { code: 403, message: 'Access to the upload was revoked while it was in progress.', errors: [{ message: 'revoked', domain: 'global', reason: 'forbidden' }] } }),
    headers: { 'Content-Type': 'application/json; charset=UTF-8' }
  }
}

/** What the credentials error says, beside never the secret. */
const credentialsMessage: Record<string, RegExp> = {
  s3: /the credentials were refused \(InvalidAccessKeyId\)/,
  'azure-blob': /the credentials were refused \(AuthorizationFailure\)/,
  gcs: /no usable Google credentials \(use google-github-actions\/auth.*invalid_grant/
}

const members: [string, () => Member][] = [
  ['local directory', localMember],
  ['S3 (s3rver)', s3Member],
  ['Azure Blob (Azurite)', azureMember],
  ['GCS (the test server)', gcsMember]
]

describe.each(members)('storage contract: %s', (_title, make) => {
  const member = make()
  let counter = 0
  const newKey = (label: string): string => `${member.prefix}contract-${label}-${++counter}-${randomBytes(3).toString('hex')}.dump`
  const proxies: FaultProxy[] = []

  /** A test; skipped, saying why, where this member cannot do the point. */
  const testUnless = (point: Point, name: string, body: () => Promise<void>): void => {
    const reason = member.cannot[point]
    if (reason) test.skip(`${name} (skipped: ${reason})`, body)
    else test(name, body)
  }

  beforeAll(async () => {
    await member.start()
  }, 120_000)

  afterAll(async () => {
    await Promise.all(proxies.splice(0).map((proxy) => proxy.stop()))
    await member.stop()
  })

  beforeEach(() => {
    member.resetRecords?.()
  })

  async function proxy(): Promise<FaultProxy> {
    const started = await startFaultProxy((member.upstream as () => string)())
    proxies.push(started)
    return started
  }

  /** Nothing of the key anywhere: not listed by the backend, not in the storage, no unfinished upload kept. */
  async function expectNothingOf(key: string, backend?: StorageBackend): Promise<void> {
    const storage = backend ?? (await member.backend())
    expect((await storage.list(key)).map((object) => object.key)).toEqual([])
    expect(await member.stored(key)).toEqual([])
    expect(await member.leftovers()).toEqual([])
  }

  /** Downloads the key and hashes what was written, independently of what download() says. */
  async function readBack(storage: StorageBackend, key: string, expectedBytes: number): Promise<{ sha256: string; reported: string; recorded: string | undefined; sizeBytes: number }> {
    const target = join(work, `download-${randomBytes(4).toString('hex')}`)
    try {
      const result = await storage.download(key, target, { expectedBytes })
      return { sha256: sha256Of(await readFile(target)), reported: result.sha256, recorded: result.recordedSha256, sizeBytes: result.sizeBytes }
    } finally {
      await rm(target, { force: true })
    }
  }

  test('an upload reads back byte for byte (SHA-256 equal) with the SHA-256 it recorded, and is listed at its size', async () => {
    const storage = await member.backend()
    for (const dump of [small, large]) {
      const key = newKey('roundtrip')
      const result = await storage.upload(dump.file, key, metadataFor(dump.sha256))
      expect(result).toMatchObject({ uri: storage.uri(key), sizeBytes: dump.content.length })
      const listed = await storage.list(key)
      expect(listed.map(({ key: listedKey, sizeBytes }) => ({ key: listedKey, sizeBytes }))).toEqual([{ key, sizeBytes: dump.content.length }])
      // A Date of this realm or of Node's own (fs.stat): jest's toBeInstanceOf would tell them apart.
      expect(Object.prototype.toString.call(listed[0].lastModified)).toBe('[object Date]')
      expect(Number.isNaN(listed[0].lastModified.getTime())).toBe(false)
      expect(await member.stored(key)).toEqual([key])
      expect(await readBack(storage, key, dump.content.length)).toEqual({ sha256: dump.sha256, reported: dump.sha256, recorded: dump.sha256, sizeBytes: dump.content.length })
    }
    expect(await member.leftovers()).toEqual([])
  })

  test('a download of a key that is not there fails naming it', async () => {
    const storage = await member.backend()
    const key = newKey('absent')
    const target = join(work, `absent-${counter}`)
    await expect(storage.download(key, target, { expectedBytes: 10 })).rejects.toThrow(storage.uri(key))
    await rm(target, { force: true })
  })

  testUnless('midUploadRefusal', 'an upload the storage refuses in the middle fails, and leaves no object and no unfinished upload', async () => {
    const refusing = await proxy()
    refusing.inject({ when: (member.laterData as NonNullable<Member['laterData']>)(), times: 1, fault: refusals[member.type] })
    const storage = await member.backend({ endpoint: refusing.endpoint })
    const key = newKey('refused')
    await expect(storage.upload(large.file, key, metadataFor(large.sha256))).rejects.toThrow(new RegExp(`^upload of ${escape(storage.uri(key))} .* failed: access denied`))
    expect(refusing.requests.filter((request) => request.fault === 'status')).toHaveLength(1)
    await expectNothingOf(key)
  })

  testUnless('noOverwrite', 'an upload under a key already taken fails, and leaves the object there as it was (bytes and recorded SHA-256)', async () => {
    const storage = await member.backend()
    const key = newKey('taken')
    await storage.upload(small.file, key, metadataFor(small.sha256))
    await expect(storage.upload(large.file, key, metadataFor(large.sha256))).rejects.toThrow()
    expect(await member.stored(key)).toEqual([key])
    expect(await readBack(storage, key, small.content.length)).toEqual({ sha256: small.sha256, reported: small.sha256, recorded: small.sha256, sizeBytes: small.content.length })
    expect(await member.leftovers()).toEqual([])
  })

  test('lists every object past a page of 1,000 (1,005 objects), and none outside the prefix', async () => {
    const prefix = `${member.prefix}paged-`
    const keys = Array.from({ length: 1005 }, (_, i) => `${prefix}${String(i).padStart(4, '0')}.dump`)
    await member.seed([...keys, `${member.prefix}pagedoutside.dump`, `${member.prefix}other-0001.dump`], 'x')
    const listed = (await (await member.backend()).list(prefix)).map((object) => object.key)
    expect(listed).toHaveLength(keys.length)
    expect([...listed].sort()).toEqual(keys)
  })

  test('deletes the keys given, across batches: they are gone, the others stay, and a key already gone is not an error', async () => {
    const prefix = `${member.prefix}doomed-`
    const keys = Array.from({ length: 270 }, (_, i) => `${prefix}${String(i).padStart(4, '0')}.dump`)
    await member.seed(keys, 'old backup')
    const storage = await member.backend()
    const doomed = keys.slice(0, 260)
    const absent = `${prefix}9999-never-written.dump`
    const { deleted, locked } = await storage.delete([...doomed, absent])
    expect(locked).toEqual([])
    // Deleted now, or (the interface allows either) the key that was already gone.
    expect([...deleted].sort().filter((key) => key !== absent)).toEqual(doomed)
    expect(deleted.length).toBeLessThanOrEqual(doomed.length + 1)
    expect((await storage.list(prefix)).map((object) => object.key).sort()).toEqual(keys.slice(260))
    expect((await member.stored(prefix)).sort()).toEqual(keys.slice(260))
    // Deleting them again (another run's retention got there first) is not an error either.
    await expect(storage.delete(doomed.slice(0, 3))).resolves.toMatchObject({ locked: [] })
    await expect(storage.delete([])).resolves.toEqual({ deleted: [], locked: [] })
  })

  testUnless('credentials', 'refused credentials fail preflight, listing and upload with an error that says so and never shows the secret', async () => {
    const { backend, secret, done } = await (member.badCredentials as NonNullable<Member['badCredentials']>)()
    const key = newKey('refused-credentials')
    try {
      const failures = [
        await backend.preflight(member.prefix).then(() => undefined, (error: Error) => error),
        await backend.list(member.prefix).then(() => undefined, (error: Error) => error),
        await backend.upload(small.file, key, metadataFor(small.sha256)).then(() => undefined, (error: Error) => error)
      ]
      for (const failure of failures) {
        expect(failure).toBeInstanceOf(Error)
        expect(failure?.message).toMatch(credentialsMessage[member.type])
        expect(failure?.message).not.toContain(secret)
        expect(String(failure?.stack)).not.toContain(secret)
      }
    } finally {
      await done()
    }
    expect(await member.stored(key)).toEqual([])
  })

  test('preflight passes on a good config, leaving nothing behind', async () => {
    const storage = await member.backend()
    const prefix = `${member.prefix}preflight-check-`
    const result = await storage.preflight(prefix)
    expect(result.checked).toEqual(expect.any(String))
    expect(result.checked.length).toBeGreaterThan(0)
    expect(result.warnings ?? []).toEqual([])
    expect(await storage.list(member.prefix + 'preflight')).toEqual([])
    expect(await member.stored(member.prefix + 'preflight')).toEqual([])
    expect(await member.leftovers()).toEqual([])
  })

  test('preflight fails on a missing bucket (container, directory), naming it', async () => {
    const storage = await member.backend({ bucket: member.missing.bucket })
    await expect(storage.preflight(member.prefix)).rejects.toThrow(member.missing.message)
  })

  /** Writes the dump into a staged upload, 1 MiB at a time, and flushes it. */
  async function stage(storage: StorageBackend, key: string, dump: Dump, signal: AbortSignal): Promise<StagedUpload> {
    const { backupName, dbType, createdAt } = metadataFor(dump.sha256)
    const staged = await storage.beginUpload(key, { backupName, dbType, createdAt }, signal, dump.content.length)
    for (let at = 0; at < dump.content.length; at += MiB) await staged.write(dump.content.subarray(at, Math.min(at + MiB, dump.content.length)))
    await staged.flush()
    return staged
  }

  test('a staged upload (staging stream) is invisible until commit(), then reads back with the SHA-256 it recorded', async () => {
    const storage = await member.backend()
    const key = newKey('staged')
    const staged = await stage(storage, key, large, new AbortController().signal)
    expect(await storage.list(key)).toEqual([])
    expect(await member.stored(key)).toEqual([])
    const result = await staged.commit(large.sha256, large.content.length)
    expect(result).toMatchObject({ uri: storage.uri(key), sizeBytes: large.content.length })
    expect((await storage.list(key)).map((object) => [object.key, object.sizeBytes])).toEqual([[key, large.content.length]])
    expect(await readBack(storage, key, large.content.length)).toEqual({ sha256: large.sha256, reported: large.sha256, recorded: large.sha256, sizeBytes: large.content.length })
    expect(await member.leftovers()).toEqual([])
  })

  test('a staged upload discarded with abort() leaves no object and no unfinished upload', async () => {
    const storage = await member.backend()
    const key = newKey('staged-discarded')
    const staged = await stage(storage, key, large, new AbortController().signal)
    expect(await staged.abort()).toBe('')
    await expectNothingOf(key, storage)
    if (member.settleAfterAbortMs) await new Promise((resolve) => setTimeout(resolve, member.settleAfterAbortMs))
  })

  test('an upload stopped by its AbortSignal in flight fails with the abort\'s reason, and leaves no object and no unfinished upload', async () => {
    const key = newKey('cancelled')
    const controller = new AbortController()
    const { upload, inFlight, release } = await heldUpload(key, controller.signal)
    try {
      await inFlight
      controller.abort(cancellation())
      await expect(upload).rejects.toThrow(/the run was cancelled: SIGINT received/)
    } finally {
      await release()
    }
    await expectNothingOf(key)
    if (member.settleAfterAbortMs) await new Promise((resolve) => setTimeout(resolve, member.settleAfterAbortMs))
  })

  test('an upload given an AbortSignal already aborted fails with its reason and stores nothing', async () => {
    const storage = await member.backend()
    const key = newKey('aborted-before')
    const controller = new AbortController()
    controller.abort(cancellation())
    await expect(storage.upload(small.file, key, metadataFor(small.sha256), controller.signal)).rejects.toThrow(/the run was cancelled: SIGINT received/)
    await expectNothingOf(key, storage)
  })

  /**
   * An upload held in flight, part of the dump sent: a cloud storage stops answering the requests
   * that carry its later parts; a directory is fed from a pipe that has given its first MiB.
   */
  async function heldUpload(key: string, signal: AbortSignal): Promise<{ upload: Promise<UploadResult>; inFlight: Promise<unknown>; release: () => Promise<void> }> {
    if (!member.upstream) {
      const fifo = join(work, `fifo-${randomBytes(4).toString('hex')}`)
      await runOk('mkfifo', [fifo])
      const storage = await member.backend()
      const upload = storage.upload(fifo, key, metadataFor(large.sha256), signal)
      upload.catch(() => undefined)
      const writer = createWriteStream(fifo)
      writer.on('error', () => undefined)
      writer.write(large.content.subarray(0, MiB))
      // The copy notices the abort once its read returns: the pipe gives more, and ends.
      signal.addEventListener('abort', () => writer.end(large.content.subarray(MiB, 2 * MiB)), { once: true })
      const inFlight = waitUntil(async () => (await member.leftovers()).length > 0 || undefined, 'the copy to begin')
      return {
        upload,
        inFlight,
        release: async () => {
          if (!writer.writableEnded) writer.end()
          await upload.catch(() => undefined)
          writer.destroy()
          await rm(fifo, { force: true })
        }
      }
    }
    if (member.sentData) {
      const sentData = member.sentData
      const storage = await member.backend()
      const upload = storage.upload(large.file, key, metadataFor(large.sha256), signal)
      upload.catch(() => undefined)
      return { upload, inFlight: waitUntil(() => sentData() || undefined, 'the first chunk to reach the storage'), release: async () => undefined }
    }
    const holding = await proxy()
    holding.inject({ when: (member.laterData as NonNullable<Member['laterData']>)(), fault: { hang: true } })
    const storage = await member.backend({ endpoint: holding.endpoint })
    const upload = storage.upload(large.file, key, metadataFor(large.sha256), signal)
    upload.catch(() => undefined)
    const inFlight = waitUntil(() => holding.requests.some((request) => request.fault === 'hang') || undefined, 'a request of the upload held by the storage')
    return { upload, inFlight, release: () => holding.stop() }
  }
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
