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


/***/ })

};
