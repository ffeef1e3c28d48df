export const id = 549;
export const ids = [549];
export const modules = {

/***/ 65859:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ CopyRowCounter)
/* harmony export */ });
/* unused harmony export decodeName */
/* harmony import */ var _util_content_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(41594);

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
        const digest = this.contents.get(table) ?? new _util_content_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .ContentDigest */ .e();
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


/***/ }),

/***/ 58417:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JJ: () => (/* binding */ textDiffers),
/* harmony export */   Q2: () => (/* binding */ DATA_SESSION_ENV),
/* harmony export */   QE: () => (/* binding */ tableRows),
/* harmony export */   jk: () => (/* binding */ serverMajor),
/* harmony export */   tZ: () => (/* binding */ readTableData)
/* harmony export */ });
/* harmony import */ var _tools_find_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93192);
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(59274);
/* harmony import */ var _connection_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(30792);
/* harmony import */ var _content_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(65859);
/* harmony import */ var _psql_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(14632);





/** What a PostgreSQL target holds, read back after a restore: its row counts (psql), its rows' digests (pg_dump through the CopyRowCounter), its server's major. */
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
    const counter = new _content_js__WEBPACK_IMPORTED_MODULE_3__/* .CopyRowCounter */ .W();
    const result = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_1__/* .runStreaming */ .SL)({
        command: pgDump,
        args: ['--data-only', '--format=plain', `--encoding=${encoding}`, '--no-password', `--dbname=${(0,_connection_js__WEBPACK_IMPORTED_MODULE_2__/* .conninfo */ .Z)(database)}`],
        env: { ...(0,_connection_js__WEBPACK_IMPORTED_MODULE_2__/* .passwordEnv */ .F)(database), ...DATA_SESSION_ENV },
        timeoutMs
    }, (chunk) => counter.push(chunk));
    (0,_util_process_js__WEBPACK_IMPORTED_MODULE_1__/* .requireSuccess */ .z_)('pg_dump reading the restored table data back', result, timeoutMs);
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


/***/ }),

/***/ 62445:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DH: () => (/* binding */ decoded),
/* harmony export */   DW: () => (/* binding */ signatureCheck),
/* harmony export */   PX: () => (/* binding */ runFed)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _compression_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31714);
/* harmony import */ var _offer_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86918);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(59274);





/**
 * A stored dump read back: decompressed and checked as one stream, or fed to a tool (a restore,
 * a reader) with its output kept. The other half of dump-stream.ts, which writes one.
 */
/**
 * The stored bytes decompressed and passed through `checks`, as one stream that fails if the
 * compression is damaged or cut short or a check fails.
 */
function decoded(stored, name, ...checks) {
    const stages = [...(0,_compression_js__WEBPACK_IMPORTED_MODULE_2__/* .decoders */ .SK)(name), ...checks];
    if (stages.length === 0)
        return stored;
    const last = stages[stages.length - 1];
    (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)([stored, ...stages]).catch(() => undefined); // an error reaches `last`, which the reader sees
    return last;
}
/**
 * Runs a command that reads `input` on its stdin, with the pipe's backpressure; with `through`,
 * the input goes through that program first, piped straight into the command (a decompressor:
 * the decompressed bytes then never pass through the action). The input is read to its end even
 * if the command stops reading early (pg_restore exits once it has read its last entry), so that
 * checks on the way see all of it. A failure of the input, or of `through`, stops the command and
 * is thrown.
 */
async function runFed(command, input, output = {}, through) {
    const filter = through ? (0,_process_js__WEBPACK_IMPORTED_MODULE_3__/* .startTracked */ .LS)(through, ['pipe', 'pipe', 'pipe']) : undefined;
    const fed = (0,_process_js__WEBPACK_IMPORTED_MODULE_3__/* .startTracked */ .LS)(command, [filter ? filter.child.stdout : 'pipe', output.stdout ? 'pipe' : 'ignore', 'pipe']);
    if (filter)
        filter.child.stdout?.destroy();
    const first = filter ?? fed;
    const stdin = first.child.stdin;
    stdin.on('error', () => undefined); // EPIPE when the reader exits early: its exit code says whether that was a failure
    if (output.stderr)
        fed.child.stderr?.on('data', output.stderr);
    const reading = output.stdout ? (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)(fed.child.stdout, (0,_compression_js__WEBPACK_IMPORTED_MODULE_2__/* .sinkStream */ .oq)(output.stdout)) : Promise.resolve();
    const forward = new node_stream__WEBPACK_IMPORTED_MODULE_0__.Writable({
        async write(chunk, _encoding, done) {
            await (0,_offer_js__WEBPACK_IMPORTED_MODULE_4__/* .offer */ .x)(stdin, chunk);
            done();
        },
        final(done) {
            stdin.end();
            done();
        }
    });
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)(input, forward);
    }
    catch (error) {
        await Promise.all([filter && (0,_process_js__WEBPACK_IMPORTED_MODULE_3__/* .stopChild */ .Dh)(filter.child, _process_js__WEBPACK_IMPORTED_MODULE_3__/* .CONSUMER_FAILED_GRACE_MS */ .Zc), (0,_process_js__WEBPACK_IMPORTED_MODULE_3__/* .stopChild */ .Dh)(fed.child, _process_js__WEBPACK_IMPORTED_MODULE_3__/* .CONSUMER_FAILED_GRACE_MS */ .Zc)]);
        await Promise.all([filter?.result, fed.result]);
        throw error;
    }
    const [filtered, result] = await Promise.all([filter?.result, fed.result, reading.catch(() => undefined)]);
    if (filtered && (filtered.exitCode !== 0 || filtered.timedOut))
        throw new Error((0,_process_js__WEBPACK_IMPORTED_MODULE_3__/* .describeFailure */ .Ic)(through?.command ?? '', filtered, through?.timeoutMs));
    return result;
}
/** Passes bytes through, failing unless the stream starts with `signature`. */
function signatureCheck(signature, failure) {
    let head = Buffer.alloc(0);
    let checked = false;
    return new node_stream__WEBPACK_IMPORTED_MODULE_0__.Transform({
        transform(chunk, _encoding, done) {
            if (!checked) {
                head = Buffer.concat([head, chunk.subarray(0, signature.length - head.length)]);
                if (head.length === signature.length) {
                    if (!head.equals(signature))
                        return done(new Error(failure));
                    checked = true;
                }
            }
            done(null, chunk);
        },
        flush(done) {
            done(checked ? null : new Error(failure));
        }
    });
}


/***/ }),

/***/ 86918:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ offer)
/* harmony export */ });
/** Writes to a reader with its backpressure; once the reader has gone (failed or exited), writes nothing. */
async function offer(stream, chunk) {
    if (stream.destroyed || stream.write(chunk))
        return;
    await new Promise((resolve) => {
        const settle = () => {
            stream.off('drain', settle);
            stream.off('close', settle);
            resolve();
        };
        stream.once('drain', settle);
        stream.once('close', settle);
    });
}


/***/ })

};
