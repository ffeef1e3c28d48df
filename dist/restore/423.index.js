export const id = 423;
export const ids = [423];
export const modules = {

/***/ 67423:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jr: () => (/* binding */ restoreCheck),
/* harmony export */   Wc: () => (/* binding */ CopyRowCounter),
/* harmony export */   _u: () => (/* binding */ COUNT_ROWS),
/* harmony export */   tm: () => (/* binding */ psql)
/* harmony export */ });
/* unused harmony export rowCountDifferences */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _tools_find_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(93192);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70017);
/* harmony import */ var _util_compression_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(31714);
/* harmony import */ var _util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9185);
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(22017);
/* harmony import */ var _postgresql_connection_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(76966);








/** `\.`: the line that ends a COPY's data. */
const TERMINATOR = Buffer.from('\\.');
const COPY_START = Buffer.from('COPY ');
const FROM_STDIN = Buffer.from('FROM stdin;');
/**
 * The longest table name a COPY header can hold: schema and table, each at most 63 bytes
 * (NAMEDATALEN - 1), every byte a doubled quote at worst, plus their quotes and the dot.
 */
const MAX_NAME_BYTES = 2 * (2 * 63 + 2) + 1;
/**
 * Counts the rows of each table's data in a pg_restore SQL script, as it streams past: the lines
 * between `COPY <table> (...) FROM stdin;` and `\.`. COPY's text format escapes newlines inside
 * values, so a line is a row. It reads bytes, never a whole line: a row is known to be one from
 * its first byte (only `\.` is not), and of a line outside the data only a COPY header is kept,
 * its table name alone, so a row of any size passes through in time linear in its length and in
 * memory bounded by the longest name.
 */
class CopyRowCounter {
    rows = new Map();
    table;
    /** Bytes of the current line read so far. */
    lineBytes = 0;
    /** The current line is still what it may be: the terminator (in the data), a COPY header (outside). */
    candidate = true;
    header;
    name = Buffer.alloc(MAX_NAME_BYTES);
    nameBytes = 0;
    /** What the counter holds of the line being read: the table name of a COPY header, at most. */
    get retainedBytes() {
        return this.nameBytes;
    }
    push(chunk) {
        let from = 0;
        while (from < chunk.length) {
            const newline = chunk.indexOf(0x0a, from);
            const to = newline < 0 ? chunk.length : newline;
            if (this.candidate)
                this.read(chunk, from, to);
            this.lineBytes += to - from;
            if (newline < 0)
                return;
            this.endLine();
            from = newline + 1;
        }
    }
    /** Bytes [from, to) of the current line, while it may still be the terminator or a header. */
    read(chunk, from, to) {
        if (this.table !== undefined) {
            // Only the first bytes tell: a line longer than `\.` is a row.
            for (let i = from, at = this.lineBytes; i < to && this.candidate; i++, at++)
                this.candidate = at < TERMINATOR.length && chunk[i] === TERMINATOR[at];
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
    endLine() {
        if (this.table !== undefined) {
            if (this.candidate && this.lineBytes === TERMINATOR.length)
                this.table = undefined;
            else
                this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + 1);
        }
        else if (this.candidate && this.header?.at === 'from' && this.header.matched === FROM_STDIN.length) {
            this.table = this.name.toString('utf8', 0, this.nameBytes);
            this.rows.set(this.table, this.rows.get(this.table) ?? 0);
        }
        this.lineBytes = 0;
        this.candidate = true;
        this.header = undefined;
        this.nameBytes = 0;
    }
}
/** Exact row counts of every ordinary table, named as pg_dump names them (quote_ident, schema-qualified). */
const COUNT_ROWS = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),
       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`;
async function psql(database, sql, timeoutMs, cleanup = false) {
    const psqlPath = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_2__/* .requireTool */ .Y)('psql', 'install the PostgreSQL client (psql)');
    const result = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .runTool */ .qI)({
        command: psqlPath,
        args: ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--field-separator=\t', '--set=ON_ERROR_STOP=1', `--command=${sql}`, `--dbname=${(0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .conninfo */ .Zf)(database)}`],
        env: (0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .passwordEnv */ .FX)(database),
        timeoutMs,
        cleanup
    });
    if (result.exitCode !== 0 || result.timedOut)
        throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .Ic)('psql', result, timeoutMs));
    return result.stdout;
}
function quoteIdentifier(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/** The archive in a dump file, decompressed if it was piped through zstd (`.dump.zst`), for pg_restore's stdin. */
function archive(file) {
    return (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .decoded */ .DH)((0,_util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .storedBytes */ .Zk)(file), (0,_util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .compressionOfName */ .Vd)(file));
}
/**
 * Restores the archive into a scratch database on the same server, then checks that every table
 * holds as many rows as the archive does. The scratch database is dropped whatever happens. The
 * comparison is with the archive, not with the live source, which may have changed since.
 */
async function restoreCheck({ database, file, timeoutMs }) {
    const pgRestore = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_2__/* .requireTool */ .Y)('pg_restore', 'install the PostgreSQL client (pg_restore)');
    const counter = new CopyRowCounter();
    const script = await (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .runFed */ .PX)({ command: pgRestore, args: ['--data-only', '--file=-'], timeoutMs }, archive(file), { stdout: (chunk) => counter.push(chunk) });
    if (script.exitCode !== 0 || script.timedOut)
        throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .Ic)('pg_restore reading the table data', script, timeoutMs));
    const scratchName = `restore_check_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(4).toString('hex')}`;
    const scratch = { ...database, name: scratchName };
    try {
        await psql(database, `CREATE DATABASE ${quoteIdentifier(scratchName)}`, timeoutMs).catch((error) => {
            throw new Error(`restore-check could not create the scratch database ${scratchName} (the user needs CREATEDB): ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(error)}`);
        });
        const restore = await (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .runFed */ .PX)({
            command: pgRestore,
            args: ['--no-owner', '--no-privileges', '--exit-on-error', '--no-password', `--dbname=${(0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .conninfo */ .Zf)(scratch)}`],
            env: (0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .passwordEnv */ .FX)(database),
            timeoutMs
        }, archive(file));
        if (restore.exitCode !== 0 || restore.timedOut)
            throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .Ic)('restoring into the scratch database: pg_restore', restore, timeoutMs));
        const restored = new Map();
        for (const line of (await psql(scratch, COUNT_ROWS, timeoutMs)).split('\n').filter(Boolean)) {
            const [table, count] = line.split('\t');
            restored.set(table, Number(count));
        }
        const differences = rowCountDifferences(counter.rows, restored);
        if (differences.length > 0) {
            throw new Error(`the restored database differs from the dump: ${differences.slice(0, 5).join('; ')}${differences.length > 5 ? '; ...' : ''}`);
        }
        const rows = [...counter.rows.values()].reduce((sum, count) => sum + count, 0);
        return { 'restore check': `${counter.rows.size} tables, ${rows} rows restored into a scratch database and matched` };
    }
    finally {
        await dropScratch(database, scratchName, timeoutMs);
    }
}
/** Each table of the dump whose rows did not all come back. */
function rowCountDifferences(dumped, restored) {
    const differences = [];
    for (const [table, rows] of dumped) {
        const got = restored.get(table);
        if (got !== rows)
            differences.push(`${table}: ${rows} in the dump, ${got ?? 'no table'} restored`);
    }
    return differences;
}
async function dropScratch(database, name, timeoutMs) {
    try {
        // FORCE (PostgreSQL 13 and newer) ends connections a failed restore may have left.
        await psql(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`, timeoutMs, true).catch(() => psql(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`, timeoutMs, true));
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`the scratch database ${name} could not be dropped: drop it by hand (${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(error)})`);
    }
}


/***/ }),

/***/ 93192:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ requireTool)
/* harmony export */ });
/* harmony import */ var _actions_io__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88701);

/** Absolute path of a program on PATH, or an error that says how to get it. */
async function requireTool(name, hint) {
    const path = await _actions_io__WEBPACK_IMPORTED_MODULE_0__/* .which */ .K7(name, false);
    if (!path)
        throw new Error(`${name} was not found on PATH: ${hint}`);
    return path;
}


/***/ }),

/***/ 9185:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DH: () => (/* binding */ decoded),
/* harmony export */   DW: () => (/* binding */ signatureCheck),
/* harmony export */   PX: () => (/* binding */ runFed),
/* harmony export */   Xi: () => (/* binding */ compressFile),
/* harmony export */   xh: () => (/* binding */ captureDump)
/* harmony export */ });
/* unused harmony exports CheckFailedError, openFileSink */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _compression_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(31714);
/* harmony import */ var _encryption_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(43519);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(75787);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(70017);
/* harmony import */ var _streams_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(44177);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(22017);











/** Thrown by a capture whose check failed while the sink asked to stop at once. */
class CheckFailedError extends Error {
    finding;
    constructor(finding) {
        super(`the dump's check failed while it was written: ${finding}`);
        this.finding = finding;
        this.name = 'CheckFailedError';
    }
}
/** Runs the dump tool into the file through the compression, while hashing and checking the bytes written. */
async function captureDump({ dump, compression, file, check, encryption, open = openFileSink }) {
    const compressor = await (0,_compression_js__WEBPACK_IMPORTED_MODULE_5__/* .chooseCompressor */ .BS)(compression);
    const sink = await open(file);
    const dumper = (0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .startTracked */ .LS)(dump, ['ignore', 'pipe', 'pipe']);
    const program = compressor.program ? (0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .startTracked */ .LS)({ ...compressor.program, timeoutMs: dump.timeoutMs }, [dumper.child.stdout, 'pipe', 'pipe']) : undefined;
    // The compressor reads the dump tool's pipe itself: the action's own copy of it is closed, so a
    // compressor that dies makes the dump tool fail on its next write instead of waiting forever.
    if (program)
        dumper.child.stdout?.destroy();
    let stopped = false;
    const stop = () => {
        stopped = true;
        return (0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .stopChild */ .Dh)(dumper.child, _process_js__WEBPACK_IMPORTED_MODULE_9__/* .CONSUMER_FAILED_GRACE_MS */ .Zc);
    };
    let stored;
    try {
        stored = await store(heldOutput((program ?? dumper).child), { compressor, program, sink, check, encryption, timeoutMs: dump.timeoutMs }, stop);
    }
    catch (error) {
        // Whatever failed, the dump tool is not left running, and its exit is waited for.
        ;
        (program ?? dumper).child.stdout?.destroy();
        if (!stopped)
            await (0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .stopChild */ .Dh)(dumper.child, _process_js__WEBPACK_IMPORTED_MODULE_9__/* .CONSUMER_FAILED_GRACE_MS */ .Zc);
        const { stderr } = await dumper.result;
        if (!stopped)
            throw error;
        // Stopped because nothing read its output any more: what it said goes with the error, which may well be its doing.
        if (error instanceof CheckFailedError)
            throw stderr ? new CheckFailedError((0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .stoppedBecause */ .gG)(error.finding, dump.command, stderr)) : error;
        throw new Error((0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .stoppedBecause */ .gG)(error, dump.command, stderr), { cause: error });
    }
    const result = await dumper.result;
    // A failed dump leaves no partial file (or upload) behind: the caller reports the dump tool's failure.
    if (result.exitCode !== 0 || result.timedOut)
        await sink.discard(new Error('the dump tool failed'));
    return { ...stored, dump: result };
}
/** Compresses a local file (a dump a tool could only write to a file) into `file`, while hashing and checking the bytes written. */
async function compressFile(source, { compression, file, check, encryption, timeoutMs, open = openFileSink }) {
    const compressor = await (0,_compression_js__WEBPACK_IMPORTED_MODULE_5__/* .chooseCompressor */ .BS)(compression);
    const sink = await open(file);
    if (!compressor.program)
        return store((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(source, { highWaterMark: 1 << 20 }), { compressor, sink, check, encryption, timeoutMs }, async () => undefined);
    // The program reads the file by its name: no descriptor of ours to hand over and close.
    const { program: command } = compressor;
    const program = (0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .startTracked */ .LS)({ ...command, args: [...command.args, '--', source], timeoutMs }, ['ignore', 'pipe', 'pipe']);
    return store(heldOutput(program.child), { compressor, program, sink, check, encryption, timeoutMs }, async () => undefined);
}
/**
 * A child's stdout, read from now on. Node.js resumes (and so discards) the output of a child that
 * exits while nothing reads it yet: a compressor done with a small file before the store had opened
 * its file lost its whole output that way. The pipe holds the bytes, with backpressure, until read.
 */
function heldOutput(child) {
    return child.stdout.pipe(new node_stream__WEBPACK_IMPORTED_MODULE_3__.PassThrough({ highWaterMark: 1 << 20 }));
}
/** A new private file (mode 0600, never an existing one): staging disk. */
async function openFileSink(file) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(file, 'wx', 0o600);
    let closed = false;
    const close = async () => {
        if (closed)
            return;
        closed = true;
        await handle.close();
    };
    return {
        write: (chunk) => (0,_files_js__WEBPACK_IMPORTED_MODULE_7__/* .writeAll */ .f4)(handle, chunk),
        finish: async () => {
            await handle.sync();
            await close();
        },
        discard: async () => {
            await close().catch(() => undefined);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(file, { force: true });
        }
    };
}
/**
 * Writes `source` (through the compressor's stream, if it has one, then the encryption, if asked
 * for) to the sink, hashing the bytes written and handing the bytes before encryption to `check`.
 * Any failure stops the children for sure (the producer through `stop`, and the compressor
 * program), waits for them, and discards what the sink holds.
 */
async function store(source, { compressor, program, sink: target, check, encryption, timeoutMs }, stop) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    let sizeBytes = 0;
    const toCheck = new node_stream__WEBPACK_IMPORTED_MODULE_3__.PassThrough({ highWaterMark: 1 << 18 });
    let checkFailure;
    // Once the check has its answer, what it left unread is let through, so the file alone goes on.
    const readThrough = check(toCheck).then((figures) => {
        toCheck.resume();
        return { figures };
    }, (error) => {
        toCheck.destroy();
        if (target.stopOnCheckFailure) {
            checkFailure = new CheckFailedError((0,_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .errorMessage */ .g)(error));
            sink.destroy(checkFailure);
        }
        return { error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .errorMessage */ .g)(error) };
    });
    // Encrypted, the check reads the plaintext on its way into the encryption; else the file's own bytes, as they are written.
    const plaintext = encryption ? { hash: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256'), sizeBytes: 0 } : undefined;
    const plaintextTap = plaintext
        ? new node_stream__WEBPACK_IMPORTED_MODULE_3__.Transform({
            highWaterMark: 1 << 18,
            async transform(chunk, _encoding, done) {
                plaintext.hash.update(chunk);
                plaintext.sizeBytes += chunk.length;
                await (0,_streams_js__WEBPACK_IMPORTED_MODULE_10__/* .offer */ .x)(toCheck, chunk);
                done(null, chunk);
            }
        })
        : undefined;
    const sink = new node_stream__WEBPACK_IMPORTED_MODULE_3__.Writable({
        highWaterMark: 1 << 18,
        async write(chunk, _encoding, done) {
            try {
                hash.update(chunk);
                sizeBytes += chunk.length;
                await Promise.all([target.write(chunk), plaintext ? undefined : (0,_streams_js__WEBPACK_IMPORTED_MODULE_10__/* .offer */ .x)(toCheck, chunk)]);
                done();
            }
            catch (error) {
                done(error);
            }
        }
    });
    try {
        const encrypting = plaintextTap && encryption ? [plaintextTap, (0,_encryption_js__WEBPACK_IMPORTED_MODULE_6__/* .encryptStage */ .sZ)(encryption.recipients)] : [];
        const stages = [source, ...(compressor.transform ? [compressor.transform()] : []), ...encrypting, sink];
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(stages).catch(async (error) => {
            toCheck.destroy();
            await Promise.all([stop(), program && (0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .stopChild */ .Dh)(program.child, _process_js__WEBPACK_IMPORTED_MODULE_9__/* .CONSUMER_FAILED_GRACE_MS */ .Zc)]);
            throw checkFailure ?? error;
        });
        toCheck.end();
        await target.finish();
        const [programResult, checked] = await Promise.all([program?.result, readThrough]);
        if (programResult && (programResult.exitCode !== 0 || programResult.timedOut)) {
            throw new Error((0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .describeFailure */ .Ic)(`the compressor ${compressor.program?.command}`, programResult, timeoutMs));
        }
        if (checkFailure)
            throw checkFailure;
        const encrypted = plaintext && encryption ? { recipients: encryption.recipients.length, plaintextSha256: plaintext.hash.digest('hex'), plaintextBytes: plaintext.sizeBytes } : undefined;
        return { compressor: compressor.description, readThrough: checked, sha256: hash.digest('hex'), sizeBytes, ...(encrypted ? { encrypted } : {}) };
    }
    catch (error) {
        await target.discard(error);
        throw error;
    }
}
/**
 * The stored bytes decompressed and passed through `checks`, as one stream that fails if the
 * compression is damaged or cut short or a check fails.
 */
function decoded(stored, name, ...checks) {
    const stages = [...(0,_compression_js__WEBPACK_IMPORTED_MODULE_5__/* .decoders */ .SK)(name), ...checks];
    if (stages.length === 0)
        return stored;
    const last = stages[stages.length - 1];
    (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)([stored, ...stages]).catch(() => undefined); // an error reaches `last`, which the reader sees
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
    const filter = through ? (0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .startTracked */ .LS)(through, ['pipe', 'pipe', 'pipe']) : undefined;
    const fed = (0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .startTracked */ .LS)(command, [filter ? filter.child.stdout : 'pipe', output.stdout ? 'pipe' : 'ignore', 'pipe']);
    if (filter)
        filter.child.stdout?.destroy();
    const first = filter ?? fed;
    const stdin = first.child.stdin;
    stdin.on('error', () => undefined); // EPIPE when the reader exits early: its exit code says whether that was a failure
    if (output.stderr)
        fed.child.stderr?.on('data', output.stderr);
    const reading = output.stdout ? (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(fed.child.stdout, (0,_compression_js__WEBPACK_IMPORTED_MODULE_5__/* .sinkStream */ .oq)(output.stdout)) : Promise.resolve();
    const forward = new node_stream__WEBPACK_IMPORTED_MODULE_3__.Writable({
        async write(chunk, _encoding, done) {
            await (0,_streams_js__WEBPACK_IMPORTED_MODULE_10__/* .offer */ .x)(stdin, chunk);
            done();
        },
        final(done) {
            stdin.end();
            done();
        }
    });
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(input, forward);
    }
    catch (error) {
        await Promise.all([filter && (0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .stopChild */ .Dh)(filter.child, _process_js__WEBPACK_IMPORTED_MODULE_9__/* .CONSUMER_FAILED_GRACE_MS */ .Zc), (0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .stopChild */ .Dh)(fed.child, _process_js__WEBPACK_IMPORTED_MODULE_9__/* .CONSUMER_FAILED_GRACE_MS */ .Zc)]);
        await Promise.all([filter?.result, fed.result]);
        throw error;
    }
    const [filtered, result] = await Promise.all([filter?.result, fed.result, reading.catch(() => undefined)]);
    if (filtered && (filtered.exitCode !== 0 || filtered.timedOut))
        throw new Error((0,_process_js__WEBPACK_IMPORTED_MODULE_9__/* .describeFailure */ .Ic)(through?.command ?? '', filtered, through?.timeoutMs));
    return result;
}
/** Passes bytes through, failing unless the stream starts with `signature`. */
function signatureCheck(signature, failure) {
    let head = Buffer.alloc(0);
    let checked = false;
    return new node_stream__WEBPACK_IMPORTED_MODULE_3__.Transform({
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

/***/ 44177:
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
