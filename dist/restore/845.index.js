export const id = 845;
export const ids = [845];
export const modules = {

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
// EXTERNAL MODULE: ./src/util/dump-feed.ts
var dump_feed = __webpack_require__(62445);
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
// EXTERNAL MODULE: ./src/engines/postgresql/target-content.ts
var target_content = __webpack_require__(58417);
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
    const session = (0,dump_feed/* runFed */.PX)((0,postgresql_psql/* psqlCommand */.K9)(psql, database, SCRIPT_ON_STDIN, { timeoutMs }), input, {
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
    const source = new content/* CopyRowCounter */.W();
    const result = await (0,dump_feed/* runFed */.PX)((0,postgresql_psql/* psqlCommand */.K9)(psql, database, SCRIPT_ON_STDIN, { env: target_content/* DATA_SESSION_ENV */.Q2, timeoutMs }), external_node_stream_.Readable.from([sourceScript(snapshot, tables.map((table) => archive.rawName(table)), archive.encoding)]), { stdout: (chunk) => source.push(chunk) });
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
        ? (0,dump_feed/* decoded */.DH)(stored, 'none', new util_compression/* ZstdFrameCheck */.vB())
        : (0,dump_feed/* decoded */.DH)(stored, compression, (0,dump_feed/* signatureCheck */.DW)(PGDMP, 'the dump does not start with the PGDMP signature of a pg_dump custom-format archive'));
    let tables = 0;
    let partial = '';
    const result = await (0,dump_feed/* runFed */.PX)(
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
        const env = { ...(0,connection/* passwordEnv */.F)(database), ...target_content/* DATA_SESSION_ENV */.Q2 };
        const args = dumpArgs(database, outside ? 0 : compression.level, options);
        const capture = async (snapshot) => {
            const dump = { command: pgDump, args: snapshot ? [...args, `--snapshot=${snapshot}`] : args, env, timeoutMs };
            const data = snapshot ? new content/* CopyRowCounter */.W() : undefined;
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

/***/ 9185:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
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
/* harmony import */ var _offer_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(86918);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(59274);











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
                await (0,_offer_js__WEBPACK_IMPORTED_MODULE_10__/* .offer */ .x)(toCheck, chunk);
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
                await Promise.all([target.write(chunk), plaintext ? undefined : (0,_offer_js__WEBPACK_IMPORTED_MODULE_10__/* .offer */ .x)(toCheck, chunk)]);
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


/***/ })

};
