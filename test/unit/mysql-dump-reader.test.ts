import { describeLoadFailure, SqlRowCounter, type TableLines } from '../../src/engines/mysql/dump-reader.js'
import { withoutDumpContent } from '../../src/engines/mysql/client-session.js'
import { serverLine } from '../../src/engines/mysql/restore.js'
import { tupleKeyReader, type TupleKey } from '../../src/engines/mysql/row-finder.js'
import { KEY_BYTES } from '../../src/engines/shared/row-finder.js'
import { ContentDigest } from '../../src/util/content-digest.js'

function read(script: Buffer, size: number, counter = new SqlRowCounter()): SqlRowCounter {
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

  test('an echoed statement whose start the kept tail of the output lost is cut too, and the error after it is kept', () => {
    // What the last 16 KB of the client's output are after a failed INSERT of a megabyte: the echo's last rows, its closing dashes, the error.
    const tail = "(2046,'tag2046','x'),\n(2047,'tag2047','y')\n--------------\n\nERROR 1062 (23000) at line 1115: Duplicate entry '5' for key 'PRIMARY'"
    expect(withoutDumpContent(tail)).toBe("(the failed statement, not shown)\n\nERROR 1062 (23000) at line 1115: Duplicate entry (the value, not shown) for key 'PRIMARY'")
  })

  test('serverLine: family and major, the text a value is written in', () => {
    expect(serverLine('10.11.6-MariaDB-0+deb12u1')).toBe('MariaDB 10.11')
    expect(serverLine('8.0.36')).toBe('MySQL 8.0')
    expect(serverLine(undefined)).toBeUndefined()
  })
})

/** A dump in the tools' layout: each table dropped, created over several lines, its rows in INSERTs of one row a line; a trigger after one. */
function layoutDump(tables: Array<{ name: string; inserts: number; engine?: string }>): string {
  const lines = ['/*M!999999\\- enable the sandbox mode */ ', '-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB', '/*!40101 SET NAMES utf8mb4 */;']
  for (const { name, inserts, engine = 'InnoDB' } of tables) {
    lines.push('--', `-- Table structure for table \`${name}\``, '--', '', `DROP TABLE IF EXISTS \`${name}\`;`, '/*!40101 SET character_set_client = utf8mb4 */;')
    lines.push(`CREATE TABLE \`${name}\` (`, '  `id` int(11) NOT NULL,', '  `v` text DEFAULT NULL,', '  PRIMARY KEY (`id`)', `) ENGINE=${engine} DEFAULT CHARSET=utf8mb4;`)
    lines.push(`LOCK TABLES \`${name}\` WRITE;`, `/*!40000 ALTER TABLE \`${name}\` DISABLE KEYS */;`)
    for (let i = 0; i < inserts; i++) lines.push(`INSERT INTO \`${name}\` VALUES`, `(${2 * i},'a;\\nb'),`, `(${2 * i + 1},'(c)');`)
    lines.push(`/*!40000 ALTER TABLE \`${name}\` ENABLE KEYS */;`, 'UNLOCK TABLES;', `/*!50003 CREATE*/ /*!50003 TRIGGER \`${name}_t\` AFTER INSERT ON \`${name}\` FOR EACH ROW SET @x = 1 */;`)
  }
  lines.push('/*!50001 VIEW `v` AS select 1 AS `one` */;', '-- Dump completed on 2026-12-07')
  return lines.join('\n') + '\n'
}

/** The line (from 1) of the `occurrence`th line (from 0) that starts with `start`. */
function lineStarting(text: string, start: string, occurrence = 0): number {
  const numbers = text.split('\n').flatMap((line, index) => (line.startsWith(start) ? [index + 1] : []))
  expect(numbers.length).toBeGreaterThan(occurrence)
  return numbers[occurrence]
}

describe('where each table\'s statements are in the dump', () => {
  const tables = [
    { name: 'a', inserts: 1 },
    { name: 'b', inserts: 3 },
    { name: 'c', inserts: 0 },
    { name: 'my', inserts: 2, engine: 'MyISAM' },
    ...['d', 'e', 'f', 'g', 'h', 'i'].map((name) => ({ name, inserts: 1 }))
  ]
  const text = layoutDump(tables)
  const expected = (name: string, inserts: number): TableLines => {
    const insert = `INSERT INTO \`${name}\``
    return {
      drop: lineStarting(text, `DROP TABLE IF EXISTS \`${name}\``),
      createStart: lineStarting(text, `CREATE TABLE \`${name}\``),
      createEnd: lineStarting(text, `CREATE TABLE \`${name}\``) + 4,
      engine: name === 'my' ? 'MyISAM' : 'InnoDB',
      ...(inserts > 0
        ? { firstInsert: lineStarting(text, insert), firstInsertEnd: lineStarting(text, insert) + 2, lastInsertEnd: lineStarting(text, insert, inserts - 1) + 2 }
        : {})
    }
  }

  test.each([1, 2, 7, 64, 4096])('lines of DROP, CREATE and INSERT, counted by newlines wherever a chunk ends (chunks of %i bytes)', (size) => {
    const counter = read(Buffer.from(text), size)
    for (const { name, inserts } of tables) expect(counter.lines.get(name)).toEqual(expected(name, inserts))
    expect([...counter.rows.keys()]).toEqual(tables.map(({ name }) => name))
  })

  const dump = read(Buffer.from(text), 4096)
  const failure = (line: number): string | undefined => describeLoadFailure(dump, `--------------\nINSERT ...\n--------------\n\nERROR 1062 (23000) at line ${line}: Duplicate entry`)
  const b = expected('b', 3)
  const all = "what the target holds of the dump's 10 tables: "
  const untouchedAfterB = 'not reached, as they were before the restore: 8 tables (c, my, d, e, f, and 3 more)'

  test.each<[string, number, string]>([
    ['its second INSERT', lineStarting(text, 'INSERT INTO `b`', 1), 'b was being loaded at line L: recreated, and partially loaded: it holds the rows of its INSERTs before line L, not the rest of its 6 rows'],
    ['its last INSERT, on its last line', (b.lastInsertEnd as number), 'b was being loaded at line L: recreated, and partially loaded: it holds the rows of its INSERTs before line L, not the rest of its 6 rows'],
    ['its first INSERT', b.firstInsert as number, 'b was being loaded at line L: recreated, and left empty: its first INSERT failed, none of its 6 rows are loaded'],
    ['its LOCK TABLES, before its rows', (b.createEnd as number) + 1, 'b was being loaded at line L: recreated, and left empty: it failed before its rows (none of its 6 loaded)'],
    ['its CREATE TABLE', b.createStart as number, 'b was being loaded at line L: dropped, and missing: its CREATE TABLE failed'],
    ['a line between its DROP and its CREATE', (b.drop as number) + 1, 'b was being loaded at line L: dropped, and not recreated'],
    ['its DROP TABLE', b.drop as number, 'b is as it was: its DROP TABLE, at line L, failed']
  ])('a failure at %s names the tables before b restored, b\'s state, and the tables after it not reached', (_, line, state) => {
    expect(failure(line)).toBe(`${all}restored in full (dropped, recreated and loaded): 1 table (a); ${state.replace(/\bL\b/g, String(line))}; ${untouchedAfterB}`)
  })

  test('a table of an engine that does not undo a failed statement may hold some rows of it; a table without rows is restored once its CREATE is', () => {
    const line = lineStarting(text, 'INSERT INTO `my`', 1)
    expect(failure(line)).toBe(
      `${all}restored in full (dropped, recreated and loaded): 3 tables (a, b, c); my was being loaded at line ${line}: recreated, and partially loaded: it holds the rows of its INSERTs before line ${line}` +
        " (and perhaps some of the failed INSERT's: MyISAM does not undo a failed statement), not the rest of its 4 rows; not reached, as they were before the restore: 6 tables (d, e, f, g, h, and 1 more)"
    )
  })

  test('a failure outside the tables\' statements: before the first, at a trigger, after the last', () => {
    const outside = "is none of a table's DROP, CREATE or INSERT (it is a setting, a trigger, a view, a routine or an event)"
    expect(failure(3)).toBe(`${all}the statement that failed at line 3, before the first table, ${outside}; not reached, as they were before the restore: 10 tables (a, b, c, my, d, and 5 more)`)
    const trigger = lineStarting(text, '/*!50003 CREATE*/ /*!50003 TRIGGER `a_t`')
    expect(failure(trigger)).toBe(
      `${all}restored in full (dropped, recreated and loaded): 1 table (a); the statement that failed at line ${trigger}, after the rows of a, ${outside}; not reached, as they were before the restore: 9 tables (b, c, my, d, e, and 4 more)`
    )
    const view = lineStarting(text, '/*!50001 VIEW')
    expect(failure(view)).toBe(`${all}restored in full (dropped, recreated and loaded): 10 tables (a, b, c, my, d, and 5 more); the statement that failed at line ${view}, after the rows of i, ${outside}`)
  })

  test('no line in the error output (the client could not connect, or was stopped): nothing is said', () => {
    expect(describeLoadFailure(dump, "ERROR 2002 (HY000): Can't connect to server on '127.0.0.1' (115)")).toBeUndefined()
  })
})

/** Each row's key as tupleKeyReader reads it from the dump's tuples of `table`. */
function keysOf(script: string, size: number, table: string, key: TupleKey): Array<string | undefined> {
  const keys: Array<string | undefined> = []
  const counter = new SqlRowCounter((name, columns) => {
    if (name !== table) return undefined
    const reader = tupleKeyReader(key, columns)
    const row = (): void => {
      keys.push(reader.key())
    }
    return {
      add: (tuple) => {
        reader.begin()
        reader.update(tuple)
        row()
      },
      begin: () => reader.begin(),
      update: (part) => reader.update(part),
      end: row
    }
  })
  read(Buffer.from(script), size, counter)
  return keys
}

describe('the key of a tuple', () => {
  const long = 'k'.repeat(KEY_BYTES)
  const script = [
    "INSERT INTO `t` VALUES (1,'a, (b)','x'),(2,'it\\'s, \\\\','y'),(3,NULL,'(,'),(4,0x2C29,'z');",
    "INSERT INTO `t` (`v`, `code`, `id`) VALUES ('w,)',\"q\\\",\",5),('w','" + long + "',6);",
    "INSERT INTO `t` VALUES (7,'too','many','fields');",
    "INSERT INTO `other` VALUES (8,'o','o');"
  ].join('\n')
  const key: TupleKey = { names: ['code', 'id'], columns: ['id', 'code', 'v'] }

  test.each([1, 2, 3, 7, 4096])('the key\'s fields, split at the commas of depth 1 outside quotes, in the key\'s order, wherever a chunk ends (chunks of %i bytes)', (size) => {
    expect(keysOf(script, size, 't', key)).toEqual([
      "(code, id)=('a, (b)', 1)",
      "(code, id)=('it\\'s, \\\\', 2)",
      '(code, id)=(NULL, 3)',
      '(code, id)=(0x2C29, 4)',
      '(code, id)=("q\\",", 5)',
      // Longer than KEY_BYTES, and a tuple of more fields than the table has columns: not named.
      undefined,
      undefined
    ])
  })

  test('a key column the table does not list (row_end of a system-versioned table) is named where the INSERT holds it, left out where not', () => {
    const versioned: TupleKey = { names: ['id', 'row_end'], columns: ['id', 'p'] }
    const dump = "INSERT INTO `h` VALUES (1,10);\nINSERT INTO `h` (`id`, `p`, row_start, row_end) VALUES (1,10,'2026-01-01 00:00:00.000000','2038-01-19 03:14:07.999999');\n"
    expect(keysOf(dump, 5, 'h', versioned)).toEqual(['(id)=(1)', "(id, row_end)=(1, '2038-01-19 03:14:07.999999')"])
    // A key column the table lists but the INSERT leaves out (a generated column MySQL's dump skips): the rows are not named.
    expect(keysOf('INSERT INTO `g` (`a`) VALUES (1);\n', 4096, 'g', { names: ['id'], columns: ['a', 'id'] })).toEqual([undefined])
  })
})
