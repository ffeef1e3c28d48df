export const id = 495;
export const ids = [495];
export const modules = {

/***/ 1495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S3Storage: () => (/* binding */ S3Storage)
});

// EXTERNAL MODULE: ./src/storage/shared/cloud-storage.ts
var cloud_storage = __webpack_require__(15934);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(53711);
// EXTERNAL MODULE: ./src/util/secrets.ts
var secrets = __webpack_require__(84537);
// EXTERNAL MODULE: ./src/storage/shared/retries.ts
var retries = __webpack_require__(7281);
// EXTERNAL MODULE: ./src/storage/shared/failures.ts
var failures = __webpack_require__(94492);
;// CONCATENATED MODULE: ./src/storage/s3/errors.ts

/** No credentials were found: the SDK sent no request, so nothing can have been stored. */
function isCredentialsError(error) {
    const failure = error;
    return failure?.name === 'CredentialsProviderError' || /Could not load credentials/i.test((0,failures/* plainMessage */.C5)(error));
}
/** Refused for want of a permission, not for the credentials themselves (a bad key, token or signature). */
function isAccessDenied(error) {
    const name = error.name ?? '';
    return name === 'AccessDenied' || ((0,failures/* httpStatus */.nG)(error) === 403 && !/Token|Signature|AccessKey/.test(name));
}
/** What went wrong, in words that say what to fix. */
function describeS3(error, place) {
    const failure = error;
    const name = failure.name ?? failure.Code ?? '';
    const status = failure.$metadata?.httpStatusCode;
    const detail = (0,failures/* plainMessage */.C5)(error);
    const network = (0,failures/* networkErrorCode */.a0)(error);
    if (network)
        return `cannot reach ${place.endpoint || `S3 in ${place.region}`} (${network}): ${detail}${afterAttempts(error)}`;
    if (isCredentialsError(error)) {
        return `no AWS credentials found (use aws-actions/configure-aws-credentials, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY): ${detail}`;
    }
    if (name === 'NoSuchBucket')
        return `the bucket "${place.bucket}" does not exist (NoSuchBucket)`;
    if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'TokenRefreshRequired'].includes(name)) {
        return `the credentials were refused (${name}): ${detail}`;
    }
    if (name === 'AccessDenied' || status === 403) {
        return `access denied (${name || 'HTTP 403'}): the credentials need ${permissions(place.objects)}: ${detail}`;
    }
    if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || status === 301) {
        return `the bucket is in another region than ${place.region} (${name || 'HTTP 301'}): set s3-region: ${detail}`;
    }
    const code = name && name !== 'Error' ? `${name}${status ? `, HTTP ${status}` : ''}` : status ? `HTTP ${status}` : '';
    return `${code ? `${code}: ${detail}` : detail}${afterAttempts(error)}`;
}
/** The least permissions the configured settings need, for an access-denied message. */
function permissions(objects) {
    const needed = ['s3:PutObject, s3:GetObject, s3:ListBucket and s3:DeleteObject on the bucket'];
    if (objects?.immutableDays)
        needed.push('s3:PutObjectRetention, s3:GetObjectRetention and s3:GetBucketObjectLockConfiguration (immutable-days)');
    if (objects?.s3Encryption === 'aws:kms')
        needed.push('kms:GenerateDataKey and kms:Decrypt on the KMS key (s3-sse aws:kms)');
    return needed.join(', and ');
}
/** What an upload needs to be accepted at all, for a refused write check. */
function writePermissions(objects) {
    const needed = ['s3:PutObject'];
    if (objects?.immutableDays)
        needed.push('s3:PutObjectRetention (immutable-days)');
    if (objects?.s3Encryption === 'aws:kms')
        needed.push('kms:GenerateDataKey on the KMS key (s3-sse aws:kms)');
    return needed.join(', and ');
}
/** Says that a transient fault outlasted the retries. */
function afterAttempts(error) {
    const attempts = error.$metadata?.attempts ?? 1;
    return attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
}

;// CONCATENATED MODULE: ./src/storage/s3/client.ts




const DEFAULT_REGION = 'us-east-1';
/**
 * The bucket as configured, with the client every request goes through and the words messages
 * name it by: what each part of the S3 backend works with.
 */
class S3Bucket {
    client;
    clientConfig;
    bucket;
    endpoint;
    region;
    objects;
    /** SHA-256 checksums on uploads: asked for, or required by S3 for uploads with an Object Lock retention. */
    checksummed;
    retries = new retries/* RetryCounter */.n();
    constructor(config) {
        this.bucket = config.bucket;
        const options = config.s3 ?? { endpoint: '', region: '', forcePathStyle: false, checksum: 'sha256' };
        this.endpoint = options.endpoint;
        // An SDK error never shows these, but a proxy's error page might: they are scrubbed like inputs.
        (0,secrets/* registerSecret */.cl)(process.env.AWS_SECRET_ACCESS_KEY);
        (0,secrets/* registerSecret */.cl)(process.env.AWS_SESSION_TOKEN);
        this.region = options.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || DEFAULT_REGION;
        this.objects = config.objects;
        this.checksummed = options.checksum === 'sha256' || (this.objects?.immutableDays ?? 0) > 0;
        const checksums = this.checksummed ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED';
        this.clientConfig = {
            region: this.region,
            ...(options.endpoint ? { endpoint: options.endpoint } : {}),
            forcePathStyle: options.forcePathStyle,
            // On AWS a bucket in another region than the one configured is still found.
            followRegionRedirects: !options.endpoint,
            requestChecksumCalculation: checksums,
            responseChecksumValidation: checksums,
            // The SDK's standard retry strategy: 500, 502, 503, 504, throttling (429, SlowDown) and
            // connection errors are retried with exponential backoff and full jitter (at most 1, 2, 4 s
            // after throttling); any other answer fails at once.
            retryMode: 'standard',
            maxAttempts: retries/* MAX_ATTEMPTS */.m,
            requestHandler: { connectionTimeout: 10_000, socketTimeout: 120_000 }
        };
        this.client = this.newClient();
    }
    /** A client counting its retries: once per command, outside the retries, the SDK records how many attempts it took. */
    newClient() {
        const client = new dist_cjs.S3Client(this.clientConfig);
        client.middlewareStack.add((next) => async (args) => {
            try {
                const result = await next(args);
                this.retries.add((result.output.$metadata?.attempts ?? 1) - 1);
                return result;
            }
            catch (error) {
                this.retries.add((error.$metadata?.attempts ?? 1) - 1);
                throw error;
            }
        }, { step: 'initialize', name: 'countRetries' });
        return client;
    }
    uri(key) {
        return `s3://${this.bucket}/${key}`;
    }
    get where() {
        return `S3 bucket "${this.bucket}" at ${this.endpoint || `AWS (${this.region})`}`;
    }
    describe(error) {
        return describeS3(error, this);
    }
}

// EXTERNAL MODULE: ./src/storage/shared/batches.ts
var batches = __webpack_require__(4195);
// EXTERNAL MODULE: ./src/storage/shared/deletions.ts
var deletions = __webpack_require__(74328);
;// CONCATENATED MODULE: ./src/storage/s3/delete.ts



const DELETE_BATCH = 1000;
/** Whether a refused deletion was refused because Object Lock protects the object (or version). */
function lockRefusal(code, message) {
    return code === 'AccessDenied' && /object lock|retention|legal hold/i.test(message ?? '');
}
function lacksBatchDelete(error) {
    const failure = error;
    const status = failure.$metadata?.httpStatusCode;
    return failure.name === 'NotImplemented' || failure.name === 'MissingContentMD5' || status === 405 || status === 501;
}
async function deleteKeys(s3, keys) {
    const done = new deletions/* Deletions */.Q(s3);
    for (const batch of (0,batches/* chunks */.V)(keys, DELETE_BATCH)) {
        try {
            const response = await s3.client.send(new dist_cjs.DeleteObjectsCommand({ Bucket: s3.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: false } }));
            for (const object of response.Deleted ?? [])
                if (object.Key !== undefined)
                    done.deleted.push(object.Key);
            for (const failure of response.Errors ?? []) {
                if (failure.Key !== undefined && lockRefusal(failure.Code, failure.Message))
                    done.locked.push(failure.Key);
                else
                    done.failures.push(`${failure.Key}: ${failure.Code ?? 'error'} ${failure.Message ?? ''}`.trim());
            }
        }
        catch (error) {
            if (!lacksBatchDelete(error))
                throw done.batchFailed(batch.length, error);
            // Some S3-compatible services have no DeleteObjects (or want a Content-MD5 the SDK no longer sends).
            await done.oneByOne(batch, (Key) => Key, async (Key) => {
                await s3.client.send(new dist_cjs.DeleteObjectCommand({ Bucket: s3.bucket, Key }));
                return true;
            }, (single) => lockRefusal(single.name, single.message));
        }
    }
    return done.result();
}

// EXTERNAL MODULE: ./src/storage/shared/preflight-checks.ts
var preflight_checks = __webpack_require__(33528);
// EXTERNAL MODULE: ./src/storage/shared/locks.ts
var locks = __webpack_require__(327);
;// CONCATENATED MODULE: ./src/storage/s3/settings.ts

/**
 * The per-object settings every upload sends, whether one PutObject or a multipart upload (its
 * CreateMultipartUpload carries them): storage class, server-side encryption, Object Lock retention.
 */
function s3ObjectParams(objects, now = new Date()) {
    if (!objects)
        return {};
    return {
        ...(objects.storageClass ? { StorageClass: objects.storageClass } : {}),
        ...(objects.s3Encryption ? { ServerSideEncryption: objects.s3Encryption } : {}),
        ...(objects.s3KmsKeyId ? { SSEKMSKeyId: objects.s3KmsKeyId } : {}),
        ...(objects.immutableDays > 0 ? { ObjectLockMode: objects.s3ObjectLockMode, ObjectLockRetainUntilDate: (0,locks/* lockedUntil */.P)(objects.immutableDays, now) } : {})
    };
}
/** The settings without the Object Lock retention: for a first version that must stay deletable. */
function withoutLock(settings) {
    const unlocked = { ...settings };
    delete unlocked.ObjectLockMode;
    delete unlocked.ObjectLockRetainUntilDate;
    return unlocked;
}
/**
 * What the storage reports of the settings asked for, read from the HeadObject after the upload.
 * Missing encryption or lock is a problem: a service that ignores the headers must not pass for
 * one that honours them. A class other than asked is only a warning (S3-compatible services keep
 * their own classes); S3 reports no class for STANDARD.
 */
function appliedS3Settings(asked, head, key) {
    const applied = {
        storageClass: head.StorageClass ?? 'STANDARD',
        ...(head.ServerSideEncryption ? { encryption: head.SSEKMSKeyId ? `${head.ServerSideEncryption} (${head.SSEKMSKeyId})` : head.ServerSideEncryption } : {}),
        ...(head.ObjectLockRetainUntilDate ? { lockedUntil: head.ObjectLockRetainUntilDate.toISOString() } : {})
    };
    const problems = [];
    const warnings = [];
    if (asked.ServerSideEncryption && head.ServerSideEncryption !== asked.ServerSideEncryption) {
        problems.push(`it is stored with server-side encryption ${head.ServerSideEncryption ?? 'none reported'}, not ${asked.ServerSideEncryption} as s3-sse asks`);
    }
    if (asked.ObjectLockRetainUntilDate) {
        const until = head.ObjectLockRetainUntilDate;
        if (!until || until.getTime() < asked.ObjectLockRetainUntilDate.getTime() - 1000) {
            problems.push(`it is stored without the Object Lock retention immutable-days asks for (${until ? `retained until ${until.toISOString()}` : 'none reported: the service ignored it, or the credentials lack s3:GetObjectRetention'})`);
        }
    }
    if (asked.StorageClass && applied.storageClass !== asked.StorageClass) {
        warnings.push(`the storage keeps ${key} in storage class ${applied.storageClass}, not ${asked.StorageClass} as storage-class asks`);
    }
    return { applied, problems, warnings };
}

;// CONCATENATED MODULE: ./src/storage/s3/preflight.ts





/**
 * A one-key listing: it resolves the credentials, finds the bucket (in its region) and needs
 * s3:ListBucket, which retention needs too (HeadBucket would prove no more). Then the write
 * check, after the Object Lock check whose absence would refuse its lock headers.
 */
async function preflight(s3, keyPrefix) {
    await (0,preflight_checks/* checkReachable */.sQ)(s3, () => s3.client.send(new dist_cjs.ListObjectsV2Command({ Bucket: s3.bucket, Prefix: keyPrefix, MaxKeys: 1 })));
    const checks = ['credentials and bucket OK (one-key listing)'];
    if (s3.objects?.immutableDays) {
        await checkObjectLock(s3);
        checks.push('Object Lock enabled');
    }
    return (0,preflight_checks/* preflightResult */.Xb)(checks, await checkWrite(s3, keyPrefix));
}
/**
 * Whether an upload would be accepted, leaving nothing behind: a multipart upload started under
 * the prefix with the per-object settings every upload sends (so s3:PutObject, and a KMS key or
 * Object Lock setting the service refuses as an upload starts, show here), aborted at once. It never holds a byte nor
 * becomes an object; a probe object would leave a version, a delete marker or a locked object in
 * a versioned or locked bucket.
 */
async function checkWrite(s3, keyPrefix) {
    const common = { Bucket: s3.bucket, Key: (0,preflight_checks/* probeKey */.Ss)(keyPrefix) };
    let uploadId;
    try {
        const created = await s3.client.send(new dist_cjs.CreateMultipartUploadCommand({
            ...common,
            ContentType: 'application/octet-stream',
            ...s3ObjectParams(s3.objects),
            ...(s3.checksummed ? { ChecksumAlgorithm: 'SHA256' } : {})
        }));
        uploadId = created.UploadId;
    }
    catch (error) {
        throw (0,preflight_checks/* writeRefused */.Ih)(s3, keyPrefix, isAccessDenied(error)
            ? `starting an upload was refused (${error.name || 'HTTP 403'}): the credentials need ${writePermissions(s3.objects)}: ${(0,failures/* plainMessage */.C5)(error)}`
            : s3.describe(error));
    }
    if (!uploadId)
        throw new Error(`${s3.where} cannot be written: CreateMultipartUpload returned no UploadId`);
    try {
        await s3.client.send(new dist_cjs.AbortMultipartUploadCommand({ ...common, UploadId: uploadId }));
        return { checked: 'writable (multipart upload started, aborted)' };
    }
    catch (error) {
        const left = `the preflight's multipart upload ${uploadId} of ${s3.uri(common.Key)} (it holds no bytes) is left until a lifecycle rule with AbortIncompleteMultipartUpload removes it`;
        const warning = isAccessDenied(error)
            ? `${s3.where} refused AbortMultipartUpload (${error.name || 'HTTP 403'}): the credentials lack s3:AbortMultipartUpload, which a failed or cancelled upload (and staging-stream) needs to remove its parts; ${left}`
            : `${s3.where} could not abort a multipart upload (${s3.describe(error)}): a failed or cancelled upload could not remove its parts either; ${left}`;
        return { checked: 'writable (multipart upload started; its abort failed)', warnings: [warning] };
    }
}
/**
 * immutable-days needs a bucket created with Object Lock (which turns versioning on): without
 * it, every upload would be refused after the dump. Needs s3:GetBucketObjectLockConfiguration.
 */
async function checkObjectLock(s3) {
    const enable = 'enable Object Lock on the bucket (aws s3api put-object-lock-configuration, see docs/storage.md), or remove immutable-days';
    let enabled;
    try {
        const answer = await s3.client.send(new dist_cjs.GetObjectLockConfigurationCommand({ Bucket: s3.bucket }));
        enabled = answer.ObjectLockConfiguration?.ObjectLockEnabled;
    }
    catch (error) {
        const name = error.name ?? '';
        if (name === 'ObjectLockConfigurationNotFoundError')
            throw new Error(`${s3.where} has no Object Lock, which immutable-days needs: ${enable}`);
        if (name === 'NotImplemented' || (0,failures/* httpStatus */.nG)(error) === 501) {
            throw new Error(`${s3.where} does not support S3 Object Lock (GetObjectLockConfiguration: ${name || 'HTTP 501'}), which immutable-days needs: remove immutable-days or use a service that supports it`);
        }
        throw new Error(`whether ${s3.where} has Object Lock, which immutable-days needs, cannot be read: ${s3.describe(error)}`);
    }
    if (enabled !== 'Enabled')
        throw new Error(`${s3.where} has no Object Lock enabled, which immutable-days needs: ${enable}`);
}

// EXTERNAL MODULE: ./src/util/files.ts
var files = __webpack_require__(75787);
// EXTERNAL MODULE: ./src/storage/shared/reads.ts
var reads = __webpack_require__(26918);
;// CONCATENATED MODULE: ./src/storage/s3/reads.ts




const isMissing = (error) => (0,failures/* httpStatus */.nG)(error) === 404;
async function list(s3, keyPrefix) {
    return (0,reads/* listing */.i)(s3, keyPrefix, async () => {
        const objects = [];
        const pages = (0,dist_cjs.paginateListObjectsV2)({ client: s3.client, pageSize: 1000 }, { Bucket: s3.bucket, Prefix: keyPrefix });
        for await (const page of pages) {
            for (const object of page.Contents ?? []) {
                if (object.Key === undefined)
                    continue;
                // Retention's safety rules need the storage's own time of every object.
                if (!object.LastModified)
                    throw new Error(`the listing gives no LastModified for ${object.Key}`);
                // ListObjectsV2 carries no user metadata: metadata() asks for it where it decides.
                objects.push({ key: object.Key, sizeBytes: object.Size ?? 0, lastModified: object.LastModified });
            }
        }
        return objects;
    });
}
async function download(s3, key, file, { expectedBytes, abort }) {
    return (0,reads/* download */.R)(s3, key, abort, isMissing, async () => {
        const object = await s3.client.send(new dist_cjs.GetObjectCommand({ Bucket: s3.bucket, Key: key }), { abortSignal: abort });
        if (!object.Body)
            throw new Error('the response has no body');
        const saved = await (0,files/* saveStream */.SI)(object.Body, file, abort, { name: s3.uri(key), maxBytes: expectedBytes, announcedBytes: object.ContentLength });
        return { ...saved, recordedSha256: object.Metadata?.sha256 };
    });
}
/** The lock comes with the HeadObject where the credentials have s3:GetObjectRetention. */
async function metadata(s3, key) {
    try {
        const head = await s3.client.send(new dist_cjs.HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
        return { metadata: head.Metadata ?? {}, ...(head.ObjectLockRetainUntilDate ? { lockedUntil: head.ObjectLockRetainUntilDate } : {}) };
    }
    catch (error) {
        if (isMissing(error))
            return undefined;
        throw new Error(`reading the metadata of ${s3.uri(key)} in ${s3.where} failed: ${s3.describe(error)}`);
    }
}

// EXTERNAL MODULE: ./src/storage/shared/metadata.ts
var shared_metadata = __webpack_require__(39906);
// EXTERNAL MODULE: ./src/storage/shared/parts.ts
var parts = __webpack_require__(60605);
// EXTERNAL MODULE: ./src/storage/shared/staged-upload.ts
var staged_upload = __webpack_require__(36135);
// EXTERNAL MODULE: ./src/storage/shared/verified-upload.ts
var verified_upload = __webpack_require__(10497);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
;// CONCATENATED MODULE: ./src/storage/s3/leftovers.ts



/**
 * Removes what a failed upload may have left: its multipart upload (the parts already stored
 * are billed until it is aborted) and an object that got written after all, recognised by its
 * metadata so that an object this upload did not write is never touched. Returns a note for the
 * error message when something could not be removed.
 */
async function discard(s3, key, metadata, uploadId, mayExist) {
    const notes = [];
    if (uploadId) {
        try {
            await s3.client.send(new dist_cjs.AbortMultipartUploadCommand({ Bucket: s3.bucket, Key: key, UploadId: uploadId }));
        }
        catch (error) {
            notes.push(`its multipart upload ${uploadId} could not be aborted (${s3.describe(error)}): ` + 'a lifecycle rule with AbortIncompleteMultipartUpload removes the parts it stored');
        }
    }
    if (mayExist) {
        notes.push(await (0,verified_upload/* removeOwnObject */.cx)(s3, metadata, {
            read: () => s3.client.send(new dist_cjs.HeadObjectCommand({ Bucket: s3.bucket, Key: key })),
            metadataOf: (head) => head.Metadata,
            remove: (head) => s3.client.send(new dist_cjs.DeleteObjectCommand({ Bucket: s3.bucket, Key: key, ...(head.VersionId ? { VersionId: head.VersionId } : {}) })),
            isMissing: (error) => (0,failures/* httpStatus */.nG)(error) === 404
        }));
    }
    return (0,verified_upload/* cleanupNotes */.Q5)(notes);
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/lib-storage/dist-cjs/index.js
var lib_storage_dist_cjs = __webpack_require__(22358);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/storage/s3/upload.ts











const MIN_PART_SIZE = 5 * parts/* MiB */.lv;
const MAX_PARTS = 10_000;
/** A dump file sent by lib-storage (one PutObject, or a multipart upload), then read back with HeadObject. */
async function uploadFile(s3, file, key, metadata, abort) {
    const { size } = await (0,promises_.stat)(file);
    const partSize = (0,parts/* partSizeFor */.oV)(size, MIN_PART_SIZE, MAX_PARTS);
    const sha256 = s3.checksummed;
    const settings = s3ObjectParams(s3.objects);
    // A dump that fits in one part goes in one PutObject: with checksums on, S3 checks it against
    // the whole dump's SHA-256; each part of a multipart upload is checked against its own.
    const singlePut = size <= partSize;
    const body = (0,external_node_fs_.createReadStream)(file, { highWaterMark: parts/* MiB */.lv });
    // A client of its own, whose connections an abort cuts: lib-storage's abort() only stops
    // waiting for the requests in flight, which would go on and could store the object after all.
    const transfer = s3.newClient();
    const upload = new lib_storage_dist_cjs/* Upload */._({
        client: transfer,
        partSize,
        queueSize: (0,parts/* partsInFlight */.Ur)(partSize),
        // Aborting is done below: lib-storage's own abort would replace the upload's error with the
        // abort's, and services without AbortMultipartUpload would hide why the upload failed.
        leavePartsOnError: true,
        params: {
            Bucket: s3.bucket,
            Key: key,
            Body: body,
            ContentLength: size,
            ContentType: 'application/octet-stream',
            Metadata: (0,shared_metadata/* objectMetadata */.dx)(metadata),
            ...settings,
            ...(sha256 ? { ChecksumAlgorithm: 'SHA256' } : {}),
            ...(sha256 && singlePut ? { ChecksumSHA256: Buffer.from(metadata.sha256, 'hex').toString('base64') } : {})
        }
    });
    return (0,verified_upload/* uploadVerified */.mc)(s3, key, { sizeBytes: size, sha256: metadata.sha256 }, {
        send: async () => {
            const stop = () => {
                void upload.abort();
                transfer.destroy();
            };
            abort?.addEventListener('abort', stop, { once: true });
            try {
                abort?.throwIfAborted();
                return await upload.done();
            }
            finally {
                abort?.removeEventListener('abort', stop);
                transfer.destroy();
            }
        },
        cleanUp: async (error) => {
            body.destroy();
            return discard(s3, key, metadata, upload.uploadId, abort?.aborted || ((0,failures/* mayHaveStored */.vS)(error) && !isCredentialsError(error)));
        },
        readBack: async (result) => {
            const head = await s3.client.send(new dist_cjs.HeadObjectCommand({
                Bucket: s3.bucket,
                Key: key,
                ...(result.VersionId ? { VersionId: result.VersionId } : {}),
                ...(sha256 ? { ChecksumMode: 'ENABLED' } : {})
            }));
            const expectedChecksum = Buffer.from(metadata.sha256, 'hex').toString('base64');
            const checksumProblems = sha256 && singlePut && head.ChecksumSHA256 && head.ChecksumSHA256 !== expectedChecksum ? [`its S3 SHA-256 checksum is ${head.ChecksumSHA256}, the dump's is ${expectedChecksum}`] : [];
            return { ...storedCopy({ ...head, ETag: result.ETag ?? head.ETag, VersionId: result.VersionId ?? head.VersionId }, settings, key), checksumProblems };
        },
        discard: () => discard(s3, key, metadata, undefined, true)
    }, abort);
}
/** What HeadObject read back: the object's size, its recorded SHA-256 and the settings asked for. */
function storedCopy(head, settings, key) {
    return { sizeBytes: head.ContentLength, sha256: head.Metadata?.sha256, etag: (0,shared_metadata/* unquoteEtag */.dF)(head.ETag), versionId: head.VersionId ?? '', settings: appliedS3Settings(settings, head, key) };
}

;// CONCATENATED MODULE: ./src/storage/s3/staged-upload.ts










/** The largest part, and the largest object one CopyObject copies. */
const MAX_PART_SIZE = 5 * 1024 * parts/* MiB */.lv;
/** Parts of a multipart copy (a streamed backup over 5 GiB getting its SHA-256 recorded). */
const COPY_PART_SIZE = 1024 * parts/* MiB */.lv;
/**
 * A multipart upload whose parts are sent as the dump is written and which is completed only by
 * commit(). S3 keeps user metadata only as an object is created, and the SHA-256 is known only
 * once the dump has ended: commit() completes the upload, then copies the object onto itself
 * with the SHA-256 added (one CopyObject up to 5 GiB, a multipart copy beyond, both inside S3).
 */
async function beginUpload(s3, key, metadata, abort, estimatedBytes) {
    const checksum = s3.checksummed;
    const settings = s3ObjectParams(s3.objects);
    // The lock goes on the copy that records the SHA-256 only: the first version must stay deletable.
    const unlocked = withoutLock(settings);
    const transfer = s3.newClient();
    const stop = () => transfer.destroy();
    abort.addEventListener('abort', stop, { once: true });
    const common = { Bucket: s3.bucket, Key: key };
    const objectParams = { ContentType: 'application/octet-stream', ...(checksum ? { ChecksumAlgorithm: 'SHA256' } : {}) };
    const firstParams = { ...objectParams, ...unlocked };
    let uploadId;
    try {
        const created = await transfer.send(new dist_cjs.CreateMultipartUploadCommand({ ...common, ...firstParams, Metadata: (0,shared_metadata/* objectMetadata */.dx)({ ...metadata, sha256: '' }) }), { abortSignal: abort });
        if (!created.UploadId)
            throw new Error('CreateMultipartUpload returned no UploadId');
        uploadId = created.UploadId;
    }
    catch (error) {
        abort.removeEventListener('abort', stop);
        transfer.destroy();
        throw new Error(`starting the upload of ${s3.uri(key)} to ${s3.where} failed: ${abort.aborted ? (0,errors/* errorMessage */.g)(abort.reason) : s3.describe(error)}`);
    }
    const parts = [];
    const sizing = (0,staged_upload/* streamPartSizing */.Yi)(estimatedBytes, MAX_PARTS, MAX_PART_SIZE);
    const queue = new staged_upload/* PartQueue */.tn(sizing, async (index, body) => {
        const sent = await transfer.send(new dist_cjs.UploadPartCommand({ ...common, UploadId: uploadId, PartNumber: index + 1, Body: body, ContentLength: body.length, ...(checksum ? { ChecksumAlgorithm: 'SHA256' } : {}) }), 
        // An abort ends the request at once: no retry of a part after the run was stopped.
        { abortSignal: abort });
        parts[index] = { PartNumber: index + 1, ETag: sent.ETag, ...(sent.ChecksumSHA256 ? { ChecksumSHA256: sent.ChecksumSHA256 } : {}) };
    });
    const failed = (error) => (0,verified_upload/* uploadFailed */.vD)(s3, key, error, abort);
    const writer = (0,staged_upload/* queuedParts */.U_)(queue, sizing, failed);
    const started = performance.now();
    const figures = {};
    let completed = false;
    return {
        ...writer,
        figures: () => ({ ...writer.figures(), ...figures }),
        abort: async () => {
            abort.removeEventListener('abort', stop);
            transfer.destroy();
            if (completed)
                return '';
            return discard(s3, key, { ...metadata, sha256: '' }, uploadId, false);
        },
        commit: async (sha256, sizeBytes) => {
            await writer.flush();
            let first;
            try {
                first = await transfer.send(new dist_cjs.CompleteMultipartUploadCommand({ ...common, UploadId: uploadId, MultipartUpload: { Parts: parts } }), { abortSignal: abort });
                completed = true;
            }
            catch (error) {
                throw failed(error);
            }
            finally {
                abort.removeEventListener('abort', stop);
                transfer.destroy();
            }
            const durationMs = performance.now() - started;
            const full = { ...metadata, sha256 };
            let firstVersion = '';
            const head = await (0,verified_upload/* recordSha256 */.He)(s3, key, async () => {
                const copied = await copyWithSha256(s3, key, full, sizeBytes, { ...objectParams, ...settings });
                // In a versioned bucket the version without the SHA-256 would stay: it is this upload's
                // own, removed where the bucket allows (an object lock keeps it until it expires).
                if (first.VersionId && copied.VersionId && first.VersionId !== copied.VersionId) {
                    firstVersion = await s3.client.send(new dist_cjs.DeleteObjectCommand({ ...common, VersionId: first.VersionId })).then(() => 'deleted', (error) => `kept (${s3.describe(error)})`);
                }
                return s3.client.send(new dist_cjs.HeadObjectCommand({ ...common, ...(copied.VersionId ? { VersionId: copied.VersionId } : {}) }));
            }, 
            // Its metadata has no SHA-256 yet, so isOurs cannot tell: this upload just completed it.
            () => s3.client.send(new dist_cjs.DeleteObjectCommand({ ...common, ...(first.VersionId ? { VersionId: first.VersionId } : {}) })));
            const stored = await (0,verified_upload/* confirmStored */.Oo)(s3, key, { sizeBytes, sha256 }, storedCopy(head, settings, key), () => discard(s3, key, full, undefined, true), durationMs);
            if (firstVersion)
                figures['version without sha256'] = firstVersion;
            return stored;
        }
    };
}
/** Copies the object onto itself with the full metadata: the bytes never leave S3. */
async function copyWithSha256(s3, key, metadata, sizeBytes, objectParams) {
    const common = { Bucket: s3.bucket, Key: key };
    // URL-encoded, its slashes kept: the form every S3 implementation reads.
    const source = `${s3.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    if (sizeBytes <= MAX_PART_SIZE) {
        const copied = await s3.client.send(new dist_cjs.CopyObjectCommand({ ...common, ...objectParams, CopySource: source, MetadataDirective: 'REPLACE', Metadata: (0,shared_metadata/* objectMetadata */.dx)(metadata) }));
        return { VersionId: copied.VersionId };
    }
    const created = await s3.client.send(new dist_cjs.CreateMultipartUploadCommand({ ...common, ...objectParams, Metadata: (0,shared_metadata/* objectMetadata */.dx)(metadata) }));
    const uploadId = created.UploadId;
    try {
        const ranges = Array.from({ length: Math.ceil(sizeBytes / COPY_PART_SIZE) }, (_, index) => index);
        const parts = await (0,batches/* mapLimit */.s)(ranges, 4, async (index) => {
            const end = Math.min(sizeBytes, (index + 1) * COPY_PART_SIZE) - 1;
            const copied = await s3.client.send(new dist_cjs.UploadPartCopyCommand({ ...common, UploadId: uploadId, PartNumber: index + 1, CopySource: source, CopySourceRange: `bytes=${index * COPY_PART_SIZE}-${end}` }));
            return { PartNumber: index + 1, ETag: copied.CopyPartResult?.ETag, ...(copied.CopyPartResult?.ChecksumSHA256 ? { ChecksumSHA256: copied.CopyPartResult.ChecksumSHA256 } : {}) };
        });
        const done = await s3.client.send(new dist_cjs.CompleteMultipartUploadCommand({ ...common, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
        return { VersionId: done.VersionId };
    }
    catch (error) {
        await s3.client.send(new dist_cjs.AbortMultipartUploadCommand({ ...common, UploadId: uploadId })).catch(() => undefined);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/storage/s3/storage.ts







/**
 * Amazon S3 and S3-compatible services. Credentials come from the SDK's default chain: the
 * environment (including the web-identity token aws-actions/configure-aws-credentials sets up for
 * OIDC), shared profiles, container and instance roles.
 */
class S3Storage extends cloud_storage/* CloudStorage */.f {
    constructor(config) {
        super(new S3Bucket(config), { upload: uploadFile, beginUpload: beginUpload, preflight: preflight, list: list, download: download, delete: deleteKeys });
    }
    /** ListObjectsV2 carries no user metadata: retention asks for it object by object. */
    metadata(key) {
        return metadata(this.store, key);
    }
}


/***/ })

};
