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


/***/ })

};
