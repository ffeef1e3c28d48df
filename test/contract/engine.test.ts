import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Compression } from '../../src/config/types.js'
import { engines } from '../../src/engines/index.js'
import type { Engine, Restorer, Snapshot } from '../../src/engines/types.js'
import { mariadbMember, mongodbMember, mysqlMember, postgresMember, redisMember, type EngineMember } from './engine-members.js'

/**
 * The engine contract (issue 23): every engine dumps a seeded database, verifies the dump with its
 * own tool, passes its restore-check, and restores it into a fresh target whose content equals the
 * source's (the engine's own content digests and counts); a damaged dump fails verification.
 * Engines whose server is not installed here are skipped, saying so.
 */

const ZSTD: Compression = { name: 'zstd', level: 1 }
const TIMEOUT_MS = 120_000

const members: [string, () => EngineMember][] = [
  ['PostgreSQL', postgresMember],
  ['MariaDB', mariadbMember],
  ['Redis', redisMember],
  ['MongoDB', mongodbMember],
  ['MySQL (Oracle)', mysqlMember]
]

let work: string

/** Holder → value, a holder's leading `<database>.` left out (MongoDB's namespaces), so that a source and its target compare. */
function byHolder<T>(map: Map<string, T>, database: string): Record<string, T> {
  return Object.fromEntries([...map].map(([holder, value]) => [database && holder.startsWith(`${database}.`) ? holder.slice(database.length + 1) : holder, value]))
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'contract-engine-'))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe.each(members)('engine contract: %s', (_title, make) => {
  const member = make()
  const absent = member.absent()
  const contract = absent ? test.skip : test
  const named = (name: string): string => (absent ? `${name} (skipped: ${absent})` : name)

  let engine: Engine
  let restorer: Restorer
  let workDir: string
  let snapshot: Snapshot

  beforeAll(async () => {
    if (absent) return
    ;[engine, restorer] = await Promise.all([engines[member.type].load(), engines[member.type].restorer()])
    workDir = await mkdtemp(join(work, `${member.type}-`))
    await member.start()
    snapshot = await engine.snapshot({ database: member.source(), workDir, fileName: `source.${engine.fileExtension(ZSTD)}`, timeoutMs: TIMEOUT_MS, compression: ZSTD })
  }, 300_000)

  afterAll(async () => {
    if (!absent) await member.stop()
  })

  /** A copy of the dump, changed by `damage` (or not), beside it. */
  async function damaged(name: string, damage: (bytes: Buffer) => Buffer): Promise<string> {
    const file = join(workDir, `${name}.${engine.fileExtension(ZSTD)}`)
    await writeFile(file, damage(Buffer.from(await readFile(snapshot.file))))
    return file
  }

  const verify = (file: string): Promise<Record<string, unknown>> => engine.verify({ database: member.source(), file, workDir, timeoutMs: TIMEOUT_MS })

  contract(named('the dump is the file it reports (SHA-256 and size), private, above the engine\'s minimum, and read through as it was written'), async () => {
    const bytes = await readFile(snapshot.file)
    expect({ sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length }).toEqual({ sha256: snapshot.sha256, sizeBytes: snapshot.sizeBytes })
    expect((await stat(snapshot.file)).mode & 0o777).toBe(0o600)
    expect(snapshot.sizeBytes).toBeGreaterThan(engine.minimumSizeBytes)
    if (snapshot.readThrough) expect(snapshot.readThrough).not.toHaveProperty('error')
  })

  contract(named('verify reads the dump through with the engine\'s own tool'), async () => {
    const figures = await verify(snapshot.file)
    expect(Object.keys(figures).length).toBeGreaterThan(0)
  })

  contract(named('restore-check restores the dump into a scratch and finds its content equal'), async () => {
    expect(restorer.restoreCheck).toBeDefined()
    const figures = await restorer.restoreCheck?.({ database: member.source(), file: snapshot.file, workDir, timeoutMs: TIMEOUT_MS })
    expect(String(figures?.['restore check'])).toMatch(/\bequal\b/)
  })

  contract(named('restores into a fresh target whose content equals the source: the engine\'s digests of the target are the archive\'s, its counts the source\'s'), async () => {
    const source = await restorer.contents(member.source(), workDir, TIMEOUT_MS)
    expect(source.size).toBeGreaterThan(0)
    const target = await member.freshTarget()
    expect([...(await restorer.contents(target, workDir, TIMEOUT_MS)).values()].reduce((sum, count) => sum + count, 0)).toBe(0)

    const restored = await restorer.restore({ database: target, file: snapshot.file, workDir, timeoutMs: TIMEOUT_MS, mode: 'empty' })
    // MongoDB names a collection with its database (shop.customers restored as target_1.customers).
    const sourceHolders = byHolder(source, member.source().name)
    expect(byHolder(restored.archive, target.name)).toEqual(sourceHolders)
    expect(byHolder(await restorer.contents(target, workDir, TIMEOUT_MS), target.name)).toEqual(sourceHolders)
    expect(restored.content).toBeDefined()
    const content = restored.content as NonNullable<typeof restored.content>
    expect(Object.keys(byHolder(content.archive, target.name)).sort()).toEqual(Object.keys(sourceHolders).sort())
    expect(Object.fromEntries(await content.readTarget())).toEqual(Object.fromEntries(content.archive))

  })

  /**
   * The restore action refuses a target that is not empty from contents() before it restores
   * (src/actions/restore/restore-database.ts); RestoreMode's own word is that `empty` refuses one.
   */
  contract(
    named('restore-mode empty: a target that holds the backup already shows in contents(), and restore() itself refuses it, leaving it as it is'),
    async () => {
      const target = await member.freshTarget()
      // Each restore of its own copy: PostgreSQL's restore leaves <file>.archive, the dump decompressed, beside the file it was given.
      const first = await restorer.restore({ database: target, file: await damaged('empty-mode-1', (bytes) => bytes), workDir, timeoutMs: TIMEOUT_MS, mode: 'empty' })
      expect((await restorer.contents(target, workDir, TIMEOUT_MS)).size).toBeGreaterThan(0)
      const content = first.content as NonNullable<typeof first.content>
      // One object of the target changed: a restore that went through anyway would put it back.
      await member.alterTarget(target)
      const altered = Object.fromEntries(await content.readTarget())
      expect(altered).not.toEqual(Object.fromEntries(content.archive))
      await expect(restorer.restore({ database: target, file: await damaged('empty-mode-2', (bytes) => bytes), workDir, timeoutMs: TIMEOUT_MS, mode: 'empty' })).rejects.toThrow()
      expect(Object.fromEntries(await content.readTarget())).toEqual(altered)
    }
  )

  contract(named('a dump with one byte changed fails verification'), async () => {
    const file = await damaged('changed', (bytes) => {
      bytes[Math.floor(bytes.length / 2)] ^= 0x55
      return bytes
    })
    await expect(verify(file)).rejects.toThrow()
  })

  contract(named('a dump cut short fails verification'), async () => {
    const file = await damaged('cut', (bytes) => bytes.subarray(0, bytes.length - Math.max(16, Math.floor(bytes.length / 10))))
    await expect(verify(file)).rejects.toThrow()
  })
})
