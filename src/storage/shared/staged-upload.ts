import { MiB, partsInFlight } from './parts.js'
import type { StagedUpload } from '../types.js'

/**
 * The parts of a streamed upload (staging stream): the dump's size is not known when the upload
 * starts, so parts start at a size chosen from the database's estimated size and double after
 * every tenth of the storage's part limit. Ten doublings from 8 MiB reach past S3's 5 TiB object
 * limit within its 10,000 parts, whatever the estimate said.
 */
export interface PartSizing {
  /** The first part's size. */
  initial: number
  /** Parts at one size before it doubles: a tenth of the storage's limit. */
  perTier: number
  /** The storage's largest part. */
  largest: number
}

export const STREAM_MIN_PART = 8 * MiB

/**
 * Parts for a dump of about `estimatedBytes` (twice that, so that a dump larger than its database
 * still fits the first tier), at least `minimum`, in whole MiB.
 */
export function streamPartSizing(estimatedBytes: number | undefined, maxParts: number, largest: number, minimum = STREAM_MIN_PART): PartSizing {
  const perTier = Math.floor(maxParts / 10)
  const wanted = estimatedBytes ? Math.ceil((2 * estimatedBytes) / perTier / MiB) * MiB : 0
  return { initial: Math.min(largest, Math.max(minimum, wanted)), perTier, largest }
}

export function partSizeAt(index: number, sizing: PartSizing): number {
  return Math.min(sizing.largest, sizing.initial * 2 ** Math.floor(index / sizing.perTier))
}

/**
 * Cuts the written bytes into parts and sends them, a few at a time: memory is the part being
 * filled plus the parts in flight (up to four, fewer once parts are large), whatever the dump's
 * size. A write waits while the parts in flight are at the limit; the first failed part fails
 * every write after it and flush().
 */
export class PartQueue {
  private part: Buffer | undefined
  private filled = 0
  private started = 0
  private readonly inFlight = new Set<Promise<void>>()
  private failure: { error: unknown } | undefined
  private held = 0
  private peak = 0

  constructor(
    private readonly sizing: PartSizing,
    private readonly send: (index: number, body: Buffer) => Promise<void>
  ) {}

  /** Parts sent or being sent. */
  get parts(): number {
    return this.started
  }

  /** The most bytes held in memory for parts at once. */
  get peakBytes(): number {
    return this.peak
  }

  get currentPartSize(): number {
    return partSizeAt(this.started, this.sizing)
  }

  async write(chunk: Buffer): Promise<void> {
    this.throwIfFailed()
    let offset = 0
    while (offset < chunk.length) {
      if (!this.part) {
        this.part = Buffer.allocUnsafe(this.currentPartSize)
        this.hold(this.part.length)
      }
      const copied = chunk.copy(this.part, this.filled, offset)
      this.filled += copied
      offset += copied
      if (this.filled === this.part.length) await this.dispatch()
    }
  }

  /** Sends the last part (the only one that may be short; an empty dump still sends one) and waits for every part. */
  async flush(): Promise<void> {
    this.throwIfFailed()
    if (this.filled > 0 || this.started === 0) await this.dispatch()
    await Promise.all(this.inFlight)
    this.throwIfFailed()
  }

  private async dispatch(): Promise<void> {
    const part = this.part ?? Buffer.alloc(0)
    const body = part.subarray(0, this.filled)
    this.part = undefined
    this.filled = 0
    while (this.inFlight.size >= partsInFlight(part.length || 1)) await Promise.race(this.inFlight)
    this.throwIfFailed()
    const index = this.started++
    const sending: Promise<void> = this.send(index, body).then(
      () => undefined,
      (error: unknown) => {
        this.failure ??= { error }
      }
    )
    const tracked = sending.finally(() => {
      this.inFlight.delete(tracked)
      this.held -= part.length
    })
    this.inFlight.add(tracked)
  }

  private hold(bytes: number): void {
    this.held += bytes
    this.peak = Math.max(this.peak, this.held)
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error
  }
}

/**
 * A staged upload's write, flush and figures over a PartQueue: a part that failed fails the
 * write or flush after it, with the upload's error (`failed`).
 */
export function queuedParts(queue: PartQueue, sizing: PartSizing, failed: (error: unknown) => Error): Pick<StagedUpload, 'write' | 'flush' | 'figures'> {
  return {
    write: async (chunk) => queue.write(chunk).catch((error: unknown) => Promise.reject(failed(error))),
    flush: async () => queue.flush().catch((error: unknown) => Promise.reject(failed(error))),
    figures: () => ({ parts: queue.parts, 'part size bytes': sizing.initial, 'peak part memory bytes': queue.peakBytes })
  }
}
