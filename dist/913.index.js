export const id = 913;
export const ids = [913];
export const modules = {

/***/ 67913:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   authEnv: () => (/* binding */ authEnv),
/* harmony export */   connectionArgs: () => (/* binding */ connectionArgs),
/* harmony export */   explainFailure: () => (/* binding */ explainFailure),
/* harmony export */   rdbVersion: () => (/* binding */ rdbVersion),
/* harmony export */   redis: () => (/* binding */ redis)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _actions_io__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88701);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var _tools_find_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(93192);
/* harmony import */ var _util_compression_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(31714);
/* harmony import */ var _util_crc64_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(56332);
/* harmony import */ var _util_dump_stream_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(9185);
/* harmony import */ var _util_dump_feed_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(62445);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(70017);
/* harmony import */ var _util_files_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(75787);
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(59274);
/* harmony import */ var _shared_failure_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(2299);
/* harmony import */ var _shared_snapshot_js__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(97461);

















const CLIENT_HINT = 'install redis-cli (for example `sudo apt-get install redis-tools`)';
/** db-url parameters that become redis-cli TLS options; `insecure` is a flag. */
const URL_TLS_OPTIONS = new Set(['sni', 'cacert', 'cacertdir', 'cert', 'key', 'tls-ciphers', 'tls-ciphersuites', 'insecure']);
/** `REDIS` and a four-digit format version. */
const HEADER = /^REDIS(\d{4})$/;
const EOF_OPCODE = 0xff;
const CHECKSUM_BYTES = 8;
/** RDB files carry a CRC-64 from format version 5 (Redis 2.6) on. */
const FIRST_VERSION_WITH_CHECKSUM = 5;
function bareHost(host) {
    return host.replace(/^\[(.*)\]$/, '$1');
}
/**
 * Where and as whom to connect; the password is not here: it travels in REDISCLI_AUTH. An ACL
 * user's name can reach redis-cli only as `--user` (it reads no variable for it): a name, not a
 * secret. A lone user-info (`redis://PASSWORD@host`) is the password, as redis-cli reads it, and
 * never a user here (src/config/parse.ts).
 */
function connectionArgs(database) {
    const args = database.host.startsWith('/') ? ['-s', database.host] : ['-h', bareHost(database.host), '-p', String(database.port)];
    if (database.user)
        args.push('--user', database.user);
    const tlsOptions = [];
    for (const [key, value] of Object.entries(database.params)) {
        if (!URL_TLS_OPTIONS.has(key)) {
            throw new Error(`db-url parameter "${key}" is not supported for redis: use one of ${[...URL_TLS_OPTIONS].join(', ')}`);
        }
        if (key === 'insecure') {
            if (value !== 'false')
                tlsOptions.push('--insecure');
        }
        else {
            tlsOptions.push(`--${key}`, value);
        }
    }
    if (database.urlProtocol === 'rediss:')
        args.push('--tls', ...tlsOptions);
    else if (tlsOptions.length > 0)
        throw new Error('db-url TLS parameters need a rediss:// URL');
    return args;
}
function authEnv(database) {
    return database.password ? { REDISCLI_AUTH: database.password } : {};
}
/** What a failure of `redis-cli --rdb` means, in words; undefined for others. */
function explainFailure(stderr, database) {
    if (/WRONGPASS|invalid password|AUTH failed/i.test(stderr)) {
        return `authentication failed: the server rejected ${database.user ? `user "${database.user}" with ` : ''}this password`;
    }
    if (/NOAUTH/.test(stderr))
        return 'the server requires a password: set db-password (and db-user for an ACL user)';
    if (/NOPERM/.test(stderr)) {
        return (`the server refused SYNC/replication: ${database.user ? `user "${database.user}"` : 'this user'} may not run SYNC ` +
            '(an ACL user needs +sync, or +@admin); managed Redis services often block it for every user');
    }
    if (/SYNC with master failed|unknown command .?(?:P?SYNC)/i.test(stderr)) {
        return ('the server refused SYNC/replication: managed Redis services (ElastiCache, MemoryDB, Azure Cache and others) often block it, ' +
            'and then redis-cli --rdb cannot take a backup; use the service\'s own snapshots or export, or a server that allows SYNC');
    }
    if (/Could not connect|Connection refused|Name or service not known|timed out/i.test(stderr)) {
        return `cannot connect to the server at ${database.host.startsWith('/') ? database.host : `${bareHost(database.host)}:${database.port}`}`;
    }
    return undefined;
}
const failure = (0,_shared_failure_js__WEBPACK_IMPORTED_MODULE_15__/* .failureExplainedBy */ .g)(explainFailure);
/** The RDB format version of a file's first 9 bytes, or an error if they are not an RDB header. */
function rdbVersion(head) {
    const match = HEADER.exec(head.subarray(0, 9).toString('latin1'));
    if (!match)
        throw new Error('the file does not start with the REDIS magic and a four-digit version of an RDB file');
    return Number(match[1]);
}
/**
 * Passes an RDB stream through while checking its header, and that it ends with the EOF opcode
 * followed by the CRC-64 of everything before it, as Redis writes it. A checksum of 0 means the
 * server has rdbchecksum off; formats before version 5 end with the EOF opcode alone.
 */
class RdbCheck extends node_stream__WEBPACK_IMPORTED_MODULE_5__.Transform {
    version = 0;
    checksum = 'not stored';
    head = Buffer.alloc(0);
    crc = (0,_util_crc64_js__WEBPACK_IMPORTED_MODULE_9__/* .redisCrc64 */ .Wu)();
    held = Buffer.alloc(0);
    lastBodyByte = -1;
    _transform(chunk, _encoding, done) {
        try {
            if (this.version === 0) {
                this.head = Buffer.concat([this.head, chunk.subarray(0, 9 - this.head.length)]);
                if (this.head.length === 9)
                    this.version = rdbVersion(this.head);
            }
            // The last bytes are held back until the end: the CRC-64 covers everything before the checksum.
            const joined = Buffer.concat([this.held, chunk]);
            const body = joined.subarray(0, Math.max(0, joined.length - this.trailerBytes()));
            if (body.length > 0) {
                this.crc.update(body);
                this.lastBodyByte = body[body.length - 1];
            }
            this.held = Buffer.from(joined.subarray(body.length));
            done(null, chunk);
        }
        catch (error) {
            done(error);
        }
    }
    _flush(done) {
        try {
            if (this.version === 0)
                rdbVersion(this.head);
            this.checksum = this.finish();
            done();
        }
        catch (error) {
            done(error);
        }
    }
    /** Until the header is read, as many bytes as a checksum are held. */
    trailerBytes() {
        return this.version === 0 || this.version >= FIRST_VERSION_WITH_CHECKSUM ? CHECKSUM_BYTES : 0;
    }
    finish() {
        const trailerBytes = this.trailerBytes();
        if (this.held.length < trailerBytes || this.lastBodyByte !== EOF_OPCODE) {
            throw new Error('the RDB file does not end with the EOF marker and checksum Redis writes last: it was cut short');
        }
        if (trailerBytes === 0)
            return 'not in this format';
        const stored = this.held.readBigUInt64LE(0);
        if (stored === 0n)
            return 'not stored';
        const computed = this.crc.digest();
        if (stored !== computed) {
            throw new Error(`the RDB file's CRC-64 is ${computed.toString(16)} but it says ${stored.toString(16)}: the file is damaged`);
        }
        return 'match';
    }
}
/** Reads stored RDB bytes to their end, decompressed, through RdbCheck; the decompressed RDB is written to `copy` if given. */
async function checkRdbStream(stored, compression, copy) {
    const rdb = new RdbCheck();
    const sink = copy ? (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.createWriteStream)(copy, { mode: 0o600 }) : (0,_util_compression_js__WEBPACK_IMPORTED_MODULE_8__/* .sinkStream */ .oq)(() => undefined);
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_6__.pipeline)((0,_util_dump_feed_js__WEBPACK_IMPORTED_MODULE_11__/* .decoded */ .DH)(stored, compression, rdb), sink);
    if (rdb.checksum === 'not stored') {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e('the RDB file carries no checksum (rdbchecksum is off on the server): only its structure can be checked');
    }
    const checksumFigure = {
        match: 'match (whole file read)',
        'not stored': 'not stored (rdbchecksum off on the server)',
        'not in this format': `none before RDB version ${FIRST_VERSION_WITH_CHECKSUM}`
    }[rdb.checksum];
    return { 'RDB version': rdb.version, 'CRC-64': checksumFigure };
}
/** The RDB checked by its CRC-64 and by redis-check-rdb, which reads only a file: a compressed one is decompressed beside it first. */
async function verifyFile(file, workDir, timeoutMs) {
    const compression = (0,_util_compression_js__WEBPACK_IMPORTED_MODULE_8__/* .compressionOfName */ .Vd)(file);
    if (compression === 'none') {
        const figures = await checkRdbStream((0,_util_compression_js__WEBPACK_IMPORTED_MODULE_8__/* .storedBytes */ .Zk)(file), 'none');
        return { ...figures, 'redis-check-rdb': await runChecker(file, Number(figures['RDB version']), timeoutMs) };
    }
    const plain = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(workDir, `${(0,node_path__WEBPACK_IMPORTED_MODULE_4__.basename)(file)}.rdb`);
    try {
        const figures = await checkRdbStream((0,_util_compression_js__WEBPACK_IMPORTED_MODULE_8__/* .storedBytes */ .Zk)(file), compression, plain);
        return { ...figures, 'read through': `whole ${compression} stream`, 'redis-check-rdb': await runChecker(plain, Number(figures['RDB version']), timeoutMs) };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rm)(plain, { force: true });
    }
}
/** redis-check-rdb prints its findings on stdout: the lines that say what is wrong. */
function checkerFindings(result) {
    const lines = `${result.stdout}\n${result.stderr}`.split('\n').map((line) => line.trim());
    const wrong = lines.filter((line) => /RDB ERROR|\[offset \d+\] (?!Checking|AUX FIELD|Selecting|Checksum OK)/.test(line));
    return (wrong.length ? wrong : lines.filter(Boolean).slice(-4)).join(' | ');
}
async function runChecker(file, version, timeoutMs) {
    const checker = await _actions_io__WEBPACK_IMPORTED_MODULE_1__/* .which */ .K7('redis-check-rdb', false);
    if (!checker)
        return 'not installed: the header and the CRC-64 were checked, not the contents';
    const result = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_14__/* .runTool */ .qI)({ command: checker, args: [file], timeoutMs });
    if (!(0,_util_process_js__WEBPACK_IMPORTED_MODULE_14__/* .toolFailed */ .QA)(result)) {
        const keys = /(\d+) keys read/.exec(result.stdout);
        return keys ? `OK, ${keys[1]} keys read` : 'OK';
    }
    const findings = checkerFindings(result);
    // An older checker than the server cannot read the newer format at all: that says nothing about the file.
    if (/Can't handle RDB format version/i.test(findings)) {
        const note = `${checker} is older than the server and cannot read RDB format version ${version}: only the header and the CRC-64 were checked`;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(note);
        return note;
    }
    throw new Error(result.timedOut ? (0,_util_process_js__WEBPACK_IMPORTED_MODULE_14__/* .describeFailure */ .Ic)('redis-check-rdb', result, timeoutMs) : `redis-check-rdb found the RDB file damaged: ${findings}`);
}
const EXTENSIONS = { zstd: 'rdb.zst', gzip: 'rdb.gz', none: 'rdb' };
/**
 * redis-cli writes the RDB to a file; compressed, that file is a transfer file beside the backup,
 * compressed into it while redis-check-rdb reads it and the compressed bytes are read back
 * through the CRC-64. (`redis-cli --rdb -` would stream, but 7.0.15 appends the 40-byte end mark
 * of a diskless transfer to stdout; only the file mode cuts it off.) Measured: zstd-1 stores an
 * RDB of JSON values in a third of its size, in 5 % of the transfer's time (bench/RESULTS.md).
 */
const redis = {
    /** used_memory of INFO memory: an RDB is usually smaller (LZF, no overhead), never much larger. */
    async estimateSize(database, _workDir, timeoutMs) {
        const redisCli = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_7__/* .requireTool */ .Y)('redis-cli', CLIENT_HINT);
        const result = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_14__/* .runTool */ .qI)({ command: redisCli, args: [...connectionArgs(database), 'INFO', 'memory'], env: authEnv(database), timeoutMs });
        const used = /^used_memory:(\d+)/m.exec(result.stdout)?.[1];
        if ((0,_util_process_js__WEBPACK_IMPORTED_MODULE_14__/* .toolFailed */ .QA)(result) || used === undefined)
            throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_14__/* .describeFailure */ .Ic)('redis-cli INFO memory', result, timeoutMs));
        return Number(used);
    },
    fileExtension: (compression) => EXTENSIONS[compression.name],
    // Header (9 bytes), the EOF opcode and the checksum: an RDB of an empty server without metadata.
    minimumSizeBytes: 18,
    async snapshot({ database, workDir, fileName, timeoutMs, compression, encryption, open }) {
        const connection = connectionArgs(database);
        const redisCli = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_7__/* .requireTool */ .Y)('redis-cli', CLIENT_HINT);
        const versionResult = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_14__/* .runTool */ .qI)({ command: redisCli, args: ['--version'] });
        (0,_util_process_js__WEBPACK_IMPORTED_MODULE_14__/* .requireSuccess */ .z_)(`${redisCli} --version`, versionResult);
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(workDir, fileName);
        // redis-cli writes a file, never a pipe: compressed, encrypted or streamed (staging stream), that
        // transfer file is sent on into the backup (it is on disk while it is sent).
        const transfer = compression.name === 'none' && !encryption && !open ? file : (0,node_path__WEBPACK_IMPORTED_MODULE_4__.join)(workDir, 'transfer.rdb');
        // redis-cli writes the file itself, and checks the transfer's length (or end marker) before it says success.
        const result = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_14__/* .runTool */ .qI)({ command: redisCli, args: [...connection, '--rdb', transfer], env: authEnv(database), timeoutMs });
        if ((0,_util_process_js__WEBPACK_IMPORTED_MODULE_14__/* .toolFailed */ .QA)(result))
            throw failure('redis-cli --rdb', result, database, timeoutMs);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.chmod)(transfer, 0o600);
        const figures = {
            client: versionResult.stdout.trim(),
            'client path': redisCli,
            transfer: /Transfer finished with success[^\n]*/.exec(result.stderr)?.[0] ?? 'finished'
        };
        if (transfer === file)
            return { file, ...(await (0,_util_files_js__WEBPACK_IMPORTED_MODULE_13__/* .hashFile */ .DC)(file)), figures: { ...figures, compression: "none (RDB's own LZF on values)" } };
        try {
            const version = rdbVersion(await (0,_util_files_js__WEBPACK_IMPORTED_MODULE_13__/* .readHead */ .zy)(transfer, 9));
            const [stored, checker] = await Promise.all([
                (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_10__/* .compressFile */ .Xi)(transfer, { compression, file, timeoutMs, encryption, open, check: (bytes) => checkRdbStream(bytes, compression.name) }),
                runChecker(transfer, version, timeoutMs).then((figure) => ({ figure }), (error) => ({ error: (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_12__/* .errorMessage */ .g)(error) }))
            ]);
            const readThrough = 'error' in stored.readThrough ? stored.readThrough : 'error' in checker ? checker : { figures: { ...stored.readThrough.figures, 'redis-check-rdb': checker.figure } };
            return (0,_shared_snapshot_js__WEBPACK_IMPORTED_MODULE_16__/* .storedSnapshot */ .s)(file, { ...stored, readThrough }, { ...figures, compression: stored.compressor });
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.rm)(transfer, { force: true });
        }
    },
    verify: ({ file, workDir, timeoutMs }) => verifyFile(file, workDir, timeoutMs)
};


/***/ }),

/***/ 2299:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ failureExplainedBy)
/* harmony export */ });
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(59274);

/** A failed tool run as an error: describeFailure's message, led by what `explain` makes of its stderr where it makes something of it. */
function failureExplainedBy(explain) {
    return (what, result, database, timeoutMs) => {
        const described = (0,_util_process_js__WEBPACK_IMPORTED_MODULE_0__/* .describeFailure */ .Ic)(what, result, timeoutMs);
        const explanation = result.timedOut ? undefined : explain(result.stderr, database);
        return new Error(explanation ? `${explanation}: ${described}` : described);
    };
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

/***/ 56332:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Wu: () => (/* binding */ redisCrc64),
/* harmony export */   jY: () => (/* binding */ goEcmaCrc64)
/* harmony export */ });
/* unused harmony export Crc64 */
/**
 * CRC-64 in its reflected (least significant bit first) form, on two 32-bit halves so that it
 * runs on plain numbers. Redis seals an RDB file with the Jones polynomial; mongodump seals each
 * collection of an archive with Go's hash/crc64 ECMA table.
 */
function makeTable(reflectedPolynomial) {
    const polyLo = Number(reflectedPolynomial & 0xffffffffn);
    const polyHi = Number(reflectedPolynomial >> 32n);
    const lo = new Uint32Array(8 * 256);
    const hi = new Uint32Array(8 * 256);
    for (let i = 0; i < 256; i++) {
        let crcLo = i;
        let crcHi = 0;
        for (let bit = 0; bit < 8; bit++) {
            const carry = crcLo & 1;
            crcLo = ((crcLo >>> 1) | ((crcHi & 1) << 31)) >>> 0;
            crcHi = crcHi >>> 1;
            if (carry) {
                crcLo = (crcLo ^ polyLo) >>> 0;
                crcHi = (crcHi ^ polyHi) >>> 0;
            }
        }
        lo[i] = crcLo;
        hi[i] = crcHi;
    }
    // Table k gives the effect of a byte followed by k zero bytes.
    for (let k = 1; k < 8; k++) {
        for (let i = 0; i < 256; i++) {
            const prevLo = lo[(k - 1) * 256 + i];
            const prevHi = hi[(k - 1) * 256 + i];
            const index = prevLo & 0xff;
            lo[k * 256 + i] = (((prevLo >>> 8) | (prevHi << 24)) ^ lo[index]) >>> 0;
            hi[k * 256 + i] = ((prevHi >>> 8) ^ hi[index]) >>> 0;
        }
    }
    return { lo, hi };
}
class Crc64 {
    table;
    xorOut;
    lo;
    hi;
    constructor(table, init, xorOut) {
        this.table = table;
        this.xorOut = xorOut;
        this.lo = Number(init & 0xffffffffn);
        this.hi = Number(init >> 32n);
    }
    update(data) {
        const tLo = this.table.lo;
        const tHi = this.table.hi;
        let lo = this.lo;
        let hi = this.hi;
        let i = 0;
        for (const whole = data.length - (data.length % 8); i < whole; i += 8) {
            const xLo = lo ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            const xHi = hi ^ (data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24));
            const b0 = 7 * 256 + (xLo & 0xff);
            const b1 = 6 * 256 + ((xLo >>> 8) & 0xff);
            const b2 = 5 * 256 + ((xLo >>> 16) & 0xff);
            const b3 = 4 * 256 + (xLo >>> 24);
            const b4 = 3 * 256 + (xHi & 0xff);
            const b5 = 2 * 256 + ((xHi >>> 8) & 0xff);
            const b6 = 256 + ((xHi >>> 16) & 0xff);
            const b7 = xHi >>> 24;
            lo = (tLo[b0] ^ tLo[b1] ^ tLo[b2] ^ tLo[b3] ^ tLo[b4] ^ tLo[b5] ^ tLo[b6] ^ tLo[b7]) >>> 0;
            hi = (tHi[b0] ^ tHi[b1] ^ tHi[b2] ^ tHi[b3] ^ tHi[b4] ^ tHi[b5] ^ tHi[b6] ^ tHi[b7]) >>> 0;
        }
        for (; i < data.length; i++) {
            const index = (lo ^ data[i]) & 0xff;
            lo = (tLo[index] ^ ((lo >>> 8) | (hi << 24))) >>> 0;
            hi = (tHi[index] ^ (hi >>> 8)) >>> 0;
        }
        this.lo = lo;
        this.hi = hi;
        return this;
    }
    /** The checksum as an unsigned 64-bit value. */
    digest() {
        return ((BigInt(this.hi) << 32n) | BigInt(this.lo)) ^ this.xorOut;
    }
}
const ALL_ONES = 0xffffffffffffffffn;
// Jones polynomial 0xad93d23594c935a9, bit-reversed; Redis starts from 0 and does not invert.
const redisTable = makeTable(0x95ac9329ac4bc9b5n);
// Go's crc64.ECMA constant is already the reversed form; Go inverts before and after (CRC-64/XZ).
const goEcmaTable = makeTable(0xc96c5795d7870f42n);
/** The checksum Redis stores in the last 8 bytes of an RDB file (little-endian). */
function redisCrc64() {
    return new Crc64(redisTable, 0n, 0n);
}
/** Go's crc64.New(crc64.MakeTable(crc64.ECMA)), as mongodump uses for each collection of an archive. */
function goEcmaCrc64() {
    return new Crc64(goEcmaTable, ALL_ONES, ALL_ONES);
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


/***/ })

};
