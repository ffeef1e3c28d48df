export const id = 71;
export const ids = [71];
export const modules = {

/***/ 94071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LocalStorage: () => (/* binding */ LocalStorage)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
// EXTERNAL MODULE: ./src/util/files.ts
var files = __webpack_require__(75787);
// EXTERNAL MODULE: ./src/storage/local/partials.ts
var partials = __webpack_require__(78507);
;// CONCATENATED MODULE: ./src/storage/local/sidecar.ts



/**
 * A directory keeps no metadata with a file, so the SHA-256 of each backup is recorded beside it,
 * in `<key>.sha256` (the line `sha256sum` writes, so `sha256sum -c` checks it too): the restore
 * compares the download with it. It is written before the backup appears and deleted with it.
 */
const SHA256_SIDECAR = '.sha256';
function sidecarKey(key) {
    return `${key}${SHA256_SIDECAR}`;
}
/** The sidecar's text: the line `sha256sum` writes for the file. */
function sidecarText(key, sha256) {
    return `${sha256}  ${(0,external_node_path_.basename)(key)}\n`;
}
/** The SHA-256 a sidecar's `sha256sum` line records. */
function parseSidecar(text) {
    return /^([0-9a-f]{64})\s/.exec(text)?.[1];
}
async function fsyncPath(path) {
    const handle = await (0,promises_.open)(path, 'r');
    try {
        await handle.sync();
    }
    finally {
        await handle.close();
    }
}
/**
 * The sidecar, complete under its final name (written aside and linked), before the backup
 * appears. Linked, not renamed: a sidecar already there (a backup under the same key) is never
 * replaced, and the upload fails before it touches anything of that backup.
 */
async function writeSidecar(directory, key, sha256) {
    const path = (0,external_node_path_.join)(directory, sidecarKey(key));
    // Hidden like the backup's own temporary file, so that a concurrent run's listing never sees it.
    const temporary = (0,external_node_path_.join)((0,external_node_path_.dirname)(path), (0,partials/* partialName */.t4)((0,external_node_path_.basename)(path)));
    try {
        await (0,promises_.writeFile)(temporary, sidecarText(key, sha256), { flag: 'wx', mode: 0o600 });
        await fsyncPath(temporary);
        await (0,promises_.link)(temporary, path);
    }
    finally {
        await (0,promises_.unlink)(temporary).catch(() => undefined);
    }
    return path;
}

;// CONCATENATED MODULE: ./src/storage/local/storage.ts







/** A directory on the runner or a mounted volume. Keys are file names inside it. */
class LocalStorage {
    directory;
    constructor(config) {
        this.directory = config.path;
    }
    uri(key) {
        return (0,external_node_url_.pathToFileURL)((0,external_node_path_.join)(this.directory, key)).href;
    }
    /** A file system call is never retried. */
    companions(key, sha256) {
        return [{ role: 'sha256 sidecar', key: sidecarKey(key), sizeBytes: Buffer.byteLength(sidecarText(key, sha256)) }];
    }
    takeRetryCount() {
        return 0;
    }
    /**
     * Copies under a temporary name in the target directory, syncs it, then links it to its final
     * name (which fails rather than overwrite) and syncs the directory: a crash or an error leaves
     * either the whole backup or, at most, a temporary file that is removed here.
     */
    async upload(file, key, metadata, abort) {
        const temporary = await this.temporaryFor(key);
        const started = performance.now();
        try {
            // Chunk by chunk rather than copyFile, so that a cancelled run stops the copy at once.
            await (0,files/* copyToNewFile */.R7)(file, temporary, abort);
            abort?.throwIfAborted();
            await this.place(temporary, key, metadata?.sha256);
        }
        finally {
            await (0,promises_.unlink)(temporary).catch(() => undefined);
        }
        const durationMs = performance.now() - started;
        const { size } = await (0,promises_.stat)((0,external_node_path_.join)(this.directory, key));
        return { uri: this.uri(key), etag: '', versionId: '', sizeBytes: size, durationMs };
    }
    /** A hidden name beside the backup's, which the listing skips; its directory made. */
    async temporaryFor(key) {
        const target = (0,external_node_path_.join)(this.directory, key);
        await (0,files/* makeDirectory */.Oh)((0,external_node_path_.dirname)(target));
        return (0,external_node_path_.join)((0,external_node_path_.dirname)(target), (0,partials/* partialName */.t4)((0,external_node_path_.basename)(target)));
    }
    /** Syncs the complete temporary file, writes the sidecar, links the file to its final name and syncs the directory. */
    async place(temporary, key, sha256) {
        const target = (0,external_node_path_.join)(this.directory, key);
        await fsyncPath(temporary);
        let sidecar;
        try {
            if (sha256)
                sidecar = await writeSidecar(this.directory, key, sha256);
            await (0,promises_.link)(temporary, target);
        }
        catch (error) {
            if (sidecar)
                await (0,promises_.unlink)(sidecar).catch(() => undefined);
            throw error;
        }
        await fsyncPath((0,external_node_path_.dirname)(target));
    }
    /** The dump written to a hidden temporary file beside the destination, given its final name by commit(). */
    async beginUpload(key, _metadata, abort) {
        const temporary = await this.temporaryFor(key);
        const handle = await (0,promises_.open)(temporary, 'wx', 0o600);
        const started = performance.now();
        let closed = false;
        const close = async () => {
            if (!closed) {
                closed = true;
                await handle.close();
            }
        };
        return {
            write: async (chunk) => {
                abort.throwIfAborted();
                await (0,files/* writeAll */.f4)(handle, chunk);
            },
            flush: async () => {
                await handle.sync();
            },
            figures: () => ({ 'written to': 'a hidden temporary file beside the destination' }),
            abort: async () => {
                await close().catch(() => undefined);
                await (0,promises_.unlink)(temporary).catch(() => undefined);
                return '';
            },
            commit: async (sha256) => {
                try {
                    await close();
                    abort.throwIfAborted();
                    await this.place(temporary, key, sha256);
                }
                finally {
                    await (0,promises_.unlink)(temporary).catch(() => undefined);
                }
                const { size } = await (0,promises_.stat)((0,external_node_path_.join)(this.directory, key));
                return { uri: this.uri(key), etag: '', versionId: '', sizeBytes: size, durationMs: performance.now() - started };
            }
        };
    }
    /** The directory exists or can be made, and a file can be written in it (and is removed again). */
    async preflight() {
        const probe = (0,external_node_path_.join)(this.directory, `.preflight-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`);
        try {
            await (0,files/* makeDirectory */.Oh)(this.directory);
            await (0,promises_.writeFile)(probe, '', { flag: 'wx', mode: 0o600 });
            await (0,promises_.unlink)(probe);
        }
        catch (error) {
            const { code, message } = error;
            const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
                ? `it cannot be written by this runner's user (${code})`
                : code === 'ENOTDIR' || code === 'EEXIST'
                    ? `a part of the path is a file, not a directory (${code})`
                    : message;
            throw new Error(`the directory ${this.directory} cannot be used: ${why}`);
        }
        return { checked: 'directory writable (probe file written, removed)' };
    }
    async download(key, file, { expectedBytes, abort }) {
        const source = (0,external_node_path_.join)(this.directory, key);
        const started = performance.now();
        let found;
        try {
            found = await (0,promises_.lstat)(source);
        }
        catch (error) {
            if (error.code === 'ENOENT')
                throw new Error(`${this.uri(key)} does not exist`);
            throw error;
        }
        // The action writes regular files only, and lists nothing else: a symlink, pipe or device put
        // in a backup's place (to /dev/zero, a secret, a pipe that never ends) is not read.
        if (!found.isFile())
            throw new Error(`${this.uri(key)} is not a regular file (a symlink, pipe or device): not a backup this action wrote; nothing was read`);
        const size = found.size;
        // A file replaced or grown since it was listed is read no further than the listed size.
        const guard = (0,files/* sizeGuard */.jp)({ name: this.uri(key), maxBytes: expectedBytes, announcedBytes: size });
        const hash = (0,external_node_crypto_.createHash)('sha256');
        const sizeBytes = await (0,files/* copyToNewFile */.R7)(source, file, abort, (chunk) => {
            guard(chunk);
            hash.update(chunk);
        });
        const saved = { sha256: hash.digest('hex'), sizeBytes };
        let recorded;
        try {
            recorded = parseSidecar(await (0,promises_.readFile)((0,external_node_path_.join)(this.directory, sidecarKey(key)), 'utf8'));
        }
        catch (error) {
            if (error.code !== 'ENOENT')
                throw error;
        }
        return { ...saved, recordedSha256: recorded, durationMs: performance.now() - started };
    }
    async list(keyPrefix) {
        let entries;
        try {
            entries = await (0,promises_.readdir)(this.directory, { withFileTypes: true });
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return [];
            throw error;
        }
        const objects = [];
        for (const entry of entries) {
            // A sidecar is part of its backup, never one of its own.
            if (!entry.isFile() || !entry.name.startsWith(keyPrefix) || entry.name.endsWith(SHA256_SIDECAR))
                continue;
            if (entry.name.includes(partials/* PARTIAL_MARK */.yH))
                continue;
            try {
                const { size, mtime } = await (0,promises_.stat)((0,external_node_path_.join)(this.directory, entry.name));
                objects.push({ key: entry.name, sizeBytes: size, lastModified: mtime });
            }
            catch (error) {
                // Removed between the listing and the stat (another run's retention or temporary file): not there.
                if (error.code !== 'ENOENT')
                    throw error;
            }
        }
        return objects;
    }
    /** Partial files killed runs left of the series, untouched since `olderThan` (see partials.ts). */
    async removeStalePartials(series, olderThan) {
        return (0,partials/* removeStalePartials */.sV)(this.directory, series, olderThan);
    }
    /** A directory has no retention locks: nothing is ever reported locked. */
    async delete(keys) {
        const deleted = [];
        for (const key of keys) {
            try {
                await (0,promises_.unlink)((0,external_node_path_.join)(this.directory, key));
                deleted.push(key);
                await (0,promises_.unlink)((0,external_node_path_.join)(this.directory, sidecarKey(key))).catch((error) => {
                    if (error.code !== 'ENOENT')
                        throw error;
                });
            }
            catch (error) {
                // Already gone (another run's retention): not ours to count, not a failure.
                if (error.code !== 'ENOENT')
                    throw error;
            }
        }
        return { deleted, locked: [] };
    }
}


/***/ })

};
