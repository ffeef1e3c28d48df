export const id = 494;
export const ids = [494];
export const modules = {

/***/ 99494:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SqlRowCounter: () => (/* binding */ SqlRowCounter),
/* harmony export */   loadDump: () => (/* binding */ loadDump),
/* harmony export */   mysqlRestorer: () => (/* binding */ mysqlRestorer),
/* harmony export */   restoreCheck: () => (/* binding */ restoreCheck),
/* harmony export */   tableRows: () => (/* binding */ tableRows)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _actions_io__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88701);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(46193);
/* harmony import */ var node_string_decoder__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_string_decoder__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(70017);
/* harmony import */ var _util_dump_stream_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9185);
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(22017);
/* harmony import */ var _util_secret_file_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(19925);
/* harmony import */ var _mysql_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(65345);
/* harmony import */ var _restore_input_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(27884);
/* harmony import */ var _contents_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(15297);













const CLIENT_HINT = 'install a MariaDB or MySQL client (for example `sudo apt-get install mariadb-client`)';
const CREATE_TABLE = /^CREATE TABLE `((?:[^`]|``)+)` \(/;
const INSERT = /^INSERT INTO `((?:[^`]|``)+)` VALUES ?/;
function identifier(quoted) {
    return quoted.replace(/``/g, '`');
}
/**
 * Counts the rows of each table in a mysqldump or mariadb-dump script as it streams past: the
 * top-level parenthesised tuples of each INSERT's VALUES list (one line or one row a line, as the
 * tool writes them), strings skipped; a table without rows still has its CREATE TABLE. Newlines
 * inside values are escaped by the tools, so a statement starts at the start of a line.
 */
class SqlRowCounter {
    rows = new Map();
    partial = '';
    insert;
    // A character split between two chunks is joined before it is read.
    decoder = new node_string_decoder__WEBPACK_IMPORTED_MODULE_5__.StringDecoder('utf8');
    push(chunk) {
        const lines = (this.partial + this.decoder.write(chunk)).split('\n');
        this.partial = lines.pop() ?? '';
        for (const line of lines)
            this.line(line);
    }
    finish() {
        this.line(this.partial + this.decoder.end());
        this.partial = '';
        return this.rows;
    }
    line(line) {
        if (this.insert)
            return this.scan(this.insert, line);
        const created = CREATE_TABLE.exec(line);
        if (created) {
            const table = identifier(created[1]);
            this.rows.set(table, this.rows.get(table) ?? 0);
            return;
        }
        const insert = INSERT.exec(line);
        if (insert) {
            this.insert = { table: identifier(insert[1]), depth: 0, quote: '' };
            this.scan(this.insert, line.slice(insert[0].length));
        }
    }
    scan(insert, text) {
        let rows = 0;
        for (let i = 0; i < text.length; i++) {
            const char = text[i];
            if (insert.quote) {
                if (char === '\\')
                    i++;
                else if (char === insert.quote)
                    insert.quote = '';
            }
            else if (char === "'" || char === '"')
                insert.quote = char;
            else if (char === '(') {
                if (insert.depth === 0)
                    rows++;
                insert.depth++;
            }
            else if (char === ')')
                insert.depth--;
            else if (char === ';' && insert.depth === 0) {
                this.insert = undefined;
                break;
            }
        }
        this.rows.set(insert.table, (this.rows.get(insert.table) ?? 0) + rows);
    }
}
async function clientProgram() {
    for (const name of ['mariadb', 'mysql']) {
        const path = await _actions_io__WEBPACK_IMPORTED_MODULE_1__/* .which */ .K7(name, false);
        if (path)
            return path;
    }
    throw new Error(`neither mariadb nor mysql was found on PATH: ${CLIENT_HINT}`);
}
function clientArgs(optionFilePath, database, extra) {
    return [`--defaults-file=${optionFilePath}`, ...(0,_mysql_js__WEBPACK_IMPORTED_MODULE_10__.connectionArgs)(database), '--connect-timeout=30', ...extra, '--', database.name];
}
function failure(what, result, database, timeoutMs) {
    const described = (0,_util_process_js__WEBPACK_IMPORTED_MODULE_8__/* .describeFailure */ .Ic)(what, result, timeoutMs);
    const explanation = result.timedOut ? undefined : (0,_mysql_js__WEBPACK_IMPORTED_MODULE_10__.explainFailure)(result.stderr, database);
    return new Error(explanation ? `${explanation}: ${described}` : described);
}
function sqlString(text) {
    return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
/** Runs one query in the database; its tab-separated rows. */
async function query(database, workDir, sql, timeoutMs, cleanup = false) {
    const client = await clientProgram();
    const result = await (0,_util_secret_file_js__WEBPACK_IMPORTED_MODULE_9__/* .withSecretFile */ .N)(workDir, 'client.cnf', (0,_mysql_js__WEBPACK_IMPORTED_MODULE_10__.optionFile)(database), (optionFilePath) => (0,_util_process_js__WEBPACK_IMPORTED_MODULE_8__/* .runTool */ .qI)({
        command: client,
        args: clientArgs(optionFilePath, database, ['--batch', '--skip-column-names', '--raw', `--execute=${sql}`]),
        env: (0,_mysql_js__WEBPACK_IMPORTED_MODULE_10__.clientEnv)(optionFilePath),
        timeoutMs,
        cleanup
    }));
    if (result.exitCode !== 0 || result.timedOut)
        throw failure((0,node_path__WEBPACK_IMPORTED_MODULE_3__.basename)(client), result, database, timeoutMs);
    return result.stdout.split('\n').filter(Boolean).map((line) => line.split('\t'));
}
/** Exact row counts of every base table of the database (information_schema's are estimates). */
async function tableRows(database, workDir, timeoutMs) {
    const tables = (await query(database, workDir, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'", timeoutMs)).map(([name]) => name);
    const rows = new Map();
    if (tables.length === 0)
        return rows;
    const counts = tables.map((name) => `SELECT ${sqlString(name)}, COUNT(*) FROM ${quoteIdentifier(name)}`).join(' UNION ALL ');
    for (const [name, count] of await query(database, workDir, counts, timeoutMs))
        rows.set(name, Number(count));
    return rows;
}
/**
 * Feeds the dump, decompressed as it streams, to the client, counting each table's rows on the
 * way. The dump drops and recreates each of its tables, and touches nothing else.
 */
async function loadDump(database, file, workDir, timeoutMs) {
    const client = await clientProgram();
    const counter = new SqlRowCounter();
    const counting = new node_stream__WEBPACK_IMPORTED_MODULE_4__.Transform({
        transform(chunk, _encoding, done) {
            counter.push(chunk);
            done(null, chunk);
        }
    });
    const input = await (0,_restore_input_js__WEBPACK_IMPORTED_MODULE_11__/* .decompressedStream */ .Do)(file, counting);
    const result = await (0,_util_secret_file_js__WEBPACK_IMPORTED_MODULE_9__/* .withSecretFile */ .N)(workDir, 'client.cnf', (0,_mysql_js__WEBPACK_IMPORTED_MODULE_10__.optionFile)(database), (optionFilePath) => (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_7__/* .runFed */ .PX)({
        command: client,
        args: clientArgs(optionFilePath, database, ['--batch', '--binary-mode', '--default-character-set=utf8mb4', '--max-allowed-packet=1G']),
        env: (0,_mysql_js__WEBPACK_IMPORTED_MODULE_10__.clientEnv)(optionFilePath),
        timeoutMs
    }, input));
    if (result.exitCode !== 0 || result.timedOut)
        throw failure(`${(0,node_path__WEBPACK_IMPORTED_MODULE_3__.basename)(client)} loading the dump`, result, database, timeoutMs);
    return counter.finish();
}
const UNITS = { object: 'rows', holder: 'table' };
function quoteIdentifier(name) {
    return `\`${name.replace(/`/g, '``')}\``;
}
/**
 * Loads the new dump into a scratch database on the same server, then checks that every table
 * holds as many rows as the dump does. The scratch database is dropped whatever happens.
 */
async function restoreCheck({ database, file, workDir, timeoutMs }) {
    const scratchName = `restore_check_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_2__.randomBytes)(4).toString('hex')}`;
    const scratch = { ...database, name: scratchName };
    try {
        await query(database, workDir, `CREATE DATABASE ${quoteIdentifier(scratchName)}`, timeoutMs).catch((error) => {
            throw new Error(`restore-check could not create the scratch database ${scratchName} (the user needs CREATE and DROP on it): ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .g)(error)}`);
        });
        const dumped = await loadDump(scratch, file, workDir, timeoutMs);
        const differences = (0,_contents_js__WEBPACK_IMPORTED_MODULE_12__/* .contentDifferences */ .Ye)(dumped, await tableRows(scratch, workDir, timeoutMs), UNITS);
        if (differences.length > 0)
            throw new Error(`the restored database differs from the dump: ${(0,_contents_js__WEBPACK_IMPORTED_MODULE_12__/* .differencesText */ .GQ)(differences)}`);
        const rows = [...dumped.values()].reduce((sum, count) => sum + count, 0);
        return { 'restore check': `${dumped.size} tables, ${rows} rows restored into a scratch database and matched` };
    }
    finally {
        await query(database, workDir, `DROP DATABASE IF EXISTS ${quoteIdentifier(scratchName)}`, timeoutMs, true).catch((error) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`the scratch database ${scratchName} could not be dropped: drop it by hand (${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .g)(error)})`));
    }
}
const mysqlRestorer = {
    units: UNITS,
    restoreCheck,
    usesClient: true,
    sharedHolders: false,
    restoredObjects: (archive) => archive.size,
    contents: tableRows,
    async restore({ database, file, workDir, timeoutMs }) {
        const archive = await loadDump(database, file, workDir, timeoutMs);
        const rows = [...archive.values()].reduce((sum, count) => sum + count, 0);
        return { archive, figures: { restored: `${archive.size} tables, ${rows} rows` } };
    }
};


/***/ }),

/***/ 27884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Do: () => (/* binding */ decompressedStream),
/* harmony export */   dC: () => (/* binding */ plainFile)
/* harmony export */ });
/* unused harmony export storedCompression */
/* harmony import */ var _util_compression_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31714);
/* harmony import */ var _util_dump_stream_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9185);
/* harmony import */ var _util_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(75787);



/** What the restores read a stored backup through: the file, decompressed by what its magic numbers say. */
async function storedCompression(file) {
    return (0,_util_compression_js__WEBPACK_IMPORTED_MODULE_0__/* .compressionOf */ .MB)(await (0,_util_files_js__WEBPACK_IMPORTED_MODULE_2__/* .readHead */ .zy)(file, 4));
}
/**
 * The file's content, decompressed as it streams when its first bytes say gzip or zstd, and
 * passed through `checks`; a damaged or cut stream, or a failed check, fails the reader (the same
 * decoders verify-integrity reads backups with).
 */
async function decompressedStream(file, ...checks) {
    return (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_1__/* .decoded */ .DH)((0,_util_compression_js__WEBPACK_IMPORTED_MODULE_0__/* .storedBytes */ .Zk)(file), await storedCompression(file), ...checks);
}
/**
 * The file itself when it is not compressed, else its content decompressed into `target` (a tool
 * that reads a file can seek in it: pg_restore --jobs needs that).
 */
async function plainFile(file, target) {
    if ((await storedCompression(file)) === 'none')
        return file;
    await (0,_util_files_js__WEBPACK_IMPORTED_MODULE_2__/* .saveStream */ .SI)(await decompressedStream(file), target);
    return target;
}


/***/ })

};
