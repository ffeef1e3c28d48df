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
