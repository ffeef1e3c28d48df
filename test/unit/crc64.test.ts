import { goEcmaCrc64, redisCrc64 } from '../../src/util/crc64.js'

const CHECK_INPUT = Buffer.from('123456789')

/** Bit by bit, straight from the definition of a reflected CRC: slow, and independent of the tables. */
function reference(reflectedPolynomial: bigint, init: bigint, xorOut: bigint, data: Uint8Array): bigint {
  let crc = init
  for (const byte of data) {
    crc ^= BigInt(byte)
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ reflectedPolynomial : crc >> 1n
  }
  return crc ^ xorOut
}

describe('CRC-64', () => {
  test('Redis (Jones polynomial) gives the check value of Redis crc64.c', () => {
    expect(redisCrc64().update(CHECK_INPUT).digest()).toBe(0xe9c6d914c4b8d9can)
  })

  test("Go's ECMA table, as mongodump uses it, gives the CRC-64/XZ check value", () => {
    expect(goEcmaCrc64().update(CHECK_INPUT).digest()).toBe(0x995dc9bbdf1939fan)
  })

  test('agrees with the bit-by-bit definition for every length around the 8-byte steps', () => {
    const data = Buffer.from(Array.from({ length: 70 }, (_, i) => (i * 151 + 89) & 0xff))
    for (let length = 0; length <= data.length; length++) {
      const part = data.subarray(0, length)
      expect(redisCrc64().update(part).digest()).toBe(reference(0x95ac9329ac4bc9b5n, 0n, 0n, part))
      expect(goEcmaCrc64().update(part).digest()).toBe(reference(0xc96c5795d7870f42n, 0xffffffffffffffffn, 0xffffffffffffffffn, part))
    }
  })

  test('feeding the input in pieces gives the same checksum as feeding it whole', () => {
    const data = Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 31 + 7) & 0xff))
    const whole = goEcmaCrc64().update(data).digest()
    const pieces = goEcmaCrc64()
    for (let at = 0; at < data.length; at += 997) pieces.update(data.subarray(at, at + 997))
    expect(pieces.digest()).toBe(whole)
    expect(redisCrc64().update(Buffer.alloc(0)).digest()).toBe(0n)
    expect(goEcmaCrc64().update(Buffer.alloc(0)).digest()).toBe(0n)
  })
})
