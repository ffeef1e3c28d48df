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

/***/ 15297:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GQ: () => (/* binding */ differencesText),
/* harmony export */   Ye: () => (/* binding */ contentDifferences),
/* harmony export */   b7: () => (/* binding */ countMatches),
/* harmony export */   lp: () => (/* binding */ comparedText),
/* harmony export */   t1: () => (/* binding */ digestDifferences)
/* harmony export */ });
/* unused harmony export describeContents */
/** Comparing and naming what a database or an archive holds: for the restore and the restore-check. */
/** At most this many of the objects found are named in a message. */
const NAMED = 5;
/** The objects of `contents`, a few of them named: `3 tables (public.a, public.b, public.c)`. */
function describeContents(contents, holder) {
    const names = [...contents.keys()];
    const shown = names.slice(0, NAMED).join(', ') + (names.length > NAMED ? `, and ${names.length - NAMED} more` : '');
    return `${names.length} ${holder}${names.length === 1 ? '' : 's'} (${shown})`;
}
/**
 * Each object of the archive whose count the target does not hold. Where a holder may hold more
 * than the backup's (a Redis database after a clean restore keeps its other keys), the target
 * must hold at least the archive's count.
 */
function contentDifferences(archive, target, units, atLeast = false) {
    const differences = [];
    for (const [name, count] of archive) {
        const got = target.get(name);
        if (!countMatches(count, got, atLeast))
            differences.push(`${name}: ${count} ${units.object} in the backup, ${got === undefined ? `no such ${units.holder}` : `${got}`} in the target`);
    }
    return differences;
}
/** Whether a holder of the target holds the archive's count of objects (at least that many, where holders are shared). */
function countMatches(count, got, atLeast) {
    return got !== undefined && (atLeast ? got >= count : got === count);
}
/** The first few differences, for an error message. */
function differencesText(differences) {
    return `${differences.slice(0, NAMED).join('; ')}${differences.length > NAMED ? `; and ${differences.length - NAMED} more` : ''}`;
}
/**
 * Each holder of the archive whose content digest the target does not match, with the first
 * differing object where the engine can name it. Holders whose counts already differ are
 * reported by contentDifferences and left out here.
 */
async function digestDifferences(check, target, units, skip = new Set()) {
    const differences = [];
    for (const [holder, digest] of check.archive) {
        if (skip.has(holder) || target.get(holder) === digest)
            continue;
        // Named for the first few only: telling which object differs may read the holder again.
        const first = differences.length < NAMED ? await check.firstDifference?.(holder) : undefined;
        differences.push(`${holder}: the ${units.object} differ in content${first ? ` (first difference: ${first})` : ''}`);
    }
    return differences;
}
/** What a check compared, for the figures: `content digests: 23 tables, 65685 rows, equal`. */
function comparedText(archive, units, digests) {
    const objects = [...archive.values()].reduce((sum, count) => sum + count, 0);
    const holders = `${archive.size} ${units.holder}${archive.size === 1 ? '' : 's'}, ${objects} ${units.object}`;
    return digests ? `content digests: ${holders}, equal` : `counts: ${holders}, equal (no content digest for this engine)`;
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


/***/ })

};
