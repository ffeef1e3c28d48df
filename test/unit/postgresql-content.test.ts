import { CopyRowCounter, decodeName } from '../../src/engines/postgresql/content.js'
import { textDiffers } from '../../src/engines/postgresql/target-content.js'
import { qualifiedParts } from '../../src/engines/postgresql/row-finder.js'
import { ContentDigest } from '../../src/util/content-digest.js'

/** The digests and settings CopyRowCounter reads from `script` fed in pieces of `size` bytes. */
function read(script: Buffer, size: number): { digests: Record<string, string>; encoding: string; major: number | undefined } {
  const counter = new CopyRowCounter()
  for (let at = 0; at < script.length; at += size) counter.push(script.subarray(at, at + size))
  return { digests: Object.fromEntries(counter.digests()), encoding: counter.encoding, major: counter.dumpedFromMajor }
}

function digestOf(rows: string[]): string {
  const digest = new ContentDigest()
  for (const row of rows) digest.add(Buffer.from(row))
  return digest.text()
}

const script = (rows: string[]): Buffer =>
  Buffer.from(
    [
      '--',
      '-- PostgreSQL database dump',
      '--',
      '',
      '-- Dumped from database version 15.8 (Debian 15.8-1.pgdg120+1)',
      '-- Dumped by pg_dump version 15.8',
      '',
      "SET client_encoding = 'UTF8';",
      'COPY public.orders (id, note) FROM stdin;',
      ...rows,
      '\\.',
      'COPY public.z  FROM stdin;',
      '',
      '',
      '\\.',
      ''
    ].join('\n')
  )

describe('CopyRowCounter digests', () => {
  const rows = ['1\tplain', '2\t\\.', '3\t\\\\', '\\', `4\t${'x'.repeat(100_000)}`]

  test.each([1, 2, 3, 7, 4096, 1 << 20])('each table digest is of its rows as COPY wrote them, wherever a chunk ends (chunks of %i bytes)', (size) => {
    const { digests, major } = read(script(rows), size)
    expect(digests).toEqual({ 'public.orders': digestOf(rows), 'public.z': digestOf(['', '']) })
    expect(major).toBe(15)
  })

  test('rows in another order have the same digest; one changed byte of one row does not', () => {
    const reference = read(script(rows), 4096).digests['public.orders']
    expect(read(script([...rows].reverse()), 5).digests['public.orders']).toBe(reference)
    const changed = [...rows]
    changed[4] = `4\t${'x'.repeat(50_000)}y${'x'.repeat(49_999)}`
    expect(read(script(changed), 4096).digests['public.orders']).not.toBe(reference)
    expect(read(script(changed), 4096).digests['public.orders']).toBe(digestOf(changed))
  })

  test("a LATIN1 script's names are read in LATIN1", () => {
    const latin1 = Buffer.from("SET client_encoding = 'LATIN1';\nCOPY public.\"größe\" (v) FROM stdin;\nü\n\\.\n", 'latin1')
    const { digests, encoding } = read(latin1, 3)
    expect(encoding).toBe('LATIN1')
    expect(Object.keys(digests)).toEqual(['public."größe"'])
  })
})

describe('PostgreSQL names and versions', () => {
  test('decodeName reads every encoding PostgreSQL names, and UTF-8 where it does not know one', () => {
    expect(decodeName(Buffer.from('größe', 'latin1'), 'LATIN1')).toBe('größe')
    expect(decodeName(Buffer.from([0xc0, 0xe1]), 'WIN1251')).toBe('Аб')
    expect(decodeName(Buffer.from('größe'), 'UTF8')).toBe('größe')
    expect(decodeName(Buffer.from('größe'), 'SQL_ASCII')).toBe('größe')
  })

  test('qualifiedParts splits a name as pg_dump writes it', () => {
    expect(qualifiedParts('public.orders')).toEqual(['public', 'orders'])
    expect(qualifiedParts('"Odd ""S"".x"."T q"')).toEqual(['Odd "S".x', 'T q'])
  })

  test('float text differs only across 12', () => {
    expect(textDiffers(15, 17)).toBeUndefined()
    expect(textDiffers(11, 11)).toBeUndefined()
    expect(textDiffers(undefined, 9.6)).toBeUndefined()
    expect(textDiffers(11, 15)).toMatch(/dumped from PostgreSQL 11 and the target is 15: float values/)
  })
})
