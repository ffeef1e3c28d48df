export const id = 724;
export const ids = [724];
export const modules = {

/***/ 30808:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hI: () => (/* binding */ clientEnv),
/* harmony export */   n0: () => (/* binding */ bareHost),
/* harmony export */   qj: () => (/* binding */ optionFile),
/* harmony export */   y2: () => (/* binding */ onlyOptionFile),
/* harmony export */   yO: () => (/* binding */ connectionArgs)
/* harmony export */ });
/* unused harmony exports optionFileValue, pluginDirEnv */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);


/** How the MySQL and MariaDB clients connect: where to, with which options, and the option file that holds the password. */
/**
 * db-url query parameters handed to the client as options: the TLS settings. MySQL's client
 * knows ssl-mode and get-server-public-key, MariaDB's knows ssl and ssl-verify-server-cert; a
 * client rejects an option it does not know, which is the clear error wanted.
 */
const URL_CLIENT_OPTIONS = new Set([
    'ssl',
    'ssl-mode',
    'ssl-ca',
    'ssl-capath',
    'ssl-cert',
    'ssl-key',
    'ssl-cipher',
    'ssl-crl',
    'ssl-crlpath',
    'ssl-verify-server-cert',
    'tls-version',
    'get-server-public-key',
    'server-public-key-path'
]);
function bareHost(host) {
    return host.replace(/^\[(.*)\]$/, '$1');
}
/**
 * A value for a MySQL option file, read by the same code in MySQL and MariaDB: double quotes keep
 * `#` (a comment otherwise), quotes and leading or trailing spaces; inside them the reader turns
 * `\\`, `\"`, `\n`, `\r`, `\t` and `\b` back into the character.
 */
function optionFileValue(value) {
    const escapes = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b' };
    return `"${value.replace(/[\\"\n\r\t\b]/g, (char) => escapes[char])}"`;
}
/** The [client] option file: the only place the password is written. */
function optionFile(database) {
    const lines = ['[client]'];
    if (database.user)
        lines.push(`user=${optionFileValue(database.user)}`);
    if (database.password)
        lines.push(`password=${optionFileValue(database.password)}`);
    return `${lines.join('\n')}\n`;
}
/**
 * Where to connect. A host name, even localhost, goes over TCP (the client would otherwise look
 * for a local socket file); a host that is a path is that socket file.
 */
function connectionArgs(database) {
    const args = database.host.startsWith('/')
        ? [`--socket=${database.host}`]
        : [`--host=${bareHost(database.host)}`, `--port=${database.port}`, '--protocol=TCP'];
    for (const [key, value] of Object.entries(database.params)) {
        if (!URL_CLIENT_OPTIONS.has(key)) {
            throw new Error(`db-url parameter "${key}" is not supported for ${database.type}: use one of ${[...URL_CLIENT_OPTIONS].join(', ')}`);
        }
        args.push(`--${key}=${value}`);
    }
    return args;
}
/**
 * The option file as the only one read: no /etc/mysql/my.cnf, no ~/.my.cnf that could connect as
 * another user. Its [client] group is read as from any option file. It must be the first argument.
 */
function onlyOptionFile(optionFilePath) {
    return `--defaults-file=${optionFilePath}`;
}
/**
 * MySQL's clients read the login-path file (~/.mylogin.cnf) even with --defaults-file; pointing
 * MYSQL_TEST_LOGIN_FILE at a file that does not exist turns it off (MariaDB's clients have none).
 */
function clientEnv(optionFilePath, program) {
    return { MYSQL_TEST_LOGIN_FILE: `${optionFilePath}.no-login-paths`, ...pluginDirEnv(program) };
}
/**
 * A client unpacked from a tarball (the tool cache) looks for its authentication plugins
 * (caching_sha2_password.so for MySQL 8+ users, mysql_native_password.so in MySQL 9's client) in
 * the directory it was built for, /usr/local/mysql/lib/plugin, not beside itself: point MariaDB's
 * and MySQL's client libraries at the tarball's own lib/plugin. Packaged clients find theirs.
 */
function pluginDirEnv(program) {
    if (!program)
        return {};
    const pluginDir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(program)), 'lib', 'plugin');
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(pluginDir))
        return {};
    const env = {};
    if (!process.env.MARIADB_PLUGIN_DIR)
        env.MARIADB_PLUGIN_DIR = pluginDir;
    if (!process.env.LIBMYSQL_PLUGIN_DIR)
        env.LIBMYSQL_PLUGIN_DIR = pluginDir;
    return env;
}


/***/ }),

/***/ 16724:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SqlDumpScanner: () => (/* reexport */ SqlDumpScanner),
  chooseDumpTool: () => (/* reexport */ mysql_pairing/* chooseDumpTool */.OS),
  dumpTableData: () => (/* binding */ dumpTableData),
  listDatabases: () => (/* binding */ listDatabases),
  mysql: () => (/* binding */ mysql),
  parseDumpToolVersion: () => (/* reexport */ mysql_pairing/* parseDumpToolVersion */.OG),
  parseServerVersion: () => (/* reexport */ mysql_pairing/* parseServerVersion */.xA)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/util/compression.ts
var util_compression = __webpack_require__(31714);
// EXTERNAL MODULE: ./src/util/dump-stream.ts
var dump_stream = __webpack_require__(9185);
// EXTERNAL MODULE: ./src/util/process.ts + 1 modules
var process = __webpack_require__(59274);
// EXTERNAL MODULE: ./src/config/dump-args.ts + 1 modules
var dump_args = __webpack_require__(80933);
// EXTERNAL MODULE: ./src/util/secret-file.ts
var secret_file = __webpack_require__(19925);
// EXTERNAL MODULE: ./src/engines/mysql/connection.ts
var connection = __webpack_require__(30808);
// EXTERNAL MODULE: ./src/engines/mysql/pairing.ts
var mysql_pairing = __webpack_require__(702);
;// CONCATENATED MODULE: ./src/engines/mysql/dump-args.ts



/** The dump tool's command line: the options every dump takes, the pairing's own, the backup's. */
/** The pairing's own options as one figure: each option and why it was chosen. */
function describeOptions(tool, server, options) {
    if (options.length === 0)
        return `none beyond the common ones: ${(0,mysql_pairing/* describeTool */.WH)(tool)} needs none for ${(0,mysql_pairing/* describeServer */.X8)(server)}`;
    return options.map(({ option, reason }) => `${option}: ${reason}`).join('; ');
}
/**
 * What a read of the table data back leaves out of a dump: everything but the rows and each
 * table's CREATE TABLE, which is how the reader learns a table that has no rows.
 */
const DATA_ONLY = ['--skip-triggers', '--skip-routines', '--skip-events', '--skip-comments'];
function dumpArgs(optionFilePath, database, tool, server, options = dump_args/* NO_DUMP_OPTIONS */.M, dataOnly = false, history = false) {
    return [
        (0,connection/* onlyOptionFile */.y2)(optionFilePath),
        ...(0,connection/* connectionArgs */.yO)(database),
        // One consistent InnoDB snapshot, taken without locking tables (it turns --lock-tables off).
        '--single-transaction',
        // Rows are streamed from the server one by one instead of being buffered whole in the client.
        '--quick',
        '--routines',
        '--events',
        '--triggers',
        '--hex-blob',
        '--default-character-set=utf8mb4',
        // The largest row the server can send; the client's default (24 MB or less) fails on larger ones.
        '--max-allowed-packet=1G',
        // Tablespaces are NDB-only, and dumping them needs the PROCESS privilege on MySQL 8.0.21+.
        '--no-tablespaces',
        // What this tool needs for this server: GTIDs, column statistics (see pairing.ts).
        ...(0,mysql_pairing/* pairingOptions */.f6)(tool, server).map(({ option }) => option),
        ...options.excludeTables.map((table) => `--ignore-table=${database.name}.${table}`),
        ...options.args,
        ...(dataOnly ? DATA_ONLY : []),
        // The rows of system-versioned tables with their history (versionedTables decides).
        ...(history ? ['--dump-history'] : []),
        // The end of the options: a database or table name is never read as one.
        '--',
        database.name,
        ...options.tables
    ];
}

// EXTERNAL MODULE: ./src/tools/versions.ts
var versions = __webpack_require__(62578);
;// CONCATENATED MODULE: ./src/engines/mysql/dump-caveats.ts


/** What a dump holds otherwise than the server does, said by the backup: FLOAT columns rounded, the history of system-versioned tables. */
/** The warning and figure for FLOAT columns the dump holds rounded (roundedFloatColumns). */
function floatPlan(columns) {
    if (columns.length === 0)
        return {};
    const named = columns.length > 5 ? `${columns.slice(0, 5).join(', ')} and ${columns.length - 5} more` : columns.join(', ');
    return {
        figure: `rounded to 6 significant digits in the dump: ${named}`,
        warning: `the FLOAT columns ${named} are backed up as the server writes them, rounded to 6 significant digits, and restore as the float nearest that: ` +
            'a value with more digits comes back changed, and no check can see it. Use DOUBLE (or DECIMAL) for values that must round-trip exactly'
    };
}
/**
 * Whether the dump can hold the history of the database's system-versioned tables (mariadb-dump
 * --dump-history, MariaDB 10.11 and newer, timestamp-based history only), and the warning that
 * names each table whose history it cannot hold: a backup without it still says SUCCESS.
 */
function historyPlan(tool, server, tables) {
    if (tables.length === 0)
        return { history: false };
    const names = tables.map((table) => table.name).join(', ');
    const able = tool.family === 'mariadb' && server.family === 'mariadb' && (0,versions/* compareVersions */.Zy)(tool.version, '10.11.0') >= 0 && (0,versions/* compareVersions */.Zy)(server.version, '10.11.0') >= 0;
    const precise = tables.filter((table) => table.transactionPrecise).map((table) => table.name);
    if (able && precise.length === 0)
        return { history: true, figure: `with their history (--dump-history): ${names}` };
    const why = precise.length > 0
        ? `mariadb-dump cannot dump transaction-precise history (${precise.join(', ')})`
        : `only mariadb-dump 10.11 and newer dumps history, from a MariaDB 10.11 or newer server (here ${(0,mysql_pairing/* describeTool */.WH)(tool)}, ${(0,mysql_pairing/* describeServer */.X8)(server)})`;
    return {
        history: false,
        figure: `current rows only, history left out: ${names}`,
        warning: `the system-versioned tables ${names} are backed up without their history: ${why}. Their current rows are in the backup`
    };
}

// EXTERNAL MODULE: ./src/engines/mysql/failures.ts
var failures = __webpack_require__(95303);
// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: ./src/util/dump-feed.ts
var dump_feed = __webpack_require__(62445);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
;// CONCATENATED MODULE: ./src/engines/mysql/read-through.ts




/** MariaDB's dump tools write this first since May 2024; `/*!` at first, `/*M!` (which MySQL skips) since. */
const SANDBOX_LINE = /^\/\*M?!999999\\- enable the sandbox mode \*\/$/;
const HEADER = /^-- (?:MySQL|MariaDB) dump\b/;
const TRAILER = '-- Dump completed';
const TABLE_MARK = '\n-- Table structure for table ';
/**
 * What both tools write, and go on, where SHOW CREATE PROCEDURE or FUNCTION gave no body: the
 * user lacks SHOW_ROUTINE (MySQL 8.0.20+) or SELECT on mysql.proc (MariaDB). The routine is then
 * missing from a dump that otherwise completes.
 */
const UNREADABLE_ROUTINE_MARK = '\n-- insufficient privileges to SHOW CREATE ';
const HEAD_BYTES = 4096;
const TAIL_BYTES = 4096;
/** Counts a marker in a stream of chunks, including one split between two chunks. */
class MarkCounter {
    count = 0;
    needle;
    carry = Buffer.alloc(0);
    constructor(needle) {
        this.needle = Buffer.from(needle);
    }
    push(chunk) {
        for (let at = chunk.indexOf(this.needle); at !== -1; at = chunk.indexOf(this.needle, at + this.needle.length))
            this.count++;
        // A mark split between two chunks lies wholly inside this join, and no whole mark fits in either part.
        const join = Buffer.concat([this.carry, chunk.subarray(0, this.needle.length - 1)]);
        if (this.carry.length > 0 && join.indexOf(this.needle) !== -1)
            this.count++;
        const keep = this.needle.length - 1;
        const kept = chunk.length >= keep ? chunk : Buffer.concat([this.carry, chunk]);
        this.carry = Buffer.from(kept.subarray(Math.max(0, kept.length - keep)));
    }
}
/**
 * Reads a SQL dump as it streams past, keeping only its first and last few kilobytes: enough to
 * check the tool's header line and the `-- Dump completed` line that it writes last.
 */
class SqlDumpScanner {
    head = Buffer.alloc(0);
    tail = Buffer.alloc(0);
    bytes = 0;
    tables = new MarkCounter(TABLE_MARK);
    unreadableRoutines = new MarkCounter(UNREADABLE_ROUTINE_MARK);
    push(chunk) {
        if (this.head.length < HEAD_BYTES)
            this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
        this.tables.push(chunk);
        this.unreadableRoutines.push(chunk);
        const joined = chunk.length >= TAIL_BYTES ? chunk : Buffer.concat([this.tail, chunk]);
        this.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - TAIL_BYTES)));
        this.bytes += chunk.length;
    }
    /** The header and trailer lines, or an error saying which is missing. */
    finish() {
        if (this.bytes === 0)
            throw new Error('the dump is empty');
        const lines = this.head.toString('utf8').split('\n', 3);
        const header = (SANDBOX_LINE.test(lines[0].trim()) ? lines[1] : lines[0])?.trim() ?? '';
        if (!HEADER.test(header)) {
            throw new Error(`the dump does not start with the header line of mysqldump or mariadb-dump (it starts with "${header.slice(0, 60)}")`);
        }
        const trailer = this.tail.toString('utf8').trimEnd().split('\n').pop()?.trim() ?? '';
        if (!trailer.startsWith(TRAILER)) {
            throw new Error(`the dump does not end with the "${TRAILER}" line the dump tool writes last: it was cut short (it ends with "${trailer.slice(-60)}")`);
        }
        if (this.unreadableRoutines.count > 0) {
            throw new Error(`the dump tool could not read the body of ${this.unreadableRoutines.count} stored routine(s) ("insufficient privileges to SHOW CREATE"): ` +
                'they are missing from the dump. Grant the backup user SHOW_ROUTINE (MySQL 8.0.20+) or SELECT on mysql.proc (MariaDB)');
        }
        return { header, trailer, tables: this.tables.count, bytes: this.bytes };
    }
}
/** Reads the stored bytes to their end: the compressed stream whole, then the dump's header and trailer lines. */
async function readThrough(stored, compression) {
    const scanner = new SqlDumpScanner();
    try {
        await (0,promises_.pipeline)((0,dump_feed/* decoded */.DH)(stored, compression), (0,util_compression/* sinkStream */.oq)((chunk) => scanner.push(chunk)));
    }
    catch (error) {
        const what = compression === 'none' ? 'reading the dump failed' : `the ${compression} stream of the dump is damaged or cut short`;
        throw new Error(`${what}: ${(0,errors/* errorMessage */.g)(error)}`);
    }
    const dump = scanner.finish();
    return {
        'read through': compression === 'none' ? 'whole file' : `whole ${compression} stream`,
        'SQL bytes': dump.bytes,
        tables: dump.tables,
        header: dump.header,
        trailer: dump.trailer
    };
}

// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js
var io = __webpack_require__(88701);
;// CONCATENATED MODULE: ./src/engines/mysql/server-queries.ts






/** The clients and dump tools installed, and what the backup asks the server through the client. */
async function firstOnPath(names) {
    for (const name of names) {
        const path = await io/* which */.K7(name, false);
        if (path)
            return path;
    }
    return undefined;
}
async function installedDumpTools() {
    const tools = [];
    for (const name of ['mariadb-dump', 'mysqldump']) {
        const path = await io/* which */.K7(name, false);
        if (!path)
            continue;
        const result = await (0,process/* runTool */.qI)({ command: path, args: ['--version'] });
        (0,process/* requireSuccess */.z_)(`${path} --version`, result);
        tools.push({ path, ...(0,mysql_pairing/* parseDumpToolVersion */.OG)(result.stdout) });
    }
    return tools;
}
/** Runs one query with the client, in the database; its output, tab-separated rows. */
async function clientQuery(client, optionFilePath, database, sql, timeoutMs) {
    const result = await (0,process/* runTool */.qI)({
        command: client,
        args: [
            (0,connection/* onlyOptionFile */.y2)(optionFilePath),
            ...(0,connection/* connectionArgs */.yO)(database),
            '--connect-timeout=30',
            '--batch',
            '--skip-column-names',
            `--execute=${sql}`,
            '--',
            database.name
        ],
        env: (0,connection/* clientEnv */.hI)(optionFilePath, client),
        timeoutMs
    });
    if ((0,process/* toolFailed */.QA)(result))
        throw (0,failures/* failure */.V)(`connecting with ${(0,external_node_path_.basename)(client)}`, result, database, timeoutMs);
    return result.stdout;
}
/** clientQuery's rows, each split into its fields (as --batch writes them: see unescapeBatch). */
async function clientRows(client, optionFilePath, database, sql, timeoutMs) {
    return (await clientQuery(client, optionFilePath, database, sql, timeoutMs))
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t'));
}
async function readServerVersion(client, optionFilePath, database, timeoutMs) {
    return (0,mysql_pairing/* parseServerVersion */.xA)(await clientQuery(client, optionFilePath, database, 'SELECT VERSION(), @@version_comment', timeoutMs));
}
/** `table.column` of every generated column of the database (not DEFAULT_GENERATED ones: those take values). */
async function generatedColumns(client, optionFilePath, database, timeoutMs) {
    const sql = 'SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ' +
        "AND EXTRA IN ('VIRTUAL GENERATED', 'STORED GENERATED') ORDER BY TABLE_NAME, ORDINAL_POSITION";
    return (await clientRows(client, optionFilePath, database, sql, timeoutMs)).map((fields) => fields.join('.'));
}
/** What the client's --batch output escapes in a value (a line break, a tab, a backslash, NUL), put back. */
function unescapeBatch(value) {
    return value.replace(/\\([nt0\\])/g, (_, code) => ({ n: '\n', t: '\t', '0': '\0', '\\': '\\' })[code] ?? code);
}
async function versionedTables(client, optionFilePath, database, timeoutMs) {
    const sql = 'SELECT t.TABLE_NAME, MAX(c.DATA_TYPE) FROM information_schema.TABLES t LEFT JOIN information_schema.COLUMNS c ' +
        "ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME AND c.GENERATION_EXPRESSION = 'ROW START' " +
        "WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'SYSTEM VERSIONED' GROUP BY t.TABLE_NAME ORDER BY t.TABLE_NAME";
    return (await clientRows(client, optionFilePath, database, sql, timeoutMs)).map(([name, rowStartType]) => ({ name: unescapeBatch(name), transactionPrecise: rowStartType === 'bigint' }));
}
/**
 * The database's FLOAT columns without a declared scale: the server writes their values as text
 * of 6 significant digits (8/3, stored as 2.6666667461395264, as 2.66667), so the dump holds
 * them rounded, and a restore gives the float nearest that text. Every check compares the
 * dump's text and cannot see it: the backup says so instead.
 */
async function roundedFloatColumns(client, optionFilePath, database, options, timeoutMs) {
    const sql = "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE = 'float' AND NUMERIC_SCALE IS NULL " +
        "AND TABLE_NAME IN (SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')) " +
        'ORDER BY TABLE_NAME, ORDINAL_POSITION';
    return (await clientRows(client, optionFilePath, database, sql, timeoutMs))
        .map((fields) => fields.map(unescapeBatch))
        .filter(([table]) => (options.tables.length === 0 || options.tables.includes(table)) && !options.excludeTables.includes(table))
        .map(([table, column]) => `${table}.${column}`);
}

// EXTERNAL MODULE: ./src/engines/shared/snapshot.ts
var snapshot = __webpack_require__(97461);
;// CONCATENATED MODULE: ./src/engines/mysql/engine.ts















/** Serves db-type mysql and mariadb: the server's family, not the input, decides which dump tool fits. */

// bench/backup.ts reads dumps with it.

const CLIENT_HINT = 'install a MariaDB or MySQL client (for example `sudo apt-get install mariadb-client`, or `mysql-client` for a MySQL server)';
const EXTENSIONS = { gzip: 'sql.gz', zstd: 'sql.zst', none: 'sql' };
/** db-name `*`: what SHOW DATABASES shows the user. */
const listDatabases = async ({ database, workDir, timeoutMs }) => {
    const client = await firstOnPath(['mariadb', 'mysql']);
    if (!client)
        throw new Error('neither mariadb nor mysql was found on PATH to list the databases: install a MariaDB or MySQL client');
    const names = await (0,secret_file/* withSecretFile */.N)(workDir, 'client.cnf', (0,connection/* optionFile */.qj)(database), (optionFilePath) => clientQuery(client, optionFilePath, database, 'SHOW DATABASES', timeoutMs));
    return names.split('\n').filter(Boolean).map(unescapeBatch);
};
/** Data and index bytes of the database's tables as information_schema has them (InnoDB's figures are estimates). */
async function estimateSize(database, workDir, timeoutMs) {
    const client = await firstOnPath(['mariadb', 'mysql']);
    if (!client)
        throw new Error(`neither mariadb nor mysql was found on PATH: ${CLIENT_HINT}`);
    const sql = 'SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = DATABASE()';
    const output = await (0,secret_file/* withSecretFile */.N)(workDir, 'estimate.cnf', (0,connection/* optionFile */.qj)(database), (optionFilePath) => clientQuery(client, optionFilePath, database, sql, timeoutMs));
    return Number(output.trim());
}
/**
 * The database's table data (or only `table`'s) as the dump tool writes it with the backup's own
 * value options (--hex-blob, utf8mb4, ...), data only, streamed to `push`: how a restored
 * database is read back for the content digests, the same text for the same rows.
 */
async function dumpTableData(database, workDir, timeoutMs, push, history = false, table) {
    const client = await firstOnPath(['mariadb', 'mysql']);
    if (!client)
        throw new Error(`neither mariadb nor mysql was found on PATH (it reads the server's version): ${CLIENT_HINT}`);
    const tools = await installedDumpTools();
    if (tools.length === 0)
        throw new Error(`neither mariadb-dump nor mysqldump was found on PATH (it reads the restored rows back): ${CLIENT_HINT}`);
    await (0,secret_file/* withSecretFile */.N)(workDir, 'read-back.cnf', (0,connection/* optionFile */.qj)(database), async (optionFilePath) => {
        const server = await readServerVersion(client, optionFilePath, database, timeoutMs);
        const tool = (0,mysql_pairing/* chooseDumpTool */.OS)(tools, server);
        if (!tool)
            throw new Error((0,mysql_pairing/* pairingRefusal */.Hp)(tools[0], server));
        // A table named after the database is matched by its exact name (the tools escape LIKE's wildcards in it).
        const options = table === undefined ? dump_args/* NO_DUMP_OPTIONS */.M : { ...dump_args/* NO_DUMP_OPTIONS */.M, tables: [table] };
        const command = { command: tool.path, args: dumpArgs(optionFilePath, database, tool, server, options, true, history), env: (0,connection/* clientEnv */.hI)(optionFilePath, tool.path), timeoutMs };
        const result = await (0,process/* runStreaming */.SL)(command, push);
        if ((0,process/* toolFailed */.QA)(result))
            throw (0,failures/* failure */.V)(`${(0,external_node_path_.basename)(tool.path)} reading the restored rows back`, result, database, timeoutMs);
    });
}
const mysql = {
    fileExtension: (compression) => EXTENSIONS[compression.name],
    estimateSize,
    // Header, settings and trailer of a dump of an empty database take several hundred bytes, compressed or not.
    minimumSizeBytes: 100,
    async snapshot({ database, workDir, fileName, timeoutMs, compression, encryption, options: dumpOptions, open }) {
        // Everything that can be wrong without the server fails before connecting: the db-url
        // parameters (connectionArgs refuses unknown ones) and the tools.
        (0,connection/* connectionArgs */.yO)(database);
        const client = await firstOnPath(['mariadb', 'mysql']);
        if (!client)
            throw new Error(`neither mariadb nor mysql was found on PATH (it reads the server's version): ${CLIENT_HINT}`);
        const tools = await installedDumpTools();
        if (tools.length === 0)
            throw new Error(`neither mariadb-dump nor mysqldump was found on PATH: ${CLIENT_HINT}`);
        const file = (0,external_node_path_.join)(workDir, fileName);
        return (0,secret_file/* withSecretFile */.N)(workDir, 'client.cnf', (0,connection/* optionFile */.qj)(database), async (optionFilePath) => {
            const server = await readServerVersion(client, optionFilePath, database, timeoutMs);
            const tool = (0,mysql_pairing/* chooseDumpTool */.OS)(tools, server);
            if (!tool) {
                // Nothing installed can dump this server: refuse before dumping, naming both versions.
                const preferred = tools.find((candidate) => candidate.family === server.family) ?? tools[0];
                throw new Error((0,mysql_pairing/* pairingRefusal */.Hp)(preferred, server));
            }
            if (tool.family === 'mariadb' && server.family === 'mysql') {
                const refusal = (0,mysql_pairing/* generatedColumnsRefusal */.tn)(tool, server, await generatedColumns(client, optionFilePath, database, timeoutMs));
                if (refusal)
                    throw new Error(refusal);
            }
            if (tool.family !== server.family) {
                core/* warning */.$e(`the server is ${mysql_pairing/* FAMILY_NAME */.R4[server.family]} ${server.version} but ${(0,mysql_pairing/* describeTool */.WH)(tool)} dumps it: ` +
                    `${server.family === 'mysql' ? "mysqldump from MySQL's client" : "mariadb-dump from MariaDB's client"} knows its extensions`);
            }
            const pairing = (0,mysql_pairing/* pairingOptions */.f6)(tool, server);
            const versioned = server.family === 'mariadb' ? historyPlan(tool, server, await versionedTables(client, optionFilePath, database, timeoutMs)) : { history: false };
            if ('warning' in versioned && versioned.warning)
                core/* warning */.$e(versioned.warning);
            const floats = server.family === 'mariadb' ? floatPlan(await roundedFloatColumns(client, optionFilePath, database, dumpOptions ?? dump_args/* NO_DUMP_OPTIONS */.M, timeoutMs)) : {};
            if (floats.warning)
                core/* warning */.$e(floats.warning);
            const name = (0,external_node_path_.basename)(tool.path);
            const dump = { command: tool.path, args: dumpArgs(optionFilePath, database, tool, server, dumpOptions, false, versioned.history), env: (0,connection/* clientEnv */.hI)(optionFilePath, tool.path), timeoutMs };
            const capture = await (0,dump_stream/* captureDump */.xh)({
                dump,
                compression,
                file,
                check: (stored) => readThrough(stored, compression.name),
                encryption,
                open
            });
            if ((0,process/* toolFailed */.QA)(capture.dump))
                throw (0,failures/* failure */.V)(name, capture.dump, database, timeoutMs);
            return (0,snapshot/* storedSnapshot */.s)(file, capture, {
                client: (0,mysql_pairing/* describeTool */.WH)(tool),
                command: (0,process/* commandLine */.ay)(dump),
                'client path': tool.path,
                'server version': server.comment ? `${server.text} (${server.comment})` : server.text,
                'pairing options': describeOptions(tool, server, pairing),
                ...('figure' in versioned && versioned.figure ? { 'system-versioned tables': versioned.figure } : {}),
                ...(floats.figure ? { 'float columns': floats.figure } : {}),
                compression: capture.compressor
            });
        });
    },
    verify: async ({ file }) => readThrough((0,util_compression/* storedBytes */.Zk)(file), (0,util_compression/* compressionOfName */.Vd)(file))
};


/***/ }),

/***/ 95303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ failure)
/* harmony export */ });
/* unused harmony export explainFailure */
/* harmony import */ var _shared_failure_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2299);
/* harmony import */ var _connection_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(30808);


/** MySQL and MariaDB error numbers as the clients print them: `ERROR 1045 (28000)`, `Got error: 1049:`, `... (2013)`. */
function errorCodes(stderr) {
    return new Set([...stderr.matchAll(/(?:\bERROR\s+|\berror:\s*|\bError\s+|\()(\d{4})\b/g)].map((match) => Number(match[1])));
}
/** What a failure means, in words, for the errors a backup meets; undefined for others. */
function explainFailure(stderr, database) {
    const codes = errorCodes(stderr);
    const has = (...wanted) => wanted.some((code) => codes.has(code));
    const where = database.host.startsWith('/') ? database.host : `${(0,_connection_js__WEBPACK_IMPORTED_MODULE_1__/* .bareHost */ .n0)(database.host)}:${database.port}`;
    if (has(1045))
        return `access denied: the server rejected user "${database.user}" with this password (or does not let it connect from this host)`;
    if (has(1049))
        return `database "${database.name}" does not exist on the server at ${where}`;
    if (has(2006, 2013, 1927))
        return 'the server went away during the dump (the connection was lost): the dump is incomplete';
    if (has(2002, 2003, 2005))
        return `cannot connect to the server at ${where}`;
    if (has(2026)) {
        return ('the TLS connection to the server failed (MariaDB\'s client verifies the server\'s certificate by default from 11.4, and cannot ' +
            'verify the self-signed one a MySQL server makes for itself: give its CA with the db-url parameter ssl-ca, or ssl-verify-server-cert=0 to accept it unverified)');
    }
    if (has(2059)) {
        const plugin = /plugin '([^']+)'/i.exec(stderr)?.[1] ?? 'the one the server asked for';
        return (`the client cannot load the authentication plugin ${plugin}: MariaDB's client needs its caching_sha2_password plugin for MySQL 8+ users ` +
            "(libmariadb3 on Debian and Ubuntu), MySQL's clients cannot log in as MariaDB ed25519 or parsec users, and MySQL 9's client loads " +
            'mysql_native_password from its plugin directory');
    }
    if (has(1040))
        return 'the server has too many connections';
    if (has(3105)) {
        return "the dump holds values for generated columns, which MySQL refuses: it was written by MariaDB's dump tool, and loads into MariaDB only (back up MySQL with MySQL's mysqldump)";
    }
    if (has(1419)) {
        return 'the server has binary logging on, and creating the stored functions of the dump needs SUPER or log_bin_trust_function_creators=1 on the server';
    }
    if (/SET_USER_ID|SET_ANY_DEFINER/.test(stderr)) {
        return `user "${database.user}" may not create objects whose DEFINER is another user: grant it SET_ANY_DEFINER (MySQL 8.2+) or SET_USER_ID, or restore as the definer`;
    }
    if (has(1044, 1142, 1143, 1227, 1370) || /privilege/i.test(stderr)) {
        return (`access denied: user "${database.user}" lacks a privilege the dump needs on "${database.name}" ` +
            '(SELECT, SHOW VIEW, TRIGGER, EVENT, and for routines SELECT on mysql.proc or SHOW_ROUTINE)');
    }
    if (/max_allowed_packet|packet bigger/i.test(stderr))
        return 'a row is larger than the largest packet the server allows (max_allowed_packet)';
    return undefined;
}
const failure = (0,_shared_failure_js__WEBPACK_IMPORTED_MODULE_0__/* .failureExplainedBy */ .g)(explainFailure);


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

/***/ 19925:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ withSecretFile)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * Runs `use` with a file that only this user can read, holding `content` (a client option file
 * with a password, for example), and removes the file afterwards whether `use` succeeds or not.
 * The random suffix keeps two files of the same purpose apart in one directory.
 */
async function withSecretFile(dir, name, content, use) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, `${name}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}`);
    try {
        // 'wx' never follows or reuses an existing file; the mode applies at creation, before any byte is written.
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(path, content, { flag: 'wx', mode: 0o600 });
        return await use(path);
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(path, { force: true });
    }
}


/***/ })

};
