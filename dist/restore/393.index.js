export const id = 393;
export const ids = [393];
export const modules = {

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


/***/ })

};
