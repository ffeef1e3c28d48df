/**
 * CRC-64 in its reflected (least significant bit first) form, on two 32-bit halves so that it
 * runs on plain numbers. Redis seals an RDB file with the Jones polynomial; mongodump seals each
 * collection of an archive with Go's hash/crc64 ECMA table.
 */

/** Eight tables of 256 entries each (slicing-by-8: eight bytes per step), as low and high 32-bit halves. */
type Table = { lo: Uint32Array; hi: Uint32Array }

function makeTable(reflectedPolynomial: bigint): Table {
  const polyLo = Number(reflectedPolynomial & 0xffffffffn)
  const polyHi = Number(reflectedPolynomial >> 32n)
  const lo = new Uint32Array(8 * 256)
  const hi = new Uint32Array(8 * 256)
  for (let i = 0; i < 256; i++) {
    let crcLo = i
    let crcHi = 0
    for (let bit = 0; bit < 8; bit++) {
      const carry = crcLo & 1
      crcLo = ((crcLo >>> 1) | ((crcHi & 1) << 31)) >>> 0
      crcHi = crcHi >>> 1
      if (carry) {
        crcLo = (crcLo ^ polyLo) >>> 0
        crcHi = (crcHi ^ polyHi) >>> 0
      }
    }
    lo[i] = crcLo
    hi[i] = crcHi
  }
  // Table k gives the effect of a byte followed by k zero bytes.
  for (let k = 1; k < 8; k++) {
    for (let i = 0; i < 256; i++) {
      const prevLo = lo[(k - 1) * 256 + i]
      const prevHi = hi[(k - 1) * 256 + i]
      const index = prevLo & 0xff
      lo[k * 256 + i] = (((prevLo >>> 8) | (prevHi << 24)) ^ lo[index]) >>> 0
      hi[k * 256 + i] = ((prevHi >>> 8) ^ hi[index]) >>> 0
    }
  }
  return { lo, hi }
}

export class Crc64 {
  private lo: number
  private hi: number

  constructor(
    private readonly table: Table,
    init: bigint,
    private readonly xorOut: bigint
  ) {
    this.lo = Number(init & 0xffffffffn)
    this.hi = Number(init >> 32n)
  }

  update(data: Uint8Array): this {
    const tLo = this.table.lo
    const tHi = this.table.hi
    let lo = this.lo
    let hi = this.hi
    let i = 0
    for (const whole = data.length - (data.length % 8); i < whole; i += 8) {
      const xLo = lo ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24))
      const xHi = hi ^ (data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24))
      const b0 = 7 * 256 + (xLo & 0xff)
      const b1 = 6 * 256 + ((xLo >>> 8) & 0xff)
      const b2 = 5 * 256 + ((xLo >>> 16) & 0xff)
      const b3 = 4 * 256 + (xLo >>> 24)
      const b4 = 3 * 256 + (xHi & 0xff)
      const b5 = 2 * 256 + ((xHi >>> 8) & 0xff)
      const b6 = 256 + ((xHi >>> 16) & 0xff)
      const b7 = xHi >>> 24
      lo = (tLo[b0] ^ tLo[b1] ^ tLo[b2] ^ tLo[b3] ^ tLo[b4] ^ tLo[b5] ^ tLo[b6] ^ tLo[b7]) >>> 0
      hi = (tHi[b0] ^ tHi[b1] ^ tHi[b2] ^ tHi[b3] ^ tHi[b4] ^ tHi[b5] ^ tHi[b6] ^ tHi[b7]) >>> 0
    }
    for (; i < data.length; i++) {
      const index = (lo ^ data[i]) & 0xff
      lo = (tLo[index] ^ ((lo >>> 8) | (hi << 24))) >>> 0
      hi = (tHi[index] ^ (hi >>> 8)) >>> 0
    }
    this.lo = lo
    this.hi = hi
    return this
  }

  /** The checksum as an unsigned 64-bit value. */
  digest(): bigint {
    return ((BigInt(this.hi) << 32n) | BigInt(this.lo)) ^ this.xorOut
  }
}

const ALL_ONES = 0xffffffffffffffffn
// Jones polynomial 0xad93d23594c935a9, bit-reversed; Redis starts from 0 and does not invert.
const redisTable = makeTable(0x95ac9329ac4bc9b5n)
// Go's crc64.ECMA constant is already the reversed form; Go inverts before and after (CRC-64/XZ).
const goEcmaTable = makeTable(0xc96c5795d7870f42n)

/** The checksum Redis stores in the last 8 bytes of an RDB file (little-endian). */
export function redisCrc64(): Crc64 {
  return new Crc64(redisTable, 0n, 0n)
}

/** Go's crc64.New(crc64.MakeTable(crc64.ECMA)), as mongodump uses for each collection of an archive. */
export function goEcmaCrc64(): Crc64 {
  return new Crc64(goEcmaTable, ALL_ONES, ALL_ONES)
}
