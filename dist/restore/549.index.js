export const id = 549;
export const ids = [549];
export const modules = {

/***/ 62759:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dy: () => (/* binding */ ConfinementError),
/* harmony export */   x5: () => (/* binding */ refusal)
/* harmony export */ });
/* unused harmony exports QUOTE_CHARS, quoteStatement */
/**
 * What the restores share to keep a backup inside its target: the error that names the offending
 * statement and where it is, so that a refused backup says what to look at.
 */
/** The most of a statement an error quotes. */
const QUOTE_CHARS = 80;
/** A backup that would act outside the target; raised before anything is run. */
class ConfinementError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConfinementError';
    }
}
/** A short, one-line quote of a statement for an error message. */
function quoteStatement(text) {
    const oneLine = text.replace(/\s+/g, ' ').trim();
    return oneLine.length > QUOTE_CHARS ? `${oneLine.slice(0, QUOTE_CHARS)}…` : oneLine;
}
/** The message of a refused backup: what it would do, where, and that nothing was run. */
function refusal(target, line, statement, why) {
    return new ConfinementError(`the backup would act outside the target ${target}: line ${line}: "${quoteStatement(statement)}" ${why}; nothing was restored ` +
        '(a restore touches only its target: restore this backup by hand if it is yours)');
}


/***/ }),

/***/ 86549:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkDatabasesExist: () => (/* binding */ checkDatabasesExist),
  migrateArgs: () => (/* binding */ migrateArgs),
  redisRestorer: () => (/* binding */ redisRestorer),
  restoreCheck: () => (/* binding */ restoreCheck),
  withRdbServer: () => (/* binding */ withRdbServer)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/tools/find.ts
var find = __webpack_require__(93192);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
// EXTERNAL MODULE: ./src/util/secrets.ts
var secrets = __webpack_require__(84537);
// EXTERNAL MODULE: ./src/util/process.ts
var process = __webpack_require__(22017);
;// CONCATENATED MODULE: ./src/engines/redis-resp.ts

class RespError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RespError';
    }
}
/** One RESP reply at the start of `data`, with the bytes it took; undefined while incomplete. */
function parseReply(data, at = 0) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1)
        return undefined;
    const type = String.fromCharCode(data[at]);
    const line = data.toString('utf8', at + 1, lineEnd);
    const next = lineEnd + 2;
    if (type === '+')
        return { reply: line, end: next };
    if (type === '-')
        return { reply: new RespError(line), end: next };
    if (type === ':')
        return { reply: Number(line), end: next };
    if (type === '$') {
        const length = Number(line);
        if (length < 0)
            return { reply: null, end: next };
        if (data.length < next + length + 2)
            return undefined;
        return { reply: Buffer.from(data.subarray(next, next + length)), end: next + length + 2 };
    }
    if (type === '*') {
        const count = Number(line);
        if (count < 0)
            return { reply: null, end: next };
        const items = [];
        let end = next;
        for (let i = 0; i < count; i++) {
            const item = parseReply(data, end);
            if (!item)
                return undefined;
            if (item.reply instanceof RespError)
                throw item.reply;
            items.push(item.reply);
            end = item.end;
        }
        return { reply: items, end };
    }
    throw new Error(`unexpected reply from the server (type byte ${JSON.stringify(type)})`);
}
function encode(args) {
    const parts = [Buffer.from(`*${args.length}\r\n`)];
    for (const arg of args) {
        const bytes = typeof arg === 'string' ? Buffer.from(arg) : arg;
        parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
    }
    return Buffer.concat(parts);
}
/**
 * A connection that sends one command at a time, in the action's own process: what the restore
 * says to a Redis server (AUTH and MIGRATE carry passwords) never appears on a command line.
 */
class RespConnection {
    socket;
    buffer = Buffer.alloc(0);
    waiting;
    failure;
    constructor(socket) {
        this.socket = socket;
        socket.on('data', (chunk) => {
            this.buffer = Buffer.concat([this.buffer, chunk]);
            this.deliver();
        });
        const fail = (error) => {
            this.failure ??= error;
            this.waiting?.reject(error);
            this.waiting = undefined;
        };
        socket.on('error', fail);
        socket.on('close', () => fail(new Error('the server closed the connection')));
    }
    static connect(host, port, timeoutMs = 30_000) {
        return new Promise((resolve, reject) => {
            const socket = (0,external_node_net_.connect)({ host, port });
            socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${host}:${port} within ${timeoutMs / 1000} s`)));
            socket.once('connect', () => resolve(new RespConnection(socket)));
            socket.once('error', (error) => reject(new Error(`cannot connect to the server at ${host}:${port}: ${error.message}`)));
        });
    }
    deliver() {
        if (!this.waiting)
            return;
        const parsed = parseReply(this.buffer);
        if (!parsed)
            return;
        this.buffer = this.buffer.subarray(parsed.end);
        const waiting = this.waiting;
        this.waiting = undefined;
        if (parsed.reply instanceof RespError)
            waiting.reject(parsed.reply);
        else
            waiting.resolve(parsed.reply);
    }
    /** Sends a command and waits for its reply; a server error is thrown as a RespError. */
    command(...args) {
        if (this.failure)
            return Promise.reject(this.failure);
        return new Promise((resolve, reject) => {
            this.waiting = { resolve, reject };
            this.socket.write(encode(args));
            this.deliver();
        });
    }
    close() {
        this.socket.destroy();
    }
}
/** Keys per database from `INFO keyspace`: `db0:keys=12,expires=0,avg_ttl=0`. */
function keyspace(info) {
    const counts = new Map();
    for (const match of info.matchAll(/^(db\d+):keys=(\d+)/gm))
        counts.set(match[1], Number(match[2]));
    return counts;
}

// EXTERNAL MODULE: ./src/engines/contents.ts
var contents = __webpack_require__(15297);
// EXTERNAL MODULE: ./src/engines/confinement.ts
var confinement = __webpack_require__(62759);
// EXTERNAL MODULE: ./src/engines/restore-input.ts
var restore_input = __webpack_require__(27884);
;// CONCATENATED MODULE: ./src/engines/redis-restore.ts












const SERVER_HINT = 'install redis-server (for example `sudo apt-get install redis-server`): the RDB is loaded into a throwaway local server and copied key by key';
/** Keys moved by one MIGRATE. */
const BATCH = 500;
/** How long MIGRATE waits on the target for one batch. */
const MIGRATE_TIMEOUT_MS = 60_000;
const START_TIMEOUT_MS = 120_000;
function bareHost(host) {
    return host.replace(/^\[(.*)\]$/, '$1');
}
/** The target must be reachable over plain TCP: MIGRATE is sent from the throwaway server. */
function targetAddress(database) {
    if (database.host.startsWith('/'))
        throw new Error('a Redis target on a Unix socket cannot be restored into: MIGRATE needs a host and port');
    if (database.urlProtocol === 'rediss:') {
        throw new Error('a TLS (rediss://) Redis target cannot be restored into yet: the throwaway server MIGRATEs over plain TCP');
    }
    return { host: bareHost(database.host), port: database.port };
}
/** A connection to the target, signed in as the backup's target user. */
async function connectTarget(database, timeoutMs) {
    const { host, port } = targetAddress(database);
    const connection = await RespConnection.connect(host, port, timeoutMs);
    try {
        if (database.password)
            await connection.command('AUTH', ...(database.user ? [database.user] : []), database.password);
    }
    catch (error) {
        connection.close();
        if (error instanceof RespError)
            throw new Error(`authentication failed: the server at ${host}:${port} rejected ${database.user ? `user "${database.user}" with ` : ''}this password (${error.message})`);
        throw error;
    }
    return connection;
}
async function keysPerDatabase(connection) {
    return keyspace(String(await connection.command('INFO', 'keyspace')));
}
/** The args of one MIGRATE: every key of `keys` copied into database `db` of the target, TTLs kept. */
function migrateArgs(database, db, keys, replace) {
    const { host, port } = targetAddress(database);
    const auth = database.password ? (database.user ? ['AUTH2', database.user, database.password] : ['AUTH', database.password]) : [];
    return ['MIGRATE', host, String(port), '', String(db), String(MIGRATE_TIMEOUT_MS), 'COPY', ...(replace ? ['REPLACE'] : []), ...auth, 'KEYS', ...keys];
}
async function freePort() {
    return new Promise((resolve, reject) => {
        const server = (0,external_node_net_.createServer)();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
        });
    });
}
/**
 * A redis-server on loopback that loads the RDB and never writes: started, used, always stopped.
 * Its password is random and kept in its config file (0600), never on a command line.
 */
async function withRdbServer(file, workDir, timeoutMs, use) {
    const server = await (0,find/* requireTool */.Y)('redis-server', SERVER_HINT);
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(workDir, 'redis-'));
    // A .rdb.zst or .rdb.gz backup is decompressed into the server's directory; a .rdb is copied as it is.
    const rdb = (0,external_node_path_.join)(dir, 'dump.rdb');
    if ((await (0,restore_input/* plainFile */.dC)(file, rdb)) === file)
        await (0,promises_.copyFile)(file, rdb);
    const port = await freePort();
    const password = (0,external_node_crypto_.randomBytes)(24).toString('hex');
    (0,secrets/* registerSecret */.cl)(password);
    const configFile = (0,external_node_path_.join)(dir, 'redis.conf');
    const log = (0,external_node_path_.join)(dir, 'redis.log');
    const config = [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'dbfilename dump.rdb', 'save ""', 'appendonly no', `logfile ${log}`, `requirepass ${password}`];
    await (0,promises_.writeFile)(configFile, `${config.join('\n')}\n`, { mode: 0o600, flag: 'wx' });
    const child = (0,process/* startChild */.v0)({ command: server, args: [configFile] }, 'ignore');
    let exited = false;
    child.once('exit', () => (exited = true));
    try {
        const connection = await readyConnection(port, password, () => exited, log, timeoutMs);
        try {
            return await use(connection);
        }
        finally {
            connection.close();
        }
    }
    finally {
        await (0,process/* stopChild */.Dh)(child, 5000);
    }
}
/** A signed-in connection to the throwaway server once it answers (it answers LOADING while it reads the RDB). */
async function readyConnection(port, password, exited, log, timeoutMs) {
    const started = performance.now();
    for (;;) {
        if (exited())
            throw new Error(`redis-server could not load the RDB: ${(await (0,promises_.readFile)(log, 'utf8').catch(() => '')).trim().split('\n').slice(-4).join(' | ')}`);
        let connection;
        try {
            connection = await RespConnection.connect('127.0.0.1', port, timeoutMs);
            await connection.command('AUTH', password);
            await connection.command('PING');
            return connection;
        }
        catch (error) {
            connection?.close();
            // Still starting (refused) or still loading the RDB (LOADING): wait; anything else is an answer.
            const waiting = /cannot connect|LOADING|closed the connection/.test((0,errors/* errorMessage */.g)(error));
            if (!waiting || performance.now() - started > START_TIMEOUT_MS)
                throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    }
}
/** Every key of the current database of `source`, in SCAN batches (each key once). */
async function* keyBatches(source) {
    const seen = new Set();
    let cursor = '0';
    do {
        const [next, keys] = (await source.command('SCAN', cursor, 'COUNT', String(BATCH)));
        cursor = next.toString();
        const fresh = keys.filter((key) => {
            const id = key.toString('latin1');
            if (seen.has(id))
                return false;
            seen.add(id);
            return true;
        });
        if (fresh.length > 0)
            yield fresh;
    } while (cursor !== '0');
}
/** What MIGRATE's refusal means for the target, in words. */
function migrateFailure(error, database) {
    const message = (0,errors/* errorMessage */.g)(error);
    if (/WRONGPASS|invalid password|NOAUTH|AUTH/i.test(message))
        return new Error(`the target refused the copy's authentication: ${message}`);
    if (/BUSYKEY/.test(message))
        return new Error(`a key of the backup already exists in the target (restore-mode empty): ${message}`);
    if (/IOERR|timeout/i.test(message))
        return new Error(`copying keys to ${bareHost(database.host)}:${database.port} failed: ${message}`);
    return new Error(`MIGRATE failed: ${message}`);
}
const UNITS = { object: 'keys', holder: 'database' };
/** The target's `databases` setting, or undefined where CONFIG is refused (many managed services). */
async function configuredDatabases(target) {
    try {
        const reply = (await target.command('CONFIG', 'GET', 'databases'));
        const count = Number(reply[1]?.toString());
        return Number.isInteger(count) && count > 0 ? count : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Refuses, before a key is copied, a backup with keys in a database the target does not have
 * (MIGRATE would copy the databases before it, then fail): each is checked against the target's
 * `databases` setting, or where CONFIG is refused, by selecting it.
 */
async function checkDatabasesExist(database, databases, timeoutMs) {
    const target = await connectTarget(database, timeoutMs);
    try {
        const count = await configuredDatabases(target);
        for (const db of databases) {
            let missing = count !== undefined && db >= count;
            if (count === undefined)
                missing = await target.command('SELECT', String(db)).then(() => false, (error) => error instanceof RespError);
            if (missing) {
                throw new confinement/* ConfinementError */.Dy(`the backup would act outside the target: it holds keys in database ${db} (SELECT ${db}), but the target has ${count === undefined ? 'no such database' : `databases 0 to ${count - 1} (databases ${count})`}; ` +
                    'nothing was restored (raise the target\'s databases setting, or restore this backup by hand)');
            }
        }
    }
    finally {
        target.close();
    }
}
/** What the target holds: keys per database. */
async function targetKeys(database, timeoutMs) {
    const connection = await connectTarget(database, timeoutMs);
    try {
        return await keysPerDatabase(connection);
    }
    finally {
        connection.close();
    }
}
/**
 * Loads the new RDB into a throwaway redis-server (which reads every key of it) and compares its
 * keys per database with the server's, read right after the dump: a server written to meanwhile
 * differs, and says so.
 */
async function restoreCheck({ database, file, workDir, timeoutMs }) {
    const loaded = await withRdbServer(file, workDir, timeoutMs, keysPerDatabase);
    const server = await targetKeys(database, timeoutMs);
    const differences = [...new Set([...server.keys(), ...loaded.keys()])]
        .filter((name) => server.get(name) !== loaded.get(name))
        .map((name) => `${name}: ${server.get(name) ?? 0} keys on the server, ${loaded.get(name) ?? 0} in the RDB`);
    if (differences.length > 0)
        throw new Error(`the RDB loaded into a throwaway redis-server differs from the server: ${(0,contents/* differencesText */.GQ)(differences)}`);
    const keys = [...loaded.values()].reduce((sum, count) => sum + count, 0);
    return { 'restore check': `${keys} keys in ${loaded.size} databases loaded into a throwaway redis-server and matched the server's` };
}
const redisRestorer = {
    units: UNITS,
    restoreCheck,
    // redis-cli plays no part: a throwaway redis-server loads the RDB and MIGRATEs the keys.
    usesClient: false,
    sharedHolders: true,
    restoredObjects: (archive) => [...archive.values()].reduce((sum, count) => sum + count, 0),
    contents: (database, _workDir, timeoutMs) => targetKeys(database, timeoutMs),
    async restore({ database, file, workDir, timeoutMs, mode }) {
        targetAddress(database);
        return withRdbServer(file, workDir, timeoutMs, async (source) => {
            const archive = await keysPerDatabase(source);
            await checkDatabasesExist(database, [...archive.keys()].map((name) => Number(name.slice(2))), timeoutMs);
            let batches = 0;
            for (const name of archive.keys()) {
                const db = Number(name.slice(2));
                await source.command('SELECT', String(db));
                for await (const keys of keyBatches(source)) {
                    let reply;
                    try {
                        reply = await source.command(...migrateArgs(database, db, keys, mode === 'clean'));
                    }
                    catch (error) {
                        throw migrateFailure(error, database);
                    }
                    if (reply !== 'OK' && reply !== 'NOKEY')
                        throw new Error(`MIGRATE answered ${String(reply)}`);
                    batches++;
                }
            }
            const keys = [...archive.values()].reduce((sum, count) => sum + count, 0);
            return { archive, figures: { restored: `${keys} keys in ${archive.size} databases`, 'MIGRATE batches': batches, 'TTLs': 'kept (MIGRATE)' } };
        });
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
