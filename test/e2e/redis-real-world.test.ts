import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readJson, RESTORE_DIST, stepEnvironment, stepResult, type ActionRun } from '../support/action.js'
import { scratch, type AuditRecord } from '../support/e2e.js'
import { connectTo, debugDigest, seedEveryType } from '../support/redis-data.js'
import { startRedis, type RedisServer } from '../support/redis.js'
import { backup, expectRestored, expectRestoreFailed } from '../support/restore.js'
import { run } from '../support/run.js'

/**
 * Generated data of every Redis type (strings, hashes, lists, sets, sorted sets, a stream with
 * consumer groups, HyperLogLogs, TTLs, function libraries, several databases, db 20 of a server
 * with databases 32, and a 100 MB value) backed up with the bundle (restore-check: true), restored
 * with the restore bundle, and compared with Redis' own DEBUG DIGEST and FUNCTION LIST.
 */

const BIG_VALUE = 100 * 1024 * 1024
const LIBRARY = "#!lua name=shoplib\nredis.register_function('shop_total', function(keys) return redis.call('GET', keys[1]) end)"
/** The servers: debug commands on (DEBUG DIGEST), and more databases than the default 16. */
const CONFIG = ['enable-debug-command yes', 'databases 32']

let source: RedisServer
let counts: Map<string, number>

beforeAll(async () => {
  source = await startRedis({ config: CONFIG })
  counts = await seedEveryType(source, { bigValueBytes: BIG_VALUE })
  await source.cli('-n', '20', 'SET', 'in-db-20', 'twenty')
  counts.set('db20', 1)
  await source.cli('FUNCTION', 'LOAD', LIBRARY)
}, 300_000)

afterAll(async () => {
  await source?.stop()
})

function inputs(server: RedisServer, store: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'db-type': 'redis',
    'db-host': server.host,
    'db-port': String(server.port),
    'db-password': server.password,
    'backup-name': 'cache',
    notify: 'console,file',
    'storage-type': 'local',
    path: store,
    ...extra
  }
}

/** A preload that writes the process's peak RSS (VmHWM, this process alone, not its children) when it exits. */
async function peakRecorder(): Promise<{ env: Record<string, string>; peakMb: () => Promise<number> }> {
  const dir = await scratch('peak')
  const out = join(dir, 'vmhwm')
  const preload = join(dir, 'peak.cjs')
  await writeFile(
    preload,
    `process.on('exit', () => { const m = /VmHWM:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status', 'utf8')); require('fs').writeFileSync(${JSON.stringify(out)}, m ? m[1] : '0') })\n`
  )
  return { env: { NODE_OPTIONS: `--require ${preload}` }, peakMb: async () => Number(await readFile(out, 'utf8')) / 1024 }
}

async function restoreMeasured(target: RedisServer, store: string): Promise<{ run: ActionRun; record: AuditRecord; peakMb: number }> {
  const peak = await peakRecorder()
  const step = await stepEnvironment({ ...inputs(target, store), 'audit-dir': await scratch('audit') }, peak.env)
  const result = await stepResult(step, await run(process.execPath, [RESTORE_DIST], { env: step.env }))
  return { run: result, record: await readJson<AuditRecord>(result.outputs['audit-file']), peakMb: await peak.peakMb() }
}

const totalKeys = (): number => [...counts.values()].reduce((sum, count) => sum + count, 0)

describe('Redis real-world data: backup, restore-check, restore, compared with Redis\' own tools', () => {
  test('every type, TTLs, functions, db 20 and a 100 MB value round-trip equal, in bounded memory', async () => {
    const store = await scratch('store')
    const peak = await peakRecorder()
    const made = await backup(inputs(source, store, { 'restore-check': 'true' }), peak.env)
    const backupPeakMb = await peak.peakMb()
    const backupRecord = await readJson<AuditRecord>(made.outputs['audit-file'])
    expect(backupRecord.steps.find((step) => step.name === 'verify-integrity')?.figures['restore check']).toBe(
      `content digests: ${counts.size} databases, ${totalKeys()} keys, equal (the RDB loaded into a throwaway redis-server, every key read back on the server; 1 function library, code equal)`
    )

    const target = await startRedis({ config: CONFIG })
    try {
      const { run: restored, record, peakMb } = await restoreMeasured(target, store)
      expectRestored(restored, record)
      const figures = (name: string) => record.steps.find((step) => step.name === name)?.figures ?? {}
      expect(figures('check-restored').compared).toBe(`content digests: ${counts.size} databases, ${totalKeys()} keys, equal`)
      expect(figures('restore-database')).toMatchObject({
        functions: '1 library restored (shoplib; FUNCTION RESTORE APPEND), code compared, equal',
        TTLs: '4 keys with a TTL, each given its absolute expiry time of the backup (PEXPIRETIME, then PEXPIREAT on the target)'
      })
      // Redis' own digest of every database: keys, values, types and absolute expiry times.
      expect(await debugDigest(target)).toBe(await debugDigest(source))
      expect(await target.cli('FUNCTION', 'LIST', 'WITHCODE')).toBe(await source.cli('FUNCTION', 'LIST', 'WITHCODE'))
      expect(await target.cli('STRLEN', 'big:value')).toBe(`${BIG_VALUE}\n`)
      expect(await target.cli('XINFO', 'GROUPS', 'events')).toBe(await source.cli('XINFO', 'GROUPS', 'events'))
      expect(await target.cli('PFCOUNT', 'visitors')).toBe(await source.cli('PFCOUNT', 'visitors'))
      // The figures measured, for the report: the action's own process, not the redis-servers it starts.
      console.log(`peak RSS: backup with restore-check ${backupPeakMb.toFixed(0)} MB, restore ${peakMb.toFixed(0)} MB (a ${BIG_VALUE / 1024 / 1024} MB value)`)
      // Measured here: 117 MB (backup with restore-check) and 122 MB (restore), against 110 MB for a
      // restore of the same data without the value; the restore peaked at 145-150 MB before
      // util/spent-buffers.ts, while Node's spent stream chunks waited for a late collection.
      expect(backupPeakMb).toBeLessThanOrEqual(150)
      expect(peakMb).toBeLessThanOrEqual(150)
    } finally {
      await target.stop()
    }
  }, 600_000)
})

describe('Redis: a restore that changes one byte of one value, every count kept', () => {
  test('fails check-restored, naming the database and the key', async () => {
    const small = await startRedis()
    const target = await startRedis()
    try {
      await seedEveryType(small)
      const store = await scratch('store')
      await backup(inputs(small, store))
      // The hook: a writer on the target that changes one byte of text:42 as soon as the restore
      // has written it, as a restore that wrote a wrong byte would (same key, same length, same count).
      const writer = await connectTo(target)
      let changed = false
      let stop = false
      const tamper = (async () => {
        while (!stop && !changed) {
          if (Number(await writer.command('EXISTS', 'text:42')) === 1) {
            await writer.command('SETRANGE', 'text:42', '2', 'L')
            changed = true
          } else await new Promise((resolve) => setTimeout(resolve, 1))
        }
      })()
      const peak = await peakRecorder()
      const step = await stepEnvironment({ ...inputs(target, store), 'audit-dir': await scratch('audit') }, peak.env)
      const restored = await stepResult(step, await run(process.execPath, [RESTORE_DIST], { env: step.env }))
      stop = true
      await tamper
      writer.close()
      expect(changed).toBe(true)
      const record = await readJson<AuditRecord>(restored.outputs['audit-file'])
      expectRestoreFailed(restored, record, 'check-restored', /the target differs from the backup: db0: the keys differ in content \(first difference: key "text:42", changed\)/)
      expect(await target.cli('GET', 'text:42')).toMatch(/^vaLue 42/)
    } finally {
      await small.stop()
      await target.stop()
    }
  })
})
