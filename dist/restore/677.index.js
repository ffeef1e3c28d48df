export const id = 677;
export const ids = [677];
export const modules = {

/***/ 9677:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkDatabasesExist: () => (/* binding */ checkDatabasesExist),
  migrateArgs: () => (/* binding */ migrateArgs),
  missingDatabasesText: () => (/* binding */ missingDatabasesText),
  redisRestorer: () => (/* binding */ redisRestorer),
  restoreCheck: () => (/* binding */ restoreCheck)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./src/engines/redis/resp.ts

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
/** A bulk string that was given to its sink piece by piece (RespConnection.commandStream) instead of being gathered. */
class Streamed {
    length;
    constructor(length) {
        this.length = length;
    }
}
/**
 * Reads RESP replies from chunks as they arrive, in time linear in the bytes and without copying
 * a chunk more than once: a bulk string is gathered from its chunks and joined once it is whole,
 * so a 100 MB reply costs its own 100 MB and one copy, never the quadratic re-reading of a
 * growing buffer. A header line longer than MAX_LINE is refused (no server writes one).
 */
class RespReader {
    /** For each reply to come, in order: where a top-level bulk string goes piece by piece, as it comes (none: gathered). */
    sinks = [];
    chunks = [];
    bulk;
    stack = [];
    replies = [];
    /**
     * Reads a chunk. `reused`: the chunk's memory is the socket's read buffer, written over by the
     * next read, so what is kept of it past this call is copied (a streamed bulk string is not kept).
     */
    push(chunk, reused = false) {
        this.chunks.push(chunk);
        this.parse();
        if (reused) {
            const own = (part) => (part.buffer === chunk.buffer ? Buffer.from(part) : part);
            this.chunks = this.chunks.map(own);
            if (this.bulk)
                this.bulk.parts = this.bulk.parts.map(own);
        }
        return this.replies.splice(0);
    }
    parse() {
        for (;;) {
            if (this.bulk) {
                if (!this.readBulk())
                    return;
                continue;
            }
            const line = this.takeLine();
            if (line === undefined)
                return;
            const type = String.fromCharCode(line[0]);
            const text = line.toString('utf8', 1);
            if (type === '+')
                this.complete(text);
            else if (type === '-')
                this.complete(new RespError(text));
            else if (type === ':')
                this.complete(Number(text));
            else if (type === '$') {
                const length = Number(text);
                if (length < 0)
                    this.complete(null);
                else
                    this.bulk = { length, parts: [], got: 0 };
            }
            else if (type === '*') {
                const count = Number(text);
                if (count < 0)
                    this.complete(null);
                else if (count === 0)
                    this.complete([]);
                else
                    this.stack.push({ items: [], count });
            }
            else
                throw new Error(`unexpected reply from the server (type byte ${JSON.stringify(type)})`);
        }
    }
    /** Gathers the bulk string's bytes and its CRLF (or gives them to its sink); true once it is complete. */
    readBulk() {
        const bulk = this.bulk;
        const sink = this.stack.length === 0 ? this.sinks[0] : undefined;
        while (bulk.got < bulk.length + 2 && this.chunks.length > 0) {
            const chunk = this.chunks[0];
            const take = Math.min(chunk.length, bulk.length + 2 - bulk.got);
            if (sink) {
                const data = Math.min(take, Math.max(0, bulk.length - bulk.got));
                if (data > 0)
                    sink(chunk.subarray(0, data));
            }
            else
                bulk.parts.push(chunk.subarray(0, take));
            bulk.got += take;
            if (take === chunk.length)
                this.chunks.shift();
            else
                this.chunks[0] = chunk.subarray(take);
        }
        if (bulk.got < bulk.length + 2)
            return false;
        this.bulk = undefined;
        // One copy, cut before the CRLF: a reply never pins the socket's chunks it was cut from.
        this.complete(sink ? new Streamed(bulk.length) : Buffer.concat(bulk.parts, bulk.length));
        return true;
    }
    /** The next header line, without its CRLF, or undefined until it has arrived whole. */
    takeLine() {
        let before = 0;
        for (let index = 0; index < this.chunks.length; index++) {
            // A header line holds no LF of its own: the first LF ends it, wherever the chunks were cut.
            const newline = this.chunks[index].indexOf(0x0a);
            if (newline === -1) {
                before += this.chunks[index].length;
                if (before > MAX_LINE)
                    throw new Error(`the server sent a reply header longer than ${MAX_LINE} bytes`);
                continue;
            }
            const through = before + newline + 1;
            const head = index === 0 ? this.chunks[0] : Buffer.concat(this.chunks.slice(0, index + 1));
            if (through < 2 || head[through - 2] !== 0x0d)
                throw new Error('the server sent a reply line that does not end with CRLF');
            const line = Buffer.from(head.subarray(0, through - 2));
            this.consume(through);
            return line;
        }
        return undefined;
    }
    consume(bytes) {
        while (bytes > 0) {
            const chunk = this.chunks[0];
            if (chunk.length <= bytes) {
                bytes -= chunk.length;
                this.chunks.shift();
            }
            else {
                this.chunks[0] = chunk.subarray(bytes);
                bytes = 0;
            }
        }
    }
    complete(value) {
        let reply = value;
        for (;;) {
            const frame = this.stack.at(-1);
            if (!frame) {
                this.sinks.shift();
                this.replies.push(reply);
                return;
            }
            // An error inside an array (EXEC, a pipeline of one) is kept as the item.
            frame.items.push(reply);
            if (frame.items.length < frame.count)
                return;
            this.stack.pop();
            reply = frame.items;
        }
    }
}
/** The socket's read buffer. */
const READ_BUFFER = 64 * 1024;
/** No reply header (a type byte and a length or a status line) is longer than this. */
const MAX_LINE = 64 * 1024;
/**
 * A connection that sends commands in the action's own process (what the restore says to a Redis
 * server, AUTH and MIGRATE, carries passwords that must never appear on a command line), one at
 * a time or as a pipeline.
 */
class RespConnection {
    socket;
    reader = new RespReader();
    waiting = [];
    failure;
    constructor(socket) {
        this.socket = socket;
        const fail = (error) => {
            this.failure ??= error;
            for (const waiting of this.waiting.splice(0))
                waiting.reject(error);
        };
        socket.on('error', fail);
        socket.on('close', () => fail(new Error('the server closed the connection')));
    }
    /** Reads a chunk of the socket's read buffer (reused by the next read). */
    receive(chunk) {
        let replies;
        try {
            replies = this.reader.push(chunk, true);
        }
        catch (error) {
            this.socket.destroy(error);
            return;
        }
        for (const reply of replies)
            this.waiting.shift()?.resolve(reply);
    }
    static connect(host, port, timeoutMs = 30_000) {
        return new Promise((resolve, reject) => {
            const holder = {};
            const buffer = Buffer.allocUnsafe(READ_BUFFER);
            // One read buffer for the connection's life: a large value streamed through leaves no garbage of 64 KB chunks behind.
            const onread = {
                buffer,
                callback: (bytes) => {
                    holder.connection?.receive(buffer.subarray(0, bytes));
                    return true;
                }
            };
            const socket = (0,external_node_net_.connect)({ host, port, onread });
            const opened = new RespConnection(socket);
            holder.connection = opened;
            socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer from ${host}:${port} within ${timeoutMs / 1000} s`)));
            socket.once('connect', () => resolve(opened));
            socket.once('error', (error) => reject(new Error(`cannot connect to the server at ${host}:${port}: ${error.message}`)));
        });
    }
    send(args, sink) {
        if (this.failure)
            return Promise.reject(this.failure);
        return new Promise((resolve, reject) => {
            this.waiting.push({ resolve, reject });
            this.reader.sinks.push(sink);
            this.socket.write(encode(args));
        });
    }
    /** Sends a command and waits for its reply; a server error is thrown as a RespError. */
    async command(...args) {
        const reply = await this.send(args);
        if (reply instanceof RespError)
            throw reply;
        return reply;
    }
    /**
     * Sends a command whose reply is a bulk string and gives that string to `sink` piece by piece as
     * it arrives (each piece valid only during the call); false for a nil reply.
     */
    async commandStream(sink, ...args) {
        const reply = await this.send(args, sink);
        if (reply instanceof RespError)
            throw reply;
        if (reply instanceof Streamed)
            return true;
        if (reply === null)
            return false;
        throw new Error(`${String(args[0])} did not answer with a bulk string`);
    }
    /** Sends every command at once and waits for all the replies; a server error is returned as its RespError. */
    pipeline(commands) {
        return Promise.all(commands.map((args) => this.send(args)));
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

// EXTERNAL MODULE: ./src/engines/shared/contents.ts
var contents = __webpack_require__(67979);
// EXTERNAL MODULE: ./src/util/content-digest.ts
var content_digest = __webpack_require__(41594);
;// CONCATENATED MODULE: ./src/engines/redis/content.ts



/**
 * What a Redis key holds, read the same way on any server: its name, its type, whether it has a
 * TTL, and its value as the commands of its type return it, in an order that does not depend on
 * the server's encoding (listpack or hashtable, intset, thresholds, version). A DUMP payload would
 * depend on all of those, so it is used only for types without commands to read them (modules).
 * Values are read in bounded pieces: a string by GETRANGE in 1 MB pieces, a list, a sorted set
 * and a stream by pages of PAGE, a hash and a set by HSCAN/SSCAN (order-independent: each one an
 * inner ContentDigest of its fields or members).
 */
/** Items read per command of a collection (LRANGE, ZRANGE, XRANGE, XPENDING pages; SCAN COUNT). */
const PAGE = 1000;
/** A string longer than this is read in pieces of this size. */
const STRING_PIECE = 1024 * 1024;
/** Strings up to this size are read in one pipeline per batch (500 of them: 8 MB at most). */
const PIPELINED_STRING = 16 * 1024;
function content_frame(hash, part) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    const length = Buffer.alloc(8);
    length.writeBigUInt64BE(BigInt(bytes.length));
    hash.update(length);
    hash.update(bytes);
}
function framed(...parts) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const part of parts)
        content_frame(hash, part);
    return hash.digest();
}
/** A sorted set's score as its float64 bytes: the reply's text differs across versions (`0.10000000000000001` in 7.0, `0.1` in 7.2). */
function scoreBytes(text) {
    const value = /^[+]?inf$/i.test(text) ? Infinity : /^-inf$/i.test(text) ? -Infinity : Number(text);
    if (Number.isNaN(value))
        throw new Error(`a sorted set score is not a number: ${JSON.stringify(text.slice(0, 40))}`);
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleBE(value);
    return bytes;
}
function content_text(reply) {
    if (reply === null || reply === undefined)
        return '';
    if (Buffer.isBuffer(reply))
        return reply.toString('latin1');
    return String(reply);
}
/** The named fields of an XINFO reply (a flat list of names and values). */
function fields(reply) {
    const list = reply;
    const byName = new Map();
    for (let index = 0; index + 1 < list.length; index += 2)
        byName.set(content_text(list[index]), list[index + 1]);
    return byName;
}
function unwrap(reply) {
    if (reply instanceof RespError)
        throw reply;
    return reply;
}
async function readString(connection, key, length, small, hash) {
    content_frame(hash, String(length));
    if (small)
        return void hash.update(small);
    if (length <= STRING_PIECE)
        return void hash.update((await connection.command('GET', key)) ?? Buffer.alloc(0));
    for (let at = 0; at < length; at += STRING_PIECE) {
        await connection.commandStream((piece) => hash.update(piece), 'GETRANGE', key, String(at), String(Math.min(length, at + STRING_PIECE) - 1));
    }
}
/** A hash's fields or a set's members, in whatever order SCAN gives them, as one order-independent digest. */
async function readScanned(connection, command, key, hash) {
    const inner = new content_digest/* ContentDigest */.e();
    const step = command === 'HSCAN' ? 2 : 1;
    let cursor = '0';
    do {
        const [next, items] = (await connection.command(command, key, cursor, 'COUNT', String(PAGE)));
        cursor = next.toString();
        for (let index = 0; index < items.length; index += step)
            inner.add(framed(...items.slice(index, index + step)));
    } while (cursor !== '0');
    content_frame(hash, inner.text());
}
async function readList(connection, key, hash) {
    const length = Number(await connection.command('LLEN', key));
    content_frame(hash, String(length));
    for (let at = 0; at < length; at += PAGE)
        for (const item of (await connection.command('LRANGE', key, String(at), String(at + PAGE - 1))))
            content_frame(hash, item);
}
/** By rank: score then member, the same order on every server. */
async function readSortedSet(connection, key, hash) {
    const length = Number(await connection.command('ZCARD', key));
    content_frame(hash, String(length));
    for (let at = 0; at < length; at += PAGE) {
        const page = (await connection.command('ZRANGE', key, String(at), String(at + PAGE - 1), 'WITHSCORES'));
        for (let index = 0; index + 1 < page.length; index += 2) {
            content_frame(hash, page[index]);
            content_frame(hash, scoreBytes(page[index + 1].toString()));
        }
    }
}
/**
 * A stream: its entries by id, its id counters, and each consumer group (by name) with its last
 * delivered id, entries read, consumers (name, pending count) and pending entries (id, consumer,
 * delivery count). Idle times are left out: they are the clock's, not the data's.
 */
async function readStream(connection, key, hash) {
    const info = fields(await connection.command('XINFO', 'STREAM', key));
    for (const name of ['length', 'last-generated-id', 'max-deleted-entry-id', 'entries-added'])
        content_frame(hash, `${name}=${content_text(info.get(name))}`);
    let start = '-';
    for (;;) {
        const entries = (await connection.command('XRANGE', key, start, '+', 'COUNT', String(PAGE)));
        for (const [id, values] of entries) {
            content_frame(hash, id);
            content_frame(hash, String(values.length));
            for (const value of values)
                content_frame(hash, value);
        }
        if (entries.length < PAGE)
            break;
        start = `(${entries[entries.length - 1][0].toString()}`;
    }
    for (const group of (await connection.command('XINFO', 'GROUPS', key))) {
        const described = fields(group);
        const name = described.get('name');
        content_frame(hash, name);
        for (const field of ['last-delivered-id', 'entries-read', 'pending'])
            content_frame(hash, `${field}=${content_text(described.get(field))}`);
        for (const consumer of (await connection.command('XINFO', 'CONSUMERS', key, name))) {
            const about = fields(consumer);
            content_frame(hash, about.get('name'));
            content_frame(hash, `pending=${content_text(about.get('pending'))}`);
        }
        let from = '-';
        for (;;) {
            const pending = (await connection.command('XPENDING', key, name, from, '+', String(PAGE)));
            for (const [id, consumer, , deliveries] of pending) {
                content_frame(hash, id);
                content_frame(hash, consumer);
                content_frame(hash, String(deliveries));
            }
            if (pending.length < PAGE)
                break;
            from = `(${pending[pending.length - 1][0].toString()}`;
        }
    }
}
/**
 * Reads each key of `keys` in the connection's selected database: the SHA-256 of its canonical
 * content, and whether it has a TTL. The type, TTL and small strings are read in pipelines.
 */
async function readKeys(connection, keys) {
    const heads = await connection.pipeline(keys.flatMap((key) => [['TYPE', key], ['PTTL', key]]));
    const types = keys.map((_key, index) => content_text(unwrap(heads[index * 2])));
    const ttls = keys.map((_key, index) => Number(unwrap(heads[index * 2 + 1])));
    const strings = keys.map((key, index) => (types[index] === 'string' ? key : undefined));
    const lengths = new Map();
    const stringIndexes = strings.flatMap((key, index) => (key ? [index] : []));
    const lengthReplies = await connection.pipeline(stringIndexes.map((index) => ['STRLEN', keys[index]]));
    stringIndexes.forEach((index, at) => lengths.set(index, Number(unwrap(lengthReplies[at]))));
    const smallIndexes = stringIndexes.filter((index) => (lengths.get(index) ?? 0) <= PIPELINED_STRING);
    const smallReplies = await connection.pipeline(smallIndexes.map((index) => ['GET', keys[index]]));
    const small = new Map(smallIndexes.map((index, at) => [index, unwrap(smallReplies[at])]));
    const readings = [];
    for (const [index, key] of keys.entries()) {
        const type = types[index];
        // Gone since the SCAN (expired), or changed type under the reading: no reading, the count tells.
        if (type === 'none' || ttls[index] === -2 || (type === 'string' && small.has(index) && small.get(index) === null)) {
            readings.push(undefined);
            continue;
        }
        const hash = (0,external_node_crypto_.createHash)('sha256');
        content_frame(hash, key);
        content_frame(hash, type);
        content_frame(hash, ttls[index] >= 0 ? 'ttl' : 'persistent');
        if (type === 'string')
            await readString(connection, key, lengths.get(index) ?? 0, small.get(index), hash);
        else if (type === 'hash')
            await readScanned(connection, 'HSCAN', key, hash);
        else if (type === 'set')
            await readScanned(connection, 'SSCAN', key, hash);
        else if (type === 'list')
            await readList(connection, key, hash);
        else if (type === 'zset')
            await readSortedSet(connection, key, hash);
        else if (type === 'stream')
            await readStream(connection, key, hash);
        else
            content_frame(hash, (await connection.command('DUMP', key)) ?? Buffer.alloc(0));
        readings.push({ hash: hash.digest(), expires: ttls[index] >= 0 });
    }
    return readings;
}
/** Every key of the connection's selected database, in SCAN batches (each key once). */
async function* keyBatches(source, count = 500) {
    const seen = new Set();
    let cursor = '0';
    do {
        const [next, keys] = (await source.command('SCAN', cursor, 'COUNT', String(count)));
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

;// CONCATENATED MODULE: ./src/engines/redis/key-ledger.ts



/**
 * The backup's keys and their content hashes, written to a private file as they are read, so that
 * the target can be read back key by key (only the backup's keys: a Redis database is shared with
 * keys that are not the backup's) without holding every key name in memory.
 * Each record: database (u32), name length (u32), name, SHA-256 (32 bytes).
 */
class KeyLedger {
    path;
    handle;
    constructor(path, handle) {
        this.path = path;
        this.handle = handle;
    }
    static async create(path) {
        return new KeyLedger(path, await (0,promises_.open)(path, 'wx', 0o600));
    }
    async append(entries) {
        if (!this.handle)
            throw new Error('the key ledger is closed');
        const parts = [];
        for (const { db, key, hash } of entries) {
            const head = Buffer.alloc(8);
            head.writeUInt32BE(db, 0);
            head.writeUInt32BE(key.length, 4);
            parts.push(head, key, hash);
        }
        await this.handle.write(Buffer.concat(parts));
    }
    async close() {
        await this.handle?.close();
        this.handle = undefined;
    }
    /** The entries of database `db` (all where undefined), in the order written, in batches. */
    async *read(db, batch = 500) {
        const handle = await (0,promises_.open)(this.path, 'r');
        try {
            let pending = Buffer.alloc(0);
            let entries = [];
            const piece = Buffer.alloc(1024 * 1024);
            for (;;) {
                const { bytesRead } = await handle.read(piece, 0, piece.length, null);
                if (bytesRead === 0)
                    break;
                pending = pending.length === 0 ? Buffer.from(piece.subarray(0, bytesRead)) : Buffer.concat([pending, piece.subarray(0, bytesRead)]);
                let at = 0;
                while (pending.length - at >= 8) {
                    const length = pending.readUInt32BE(at + 4);
                    if (pending.length - at < 8 + length + 32)
                        break;
                    const entryDb = pending.readUInt32BE(at);
                    if (db === undefined || entryDb === db) {
                        entries.push({ db: entryDb, key: Buffer.from(pending.subarray(at + 8, at + 8 + length)), hash: Buffer.from(pending.subarray(at + 8 + length, at + 40 + length)) });
                    }
                    at += 40 + length;
                    if (entries.length >= batch) {
                        yield entries;
                        entries = [];
                    }
                }
                pending = pending.subarray(at);
            }
            if (entries.length > 0)
                yield entries;
        }
        finally {
            await handle.close();
        }
    }
}
/** A key name for a message: its text, quoted and cut; a key name is its identifier, never a value. */
function keyName(key) {
    const shown = JSON.stringify(key.toString('utf8'));
    return shown.length > 200 ? `${shown.slice(0, 197)}..."` : shown;
}
/**
 * The target's digest of each database of the ledger: each key of the backup read back there
 * (keys of the target that are not the backup's are not read).
 */
async function ledgerDigests(target, ledger) {
    const digests = new Map();
    let selected;
    for await (const entries of ledger.read()) {
        // A batch may span two databases: read it database by database.
        for (const db of new Set(entries.map((entry) => entry.db))) {
            const own = entries.filter((entry) => entry.db === db);
            if (selected !== db)
                await target.command('SELECT', String(db));
            selected = db;
            const digest = digests.get(db) ?? new content_digest/* ContentDigest */.e();
            digests.set(db, digest);
            for (const reading of await readKeys(target, own.map((entry) => entry.key)))
                if (reading)
                    digest.add(reading.hash);
        }
    }
    return digests;
}
/** The first key of database `db` in the ledger whose content the target does not hold: its name, and how. */
async function firstDifferingKey(target, ledger, db) {
    await target.command('SELECT', String(db));
    for await (const entries of ledger.read(db)) {
        const readings = await readKeys(target, entries.map((entry) => entry.key));
        for (const [index, entry] of entries.entries()) {
            const reading = readings[index];
            if (!reading)
                return `key ${keyName(entry.key)}, not in the target`;
            if (!reading.hash.equals(entry.hash))
                return `key ${keyName(entry.key)}, changed`;
        }
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./src/engines/shared/confinement.ts
var confinement = __webpack_require__(49177);
;// CONCATENATED MODULE: ./src/engines/redis/functions.ts





/**
 * Redis function libraries (`FUNCTION LOAD`, Redis 7) live in the RDB beside the keys, but MIGRATE
 * copies keys only: they are copied with FUNCTION DUMP from the throwaway server and FUNCTION
 * RESTORE into the target (APPEND under restore-mode empty, REPLACE under clean), before any key,
 * then their code is compared. Where the target cannot take them (older than 7, FUNCTION refused
 * by its ACL or its service), the restore fails before any key is copied, naming them, unless the
 * user accepts restoring without them.
 */
const ACCEPT_INPUT = constants/* RestoreInputs */.Gg.AcceptUnrestoredRedisFunctions;
/** Each library's name and code, from `FUNCTION LIST WITHCODE`. */
async function libraries(connection) {
    const listed = (await connection.command('FUNCTION', 'LIST', 'WITHCODE'));
    const code = new Map();
    for (const library of listed) {
        const fields = new Map();
        for (let index = 0; index + 1 < library.length; index += 2)
            fields.set(String(library[index]), library[index + 1]);
        code.set(String(fields.get('library_name')), fields.get('library_code'));
    }
    return code;
}
/** `FUNCTION LIST` of a server that has no functions (older than 7): an empty list. */
async function librariesOrNone(connection) {
    return libraries(connection).catch((error) => {
        if (error instanceof RespError && /unknown command|unknown subcommand/i.test(error.message))
            return new Map();
        throw error;
    });
}
/**
 * Copies the backup's function libraries into the target, or says why it cannot. Called before
 * any key is copied: a refusal leaves the target untouched.
 */
async function restoreFunctions(source, target, mode, accept) {
    const backup = await librariesOrNone(source);
    if (backup.size === 0)
        return { functions: 'none in the backup' };
    const names = [...backup.keys()].sort();
    const cannot = (reason) => {
        const what = `the backup holds ${names.length} Redis function librar${names.length === 1 ? 'y' : 'ies'} (${names.join(', ')}) that cannot be restored into the target: ${reason}`;
        if (!accept)
            throw new Error(`${what}; nothing was restored (restore into a Redis 7 target that allows FUNCTION, or set ${ACCEPT_INPUT}: true to restore the keys without them)`);
        core/* warning */.$e(`${what}; the keys are restored without them (${ACCEPT_INPUT}: true)`);
        return { 'functions not restored': `${names.join(', ')} (${reason}; ${ACCEPT_INPUT}: true)` };
    };
    let present;
    try {
        present = await libraries(target);
    }
    catch (error) {
        return cannot(`FUNCTION LIST was refused (${(0,errors/* errorMessage */.g)(error)})`);
    }
    const clashing = names.filter((name) => present.has(name));
    if (mode === 'empty' && clashing.length > 0) {
        throw new confinement/* ConfinementError */.Dy(`restore-mode is empty, but the target already holds the function librar${clashing.length === 1 ? 'y' : 'ies'} ${clashing.join(', ')} of the backup: nothing was restored ` +
            '(set restore-mode: clean to replace them)');
    }
    const payload = (await source.command('FUNCTION', 'DUMP'));
    try {
        await target.command('FUNCTION', 'RESTORE', payload, mode === 'clean' ? 'REPLACE' : 'APPEND');
    }
    catch (error) {
        return cannot(`FUNCTION RESTORE was refused (${(0,errors/* errorMessage */.g)(error)})`);
    }
    const restored = await libraries(target);
    const differing = names.filter((name) => !restored.get(name)?.equals(backup.get(name)));
    if (differing.length > 0)
        throw new Error(`the target's function libraries ${differing.join(', ')} differ from the backup's after FUNCTION RESTORE`);
    return { functions: `${names.length} librar${names.length === 1 ? 'y' : 'ies'} restored (${names.join(', ')}; FUNCTION RESTORE ${mode === 'clean' ? 'REPLACE' : 'APPEND'}), code compared, equal` };
}
/** At restore-check: the libraries of the RDB must be the server's, code for code. */
async function compareFunctions(loaded, server) {
    const [backup, live] = await Promise.all([librariesOrNone(loaded), librariesOrNone(server)]);
    const names = [...new Set([...backup.keys(), ...live.keys()])].sort();
    return names
        .filter((name) => !(backup.get(name) && live.get(name)?.equals(backup.get(name))))
        .map((name) => `function library ${name}: ${!backup.has(name) ? 'not in the RDB' : !live.has(name) ? 'not on the server' : 'its code differs'}`);
}

// EXTERNAL MODULE: ./src/tools/find.ts
var find = __webpack_require__(93192);
// EXTERNAL MODULE: ./src/util/process.ts + 1 modules
var process = __webpack_require__(59274);
// EXTERNAL MODULE: ./src/util/secrets.ts
var secrets = __webpack_require__(84537);
// EXTERNAL MODULE: ./src/engines/shared/restore-input.ts
var restore_input = __webpack_require__(63370);
;// CONCATENATED MODULE: ./src/engines/redis/rdb-server.ts










/**
 * The throwaway redis-server a backup's RDB is loaded into, on loopback, to be read key by key:
 * by the restore (which copies the keys to the target) and by the restore-check.
 */
const SERVER_HINT = 'install redis-server (for example `sudo apt-get install redis-server`): the RDB is loaded into a throwaway local server and copied key by key';
const START_TIMEOUT_MS = 120_000;
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
 * How many databases the throwaway server is started with until the RDB fits: the source's own
 * `databases` where it is known, else a ceiling that holds nearly every server's (each database
 * costs the throwaway server about 450 bytes: 1,024 of them 0.5 MB, 65,536 of them 30 MB).
 */
const DATABASE_CEILINGS = [1024, 65_536];
/** What redis-server logs when the RDB selects a database beyond its `databases` setting. */
const TOO_FEW_DATABASES = /configured to handle more than (\d+) databases/;
/**
 * A redis-server on loopback that loads the RDB and never writes: started, used, always stopped.
 * Its password is random and kept in its config file (0600), never on a command line. It is
 * started with `databases` large enough for the RDB (redis-server refuses an RDB with a database
 * beyond its setting): `databases` when the caller knows it, else larger ceilings in turn.
 */
async function withRdbServer(file, workDir, timeoutMs, use, databases) {
    const server = await (0,find/* requireTool */.Y)('redis-server', SERVER_HINT);
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(workDir, 'redis-'));
    // A .rdb.zst or .rdb.gz backup is decompressed into the server's directory; a .rdb is copied as it is.
    const rdb = (0,external_node_path_.join)(dir, 'dump.rdb');
    if ((await (0,restore_input/* plainFile */.dC)(file, rdb)) === file)
        await (0,promises_.copyFile)(file, rdb);
    const ceilings = [...new Set([...(databases ? [Math.max(databases, 16)] : []), ...DATABASE_CEILINGS.filter((ceiling) => !databases || ceiling > databases)])];
    for (const [attempt, count] of ceilings.entries()) {
        try {
            return await withServer(server, dir, count, attempt, timeoutMs, use);
        }
        catch (error) {
            if (!(error instanceof TooFewDatabases) || attempt === ceilings.length - 1) {
                if (error instanceof TooFewDatabases)
                    throw new Error(`redis-server could not load the RDB: it holds a database numbered ${count} or more (the source's databases setting is larger than ${count})`);
                throw error;
            }
        }
    }
    throw new Error('unreachable');
}
class TooFewDatabases extends Error {
}
async function withServer(server, dir, databases, attempt, timeoutMs, use) {
    const port = await freePort();
    const password = (0,external_node_crypto_.randomBytes)(24).toString('hex');
    (0,secrets/* registerSecret */.cl)(password);
    const configFile = (0,external_node_path_.join)(dir, `redis-${attempt}.conf`);
    const log = (0,external_node_path_.join)(dir, `redis-${attempt}.log`);
    const config = [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, 'dbfilename dump.rdb', 'save ""', 'appendonly no', `databases ${databases}`, `logfile ${log}`, `requirepass ${password}`];
    await (0,promises_.writeFile)(configFile, `${config.join('\n')}\n`, { mode: 0o600, flag: 'wx' });
    const child = (0,process/* startChild */.v0)({ command: server, args: [configFile] }, 'ignore');
    let exited = false;
    child.once('exit', () => (exited = true));
    try {
        const connection = await readyConnection(port, password, () => exited, log, timeoutMs).catch(async (error) => {
            if (exited && TOO_FEW_DATABASES.test(await (0,promises_.readFile)(log, 'utf8').catch(() => '')))
                throw new TooFewDatabases();
            throw error;
        });
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

;// CONCATENATED MODULE: ./src/engines/redis/restore.ts













/** Keys moved by one MIGRATE. */
const BATCH = 500;
/** How long MIGRATE waits on the target for one batch. */
const MIGRATE_TIMEOUT_MS = 60_000;
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
 * `databases` setting, or where CONFIG is refused, by selecting it. The refusal names every
 * database of the backup, those the target lacks, and the `databases` setting it needs.
 */
async function checkDatabasesExist(database, databases, timeoutMs) {
    const target = await connectTarget(database, timeoutMs);
    try {
        const count = await configuredDatabases(target);
        const missing = [];
        for (const db of databases) {
            const absent = count === undefined ? await target.command('SELECT', String(db)).then(() => false, (error) => error instanceof RespError) : db >= count;
            if (absent)
                missing.push(db);
        }
        if (missing.length > 0)
            throw new confinement/* ConfinementError */.Dy(missingDatabasesText(databases, missing, count));
    }
    finally {
        target.close();
    }
}
/** Why a backup does not fit the target's databases, in words: every database it needs, and the setting. */
function missingDatabasesText(databases, missing, count) {
    const sorted = [...databases].sort((a, b) => a - b);
    const highest = sorted.at(-1);
    const first = Math.min(...missing);
    const has = count === undefined ? 'no such database' : `databases 0 to ${count - 1} (databases ${count})`;
    return (`the backup would act outside the target: it holds keys in database ${first} (SELECT ${first}), but the target has ${has}; ` +
        `the backup holds keys in database${sorted.length === 1 ? '' : 's'} ${sorted.join(', ')}, of which the target lacks ${missing.sort((a, b) => a - b).join(', ')}: ` +
        `the target needs \`databases ${highest + 1}\` or more in its configuration (a setting read at start); ` +
        'nothing was restored (raise the target\'s databases setting and restart it, or restore this backup by hand)');
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
/** Whether the throwaway server tells a key's absolute expiry time (PEXPIRETIME, Redis 7). */
async function knowsExpireTime(source) {
    const reply = await source.pipeline([['PEXPIRETIME', 'redis-restore-probe']]);
    return !(reply[0] instanceof RespError);
}
/**
 * Gives each key of `keys` (copied into database `db` of the target) the absolute expiry time the
 * backup holds for it (`expiry`: PEXPIRETIME replies): MIGRATE gave it a TTL relative to the
 * start of its batch. Returns how many keys were given one.
 */
async function keepExpiry(target, db, keys, expiry) {
    const commands = [['SELECT', String(db)]];
    for (const [index, key] of keys.entries()) {
        const at = expiry[index];
        if (typeof at === 'number' && at > 0)
            commands.push(['PEXPIREAT', key, String(at)]);
    }
    const replies = await target.pipeline(commands);
    const refused = replies.find((reply) => reply instanceof RespError);
    if (refused)
        throw new Error(`the target refused to set the backup's expiry times (SELECT/PEXPIREAT): ${refused.message}`);
    return commands.length - 1;
}
/**
 * Reads every key of every database of the throwaway server (`archive`: keys per database),
 * digesting each database and writing each key with its hash to a ledger in `workDir`; `each`
 * is given every batch as it is read (the restore copies it to the target then).
 */
async function readArchive(source, archive, workDir, each) {
    const ledger = await KeyLedger.create((0,external_node_path_.join)(workDir, `redis-keys-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`));
    const digests = new Map();
    try {
        for (const name of archive.keys()) {
            const db = Number(name.slice(2));
            const digest = new content_digest/* ContentDigest */.e();
            await source.command('SELECT', String(db));
            for await (const keys of keyBatches(source, BATCH)) {
                const readings = await readKeys(source, keys);
                const entries = [];
                for (const [index, reading] of readings.entries()) {
                    if (!reading)
                        continue;
                    digest.add(reading.hash);
                    entries.push({ db, key: keys[index], hash: reading.hash });
                }
                await ledger.append(entries);
                await each?.(db, keys, readings);
            }
            digests.set(name, digest.text());
        }
    }
    finally {
        await ledger.close();
    }
    return { digests, ledger };
}
/** The content check against `database` (the restore's target, or at restore-check the source): the backup's keys read back there. */
function contentCheck(database, { digests, ledger }, timeoutMs) {
    const withTarget = async (use) => {
        const target = await connectTarget(database, timeoutMs);
        try {
            return await use(target);
        }
        finally {
            target.close();
        }
    };
    return {
        archive: digests,
        readTarget: () => withTarget(async (target) => new Map([...(await ledgerDigests(target, ledger))].map(([db, digest]) => [`db${db}`, digest.text()]))),
        firstDifference: (holder) => withTarget((target) => firstDifferingKey(target, ledger, Number(holder.slice(2)))).catch((error) => {
            // Not knowing which key differs must not hide that the database does.
            core/* warning */.$e(`the first differing key of ${holder} could not be named: ${(0,errors/* errorMessage */.g)(error)}`);
            return undefined;
        })
    };
}
/**
 * Loads the new RDB into a throwaway redis-server (which reads every key of it), and compares it
 * with the server, read right after the dump: keys per database, then each database's content
 * digest, every key of the RDB read back on the server. A server written to meanwhile differs,
 * and says so.
 */
async function restoreCheck({ database, file, workDir, timeoutMs }) {
    const source = await connectTarget(database, timeoutMs);
    const databases = await configuredDatabases(source).finally(() => source.close());
    const { loaded, functions, libraries, reading } = await withRdbServer(file, workDir, timeoutMs, async (connection) => {
        const loaded = await keysPerDatabase(connection);
        const server = await connectTarget(database, timeoutMs);
        const functions = await compareFunctions(connection, server).finally(() => server.close());
        const libraries = (await librariesOrNone(connection)).size;
        return { loaded, functions, libraries, reading: await readArchive(connection, loaded, workDir) };
    }, databases);
    try {
        const server = await targetKeys(database, timeoutMs);
        const differences = [...new Set([...server.keys(), ...loaded.keys()])]
            .filter((name) => server.get(name) !== loaded.get(name))
            .map((name) => `${name}: ${server.get(name) ?? 0} keys on the server, ${loaded.get(name) ?? 0} in the RDB`);
        const counted = (0,contents/* countMismatches */.Mv)(loaded, server);
        const content = contentCheck(database, reading, timeoutMs);
        differences.push(...(await (0,contents/* digestDifferences */.t1)(content, await content.readTarget(), UNITS, counted)), ...functions);
        if (differences.length > 0)
            throw new Error(`the RDB loaded into a throwaway redis-server differs from the server: ${(0,contents/* differencesText */.GQ)(differences)}`);
        return { 'restore check': `${(0,contents/* comparedText */.lp)(loaded, UNITS, true)} (the RDB loaded into a throwaway redis-server, every key read back on the server${libraries > 0 ? `; ${libraries} function librar${libraries === 1 ? 'y' : 'ies'}, code equal` : ''})` };
    }
    finally {
        await (0,promises_.rm)(reading.ledger.path, { force: true });
    }
}
const redisRestorer = {
    units: UNITS,
    restoreCheck,
    // redis-cli plays no part: a throwaway redis-server loads the RDB and MIGRATEs the keys.
    usesClient: false,
    sharedHolders: true,
    restoredObjects: (archive) => [...archive.values()].reduce((sum, count) => sum + count, 0),
    contents: (database, _workDir, timeoutMs) => targetKeys(database, timeoutMs),
    async restore({ database, file, workDir, timeoutMs, mode, acceptUnrestoredFunctions }) {
        targetAddress(database);
        return withRdbServer(file, workDir, timeoutMs, async (source) => {
            const archive = await keysPerDatabase(source);
            await checkDatabasesExist(database, [...archive.keys()].map((name) => Number(name.slice(2))), timeoutMs);
            // Before any key: a target that cannot take the functions is refused untouched.
            const target = await connectTarget(database, timeoutMs);
            try {
                const functions = await restoreFunctions(source, target, mode, acceptUnrestoredFunctions ?? false);
                const absolute = await knowsExpireTime(source);
                let batches = 0;
                let expiring = 0;
                const reading = await readArchive(source, archive, workDir, async (db, keys, readings) => {
                    const withTtl = keys.filter((_key, index) => readings[index]?.expires);
                    // Read before the copy: MIGRATE sends a TTL relative to its own start, which the batch's transfer delays.
                    const expiry = absolute && withTtl.length > 0 ? await source.pipeline(withTtl.map((key) => ['PEXPIRETIME', key])) : [];
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
                    if (expiry.length > 0)
                        expiring += await keepExpiry(target, db, withTtl, expiry);
                });
                const keys = [...archive.values()].reduce((sum, count) => sum + count, 0);
                const ttls = absolute
                    ? `${expiring} key${expiring === 1 ? '' : 's'} with a TTL, each given its absolute expiry time of the backup (PEXPIRETIME, then PEXPIREAT on the target)`
                    : 'relative (MIGRATE; the throwaway redis-server is older than 7 and has no PEXPIRETIME: each TTL moves later by the time its batch took to copy)';
                return {
                    archive,
                    content: contentCheck(database, reading, timeoutMs),
                    figures: { restored: `${keys} keys in ${archive.size} databases`, 'MIGRATE batches': batches, TTLs: ttls, ...functions }
                };
            }
            finally {
                target.close();
            }
        });
    }
};


/***/ }),

/***/ 49177:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dy: () => (/* binding */ ConfinementError),
/* harmony export */   pN: () => (/* binding */ QUOTE_BYTES),
/* harmony export */   x5: () => (/* binding */ refusal)
/* harmony export */ });
/* unused harmony exports QUOTE_CHARS, quoteStatement */
/**
 * What the restores share to keep a backup inside its target: the error that names the offending
 * statement and where it is, so that a refused backup says what to look at.
 */
/** The most of a statement an error quotes. */
const QUOTE_CHARS = 80;
/** Of a statement, the first bytes a lexer keeps to quote it (quoteStatement cuts them to QUOTE_CHARS). */
const QUOTE_BYTES = 120;
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

/***/ 63370:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Do: () => (/* binding */ decompressedStream),
/* harmony export */   dC: () => (/* binding */ plainFile)
/* harmony export */ });
/* unused harmony export storedCompression */
/* harmony import */ var _util_compression_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31714);
/* harmony import */ var _util_dump_feed_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62445);
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
    return (0,_util_dump_feed_js__WEBPACK_IMPORTED_MODULE_1__/* .decoded */ .DH)((0,_util_compression_js__WEBPACK_IMPORTED_MODULE_0__/* .storedBytes */ .Zk)(file), await storedCompression(file), ...checks);
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

/***/ 41594:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ ContentDigest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/** Bytes of the digest's text form: 16 hex of the count, then the sum's 64. */
const LANES = 8;
/**
 * An order-independent digest of a multiset of items (a table's rows, a collection's documents,
 * a database's keys): the lane-wise sum, modulo 2^32 a lane, of each item's SHA-256, with the
 * number of items. Two sides that hold the same items in any order have the same digest; one
 * changed byte of one item changes it. It detects corruption, not forgery (signing does that):
 * an item can be fed whole (`add`) or in parts (`begin`, `update`, `end`), so an item of any size
 * is digested in bounded memory and in time linear in its length.
 */
class ContentDigest {
    sum = new Uint32Array(LANES);
    items = 0;
    partial;
    get count() {
        return this.items;
    }
    /** One whole item. */
    add(item) {
        this.fold((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)('sha256', item, 'buffer'));
    }
    /** Starts an item that comes in parts. */
    begin() {
        this.partial = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    }
    update(part) {
        if (!this.partial)
            throw new Error('ContentDigest.update outside an item: call begin first');
        this.partial.update(part);
    }
    end() {
        if (!this.partial)
            throw new Error('ContentDigest.end outside an item: call begin first');
        this.fold(this.partial.digest());
        this.partial = undefined;
    }
    /** `<items>:<sum>`, equal for equal multisets. */
    text() {
        return `${this.items}:${Buffer.from(this.sum.buffer).toString('hex')}`;
    }
    fold(itemHash) {
        for (let lane = 0; lane < LANES; lane++)
            this.sum[lane] = (this.sum[lane] + itemHash.readUInt32BE(lane * 4)) >>> 0;
        this.items++;
    }
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

/***/ 86918:
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
