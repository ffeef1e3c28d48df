export const id = 674;
export const ids = [674];
export const modules = {

/***/ 4195:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ chunks),
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
/** Runs `work` over `items` with at most `limit` at a time; rejects with the first failure. */
async function mapLimit(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await work(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}
function chunks(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}


/***/ }),

/***/ 15934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ CloudStorage)
/* harmony export */ });
/** A StorageBackend made of a cloud backend's store and its calls (see StorageBackend for what each does). */
class CloudStorage {
    store;
    calls;
    constructor(store, calls) {
        this.store = store;
        this.calls = calls;
    }
    takeRetryCount() {
        return this.store.retries.take();
    }
    uri(key) {
        return this.store.uri(key);
    }
    upload(file, key, metadata, abort) {
        return this.calls.upload(this.store, file, key, metadata, abort);
    }
    beginUpload(key, metadata, abort, estimatedBytes) {
        return this.calls.beginUpload(this.store, key, metadata, abort, estimatedBytes);
    }
    preflight(keyPrefix) {
        return this.calls.preflight(this.store, keyPrefix);
    }
    list(keyPrefix) {
        return this.calls.list(this.store, keyPrefix);
    }
    download(key, file, options) {
        return this.calls.download(this.store, key, file, options);
    }
    delete(keys) {
        return this.calls.delete(this.store, keys);
    }
}


/***/ }),

/***/ 74328:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ Deletions)
/* harmony export */ });
/* harmony import */ var _batches_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4195);

/** How many deletions went through before a failure, for the error message. */
function deletedSoFar(deleted) {
    return deleted > 0 ? ` (${deleted} other(s) were deleted)` : '';
}
/** One error for the deletions that failed, naming the first few. */
function deletionFailure(failures, deleted, where) {
    const shown = `${failures.slice(0, 5).join('; ')}${failures.length > 5 ? '; ...' : ''}`;
    return new Error(`${failures.length} old backup(s) could not be deleted from ${where}: ${shown}${deletedSoFar(deleted)}`);
}
/**
 * What delete() did with its keys, collected across batches: deleted (or already gone), kept by
 * a retention lock, or refused otherwise, which fails the whole call once every key was tried.
 */
class Deletions {
    store;
    deleted = [];
    locked = [];
    failures = [];
    constructor(store) {
        this.store = store;
    }
    /** A batch request that failed as a whole: the call fails, saying what went before. */
    batchFailed(count, error) {
        return new Error(`deleting ${count} old backup(s) from ${this.store.where} failed: ${this.store.describe(error)}${deletedSoFar(this.deleted.length)}`);
    }
    /**
     * One request per key, a few at a time, for services without batch deletes. `remove` resolves
     * whether it deleted the key (false: it was already gone).
     */
    async oneByOne(items, keyOf, remove, isLocked) {
        await (0,_batches_js__WEBPACK_IMPORTED_MODULE_0__/* .mapLimit */ .s)(items, 8, async (item) => {
            const key = keyOf(item);
            try {
                if (await remove(item))
                    this.deleted.push(key);
            }
            catch (error) {
                if (isLocked(error))
                    this.locked.push(key);
                else
                    this.failures.push(`${key}: ${this.store.describe(error)}`);
            }
        });
    }
    /** The result; throws naming the refusals, if any. */
    result() {
        if (this.failures.length > 0)
            throw deletionFailure(this.failures, this.deleted.length, this.store.where);
        return { deleted: this.deleted, locked: this.locked };
    }
}


/***/ }),

/***/ 94492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C5: () => (/* binding */ plainMessage),
/* harmony export */   a0: () => (/* binding */ networkErrorCode),
/* harmony export */   nG: () => (/* binding */ httpStatus),
/* harmony export */   vS: () => (/* binding */ mayHaveStored)
/* harmony export */ });
/** What the cloud backends make of an SDK's error: a network code, an HTTP status, whether anything can have been stored. */
const NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EPIPE',
    'ECONNABORTED',
    'UND_ERR_CONNECT_TIMEOUT',
    'TimeoutError'
]);
/**
 * The network error code inside an SDK error, if the request never got an answer. SDKs wrap the
 * socket error differently (as the error itself, its cause, or an AggregateError of addresses).
 */
function networkErrorCode(error, depth = 0) {
    if (!error || typeof error !== 'object' || depth > 4)
        return undefined;
    const record = error;
    for (const candidate of [record.code, record.name]) {
        if (typeof candidate === 'string' && NETWORK_CODES.has(candidate))
            return candidate;
    }
    if (typeof record.message === 'string') {
        const match = /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(record.message);
        if (match)
            return match[1];
    }
    const nested = [record.cause, ...(Array.isArray(record.errors) ? record.errors : [])];
    for (const inner of nested) {
        const code = networkErrorCode(inner, depth + 1);
        if (code)
            return code;
    }
    return undefined;
}
/** Errors of a connection that was never made: no request reached the storage. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** The HTTP status of an SDK error, wherever the SDK keeps it. */
function httpStatus(error) {
    const record = error;
    const candidates = [record?.$metadata?.httpStatusCode, record?.statusCode, record?.status, record?.code, record?.response?.status];
    return candidates.find((value) => typeof value === 'number' && value >= 100 && value < 600);
}
/**
 * Whether a failed upload may still have stored an object: not when the storage answered with a
 * refusal (4xx) or could not be reached at all, so the check for a leftover object, which would
 * only fail the same way, is skipped.
 */
function mayHaveStored(error) {
    const status = httpStatus(error);
    if (status !== undefined && status >= 400 && status < 500)
        return false;
    const network = networkErrorCode(error);
    return !(network && NEVER_CONNECTED.has(network));
}
/** The message of anything thrown, on one line. */
function plainMessage(error) {
    const text = error instanceof Error ? error.message : String(error);
    return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).join(' ');
}


/***/ }),

/***/ 327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ lockedUntil)
/* harmony export */ });
/* unused harmony export stillLocked */
const DAY_MS = 86_400_000;
/** When a lock of `days` set now ends: the retain-until time sent with an upload. */
function lockedUntil(days, now = new Date()) {
    return new Date(now.getTime() + days * DAY_MS);
}
/** Whether a lock read from the storage still holds at `now`. */
function stillLocked(until, now = new Date()) {
    return until !== undefined && until.getTime() > now.getTime();
}


/***/ }),

/***/ 39906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MU: () => (/* binding */ isOurs),
/* harmony export */   dF: () => (/* binding */ unquoteEtag),
/* harmony export */   dx: () => (/* binding */ objectMetadata)
/* harmony export */ });
/**
 * User metadata stored with each object. The keys are lower-case letters and digits only: Azure
 * requires C# identifiers, and proxies in front of S3-compatible services may drop headers with
 * underscores.
 */
function objectMetadata(metadata) {
    return {
        // Empty while a streamed upload has not ended: recorded at its commit.
        ...(metadata.sha256 ? { sha256: metadata.sha256 } : {}),
        backupname: metadata.backupName,
        dbtype: metadata.dbType,
        createdat: metadata.createdAt
    };
}
/** Whether an object's stored metadata says it is the upload of this backup (and nothing else). */
function isOurs(stored, metadata) {
    return stored?.sha256 === metadata.sha256 && stored?.createdat === metadata.createdAt && stored?.backupname === metadata.backupName;
}
/**
 * ETags are reported without the surrounding quotes S3 and Azure put on them (GCS has none), so
 * that the output means the same for every backend and can be compared as it is.
 */
function unquoteEtag(etag) {
    return (etag ?? '').replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}


/***/ }),

/***/ 60605:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ur: () => (/* binding */ partsInFlight),
/* harmony export */   lv: () => (/* binding */ MiB),
/* harmony export */   oV: () => (/* binding */ partSizeFor)
/* harmony export */ });
/** How the cloud backends cut an upload into parts (S3 parts, Azure blocks), and how many they send at once. */
const MiB = 1024 * 1024;
/**
 * The smallest part (or block) size, in whole MiB and at least `minimum`, that splits `size`
 * bytes into at most `maxParts` parts: S3 allows 10,000 parts, Azure 50,000 blocks, so a fixed
 * part size would put a limit on the size of a dump.
 */
function partSizeFor(size, minimum, maxParts) {
    const needed = Math.ceil(size / maxParts);
    return Math.max(minimum, Math.ceil(needed / MiB) * MiB);
}
/**
 * How many parts to send at once when each is held in memory while it is sent: up to four, fewer
 * once the parts are so large (dumps of hundreds of GB) that four would use more than 64 MiB.
 */
function partsInFlight(partSize) {
    return Math.max(1, Math.min(4, Math.floor((64 * MiB) / partSize)));
}


/***/ }),

/***/ 33528:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ih: () => (/* binding */ writeRefused),
/* harmony export */   Ss: () => (/* binding */ probeKey),
/* harmony export */   Xb: () => (/* binding */ preflightResult),
/* harmony export */   sQ: () => (/* binding */ checkReachable)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/** The preflight of a cloud storage: the steps every backend takes, worded once. */
/** Runs the cheapest call that proves the credentials and the bucket or container; a failure says they cannot be used. */
async function checkReachable(store, probe) {
    try {
        await probe();
    }
    catch (error) {
        throw new Error(`${store.where} cannot be used: ${store.describe(error)}`);
    }
}
/** The key of a write check's probe under the prefix: never a backup's name, nor another run's probe. */
function probeKey(keyPrefix) {
    return `${keyPrefix}preflight-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}`;
}
/** A write check that was refused. */
function writeRefused(store, keyPrefix, cause) {
    return new Error(`${store.where} cannot be written under ${store.uri(keyPrefix)}*: ${cause}`);
}
/** The checks made, in order, and the write check's warnings. */
function preflightResult(checks, write) {
    return { checked: [...checks, write.checked].join('; '), ...(write.warnings ? { warnings: write.warnings } : {}) };
}


/***/ }),

/***/ 26918:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ download),
/* harmony export */   i: () => (/* binding */ listing)
/* harmony export */ });
/* harmony import */ var _util_files_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75787);

/** Reading from a cloud storage, its failures worded once for every backend. */
/**
 * Runs a backend's download, timed; a cancelled run fails with the abort's reason, an object
 * larger than listed with DownloadTooLarge, a missing key by its name, anything else as described.
 */
async function download(store, key, abort, isMissing, save) {
    const started = performance.now();
    try {
        return { ...(await save()), durationMs: performance.now() - started };
    }
    catch (error) {
        if (abort?.aborted)
            throw abort.reason;
        if (error instanceof _util_files_js__WEBPACK_IMPORTED_MODULE_0__/* .DownloadTooLarge */ .kt)
            throw error;
        if (isMissing(error))
            throw new Error(`${store.uri(key)} does not exist in ${store.where}`);
        throw new Error(`downloading ${store.uri(key)} from ${store.where} failed: ${store.describe(error)}`);
    }
}
/** Runs a backend's listing of `keyPrefix`; a failure names what was listed where. */
async function listing(store, keyPrefix, list) {
    try {
        return await list();
    }
    catch (error) {
        throw new Error(`listing ${store.uri(keyPrefix)}* in ${store.where} failed: ${store.describe(error)}`);
    }
}


/***/ }),

/***/ 7281:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ MAX_ATTEMPTS),
/* harmony export */   n: () => (/* binding */ RetryCounter)
/* harmony export */ });
/* harmony import */ var node_diagnostics_channel__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53053);
/* harmony import */ var node_diagnostics_channel__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_diagnostics_channel__WEBPACK_IMPORTED_MODULE_0__);

/**
 * How often each SDK tries a request that met a transient fault (HTTP 500, 502, 503, 504, 429 or
 * SlowDown, a reset or refused connection, a timeout) before the step fails: the first try and
 * three retries, with exponential backoff (and jitter, where the SDK has it) between them. A
 * refusal (4xx) is never retried.
 */
const MAX_ATTEMPTS = 4;
/** The retries a backend's SDK made, counted as they happen and handed to the step that asks. */
class RetryCounter {
    count = 0;
    add(retries) {
        if (retries > 0)
            this.count += retries;
    }
    /** The retries made since the last call. */
    take() {
        const count = this.count;
        this.count = 0;
        return count;
    }
    /**
     * Counts the requests to `host` (as in a Host header) that carry an operation id already seen:
     * the retries of SDKs (GCS, Azure) that keep one id across the attempts of an operation but
     * offer no hook that sees each attempt. Node publishes every outgoing HTTP request on this
     * diagnostics channel; nothing about the request is changed.
     */
    watch(host, operationId) {
        const seen = new Set();
        (0,node_diagnostics_channel__WEBPACK_IMPORTED_MODULE_0__.subscribe)('http.client.request.created', (message) => {
            const request = message.request;
            if (request.getHeader('host') !== host)
                return;
            const id = operationId(request);
            if (id === undefined)
                return;
            if (seen.has(id))
                this.count++;
            else
                seen.add(id);
        });
    }
}


/***/ }),

/***/ 36135:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U_: () => (/* binding */ queuedParts),
/* harmony export */   Yi: () => (/* binding */ streamPartSizing),
/* harmony export */   tn: () => (/* binding */ PartQueue)
/* harmony export */ });
/* unused harmony exports STREAM_MIN_PART, partSizeAt */
/* harmony import */ var _parts_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(60605);

const STREAM_MIN_PART = 8 * _parts_js__WEBPACK_IMPORTED_MODULE_0__/* .MiB */ .lv;
/**
 * Parts for a dump of about `estimatedBytes` (twice that, so that a dump larger than its database
 * still fits the first tier), at least `minimum`, in whole MiB.
 */
function streamPartSizing(estimatedBytes, maxParts, largest, minimum = STREAM_MIN_PART) {
    const perTier = Math.floor(maxParts / 10);
    const wanted = estimatedBytes ? Math.ceil((2 * estimatedBytes) / perTier / _parts_js__WEBPACK_IMPORTED_MODULE_0__/* .MiB */ .lv) * _parts_js__WEBPACK_IMPORTED_MODULE_0__/* .MiB */ .lv : 0;
    return { initial: Math.min(largest, Math.max(minimum, wanted)), perTier, largest };
}
function partSizeAt(index, sizing) {
    return Math.min(sizing.largest, sizing.initial * 2 ** Math.floor(index / sizing.perTier));
}
/**
 * Cuts the written bytes into parts and sends them, a few at a time: memory is the part being
 * filled plus the parts in flight (up to four, fewer once parts are large), whatever the dump's
 * size. A write waits while the parts in flight are at the limit; the first failed part fails
 * every write after it and flush().
 */
class PartQueue {
    sizing;
    send;
    part;
    filled = 0;
    started = 0;
    inFlight = new Set();
    failure;
    held = 0;
    peak = 0;
    constructor(sizing, send) {
        this.sizing = sizing;
        this.send = send;
    }
    /** Parts sent or being sent. */
    get parts() {
        return this.started;
    }
    /** The most bytes held in memory for parts at once. */
    get peakBytes() {
        return this.peak;
    }
    get currentPartSize() {
        return partSizeAt(this.started, this.sizing);
    }
    async write(chunk) {
        this.throwIfFailed();
        let offset = 0;
        while (offset < chunk.length) {
            if (!this.part) {
                this.part = Buffer.allocUnsafe(this.currentPartSize);
                this.hold(this.part.length);
            }
            const copied = chunk.copy(this.part, this.filled, offset);
            this.filled += copied;
            offset += copied;
            if (this.filled === this.part.length)
                await this.dispatch();
        }
    }
    /** Sends the last part (the only one that may be short; an empty dump still sends one) and waits for every part. */
    async flush() {
        this.throwIfFailed();
        if (this.filled > 0 || this.started === 0)
            await this.dispatch();
        await Promise.all(this.inFlight);
        this.throwIfFailed();
    }
    async dispatch() {
        const part = this.part ?? Buffer.alloc(0);
        const body = part.subarray(0, this.filled);
        this.part = undefined;
        this.filled = 0;
        while (this.inFlight.size >= (0,_parts_js__WEBPACK_IMPORTED_MODULE_0__/* .partsInFlight */ .Ur)(part.length || 1))
            await Promise.race(this.inFlight);
        this.throwIfFailed();
        const index = this.started++;
        const sending = this.send(index, body).then(() => undefined, (error) => {
            this.failure ??= { error };
        });
        const tracked = sending.finally(() => {
            this.inFlight.delete(tracked);
            this.held -= part.length;
        });
        this.inFlight.add(tracked);
    }
    hold(bytes) {
        this.held += bytes;
        this.peak = Math.max(this.peak, this.held);
    }
    throwIfFailed() {
        if (this.failure)
            throw this.failure.error;
    }
}
/**
 * A staged upload's write, flush and figures over a PartQueue: a part that failed fails the
 * write or flush after it, with the upload's error (`failed`).
 */
function queuedParts(queue, sizing, failed) {
    return {
        write: async (chunk) => queue.write(chunk).catch((error) => Promise.reject(failed(error))),
        flush: async () => queue.flush().catch((error) => Promise.reject(failed(error))),
        figures: () => ({ parts: queue.parts, 'part size bytes': sizing.initial, 'peak part memory bytes': queue.peakBytes })
    };
}


/***/ }),

/***/ 10497:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   He: () => (/* binding */ recordSha256),
/* harmony export */   Oo: () => (/* binding */ confirmStored),
/* harmony export */   Q5: () => (/* binding */ cleanupNotes),
/* harmony export */   cx: () => (/* binding */ removeOwnObject),
/* harmony export */   e7: () => (/* binding */ readBack),
/* harmony export */   mc: () => (/* binding */ uploadVerified),
/* harmony export */   vD: () => (/* binding */ uploadFailed)
/* harmony export */ });
/* unused harmony export storedObjectProblems */
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(70017);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39906);


/** Compares what the storage holds after an upload with what was sent; the problems found. */
function storedObjectProblems(expected, stored) {
    const problems = [];
    if (stored.sizeBytes !== expected.sizeBytes) {
        problems.push(`it holds ${stored.sizeBytes ?? 'an unknown number of'} bytes, the dump is ${expected.sizeBytes} bytes`);
    }
    if (stored.sha256 !== expected.sha256) {
        problems.push(`its sha256 metadata is ${stored.sha256 ? `"${stored.sha256}"` : 'missing'}, the dump's is ${expected.sha256}`);
    }
    return problems;
}
/** Sends a file, reads back what the storage holds and checks it is the dump; else nothing is left and the upload fails. */
async function uploadVerified(store, key, expected, upload, abort) {
    const started = performance.now();
    let sent;
    try {
        sent = await upload.send();
    }
    catch (error) {
        throw uploadFailed(store, key, error, abort, await upload.cleanUp(error));
    }
    const durationMs = performance.now() - started;
    const stored = await readBack(store, key, () => upload.readBack(sent), () => upload.discard());
    return confirmStored(store, key, expected, stored, () => upload.discard(), durationMs);
}
/** The error of an upload that failed (or that a cancelled run stopped: then the abort's reason). */
function uploadFailed(store, key, error, abort, cleanup = '') {
    return new Error(`upload of ${store.uri(key)} to ${store.where} failed: ${abort?.aborted ? (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .g)(abort.reason) : store.describe(error)}${cleanup}`);
}
/** What the storage holds after an upload; an object that cannot be read back cannot be checked, so it is removed and the upload fails. */
async function readBack(store, key, read, discard) {
    try {
        return await read();
    }
    catch (error) {
        const cleanup = await discard();
        throw new Error(`${store.uri(key)} was uploaded but cannot be read back from ${store.where}: ${store.describe(error)}${cleanup}`);
    }
}
/**
 * Records the SHA-256, known only once a streamed upload has ended, on the object it made; a
 * failure removes the object (its metadata has no SHA-256 yet, so it is known to be this upload's).
 */
async function recordSha256(store, key, record, remove) {
    try {
        return await record();
    }
    catch (error) {
        const cleanup = await remove().then(() => '', (deletion) => `; the object could not be removed again (${store.describe(deletion)})`);
        throw new Error(`${store.uri(key)} was uploaded but its SHA-256 could not be recorded in ${store.where}: ${store.describe(error)}${cleanup}`);
    }
}
/**
 * What the storage holds must be the dump: its size, its recorded SHA-256 and the settings asked
 * for; else the object is removed again and the upload fails.
 */
async function confirmStored(store, key, expected, stored, discard, durationMs) {
    const problems = [...(stored.checksumProblems ?? []), ...storedObjectProblems(expected, stored), ...stored.settings.problems];
    if (problems.length > 0) {
        const cleanup = await discard();
        throw new Error(`${store.uri(key)} in ${store.where} is not the dump: ${problems.join('; ')}${cleanup}`);
    }
    const { applied, warnings } = stored.settings;
    return {
        uri: store.uri(key),
        etag: stored.etag,
        versionId: stored.versionId,
        sizeBytes: stored.sizeBytes ?? 0,
        durationMs,
        applied,
        ...(warnings.length > 0 ? { warnings } : {})
    };
}
/**
 * Deletes an object that a failed upload got stored after all, recognised by its metadata so that
 * an object this upload did not write is never touched; a note when that could not be checked.
 */
async function removeOwnObject(store, metadata, calls, what = 'an object was left under the key') {
    try {
        const found = await calls.read();
        if ((0,_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .isOurs */ .MU)(calls.metadataOf(found), metadata))
            await calls.remove(found);
        return undefined;
    }
    catch (error) {
        return calls.isMissing(error) ? undefined : `whether ${what} could not be checked (${store.describe(error)})`;
    }
}
/** Notes on what could not be removed, appended to an error message. */
function cleanupNotes(notes) {
    const present = notes.filter((note) => Boolean(note));
    return present.length > 0 ? `; ${present.join('; ')}` : '';
}


/***/ })

};
