export const id = 107;
export const ids = [107];
export const modules = {

/***/ 50107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GcsStorage: () => (/* binding */ GcsStorage)
});

// EXTERNAL MODULE: ./src/storage/shared/cloud-storage.ts
var cloud_storage = __webpack_require__(15934);
// EXTERNAL MODULE: ./node_modules/@google-cloud/storage/build/esm/src/index.js + 27 modules
var src = __webpack_require__(23923);
// EXTERNAL MODULE: ./src/storage/shared/retries.ts
var retries = __webpack_require__(7281);
// EXTERNAL MODULE: ./src/storage/shared/failures.ts
var failures = __webpack_require__(94492);
;// CONCATENATED MODULE: ./src/storage/gcs/errors.ts

/** What went wrong, in words that say what to fix. */
function describeGcs(error, place) {
    const failure = error;
    const status = (0,failures/* httpStatus */.nG)(error);
    const inner = failure.errors?.map((entry) => entry.message ?? entry.error?.message).filter(Boolean) ?? [];
    const detail = [(0,failures/* plainMessage */.C5)(error), ...inner].filter((text, index, all) => text && all.indexOf(text) === index).join(': ');
    const network = (0,failures/* networkErrorCode */.a0)(error);
    if (network)
        return `cannot reach ${place.apiEndpoint} (${network}): ${detail}`;
    if (/default credentials|Could not refresh access token|invalid_grant|unauthorized_client|The file at .* does not exist/i.test(detail)) {
        return `no usable Google credentials (use google-github-actions/auth before this action, or set GOOGLE_APPLICATION_CREDENTIALS): ${detail}`;
    }
    if (status === 404)
        return `the bucket "${place.bucketName}" does not exist (HTTP 404): ${detail}`;
    if (status === 401)
        return `the credentials were refused (HTTP 401): ${detail}`;
    if (status === 403) {
        const retention = place.objects?.immutableDays ? ', and storage.objects.setRetention for immutable-days' : '';
        return `access denied (HTTP 403): the credentials need storage.objects.create, get, list and delete on the bucket (roles/storage.objectAdmin)${retention}: ${detail}`;
    }
    if (status === 412)
        return `an object already exists under the key (HTTP 412): ${detail}`;
    return status ? `HTTP ${status}: ${detail}` : detail;
}

;// CONCATENATED MODULE: ./src/storage/gcs/client.ts



/**
 * The bucket as configured, with the client every request goes through and the words messages
 * name it by: what each part of the GCS backend works with.
 */
class GcsBucket {
    storage;
    bucket;
    bucketName;
    objects;
    retries = new retries/* RetryCounter */.n();
    constructor(config) {
        this.bucketName = config.bucket;
        this.objects = config.objects;
        this.storage = new src/* Storage */.wc({
            // The client's own retries: 408, 429, 500, 502, 503, 504 and connection errors, after 2, 4, 8 s
            // plus up to 1 s of jitter, all within totalTimeout; other answers fail at once. A resumable
            // upload resends the chunk it holds in memory (CHUNK_SIZE) from the offset GCS confirms.
            // RetryAlways: every request here is safe to repeat (the upload carries ifGenerationMatch: 0,
            // and deleting an old backup twice deletes it once), so deletes are retried too.
            retryOptions: {
                autoRetry: true,
                maxRetries: retries/* MAX_ATTEMPTS */.m - 1,
                retryDelayMultiplier: 2,
                maxRetryDelay: 16,
                totalTimeout: 600,
                idempotencyStrategy: src/* IdempotencyStrategy */.XC.RetryAlways
            }
        });
        this.bucket = this.storage.bucket(config.bucket);
        // Every request of one operation carries the same invocation id in x-goog-api-client.
        this.retries.watch(new URL(this.storage.apiEndpoint).host, (request) => {
            return /gccl-invocation-id\/(\S+)/.exec(String(request.getHeader('x-goog-api-client') ?? ''))?.[1];
        });
    }
    get apiEndpoint() {
        return this.storage.apiEndpoint;
    }
    uri(key) {
        return `gs://${this.bucketName}/${key}`;
    }
    get where() {
        return `GCS bucket "${this.bucketName}" at ${this.storage.apiEndpoint}`;
    }
    describe(error) {
        return describeGcs(error, this);
    }
}

// EXTERNAL MODULE: ./src/storage/shared/batches.ts
var batches = __webpack_require__(4195);
// EXTERNAL MODULE: ./src/storage/shared/deletions.ts
var deletions = __webpack_require__(74328);
;// CONCATENATED MODULE: ./src/storage/gcs/delete.ts



const DELETE_CONCURRENCY = 8;
/** GCS refuses with 403 the deletion of an object under retention (its own, or the bucket's) or a hold. */
function lockRefusal(error) {
    return (0,failures/* httpStatus */.nG)(error) === 403 && /retention|hold/i.test((0,failures/* plainMessage */.C5)(error));
}
/** The JSON API has no multi-object delete: one request per object, a few at a time. */
async function deleteKeys(gcs, keys) {
    const done = new deletions/* Deletions */.Q(gcs);
    const results = await (0,batches/* mapLimit */.s)(keys, DELETE_CONCURRENCY, async (key) => {
        try {
            await gcs.bucket.file(key).delete();
            return key;
        }
        catch (error) {
            if (lockRefusal(error))
                done.locked.push(key);
            else if ((0,failures/* httpStatus */.nG)(error) !== 404)
                done.failures.push(`${key}: ${gcs.describe(error)}`);
            return undefined;
        }
    });
    // In the order of `keys`: mapLimit keeps each result in its place.
    done.deleted.push(...results.filter((key) => key !== undefined));
    return done.result();
}

// EXTERNAL MODULE: ./src/storage/shared/preflight-checks.ts
var preflight_checks = __webpack_require__(33528);
// EXTERNAL MODULE: ./src/storage/shared/verified-upload.ts
var verified_upload = __webpack_require__(10497);
// EXTERNAL MODULE: ./src/storage/shared/locks.ts
var locks = __webpack_require__(327);
;// CONCATENATED MODULE: ./src/storage/gcs/settings.ts

/**
 * The per-object settings every upload sends with the object's resource: its storage class, and
 * an object retention (in the Unlocked mode: it cannot be shortened or removed without
 * storage.objects.overrideUnlockedRetention, which the action does not need).
 */
function gcsObjectFields(objects, now = new Date()) {
    if (!objects)
        return {};
    return {
        ...(objects.storageClass ? { storageClass: objects.storageClass } : {}),
        ...(objects.immutableDays > 0 ? { retention: { mode: 'Unlocked', retainUntilTime: (0,locks/* lockedUntil */.P)(objects.immutableDays, now).toISOString() } } : {})
    };
}
/** What GCS reports of the settings asked for; a missing retention is a problem, another class a warning. */
function appliedGcsSettings(asked, stored, key) {
    const until = stored.retention?.retainUntilTime;
    const applied = {
        ...(stored.storageClass ? { storageClass: stored.storageClass } : {}),
        ...(stored.kmsKeyName ? { encryption: `Cloud KMS (${stored.kmsKeyName})` } : {}),
        ...(until ? { lockedUntil: new Date(until).toISOString() } : {})
    };
    const problems = [];
    const warnings = [];
    const askedUntil = asked.retention?.retainUntilTime;
    if (askedUntil && (!until || new Date(until).getTime() < new Date(askedUntil).getTime() - 1000)) {
        problems.push(`it is stored without the object retention immutable-days asks for (${until ? `retained until ${until}` : 'none reported'})`);
    }
    if (asked.storageClass && stored.storageClass !== asked.storageClass) {
        warnings.push(`the storage keeps ${key} in storage class ${stored.storageClass ?? 'unknown'}, not ${asked.storageClass} as storage-class asks`);
    }
    return { applied, problems, warnings };
}
/** Until when a listed object cannot be deleted: its own retention, or the bucket's retention policy. */
function gcsLockedUntil(stored) {
    const times = [stored.retention?.retainUntilTime, stored.retentionExpirationTime].filter((time) => Boolean(time)).map((time) => new Date(time));
    return times.length > 0 ? new Date(Math.max(...times.map((time) => time.getTime()))) : undefined;
}
/** The object's custom metadata as strings (GCS gives its values as JSON). */
function customMetadata(stored) {
    return Object.fromEntries(Object.entries(stored.metadata ?? {}).map(([name, value]) => [name, String(value)]));
}

;// CONCATENATED MODULE: ./src/storage/gcs/leftovers.ts



/**
 * Cancels the resumable session (a session left open keeps what it received for a week) and
 * deletes an object that got finalised after all, recognised by its metadata so that an object
 * this upload did not write is never touched. Returns a note when that did not work.
 */
async function discard(gcs, object, metadata, session, mayExist) {
    const notes = [session ? await cancelSession(session) : undefined];
    // Without a session, or after a refusal, nothing can have been stored.
    if (mayExist) {
        notes.push(await (0,verified_upload/* removeOwnObject */.cx)(gcs, metadata, {
            read: async () => (await object.getMetadata())[0],
            metadataOf: customMetadata,
            remove: (stored) => object.delete({ ifGenerationMatch: stored.generation }),
            isMissing: (error) => (0,failures/* httpStatus */.nG)(error) === 404
        }));
    }
    return (0,verified_upload/* cleanupNotes */.Q5)(notes);
}
/** Cancels a resumable session (the session URI is its own authorisation; GCS answers 499); a note when that failed. */
async function cancelSession(session) {
    try {
        const response = await fetch(session, { method: 'DELETE', headers: { 'Content-Length': '0' }, signal: AbortSignal.timeout(15_000) });
        if (response.status !== 499 && response.status !== 404 && !response.ok)
            return `the upload session could not be cancelled (HTTP ${response.status})`;
    }
    catch (error) {
        return `the upload session could not be cancelled (${(0,failures/* plainMessage */.C5)(error)})`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/storage/gcs/preflight.ts




/**
 * Credentials resolved, then a one-object listing: it finds the bucket and needs
 * storage.objects.list, which retention needs too (the bucket's own metadata would need
 * storage.buckets.get, which an object-level role lacks). Then the write check.
 */
async function preflight(gcs, keyPrefix) {
    await (0,preflight_checks/* checkReachable */.sQ)(gcs, async () => {
        // Without credentials the client sends a listing unauthenticated (for public buckets), and
        // fails only on the answer: the credentials are resolved first, where an emulator needs none.
        if (!gcs.storage.customEndpoint)
            await gcs.storage.authClient.getAccessToken();
        await gcs.bucket.getFiles({ prefix: keyPrefix, autoPaginate: false, maxResults: 1 });
    });
    const checks = ['credentials and bucket OK (one-object listing)'];
    if (gcs.objects?.immutableDays)
        checks.push(await checkObjectRetention(gcs));
    return (0,preflight_checks/* preflightResult */.Xb)(checks, await checkWrite(gcs, keyPrefix));
}
/**
 * Whether an upload would be accepted, leaving nothing behind: a resumable session started under
 * the prefix with the object resource every upload sends (storage.objects.create, and
 * storage.objects.setRetention with immutable-days, are checked as the session starts: its URI
 * alone authorises what follows), then cancelled. No object exists before a session's last
 * byte; a probe object would leave a noncurrent version or a retained object behind.
 */
async function checkWrite(gcs, keyPrefix) {
    const key = (0,preflight_checks/* probeKey */.Ss)(keyPrefix);
    let session;
    try {
        ;
        [session] = await gcs.bucket.file(key).createResumableUpload({
            metadata: { contentType: 'application/octet-stream', ...gcsObjectFields(gcs.objects) },
            preconditionOpts: { ifGenerationMatch: 0 }
        });
    }
    catch (error) {
        const retention = gcs.objects?.immutableDays ? ' and storage.objects.setRetention (immutable-days)' : '';
        const cause = (0,failures/* httpStatus */.nG)(error) === 403 ? `starting an upload was refused (HTTP 403): the credentials need storage.objects.create${retention}: ${(0,failures/* plainMessage */.C5)(error)}` : gcs.describe(error);
        throw (0,preflight_checks/* writeRefused */.Ih)(gcs, keyPrefix, cause);
    }
    const note = await cancelSession(session);
    if (!note)
        return { checked: 'writable (upload session started, cancelled)' };
    return {
        checked: 'writable (upload session started; its cancellation failed)',
        warnings: [`${gcs.where}: ${note}: the preflight's session for ${gcs.uri(key)} holds no bytes, creates no object, and expires after a week`]
    };
}
/**
 * immutable-days needs a bucket with object retention enabled (set when it is created): without
 * it every upload would be refused after the dump. Reading the bucket needs storage.buckets.get,
 * which an object-level role lacks: then the upload is where it shows.
 */
async function checkObjectRetention(gcs) {
    let mode;
    try {
        const [bucket] = await gcs.bucket.getMetadata();
        mode = bucket.objectRetention?.mode;
    }
    catch (error) {
        if ((0,failures/* httpStatus */.nG)(error) === 403)
            return 'object retention not checked (reading the bucket needs storage.buckets.get)';
        throw new Error(`whether ${gcs.where} has object retention, which immutable-days needs, cannot be read: ${gcs.describe(error)}`);
    }
    if (mode !== 'Enabled') {
        throw new Error(`${gcs.where} does not have object retention enabled, which immutable-days needs: create the bucket with it (gcloud storage buckets create --enable-per-object-retention, see docs/storage.md), or remove immutable-days`);
    }
    return 'object retention enabled';
}

// EXTERNAL MODULE: ./src/util/files.ts
var files = __webpack_require__(75787);
// EXTERNAL MODULE: ./src/storage/shared/reads.ts
var reads = __webpack_require__(26918);
;// CONCATENATED MODULE: ./src/storage/gcs/reads.ts




const LIST_PAGE_SIZE = 1000;
async function list(gcs, keyPrefix) {
    return (0,reads/* listing */.i)(gcs, keyPrefix, async () => {
        const objects = [];
        let pageToken;
        do {
            const [files, next] = await gcs.bucket.getFiles({ prefix: keyPrefix, autoPaginate: false, maxResults: LIST_PAGE_SIZE, pageToken });
            for (const file of files) {
                const { size, timeCreated, updated } = file.metadata;
                // timeCreated is when this generation was written; updated also moves with metadata edits.
                const written = timeCreated ?? updated;
                if (!written)
                    throw new Error(`the listing gives no timeCreated for ${file.name}`);
                objects.push({
                    key: file.name,
                    sizeBytes: Number(size ?? 0),
                    lastModified: new Date(written),
                    metadata: customMetadata(file.metadata),
                    ...(gcsLockedUntil(file.metadata) ? { lockedUntil: gcsLockedUntil(file.metadata) } : {})
                });
            }
            pageToken = next?.pageToken;
        } while (pageToken);
        return objects;
    });
}
async function download(gcs, key, file, { expectedBytes, abort }) {
    const object = gcs.bucket.file(key);
    return (0,reads/* download */.R)(gcs, key, abort, (error) => (0,failures/* httpStatus */.nG)(error) === 404, async () => {
        const [stored] = await object.getMetadata();
        const cap = { name: gcs.uri(key), maxBytes: expectedBytes, ...(stored.size === undefined ? {} : { announcedBytes: Number(stored.size) }) };
        // The generation read is the one downloaded, even if the key is written again meanwhile.
        const reader = gcs.bucket.file(key, { generation: stored.generation }).createReadStream({ validation: 'crc32c' });
        const saved = await (0,files/* saveStream */.SI)(reader, file, abort, cap);
        return { ...saved, recordedSha256: stored.metadata?.sha256 === undefined ? undefined : String(stored.metadata.sha256) };
    });
}

// EXTERNAL MODULE: external "node:stream/promises"
var promises_ = __webpack_require__(46466);
;// CONCATENATED MODULE: ./src/util/offer.ts
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var external_node_fs_promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/storage/shared/metadata.ts
var shared_metadata = __webpack_require__(39906);
// EXTERNAL MODULE: ./src/storage/shared/parts.ts
var parts = __webpack_require__(60605);
;// CONCATENATED MODULE: ./src/storage/gcs/upload.ts









/**
 * Each request of the resumable upload carries this much (a multiple of 256 KiB, as GCS requires).
 * The client keeps the chunk in flight in memory so it can resend it after a network error,
 * instead of failing the whole upload: that memory, not the size of the dump, bounds the upload.
 */
const CHUNK_SIZE = 16 * parts/* MiB */.lv;
/** A dump file sent in one resumable session, then its metadata read back. */
async function uploadFile(gcs, file, key, metadata, abort) {
    const { size } = await (0,external_node_fs_promises_.stat)(file);
    const object = gcs.bucket.file(key);
    const settings = gcsObjectFields(gcs.objects);
    let session;
    return (0,verified_upload/* uploadVerified */.mc)(gcs, key, { sizeBytes: size, sha256: metadata.sha256 }, {
        send: async () => {
            const target = resumableWrite(object, metadata, settings, (uri) => {
                session = uri;
            });
            // An abort destroys the write stream, which ends the request in flight; the session is cancelled below.
            await (0,promises_.pipeline)((0,external_node_fs_.createReadStream)(file, { highWaterMark: parts/* MiB */.lv }), target, { signal: abort });
        },
        cleanUp: (error) => discard(gcs, object, metadata, session, session !== undefined && (abort?.aborted || (0,failures/* mayHaveStored */.vS)(error))),
        readBack: async () => storedCopy((await object.getMetadata())[0], settings, key),
        discard: () => discard(gcs, object, metadata, undefined, true)
    }, abort);
}
/**
 * A resumable upload of the object, with its metadata and settings; `onSession` gets the
 * session's URI, which cancels it (leftovers.ts).
 */
function resumableWrite(object, metadata, fields, onSession) {
    const target = object.createWriteStream({
        resumable: true,
        chunkSize: CHUNK_SIZE,
        // The client computes the CRC32C of what it sends and compares it with the one GCS computed;
        // on a mismatch it deletes the object and fails.
        validation: 'crc32c',
        metadata: { contentType: 'application/octet-stream', metadata: (0,shared_metadata/* objectMetadata */.dx)(metadata), ...fields },
        // Never replaces an object: the upload fails if anything already exists under the key.
        preconditionOpts: { ifGenerationMatch: 0 }
    });
    target.on('uri', onSession);
    return target;
}
/** What GCS reports holding: the object's metadata as read back, and the settings asked for in it. */
function storedCopy(stored, settings, key) {
    return {
        sizeBytes: stored.size === undefined ? undefined : Number(stored.size),
        sha256: stored.metadata?.sha256 === undefined || stored.metadata.sha256 === null ? undefined : String(stored.metadata.sha256),
        etag: stored.etag ?? '',
        versionId: stored.generation === undefined ? '' : String(stored.generation),
        settings: appliedGcsSettings(settings, stored, key)
    };
}

;// CONCATENATED MODULE: ./src/storage/gcs/staged-upload.ts






/**
 * A resumable session fed as the dump is written: the client sends each full chunk as
 * `bytes a-b/*` and holds the last one until the stream ends, so the object exists only once
 * commit() ends the stream. GCS keeps custom metadata editable: the SHA-256, known at the end,
 * is patched in right after (ifMetagenerationMatch, so nothing else's edit is overwritten).
 */
async function beginUpload(gcs, key, metadata, abort) {
    const object = gcs.bucket.file(key);
    // The retention goes on with the SHA-256, after the upload: until then the object stays deletable.
    const { retention, ...unlocked } = gcsObjectFields(gcs.objects);
    let session;
    const state = {};
    const failure = () => state.failure;
    const target = resumableWrite(object, { ...metadata, sha256: '' }, unlocked, (uri) => {
        session = uri;
    });
    target.on('error', (error) => {
        state.failure ??= { error };
    });
    const stop = () => {
        target.destroy(abort.reason);
    };
    abort.addEventListener('abort', stop, { once: true });
    const failed = (error) => (0,verified_upload/* uploadFailed */.vD)(gcs, key, error, abort);
    const started = performance.now();
    let finalised = false;
    return {
        write: async (chunk) => {
            if (failure())
                throw failed(failure()?.error);
            await offer(target, chunk);
            if (failure())
                throw failed(failure()?.error);
        },
        // Everything but the last chunk goes as it fills; the last one is the commit.
        flush: async () => {
            if (failure())
                throw failed(failure()?.error);
        },
        figures: () => ({ 'chunk size bytes': CHUNK_SIZE, 'final chunk': 'held back until verified' }),
        abort: async () => {
            abort.removeEventListener('abort', stop);
            if (!target.destroyed)
                target.destroy(new Error('aborted'));
            if (finalised)
                return '';
            return discard(gcs, object, { ...metadata, sha256: '' }, session, false);
        },
        commit: async (sha256, sizeBytes) => {
            try {
                if (failure())
                    throw failure()?.error;
                target.end();
                await (0,promises_.finished)(target);
                finalised = true;
            }
            catch (error) {
                throw failed(error);
            }
            finally {
                abort.removeEventListener('abort', stop);
            }
            const durationMs = performance.now() - started;
            const stored = await (0,verified_upload/* recordSha256 */.He)(gcs, key, async () => {
                const [current] = await object.getMetadata();
                return (await object.setMetadata({ metadata: { sha256 }, ...(retention ? { retention } : {}) }, { ifMetagenerationMatch: current.metageneration }))[0];
            }, () => object.delete());
            const full = { ...metadata, sha256 };
            return (0,verified_upload/* confirmStored */.Oo)(gcs, key, { sizeBytes, sha256 }, storedCopy(stored, { ...unlocked, ...(retention ? { retention } : {}) }, key), () => discard(gcs, object, full, undefined, true), durationMs);
        }
    };
}

;// CONCATENATED MODULE: ./src/storage/gcs/storage.ts







/**
 * Google Cloud Storage through its JSON API. Credentials are Application Default Credentials:
 * what google-github-actions/auth sets up (workload identity federation or a key), a service
 * account on GCE, or gcloud's. STORAGE_EMULATOR_HOST points the client at an emulator.
 */
class GcsStorage extends cloud_storage/* CloudStorage */.f {
    constructor(config) {
        super(new GcsBucket(config), { upload: uploadFile, beginUpload: beginUpload, preflight: preflight, list: list, download: download, delete: deleteKeys });
    }
}


/***/ }),

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
