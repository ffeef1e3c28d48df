export const id = 859;
export const ids = [859];
export const modules = {

/***/ 61859:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AzureBlobStorage: () => (/* binding */ AzureBlobStorage),
/* harmony export */   azureBlobOptions: () => (/* binding */ azureBlobOptions)
/* harmony export */ });
/* harmony import */ var _azure_storage_blob__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(42244);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70017);
/* harmony import */ var _util_files_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(75787);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9534);
/* harmony import */ var _shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(88818);
/* harmony import */ var _shared_staged_upload_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(36135);








const MIN_BLOCK_SIZE = 8 * _shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .MiB */ .lv;
const MAX_BLOCKS = 50_000;
const MAX_BLOCK_SIZE = 4000 * _shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .MiB */ .lv;
/** Larger dumps go as blocks, several at a time; smaller ones in a single Put Blob. */
const SINGLE_SHOT_LIMIT = 32 * _shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .MiB */ .lv;
const BLOCK_CONCURRENCY = 4;
/** A blob batch holds at most 256 sub-requests. */
const BATCH_SIZE = 256;
const LIST_PAGE_SIZE = 1000;
const pipelineOptions = {
    // The SDK's storage retry policy: 500 and 503 (ServerBusy is how Azure Storage throttles) and
    // connection errors are retried at once, then after 1 and 3 s (exponential, no jitter: the
    // SDK's); any other answer fails at once. An unreachable account fails within seconds.
    retryOptions: { retryPolicyType: _azure_storage_blob__WEBPACK_IMPORTED_MODULE_0__/* .StorageRetryPolicyType */ .uD.EXPONENTIAL, maxTries: _shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .MAX_ATTEMPTS */ .m, retryDelayInMs: 1000, maxRetryDelayInMs: 16_000 }
};
/**
 * The per-blob settings every upload sends: the access tier, and a version-level immutability
 * policy (Unlocked: it can be extended, and shortened only by an identity allowed to change
 * immutability policies). uploadFile hands its options to Put Blob or Put Block List, whichever
 * commits the blob, and both take the policy, though its own options type does not list it.
 */
function azureBlobOptions(objects, now = new Date()) {
    if (!objects)
        return {};
    return {
        ...(objects.storageClass ? { tier: objects.storageClass } : {}),
        ...(objects.immutableDays > 0 ? { immutabilityPolicy: { expiriesOn: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .lockedUntil */ .P5)(objects.immutableDays, now), policyMode: 'Unlocked' } } : {})
    };
}
/** What Azure reports of the settings asked for; a missing policy is a problem, another tier a warning. */
function appliedAzureSettings(asked, properties, key) {
    const until = properties.immutabilityPolicyExpiresOn;
    const applied = {
        ...(properties.accessTier ? { storageClass: properties.accessTier } : {}),
        ...(properties.encryptionScope ? { encryption: `encryption scope ${properties.encryptionScope}` } : {}),
        ...(until ? { lockedUntil: until.toISOString() } : {})
    };
    const problems = [];
    const askedUntil = asked.immutabilityPolicy?.expiriesOn;
    if (askedUntil && (!until || until.getTime() < askedUntil.getTime() - 1000)) {
        problems.push(`it is stored without the immutability policy immutable-days asks for (${until ? `locked until ${until.toISOString()}` : 'none reported: the container needs version-level immutability support'})`);
    }
    const warnings = asked.tier && properties.accessTier !== asked.tier ? [`the storage keeps ${key} in access tier ${properties.accessTier ?? 'unknown'}, not ${asked.tier} as storage-class asks`] : [];
    return { applied, problems, warnings };
}
/** A delete refused because an immutability policy or a legal hold protects the blob (or its container). */
function lockRefusal(status, code) {
    return status === 409 && /Immutable|LegalHold/i.test(code ?? '');
}
/**
 * Azure Blob Storage (block blobs). Authorised by a connection string (an account key or a SAS),
 * or, given only an account URL, by DefaultAzureCredential: what azure/login sets up with OIDC
 * (through the Azure CLI), a managed identity, or AZURE_CLIENT_ID/AZURE_TENANT_ID/... variables.
 */
class AzureBlobStorage {
    service;
    containerName;
    authorisedBy;
    objects;
    static async create(config) {
        const options = config.azure ?? { connectionString: '', accountUrl: '' };
        if (options.connectionString) {
            (0,_secrets_js__WEBPACK_IMPORTED_MODULE_5__/* .registerConnectionString */ .l)(options.connectionString);
            let service;
            try {
                service = _azure_storage_blob__WEBPACK_IMPORTED_MODULE_0__/* .BlobServiceClient */ .wS.fromConnectionString(options.connectionString, pipelineOptions);
            }
            catch (error) {
                throw new Error(`the Azure Storage connection string cannot be used: ${(0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .plainMessage */ .C5)(error)}`);
            }
            return new AzureBlobStorage(service, config.bucket, 'a connection string', config.objects);
        }
        // @azure/identity is loaded only for this way of signing in.
        const { DefaultAzureCredential } = await Promise.all(/* import() */[__webpack_require__.e(324), __webpack_require__.e(16)]).then(__webpack_require__.bind(__webpack_require__, 73016));
        const service = new _azure_storage_blob__WEBPACK_IMPORTED_MODULE_0__/* .BlobServiceClient */ .wS(options.accountUrl, new DefaultAzureCredential(), pipelineOptions);
        return new AzureBlobStorage(service, config.bucket, 'DefaultAzureCredential', config.objects);
    }
    container;
    retries = new _shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .RetryCounter */ .n0();
    constructor(service, containerName, authorisedBy, objects) {
        this.service = service;
        this.containerName = containerName;
        this.authorisedBy = authorisedBy;
        this.objects = objects;
        this.container = service.getContainerClient(containerName);
        // The retry policy resends the same request, with the client request id it was given once.
        this.retries.watch(new URL(service.url).host, (request) => request.getHeader('x-ms-client-request-id')?.toString());
    }
    takeRetryCount() {
        return this.retries.take();
    }
    /** The blob's URL without a query: a SAS from the connection string must not end up in an output. */
    uri(key) {
        const url = new URL(this.container.getBlockBlobClient(key).url);
        url.search = '';
        return url.href;
    }
    get where() {
        const account = new URL(this.service.url);
        return `Azure container "${this.containerName}" at ${account.origin}${account.pathname.replace(/\/$/, '')} (signed in with ${this.authorisedBy})`;
    }
    async upload(file, key, metadata, abort) {
        const { size } = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(file);
        const blob = this.container.getBlockBlobClient(key);
        const settings = azureBlobOptions(this.objects);
        const started = performance.now();
        try {
            // Each block is read from the file as it is sent (a stream per block range), so memory does
            // not grow with the dump. Nothing is visible until the block list is committed, and a
            // failed upload never commits it: Azure discards uncommitted blocks after a week.
            await blob.uploadFile(file, {
                blockSize: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .partSizeFor */ .oV)(size, MIN_BLOCK_SIZE, MAX_BLOCKS),
                maxSingleShotSize: SINGLE_SHOT_LIMIT,
                concurrency: BLOCK_CONCURRENCY,
                metadata: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .objectMetadata */ .dx)(metadata),
                blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
                // Never replaces a blob: the commit fails if anything already exists under the name.
                conditions: { ifNoneMatch: '*' },
                // An abort ends the requests in flight; the blocks already sent stay uncommitted.
                abortSignal: abort,
                ...settings
            });
        }
        catch (error) {
            const cleanup = abort?.aborted || (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .mayHaveStored */ .vS)(error) ? await this.discard(blob, metadata) : '';
            const cause = abort?.aborted ? (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(abort.reason) : this.describe(error);
            throw new Error(`upload of ${this.uri(key)} to ${this.where} failed: ${cause}${cleanup}`);
        }
        const durationMs = performance.now() - started;
        return this.confirmStored(blob, key, metadata, size, settings, durationMs);
    }
    /**
     * Blocks staged as the dump is written; the blob exists only once commit() commits the block
     * list, with the full metadata (the SHA-256 included) and only if nothing is under the name yet.
     * Azure has no call that discards staged blocks: one never committed is invisible, is dropped by
     * Azure after a week, and is replaced by the next upload under the name.
     */
    async beginUpload(key, metadata, abort, estimatedBytes) {
        const blob = this.container.getBlockBlobClient(key);
        const settings = azureBlobOptions(this.objects);
        const ids = [];
        const sizing = (0,_shared_staged_upload_js__WEBPACK_IMPORTED_MODULE_7__/* .streamPartSizing */ .Yi)(estimatedBytes, MAX_BLOCKS, MAX_BLOCK_SIZE);
        // Fixed-length ids, as Azure requires of the blocks of one blob.
        const queue = new _shared_staged_upload_js__WEBPACK_IMPORTED_MODULE_7__/* .PartQueue */ .tn(sizing, async (index, body) => {
            const id = Buffer.from(`block-${String(index).padStart(6, '0')}`).toString('base64');
            await blob.stageBlock(id, body, body.length, { abortSignal: abort });
            ids[index] = id;
        });
        const failed = (error) => new Error(`upload of ${this.uri(key)} to ${this.where} failed: ${abort.aborted ? (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(abort.reason) : this.describe(error)}`);
        const started = performance.now();
        return {
            write: async (chunk) => queue.write(chunk).catch((error) => Promise.reject(failed(error))),
            flush: async () => queue.flush().catch((error) => Promise.reject(failed(error))),
            figures: () => ({ parts: queue.parts, 'part size bytes': sizing.initial, 'peak part memory bytes': queue.peakBytes }),
            abort: async () => '',
            commit: async (sha256, sizeBytes) => {
                await queue.flush().catch((error) => Promise.reject(failed(error)));
                const full = { ...metadata, sha256 };
                try {
                    await blob.commitBlockList(ids, {
                        metadata: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .objectMetadata */ .dx)(full),
                        blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
                        conditions: { ifNoneMatch: '*' },
                        abortSignal: abort,
                        ...settings
                    });
                }
                catch (error) {
                    const cleanup = abort.aborted || (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .mayHaveStored */ .vS)(error) ? await this.discard(blob, full) : '';
                    throw new Error(`${failed(error).message}${cleanup}`);
                }
                const durationMs = performance.now() - started;
                return this.confirmStored(blob, key, full, sizeBytes, settings, durationMs);
            }
        };
    }
    /**
     * Reads the committed blob back: its size, its recorded SHA-256 and the settings asked for must be
     * the dump's, or it is removed again and the upload fails.
     */
    async confirmStored(blob, key, metadata, sizeBytes, settings, durationMs) {
        let properties;
        try {
            properties = await blob.getProperties();
        }
        catch (error) {
            const cleanup = await this.discard(blob, metadata);
            throw new Error(`${this.uri(key)} was uploaded but cannot be read back from ${this.where}: ${this.describe(error)}${cleanup}`);
        }
        const problems = (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .storedObjectProblems */ .Td)({ sizeBytes, sha256: metadata.sha256 }, { sizeBytes: properties.contentLength, sha256: properties.metadata?.sha256 });
        const { applied, problems: unapplied, warnings } = appliedAzureSettings(settings, properties, key);
        problems.push(...unapplied);
        if (problems.length > 0) {
            const cleanup = await this.discard(blob, metadata);
            throw new Error(`${this.uri(key)} in ${this.where} is not the dump: ${problems.join('; ')}${cleanup}`);
        }
        return {
            uri: this.uri(key),
            etag: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .unquoteEtag */ .dF)(properties.etag),
            versionId: properties.versionId ?? '',
            sizeBytes: properties.contentLength ?? 0,
            durationMs,
            applied,
            ...(warnings.length > 0 ? { warnings } : {})
        };
    }
    /**
     * Deletes a blob that a failed upload committed after all, recognised by its metadata so that a
     * blob this upload did not write is never touched; a note when that did not work.
     */
    async discard(blob, metadata) {
        try {
            const properties = await blob.getProperties();
            if ((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .isOurs */ .MU)(properties.metadata, metadata)) {
                await blob.deleteIfExists({ deleteSnapshots: 'include', conditions: { ifMatch: properties.etag } });
            }
            return '';
        }
        catch (error) {
            if (error.statusCode === 404)
                return '';
            return `; whether a blob was left under the name could not be checked (${this.describe(error)})`;
        }
    }
    /** Whether the connection string signs with a SAS (its signature rides in the URL). */
    hasSas() {
        return new URL(this.service.url).searchParams.has('sig');
    }
    /**
     * A SAS says what it permits (sp), so whether it can write is known without a request: a
     * listing alone would pass a read-only SAS, and the upload would be refused after the dump.
     * A new blob is written with w or c (the action never overwrites), read back with r.
     */
    sasProblem() {
        const permissions = new URL(this.service.url).searchParams.get('sp');
        if (permissions === null)
            return undefined;
        const missing = [...(/[wc]/.test(permissions) ? [] : ['w (write) or c (create), to upload']), ...(permissions.includes('r') ? [] : ['r (read), to read the backup back'])];
        if (missing.length === 0)
            return undefined;
        return `the SAS of the connection string permits "${permissions}" only, without ${missing.join(', nor ')}: give one with the permissions racwdl (d and l for retention)`;
    }
    /**
     * A one-blob listing: it resolves the credentials, finds the container and needs the List
     * permission retention needs too. Then, without a SAS, the write check.
     */
    async preflight(keyPrefix) {
        const sas = this.sasProblem();
        if (sas)
            throw new Error(`${this.where} cannot be used: ${sas}`);
        try {
            await this.container.listBlobsFlat({ prefix: keyPrefix }).byPage({ maxPageSize: 1 }).next();
        }
        catch (error) {
            throw new Error(`${this.where} cannot be used: ${this.describe(error)}`);
        }
        const checks = ['credentials and container OK (one-blob listing)'];
        if (this.objects?.immutableDays)
            checks.push(await this.checkImmutability());
        // A SAS says offline whether it may write; an account key or an identity is asked.
        if (!this.hasSas())
            checks.push(await this.checkWrite(keyPrefix));
        return { checked: checks.join('; ') };
    }
    /**
     * Whether the identity may write, leaving nothing visible: one block of one byte staged under a
     * name never committed (Put Block needs the same write permission as the upload). An uncommitted
     * block makes no blob, version or listing entry (only a listing asking for uncommitted blobs
     * shows it), cannot be locked, and Azure discards it after 7 days; a probe blob would leave a
     * version behind in a container with versioning or immutability.
     */
    async checkWrite(keyPrefix) {
        const name = `${keyPrefix}preflight-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(4).toString('hex')}`;
        try {
            await this.container.getBlockBlobClient(name).stageBlock(Buffer.from('preflight').toString('base64'), Buffer.alloc(1), 1);
        }
        catch (error) {
            const failure = error;
            const code = failure.code ?? failure.details?.errorCode ?? '';
            const cause = code === 'AuthorizationPermissionMismatch' || (failure.statusCode === 403 && !/^Authentication|^AuthorizationFailure/.test(code))
                ? `staging a block was refused (${code || 'HTTP 403'}): the identity needs write permission on blobs (Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write, in the Storage Blob Data Contributor role): ${(0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .plainMessage */ .C5)(error)}`
                : this.describe(error);
            throw new Error(`${this.where} cannot be written under ${this.uri(keyPrefix)}*: ${cause}`);
        }
        return 'writable (one-byte block staged, never committed)';
    }
    /** immutable-days needs version-level immutability support on the container (or its account). */
    async checkImmutability() {
        let enabled;
        try {
            enabled = (await this.container.getProperties()).isImmutableStorageWithVersioningEnabled;
        }
        catch (error) {
            throw new Error(`whether ${this.where} supports version-level immutability, which immutable-days needs, cannot be read: ${this.describe(error)}`);
        }
        if (!enabled) {
            throw new Error(`${this.where} does not have version-level immutability support, which immutable-days needs: enable it on the container or the account (see docs/storage.md), or remove immutable-days`);
        }
        return 'version-level immutability enabled';
    }
    async download(key, file, { expectedBytes, abort }) {
        const started = performance.now();
        try {
            const response = await this.container.getBlobClient(key).download(0, undefined, { abortSignal: abort });
            if (!response.readableStreamBody)
                throw new Error('the response has no body');
            const saved = await (0,_util_files_js__WEBPACK_IMPORTED_MODULE_4__/* .saveStream */ .SI)(response.readableStreamBody, file, abort, { name: this.uri(key), maxBytes: expectedBytes, announcedBytes: response.contentLength });
            return { ...saved, recordedSha256: response.metadata?.sha256, durationMs: performance.now() - started };
        }
        catch (error) {
            if (abort?.aborted)
                throw abort.reason;
            if (error instanceof _util_files_js__WEBPACK_IMPORTED_MODULE_4__/* .DownloadTooLarge */ .kt)
                throw error;
            if (error.statusCode === 404)
                throw new Error(`${this.uri(key)} does not exist in ${this.where}`);
            throw new Error(`downloading ${this.uri(key)} from ${this.where} failed: ${this.describe(error)}`);
        }
    }
    async list(keyPrefix) {
        const objects = [];
        try {
            const blobs = this.container.listBlobsFlat({ prefix: keyPrefix, includeMetadata: true, includeImmutabilityPolicy: true });
            for await (const page of blobs.byPage({ maxPageSize: LIST_PAGE_SIZE })) {
                for (const item of page.segment.blobItems) {
                    const until = item.properties.immutabilityPolicyExpiresOn;
                    objects.push({
                        key: item.name,
                        sizeBytes: item.properties.contentLength ?? 0,
                        lastModified: item.properties.lastModified,
                        metadata: item.metadata ?? {},
                        ...(until ? { lockedUntil: until } : {})
                    });
                }
            }
        }
        catch (error) {
            throw new Error(`listing ${this.uri(keyPrefix)}* in ${this.where} failed: ${this.describe(error)}`);
        }
        return objects;
    }
    async delete(keys) {
        const deleted = [];
        const locked = [];
        const failures = [];
        const batchClient = this.container.getBlobBatchClient();
        for (const batch of (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .chunks */ .VN)(keys, BATCH_SIZE)) {
            const clients = batch.map((key) => this.container.getBlobClient(key));
            const keyOfUrl = new Map(clients.map((client, index) => [client.url, batch[index]]));
            try {
                const response = await batchClient.deleteBlobs(clients, { deleteSnapshots: 'include' });
                response.subResponses.forEach((sub, index) => {
                    const key = keyOfUrl.get(sub._request.url) ?? batch[index];
                    if (sub.status >= 200 && sub.status < 300)
                        deleted.push(key);
                    else if (lockRefusal(sub.status, sub.errorCode))
                        locked.push(key);
                    else if (sub.status !== 404)
                        failures.push(`${key}: ${sub.errorCode ?? `HTTP ${sub.status}`} ${sub.statusMessage ?? ''}`.trim());
                });
            }
            catch (error) {
                if (!this.lacksBatch(error)) {
                    throw new Error(`deleting ${batch.length} old backup(s) from ${this.where} failed: ${this.describe(error)}` +
                        (deleted.length > 0 ? ` (${deleted.length} other(s) were deleted)` : ''));
                }
                // Where blob batches are refused (some SAS scopes, gateways), one request per blob.
                await (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .mapLimit */ .sf)(clients, 8, async (client) => {
                    const key = keyOfUrl.get(client.url);
                    try {
                        const result = await client.deleteIfExists({ deleteSnapshots: 'include' });
                        if (result.succeeded)
                            deleted.push(key);
                    }
                    catch (single) {
                        const failure = single;
                        if (lockRefusal(failure.statusCode, failure.code ?? failure.details?.errorCode))
                            locked.push(key);
                        else
                            failures.push(`${key}: ${this.describe(single)}`);
                    }
                });
            }
        }
        if (failures.length > 0)
            throw (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .deletionFailure */ .Bh)(failures, deleted.length, this.where);
        return { deleted, locked };
    }
    lacksBatch(error) {
        const status = error.statusCode;
        return status === 400 || status === 405 || status === 501;
    }
    /** What went wrong, in words that say what to fix. */
    describe(error) {
        const failure = error;
        const code = failure.code ?? failure.details?.errorCode ?? '';
        const status = failure.statusCode;
        const detail = (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .plainMessage */ .C5)(error);
        const network = (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_6__/* .networkErrorCode */ .a0)(error);
        if (network)
            return `cannot reach ${new URL(this.service.url).origin} (${network}): ${detail}`;
        if (failure.name === 'CredentialUnavailableError' || failure.name === 'AggregateAuthenticationError' || failure.name === 'AuthenticationError') {
            return `no usable Azure credentials (use azure/login before this action, or give azure-connection-string): ${detail}`;
        }
        if (code === 'ContainerNotFound')
            return `the container "${this.containerName}" does not exist (ContainerNotFound)`;
        if (code === 'AuthenticationFailed' || code === 'AuthorizationFailure' || status === 401) {
            return `the credentials were refused (${code || `HTTP ${status}`}): ${detail}`;
        }
        if (code === 'AuthorizationPermissionMismatch' || status === 403) {
            return `access denied (${code || 'HTTP 403'}): the identity needs the Storage Blob Data Contributor role on the container or account: ${detail}`;
        }
        if (code === 'BlobAlreadyExists' || status === 409)
            return `a blob already exists under the name (${code || 'HTTP 409'}): ${detail}`;
        const label = code ? `${code}${status ? `, HTTP ${status}` : ''}` : status ? `HTTP ${status}` : '';
        return label ? `${label}: ${detail}` : detail;
    }
}


/***/ }),

/***/ 36135:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Yi: () => (/* binding */ streamPartSizing),
/* harmony export */   tn: () => (/* binding */ PartQueue)
/* harmony export */ });
/* unused harmony exports STREAM_MIN_PART, partSizeAt */
/* harmony import */ var _cloud_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88818);

const STREAM_MIN_PART = 8 * _cloud_js__WEBPACK_IMPORTED_MODULE_0__/* .MiB */ .lv;
/**
 * Parts for a dump of about `estimatedBytes` (twice that, so that a dump larger than its database
 * still fits the first tier), at least `minimum`, in whole MiB.
 */
function streamPartSizing(estimatedBytes, maxParts, largest, minimum = STREAM_MIN_PART) {
    const perTier = Math.floor(maxParts / 10);
    const wanted = estimatedBytes ? Math.ceil((2 * estimatedBytes) / perTier / _cloud_js__WEBPACK_IMPORTED_MODULE_0__/* .MiB */ .lv) * _cloud_js__WEBPACK_IMPORTED_MODULE_0__/* .MiB */ .lv : 0;
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
        while (this.inFlight.size >= (0,_cloud_js__WEBPACK_IMPORTED_MODULE_0__/* .partsInFlight */ .Ur)(part.length || 1))
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


/***/ })

};
