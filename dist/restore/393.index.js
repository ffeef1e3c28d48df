export const id = 393;
export const ids = [393];
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








/**
 * Counts the rows of each table's data in a pg_restore SQL script, as it streams past: the lines
 * between `COPY <table> (...) FROM stdin;` and `\.`. COPY's text format escapes newlines inside
 * values, so a line is a row.
 */
class CopyRowCounter {
    rows = new Map();
    table;
    partial = '';
    push(chunk) {
        const lines = (this.partial + chunk.toString('utf8')).split('\n');
        this.partial = lines.pop() ?? '';
        for (const line of lines)
            this.line(line);
    }
    line(line) {
        if (this.table === undefined) {
            const copy = /^COPY (.+?) (?:\(.*\) )?FROM stdin;$/.exec(line);
            if (copy) {
                this.table = copy[1];
                this.rows.set(this.table, this.rows.get(this.table) ?? 0);
            }
        }
        else if (line === '\\.') {
            this.table = undefined;
        }
        else {
            this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + 1);
        }
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

/***/ 81393:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dumpArgs: () => (/* binding */ dumpArgs),
/* harmony export */   listDatabases: () => (/* binding */ listDatabases),
/* harmony export */   postgresql: () => (/* binding */ postgresql)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _actions_io__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88701);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _tools_find_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(93192);
/* harmony import */ var _util_compression_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(31714);
/* harmony import */ var _util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9185);
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(22017);
/* harmony import */ var _dump_options_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(98897);
/* harmony import */ var _postgresql_connection_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(76966);
/* harmony import */ var _postgresql_restore_check_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(67423);










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
async function readThrough(stored, compression, timeoutMs) {
    const pgRestore = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_3__/* .requireTool */ .Y)('pg_restore', 'install the PostgreSQL client (pg_restore)');
    // The zstd program decompresses straight into pg_restore: measured at a third of the CPU of
    // passing the decompressed archive through the action. It checks the frame and its checksum.
    const unzstd = compression === 'zstd' ? await _actions_io__WEBPACK_IMPORTED_MODULE_1__/* .which */ .K7('zstd', false) : '';
    const archive = unzstd
        ? (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .decoded */ .DH)(stored, 'none', new _util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .ZstdFrameCheck */ .vB())
        : (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .decoded */ .DH)(stored, compression, (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .signatureCheck */ .DW)(PGDMP, 'the dump does not start with the PGDMP signature of a pg_dump custom-format archive'));
    let tables = 0;
    let partial = '';
    const result = await (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .runFed */ .PX)({ command: pgRestore, args: ['--verbose', '--file=/dev/null'], timeoutMs }, archive, {
        stderr: (chunk) => {
            const lines = (partial + chunk.toString('utf8')).split('\n');
            partial = lines.pop() ?? '';
            tables += lines.filter((line) => line.startsWith('pg_restore: processing data for table')).length;
        }
    }, unzstd ? { command: unzstd, args: ['-d', '-q', '-c'], timeoutMs } : undefined);
    if (result.exitCode !== 0 || result.timedOut)
        throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .Ic)('pg_restore reading the whole archive', result, timeoutMs));
    // An empty database dumps to a valid archive; every table, even an empty one, has a data entry.
    if (tables === 0)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e('the archive holds no table data: the database has no tables');
    return {
        'read through': `pg_restore --file=/dev/null${compression === 'zstd' ? ', every zstd frame and checksum' : ''}`,
        'tables with data': tables
    };
}
/** pg_dump's arguments: the custom format on its output, then the tables and exclusions (patterns), then dump-args. */
function dumpArgs(database, compressLevel, options) {
    return [
        '--format=custom',
        `--compress=${compressLevel}`,
        '--no-password',
        `--dbname=${(0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_8__/* .conninfo */ .Zf)(database)}`,
        ...options.tables.map((pattern) => `--table=${pattern}`),
        ...options.excludeTables.map((pattern) => `--exclude-table=${pattern}`),
        ...options.args
    ];
}
const postgresql = {
    fileExtension: (compression) => (piped(compression) ? 'dump.zst' : 'dump'),
    // The header and table of contents of a dump of an empty database already take more than this.
    minimumSizeBytes: 100,
    async snapshot({ database, workDir, fileName, timeoutMs, compression, encryption, options = _dump_options_js__WEBPACK_IMPORTED_MODULE_7__/* .NO_DUMP_OPTIONS */ .M, open }) {
        // The client was chosen (and checked against the server's version) before this step: it is first on PATH.
        const pgDump = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_3__/* .requireTool */ .Y)('pg_dump', 'install the PostgreSQL client (pg_dump)');
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(workDir, fileName);
        const outside = piped(compression);
        const dump = { command: pgDump, args: dumpArgs(database, outside ? 0 : compression.level, options), env: (0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_8__/* .passwordEnv */ .FX)(database), timeoutMs };
        const capture = await (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .captureDump */ .xh)({
            dump,
            compression: outside ? compression : NO_COMPRESSION,
            file,
            check: (stored) => readThrough(stored, outside ? compression.name : 'none', timeoutMs),
            encryption,
            open
        });
        if (capture.dump.exitCode !== 0 || capture.dump.timedOut)
            throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .Ic)('pg_dump', capture.dump, timeoutMs));
        return {
            file,
            sha256: capture.sha256,
            sizeBytes: capture.sizeBytes,
            figures: { command: (0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .commandLine */ .ay)(dump), compression: outside ? capture.compressor : `${(0,_util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .describeCompression */ .uR)(compression)} (pg_dump, inside the archive)` },
            readThrough: capture.readThrough,
            encrypted: capture.encrypted
        };
    },
    verify: ({ file, timeoutMs }) => readThrough((0,_util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .storedBytes */ .Zk)(file), (0,_util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .compressionOfName */ .Vd)(file), timeoutMs),
    async estimateSize(database, _workDir, timeoutMs) {
        const psql = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_3__/* .requireTool */ .Y)('psql', 'install the PostgreSQL client (psql)');
        const result = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .runTool */ .qI)({
            command: psql,
            args: ['--no-password', '--no-psqlrc', '--tuples-only', '--no-align', '--command=SELECT pg_database_size(current_database())', `--dbname=${(0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_8__/* .conninfo */ .Zf)(database)}`],
            env: (0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_8__/* .passwordEnv */ .FX)(database),
            timeoutMs
        });
        if (result.exitCode !== 0 || result.timedOut)
            throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .Ic)('psql asking pg_database_size', result, timeoutMs));
        return Number(result.stdout.trim());
    }
};
// Each name as a JSON string, one a line: a name with a line break in it stays one name.
const LIST_DATABASES = `SELECT to_json(datname)::text FROM pg_database
WHERE datallowconn AND NOT datistemplate AND has_database_privilege(datname, 'CONNECT') ORDER BY datname`;
/** db-name `*`: the databases that allow connections and that the user may connect to, templates left out. */
const listDatabases = async ({ database, timeoutMs }) => (await (0,_postgresql_restore_check_js__WEBPACK_IMPORTED_MODULE_9__/* .psql */ .tm)(database, LIST_DATABASES, timeoutMs))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));


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
