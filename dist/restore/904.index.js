export const id = 904;
export const ids = [904];
export const modules = {

/***/ 21904:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S3Storage: () => (/* binding */ S3Storage),
/* harmony export */   s3ObjectParams: () => (/* binding */ s3ObjectParams)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(53711);
/* harmony import */ var _aws_sdk_lib_storage__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22358);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(70017);
/* harmony import */ var _util_files_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(75787);
/* harmony import */ var _util_secrets_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(84537);
/* harmony import */ var _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(88818);
/* harmony import */ var _shared_staged_upload_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(36135);










const MIN_PART_SIZE = 5 * _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .MiB */ .lv;
const MAX_PARTS = 10_000;
const DELETE_BATCH = 1000;
/** The largest part, and the largest object one CopyObject copies. */
const MAX_PART_SIZE = 5 * 1024 * _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .MiB */ .lv;
/** Parts of a multipart copy (a streamed backup over 5 GiB getting its SHA-256 recorded). */
const COPY_PART_SIZE = 1024 * _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .MiB */ .lv;
const DEFAULT_REGION = 'us-east-1';
/** No credentials were found: the SDK sent no request, so nothing can have been stored. */
function isCredentialsError(error) {
    const failure = error;
    return failure?.name === 'CredentialsProviderError' || /Could not load credentials/i.test((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .plainMessage */ .C5)(error));
}
/** Refused for want of a permission, not for the credentials themselves (a bad key, token or signature). */
function isAccessDenied(error) {
    const name = error.name ?? '';
    return name === 'AccessDenied' || ((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error) === 403 && !/Token|Signature|AccessKey/.test(name));
}
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
        ...(objects.immutableDays > 0 ? { ObjectLockMode: objects.s3ObjectLockMode, ObjectLockRetainUntilDate: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .lockedUntil */ .P5)(objects.immutableDays, now) } : {})
    };
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
/** Whether a refused deletion was refused because Object Lock protects the object (or version). */
function lockRefusal(code, message) {
    return code === 'AccessDenied' && /object lock|retention|legal hold/i.test(message ?? '');
}
/**
 * Amazon S3 and S3-compatible services. Credentials come from the SDK's default chain: the
 * environment (including the web-identity token aws-actions/configure-aws-credentials sets up for
 * OIDC), shared profiles, container and instance roles.
 */
class S3Storage {
    client;
    clientConfig;
    bucket;
    options;
    region;
    objects;
    /** SHA-256 checksums on uploads: asked for, or required by S3 for uploads with an Object Lock retention. */
    checksummed;
    retries = new _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .RetryCounter */ .n0();
    constructor(config) {
        this.bucket = config.bucket;
        this.options = config.s3 ?? { endpoint: '', region: '', forcePathStyle: false, checksum: 'sha256' };
        // An SDK error never shows these, but a proxy's error page might: they are scrubbed like inputs.
        (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_6__/* .registerSecret */ .cl)(process.env.AWS_SECRET_ACCESS_KEY);
        (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_6__/* .registerSecret */ .cl)(process.env.AWS_SESSION_TOKEN);
        this.region = this.options.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || DEFAULT_REGION;
        this.objects = config.objects;
        this.checksummed = this.options.checksum === 'sha256' || (this.objects?.immutableDays ?? 0) > 0;
        const checksums = this.checksummed ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED';
        this.clientConfig = {
            region: this.region,
            ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
            forcePathStyle: this.options.forcePathStyle,
            // On AWS a bucket in another region than the one configured is still found.
            followRegionRedirects: !this.options.endpoint,
            requestChecksumCalculation: checksums,
            responseChecksumValidation: checksums,
            // The SDK's standard retry strategy: 500, 502, 503, 504, throttling (429, SlowDown) and
            // connection errors are retried with exponential backoff and full jitter (at most 1, 2, 4 s
            // after throttling); any other answer fails at once.
            retryMode: 'standard',
            maxAttempts: _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .MAX_ATTEMPTS */ .m,
            requestHandler: { connectionTimeout: 10_000, socketTimeout: 120_000 }
        };
        this.client = this.newClient();
    }
    /** A client counting its retries: once per command, outside the retries, the SDK records how many attempts it took. */
    newClient() {
        const client = new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.S3Client(this.clientConfig);
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
    takeRetryCount() {
        return this.retries.take();
    }
    uri(key) {
        return `s3://${this.bucket}/${key}`;
    }
    get where() {
        return `S3 bucket "${this.bucket}" at ${this.options.endpoint || `AWS (${this.region})`}`;
    }
    async upload(file, key, metadata, abort) {
        const { size } = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.stat)(file);
        const partSize = (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .partSizeFor */ .oV)(size, MIN_PART_SIZE, MAX_PARTS);
        const sha256 = this.checksummed;
        const settings = s3ObjectParams(this.objects);
        // A dump that fits in one part goes in one PutObject: with checksums on, S3 checks it against
        // the whole dump's SHA-256; each part of a multipart upload is checked against its own.
        const singlePut = size <= partSize;
        const body = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.createReadStream)(file, { highWaterMark: _shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .MiB */ .lv });
        // A client of its own, whose connections an abort cuts: lib-storage's abort() only stops
        // waiting for the requests in flight, which would go on and could store the object after all.
        const transfer = this.newClient();
        const upload = new _aws_sdk_lib_storage__WEBPACK_IMPORTED_MODULE_0__/* .Upload */ ._({
            client: transfer,
            partSize,
            queueSize: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .partsInFlight */ .Ur)(partSize),
            // Aborting is done below: lib-storage's own abort would replace the upload's error with the
            // abort's, and services without AbortMultipartUpload would hide why the upload failed.
            leavePartsOnError: true,
            params: {
                Bucket: this.bucket,
                Key: key,
                Body: body,
                ContentLength: size,
                ContentType: 'application/octet-stream',
                Metadata: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .objectMetadata */ .dx)(metadata),
                ...settings,
                ...(sha256 ? { ChecksumAlgorithm: 'SHA256' } : {}),
                ...(sha256 && singlePut ? { ChecksumSHA256: Buffer.from(metadata.sha256, 'hex').toString('base64') } : {})
            }
        });
        const started = performance.now();
        const stop = () => {
            void upload.abort();
            transfer.destroy();
        };
        abort?.addEventListener('abort', stop, { once: true });
        let result;
        try {
            abort?.throwIfAborted();
            result = await upload.done();
        }
        catch (error) {
            body.destroy();
            transfer.destroy();
            const cleanup = await this.discard(key, metadata, upload.uploadId, abort?.aborted || ((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .mayHaveStored */ .vS)(error) && !isCredentialsError(error)));
            const cause = abort?.aborted ? (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(abort.reason) : this.describe(error);
            throw new Error(`upload of ${this.uri(key)} to ${this.where} failed: ${cause}${cleanup}`);
        }
        finally {
            abort?.removeEventListener('abort', stop);
        }
        transfer.destroy();
        const durationMs = performance.now() - started;
        let head;
        try {
            head = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.HeadObjectCommand({
                Bucket: this.bucket,
                Key: key,
                ...(result.VersionId ? { VersionId: result.VersionId } : {}),
                ...(sha256 ? { ChecksumMode: 'ENABLED' } : {})
            }));
        }
        catch (error) {
            const cleanup = await this.discard(key, metadata, undefined, true);
            throw new Error(`${this.uri(key)} was uploaded but cannot be read back from ${this.where}: ${this.describe(error)}${cleanup}`);
        }
        const expectedChecksum = Buffer.from(metadata.sha256, 'hex').toString('base64');
        const checksumProblem = sha256 && singlePut && head.ChecksumSHA256 && head.ChecksumSHA256 !== expectedChecksum ? [`its S3 SHA-256 checksum is ${head.ChecksumSHA256}, the dump's is ${expectedChecksum}`] : [];
        return this.confirmStored(key, metadata, size, settings, { ...head, ETag: result.ETag ?? head.ETag, VersionId: result.VersionId ?? head.VersionId }, durationMs, checksumProblem);
    }
    /**
     * What HeadObject read back must be the dump: its size, its recorded SHA-256 and the settings
     * asked for (and any problem already found); else the object is removed again and the upload fails.
     */
    async confirmStored(key, metadata, sizeBytes, settings, head, durationMs, found = []) {
        const problems = [...found, ...(0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .storedObjectProblems */ .Td)({ sizeBytes, sha256: metadata.sha256 }, { sizeBytes: head.ContentLength, sha256: head.Metadata?.sha256 })];
        const { applied, problems: unapplied, warnings } = appliedS3Settings(settings, head, key);
        problems.push(...unapplied);
        if (problems.length > 0) {
            const cleanup = await this.discard(key, metadata, undefined, true);
            throw new Error(`${this.uri(key)} in ${this.where} is not the dump: ${problems.join('; ')}${cleanup}`);
        }
        return {
            uri: this.uri(key),
            etag: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .unquoteEtag */ .dF)(head.ETag),
            versionId: head.VersionId ?? '',
            sizeBytes: head.ContentLength ?? 0,
            durationMs,
            applied,
            ...(warnings.length > 0 ? { warnings } : {})
        };
    }
    /**
     * A multipart upload whose parts are sent as the dump is written and which is completed only by
     * commit(). S3 keeps user metadata only as an object is created, and the SHA-256 is known only
     * once the dump has ended: commit() completes the upload, then copies the object onto itself
     * with the SHA-256 added (one CopyObject up to 5 GiB, a multipart copy beyond, both inside S3).
     */
    async beginUpload(key, metadata, abort, estimatedBytes) {
        const checksum = this.checksummed;
        const settings = s3ObjectParams(this.objects);
        // The lock goes on the copy that records the SHA-256 only: the first version must stay deletable.
        const unlocked = { ...settings };
        delete unlocked.ObjectLockMode;
        delete unlocked.ObjectLockRetainUntilDate;
        const transfer = this.newClient();
        const stop = () => transfer.destroy();
        abort.addEventListener('abort', stop, { once: true });
        const common = { Bucket: this.bucket, Key: key };
        const objectParams = { ContentType: 'application/octet-stream', ...(checksum ? { ChecksumAlgorithm: 'SHA256' } : {}) };
        const firstParams = { ...objectParams, ...unlocked };
        let uploadId;
        try {
            const created = await transfer.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.CreateMultipartUploadCommand({ ...common, ...firstParams, Metadata: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .objectMetadata */ .dx)({ ...metadata, sha256: '' }) }), { abortSignal: abort });
            if (!created.UploadId)
                throw new Error('CreateMultipartUpload returned no UploadId');
            uploadId = created.UploadId;
        }
        catch (error) {
            abort.removeEventListener('abort', stop);
            transfer.destroy();
            throw new Error(`starting the upload of ${this.uri(key)} to ${this.where} failed: ${abort.aborted ? (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(abort.reason) : this.describe(error)}`);
        }
        const parts = [];
        const sizing = (0,_shared_staged_upload_js__WEBPACK_IMPORTED_MODULE_8__/* .streamPartSizing */ .Yi)(estimatedBytes, MAX_PARTS, MAX_PART_SIZE);
        const queue = new _shared_staged_upload_js__WEBPACK_IMPORTED_MODULE_8__/* .PartQueue */ .tn(sizing, async (index, body) => {
            const sent = await transfer.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.UploadPartCommand({ ...common, UploadId: uploadId, PartNumber: index + 1, Body: body, ContentLength: body.length, ...(checksum ? { ChecksumAlgorithm: 'SHA256' } : {}) }), 
            // An abort ends the request at once: no retry of a part after the run was stopped.
            { abortSignal: abort });
            parts[index] = { PartNumber: index + 1, ETag: sent.ETag, ...(sent.ChecksumSHA256 ? { ChecksumSHA256: sent.ChecksumSHA256 } : {}) };
        });
        const failed = (error) => new Error(`upload of ${this.uri(key)} to ${this.where} failed: ${abort.aborted ? (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(abort.reason) : this.describe(error)}`);
        const started = performance.now();
        const figures = {};
        let completed = false;
        return {
            write: async (chunk) => queue.write(chunk).catch((error) => Promise.reject(failed(error))),
            flush: async () => queue.flush().catch((error) => Promise.reject(failed(error))),
            figures: () => ({ parts: queue.parts, 'part size bytes': sizing.initial, 'peak part memory bytes': queue.peakBytes, ...figures }),
            abort: async () => {
                abort.removeEventListener('abort', stop);
                transfer.destroy();
                if (completed)
                    return '';
                return this.discard(key, { ...metadata, sha256: '' }, uploadId, false);
            },
            commit: async (sha256, sizeBytes) => {
                await queue.flush().catch((error) => Promise.reject(failed(error)));
                let first;
                try {
                    first = await transfer.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.CompleteMultipartUploadCommand({ ...common, UploadId: uploadId, MultipartUpload: { Parts: parts } }), { abortSignal: abort });
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
                let head;
                let firstVersion = '';
                try {
                    const copied = await this.recordSha256(key, full, sizeBytes, { ...objectParams, ...settings });
                    // In a versioned bucket the version without the SHA-256 would stay: it is this upload's
                    // own, removed where the bucket allows (an object lock keeps it until it expires).
                    if (first.VersionId && copied.VersionId && first.VersionId !== copied.VersionId) {
                        firstVersion = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.DeleteObjectCommand({ ...common, VersionId: first.VersionId })).then(() => 'deleted', (error) => `kept (${this.describe(error)})`);
                    }
                    head = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.HeadObjectCommand({ ...common, ...(copied.VersionId ? { VersionId: copied.VersionId } : {}) }));
                }
                catch (error) {
                    const cleanup = await this.discardCompleted(key, first.VersionId);
                    throw new Error(`${this.uri(key)} was uploaded but its SHA-256 could not be recorded in ${this.where}: ${this.describe(error)}${cleanup}`);
                }
                const stored = await this.confirmStored(key, full, sizeBytes, settings, head, durationMs);
                if (firstVersion)
                    figures['version without sha256'] = firstVersion;
                return stored;
            }
        };
    }
    /** Copies the object onto itself with the full metadata: the bytes never leave S3. */
    async recordSha256(key, metadata, sizeBytes, objectParams) {
        const common = { Bucket: this.bucket, Key: key };
        // URL-encoded, its slashes kept: the form every S3 implementation reads.
        const source = `${this.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
        if (sizeBytes <= MAX_PART_SIZE) {
            const copied = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.CopyObjectCommand({ ...common, ...objectParams, CopySource: source, MetadataDirective: 'REPLACE', Metadata: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .objectMetadata */ .dx)(metadata) }));
            return { VersionId: copied.VersionId };
        }
        const created = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.CreateMultipartUploadCommand({ ...common, ...objectParams, Metadata: (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .objectMetadata */ .dx)(metadata) }));
        const uploadId = created.UploadId;
        try {
            const ranges = Array.from({ length: Math.ceil(sizeBytes / COPY_PART_SIZE) }, (_, index) => index);
            const parts = await (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .mapLimit */ .sf)(ranges, 4, async (index) => {
                const end = Math.min(sizeBytes, (index + 1) * COPY_PART_SIZE) - 1;
                const copied = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.UploadPartCopyCommand({ ...common, UploadId: uploadId, PartNumber: index + 1, CopySource: source, CopySourceRange: `bytes=${index * COPY_PART_SIZE}-${end}` }));
                return { PartNumber: index + 1, ETag: copied.CopyPartResult?.ETag, ...(copied.CopyPartResult?.ChecksumSHA256 ? { ChecksumSHA256: copied.CopyPartResult.ChecksumSHA256 } : {}) };
            });
            const done = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.CompleteMultipartUploadCommand({ ...common, UploadId: uploadId, MultipartUpload: { Parts: parts } }));
            return { VersionId: done.VersionId };
        }
        catch (error) {
            await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.AbortMultipartUploadCommand({ ...common, UploadId: uploadId })).catch(() => undefined);
            throw error;
        }
    }
    /** Deletes the object this streamed upload just completed (its metadata has no SHA-256 yet, so isOurs cannot tell). */
    async discardCompleted(key, versionId) {
        try {
            await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.DeleteObjectCommand({ Bucket: this.bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }));
            return '';
        }
        catch (error) {
            return `; the object could not be removed again (${this.describe(error)})`;
        }
    }
    /**
     * Removes what a failed upload may have left: its multipart upload (the parts already stored
     * are billed until it is aborted) and an object that got written after all, recognised by its
     * metadata so that an object this upload did not write is never touched. Returns a note for the
     * error message when something could not be removed.
     */
    async discard(key, metadata, uploadId, mayExist) {
        const notes = [];
        if (uploadId) {
            try {
                await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }));
            }
            catch (error) {
                notes.push(`its multipart upload ${uploadId} could not be aborted (${this.describe(error)}): ` +
                    'a lifecycle rule with AbortIncompleteMultipartUpload removes the parts it stored');
            }
        }
        if (!mayExist)
            return notes.length > 0 ? `; ${notes.join('; ')}` : '';
        try {
            const head = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
            if (!(0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .isOurs */ .MU)(head.Metadata, metadata))
                return notes.length > 0 ? `; ${notes.join('; ')}` : '';
            await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.DeleteObjectCommand({ Bucket: this.bucket, Key: key, ...(head.VersionId ? { VersionId: head.VersionId } : {}) }));
        }
        catch (error) {
            if ((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error) !== 404)
                notes.push(`whether an object was left under the key could not be checked (${this.describe(error)})`);
        }
        return notes.length > 0 ? `; ${notes.join('; ')}` : '';
    }
    /**
     * A one-key listing: it resolves the credentials, finds the bucket (in its region) and needs
     * s3:ListBucket, which retention needs too (HeadBucket would prove no more). Then the write
     * check, after the Object Lock check whose absence would refuse its lock headers.
     */
    async preflight(keyPrefix) {
        try {
            await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.ListObjectsV2Command({ Bucket: this.bucket, Prefix: keyPrefix, MaxKeys: 1 }));
        }
        catch (error) {
            throw new Error(`${this.where} cannot be used: ${this.describe(error)}`);
        }
        const checks = ['credentials and bucket OK (one-key listing)'];
        if (this.objects?.immutableDays) {
            await this.checkObjectLock();
            checks.push('Object Lock enabled');
        }
        const write = await this.checkWrite(keyPrefix);
        return { checked: [...checks, write.checked].join('; '), ...(write.warnings ? { warnings: write.warnings } : {}) };
    }
    /**
     * Whether an upload would be accepted, leaving nothing behind: a multipart upload started under
     * the prefix with the per-object settings every upload sends (so s3:PutObject, and a KMS key or
     * Object Lock setting the service refuses as an upload starts, show here), aborted at once. It never holds a byte nor
     * becomes an object; a probe object would leave a version, a delete marker or a locked object in
     * a versioned or locked bucket.
     */
    async checkWrite(keyPrefix) {
        const common = { Bucket: this.bucket, Key: `${keyPrefix}preflight-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(4).toString('hex')}` };
        let uploadId;
        try {
            const created = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.CreateMultipartUploadCommand({
                ...common,
                ContentType: 'application/octet-stream',
                ...s3ObjectParams(this.objects),
                ...(this.checksummed ? { ChecksumAlgorithm: 'SHA256' } : {})
            }));
            uploadId = created.UploadId;
        }
        catch (error) {
            throw new Error(`${this.where} cannot be written under ${this.uri(keyPrefix)}*: ` +
                (isAccessDenied(error)
                    ? `starting an upload was refused (${error.name || 'HTTP 403'}): the credentials need ${this.writePermissions()}: ${(0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .plainMessage */ .C5)(error)}`
                    : this.describe(error)));
        }
        if (!uploadId)
            throw new Error(`${this.where} cannot be written: CreateMultipartUpload returned no UploadId`);
        try {
            await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.AbortMultipartUploadCommand({ ...common, UploadId: uploadId }));
            return { checked: 'writable (multipart upload started, aborted)' };
        }
        catch (error) {
            const left = `the preflight's multipart upload ${uploadId} of ${this.uri(common.Key)} (it holds no bytes) is left until a lifecycle rule with AbortIncompleteMultipartUpload removes it`;
            const warning = isAccessDenied(error)
                ? `${this.where} refused AbortMultipartUpload (${error.name || 'HTTP 403'}): the credentials lack s3:AbortMultipartUpload, which a failed or cancelled upload (and staging-stream) needs to remove its parts; ${left}`
                : `${this.where} could not abort a multipart upload (${this.describe(error)}): a failed or cancelled upload could not remove its parts either; ${left}`;
            return { checked: 'writable (multipart upload started; its abort failed)', warnings: [warning] };
        }
    }
    /**
     * immutable-days needs a bucket created with Object Lock (which turns versioning on): without
     * it, every upload would be refused after the dump. Needs s3:GetBucketObjectLockConfiguration.
     */
    async checkObjectLock() {
        const enable = 'enable Object Lock on the bucket (aws s3api put-object-lock-configuration, see docs/storage.md), or remove immutable-days';
        let enabled;
        try {
            const answer = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.GetObjectLockConfigurationCommand({ Bucket: this.bucket }));
            enabled = answer.ObjectLockConfiguration?.ObjectLockEnabled;
        }
        catch (error) {
            const name = error.name ?? '';
            if (name === 'ObjectLockConfigurationNotFoundError')
                throw new Error(`${this.where} has no Object Lock, which immutable-days needs: ${enable}`);
            if (name === 'NotImplemented' || (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error) === 501) {
                throw new Error(`${this.where} does not support S3 Object Lock (GetObjectLockConfiguration: ${name || 'HTTP 501'}), which immutable-days needs: remove immutable-days or use a service that supports it`);
            }
            throw new Error(`whether ${this.where} has Object Lock, which immutable-days needs, cannot be read: ${this.describe(error)}`);
        }
        if (enabled !== 'Enabled')
            throw new Error(`${this.where} has no Object Lock enabled, which immutable-days needs: ${enable}`);
    }
    async list(keyPrefix) {
        const objects = [];
        try {
            const pages = (0,_aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.paginateListObjectsV2)({ client: this.client, pageSize: 1000 }, { Bucket: this.bucket, Prefix: keyPrefix });
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
        }
        catch (error) {
            throw new Error(`listing ${this.uri(keyPrefix)}* in ${this.where} failed: ${this.describe(error)}`);
        }
        return objects;
    }
    async download(key, file, { expectedBytes, abort }) {
        const started = performance.now();
        try {
            const object = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.GetObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal: abort });
            if (!object.Body)
                throw new Error('the response has no body');
            const saved = await (0,_util_files_js__WEBPACK_IMPORTED_MODULE_5__/* .saveStream */ .SI)(object.Body, file, abort, { name: this.uri(key), maxBytes: expectedBytes, announcedBytes: object.ContentLength });
            return { ...saved, recordedSha256: object.Metadata?.sha256, durationMs: performance.now() - started };
        }
        catch (error) {
            if (abort?.aborted)
                throw abort.reason;
            if (error instanceof _util_files_js__WEBPACK_IMPORTED_MODULE_5__/* .DownloadTooLarge */ .kt)
                throw error;
            if ((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error) === 404)
                throw new Error(`${this.uri(key)} does not exist in ${this.where}`);
            throw new Error(`downloading ${this.uri(key)} from ${this.where} failed: ${this.describe(error)}`);
        }
    }
    /** The lock comes with the HeadObject where the credentials have s3:GetObjectRetention. */
    async metadata(key) {
        try {
            const head = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
            return { metadata: head.Metadata ?? {}, ...(head.ObjectLockRetainUntilDate ? { lockedUntil: head.ObjectLockRetainUntilDate } : {}) };
        }
        catch (error) {
            if ((0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .httpStatus */ .nG)(error) === 404)
                return undefined;
            throw new Error(`reading the metadata of ${this.uri(key)} in ${this.where} failed: ${this.describe(error)}`);
        }
    }
    async delete(keys) {
        const deleted = [];
        const locked = [];
        const failures = [];
        for (const batch of (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .chunks */ .VN)(keys, DELETE_BATCH)) {
            try {
                const response = await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: false } }));
                for (const object of response.Deleted ?? [])
                    if (object.Key !== undefined)
                        deleted.push(object.Key);
                for (const failure of response.Errors ?? []) {
                    if (failure.Key !== undefined && lockRefusal(failure.Code, failure.Message))
                        locked.push(failure.Key);
                    else
                        failures.push(`${failure.Key}: ${failure.Code ?? 'error'} ${failure.Message ?? ''}`.trim());
                }
            }
            catch (error) {
                if (!this.lacksBatchDelete(error)) {
                    throw new Error(`deleting ${batch.length} old backup(s) from ${this.where} failed: ${this.describe(error)}${(0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .deletedSoFar */ .Z2)(deleted.length)}`);
                }
                // Some S3-compatible services have no DeleteObjects (or want a Content-MD5 the SDK no longer sends).
                await (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .mapLimit */ .sf)(batch, 8, async (Key) => {
                    try {
                        await this.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_9__.DeleteObjectCommand({ Bucket: this.bucket, Key }));
                        deleted.push(Key);
                    }
                    catch (single) {
                        if (lockRefusal(single.name, single.message))
                            locked.push(Key);
                        else
                            failures.push(`${Key}: ${this.describe(single)}`);
                    }
                });
            }
        }
        if (failures.length > 0)
            throw (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .deletionFailure */ .Bh)(failures, deleted.length, this.where);
        return { deleted, locked };
    }
    lacksBatchDelete(error) {
        const failure = error;
        const status = failure.$metadata?.httpStatusCode;
        return failure.name === 'NotImplemented' || failure.name === 'MissingContentMD5' || status === 405 || status === 501;
    }
    /** What went wrong, in words that say what to fix. */
    describe(error) {
        const failure = error;
        const name = failure.name ?? failure.Code ?? '';
        const status = failure.$metadata?.httpStatusCode;
        const detail = (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .plainMessage */ .C5)(error);
        const network = (0,_shared_cloud_js__WEBPACK_IMPORTED_MODULE_7__/* .networkErrorCode */ .a0)(error);
        if (network)
            return `cannot reach ${this.options.endpoint || `S3 in ${this.region}`} (${network}): ${detail}${this.afterAttempts(error)}`;
        if (isCredentialsError(error)) {
            return `no AWS credentials found (use aws-actions/configure-aws-credentials, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY): ${detail}`;
        }
        if (name === 'NoSuchBucket')
            return `the bucket "${this.bucket}" does not exist (NoSuchBucket)`;
        if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'TokenRefreshRequired'].includes(name)) {
            return `the credentials were refused (${name}): ${detail}`;
        }
        if (name === 'AccessDenied' || status === 403) {
            return `access denied (${name || 'HTTP 403'}): the credentials need ${this.permissions()}: ${detail}`;
        }
        if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || status === 301) {
            return `the bucket is in another region than ${this.region} (${name || 'HTTP 301'}): set s3-region: ${detail}`;
        }
        const code = name && name !== 'Error' ? `${name}${status ? `, HTTP ${status}` : ''}` : status ? `HTTP ${status}` : '';
        return `${code ? `${code}: ${detail}` : detail}${this.afterAttempts(error)}`;
    }
    /** The least permissions the configured settings need, for an access-denied message. */
    permissions() {
        const needed = ['s3:PutObject, s3:GetObject, s3:ListBucket and s3:DeleteObject on the bucket'];
        if (this.objects?.immutableDays)
            needed.push('s3:PutObjectRetention, s3:GetObjectRetention and s3:GetBucketObjectLockConfiguration (immutable-days)');
        if (this.objects?.s3Encryption === 'aws:kms')
            needed.push('kms:GenerateDataKey and kms:Decrypt on the KMS key (s3-sse aws:kms)');
        return needed.join(', and ');
    }
    /** What an upload needs to be accepted at all, for a refused write check. */
    writePermissions() {
        const needed = ['s3:PutObject'];
        if (this.objects?.immutableDays)
            needed.push('s3:PutObjectRetention (immutable-days)');
        if (this.objects?.s3Encryption === 'aws:kms')
            needed.push('kms:GenerateDataKey on the KMS key (s3-sse aws:kms)');
        return needed.join(', and ');
    }
    /** Says that a transient fault outlasted the retries. */
    afterAttempts(error) {
        const attempts = error.$metadata?.attempts ?? 1;
        return attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
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
