import { createHash, hash, type Hash } from 'node:crypto'

/** Bytes of the digest's text form: 16 hex of the count, then the sum's 64. */
const LANES = 8

/**
 * An order-independent digest of a multiset of items (a table's rows, a collection's documents,
 * a database's keys): the lane-wise sum, modulo 2^32 a lane, of each item's SHA-256, with the
 * number of items. Two sides that hold the same items in any order have the same digest; one
 * changed byte of one item changes it. It detects corruption, not forgery (signing does that):
 * an item can be fed whole (`add`) or in parts (`begin`, `update`, `end`), so an item of any size
 * is digested in bounded memory and in time linear in its length.
 */
export class ContentDigest {
  private readonly sum = new Uint32Array(LANES)
  private items = 0
  private partial: Hash | undefined

  get count(): number {
    return this.items
  }

  /** One whole item. */
  add(item: Uint8Array): void {
    this.fold(hash('sha256', item, 'buffer'))
  }

  /** Starts an item that comes in parts. */
  begin(): void {
    this.partial = createHash('sha256')
  }

  update(part: Uint8Array): void {
    if (!this.partial) throw new Error('ContentDigest.update outside an item: call begin first')
    this.partial.update(part)
  }

  end(): void {
    if (!this.partial) throw new Error('ContentDigest.end outside an item: call begin first')
    this.fold(this.partial.digest())
    this.partial = undefined
  }

  /** `<items>:<sum>`, equal for equal multisets. */
  text(): string {
    return `${this.items}:${Buffer.from(this.sum.buffer).toString('hex')}`
  }

  private fold(itemHash: Buffer): void {
    for (let lane = 0; lane < LANES; lane++) this.sum[lane] = (this.sum[lane] + itemHash.readUInt32BE(lane * 4)) >>> 0
    this.items++
  }
}
