export const id = 370;
export const ids = [370];
export const modules = {

/***/ 91370:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AzureBlobStorage: () => (/* binding */ AzureBlobStorage)
});

// EXTERNAL MODULE: ./src/storage/shared/cloud-storage.ts
var cloud_storage = __webpack_require__(15934);
// EXTERNAL MODULE: ./src/storage/shared/failures.ts
var failures = __webpack_require__(94492);
// EXTERNAL MODULE: ./src/storage/shared/retries.ts
var retries = __webpack_require__(7281);
;// CONCATENATED MODULE: ./src/storage/azure-blob/errors.ts

/** Azure's error code, wherever the SDK put it; '' when none. */
function errorCode(error) {
    const failure = error;
    return failure.code ?? failure.details?.errorCode ?? '';
}
/** What went wrong, in words that say what to fix. */
function describeAzure(error, place) {
    const failure = error;
    const code = errorCode(error);
    const status = failure.statusCode;
    const detail = (0,failures/* plainMessage */.C5)(error);
    const network = (0,failures/* networkErrorCode */.a0)(error);
    if (network)
        return `cannot reach ${new URL(place.serviceUrl).origin} (${network}): ${detail}`;
    if (failure.name === 'CredentialUnavailableError' || failure.name === 'AggregateAuthenticationError' || failure.name === 'AuthenticationError') {
        return `no usable Azure credentials (use azure/login before this action, or give azure-connection-string): ${detail}`;
    }
    if (code === 'ContainerNotFound')
        return `the container "${place.containerName}" does not exist (ContainerNotFound)`;
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
/** Whether Azure answered that the blob is not there. */
function isMissing(error) {
    return error.statusCode === 404;
}

// EXTERNAL MODULE: ./src/storage/azure-blob/secrets.ts
var secrets = __webpack_require__(9534);
;// CONCATENATED MODULE: ./src/storage/azure-blob/client.ts




/**
 * The account's client, signed in as configured. The SDK is loaded here, as the backend is
 * created, not when this folder is imported: run/inputs.ts imports registerConnectionString from
 * it in every run, and a run that stores elsewhere must not load the Azure SDK.
 */
async function connect(config) {
    const { BlobServiceClient, StorageRetryPolicyType } = await Promise.all(/* import() */[__webpack_require__.e(878), __webpack_require__.e(738), __webpack_require__.e(184), __webpack_require__.e(244)]).then(__webpack_require__.bind(__webpack_require__, 42244));
    const pipelineOptions = {
        // The SDK's storage retry policy: 500 and 503 (ServerBusy is how Azure Storage throttles) and
        // connection errors are retried at once, then after 1 and 3 s (exponential, no jitter: the
        // SDK's); any other answer fails at once. An unreachable account fails within seconds.
        retryOptions: { retryPolicyType: StorageRetryPolicyType.EXPONENTIAL, maxTries: retries/* MAX_ATTEMPTS */.m, retryDelayInMs: 1000, maxRetryDelayInMs: 16_000 }
    };
    const options = config.azure ?? { connectionString: '', accountUrl: '' };
    if (options.connectionString) {
        (0,secrets/* registerConnectionString */.l)(options.connectionString);
        try {
            return { service: BlobServiceClient.fromConnectionString(options.connectionString, pipelineOptions), authorisedBy: 'a connection string' };
        }
        catch (error) {
            throw new Error(`the Azure Storage connection string cannot be used: ${(0,failures/* plainMessage */.C5)(error)}`);
        }
    }
    // @azure/identity is loaded only for this way of signing in.
    const { DefaultAzureCredential } = await Promise.all(/* import() */[__webpack_require__.e(878), __webpack_require__.e(738), __webpack_require__.e(324), __webpack_require__.e(16)]).then(__webpack_require__.bind(__webpack_require__, 73016));
    return { service: new BlobServiceClient(options.accountUrl, new DefaultAzureCredential(), pipelineOptions), authorisedBy: 'DefaultAzureCredential' };
}
/**
 * The container as configured, with the client every request goes through and the words
 * messages name it by: what each part of the Azure backend works with.
 */
class AzureContainer {
    service;
    containerName;
    authorisedBy;
    objects;
    container;
    retries = new retries/* RetryCounter */.n();
    constructor(service, containerName, authorisedBy, objects) {
        this.service = service;
        this.containerName = containerName;
        this.authorisedBy = authorisedBy;
        this.objects = objects;
        this.container = service.getContainerClient(containerName);
        // The retry policy resends the same request, with the client request id it was given once.
        this.retries.watch(new URL(service.url).host, (request) => request.getHeader('x-ms-client-request-id')?.toString());
    }
    get serviceUrl() {
        return this.service.url;
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
    describe(error) {
        return describeAzure(error, this);
    }
}

// EXTERNAL MODULE: ./src/storage/shared/batches.ts
var batches = __webpack_require__(4195);
// EXTERNAL MODULE: ./src/storage/shared/deletions.ts
var deletions = __webpack_require__(74328);
;// CONCATENATED MODULE: ./src/storage/azure-blob/delete.ts



/** A blob batch holds at most 256 sub-requests. */
const BATCH_SIZE = 256;
/** A delete refused because an immutability policy or a legal hold protects the blob (or its container). */
function lockRefusal(status, code) {
    return status === 409 && /Immutable|LegalHold/i.test(code ?? '');
}
function lacksBatch(error) {
    const status = error.statusCode;
    return status === 400 || status === 405 || status === 501;
}
async function deleteKeys(azure, keys) {
    const done = new deletions/* Deletions */.Q(azure);
    const batchClient = azure.container.getBlobBatchClient();
    for (const batch of (0,batches/* chunks */.V)(keys, BATCH_SIZE)) {
        const clients = batch.map((key) => azure.container.getBlobClient(key));
        const keyOfUrl = new Map(clients.map((client, index) => [client.url, batch[index]]));
        try {
            const response = await batchClient.deleteBlobs(clients, { deleteSnapshots: 'include' });
            response.subResponses.forEach((sub, index) => {
                const key = keyOfUrl.get(sub._request.url) ?? batch[index];
                if (sub.status >= 200 && sub.status < 300)
                    done.deleted.push(key);
                else if (lockRefusal(sub.status, sub.errorCode))
                    done.locked.push(key);
                else if (sub.status !== 404)
                    done.failures.push(`${key}: ${sub.errorCode ?? `HTTP ${sub.status}`} ${sub.statusMessage ?? ''}`.trim());
            });
        }
        catch (error) {
            if (!lacksBatch(error))
                throw done.batchFailed(batch.length, error);
            // Where blob batches are refused (some SAS scopes, gateways), one request per blob.
            await done.oneByOne(clients, (client) => keyOfUrl.get(client.url), async (client) => (await client.deleteIfExists({ deleteSnapshots: 'include' })).succeeded, (single) => lockRefusal(single.statusCode, errorCode(single)));
        }
    }
    return done.result();
}

// EXTERNAL MODULE: ./src/storage/shared/preflight-checks.ts
var preflight_checks = __webpack_require__(33528);
;// CONCATENATED MODULE: ./src/storage/azure-blob/preflight.ts



/**
 * A one-blob listing: it resolves the credentials, finds the container and needs the List
 * permission retention needs too. Then, without a SAS, the write check.
 */
async function preflight(azure, keyPrefix) {
    const sas = sasProblem(azure);
    if (sas)
        throw new Error(`${azure.where} cannot be used: ${sas}`);
    await (0,preflight_checks/* checkReachable */.sQ)(azure, () => azure.container.listBlobsFlat({ prefix: keyPrefix }).byPage({ maxPageSize: 1 }).next());
    const checks = ['credentials and container OK (one-blob listing)'];
    if (azure.objects?.immutableDays)
        checks.push(await checkImmutability(azure));
    // A SAS says offline whether it may write; an account key or an identity is asked.
    if (!hasSas(azure))
        checks.push(await checkWrite(azure, keyPrefix));
    return { checked: checks.join('; ') };
}
/** Whether the connection string signs with a SAS (its signature rides in the URL). */
function hasSas(azure) {
    return new URL(azure.service.url).searchParams.has('sig');
}
/**
 * A SAS says what it permits (sp), so whether it can write is known without a request: a
 * listing alone would pass a read-only SAS, and the upload would be refused after the dump.
 * A new blob is written with w or c (the action never overwrites), read back with r.
 */
function sasProblem(azure) {
    const permissions = new URL(azure.service.url).searchParams.get('sp');
    if (permissions === null)
        return undefined;
    const missing = [...(/[wc]/.test(permissions) ? [] : ['w (write) or c (create), to upload']), ...(permissions.includes('r') ? [] : ['r (read), to read the backup back'])];
    if (missing.length === 0)
        return undefined;
    return `the SAS of the connection string permits "${permissions}" only, without ${missing.join(', nor ')}: give one with the permissions racwdl (d and l for retention)`;
}
/**
 * Whether the identity may write, leaving nothing visible: one block of one byte staged under a
 * name never committed (Put Block needs the same write permission as the upload). An uncommitted
 * block makes no blob, version or listing entry (only a listing asking for uncommitted blobs
 * shows it), cannot be locked, and Azure discards it after 7 days; a probe blob would leave a
 * version behind in a container with versioning or immutability.
 */
async function checkWrite(azure, keyPrefix) {
    try {
        await azure.container.getBlockBlobClient((0,preflight_checks/* probeKey */.Ss)(keyPrefix)).stageBlock(Buffer.from('preflight').toString('base64'), Buffer.alloc(1), 1);
    }
    catch (error) {
        const code = errorCode(error);
        const cause = code === 'AuthorizationPermissionMismatch' || (error.statusCode === 403 && !/^Authentication|^AuthorizationFailure/.test(code))
            ? `staging a block was refused (${code || 'HTTP 403'}): the identity needs write permission on blobs (Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write, in the Storage Blob Data Contributor role): ${(0,failures/* plainMessage */.C5)(error)}`
            : azure.describe(error);
        throw (0,preflight_checks/* writeRefused */.Ih)(azure, keyPrefix, cause);
    }
    return 'writable (one-byte block staged, never committed)';
}
/** immutable-days needs version-level immutability support on the container (or its account). */
async function checkImmutability(azure) {
    let enabled;
    try {
        enabled = (await azure.container.getProperties()).isImmutableStorageWithVersioningEnabled;
    }
    catch (error) {
        throw new Error(`whether ${azure.where} supports version-level immutability, which immutable-days needs, cannot be read: ${azure.describe(error)}`);
    }
    if (!enabled) {
        throw new Error(`${azure.where} does not have version-level immutability support, which immutable-days needs: enable it on the container or the account (see docs/storage.md), or remove immutable-days`);
    }
    return 'version-level immutability enabled';
}

// EXTERNAL MODULE: ./src/util/files.ts
var files = __webpack_require__(75787);
// EXTERNAL MODULE: ./src/storage/shared/reads.ts
var reads = __webpack_require__(26918);
;// CONCATENATED MODULE: ./src/storage/azure-blob/reads.ts



const LIST_PAGE_SIZE = 1000;
async function download(azure, key, file, { expectedBytes, abort }) {
    return (0,reads/* download */.R)(azure, key, abort, isMissing, async () => {
        const response = await azure.container.getBlobClient(key).download(0, undefined, { abortSignal: abort });
        if (!response.readableStreamBody)
            throw new Error('the response has no body');
        const saved = await (0,files/* saveStream */.SI)(response.readableStreamBody, file, abort, { name: azure.uri(key), maxBytes: expectedBytes, announcedBytes: response.contentLength });
        return { ...saved, recordedSha256: response.metadata?.sha256 };
    });
}
async function list(azure, keyPrefix) {
    return (0,reads/* listing */.i)(azure, keyPrefix, async () => {
        const objects = [];
        const blobs = azure.container.listBlobsFlat({ prefix: keyPrefix, includeMetadata: true, includeImmutabilityPolicy: true });
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
        return objects;
    });
}

// EXTERNAL MODULE: ./src/storage/shared/parts.ts
var parts = __webpack_require__(60605);
// EXTERNAL MODULE: ./src/storage/shared/staged-upload.ts
var staged_upload = __webpack_require__(36135);
// EXTERNAL MODULE: ./src/storage/shared/verified-upload.ts
var verified_upload = __webpack_require__(10497);
;// CONCATENATED MODULE: ./src/storage/azure-blob/leftovers.ts


/**
 * Deletes a blob that a failed upload committed after all, recognised by its metadata so that a
 * blob this upload did not write is never touched; a note when that did not work. Staged blocks
 * never committed need nothing: they are invisible, and Azure drops them after a week.
 */
async function discard(azure, blob, metadata) {
    const note = await (0,verified_upload/* removeOwnObject */.cx)(azure, metadata, {
        read: () => blob.getProperties(),
        metadataOf: (properties) => properties.metadata,
        remove: (properties) => blob.deleteIfExists({ deleteSnapshots: 'include', conditions: { ifMatch: properties.etag } }),
        isMissing: isMissing
    }, 'a blob was left under the name');
    return (0,verified_upload/* cleanupNotes */.Q5)([note]);
}

// EXTERNAL MODULE: ./src/storage/shared/locks.ts
var locks = __webpack_require__(327);
// EXTERNAL MODULE: ./src/storage/shared/metadata.ts
var shared_metadata = __webpack_require__(39906);
;// CONCATENATED MODULE: ./src/storage/azure-blob/settings.ts


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
        ...(objects.immutableDays > 0 ? { immutabilityPolicy: { expiriesOn: (0,locks/* lockedUntil */.P)(objects.immutableDays, now), policyMode: 'Unlocked' } } : {})
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
/** What commits a new blob (Put Blob, or Put Block List after staged blocks): its metadata, content type and settings. */
function commitOptions(metadata, settings, abort) {
    return {
        metadata: (0,shared_metadata/* objectMetadata */.dx)(metadata),
        blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
        // Never replaces a blob: the commit fails if anything already exists under the name.
        conditions: { ifNoneMatch: '*' },
        // An abort ends the requests in flight; the blocks already sent stay uncommitted.
        abortSignal: abort,
        ...settings
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/storage/azure-blob/upload.ts







const MIN_BLOCK_SIZE = 8 * parts/* MiB */.lv;
const MAX_BLOCKS = 50_000;
/** Larger dumps go as blocks, several at a time; smaller ones in a single Put Blob. */
const SINGLE_SHOT_LIMIT = 32 * parts/* MiB */.lv;
const BLOCK_CONCURRENCY = 4;
/** A dump file sent by the SDK's uploadFile (one Put Blob, or blocks and a block list), then read back. */
async function uploadFile(azure, file, key, metadata, abort) {
    const { size } = await (0,promises_.stat)(file);
    const blob = azure.container.getBlockBlobClient(key);
    const settings = azureBlobOptions(azure.objects);
    return (0,verified_upload/* uploadVerified */.mc)(azure, key, { sizeBytes: size, sha256: metadata.sha256 }, {
        // Each block is read from the file as it is sent (a stream per block range), so memory does
        // not grow with the dump. Nothing is visible until the block list is committed, and a
        // failed upload never commits it: Azure discards uncommitted blocks after a week.
        send: () => blob.uploadFile(file, {
            blockSize: (0,parts/* partSizeFor */.oV)(size, MIN_BLOCK_SIZE, MAX_BLOCKS),
            maxSingleShotSize: SINGLE_SHOT_LIMIT,
            concurrency: BLOCK_CONCURRENCY,
            ...commitOptions(metadata, settings, abort)
        }),
        cleanUp: async (error) => (abort?.aborted || (0,failures/* mayHaveStored */.vS)(error) ? discard(azure, blob, metadata) : ''),
        readBack: () => readBlob(blob, settings, key),
        discard: () => discard(azure, blob, metadata)
    }, abort);
}
/** The committed blob's properties: its size, its recorded SHA-256 and the settings asked for. */
async function readBlob(blob, settings, key) {
    const properties = await blob.getProperties();
    return {
        sizeBytes: properties.contentLength,
        sha256: properties.metadata?.sha256,
        etag: (0,shared_metadata/* unquoteEtag */.dF)(properties.etag),
        versionId: properties.versionId ?? '',
        settings: appliedAzureSettings(settings, properties, key)
    };
}

;// CONCATENATED MODULE: ./src/storage/azure-blob/staged-upload.ts







const MAX_BLOCK_SIZE = 4000 * parts/* MiB */.lv;
/**
 * Blocks staged as the dump is written; the blob exists only once commit() commits the block
 * list, with the full metadata (the SHA-256 included) and only if nothing is under the name yet.
 * Azure has no call that discards staged blocks: one never committed is invisible, is dropped by
 * Azure after a week, and is replaced by the next upload under the name.
 */
async function beginUpload(azure, key, metadata, abort, estimatedBytes) {
    const blob = azure.container.getBlockBlobClient(key);
    const settings = azureBlobOptions(azure.objects);
    const ids = [];
    const sizing = (0,staged_upload/* streamPartSizing */.Yi)(estimatedBytes, MAX_BLOCKS, MAX_BLOCK_SIZE);
    // Fixed-length ids, as Azure requires of the blocks of one blob.
    const queue = new staged_upload/* PartQueue */.tn(sizing, async (index, body) => {
        const id = Buffer.from(`block-${String(index).padStart(6, '0')}`).toString('base64');
        await blob.stageBlock(id, body, body.length, { abortSignal: abort });
        ids[index] = id;
    });
    const writer = (0,staged_upload/* queuedParts */.U_)(queue, sizing, (error) => (0,verified_upload/* uploadFailed */.vD)(azure, key, error, abort));
    const started = performance.now();
    return {
        ...writer,
        abort: async () => '',
        commit: async (sha256, sizeBytes) => {
            await writer.flush();
            const full = { ...metadata, sha256 };
            try {
                await blob.commitBlockList(ids, commitOptions(full, settings, abort));
            }
            catch (error) {
                const cleanup = abort.aborted || (0,failures/* mayHaveStored */.vS)(error) ? await discard(azure, blob, full) : '';
                throw (0,verified_upload/* uploadFailed */.vD)(azure, key, error, abort, cleanup);
            }
            const durationMs = performance.now() - started;
            const removeAgain = () => discard(azure, blob, full);
            const stored = await (0,verified_upload/* readBack */.e7)(azure, key, () => readBlob(blob, settings, key), removeAgain);
            return (0,verified_upload/* confirmStored */.Oo)(azure, key, { sizeBytes, sha256 }, stored, removeAgain, durationMs);
        }
    };
}

;// CONCATENATED MODULE: ./src/storage/azure-blob/storage.ts







/**
 * Azure Blob Storage (block blobs). Authorised by a connection string (an account key or a SAS),
 * or, given only an account URL, by DefaultAzureCredential: what azure/login sets up with OIDC
 * (through the Azure CLI), a managed identity, or AZURE_CLIENT_ID/AZURE_TENANT_ID/... variables.
 */
class AzureBlobStorage extends cloud_storage/* CloudStorage */.f {
    static async create(config) {
        const { service, authorisedBy } = await connect(config);
        return new AzureBlobStorage(service, config.bucket, authorisedBy, config.objects);
    }
    constructor(service, containerName, authorisedBy, objects) {
        super(new AzureContainer(service, containerName, authorisedBy, objects), { upload: uploadFile, beginUpload: beginUpload, preflight: preflight, list: list, download: download, delete: deleteKeys });
    }
}


/***/ })

};
