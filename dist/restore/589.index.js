export const id = 589;
export const ids = [589];
export const modules = {

/***/ 31589:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GcsStorage: () => (/* binding */ GcsStorage),
/* harmony export */   gcsObjectFields: () => (/* binding */ gcsObjectFields)
/* harmony export */ });
/* harmony import */ var _google_cloud_storage__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(23923);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _util_offer_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(86918);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(70017);
/* harmony import */ var _util_files_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(75787);
/* harmony import */ var _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(88818);









/**
 * Each request of the resumable upload carries this much (a multiple of 256 KiB, as GCS requires).
 * The client keeps the chunk in flight in memory so it can resend it after a network error,
 * instead of failing the whole upload: that memory, not the size of the dump, bounds the upload.
 */
const CHUNK_SIZE = 16 * _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .MiB */ .lv;
const LIST_PAGE_SIZE = 1000;
const DELETE_CONCURRENCY = 8;
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
        ...(objects.immutableDays > 0 ? { retention: { mode: 'Unlocked', retainUntilTime: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .lockedUntil */ .P5)(objects.immutableDays, now).toISOString() } } : {})
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
/** GCS refuses with 403 the deletion of an object under retention (its own, or the bucket's) or a hold. */
function lockRefusal(error) {
    return (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error) === 403 && /retention|hold/i.test((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .plainMessage */ .C5)(error));
}
/**
 * Google Cloud Storage through its JSON API. Credentials are Application Default Credentials:
 * what google-github-actions/auth sets up (workload identity federation or a key), a service
 * account on GCE, or gcloud's. STORAGE_EMULATOR_HOST points the client at an emulator.
 */
class GcsStorage {
    storage;
    bucket;
    bucketName;
    objects;
    retries = new _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .RetryCounter */ .n0();
    constructor(config) {
        this.bucketName = config.bucket;
        this.objects = config.objects;
        this.storage = new _google_cloud_storage__WEBPACK_IMPORTED_MODULE_0__/* .Storage */ .wc({
            // The client's own retries: 408, 429, 500, 502, 503, 504 and connection errors, after 2, 4, 8 s
            // plus up to 1 s of jitter, all within totalTimeout; other answers fail at once. A resumable
            // upload resends the chunk it holds in memory (CHUNK_SIZE) from the offset GCS confirms.
            // RetryAlways: every request here is safe to repeat (the upload carries ifGenerationMatch: 0,
            // and deleting an old backup twice deletes it once), so deletes are retried too.
            retryOptions: {
                autoRetry: true,
                maxRetries: _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .MAX_ATTEMPTS */ .m - 1,
                retryDelayMultiplier: 2,
                maxRetryDelay: 16,
                totalTimeout: 600,
                idempotencyStrategy: _google_cloud_storage__WEBPACK_IMPORTED_MODULE_0__/* .IdempotencyStrategy */ .XC.RetryAlways
            }
        });
        this.bucket = this.storage.bucket(config.bucket);
        // Every request of one operation carries the same invocation id in x-goog-api-client.
        this.retries.watch(new URL(this.storage.apiEndpoint).host, (request) => {
            return /gccl-invocation-id\/(\S+)/.exec(String(request.getHeader('x-goog-api-client') ?? ''))?.[1];
        });
    }
    takeRetryCount() {
        return this.retries.take();
    }
    uri(key) {
        return `gs://${this.bucketName}/${key}`;
    }
    get where() {
        return `GCS bucket "${this.bucketName}" at ${this.storage.apiEndpoint}`;
    }
    async upload(file, key, metadata, abort) {
        const { size } = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.stat)(file);
        const object = this.bucket.file(key);
        const settings = gcsObjectFields(this.objects);
        let session;
        const started = performance.now();
        try {
            const target = object.createWriteStream({
                resumable: true,
                chunkSize: CHUNK_SIZE,
                // The client computes the CRC32C of what it sends and compares it with the one GCS computed;
                // on a mismatch it deletes the object and fails.
                validation: 'crc32c',
                metadata: { contentType: 'application/octet-stream', metadata: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .objectMetadata */ .dx)(metadata), ...settings },
                // Never replaces an object: the upload fails if anything already exists under the key.
                preconditionOpts: { ifGenerationMatch: 0 }
            });
            target.on('uri', (uri) => {
                session = uri;
            });
            // An abort destroys the write stream, which ends the request in flight; the session is cancelled below.
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_2__.createReadStream)(file, { highWaterMark: _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .MiB */ .lv }), target, { signal: abort });
        }
        catch (error) {
            const cleanup = await this.discard(object, metadata, session, session !== undefined && (abort?.aborted || (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .mayHaveStored */ .vS)(error)));
            const cause = abort?.aborted ? (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .g)(abort.reason) : this.describe(error);
            throw new Error(`upload of ${this.uri(key)} to ${this.where} failed: ${cause}${cleanup}`);
        }
        const durationMs = performance.now() - started;
        let stored;
        try {
            ;
            [stored] = await object.getMetadata();
        }
        catch (error) {
            const cleanup = await this.discard(object, metadata, undefined, true);
            throw new Error(`${this.uri(key)} was uploaded but cannot be read back from ${this.where}: ${this.describe(error)}${cleanup}`);
        }
        return this.confirmStored(object, key, metadata, size, settings, stored, durationMs);
    }
    /**
     * A resumable session fed as the dump is written: the client sends each full chunk as
     * `bytes a-b/*` and holds the last one until the stream ends, so the object exists only once
     * commit() ends the stream. GCS keeps custom metadata editable: the SHA-256, known at the end,
     * is patched in right after (ifMetagenerationMatch, so nothing else's edit is overwritten).
     */
    async beginUpload(key, metadata, abort) {
        const object = this.bucket.file(key);
        // The retention goes on with the SHA-256, after the upload: until then the object stays deletable.
        const { retention, ...unlocked } = gcsObjectFields(this.objects);
        let session;
        const state = {};
        const failure = () => state.failure;
        const target = object.createWriteStream({
            resumable: true,
            chunkSize: CHUNK_SIZE,
            validation: 'crc32c',
            metadata: { contentType: 'application/octet-stream', metadata: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .objectMetadata */ .dx)({ ...metadata, sha256: '' }), ...unlocked },
            preconditionOpts: { ifGenerationMatch: 0 }
        });
        target.on('uri', (uri) => {
            session = uri;
        });
        target.on('error', (error) => {
            state.failure ??= { error };
        });
        const stop = () => {
            target.destroy(abort.reason);
        };
        abort.addEventListener('abort', stop, { once: true });
        const failed = (error) => new Error(`upload of ${this.uri(key)} to ${this.where} failed: ${abort.aborted ? (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .g)(abort.reason) : this.describe(error)}`);
        const started = performance.now();
        let finalised = false;
        return {
            write: async (chunk) => {
                if (failure())
                    throw failed(failure()?.error);
                await (0,_util_offer_js__WEBPACK_IMPORTED_MODULE_8__/* .offer */ .x)(target, chunk);
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
                return this.discard(object, { ...metadata, sha256: '' }, session, false);
            },
            commit: async (sha256, sizeBytes) => {
                try {
                    if (failure())
                        throw failure()?.error;
                    target.end();
                    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.finished)(target);
                    finalised = true;
                }
                catch (error) {
                    throw failed(error);
                }
                finally {
                    abort.removeEventListener('abort', stop);
                }
                const durationMs = performance.now() - started;
                let stored;
                try {
                    const [current] = await object.getMetadata();
                    [stored] = await object.setMetadata({ metadata: { sha256 }, ...(retention ? { retention } : {}) }, { ifMetagenerationMatch: current.metageneration });
                }
                catch (error) {
                    const cleanup = await object.delete().then(() => '', (deletion) => `; the object could not be removed again (${this.describe(deletion)})`);
                    throw new Error(`${this.uri(key)} was uploaded but its SHA-256 could not be recorded in ${this.where}: ${this.describe(error)}${cleanup}`);
                }
                return this.confirmStored(object, key, { ...metadata, sha256 }, sizeBytes, { ...unlocked, ...(retention ? { retention } : {}) }, stored, durationMs);
            }
        };
    }
    /**
     * What the storage holds (its metadata as read back) must be the dump: its size, its recorded
     * SHA-256 and the settings asked for; else the object is removed again and the upload fails.
     */
    async confirmStored(object, key, metadata, sizeBytes, settings, stored, durationMs) {
        const storedSize = stored.size === undefined ? undefined : Number(stored.size);
        const recorded = stored.metadata?.sha256 === undefined || stored.metadata.sha256 === null ? undefined : String(stored.metadata.sha256);
        const problems = (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .storedObjectProblems */ .Td)({ sizeBytes, sha256: metadata.sha256 }, { sizeBytes: storedSize, sha256: recorded });
        const { applied, problems: unapplied, warnings } = appliedGcsSettings(settings, stored, key);
        problems.push(...unapplied);
        if (problems.length > 0) {
            const cleanup = await this.discard(object, metadata, undefined, true);
            throw new Error(`${this.uri(key)} in ${this.where} is not the dump: ${problems.join('; ')}${cleanup}`);
        }
        return {
            uri: this.uri(key),
            etag: stored.etag ?? '',
            versionId: stored.generation === undefined ? '' : String(stored.generation),
            sizeBytes: storedSize ?? 0,
            durationMs,
            applied,
            ...(warnings.length > 0 ? { warnings } : {})
        };
    }
    /**
     * Cancels the resumable session (a session left open keeps what it received for a week) and
     * deletes an object that got finalised after all, recognised by its metadata so that an object
     * this upload did not write is never touched. Returns a note when that did not work.
     */
    async discard(object, metadata, session, mayExist) {
        const notes = [];
        const cancelled = session ? await this.cancelSession(session) : undefined;
        if (cancelled)
            notes.push(cancelled);
        // Without a session, or after a refusal, nothing can have been stored.
        if (!mayExist)
            return notes.length > 0 ? `; ${notes.join('; ')}` : '';
        try {
            const [stored] = await object.getMetadata();
            const custom = Object.fromEntries(Object.entries(stored.metadata ?? {}).map(([name, value]) => [name, String(value)]));
            if ((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .isOurs */ .MU)(custom, metadata))
                await object.delete({ ifGenerationMatch: stored.generation });
        }
        catch (error) {
            if ((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error) !== 404)
                notes.push(`whether an object was left under the key could not be checked (${this.describe(error)})`);
        }
        return notes.length > 0 ? `; ${notes.join('; ')}` : '';
    }
    /** Cancels a resumable session (the session URI is its own authorisation; GCS answers 499); a note when that failed. */
    async cancelSession(session) {
        try {
            const response = await fetch(session, { method: 'DELETE', headers: { 'Content-Length': '0' }, signal: AbortSignal.timeout(15_000) });
            if (response.status !== 499 && response.status !== 404 && !response.ok)
                return `the upload session could not be cancelled (HTTP ${response.status})`;
        }
        catch (error) {
            return `the upload session could not be cancelled (${(0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .plainMessage */ .C5)(error)})`;
        }
        return undefined;
    }
    /**
     * Credentials resolved, then a one-object listing: it finds the bucket and needs
     * storage.objects.list, which retention needs too (the bucket's own metadata would need
     * storage.buckets.get, which an object-level role lacks). Then the write check.
     */
    async preflight(keyPrefix) {
        try {
            // Without credentials the client sends a listing unauthenticated (for public buckets), and
            // fails only on the answer: the credentials are resolved first, where an emulator needs none.
            if (!this.storage.customEndpoint)
                await this.storage.authClient.getAccessToken();
            await this.bucket.getFiles({ prefix: keyPrefix, autoPaginate: false, maxResults: 1 });
        }
        catch (error) {
            throw new Error(`${this.where} cannot be used: ${this.describe(error)}`);
        }
        const checks = ['credentials and bucket OK (one-object listing)'];
        if (this.objects?.immutableDays)
            checks.push(await this.checkObjectRetention());
        const write = await this.checkWrite(keyPrefix);
        return { checked: [...checks, write.checked].join('; '), ...(write.warnings ? { warnings: write.warnings } : {}) };
    }
    /**
     * Whether an upload would be accepted, leaving nothing behind: a resumable session started under
     * the prefix with the object resource every upload sends (storage.objects.create, and
     * storage.objects.setRetention with immutable-days, are checked as the session starts: its URI
     * alone authorises what follows), then cancelled. No object exists before a session's last
     * byte; a probe object would leave a noncurrent version or a retained object behind.
     */
    async checkWrite(keyPrefix) {
        const key = `${keyPrefix}preflight-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(4).toString('hex')}`;
        let session;
        try {
            ;
            [session] = await this.bucket.file(key).createResumableUpload({
                metadata: { contentType: 'application/octet-stream', ...gcsObjectFields(this.objects) },
                preconditionOpts: { ifGenerationMatch: 0 }
            });
        }
        catch (error) {
            const retention = this.objects?.immutableDays ? ' and storage.objects.setRetention (immutable-days)' : '';
            const cause = (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error) === 403 ? `starting an upload was refused (HTTP 403): the credentials need storage.objects.create${retention}: ${(0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .plainMessage */ .C5)(error)}` : this.describe(error);
            throw new Error(`${this.where} cannot be written under ${this.uri(keyPrefix)}*: ${cause}`);
        }
        const note = await this.cancelSession(session);
        if (!note)
            return { checked: 'writable (upload session started, cancelled)' };
        return {
            checked: 'writable (upload session started; its cancellation failed)',
            warnings: [`${this.where}: ${note}: the preflight's session for ${this.uri(key)} holds no bytes, creates no object, and expires after a week`]
        };
    }
    /**
     * immutable-days needs a bucket with object retention enabled (set when it is created): without
     * it every upload would be refused after the dump. Reading the bucket needs storage.buckets.get,
     * which an object-level role lacks: then the upload is where it shows.
     */
    async checkObjectRetention() {
        let mode;
        try {
            const [bucket] = await this.bucket.getMetadata();
            mode = bucket.objectRetention?.mode;
        }
        catch (error) {
            if ((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error) === 403)
                return 'object retention not checked (reading the bucket needs storage.buckets.get)';
            throw new Error(`whether ${this.where} has object retention, which immutable-days needs, cannot be read: ${this.describe(error)}`);
        }
        if (mode !== 'Enabled') {
            throw new Error(`${this.where} does not have object retention enabled, which immutable-days needs: create the bucket with it (gcloud storage buckets create --enable-per-object-retention, see docs/storage.md), or remove immutable-days`);
        }
        return 'object retention enabled';
    }
    async list(keyPrefix) {
        const objects = [];
        let pageToken;
        try {
            do {
                const [files, next] = await this.bucket.getFiles({ prefix: keyPrefix, autoPaginate: false, maxResults: LIST_PAGE_SIZE, pageToken });
                for (const file of files) {
                    const { size, timeCreated, updated, metadata } = file.metadata;
                    // timeCreated is when this generation was written; updated also moves with metadata edits.
                    const written = timeCreated ?? updated;
                    if (!written)
                        throw new Error(`the listing gives no timeCreated for ${file.name}`);
                    objects.push({
                        key: file.name,
                        sizeBytes: Number(size ?? 0),
                        lastModified: new Date(written),
                        metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([name, value]) => [name, String(value)])),
                        ...(gcsLockedUntil(file.metadata) ? { lockedUntil: gcsLockedUntil(file.metadata) } : {})
                    });
                }
                pageToken = next?.pageToken;
            } while (pageToken);
        }
        catch (error) {
            throw new Error(`listing ${this.uri(keyPrefix)}* in ${this.where} failed: ${this.describe(error)}`);
        }
        return objects;
    }
    async download(key, file, { expectedBytes, abort }) {
        const started = performance.now();
        const object = this.bucket.file(key);
        try {
            const [stored] = await object.getMetadata();
            const cap = { name: this.uri(key), maxBytes: expectedBytes, ...(stored.size === undefined ? {} : { announcedBytes: Number(stored.size) }) };
            // The generation read is the one downloaded, even if the key is written again meanwhile.
            const reader = this.bucket.file(key, { generation: stored.generation }).createReadStream({ validation: 'crc32c' });
            const saved = await (0,_util_files_js__WEBPACK_IMPORTED_MODULE_6__/* .saveStream */ .SI)(reader, file, abort, cap);
            return { ...saved, recordedSha256: stored.metadata?.sha256 === undefined ? undefined : String(stored.metadata.sha256), durationMs: performance.now() - started };
        }
        catch (error) {
            if (abort?.aborted)
                throw abort.reason;
            if (error instanceof _util_files_js__WEBPACK_IMPORTED_MODULE_6__/* .DownloadTooLarge */ .kt)
                throw error;
            if ((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error) === 404)
                throw new Error(`${this.uri(key)} does not exist in ${this.where}`);
            throw new Error(`downloading ${this.uri(key)} from ${this.where} failed: ${this.describe(error)}`);
        }
    }
    /** The JSON API has no multi-object delete: one request per object, a few at a time. */
    async delete(keys) {
        const failures = [];
        const locked = [];
        const results = await (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .mapLimit */ .sf)(keys, DELETE_CONCURRENCY, async (key) => {
            try {
                await this.bucket.file(key).delete();
                return key;
            }
            catch (error) {
                if (lockRefusal(error))
                    locked.push(key);
                else if ((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error) !== 404)
                    failures.push(`${key}: ${this.describe(error)}`);
                return undefined;
            }
        });
        const deleted = results.filter((key) => key !== undefined);
        if (failures.length > 0)
            throw (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .deletionFailure */ .Bh)(failures, deleted.length, this.where);
        return { deleted, locked };
    }
    /** What went wrong, in words that say what to fix. */
    describe(error) {
        const failure = error;
        const status = (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error);
        const inner = failure.errors?.map((entry) => entry.message ?? entry.error?.message).filter(Boolean) ?? [];
        const detail = [(0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .plainMessage */ .C5)(error), ...inner].filter((text, index, all) => text && all.indexOf(text) === index).join(': ');
        const network = (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .networkErrorCode */ .a0)(error);
        if (network)
            return `cannot reach ${this.storage.apiEndpoint} (${network}): ${detail}`;
        if (/default credentials|Could not refresh access token|invalid_grant|unauthorized_client|The file at .* does not exist/i.test(detail)) {
            return `no usable Google credentials (use google-github-actions/auth before this action, or set GOOGLE_APPLICATION_CREDENTIALS): ${detail}`;
        }
        if (status === 404)
            return `the bucket "${this.bucketName}" does not exist (HTTP 404): ${detail}`;
        if (status === 401)
            return `the credentials were refused (HTTP 401): ${detail}`;
        if (status === 403) {
            const retention = this.objects?.immutableDays ? ', and storage.objects.setRetention for immutable-days' : '';
            return `access denied (HTTP 403): the credentials need storage.objects.create, get, list and delete on the bucket (roles/storage.objectAdmin)${retention}: ${detail}`;
        }
        if (status === 412)
            return `an object already exists under the key (HTTP 412): ${detail}`;
        return status ? `HTTP ${status}: ${detail}` : detail;
    }
}


/***/ }),

/***/ 88818:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bh: () => (/* binding */ deletionFailure),
/* harmony export */   C5: () => (/* binding */ plainMessage),
/* harmony export */   MU: () => (/* binding */ isOurs),
/* harmony export */   P5: () => (/* binding */ lockedUntil),
/* harmony export */   Td: () => (/* binding */ storedObjectProblems),
/* harmony export */   Ur: () => (/* binding */ partsInFlight),
/* harmony export */   VN: () => (/* binding */ chunks),
/* harmony export */   Z2: () => (/* binding */ deletedSoFar),
/* harmony export */   a0: () => (/* binding */ networkErrorCode),
/* harmony export */   dF: () => (/* binding */ unquoteEtag),
/* harmony export */   dx: () => (/* binding */ objectMetadata),
/* harmony export */   lv: () => (/* binding */ MiB),
/* harmony export */   m: () => (/* binding */ MAX_ATTEMPTS),
/* harmony export */   n0: () => (/* binding */ RetryCounter),
/* harmony export */   nG: () => (/* binding */ httpStatus),
/* harmony export */   oV: () => (/* binding */ partSizeFor),
/* harmony export */   sf: () => (/* binding */ mapLimit),
/* harmony export */   vS: () => (/* binding */ mayHaveStored)
/* harmony export */ });
/* unused harmony export stillLocked */
/* harmony import */ var node_diagnostics_channel__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(53053);
/* harmony import */ var node_diagnostics_channel__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_diagnostics_channel__WEBPACK_IMPORTED_MODULE_0__);

/** What the cloud backends share: part sizing, object metadata, ETags and error wording. */
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
const DAY_MS = 86_400_000;
/** When a lock of `days` set now ends: the retain-until time sent with an upload. */
function lockedUntil(days, now = new Date()) {
    return new Date(now.getTime() + days * DAY_MS);
}
/** Whether a lock read from the storage still holds at `now`. */
function stillLocked(until, now = new Date()) {
    return until !== undefined && until.getTime() > now.getTime();
}
/** How many deletions went through before a failure, for the error message. */
function deletedSoFar(deleted) {
    return deleted > 0 ? ` (${deleted} other(s) were deleted)` : '';
}
/** One error for the deletions that failed, naming the first few. */
function deletionFailure(failures, deleted, where) {
    const shown = `${failures.slice(0, 5).join('; ')}${failures.length > 5 ? '; ...' : ''}`;
    return new Error(`${failures.length} old backup(s) could not be deleted from ${where}: ${shown}${deletedSoFar(deleted)}`);
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
