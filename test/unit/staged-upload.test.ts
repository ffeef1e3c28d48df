import { parseConfig } from '../../src/config/parse.js'
import { MiB } from '../../src/storage/shared/parts.js'
import { partSizeAt, PartQueue, streamPartSizing } from '../../src/storage/shared/staged-upload.js'
import { configIssues, rawInputs } from '../support/fixtures.js'

const GiB = 1024 * MiB
const S3_MAX_OBJECT = 5 * 1024 * GiB

/** Bytes the first `parts` parts hold. */
function capacity(sizing: ReturnType<typeof streamPartSizing>, parts: number): number {
  let total = 0
  for (let index = 0; index < parts; index++) total += partSizeAt(index, sizing)
  return total
}

describe('part sizes of a streamed upload', () => {
  test.each([undefined, 0, 1e6, 200e9, 5e12])('S3: 10,000 parts hold 5 TiB whatever the estimate (%p bytes)', (estimate) => {
    const sizing = streamPartSizing(estimate, 10_000, 5 * GiB)
    expect(capacity(sizing, 10_000)).toBeGreaterThanOrEqual(S3_MAX_OBJECT)
    expect(sizing.initial).toBeGreaterThanOrEqual(8 * MiB)
    expect(sizing.initial % MiB).toBe(0)
  })

  test('the first tier holds twice the estimate: a database of 1 TB never needs the part size to double', () => {
    const sizing = streamPartSizing(1e12, 10_000, 5 * GiB)
    expect(capacity(sizing, 1000)).toBeGreaterThanOrEqual(2e12)
    expect(partSizeAt(999, sizing)).toBe(sizing.initial)
  })

  test('a small database keeps the smallest parts (memory stays at a few tens of MiB)', () => {
    expect(streamPartSizing(50e6, 10_000, 5 * GiB).initial).toBe(8 * MiB)
  })
})

describe('PartQueue', () => {
  const sizing = { initial: 1 * MiB, perTier: 3, largest: 3 * MiB }

  test('cuts odd-sized writes into parts in order, sizes growing per tier, the bytes unchanged; memory stays at the parts in flight', async () => {
    const sent: Buffer[] = []
    let inFlight = 0
    let mostInFlight = 0
    const queue = new PartQueue(sizing, async (index, body) => {
      inFlight++
      mostInFlight = Math.max(mostInFlight, inFlight)
      await new Promise((resolve) => setTimeout(resolve, 2))
      sent[index] = Buffer.from(body)
      inFlight--
    })
    const input = Buffer.alloc(20 * MiB + 12345)
    for (let i = 0; i < input.length; i++) input[i] = (i * 7919) % 251
    for (let offset = 0; offset < input.length; offset += 65_537) await queue.write(input.subarray(offset, offset + 65_537))
    await queue.flush()
    expect(Buffer.concat(sent).equals(input)).toBe(true)
    expect(sent.slice(0, 3).map((part) => part.length)).toEqual([MiB, MiB, MiB])
    expect(sent.slice(3, 6).map((part) => part.length)).toEqual([2 * MiB, 2 * MiB, 2 * MiB])
    expect(sent[6].length).toBe(3 * MiB)
    expect(queue.parts).toBe(sent.length)
    expect(mostInFlight).toBeLessThanOrEqual(4)
    // Four parts in flight and one being filled, at the largest size.
    expect(queue.peakBytes).toBeLessThanOrEqual(5 * 3 * MiB)
  })

  test('an empty stream still sends one (empty) part: the storage gets a complete, empty object', async () => {
    const sent: number[] = []
    const queue = new PartQueue(sizing, async (_index, body) => {
      sent.push(body.length)
    })
    await queue.flush()
    expect(sent).toEqual([0])
  })

  test('a failed part fails the writes after it and the flush, with its error', async () => {
    const queue = new PartQueue(sizing, async (index) => {
      if (index === 1) throw new Error('connection reset')
    })
    await expect(
      (async () => {
        for (let i = 0; i < 40; i++) await queue.write(Buffer.alloc(256 * 1024))
      })()
    ).rejects.toThrow('connection reset')
    await expect(queue.flush()).rejects.toThrow('connection reset')
  })
})

describe('the staging input', () => {
  const raw = (overrides: Record<string, string>) => rawInputs({ 'db-type': 'postgresql', 'db-name': 'shop', 'storage-type': 's3', bucket: 'nightly-backups', ...overrides })

  test.each([
    ['', 'auto'],
    ['auto', 'auto'],
    ['disk', 'disk'],
    [' Stream ', 'stream']
  ])('%j is %s', (value, expected) => {
    expect(parseConfig(raw({ staging: value })).staging).toBe(expected)
  })

  test('anything else fails validate-config naming the input', () => {
    expect(configIssues(raw({ staging: 'memory' })).map((issue) => issue.input)).toEqual(['staging'])
  })

  test('stream with restore-check, which restores from the file on disk, is refused in one line', () => {
    const issues = configIssues(raw({ staging: 'stream', 'restore-check': 'true' }))
    expect(issues).toEqual([{ input: 'staging', message: expect.stringMatching(/cannot be combined with restore-check/) }])
  })
})
