export const id = 393;
export const ids = [393];
export const modules = {

/***/ 81393:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dumpArgs: () => (/* binding */ dumpArgs),
/* harmony export */   postgresql: () => (/* binding */ postgresql)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _actions_io__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88701);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _tools_find_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(93192);
/* harmony import */ var _util_compression_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(31714);
/* harmony import */ var _util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9185);
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(22017);
/* harmony import */ var _dump_options_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(98897);
/* harmony import */ var _postgresql_connection_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(76966);









const PGDMP = Buffer.from('PGDMP');
const NO_COMPRESSION = { name: 'none', level: 0 };
/**
 * zstd is pg_dump's uncompressed archive piped through zstd (`.dump.zst`): measured in
 * bench/RESULTS.md at about the speed of the dump alone, against 5× for pg_dump's own gzip. gzip
 * and none stay inside pg_dump (`.dump`, an archive pg_restore reads directly, as earlier
 * versions of this action wrote). pg_dump 16's native zstd could not be measured here (the
 * benchmark machine has PostgreSQL 15), so it is not used.
 */
function piped(compression) {
    return compression.name === 'zstd';
}
/**
 * Reads the whole archive with pg_restore, fed from the stored bytes: `pg_restore --list` reads
 * only the table of contents, restoring to /dev/null reads every data block. zstd's frames and
 * checksums are checked on the way.
 */
async function readThrough(stored, compression, timeoutMs) {
    const pgRestore = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_3__/* .requireTool */ .Y)('pg_restore', 'install the PostgreSQL client (pg_restore)');
    // The zstd program decompresses straight into pg_restore: measured at a third of the CPU of
    // passing the decompressed archive through the action. It checks the frame and its checksum.
    const unzstd = compression === 'zstd' ? await _actions_io__WEBPACK_IMPORTED_MODULE_1__/* .which */ .K7('zstd', false) : '';
    const archive = unzstd
        ? (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .decoded */ .DH)(stored, 'none', new _util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .ZstdFrameCheck */ .vB())
        : (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .decoded */ .DH)(stored, compression, (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .signatureCheck */ .DW)(PGDMP, 'the dump does not start with the PGDMP signature of a pg_dump custom-format archive'));
    let tables = 0;
    let partial = '';
    const result = await (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .runFed */ .PX)({ command: pgRestore, args: ['--verbose', '--file=/dev/null'], timeoutMs }, archive, {
        stderr: (chunk) => {
            const lines = (partial + chunk.toString('utf8')).split('\n');
            partial = lines.pop() ?? '';
            tables += lines.filter((line) => line.startsWith('pg_restore: processing data for table')).length;
        }
    }, unzstd ? { command: unzstd, args: ['-d', '-q', '-c'], timeoutMs } : undefined);
    if (result.exitCode !== 0 || result.timedOut)
        throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .Ic)('pg_restore reading the whole archive', result, timeoutMs));
    // An empty database dumps to a valid archive; every table, even an empty one, has a data entry.
    if (tables === 0)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e('the archive holds no table data: the database has no tables');
    return {
        'read through': `pg_restore --file=/dev/null${compression === 'zstd' ? ', every zstd frame and checksum' : ''}`,
        'tables with data': tables
    };
}
/** pg_dump's arguments: the custom format on its output, then the tables and exclusions (patterns), then dump-args. */
function dumpArgs(database, compressLevel, options) {
    return [
        '--format=custom',
        `--compress=${compressLevel}`,
        '--no-password',
        `--dbname=${(0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_8__/* .conninfo */ .Zf)(database)}`,
        ...options.tables.map((pattern) => `--table=${pattern}`),
        ...options.excludeTables.map((pattern) => `--exclude-table=${pattern}`),
        ...options.args
    ];
}
const postgresql = {
    fileExtension: (compression) => (piped(compression) ? 'dump.zst' : 'dump'),
    // The header and table of contents of a dump of an empty database already take more than this.
    minimumSizeBytes: 100,
    async snapshot({ database, workDir, fileName, timeoutMs, compression, encryption, options = _dump_options_js__WEBPACK_IMPORTED_MODULE_7__/* .NO_DUMP_OPTIONS */ .M }) {
        // The client was chosen (and checked against the server's version) before this step: it is first on PATH.
        const pgDump = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_3__/* .requireTool */ .Y)('pg_dump', 'install the PostgreSQL client (pg_dump)');
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(workDir, fileName);
        const outside = piped(compression);
        const dump = { command: pgDump, args: dumpArgs(database, outside ? 0 : compression.level, options), env: (0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_8__/* .passwordEnv */ .FX)(database), timeoutMs };
        const capture = await (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .captureDump */ .xh)({
            dump,
            compression: outside ? compression : NO_COMPRESSION,
            file,
            check: (stored) => readThrough(stored, outside ? compression.name : 'none', timeoutMs),
            encryption
        });
        if (capture.dump.exitCode !== 0 || capture.dump.timedOut)
            throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .Ic)('pg_dump', capture.dump, timeoutMs));
        return {
            file,
            sha256: capture.sha256,
            sizeBytes: capture.sizeBytes,
            figures: { command: (0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .commandLine */ .ay)(dump), compression: outside ? capture.compressor : `${(0,_util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .describeCompression */ .uR)(compression)} (pg_dump, inside the archive)` },
            readThrough: capture.readThrough,
            encrypted: capture.encrypted
        };
    },
    verify: ({ file, timeoutMs }) => readThrough((0,_util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .storedBytes */ .Zk)(file), (0,_util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .compressionOfName */ .Vd)(file), timeoutMs)
};


/***/ }),

/***/ 93192:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ requireTool)
/* harmony export */ });
/* harmony import */ var _actions_io__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88701);

/** Absolute path of a program on PATH, or an error that says how to get it. */
async function requireTool(name, hint) {
    const path = await _actions_io__WEBPACK_IMPORTED_MODULE_0__/* .which */ .K7(name, false);
    if (!path)
        throw new Error(`${name} was not found on PATH: ${hint}`);
    return path;
}


/***/ }),

/***/ 9185:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DH: () => (/* binding */ decoded),
/* harmony export */   DW: () => (/* binding */ signatureCheck),
/* harmony export */   PX: () => (/* binding */ runFed),
/* harmony export */   Xi: () => (/* binding */ compressFile),
/* harmony export */   xh: () => (/* binding */ captureDump)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _compression_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(31714);
/* harmony import */ var _encryption_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(43519);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(70017);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(22017);









/** Runs the dump tool into the file through the compression, while hashing and checking the bytes written. */
async function captureDump({ dump, compression, file, check, encryption }) {
    const compressor = await (0,_compression_js__WEBPACK_IMPORTED_MODULE_5__/* .chooseCompressor */ .BS)(compression);
    const dumper = (0,_process_js__WEBPACK_IMPORTED_MODULE_8__/* .startTracked */ .LS)(dump, ['ignore', 'pipe', 'pipe']);
    const program = compressor.program ? (0,_process_js__WEBPACK_IMPORTED_MODULE_8__/* .startTracked */ .LS)({ ...compressor.program, timeoutMs: dump.timeoutMs }, [dumper.child.stdout, 'pipe', 'pipe']) : undefined;
    // The compressor reads the dump tool's pipe itself: the action's own copy of it is closed, so a
    // compressor that dies makes the dump tool fail on its next write instead of waiting forever.
    if (program)
        dumper.child.stdout?.destroy();
    const stored = await store(heldOutput((program ?? dumper).child), { compressor, program, file, check, encryption, timeoutMs: dump.timeoutMs }, () => dumper.child.kill('SIGTERM'));
    const result = await dumper.result;
    // A failed dump leaves no partial file behind: the caller reports the dump tool's failure.
    if (result.exitCode !== 0 || result.timedOut)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(file, { force: true });
    return { ...stored, dump: result };
}
/** Compresses a local file (a dump a tool could only write to a file) into `file`, while hashing and checking the bytes written. */
async function compressFile(source, { compression, file, check, encryption, timeoutMs }) {
    const compressor = await (0,_compression_js__WEBPACK_IMPORTED_MODULE_5__/* .chooseCompressor */ .BS)(compression);
    if (!compressor.program)
        return store((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(source, { highWaterMark: 1 << 20 }), { compressor, file, check, encryption, timeoutMs }, () => undefined);
    // The program reads the file by its name: no descriptor of ours to hand over and close.
    const { program: command } = compressor;
    const program = (0,_process_js__WEBPACK_IMPORTED_MODULE_8__/* .startTracked */ .LS)({ ...command, args: [...command.args, '--', source], timeoutMs }, ['ignore', 'pipe', 'pipe']);
    return store(heldOutput(program.child), { compressor, program, file, check, encryption, timeoutMs }, () => undefined);
}
/**
 * A child's stdout, read from now on. Node.js resumes (and so discards) the output of a child that
 * exits while nothing reads it yet: a compressor done with a small file before the store had opened
 * its file lost its whole output that way. The pipe holds the bytes, with backpressure, until read.
 */
function heldOutput(child) {
    return child.stdout.pipe(new node_stream__WEBPACK_IMPORTED_MODULE_3__.PassThrough({ highWaterMark: 1 << 20 }));
}
async function store(source, { compressor, program, file, check, encryption, timeoutMs }, stop) {
    const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(file, 'wx', 0o600);
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    let sizeBytes = 0;
    const toCheck = new node_stream__WEBPACK_IMPORTED_MODULE_3__.PassThrough({ highWaterMark: 1 << 18 });
    // Once the check has its answer, what it left unread is let through, so the file alone goes on.
    const readThrough = check(toCheck).then((figures) => {
        toCheck.resume();
        return { figures };
    }, (error) => {
        toCheck.destroy();
        return { error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .errorMessage */ .g)(error) };
    });
    // Encrypted, the check reads the plaintext on its way into the encryption; else the file's own bytes, as they are written.
    const plaintext = encryption ? { hash: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256'), sizeBytes: 0 } : undefined;
    const plaintextTap = plaintext
        ? new node_stream__WEBPACK_IMPORTED_MODULE_3__.Transform({
            highWaterMark: 1 << 18,
            async transform(chunk, _encoding, done) {
                plaintext.hash.update(chunk);
                plaintext.sizeBytes += chunk.length;
                await offer(toCheck, chunk);
                done(null, chunk);
            }
        })
        : undefined;
    const sink = new node_stream__WEBPACK_IMPORTED_MODULE_3__.Writable({
        highWaterMark: 1 << 18,
        async write(chunk, _encoding, done) {
            try {
                hash.update(chunk);
                sizeBytes += chunk.length;
                await Promise.all([writeAll(handle, chunk), plaintext ? undefined : offer(toCheck, chunk)]);
                done();
            }
            catch (error) {
                done(error);
            }
        }
    });
    try {
        const encrypting = plaintextTap && encryption ? [plaintextTap, (0,_encryption_js__WEBPACK_IMPORTED_MODULE_6__/* .encryptStage */ .sZ)(encryption.recipients)] : [];
        const stages = [source, ...(compressor.transform ? [compressor.transform()] : []), ...encrypting, sink];
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(stages).catch((error) => {
            stop();
            program?.child.kill('SIGTERM');
            toCheck.destroy();
            throw error;
        });
        toCheck.end();
        await handle.sync();
        const [programResult, checked] = await Promise.all([program?.result, readThrough]);
        if (programResult && (programResult.exitCode !== 0 || programResult.timedOut)) {
            throw new Error((0,_process_js__WEBPACK_IMPORTED_MODULE_8__/* .describeFailure */ .Ic)(`the compressor ${compressor.program?.command}`, programResult, timeoutMs));
        }
        const encrypted = plaintext && encryption ? { recipients: encryption.recipients.length, plaintextSha256: plaintext.hash.digest('hex'), plaintextBytes: plaintext.sizeBytes } : undefined;
        return { compressor: compressor.description, readThrough: checked, sha256: hash.digest('hex'), sizeBytes, ...(encrypted ? { encrypted } : {}) };
    }
    catch (error) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(file, { force: true });
        throw error;
    }
    finally {
        await handle.close();
    }
}
async function writeAll(handle, chunk) {
    for (let offset = 0; offset < chunk.length;)
        offset += (await handle.write(chunk, offset)).bytesWritten;
}
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
/**
 * The stored bytes decompressed and passed through `checks`, as one stream that fails if the
 * compression is damaged or cut short or a check fails.
 */
function decoded(stored, name, ...checks) {
    const stages = [...(0,_compression_js__WEBPACK_IMPORTED_MODULE_5__/* .decoders */ .SK)(name), ...checks];
    if (stages.length === 0)
        return stored;
    const last = stages[stages.length - 1];
    (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)([stored, ...stages]).catch(() => undefined); // an error reaches `last`, which the reader sees
    return last;
}
/**
 * Runs a command that reads `input` on its stdin, with the pipe's backpressure; with `through`,
 * the input goes through that program first, piped straight into the command (a decompressor:
 * the decompressed bytes then never pass through the action). The input is read to its end even
 * if the command stops reading early (pg_restore exits once it has read its last entry), so that
 * checks on the way see all of it. A failure of the input, or of `through`, stops the command and
 * is thrown.
 */
async function runFed(command, input, output = {}, through) {
    const filter = through ? (0,_process_js__WEBPACK_IMPORTED_MODULE_8__/* .startTracked */ .LS)(through, ['pipe', 'pipe', 'pipe']) : undefined;
    const fed = (0,_process_js__WEBPACK_IMPORTED_MODULE_8__/* .startTracked */ .LS)(command, [filter ? filter.child.stdout : 'pipe', output.stdout ? 'pipe' : 'ignore', 'pipe']);
    if (filter)
        filter.child.stdout?.destroy();
    const first = filter ?? fed;
    const stdin = first.child.stdin;
    stdin.on('error', () => undefined); // EPIPE when the reader exits early: its exit code says whether that was a failure
    if (output.stderr)
        fed.child.stderr?.on('data', output.stderr);
    const reading = output.stdout ? (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(fed.child.stdout, (0,_compression_js__WEBPACK_IMPORTED_MODULE_5__/* .sinkStream */ .oq)(output.stdout)) : Promise.resolve();
    const forward = new node_stream__WEBPACK_IMPORTED_MODULE_3__.Writable({
        async write(chunk, _encoding, done) {
            await offer(stdin, chunk);
            done();
        },
        final(done) {
            stdin.end();
            done();
        }
    });
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(input, forward);
    }
    catch (error) {
        filter?.child.kill('SIGTERM');
        fed.child.kill('SIGTERM');
        await Promise.all([filter?.result, fed.result]);
        throw error;
    }
    const [filtered, result] = await Promise.all([filter?.result, fed.result, reading.catch(() => undefined)]);
    if (filtered && (filtered.exitCode !== 0 || filtered.timedOut))
        throw new Error((0,_process_js__WEBPACK_IMPORTED_MODULE_8__/* .describeFailure */ .Ic)(through?.command ?? '', filtered, through?.timeoutMs));
    return result;
}
/** Passes bytes through, failing unless the stream starts with `signature`. */
function signatureCheck(signature, failure) {
    let head = Buffer.alloc(0);
    let checked = false;
    return new node_stream__WEBPACK_IMPORTED_MODULE_3__.Transform({
        transform(chunk, _encoding, done) {
            if (!checked) {
                head = Buffer.concat([head, chunk.subarray(0, signature.length - head.length)]);
                if (head.length === signature.length) {
                    if (!head.equals(signature))
                        return done(new Error(failure));
                    checked = true;
                }
            }
            done(null, chunk);
        },
        flush(done) {
            done(checked ? null : new Error(failure));
        }
    });
}


/***/ })

};
