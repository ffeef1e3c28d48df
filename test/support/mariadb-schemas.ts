import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { runOk } from './run.js'
import { sqlString, type MariaDbServer } from './mariadb.js'

/**
 * A real-world MariaDB schema generated here (no downloaded data), and the engine's own views of
 * a database to compare a source with its restored copy: mariadb-dump's schema, each table's
 * rows hashed in primary-key order, CHECKSUM TABLE, and system-versioned history.
 */

/** The account that owns the views, an event and a function: it exists on the server, locked (no login). */
export const DEFINER = "'app_owner'@'localhost'"

export async function createDefiner(server: MariaDbServer): Promise<void> {
  await server.sql('mysql', `CREATE USER ${DEFINER} ACCOUNT LOCK; GRANT SELECT, EXECUTE ON *.* TO ${DEFINER}`)
}

/** The value of one row that the tests' stand-in client changes by one byte (`canary-0042` -> `canary-0043`). */
export const CANARY = 'canary-0042'

/**
 * A shop with routines, triggers, events, views owned by DEFINER, generated columns (VIRTUAL and
 * STORED, indexed), MariaDB's own types (UUID, INET6, JSON with a CHECK, INVISIBLE, SET, BIT),
 * spatial columns with SPATIAL indexes, utf8mb4 names and values, a system-versioned table with
 * history, zero dates (the table made in a session without NO_ZERO_DATE and NO_ZERO_IN_DATE,
 * which the server has), a sequence and a composite primary key of 2,123 bytes. The 50 MB row is
 * bigBlob's; the empty table is emptyTable's, apart (see the test). Run by the root client, with
 * DELIMITER for the compound statements.
 */
export function realWorldShop(): string {
  return `SET NAMES utf8mb4;
CREATE TABLE customers (
  id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  email VARCHAR(190) NOT NULL UNIQUE,
  email_domain VARCHAR(190) AS (SUBSTRING_INDEX(email, '@', -1)) VIRTUAL,
  name_key VARCHAR(100) AS (UPPER(REPLACE(name, ' ', '_'))) STORED,
  tier ENUM('free', 'pro', 'enterprise') NOT NULL DEFAULT 'free',
  flags SET('beta', 'vip', 'blocked') NOT NULL DEFAULT '',
  bits BIT(7) NOT NULL DEFAULT b'0000101',
  balance DECIMAL(14,4) NOT NULL DEFAULT 0,
  score DOUBLE,
  signup DATETIME(6) NOT NULL,
  external_id UUID,
  last_ip INET6,
  prefs JSON CHECK (prefs IS NULL OR JSON_VALID(prefs)),
  note TEXT INVISIBLE,
  KEY by_domain (email_domain),
  KEY by_name_key (name_key),
  FULLTEXT KEY ft_name (name),
  CONSTRAINT balance_sane CHECK (balance > -1000000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE orders (
  id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  customer_id INT UNSIGNED NOT NULL,
  total DECIMAL(12,2) NOT NULL,
  tax DECIMAL(12,2) AS (ROUND(total * 0.19, 2)) STORED,
  status ENUM('new', 'paid', 'shipped') NOT NULL DEFAULT 'new',
  placed_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE order_audit (
  id INT AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT UNSIGNED NOT NULL,
  action VARCHAR(20) NOT NULL,
  at DATETIME(6) NOT NULL
) ENGINE=InnoDB;

CREATE TABLE places (
  id INT PRIMARY KEY,
  label VARCHAR(80) NOT NULL,
  loc POINT NOT NULL,
  area GEOMETRY NOT NULL,
  route LINESTRING,
  SPATIAL INDEX sp_loc (loc),
  SPATIAL INDEX sp_area (area)
) ENGINE=InnoDB;

CREATE TABLE \`表_données\` (
  \`ключ\` INT PRIMARY KEY,
  \`名前\` VARCHAR(200) NOT NULL,
  \`émoji\` VARCHAR(50) COLLATE utf8mb4_bin,
  \`説明\` TEXT,
  latin VARCHAR(40) CHARACTER SET latin1,
  UNIQUE KEY \`uniq_名前\` (\`名前\`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='utf8mb4: ключ, 名前, émoji 🎉';

CREATE TABLE prices (
  id INT PRIMARY KEY,
  sku VARCHAR(40) NOT NULL,
  price DECIMAL(10,2) NOT NULL
) ENGINE=InnoDB WITH SYSTEM VERSIONING;

SET SESSION sql_mode = 'STRICT_TRANS_TABLES';
CREATE TABLE legacy_dates (
  id INT PRIMARY KEY,
  d DATE NOT NULL DEFAULT '0000-00-00',
  dt DATETIME NOT NULL DEFAULT '0000-00-00 00:00:00',
  ts TIMESTAMP NOT NULL DEFAULT '0000-00-00 00:00:00',
  partial DATE
) ENGINE=InnoDB;
INSERT INTO legacy_dates (id, partial) VALUES (1, '2024-00-15'), (2, '2024-03-00');
INSERT INTO legacy_dates VALUES (3, '1999-12-31', '2000-01-01 00:00:00', '2038-01-19 03:14:07', '0000-01-01'), (4, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', NULL);
SET SESSION sql_mode = DEFAULT;

CREATE TABLE attachments (
  id INT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  body LONGBLOB
) ENGINE=InnoDB;

CREATE TABLE ledger_entries (
  tenant VARCHAR(255) NOT NULL,
  region CHAR(16) NOT NULL,
  account VARCHAR(255) NOT NULL,
  period DATE NOT NULL,
  seq INT UNSIGNED NOT NULL,
  currency CHAR(3) NOT NULL,
  amount DECIMAL(18,4) NOT NULL,
  memo VARCHAR(255),
  PRIMARY KEY (tenant, region, account, period, seq, currency)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE SEQUENCE invoice_numbers START WITH 1000 INCREMENT BY 7 CACHE 10;

DELIMITER //
CREATE DEFINER = ${DEFINER} FUNCTION order_tax(total DECIMAL(12,2)) RETURNS DECIMAL(12,2) DETERMINISTIC
BEGIN
  RETURN ROUND(total * 0.19, 2);
END//
CREATE PROCEDURE place_order(IN p_id BIGINT UNSIGNED, IN p_customer INT UNSIGNED, IN p_total DECIMAL(12,2))
MODIFIES SQL DATA
BEGIN
  INSERT INTO orders (id, customer_id, total) VALUES (p_id, p_customer, p_total);
  IF p_total > 500 THEN
    UPDATE customers SET flags = CONCAT_WS(',', NULLIF(flags, ''), 'vip') WHERE id = p_customer AND NOT FIND_IN_SET('vip', flags);
  END IF;
END//
CREATE TRIGGER orders_before_insert BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  IF NEW.total >= 1000 THEN SET NEW.status = 'paid'; END IF;
END//
CREATE TRIGGER orders_after_update AFTER UPDATE ON orders FOR EACH ROW
  INSERT INTO order_audit (order_id, action, at) VALUES (NEW.id, CONCAT(OLD.status, '->', NEW.status), '2024-01-01 00:00:00' + INTERVAL NEW.id SECOND)//
DELIMITER ;

CREATE DEFINER = ${DEFINER} SQL SECURITY DEFINER VIEW big_spenders AS
  SELECT c.id, c.name, SUM(o.total) AS spent, order_tax(SUM(o.total)) AS tax FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name HAVING SUM(o.total) > 1000;
CREATE DEFINER = ${DEFINER} SQL SECURITY INVOKER VIEW vip_spenders AS SELECT id, name, spent FROM big_spenders WHERE spent > 5000;
CREATE VIEW pro_customers AS SELECT id, name, tier FROM customers WHERE tier = 'pro' WITH CASCADED CHECK OPTION;

CREATE DEFINER = ${DEFINER} EVENT purge_audit ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 03:00:00' ON COMPLETION PRESERVE ENABLE COMMENT 'nightly'
  DO DELETE FROM order_audit WHERE at < NOW() - INTERVAL 90 DAY;
CREATE EVENT one_off ON SCHEDULE AT '2031-06-01 00:00:00' ON COMPLETION PRESERVE DISABLE DO UPDATE prices SET price = price;

INSERT INTO customers (name, email, tier, flags, balance, score, signup, external_id, last_ip, prefs, note)
SELECT CONCAT('customer ', seq), CONCAT('c', seq, '@', ELT(1 + seq % 4, 'example.test', 'mail.example', 'exämple.test', 'x.example')),
  ELT(1 + seq % 3, 'free', 'pro', 'enterprise'), ELT(1 + seq % 4, '', 'beta', 'vip', 'beta,blocked'),
  seq * 3.1415 - 500, seq / 7e0, '2020-01-01 00:00:00.000000' + INTERVAL seq * 3671 SECOND + INTERVAL seq MICROSECOND,
  CONCAT('6ccd780c-baba-1026-9564-', LPAD(HEX(seq), 12, '0')), IF(seq % 5 = 0, NULL, CONCAT('2001:db8::', HEX(seq))),
  JSON_OBJECT('lang', ELT(1 + seq % 3, 'de', 'ja', 'fr'), 'n', seq, 'tags', JSON_ARRAY('a', seq % 7)), IF(seq % 2, CONCAT('line1\\nline2\\ttab ', seq), NULL)
FROM seq_1_to_400;
UPDATE customers SET bits = b'1111111', score = 1e-300 WHERE id = 7;
UPDATE customers SET score = 1.7976931348623157e308 WHERE id = 8;
UPDATE customers SET name = 'O''Brien "quoted" \\\\ back\\\\slash', note = 'NUL\\0byte, CR\\r, ^Z\\Z' WHERE id = 9;
CALL place_order(1, 1, 10.00);
CALL place_order(2, 2, 900.00);
INSERT INTO orders (id, customer_id, total, placed_at) SELECT seq, 1 + seq % 400, (seq * 13) % 2000 + 0.99, '2024-01-01 00:00:00.000' + INTERVAL seq MINUTE FROM seq_3_to_3000;
UPDATE orders SET status = 'shipped' WHERE id % 10 = 0;

INSERT INTO places VALUES
  (1, 'Berlin', ST_PointFromText('POINT(13.405 52.52)'), ST_GeomFromText('POLYGON((13 52, 14 52, 14 53, 13 53, 13 52))'), ST_GeomFromText('LINESTRING(13 52, 13.5 52.5, 14 53)')),
  (2, 'Tokyo', ST_PointFromText('POINT(139.6917 35.6895)'), ST_GeomFromText('MULTIPOLYGON(((139 35, 140 35, 140 36, 139 35)),((141 36, 142 36, 142 37, 141 36)))'), NULL),
  (3, 'Null Island', POINT(0, 0), ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))'), NULL);
INSERT INTO places SELECT 3 + seq, CONCAT('p', seq), POINT(seq / 10, -seq / 7), ST_Buffer(POINT(seq, seq), 1), NULL FROM seq_1_to_200;

INSERT INTO \`表_données\` VALUES
  (1, '東京都', '🗼', '日本の首都。漢字・ひらがな・カタカナ', 'Zoë'),
  (2, 'Zürich', '🇨🇭', 'Grüße aus der Schweiz — „Anführungszeichen“', 'façade'),
  (3, 'Москва', '🪆', 'Кириллица и ёлка', 'na'),
  (4, 'مرحبا', '👩🏽‍💻', 'right-to-left العربية with ‏marks‏', NULL),
  (5, '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 astral', '🧑‍🤝‍🧑', 'combining: e\u0301 vs é; 𠜎𠜱 (CJK Ext. B)', 'ÿ'),
  (6, '${CANARY}', '✅', 'the row the stand-in client changes', 'x');

INSERT INTO prices VALUES (1, 'SKU-1', 10.00), (2, 'SKU-2', 20.00), (3, 'SKU-3', 30.00), (4, 'SKU-4', 40.00);
UPDATE prices SET price = price + 1;
UPDATE prices SET price = price * 2 WHERE id <= 2;
UPDATE prices SET sku = 'SKU-3b' WHERE id = 3;
DELETE FROM prices WHERE id = 4;
INSERT INTO prices VALUES (5, 'SKU-5', 55.00);

INSERT INTO attachments VALUES (2, 'empty', ''), (3, 'null', NULL), (4, 'small', UNHEX('00FF0A0D5C27225A1A'));

INSERT INTO ledger_entries
SELECT CONCAT(REPEAT('tenant-', 30), seq % 5), ELT(1 + seq % 3, 'eu-central-1', 'us-east-1', 'ap-northeast-1'), CONCAT(REPEAT('acct-', 40), seq % 17),
  '2024-01-01' + INTERVAL seq % 365 DAY, seq, ELT(1 + seq % 3, 'EUR', 'USD', 'JPY'), seq * 1.0001, IF(seq % 3, NULL, CONCAT('memo ', seq))
FROM seq_1_to_5000;
DO NEXTVAL(invoice_numbers), NEXTVAL(invoice_numbers);
`
}

/** A table that never had a row, beside one that has rows. */
export function emptyTable(): string {
  return `CREATE TABLE never_filled (
  id BIGINT PRIMARY KEY,
  payload VARBINARY(255),
  created DATETIME DEFAULT CURRENT_TIMESTAMP,
  KEY by_created (created)
) ENGINE=InnoDB;
CREATE TABLE filled (id INT PRIMARY KEY, v VARCHAR(20));
INSERT INTO filled VALUES (1, 'one'), (2, 'two');
`
}

/**
 * FLOAT (single precision) values that need more than the 6 significant digits the server writes
 * them with as text: 1/3, 2/3, ... stored as the nearest float.
 */
export function floatColumn(): string {
  return `CREATE TABLE readings (id INT PRIMARY KEY, ratio FLOAT NOT NULL, exact DOUBLE NOT NULL);
INSERT INTO readings SELECT seq, seq / 3e0, seq / 3e0 FROM seq_1_to_300;
`
}

/** A row of `bytes` pseudo-random bytes (SHA-256 of 1, 2, 3, ...), generated by the server: incompressible, as real attachments are. */
export async function bigBlob(server: MariaDbServer, database: string, bytes: number): Promise<void> {
  const blocks = Math.ceil(bytes / 32)
  await server.sql(
    database,
    `SET SESSION group_concat_max_len = ${blocks * 32}; INSERT INTO attachments SELECT 1, 'big.bin', LEFT(GROUP_CONCAT(UNHEX(SHA2(seq, 256)) ORDER BY seq SEPARATOR ''), ${bytes}) FROM seq_1_to_${blocks}`
  )
}

function rootArgs(server: MariaDbServer): string[] {
  return ['--no-defaults', `--socket=${server.socket}`, '-uroot', '--default-character-set=utf8mb4']
}

/**
 * mariadb-dump's schema of a database: tables, views, routines, triggers, events. The database's
 * name (in the header, the routines' and events' comments, and views' bodies) becomes `DB`, and
 * AUTO_INCREMENT counters, which depend on the rows ever inserted, are left out.
 */
export async function schemaDump(server: MariaDbServer, database: string): Promise<string> {
  const text = await runOk('mariadb-dump', [...rootArgs(server), '--no-data', '--routines', '--triggers', '--events', '--skip-dump-date', '--', database])
  return text.replaceAll(`\`${database}\``, '`DB`').replaceAll(`'${database}'`, "'DB'").replace(`Database: ${database}\n`, 'Database: DB\n').replace(/ AUTO_INCREMENT=\d+/g, '')
}

/** Tab-separated rows of a query run as root, in utf8mb4 whatever the locale, values escaped as --batch does. */
export async function rootSql(server: MariaDbServer, database: string, sql: string): Promise<string[][]> {
  const out = await runOk('mariadb', [...rootArgs(server), '--batch', '--skip-column-names', `--execute=${sql}`, database])
  return out.split('\n').filter(Boolean).map((line) => line.split('\t'))
}

/** SHA-256 of the client's raw output of a query (binary values as they are, not escaped). */
function queryDigest(server: MariaDbServer, database: string, sql: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('mariadb', [...rootArgs(server), '--batch', '--raw', '--quick', '--skip-column-names', '--max-allowed-packet=1G', `--execute=${sql}`, database], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const hash = createHash('sha256')
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => hash.update(chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(hash.digest('hex')) : reject(new Error(`mariadb exited ${code}: ${stderr}`))))
  })
}

const quote = (name: string): string => `\`${name.replace(/`/g, '``')}\``

export interface TableDigest {
  /** Rows (with history, for a system-versioned table). */
  rows: number
  /** SHA-256 of every column (invisible ones too, and ROW_START/ROW_END of history) of every row, in primary-key order. */
  sha256: string
  /** CHECKSUM TABLE (current rows only). */
  checksum: string
}

/**
 * Each base table's rows by the server's own reading: counted, hashed in primary-key order
 * (every column, named, so that INVISIBLE ones count; a system-versioned table FOR SYSTEM_TIME
 * ALL with ROW_START and ROW_END), and CHECKSUM TABLE'd. The hashes are read first: in MariaDB
 * 10.11.19, CHECKSUM TABLE of a freshly loaded table with a STORED generated column gives another
 * number than the source's until a query has read that column (a mariadb-dump of such a table
 * loaded into a new database: 3967066298 against the source's 1403864777, then, after SELECT
 * MAX(tax), 1403864777), so the checksum is taken once every column has been read. The hashes
 * (text) and CHECKSUM TABLE (stored bytes) catch different changes: a FLOAT rounded to the 6
 * digits the server writes it with keeps its text.
 */
export async function tableDigests(server: MariaDbServer, database: string): Promise<Record<string, TableDigest>> {
  const tables = await rootSql(
    server,
    'information_schema',
    `SELECT TABLE_NAME, TABLE_TYPE FROM TABLES WHERE TABLE_SCHEMA = ${sqlString(database)} AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') ORDER BY TABLE_NAME`
  )
  const digests: Record<string, TableDigest> = {}
  for (const [table, type] of tables) {
    const where = `TABLE_SCHEMA = ${sqlString(database)} AND TABLE_NAME = ${sqlString(table)}`
    const columns = (await rootSql(server, 'information_schema', `SELECT COLUMN_NAME FROM COLUMNS WHERE ${where} ORDER BY ORDINAL_POSITION`)).map(([name]) => quote(name))
    const key = (await rootSql(server, 'information_schema', `SELECT COLUMN_NAME FROM STATISTICS WHERE ${where} AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX`)).map(([name]) => quote(name))
    if (key.length === 0) throw new Error(`${table} has no primary key to order its rows by`)
    const versioned = type === 'SYSTEM VERSIONED'
    const selected = versioned ? [...columns, 'ROW_START', 'ROW_END'] : columns
    const from = `${quote(table)}${versioned ? ' FOR SYSTEM_TIME ALL' : ''}`
    const order = versioned ? [...key, 'ROW_END'] : key
    const sha256 = await queryDigest(server, database, `SELECT ${selected.join(', ')} FROM ${from} ORDER BY ${order.join(', ')}`)
    const [[rows]] = await rootSql(server, database, `SELECT COUNT(*) FROM ${from}`)
    const [[, checksum]] = await rootSql(server, database, `CHECKSUM TABLE ${quote(table)} EXTENDED`)
    digests[table] = { rows: Number(rows), sha256, checksum }
  }
  return digests
}
