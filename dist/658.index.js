export const id = 658;
export const ids = [658];
export const modules = {

/***/ 8658:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  conninfo: () => (/* binding */ conninfo),
  majorOf: () => (/* binding */ majorOf),
  parseClientVersion: () => (/* binding */ parseClientVersion),
  parseServerVersionNum: () => (/* binding */ parseServerVersionNum),
  passwordEnv: () => (/* binding */ passwordEnv),
  postgresql: () => (/* binding */ postgresql)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(3360);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js
var io = __webpack_require__(8701);
;// CONCATENATED MODULE: ./src/tools/find.ts

/** Absolute path of a program on PATH, or an error that says how to get it. */
async function requireTool(name, hint) {
    const path = await io/* which */.K7(name, false);
    if (!path)
        throw new Error(`${name} was not found on PATH: ${hint}`);
    return path;
}

// EXTERNAL MODULE: ./src/util/files.ts
var files = __webpack_require__(5787);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(7187);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/util/secrets.ts
var secrets = __webpack_require__(4537);
;// CONCATENATED MODULE: ./src/util/process.ts






const STDERR_TAIL_BYTES = 16 * 1024;
/** coreutils `timeout` exits 124 when the limit is reached, 137 when it had to SIGKILL. */
const TIMEOUT_EXIT_CODES = new Set([124, 137]);
let timeoutBinary;
/**
 * @actions/exec cannot stop a child, so a time limit is enforced by coreutils `timeout`
 * (present on Linux and macOS runners). Without it the job's own timeout-minutes is the limit.
 */
async function withTimeout(command) {
    if (!command.timeoutMs)
        return [command.command, command.args];
    timeoutBinary ??= io/* which */.K7('timeout', false);
    const timeout = await timeoutBinary;
    if (!timeout) {
        core/* warning */.$e(`coreutils "timeout" is not on PATH: ${command.command} runs without a time limit`);
        return [command.command, command.args];
    }
    const seconds = Math.max(1, Math.ceil(command.timeoutMs / 1000));
    return [timeout, ['--kill-after=30s', `${seconds}s`, command.command, ...command.args]];
}
function childEnv(extra) {
    const env = {};
    for (const [key, value] of Object.entries(process.env))
        if (value !== undefined)
            env[key] = value;
    return { ...env, ...extra };
}
function appendTail(tail, chunk) {
    const joined = Buffer.concat([tail, chunk]);
    return joined.length > STDERR_TAIL_BYTES ? joined.subarray(joined.length - STDERR_TAIL_BYTES) : joined;
}
async function runWithListener(command, onStdout) {
    const [file, args] = await withTimeout(command);
    core/* info */.pq(`$ ${[command.command, ...command.args].map(quoteForLog).join(' ')}`);
    let stderrTail = Buffer.alloc(0);
    const exitCode = await exec/* exec */.m(file, args, {
        env: childEnv(command.env),
        silent: true,
        ignoreReturnCode: true,
        listeners: {
            stdout: onStdout,
            stderr: (chunk) => {
                stderrTail = appendTail(stderrTail, chunk);
            }
        }
    });
    const stderr = (0,secrets/* redact */.E$)(stderrTail.toString('utf8')).trim();
    return {
        exitCode,
        stdout: '',
        stderr,
        timedOut: Boolean(command.timeoutMs) && file !== command.command && TIMEOUT_EXIT_CODES.has(exitCode)
    };
}
/** Runs a command without a shell and returns its (small) output. */
async function runTool(command) {
    const chunks = [];
    const result = await runWithListener(command, (chunk) => chunks.push(chunk));
    return { ...result, stdout: Buffer.concat(chunks).toString('utf8') };
}
/**
 * Runs a command whose stdout is written to `path` (created, mode 0600) while its SHA-256 and
 * size are computed from the same bytes as they are written. The writes are synchronous: they
 * hold the event loop, so a fast producer waits on the pipe instead of filling memory.
 */
async function runToolToFile(command, path, encoder) {
    const fd = (0,external_node_fs_.openSync)(path, 'wx', 0o600);
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let sizeBytes = 0;
    let writeError;
    const write = (chunks) => {
        for (const chunk of chunks) {
            hash.update(chunk);
            sizeBytes += chunk.length;
            let offset = 0;
            while (offset < chunk.length)
                offset += (0,external_node_fs_.writeSync)(fd, chunk, offset);
        }
    };
    try {
        const result = await runWithListener(command, (chunk) => {
            // A throw here would escape into the child's event handler: keep the first error for later.
            if (writeError)
                return;
            try {
                write(encoder ? encoder.encode(chunk) : [chunk]);
            }
            catch (error) {
                writeError = error;
            }
        });
        if (writeError)
            throw writeError;
        if (encoder)
            write(encoder.finish());
        (0,external_node_fs_.fsyncSync)(fd);
        return { ...result, sha256: hash.digest('hex'), sizeBytes };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** Shell-like quoting for the log line only; commands never go through a shell. */
function quoteForLog(arg) {
    const safe = (0,secrets/* redact */.E$)(arg);
    return /^[\w@%+=:,./-]+$/.test(safe) ? safe : `'${safe.replace(/'/g, `'\\''`)}'`;
}
/** A non-zero exit, a timeout or stderr turned into one error message. */
function describeFailure(what, result, timeoutMs) {
    if (result.timedOut) {
        return `${what} did not finish within ${Math.round((timeoutMs ?? 0) / 60000)} minute(s) and was stopped`;
    }
    const detail = result.stderr ? `: ${lastLines(result.stderr, 6)}` : ' (no error output)';
    return `${what} exited with code ${result.exitCode}${detail}`;
}
function lastLines(text, count) {
    return text.split(/\r?\n/).filter(Boolean).slice(-count).join(' | ');
}

;// CONCATENATED MODULE: ./src/engines/postgresql.ts





const INSTALL_HINT = 'install a PostgreSQL client of that major version or newer (for example `sudo apt-get install postgresql-client-<major>` from the PGDG repository) and put its bin directory first on PATH';
/** libpq conninfo value: single-quoted, with backslash and quote escaped. */
function conninfoValue(value) {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
/** Connection string for --dbname: everything but the password, which travels in PGPASSWORD. */
function conninfo(database) {
    const fields = {
        connect_timeout: '30',
        application_name: 'db-backup-action',
        ...database.params,
        host: database.host,
        port: String(database.port),
        dbname: database.name
    };
    if (database.user)
        fields.user = database.user;
    return Object.entries(fields)
        .filter(([key]) => !['password', 'passfile'].includes(key.toLowerCase()))
        .map(([key, value]) => `${key}=${conninfoValue(value)}`)
        .join(' ');
}
function passwordEnv(database) {
    return database.password ? { PGPASSWORD: database.password } : {};
}
/** `pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)` -> `15.20`. */
function parseClientVersion(output) {
    const match = /\(PostgreSQL\)\s+(\d+(?:\.\d+)*)/.exec(output);
    if (!match)
        throw new Error(`cannot read the PostgreSQL client version from "${output.trim()}"`);
    return match[1];
}
/** server_version_num (150020, or 90624 before version 10) -> { major: 15, text: '15.20' }. */
function parseServerVersionNum(text) {
    const num = Number(text.trim());
    if (!Number.isInteger(num) || num < 80000)
        throw new Error(`unexpected server_version_num "${text.trim()}"`);
    if (num >= 100000)
        return { major: Math.floor(num / 10000), text: `${Math.floor(num / 10000)}.${num % 10000}` };
    const major = Math.floor(num / 10000);
    const minor = Math.floor(num / 100) % 100;
    return { major: major + minor / 10, text: `${major}.${minor}.${num % 100}` };
}
function majorOf(version) {
    const [first, second] = version.split('.').map(Number);
    return first >= 10 ? first : first + (second ?? 0) / 10;
}
async function serverVersion(database, timeoutMs) {
    const psql = await requireTool('psql', 'the PostgreSQL client (psql) is needed to read the server version');
    const result = await runTool({
        command: psql,
        args: ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--command=SHOW server_version_num', `--dbname=${conninfo(database)}`],
        env: passwordEnv(database),
        timeoutMs
    });
    if (result.exitCode !== 0 || result.timedOut) {
        throw new Error(describeFailure(`connecting to PostgreSQL at ${database.host}:${database.port} failed: psql`, result, timeoutMs));
    }
    return parseServerVersionNum(result.stdout);
}
async function clientVersion(pgDump) {
    const result = await runTool({ command: pgDump, args: ['--version'] });
    if (result.exitCode !== 0)
        throw new Error(describeFailure(`${pgDump} --version`, result));
    return parseClientVersion(result.stdout);
}
const postgresql = {
    fileExtension: 'dump',
    // The header and table of contents of a dump of an empty database already take more than this.
    minimumSizeBytes: 100,
    async snapshot({ database, workDir, fileName, timeoutMs }) {
        const pgDump = await requireTool('pg_dump', 'install the PostgreSQL client (pg_dump)');
        const client = await clientVersion(pgDump);
        const server = await serverVersion(database, timeoutMs);
        if (server.major > majorOf(client)) {
            throw new Error(`the PostgreSQL server is version ${server.text} but ${pgDump} is version ${client}, ` +
                `and pg_dump cannot dump a server of a newer major version: ${INSTALL_HINT.replace('<major>', String(server.major))}`);
        }
        const file = (0,external_node_path_.join)(workDir, fileName);
        const result = await runToolToFile({
            command: pgDump,
            args: ['--format=custom', '--no-password', `--dbname=${conninfo(database)}`],
            env: passwordEnv(database),
            timeoutMs
        }, file);
        if (result.exitCode !== 0 || result.timedOut)
            throw new Error(describeFailure('pg_dump', result, timeoutMs));
        return {
            file,
            sha256: result.sha256,
            sizeBytes: result.sizeBytes,
            figures: { client: `pg_dump ${client}`, 'client path': pgDump, 'server version': server.text }
        };
    },
    async verify({ file, timeoutMs }) {
        const head = await (0,files/* readHead */.zy)(file, 5);
        if (head.toString('latin1') !== 'PGDMP') {
            throw new Error(`the dump does not start with the PGDMP signature of a pg_dump custom-format archive`);
        }
        const pgRestore = await requireTool('pg_restore', 'install the PostgreSQL client (pg_restore)');
        const list = await runTool({ command: pgRestore, args: ['--list', file], timeoutMs });
        if (list.exitCode !== 0 || list.timedOut)
            throw new Error(describeFailure('pg_restore --list', list, timeoutMs));
        const entries = list.stdout.split('\n').filter((line) => line.trim() !== '' && !line.startsWith(';')).length;
        // An empty database dumps to a valid archive with an empty table of contents.
        if (entries === 0)
            core/* warning */.$e('the archive lists no objects: the database is empty');
        // --list reads only the table of contents; restoring to /dev/null reads every data block too.
        const readThrough = await runTool({ command: pgRestore, args: ['--file=/dev/null', file], timeoutMs });
        if (readThrough.exitCode !== 0 || readThrough.timedOut) {
            throw new Error(describeFailure('pg_restore reading the whole archive', readThrough, timeoutMs));
        }
        return { 'archive entries': entries, 'read through': 'pg_restore --file=/dev/null' };
    }
};


/***/ })

};
