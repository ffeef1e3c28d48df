import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/parse.js'
import { NO_KEEP } from '../../src/config/retention.js'
import { cleanupOldBackups, countLimitWarning } from '../../src/actions/backup/cleanup-old-backups.js'
import { backupFileName } from '../../src/config/backup-keys.js'
import { LocalStorage } from '../../src/storage/local/storage.js'
import { rawInputs } from '../support/fixtures.js'

const DAY = 86_400_000

let directory: string

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'retention-warning-'))
})

afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

/** A nightly backup `days` old, in the directory, written when its key says. */
async function nightly(now: Date, days: number, unique: string): Promise<string> {
  const time = new Date(now.getTime() - days * DAY)
  const key = backupFileName('shop', 'dump', time, unique)
  await writeFile(join(directory, key), 'PGDMP backup')
  await utimes(join(directory, key), time, time)
  return key
}

describe('max-backups deleting backups younger than retention-days', () => {
  test('the issue\'s run: retention-days 90, 15 older nightlies, max-backups at its default: 6 deleted, and the run says why', async () => {
    const now = new Date()
    for (let day = 1; day <= 15; day++) await nightly(now, day, day.toString(16).padStart(8, '0'))
    const made = await nightly(now, 0, 'ffffffff')
    const config = parseConfig(rawInputs({ 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 'local', path: directory, 'retention-days': '90' }))
    const backend = new LocalStorage(config.storage)
    const backup = { uri: backend.uri(made), key: made, sha256: '', sizeBytes: 12, etag: '', versionId: '', throughputBytesPerSecond: 0 }

    const logged: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string | Uint8Array) => logged.push(String(chunk)) > 0) as typeof process.stdout.write
    let outcome: Awaited<ReturnType<typeof cleanupOldBackups>>
    try {
      outcome = await cleanupOldBackups(config, { backend, backup }, new Date(now.getTime() - 60_000), new Date(now.getTime() + 60 * 60_000))
    } finally {
      process.stdout.write = write
    }

    expect(outcome.value.deletedCount).toBe(6)
    expect(await readdir(directory)).toHaveLength(10)
    expect(outcome.warnings).toEqual([
      expect.stringMatching(/^max-backups 10 deleted 6 backup\(s\) younger than retention-days 90 \(the newest of them 10 day\(s\) old\): the count limit applies whatever the age, so only the newest 10 are kept/)
    ])
    // In the log as a warning annotation too, not only in the summary.
    expect(logged.join('')).toMatch(/^::warning title=Backup retention::max-backups 10 deleted 6 backup\(s\) younger than retention-days 90/m)
  })

  test('backups deleted for their age, or with retention-days 0, say nothing', () => {
    const now = new Date()
    const old = { key: 'k', sizeBytes: 1, time: new Date(now.getTime() - 40 * DAY), timeFrom: 'key' as const, reason: 'older than 30 days' }
    expect(countLimitWarning([old], { days: 30, maxBackups: 10, limits: true, keep: NO_KEEP }, now)).toBeUndefined()
    const young = { ...old, time: new Date(now.getTime() - 5 * DAY), reason: 'beyond the newest 3' }
    expect(countLimitWarning([young], { days: 0, maxBackups: 3, limits: true, keep: NO_KEEP }, now)).toBeUndefined()
    expect(countLimitWarning([young], { days: 30, maxBackups: 3, limits: true, keep: NO_KEEP }, now)).toMatch(/^max-backups 3 deleted 1 backup\(s\) younger than retention-days 30/)
    expect(countLimitWarning([young], { days: 30, maxBackups: 3, limits: true, keep: { ...NO_KEEP, monthly: 6 } }, now)).toMatch(/only the newest 3 \(and those a keep-\* rule keeps\) are kept/)
  })
})
