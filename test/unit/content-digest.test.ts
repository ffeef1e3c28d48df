import { ContentDigest } from '../../src/util/content-digest.js'

function digestOf(items: string[]): string {
  const digest = new ContentDigest()
  for (const item of items) digest.add(Buffer.from(item))
  return digest.text()
}

describe('ContentDigest', () => {
  it('is the same for the same items in any order', () => {
    expect(digestOf(['1\ta', '2\tb', '3\tc'])).toBe(digestOf(['3\tc', '1\ta', '2\tb']))
  })

  it('changes with one changed byte, one item more, or one item fewer', () => {
    const base = digestOf(['1\ta', '2\tb'])
    expect(digestOf(['1\ta', '2\tc'])).not.toBe(base)
    expect(digestOf(['1\ta', '2\tb', '2\tb'])).not.toBe(base)
    expect(digestOf(['1\ta'])).not.toBe(base)
  })

  it('tells duplicates apart: two equal items do not cancel out', () => {
    expect(digestOf(['x', 'x'])).not.toBe(digestOf([]))
    expect(digestOf(['x', 'x'])).not.toBe(digestOf(['y', 'y']))
  })

  it('digests an item fed in parts as the same item fed whole', () => {
    const parts = new ContentDigest()
    parts.begin()
    for (const part of ['12', '\t', 'abc', '']) parts.update(Buffer.from(part))
    parts.end()
    parts.add(Buffer.from('other'))
    expect(parts.text()).toBe(digestOf(['other', '12\tabc']))
    expect(parts.count).toBe(2)
  })

  it('refuses a part outside an item', () => {
    expect(() => new ContentDigest().update(Buffer.from('x'))).toThrow(/begin first/)
    expect(() => new ContentDigest().end()).toThrow(/begin first/)
  })
})
