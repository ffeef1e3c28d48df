export const id = 845;
export const ids = [845];
export const modules = {

/***/ 65859:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JJ: () => (/* binding */ textDiffers),
/* harmony export */   Q2: () => (/* binding */ DATA_SESSION_ENV),
/* harmony export */   QE: () => (/* binding */ tableRows),
/* harmony export */   Wc: () => (/* binding */ CopyRowCounter),
/* harmony export */   jk: () => (/* binding */ serverMajor),
/* harmony export */   tZ: () => (/* binding */ readTableData)
/* harmony export */ });
/* unused harmony export decodeName */
/* harmony import */ var _tools_find_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93192);
/* harmony import */ var _util_content_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41594);
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(59274);
/* harmony import */ var _connection_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(30792);
/* harmony import */ var _psql_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(14632);





/** `\.`: the line that ends a COPY's data. */
const TERMINATOR = Buffer.from('\\.');
const COPY_START = Buffer.from('COPY ');
const FROM_STDIN = Buffer.from('FROM stdin;');
/**
 * The longest table name a COPY header can hold: schema and table, each at most 63 bytes
 * (NAMEDATALEN - 1), every byte a doubled quote at worst, plus their quotes and the dot.
 */
const MAX_NAME_BYTES = 2 * (2 * 63 + 2) + 1;
/** Bytes of the start of a line outside the data kept to read the script's settings from. */
const HEAD_BYTES = 64;
const CLIENT_ENCODING = /^SET client_encoding = '([A-Za-z0-9_]+)';/;
const DUMPED_FROM = /^-- Dumped from database version (\d+)(?:\.(\d+))?/;
/**
 * Node's name for a PostgreSQL encoding, for the table names of a COPY header. LATIN1 is read by
 * Buffer's own latin1 (the WHATWG label iso-8859-1 means windows-1252); SQL_ASCII holds whatever
 * bytes were stored, most often UTF-8.
 */
const DECODERS = {
    LATIN2: 'iso-8859-2',
    LATIN3: 'iso-8859-3',
    LATIN4: 'iso-8859-4',
    LATIN5: 'iso-8859-9',
    LATIN6: 'iso-8859-10',
    LATIN7: 'iso-8859-13',
    LATIN8: 'iso-8859-14',
    LATIN9: 'iso-8859-15',
    LATIN10: 'iso-8859-16',
    ISO_8859_5: 'iso-8859-5',
    ISO_8859_6: 'iso-8859-6',
    ISO_8859_7: 'iso-8859-7',
    ISO_8859_8: 'iso-8859-8',
    WIN866: 'ibm866',
    WIN874: 'windows-874',
    KOI8R: 'koi8-r',
    KOI8U: 'koi8-u',
    EUC_JP: 'euc-jp',
    EUC_KR: 'euc-kr',
    SJIS: 'shift_jis',
    BIG5: 'big5',
    GBK: 'gbk',
    GB18030: 'gb18030'
};
/** A name's bytes as text, read in the script's client_encoding. */
function decodeName(bytes, encoding) {
    if (encoding === 'LATIN1')
        return bytes.toString('latin1');
    const label = /^WIN(125\d)$/.exec(encoding) ? `windows-${encoding.slice(3)}` : DECODERS[encoding];
    if (!label)
        return bytes.toString('utf8');
    try {
        return new TextDecoder(label).decode(bytes);
    }
    catch {
        return bytes.toString('latin1');
    }
}
/**
 * Reads each table's data in a pg_restore or pg_dump SQL script as it streams past: the lines
 * between `COPY <table> (...) FROM stdin;` and `\.`. COPY's text format escapes newlines inside
 * values, so a line is a row: it counts them and folds each into the table's content digest. It
 * reads bytes, never a whole line: a row is known to be one from its first byte (only `\.` is
 * not) and is hashed as it passes, and of a line outside the data only its first bytes and a
 * COPY header's table name are kept, so a row of any size passes through in time linear in its
 * length and in memory bounded by the longest name. The script's client_encoding (the names are
 * written in it) and the server version it was dumped from are read on the way.
 */
class CopyRowCounter {
    sinkFor;
    rows = new Map();
    /** `SET client_encoding`: the encoding of every name and value of the script. */
    encoding = 'UTF8';
    /** The major version of the server the dump was taken from, where the script says it (`-- Dumped from database version`). */
    dumpedFromMajor;
    contents = new Map();
    /** Each table's name as the script's bytes, in its encoding. */
    rawNames = new Map();
    table;
    digest;
    /** The current row's digest was begun: the row came in more than one chunk. */
    hashing = false;
    /** Bytes of the current line read so far. */
    lineBytes = 0;
    /** The current line is still what it may be: the terminator (in the data), a COPY header (outside). */
    candidate = true;
    header;
    name = Buffer.alloc(MAX_NAME_BYTES);
    nameBytes = 0;
    head = Buffer.alloc(HEAD_BYTES);
    /**
     * Where each table's rows go: by default a ContentDigest a table (digests()); firstDifferingRow
     * gives its own, for one table.
     */
    constructor(sinkFor = (table) => this.contentDigest(table)) {
        this.sinkFor = sinkFor;
    }
    /** What the counter holds of the line being read: the table name of a COPY header, at most. */
    get retainedBytes() {
        return this.nameBytes;
    }
    /** Each table's content digest (ContentDigest.text()). */
    digests() {
        return new Map([...this.contents].map(([table, digest]) => [table, digest.text()]));
    }
    /** A table's name as the script wrote it: its bytes in the script's encoding, a valid SQL name. */
    rawName(table) {
        return this.rawNames.get(table) ?? Buffer.from(table);
    }
    push(chunk) {
        let from = 0;
        while (from < chunk.length) {
            const newline = chunk.indexOf(0x0a, from);
            const to = newline < 0 ? chunk.length : newline;
            if (this.digest && this.lineBytes === 0 && newline >= 0) {
                // A whole row in this chunk, the most common case: hashed in one call.
                this.wholeLine(chunk.subarray(from, to));
                from = newline + 1;
                continue;
            }
            if (this.candidate)
                this.read(chunk, from, to);
            else if (this.hashing)
                this.digest?.update(chunk.subarray(from, to));
            if (this.table === undefined && this.lineBytes < HEAD_BYTES)
                chunk.copy(this.head, this.lineBytes, from, Math.min(to, from + HEAD_BYTES - this.lineBytes));
            this.lineBytes += to - from;
            if (newline < 0)
                return;
            this.endLine();
            from = newline + 1;
        }
    }
    /** A line of the data that lies whole in one chunk. */
    wholeLine(line) {
        if (line.length === TERMINATOR.length && line.equals(TERMINATOR)) {
            this.table = undefined;
            this.digest = undefined;
            return;
        }
        this.digest?.add(line);
        this.countRow();
    }
    /** Bytes [from, to) of the current line, while it may still be the terminator or a header. */
    read(chunk, from, to) {
        if (this.table !== undefined) {
            // Only the first bytes tell: a line longer than `\.` is a row.
            for (let i = from, at = this.lineBytes; i < to && this.candidate; i++, at++)
                this.candidate = at < TERMINATOR.length && chunk[i] === TERMINATOR[at];
            if (!this.candidate) {
                // Until now the line was a prefix of the terminator: those bytes are the row's first.
                this.digest?.begin();
                this.digest?.update(TERMINATOR.subarray(0, this.lineBytes));
                this.digest?.update(chunk.subarray(from, to));
                this.hashing = true;
            }
            return;
        }
        for (let i = from, at = this.lineBytes; i < to && this.candidate; i++, at++) {
            if (at < COPY_START.length)
                this.candidate = chunk[i] === COPY_START[at];
            else
                this.headerByte(chunk[i]);
        }
    }
    headerByte(byte) {
        const header = (this.header ??= { at: 'name', quoted: false });
        switch (header.at) {
            case 'name':
                // A quoted identifier holds spaces; `""` inside it closes and reopens it, as the server reads it.
                if (byte === 0x20 && !header.quoted) {
                    this.header = { at: 'after-name' };
                    this.candidate = this.nameBytes > 0;
                    return;
                }
                if (byte === 0x22)
                    header.quoted = !header.quoted;
                if (this.nameBytes === MAX_NAME_BYTES)
                    this.candidate = false;
                else
                    this.name[this.nameBytes++] = byte;
                return;
            case 'after-name':
                // pg_dump writes `COPY <name> <columns> FROM stdin;`, the columns empty for a table without any.
                if (byte === 0x28)
                    this.header = { at: 'columns', quoted: false };
                else if (byte === 0x20)
                    this.header = { at: 'from', matched: 0 };
                else {
                    const from = { at: 'from', matched: 0 };
                    this.header = from;
                    this.fromByte(from, byte);
                }
                return;
            case 'columns':
                if (byte === 0x22)
                    header.quoted = !header.quoted;
                else if (byte === 0x29 && !header.quoted)
                    this.header = { at: 'after-columns' };
                return;
            case 'after-columns':
                if (byte === 0x20)
                    this.header = { at: 'from', matched: 0 };
                else
                    this.candidate = false;
                return;
            case 'from':
                this.fromByte(header, byte);
        }
    }
    fromByte(header, byte) {
        this.candidate = header.matched < FROM_STDIN.length && byte === FROM_STDIN[header.matched];
        header.matched++;
    }
    countRow() {
        if (this.table !== undefined)
            this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + 1);
    }
    endLine() {
        if (this.table !== undefined) {
            if (this.candidate && this.lineBytes === TERMINATOR.length) {
                this.table = undefined;
                this.digest = undefined;
            }
            else {
                // A row that was a prefix of the terminator to its end (an empty line, one backslash) was never begun.
                if (this.hashing)
                    this.digest?.end();
                else
                    this.digest?.add(TERMINATOR.subarray(0, this.lineBytes));
                this.countRow();
            }
        }
        else if (this.candidate && this.header?.at === 'from' && this.header.matched === FROM_STDIN.length) {
            this.table = decodeName(this.name.subarray(0, this.nameBytes), this.encoding);
            this.rawNames.set(this.table, Buffer.from(this.name.subarray(0, this.nameBytes)));
            this.rows.set(this.table, this.rows.get(this.table) ?? 0);
            this.digest = this.sinkFor(this.table);
        }
        else
            this.readSetting(this.head.toString('latin1', 0, Math.min(this.lineBytes, HEAD_BYTES)));
        this.lineBytes = 0;
        this.candidate = true;
        this.hashing = false;
        this.header = undefined;
        this.nameBytes = 0;
    }
    contentDigest(table) {
        const digest = this.contents.get(table) ?? new _util_content_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .ContentDigest */ .e();
        this.contents.set(table, digest);
        return digest;
    }
    readSetting(head) {
        const encoding = CLIENT_ENCODING.exec(head);
        if (encoding)
            this.encoding = encoding[1].toUpperCase();
        const dumped = DUMPED_FROM.exec(head);
        // Before 10, a major version was two numbers (9.6).
        if (dumped)
            this.dumpedFromMajor = Number(dumped[1]) >= 10 ? Number(dumped[1]) : Number(dumped[1]) + Number(dumped[2] ?? 0) / 10;
    }
}
/** Exact row counts of every ordinary table, named as pg_dump names them (quote_ident, schema-qualified). */
const COUNT_ROWS = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),
       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`;
/** Exact row counts of every ordinary table of the database. */
async function tableRows(database, timeoutMs) {
    const rows = new Map();
    for (const line of (await (0,_psql_js__WEBPACK_IMPORTED_MODULE_4__/* .psql */ .tm)(database, COUNT_ROWS, timeoutMs)).split('\n').filter(Boolean)) {
        const [table, count] = line.split('\t');
        rows.set(table, Number(count));
    }
    return rows;
}
/**
 * The session every dump and read-back of table data runs in, beside the settings pg_dump sets
 * itself (DateStyle ISO, IntervalStyle postgres, extra_float_digits 3): timestamptz values are
 * written in UTC, so that an archive and a target on servers in different time zones write the
 * same text for the same instant.
 */
const DATA_SESSION_ENV = { PGTZ: 'UTC' };
/**
 * The table data of a database as the same client dumps it (`pg_dump --data-only`, the plain
 * script, in `encoding`: the archive's, so names and values are the same bytes), read through a
 * CopyRowCounter: the digests of a restored database, to compare with the archive's.
 */
async function readTableData(database, encoding, timeoutMs) {
    const pgDump = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_0__/* .requireTool */ .Y)('pg_dump', 'install the PostgreSQL client (pg_dump)');
    const counter = new CopyRowCounter();
    const result = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_2__/* .runStreaming */ .SL)({
        command: pgDump,
        args: ['--data-only', '--format=plain', `--encoding=${encoding}`, '--no-password', `--dbname=${(0,_connection_js__WEBPACK_IMPORTED_MODULE_3__/* .conninfo */ .Z)(database)}`],
        env: { ...(0,_connection_js__WEBPACK_IMPORTED_MODULE_3__/* .passwordEnv */ .F)(database), ...DATA_SESSION_ENV },
        timeoutMs
    }, (chunk) => counter.push(chunk));
    (0,_util_process_js__WEBPACK_IMPORTED_MODULE_2__/* .requireSuccess */ .z_)('pg_dump reading the restored table data back', result, timeoutMs);
    return { rows: counter.rows, digests: counter.digests() };
}
/** The server's major version (`server_version_num` 150008 -> 15; 90624 -> 9.6). */
async function serverMajor(database, timeoutMs) {
    const number = Number((await (0,_psql_js__WEBPACK_IMPORTED_MODULE_4__/* .psql */ .tm)(database, 'SHOW server_version_num', timeoutMs)).trim());
    return number >= 100000 ? Math.floor(number / 10000) : Math.floor(number / 10000) + Math.floor((number % 10000) / 100) / 10;
}
/**
 * Why the text of the same values may differ between an archive dumped from `dumpedFrom` and a
 * server of major `target`, or undefined where it cannot: from PostgreSQL 12 on, extra_float_digits
 * 3 writes the shortest exact text of a float, before it 17 significant digits.
 */
function textDiffers(dumpedFrom, target) {
    if (dumpedFrom === undefined || dumpedFrom === target || (dumpedFrom >= 12 && target >= 12))
        return undefined;
    return `the backup was dumped from PostgreSQL ${dumpedFrom} and the target is ${target}: float values are written as different text on either side of 12`;
}


/***/ }),

/***/ 12845:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dumpArgs: () => (/* binding */ dumpArgs),
  listDatabases: () => (/* binding */ listDatabases),
  postgresql: () => (/* binding */ postgresql)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js
var io = __webpack_require__(88701);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/tools/find.ts
var find = __webpack_require__(93192);
// EXTERNAL MODULE: ./src/util/compression.ts
var util_compression = __webpack_require__(31714);
// EXTERNAL MODULE: ./src/util/dump-stream.ts
var dump_stream = __webpack_require__(9185);
// EXTERNAL MODULE: ./src/util/process.ts + 1 modules
var process = __webpack_require__(59274);
// EXTERNAL MODULE: ./src/config/dump-args.ts + 1 modules
var dump_args = __webpack_require__(80933);
// EXTERNAL MODULE: ./src/engines/postgresql/connection.ts
var connection = __webpack_require__(30792);
// EXTERNAL MODULE: ./src/engines/postgresql/psql.ts
var postgresql_psql = __webpack_require__(14632);
// EXTERNAL MODULE: ./src/engines/postgresql/content.ts
var content = __webpack_require__(65859);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./src/engines/shared/contents.ts
var contents = __webpack_require__(67979);
;// CONCATENATED MODULE: ./src/engines/postgresql/source-check.ts






/**
 * restore-check source: the backup compared with the database itself, not only with itself. A
 * transaction on the source exports its snapshot; pg_dump dumps in it (`--snapshot`), and once
 * the archive is read through, every table it holds is read again in the same snapshot by psql's
 * own COPY, independently of pg_dump, and digested the same way. A dump tool that wrote other
 * rows than the database held fails the check.
 */
const SNAPSHOT_ID = /^[0-9A-F]+-[0-9A-F]+(?:-\d+)?$/m;
/** psql reading its script from stdin. */
const SCRIPT_ON_STDIN = ['--quiet', '--tuples-only', '--no-align', '--set=ON_ERROR_STOP=1', '--file=-'];
/** Runs `work` with the id of a snapshot that a transaction on the source holds open until it is done. */
async function inExportedSnapshot(database, timeoutMs, work) {
    const psql = await (0,postgresql_psql/* requirePsql */.YP)();
    const input = new external_node_stream_.PassThrough();
    let said = '';
    let announce = () => undefined;
    const exported = new Promise((resolve) => (announce = resolve));
    const session = (0,dump_stream/* runFed */.PX)((0,postgresql_psql/* psqlCommand */.K9)(psql, database, SCRIPT_ON_STDIN, { timeoutMs }), input, {
        stdout: (chunk) => {
            said += chunk.toString('latin1');
            const id = SNAPSHOT_ID.exec(said);
            if (id)
                announce(id[0]);
        }
    });
    // Ended before it said its snapshot, the session failed: its error says why.
    const endedEarly = session.then((result) => Promise.reject(new Error((0,process/* describeFailure */.Ic)('psql exporting the snapshot pg_dump dumps in', result, timeoutMs))));
    endedEarly.catch(() => undefined);
    input.write('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\nSELECT pg_export_snapshot();\n');
    let result;
    try {
        result = await work(await Promise.race([exported, endedEarly]));
    }
    finally {
        input.end('COMMIT;\n');
        await session;
    }
    // The dump and the source read are done: a session that could not end its transaction changes neither.
    const ended = await session;
    (0,process/* requireSuccess */.z_)('psql holding the snapshot pg_dump dumped in', ended, timeoutMs);
    return result;
}
/**
 * The psql script that reads each table in the snapshot, as a data script pg_dump would write:
 * a COPY header (named t0, t1, ...: the real names are given back after), the rows, `\.`. The
 * tables' names are the archive's own bytes, in its encoding, which the session speaks.
 */
function sourceScript(snapshot, names, encoding) {
    const lines = [
        Buffer.from([
            `SET client_encoding = '${encoding}';`,
            'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;',
            `SET TRANSACTION SNAPSHOT '${snapshot}';`,
            // pg_dump's own session settings: the same text for the same values.
            "SET DateStyle = 'ISO'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3; SET row_security = off;",
            ''
        ].join('\n'))
    ];
    names.forEach((name, index) => lines.push(Buffer.from(`\\echo 'COPY t${index} FROM stdin;'\nCOPY `), name, Buffer.from(` TO STDOUT;\n\\echo '\\\\.'\n`)));
    lines.push(Buffer.from('COMMIT;\n'));
    return Buffer.concat(lines);
}
/**
 * Reads every table of `archive` on the source in `snapshot` and compares its rows and digest
 * with the archive's; throws naming each table that differs.
 */
async function compareWithSource(database, snapshot, archive, timeoutMs) {
    const psql = await (0,postgresql_psql/* requirePsql */.YP)();
    const tables = [...archive.rows.keys()];
    const source = new content/* CopyRowCounter */.Wc();
    const result = await (0,dump_stream/* runFed */.PX)((0,postgresql_psql/* psqlCommand */.K9)(psql, database, SCRIPT_ON_STDIN, { env: content/* DATA_SESSION_ENV */.Q2, timeoutMs }), external_node_stream_.Readable.from([sourceScript(snapshot, tables.map((table) => archive.rawName(table)), archive.encoding)]), { stdout: (chunk) => source.push(chunk) });
    (0,process/* requireSuccess */.z_)('psql reading the source tables in the dump\'s snapshot', result, timeoutMs);
    const rows = new Map(tables.map((table, index) => [table, source.rows.get(`t${index}`) ?? 0]));
    const digests = source.digests();
    const sourceDigests = new Map(tables.map((table, index) => [table, digests.get(`t${index}`) ?? '']));
    const units = { object: 'rows', holder: 'table' };
    const differences = (0,contents/* contentDifferences */.Ye)(archive.rows, rows, units);
    const counted = (0,contents/* countMismatches */.Mv)(archive.rows, rows);
    differences.push(...(await (0,contents/* digestDifferences */.t1)({ archive: archive.digests() }, sourceDigests, units, counted)));
    if (differences.length > 0)
        throw new Error(`the dump differs from the database it was taken from, read in the same snapshot: ${(0,contents/* differencesText */.GQ)(differences)}`);
    return { 'source check': `${(0,contents/* comparedText */.lp)(archive.rows, units, true)} (the source read in the dump's snapshot)` };
}

;// CONCATENATED MODULE: ./src/engines/postgresql/fidelity-dependents.ts

/**
 * A dump that leaves tables out (tables, exclude-tables, dump-args) can still hold a view, a
 * materialized view or a foreign key that needs one of them: pg_dump writes it, and the restore
 * fails on it ("relation … does not exist"). The source says what depends on what (pg_depend
 * through each view's pg_rewrite rule, pg_constraint for foreign keys); the archive's read-through
 * says which relations it holds (pg_restore --verbose: `creating TABLE "schema.name"`).
 */
/** `pg_restore --verbose` names each relation it creates as `creating KIND "schema.name"`. */
const CREATED_RELATION = /^pg_restore: creating (?:TABLE|VIEW|MATERIALIZED VIEW|FOREIGN TABLE) "(.*)"$/;
// Each name as JSON, so that any character in it survives the line and field split.
const DEPENDENCIES = `
SELECT DISTINCT to_json(dn.nspname || '.' || dc.relname)::text, to_json(rn.nspname || '.' || rc.relname)::text,
       CASE dc.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END
FROM pg_rewrite w
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid AND d.refclassid = 'pg_class'::regclass
JOIN pg_class dc ON dc.oid = w.ev_class JOIN pg_namespace dn ON dn.oid = dc.relnamespace
JOIN pg_class rc ON rc.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE rc.oid <> dc.oid AND dc.relkind IN ('v', 'm') AND rc.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND dn.nspname NOT IN ('pg_catalog', 'information_schema')
UNION
SELECT DISTINCT to_json(dn.nspname || '.' || dc.relname)::text, to_json(rn.nspname || '.' || rc.relname)::text, 'foreign key ' || c.conname
FROM pg_constraint c
JOIN pg_class dc ON dc.oid = c.conrelid JOIN pg_namespace dn ON dn.oid = dc.relnamespace
JOIN pg_class rc ON rc.oid = c.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE c.contype = 'f' AND c.conparentid = 0 AND dc.oid <> rc.oid`;
/** What the archive holds that needs a relation it does not hold. */
async function dependentsOnLeftOut(database, inArchive, timeoutMs) {
    const dependents = [];
    for (const line of (await (0,postgresql_psql/* psql */.tm)(database, DEPENDENCIES, timeoutMs)).split('\n').filter(Boolean)) {
        const [name, needs, kind] = line.split('\t');
        const dependent = { name: JSON.parse(name), needs: JSON.parse(needs), kind };
        if (inArchive.has(dependent.name) && !inArchive.has(dependent.needs))
            dependents.push(dependent);
    }
    return dependents.sort((a, b) => a.name.localeCompare(b.name) || a.needs.localeCompare(b.needs));
}
function describeDependents(dependents) {
    return dependents.map((dependent) => `${dependent.kind} ${dependent.name} needs ${dependent.needs}`).join('; ');
}

// EXTERNAL MODULE: ./src/engines/shared/snapshot.ts
var snapshot = __webpack_require__(97461);
;// CONCATENATED MODULE: ./src/engines/postgresql/engine.ts














const PGDMP = Buffer.from('PGDMP');
const NO_COMPRESSION = { name: 'none', level: 0 };
/**
 * zstd is pg_dump's uncompressed archive piped through zstd (`.dump.zst`): measured in
 * bench/RESULTS.md at about the speed of the dump alone, against 5× for pg_dump's own gzip. gzip
 * and none stay inside pg_dump (`.dump`, an archive pg_restore reads directly, as earlier
 * versions of this action wrote). pg_dump 16's native zstd could not be measured here (the
 * benchmark machine has PostgreSQL 15), so it is not used.
 */
function piped(compression) {
    return compression.name === 'zstd';
}
/**
 * Reads the whole archive with pg_restore, fed from the stored bytes: `pg_restore --list` reads
 * only the table of contents, restoring to /dev/null reads every data block. zstd's frames and
 * checksums are checked on the way.
 */
async function readThrough(stored, compression, timeoutMs, created, data) {
    const pgRestore = await (0,find/* requireTool */.Y)('pg_restore', 'install the PostgreSQL client (pg_restore)');
    // The zstd program decompresses straight into pg_restore: measured at a third of the CPU of
    // passing the decompressed archive through the action. It checks the frame and its checksum.
    const unzstd = compression === 'zstd' ? await io/* which */.K7('zstd', false) : '';
    const archive = unzstd
        ? (0,dump_stream/* decoded */.DH)(stored, 'none', new util_compression/* ZstdFrameCheck */.vB())
        : (0,dump_stream/* decoded */.DH)(stored, compression, (0,dump_stream/* signatureCheck */.DW)(PGDMP, 'the dump does not start with the PGDMP signature of a pg_dump custom-format archive'));
    let tables = 0;
    let partial = '';
    const result = await (0,dump_stream/* runFed */.PX)(
    // With `data`, the script is written out and its table data read into it (restore-check source).
    { command: pgRestore, args: ['--verbose', `--file=${data ? '-' : '/dev/null'}`], timeoutMs }, archive, {
        ...(data ? { stdout: (chunk) => data.push(chunk) } : {}),
        stderr: (chunk) => {
            const lines = (partial + chunk.toString('utf8')).split('\n');
            partial = lines.pop() ?? '';
            tables += lines.filter((line) => line.startsWith('pg_restore: processing data for table')).length;
            if (created)
                for (const line of lines) {
                    const relation = CREATED_RELATION.exec(line)?.[1];
                    if (relation !== undefined)
                        created.add(relation);
                }
        }
    }, unzstd ? { command: unzstd, args: ['-d', '-q', '-c'], timeoutMs } : undefined);
    (0,process/* requireSuccess */.z_)('pg_restore reading the whole archive', result, timeoutMs);
    // An empty database dumps to a valid archive; every table, even an empty one, has a data entry.
    if (tables === 0)
        core/* warning */.$e('the archive holds no table data: the database has no tables');
    return {
        'read through': `pg_restore --file=${data ? '-' : '/dev/null'}${compression === 'zstd' ? ', every zstd frame and checksum' : ''}`,
        'tables with data': tables
    };
}
/** pg_dump's arguments: the custom format on its output, then the tables and exclusions (patterns), then dump-args. */
function dumpArgs(database, compressLevel, options) {
    return [
        '--format=custom',
        `--compress=${compressLevel}`,
        '--no-password',
        `--dbname=${(0,connection/* conninfo */.Z)(database)}`,
        ...options.tables.map((pattern) => `--table=${pattern}`),
        ...options.excludeTables.map((pattern) => `--exclude-table=${pattern}`),
        ...options.args
    ];
}
/**
 * A dump that leaves relations out may hold views and foreign keys that need them, and then does
 * not restore: warned, naming each (fidelity-dependents.ts). A whole dump cannot.
 */
async function leftOutDependencies(database, options, created, timeoutMs) {
    if (options.tables.length === 0 && options.excludeTables.length === 0 && options.args.length === 0)
        return {};
    if (created.size === 0)
        return {};
    let dependents;
    try {
        dependents = await dependentsOnLeftOut(database, created, timeoutMs);
    }
    catch (error) {
        // The dump is good either way: not knowing its dependents is no reason to fail it.
        core/* warning */.$e(`could not read the source's dependencies to tell whether the backup needs a relation it leaves out: ${error.message}`);
        return { 'needs a relation left out': 'not checked (the source\'s catalog could not be read)' };
    }
    if (dependents.length === 0)
        return {};
    const described = describeDependents(dependents);
    core/* warning */.$e(`the backup holds objects that need relations it leaves out, so it will not restore whole (pg_restore fails on the first of them): ${described}; exclude them too, or keep what they need`);
    return { 'needs a relation left out': described };
}
const postgresql = {
    fileExtension: (compression) => (piped(compression) ? 'dump.zst' : 'dump'),
    // The header and table of contents of a dump of an empty database already take more than this.
    minimumSizeBytes: 100,
    async snapshot({ database, workDir, fileName, timeoutMs, compression, encryption, options = dump_args/* NO_DUMP_OPTIONS */.M, open, readSource }) {
        // The client was chosen (and checked against the server's version) before this step: it is first on PATH.
        const pgDump = await (0,find/* requireTool */.Y)('pg_dump', 'install the PostgreSQL client (pg_dump)');
        const file = (0,external_node_path_.join)(workDir, fileName);
        const outside = piped(compression);
        const created = new Set();
        // In UTC, as every read of the data back is (content.ts): the digests compare the same text.
        const env = { ...(0,connection/* passwordEnv */.F)(database), ...content/* DATA_SESSION_ENV */.Q2 };
        const args = dumpArgs(database, outside ? 0 : compression.level, options);
        const capture = async (snapshot) => {
            const dump = { command: pgDump, args: snapshot ? [...args, `--snapshot=${snapshot}`] : args, env, timeoutMs };
            const data = snapshot ? new content/* CopyRowCounter */.Wc() : undefined;
            const captured = await (0,dump_stream/* captureDump */.xh)({
                dump,
                compression: outside ? compression : NO_COMPRESSION,
                file,
                // With a snapshot (restore-check source), the archive's tables are then read in it on the source and compared.
                check: async (stored) => {
                    const figures = await readThrough(stored, outside ? compression.name : 'none', timeoutMs, created, data);
                    return data && snapshot ? { ...figures, ...(await compareWithSource(database, snapshot, data, timeoutMs)) } : figures;
                },
                encryption,
                open
            });
            return { dump, captured };
        };
        const { dump, captured } = readSource ? await inExportedSnapshot(database, timeoutMs, capture) : await capture();
        (0,process/* requireSuccess */.z_)('pg_dump', captured.dump, timeoutMs);
        const dependents = await leftOutDependencies(database, options, created, timeoutMs);
        return (0,snapshot/* storedSnapshot */.s)(file, captured, {
            command: (0,process/* commandLine */.ay)(dump),
            compression: outside ? captured.compressor : `${(0,util_compression/* describeCompression */.uR)(compression)} (pg_dump, inside the archive)`,
            ...dependents
        });
    },
    verify: ({ file, timeoutMs }) => readThrough((0,util_compression/* storedBytes */.Zk)(file), (0,util_compression/* compressionOfName */.Vd)(file), timeoutMs),
    async estimateSize(database, _workDir, timeoutMs) {
        const result = await (0,process/* runTool */.qI)((0,postgresql_psql/* psqlCommand */.K9)(await (0,postgresql_psql/* requirePsql */.YP)(), database, ['--tuples-only', '--no-align', '--command=SELECT pg_database_size(current_database())'], { timeoutMs }));
        (0,process/* requireSuccess */.z_)('psql asking pg_database_size', result, timeoutMs);
        return Number(result.stdout.trim());
    }
};
// Each name as a JSON string, one a line: a name with a line break in it stays one name.
const LIST_DATABASES = `SELECT to_json(datname)::text FROM pg_database
WHERE datallowconn AND NOT datistemplate AND has_database_privilege(datname, 'CONNECT') ORDER BY datname`;
/** db-name `*`: the databases that allow connections and that the user may connect to, templates left out. */
const listDatabases = async ({ database, timeoutMs }) => (await (0,postgresql_psql/* psql */.tm)(database, LIST_DATABASES, timeoutMs))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));


/***/ }),

/***/ 67979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GQ: () => (/* binding */ differencesText),
/* harmony export */   Mv: () => (/* binding */ countMismatches),
/* harmony export */   Ye: () => (/* binding */ contentDifferences),
/* harmony export */   an: () => (/* binding */ describeContents),
/* harmony export */   lp: () => (/* binding */ comparedText),
/* harmony export */   t1: () => (/* binding */ digestDifferences)
/* harmony export */ });
/* unused harmony export countMatches */
/** Comparing and naming what a database or an archive holds: for the restore and the restore-check. */
/** At most this many of the objects found are named in a message. */
const NAMED = 5;
/** The objects of `contents`, a few of them named: `3 tables (public.a, public.b, public.c)`. */
function describeContents(contents, holder) {
    const names = [...contents.keys()];
    const shown = names.slice(0, NAMED).join(', ') + (names.length > NAMED ? `, and ${names.length - NAMED} more` : '');
    return `${names.length} ${holder}${names.length === 1 ? '' : 's'} (${shown})`;
}
/**
 * Each object of the archive whose count the target does not hold. Where a holder may hold more
 * than the backup's (a Redis database after a clean restore keeps its other keys), the target
 * must hold at least the archive's count.
 */
function contentDifferences(archive, target, units, atLeast = false) {
    const differences = [];
    for (const [name, count] of archive) {
        const got = target.get(name);
        if (!countMatches(count, got, atLeast))
            differences.push(`${name}: ${count} ${units.object} in the backup, ${got === undefined ? `no such ${units.holder}` : `${got}`} in the target`);
    }
    return differences;
}
/** Whether a holder of the target holds the archive's count of objects (at least that many, where holders are shared). */
function countMatches(count, got, atLeast) {
    return got !== undefined && (atLeast ? got >= count : got === count);
}
/** The holders of the archive whose count the target does not hold: those contentDifferences names, whose digests need no comparing. */
function countMismatches(archive, target, atLeast = false) {
    return new Set([...archive].filter(([holder, count]) => !countMatches(count, target.get(holder), atLeast)).map(([holder]) => holder));
}
/** The first few differences, for an error message. */
function differencesText(differences) {
    return `${differences.slice(0, NAMED).join('; ')}${differences.length > NAMED ? `; and ${differences.length - NAMED} more` : ''}`;
}
/**
 * Each holder of the archive whose content digest the target does not match, with the first
 * differing object where the engine can name it. Holders whose counts already differ are
 * reported by contentDifferences and left out here.
 */
async function digestDifferences(check, target, units, skip = new Set()) {
    const differences = [];
    for (const [holder, digest] of check.archive) {
        if (skip.has(holder) || target.get(holder) === digest)
            continue;
        // Named for the first few only: telling which object differs may read the holder again.
        const first = differences.length < NAMED ? await check.firstDifference?.(holder) : undefined;
        differences.push(`${holder}: the ${units.object} differ in content${first ? ` (first difference: ${first})` : ''}`);
    }
    return differences;
}
/** What a check compared, for the figures: `content digests: 23 tables, 65685 rows, equal`. */
function comparedText(archive, units, digests) {
    const objects = [...archive.values()].reduce((sum, count) => sum + count, 0);
    const holders = `${archive.size} ${units.holder}${archive.size === 1 ? '' : 's'}, ${objects} ${units.object}`;
    return digests ? `content digests: ${holders}, equal` : `counts: ${holders}, equal (content digests not compared: see the restore's figures)`;
}


/***/ }),

/***/ 97461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ storedSnapshot)
/* harmony export */ });
/** The snapshot of a dump stored in `file`: the stored bytes' hash, size, read-through and encryption, with the engine's figures. */
function storedSnapshot(file, stored, figures) {
    return { file, sha256: stored.sha256, sizeBytes: stored.sizeBytes, figures, readThrough: stored.readThrough, encrypted: stored.encrypted };
}


/***/ }),

/***/ 41594:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ ContentDigest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/** Bytes of the digest's text form: 16 hex of the count, then the sum's 64. */
const LANES = 8;
/**
 * An order-independent digest of a multiset of items (a table's rows, a collection's documents,
 * a database's keys): the lane-wise sum, modulo 2^32 a lane, of each item's SHA-256, with the
 * number of items. Two sides that hold the same items in any order have the same digest; one
 * changed byte of one item changes it. It detects corruption, not forgery (signing does that):
 * an item can be fed whole (`add`) or in parts (`begin`, `update`, `end`), so an item of any size
 * is digested in bounded memory and in time linear in its length.
 */
class ContentDigest {
    sum = new Uint32Array(LANES);
    items = 0;
    partial;
    get count() {
        return this.items;
    }
    /** One whole item. */
    add(item) {
        this.fold((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)('sha256', item, 'buffer'));
    }
    /** Starts an item that comes in parts. */
    begin() {
        this.partial = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    }
    update(part) {
        if (!this.partial)
            throw new Error('ContentDigest.update outside an item: call begin first');
        this.partial.update(part);
    }
    end() {
        if (!this.partial)
            throw new Error('ContentDigest.end outside an item: call begin first');
        this.fold(this.partial.digest());
        this.partial = undefined;
    }
    /** `<items>:<sum>`, equal for equal multisets. */
    text() {
        return `${this.items}:${Buffer.from(this.sum.buffer).toString('hex')}`;
    }
    fold(itemHash) {
        for (let lane = 0; lane < LANES; lane++)
            this.sum[lane] = (this.sum[lane] + itemHash.readUInt32BE(lane * 4)) >>> 0;
        this.items++;
    }
}


/***/ })

};
