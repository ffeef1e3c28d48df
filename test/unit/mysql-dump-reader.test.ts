import { SqlRowCounter } from '../../src/engines/mysql-dump-reader.js'
import { serverLine, withoutDumpContent } from '../../src/engines/mysql-restore.js'
import { ContentDigest } from '../../src/util/content-digest.js'

function read(script: Buffer, size: number): SqlRowCounter {
  const counter = new SqlRowCounter()
  for (let at = 0; at < script.length; at += size) counter.push(script.subarray(at, at + size))
  counter.finish()
  return counter
}

function digestOf(tuples: string[]): string {
  const digest = new ContentDigest()
  for (const tuple of tuples) digest.add(Buffer.from(tuple))
  return digest.text()
}

const tuples = ["(1,'a (b) c')", "(2,'it\\'s; (not) a row')", '(3,NULL)', "(4,'\\\\')", '(5,\'"\')', '(6,0xABCDEF)']
const script = (rows: string[]): Buffer =>
  Buffer.from(
    [
      '-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)',
      '-- Server version\t10.11.6-MariaDB-0+deb12u1',
      'CREATE TABLE `empty` (',
      '  `id` int',
      ') ENGINE=InnoDB;',
      `INSERT INTO \`we\`\`ird\` VALUES ${rows.slice(0, 3).join(',')};`,
      'INSERT INTO `we``ird` (`id`, `v`) VALUES',
      `${rows.slice(3).join(',\n')};`,
      '-- Dump completed on 2026-12-07'
    ].join('\n') + '\n'
  )

describe('SqlRowCounter', () => {
  test.each([1, 2, 7, 64, 4096])('counts and digests each tuple as the tool wrote it, wherever a chunk ends (chunks of %i bytes)', (size) => {
    const counter = read(script(tuples), size)
    expect(Object.fromEntries(counter.rows)).toEqual({ empty: 0, 'we`ird': 6 })
    expect(Object.fromEntries(counter.digests())).toEqual({ empty: digestOf([]), 'we`ird': digestOf(tuples) })
    expect(counter.serverVersion).toBe('10.11.6-MariaDB-0+deb12u1')
  })

  test('tuples in another order have the same digest; one changed byte does not', () => {
    const reference = read(script(tuples), 4096).digests().get('we`ird')
    expect(read(script([...tuples].reverse()), 3).digests().get('we`ird')).toBe(reference)
    expect(read(script(tuples.map((tuple) => tuple.replace('a (b)', 'a (c)'))), 4096).digests().get('we`ird')).not.toBe(reference)
  })

  test('a 50 MB row is counted and digested in linear time, its longest statement measured, nothing of it kept', () => {
    const value = Buffer.alloc(50 * 1024 * 1024, 'ab')
    const huge = Buffer.concat([Buffer.from('INSERT INTO `blobs` VALUES (1,0x'), value, Buffer.from(');\nINSERT INTO `after` VALUES (1),(2);\n')])
    const started = Date.now()
    const counter = read(huge, 65_536)
    expect(Object.fromEntries(counter.rows)).toEqual({ blobs: 1, after: 2 })
    expect(counter.digests().get('blobs')).toBe(digestOf([`(1,0x${value.toString('latin1')})`]))
    expect(counter.longestStatement).toBe(value.length + 'INSERT INTO `blobs` VALUES (1,0x);'.length)
    // Not a speed goal (npm run bench measures those): a quadratic reader takes minutes here.
    expect(Date.now() - started).toBeLessThan(30_000)
  })
})

describe('MariaDB error output', () => {
  test('the statement and the values the server quotes are not shown', () => {
    const hex = `0x${'41'.repeat(8000)}`
    const stderr =
      `ERROR 1064 (42000) at line 55: You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near '${hex}' at line 1\n` +
      "ERROR 1062 (23000) at line 60: Duplicate entry 'alice@example.test' for key 'email'\n" +
      `ERROR 1366 (22007) at line 61: Incorrect string value: '${'\\xF0'.repeat(40)}' for column \`shop\`.\`t\`.\`v\` at row 1`
    const shown = withoutDumpContent(`--------------\nINSERT INTO \`t\` VALUES (1,${hex})\n--------------\n\n${stderr}`)
    expect(shown).not.toContain('4141')
    expect(shown).not.toContain('alice@example.test')
    expect(shown).not.toContain('\\xF0\\xF0')
    expect(shown).toContain('near (the statement, not shown) at line 1')
    expect(shown).toContain("Duplicate entry (the value, not shown) for key 'email'")
    expect(shown.length).toBeLessThan(600)
  })

  test('serverLine: family and major, the text a value is written in', () => {
    expect(serverLine('10.11.6-MariaDB-0+deb12u1')).toBe('MariaDB 10.11')
    expect(serverLine('8.0.36')).toBe('MySQL 8.0')
    expect(serverLine(undefined)).toBeUndefined()
  })
})
