export const id = 148;
export const ids = [148];
export const modules = {

/***/ 62759:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dy: () => (/* binding */ ConfinementError),
/* harmony export */   x5: () => (/* binding */ refusal)
/* harmony export */ });
/* unused harmony exports QUOTE_CHARS, quoteStatement */
/**
 * What the restores share to keep a backup inside its target: the error that names the offending
 * statement and where it is, so that a refused backup says what to look at.
 */
/** The most of a statement an error quotes. */
const QUOTE_CHARS = 80;
/** A backup that would act outside the target; raised before anything is run. */
class ConfinementError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ConfinementError';
    }
}
/** A short, one-line quote of a statement for an error message. */
function quoteStatement(text) {
    const oneLine = text.replace(/\s+/g, ' ').trim();
    return oneLine.length > QUOTE_CHARS ? `${oneLine.slice(0, QUOTE_CHARS)}…` : oneLine;
}
/** The message of a refused backup: what it would do, where, and that nothing was run. */
function refusal(target, line, statement, why) {
    return new ConfinementError(`the backup would act outside the target ${target}: line ${line}: "${quoteStatement(statement)}" ${why}; nothing was restored ` +
        '(a restore touches only its target: restore this backup by hand if it is yours)');
}


/***/ }),

/***/ 67423:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jr: () => (/* binding */ restoreCheck),
/* harmony export */   Wc: () => (/* binding */ CopyRowCounter),
/* harmony export */   _u: () => (/* binding */ COUNT_ROWS),
/* harmony export */   tm: () => (/* binding */ psql)
/* harmony export */ });
/* unused harmony export rowCountDifferences */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _tools_find_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(93192);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70017);
/* harmony import */ var _util_compression_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(31714);
/* harmony import */ var _util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9185);
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(22017);
/* harmony import */ var _postgresql_connection_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(76966);








/** `\.`: the line that ends a COPY's data. */
const TERMINATOR = Buffer.from('\\.');
const COPY_START = Buffer.from('COPY ');
const FROM_STDIN = Buffer.from('FROM stdin;');
/**
 * The longest table name a COPY header can hold: schema and table, each at most 63 bytes
 * (NAMEDATALEN - 1), every byte a doubled quote at worst, plus their quotes and the dot.
 */
const MAX_NAME_BYTES = 2 * (2 * 63 + 2) + 1;
/**
 * Counts the rows of each table's data in a pg_restore SQL script, as it streams past: the lines
 * between `COPY <table> (...) FROM stdin;` and `\.`. COPY's text format escapes newlines inside
 * values, so a line is a row. It reads bytes, never a whole line: a row is known to be one from
 * its first byte (only `\.` is not), and of a line outside the data only a COPY header is kept,
 * its table name alone, so a row of any size passes through in time linear in its length and in
 * memory bounded by the longest name.
 */
class CopyRowCounter {
    rows = new Map();
    table;
    /** Bytes of the current line read so far. */
    lineBytes = 0;
    /** The current line is still what it may be: the terminator (in the data), a COPY header (outside). */
    candidate = true;
    header;
    name = Buffer.alloc(MAX_NAME_BYTES);
    nameBytes = 0;
    /** What the counter holds of the line being read: the table name of a COPY header, at most. */
    get retainedBytes() {
        return this.nameBytes;
    }
    push(chunk) {
        let from = 0;
        while (from < chunk.length) {
            const newline = chunk.indexOf(0x0a, from);
            const to = newline < 0 ? chunk.length : newline;
            if (this.candidate)
                this.read(chunk, from, to);
            this.lineBytes += to - from;
            if (newline < 0)
                return;
            this.endLine();
            from = newline + 1;
        }
    }
    /** Bytes [from, to) of the current line, while it may still be the terminator or a header. */
    read(chunk, from, to) {
        if (this.table !== undefined) {
            // Only the first bytes tell: a line longer than `\.` is a row.
            for (let i = from, at = this.lineBytes; i < to && this.candidate; i++, at++)
                this.candidate = at < TERMINATOR.length && chunk[i] === TERMINATOR[at];
            return;
        }
        for (let i = from, at = this.lineBytes; i < to && this.candidate; i++, at++) {
            if (at < COPY_START.length)
                this.candidate = chunk[i] === COPY_START[at];
            else
                this.headerByte(chunk[i]);
        }
    }
    headerByte(byte) {
        const header = (this.header ??= { at: 'name', quoted: false });
        switch (header.at) {
            case 'name':
                // A quoted identifier holds spaces; `""` inside it closes and reopens it, as the server reads it.
                if (byte === 0x20 && !header.quoted) {
                    this.header = { at: 'after-name' };
                    this.candidate = this.nameBytes > 0;
                    return;
                }
                if (byte === 0x22)
                    header.quoted = !header.quoted;
                if (this.nameBytes === MAX_NAME_BYTES)
                    this.candidate = false;
                else
                    this.name[this.nameBytes++] = byte;
                return;
            case 'after-name':
                // pg_dump writes `COPY <name> <columns> FROM stdin;`, the columns empty for a table without any.
                if (byte === 0x28)
                    this.header = { at: 'columns', quoted: false };
                else if (byte === 0x20)
                    this.header = { at: 'from', matched: 0 };
                else {
                    const from = { at: 'from', matched: 0 };
                    this.header = from;
                    this.fromByte(from, byte);
                }
                return;
            case 'columns':
                if (byte === 0x22)
                    header.quoted = !header.quoted;
                else if (byte === 0x29 && !header.quoted)
                    this.header = { at: 'after-columns' };
                return;
            case 'after-columns':
                if (byte === 0x20)
                    this.header = { at: 'from', matched: 0 };
                else
                    this.candidate = false;
                return;
            case 'from':
                this.fromByte(header, byte);
        }
    }
    fromByte(header, byte) {
        this.candidate = header.matched < FROM_STDIN.length && byte === FROM_STDIN[header.matched];
        header.matched++;
    }
    endLine() {
        if (this.table !== undefined) {
            if (this.candidate && this.lineBytes === TERMINATOR.length)
                this.table = undefined;
            else
                this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + 1);
        }
        else if (this.candidate && this.header?.at === 'from' && this.header.matched === FROM_STDIN.length) {
            this.table = this.name.toString('utf8', 0, this.nameBytes);
            this.rows.set(this.table, this.rows.get(this.table) ?? 0);
        }
        this.lineBytes = 0;
        this.candidate = true;
        this.header = undefined;
        this.nameBytes = 0;
    }
}
/** Exact row counts of every ordinary table, named as pg_dump names them (quote_ident, schema-qualified). */
const COUNT_ROWS = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),
       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`;
async function psql(database, sql, timeoutMs, cleanup = false) {
    const psqlPath = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_2__/* .requireTool */ .Y)('psql', 'install the PostgreSQL client (psql)');
    const result = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .runTool */ .qI)({
        command: psqlPath,
        args: ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--field-separator=\t', '--set=ON_ERROR_STOP=1', `--command=${sql}`, `--dbname=${(0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .conninfo */ .Zf)(database)}`],
        env: (0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .passwordEnv */ .FX)(database),
        timeoutMs,
        cleanup
    });
    if (result.exitCode !== 0 || result.timedOut)
        throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .Ic)('psql', result, timeoutMs));
    return result.stdout;
}
function quoteIdentifier(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/** The archive in a dump file, decompressed if it was piped through zstd (`.dump.zst`), for pg_restore's stdin. */
function archive(file) {
    return (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .decoded */ .DH)((0,_util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .storedBytes */ .Zk)(file), (0,_util_compression_js__WEBPACK_IMPORTED_MODULE_4__/* .compressionOfName */ .Vd)(file));
}
/**
 * Restores the archive into a scratch database on the same server, then checks that every table
 * holds as many rows as the archive does. The scratch database is dropped whatever happens. The
 * comparison is with the archive, not with the live source, which may have changed since.
 */
async function restoreCheck({ database, file, timeoutMs }) {
    const pgRestore = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_2__/* .requireTool */ .Y)('pg_restore', 'install the PostgreSQL client (pg_restore)');
    const counter = new CopyRowCounter();
    const script = await (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .runFed */ .PX)({ command: pgRestore, args: ['--data-only', '--file=-'], timeoutMs }, archive(file), { stdout: (chunk) => counter.push(chunk) });
    if (script.exitCode !== 0 || script.timedOut)
        throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .Ic)('pg_restore reading the table data', script, timeoutMs));
    const scratchName = `restore_check_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(4).toString('hex')}`;
    const scratch = { ...database, name: scratchName };
    try {
        await psql(database, `CREATE DATABASE ${quoteIdentifier(scratchName)}`, timeoutMs).catch((error) => {
            throw new Error(`restore-check could not create the scratch database ${scratchName} (the user needs CREATEDB): ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(error)}`);
        });
        const restore = await (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_5__/* .runFed */ .PX)({
            command: pgRestore,
            args: ['--no-owner', '--no-privileges', '--exit-on-error', '--no-password', `--dbname=${(0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .conninfo */ .Zf)(scratch)}`],
            env: (0,_postgresql_connection_js__WEBPACK_IMPORTED_MODULE_7__/* .passwordEnv */ .FX)(database),
            timeoutMs
        }, archive(file));
        if (restore.exitCode !== 0 || restore.timedOut)
            throw new Error((0,_util_process_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailure */ .Ic)('restoring into the scratch database: pg_restore', restore, timeoutMs));
        const restored = new Map();
        for (const line of (await psql(scratch, COUNT_ROWS, timeoutMs)).split('\n').filter(Boolean)) {
            const [table, count] = line.split('\t');
            restored.set(table, Number(count));
        }
        const differences = rowCountDifferences(counter.rows, restored);
        if (differences.length > 0) {
            throw new Error(`the restored database differs from the dump: ${differences.slice(0, 5).join('; ')}${differences.length > 5 ? '; ...' : ''}`);
        }
        const rows = [...counter.rows.values()].reduce((sum, count) => sum + count, 0);
        return { 'restore check': `${counter.rows.size} tables, ${rows} rows restored into a scratch database and matched` };
    }
    finally {
        await dropScratch(database, scratchName, timeoutMs);
    }
}
/** Each table of the dump whose rows did not all come back. */
function rowCountDifferences(dumped, restored) {
    const differences = [];
    for (const [table, rows] of dumped) {
        const got = restored.get(table);
        if (got !== rows)
            differences.push(`${table}: ${rows} in the dump, ${got ?? 'no table'} restored`);
    }
    return differences;
}
async function dropScratch(database, name, timeoutMs) {
    try {
        // FORCE (PostgreSQL 13 and newer) ends connections a failed restore may have left.
        await psql(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`, timeoutMs, true).catch(() => psql(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`, timeoutMs, true));
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`the scratch database ${name} could not be dropped: drop it by hand (${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(error)})`);
    }
}


/***/ }),

/***/ 25148:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postgresqlRestorer: () => (/* binding */ postgresqlRestorer),
  restoreArgs: () => (/* binding */ restoreArgs),
  schemaScriptArgs: () => (/* binding */ schemaScriptArgs)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/tools/find.ts
var find = __webpack_require__(93192);
// EXTERNAL MODULE: ./src/util/process.ts
var process = __webpack_require__(22017);
// EXTERNAL MODULE: ./src/engines/postgresql-connection.ts
var postgresql_connection = __webpack_require__(76966);
// EXTERNAL MODULE: ./src/engines/postgresql-restore-check.ts
var postgresql_restore_check = __webpack_require__(67423);
// EXTERNAL MODULE: ./src/engines/restore-input.ts
var restore_input = __webpack_require__(27884);
// EXTERNAL MODULE: ./src/engines/confinement.ts
var confinement = __webpack_require__(62759);
;// CONCATENATED MODULE: ./src/engines/postgresql-confinement.ts

/**
 * Reads the SQL that pg_restore would run (its script output, `--file=-`, with the restore's own
 * options) before it runs, and refuses an archive that would act outside the target database: on
 * databases, roles, tablespaces, the server's settings or files, or another server. pg_dump's
 * archive holds SQL text per object, and an attacker who can write the bucket writes any archive;
 * an ordinary-looking one can still run code while it is restored (a function called by an index,
 * a check, a generated column or a materialized view), so function bodies are read too. It is a
 * streaming lexer over bytes: strings, quoted identifiers, comments, dollar quotes (whose contents
 * are read as code, their end found as the server finds it), COPY data (skipped), psql
 * meta-commands (only pg_restore's own `\restrict` and `\unrestrict`). The rules: docs/restore.md.
 */
const QUOTE_BYTES = 120;
const MAX_TOKEN_BYTES = 256;
const MAX_DOLLAR_TAG = 63;
/** Objects of the whole server, never created, altered or dropped by a restore. */
const SERVER_OBJECTS = new Map([
    ['DATABASE', 'a database'],
    ['ROLE', 'a role'],
    ['USER', 'a role'],
    ['GROUP', 'a role'],
    ['TABLESPACE', 'a tablespace'],
    ['SUBSCRIPTION', 'a subscription to another server'],
    ['SERVER', 'a foreign server']
]);
const VERBS = new Map([
    ['CREATE', 'creates'],
    ['ALTER', 'alters'],
    ['DROP', 'drops']
]);
/** Words that are an action outside the database wherever they stand. */
const FORBIDDEN_WORDS = new Map([
    ['GRANT', 'grants privileges or roles'],
    ['REVOKE', 'revokes privileges or roles'],
    ['REASSIGN', 'reassigns the objects of a role'],
    ['LO_IMPORT', 'reads a file on the server'],
    ['LO_EXPORT', 'writes a file on the server'],
    ['PG_READ_FILE', 'reads a file on the server'],
    ['PG_READ_BINARY_FILE', 'reads a file on the server'],
    ['PG_LS_DIR', 'lists a directory on the server'],
    ['PG_STAT_FILE', 'reads a file on the server'],
    ['PG_FILE_WRITE', 'writes a file on the server'],
    ['PG_FILE_RENAME', 'renames a file on the server'],
    ['PG_FILE_UNLINK', 'deletes a file on the server'],
    ['PG_TERMINATE_BACKEND', 'ends other sessions'],
    ['PG_CANCEL_BACKEND', 'cancels other sessions'],
    ['PG_SIGNAL_BACKEND', 'signals other sessions'],
    ['PG_RELOAD_CONF', 'reloads the server configuration'],
    ['PG_ROTATE_LOGFILE', 'rotates the server log'],
    ['PG_PROMOTE', 'promotes a standby']
]);
const FORBIDDEN_PAIRS = new Map([
    ['ALTER SYSTEM', 'changes the server configuration'],
    ['SET ROLE', 'changes the session\'s role'],
    ['SESSION ROLE', 'changes the session\'s role'],
    ['LOCAL ROLE', 'changes the session\'s role'],
    ['SESSION AUTHORIZATION', 'changes the session\'s user'],
    ['DROP OWNED', 'drops the objects of a role'],
    ['USER MAPPING', 'holds a login for another server'],
    ['ON DATABASE', 'acts on a database'],
    ['ON ROLE', 'acts on a role'],
    ['ON TABLESPACE', 'acts on a tablespace']
]);
/** Client encodings in which a byte below 0x80 can be part of a character (a quote or backslash hidden inside one). */
const UNSAFE_ENCODINGS = new Set(['SJIS', 'SHIFTJIS', 'SHIFT_JIS_2004', 'MSKANJI', 'WIN932', 'BIG5', 'WIN950', 'GBK', 'WIN936', 'CP936', 'UHC', 'WIN949', 'GB18030', 'JOHAB']);
function isWordByte(byte) {
    return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f || byte === 0x24 || byte >= 0x80;
}
function isSpace(byte) {
    return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}
class PgScriptScanner {
    target;
    carry;
    line = 1;
    lexer = 'code';
    tokenBytes = [];
    /** A string of E'…' or with standard_conforming_strings off: backslash escapes. */
    escapes = false;
    standardStrings = true;
    /** Open dollar quotes, outermost first: their contents are read as code; the outermost's tag ends them all. */
    dollars = [];
    blockDepth = 0;
    statement;
    previous = [];
    lineStart = true;
    pending;
    what;
    /** `target`: the database restored into, for messages; `what`: which script (schema, data). */
    constructor(target, what = 'the archive') {
        this.target = target;
        this.what = what;
    }
    push(chunk) {
        const bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
        this.carry = undefined;
        this.scan(bytes, false);
    }
    finish() {
        const rest = this.carry ?? Buffer.alloc(0);
        this.carry = undefined;
        this.scan(rest, true);
        this.endWord();
        if (this.dollars.length > 0 || this.lexer === 'string' || this.lexer === 'ident')
            this.fail(`leaves a quoted text open at the end of ${this.what}`);
        this.endStatement();
    }
    fail(why) {
        const quote = this.statement ? Buffer.from(this.statement.quote).toString('utf8') : why;
        throw (0,confinement/* refusal */.x5)(`database "${this.target}"`, this.statement?.line ?? this.line, quote, why);
    }
    scan(bytes, final) {
        const length = bytes.length;
        let i = 0;
        const peek = (ahead) => (i + ahead < length ? bytes[i + ahead] : final ? -1 : undefined);
        while (i < length) {
            const byte = bytes[i];
            let step = i;
            // The outermost dollar quote ends at its tag whatever is open inside it, as the server reads it.
            if (byte === 0x24 && this.dollars.length > 0 && this.lexer !== 'word') {
                const tag = this.dollars[0];
                const end = this.matchAt(bytes, i, `$${tag}$`, final);
                if (end === undefined)
                    return this.keep(bytes, i);
                if (end > 0) {
                    this.dollars = [];
                    this.lexer = 'code';
                    this.blockDepth = 0;
                    this.token({ kind: 'string', text: '' });
                    this.advance(bytes, i, end);
                    i = end;
                    continue;
                }
            }
            switch (this.lexer) {
                case 'copy-data':
                    // COPY … FROM stdin data: rows until a line `\.`.
                    if (this.lineStart && byte === 0x5c) {
                        const dot = peek(1);
                        const newline = peek(2);
                        if (dot === undefined || newline === undefined)
                            return this.keep(bytes, i);
                        if (dot === 0x2e && (newline === 0x0a || newline === -1 || newline === 0x0d)) {
                            this.lexer = 'code';
                            step = i + 1;
                        }
                    }
                    break;
                case 'meta':
                    if (byte === 0x0a) {
                        this.endMeta();
                        this.lexer = 'code';
                    }
                    else if (this.tokenBytes.length < MAX_TOKEN_BYTES)
                        this.tokenBytes.push(byte);
                    break;
                case 'line-comment':
                    if (byte === 0x0a)
                        this.lexer = 'code';
                    break;
                case 'block-comment': {
                    const next = peek(1);
                    if (next === undefined)
                        return this.keep(bytes, i);
                    if (byte === 0x2a && next === 0x2f) {
                        this.blockDepth--;
                        step = i + 1;
                        if (this.blockDepth === 0)
                            this.lexer = 'code';
                    }
                    else if (byte === 0x2f && next === 0x2a) {
                        this.blockDepth++;
                        step = i + 1;
                    }
                    break;
                }
                case 'string':
                case 'ident': {
                    const quote = this.lexer === 'string' ? 0x27 : 0x22;
                    if (this.lexer === 'string' && this.escapes && byte === 0x5c) {
                        const next = peek(1);
                        if (next === undefined)
                            return this.keep(bytes, i);
                        if (next >= 0 && this.tokenBytes.length < MAX_TOKEN_BYTES)
                            this.tokenBytes.push(next);
                        step = i + 1;
                        if (next === 0x0a)
                            this.line++;
                        break;
                    }
                    if (byte === quote) {
                        const next = peek(1);
                        if (next === undefined)
                            return this.keep(bytes, i);
                        if (next === quote) {
                            if (this.tokenBytes.length < MAX_TOKEN_BYTES)
                                this.tokenBytes.push(byte);
                            step = i + 1;
                            break;
                        }
                        this.lexer = 'code';
                        this.token({ kind: quote === 0x27 ? 'string' : 'ident', text: Buffer.from(this.tokenBytes).toString('utf8') });
                        break;
                    }
                    if (this.tokenBytes.length < MAX_TOKEN_BYTES)
                        this.tokenBytes.push(byte);
                    break;
                }
                case 'word':
                    if (isWordByte(byte) && !(byte === 0x24 && this.dollars.length > 0)) {
                        if (this.tokenBytes.length < MAX_TOKEN_BYTES)
                            this.tokenBytes.push(byte);
                        break;
                    }
                    this.endWord();
                    continue;
                case 'code': {
                    const taken = this.code(bytes, i, peek);
                    if (taken === undefined)
                        return this.keep(bytes, i);
                    step = taken;
                    break;
                }
            }
            this.advance(bytes, i, step + 1);
            i = step + 1;
        }
    }
    /** Counts lines, notes line starts and keeps the statement's first bytes for a quote, for bytes [from, to). */
    advance(bytes, from, to) {
        for (let k = from; k < to; k++) {
            const byte = bytes[k];
            if (byte === 0x0a) {
                this.line++;
                this.lineStart = true;
            }
            else if (!isSpace(byte))
                this.lineStart = false;
            if (this.statement && this.statement.quote.length < QUOTE_BYTES && this.lexer !== 'copy-data')
                this.statement.quote.push(byte);
        }
    }
    /** The index after `text` when the bytes at `at` are it, 0 when they are not, undefined to wait for more. */
    matchAt(bytes, at, text, final) {
        for (let k = 0; k < text.length; k++) {
            if (at + k >= bytes.length)
                return final ? 0 : undefined;
            if (bytes[at + k] !== text.charCodeAt(k))
                return 0;
        }
        return at + text.length;
    }
    keep(bytes, at) {
        this.carry = Buffer.from(bytes.subarray(at));
    }
    startStatement() {
        if (this.statement)
            return;
        this.statement = { line: this.line, quote: [], tokens: 0, first: '', isCopy: false, copyFromStdin: false };
    }
    /** One byte of code; the index of the last byte it took, or undefined to wait for more. */
    code(bytes, i, peek) {
        const byte = bytes[i];
        if (isSpace(byte))
            return i;
        if (byte === 0x3b && this.dollars.length === 0) {
            this.endStatement();
            return i;
        }
        if (byte === 0x2d || byte === 0x2f) {
            const next = peek(1);
            if (next === undefined)
                return undefined;
            if (byte === 0x2d && next === 0x2d) {
                this.lexer = 'line-comment';
                return i + 1;
            }
            if (byte === 0x2f && next === 0x2a) {
                this.lexer = 'block-comment';
                this.blockDepth = 1;
                return i + 1;
            }
        }
        if (byte === 0x5c) {
            // A psql meta-command: pg_restore's script has only \restrict and \unrestrict lines, alone at a line's start.
            if (this.lineStart && this.dollars.length === 0 && !this.statement) {
                this.lexer = 'meta';
                this.tokenBytes = [byte];
                return i;
            }
            this.startStatement();
            this.fail('has a backslash outside a quoted text (a psql meta-command)');
        }
        const afterWord = this.justEndedWord;
        this.justEndedWord = false;
        if (byte === 0x27 || byte === 0x22) {
            this.startStatement();
            const previous = this.previous[this.previous.length - 1];
            // E'…' (the E touching the quote) has backslash escapes, as every string has with standard_conforming_strings off.
            this.escapes = byte === 0x27 && (!this.standardStrings || (afterWord && previous?.kind === 'word' && previous.text === 'E'));
            this.lexer = byte === 0x27 ? 'string' : 'ident';
            this.tokenBytes = [];
            return i;
        }
        if (byte === 0x24) {
            // $tag$ opens a dollar quote; $1 is a parameter.
            let k = 1;
            for (;;) {
                const next = peek(k);
                if (next === undefined)
                    return undefined;
                if (next === 0x24)
                    break;
                if (next < 0 || !(isWordByte(next) && next !== 0x24) || (k === 1 && next >= 0x30 && next <= 0x39) || k > MAX_DOLLAR_TAG) {
                    this.startStatement();
                    this.token({ kind: 'punct', text: '$' });
                    return i;
                }
                k++;
            }
            const tag = bytes.subarray(i + 1, i + k).toString('latin1');
            this.startStatement();
            if (this.dollars.length === 0 || this.dollars[this.dollars.length - 1] !== tag)
                this.dollars.push(tag);
            else
                this.dollars.pop();
            this.token({ kind: 'punct', text: '$$' });
            return i + k;
        }
        if (isWordByte(byte)) {
            this.startStatement();
            this.lexer = 'word';
            this.tokenBytes = [byte];
            return i;
        }
        this.startStatement();
        this.token({ kind: 'punct', text: String.fromCharCode(byte) });
        return i;
    }
    /** A word ended at the byte being read (E'…' is a string with escapes only when the E touches the quote). */
    justEndedWord = false;
    endWord() {
        if (this.lexer !== 'word')
            return;
        this.lexer = 'code';
        this.justEndedWord = true;
        const text = Buffer.from(this.tokenBytes).toString('utf8');
        this.token({ kind: /^\d/.test(text) ? 'number' : 'word', text: text.toUpperCase() });
    }
    endMeta() {
        const line = Buffer.from(this.tokenBytes).toString('utf8').trim();
        if (/^\\(?:restrict|unrestrict) [A-Za-z0-9]+$/.test(line))
            return;
        this.statement = { line: this.line, quote: [...Buffer.from(line).subarray(0, QUOTE_BYTES)], tokens: 0, first: '', isCopy: false, copyFromStdin: false };
        this.fail(`is a psql meta-command (${line.split(/\s/)[0]}), which pg_restore writes only to reach another database`);
    }
    endStatement() {
        this.endWord();
        const pending = this.pending;
        this.pending = undefined;
        pending?.(undefined);
        const statement = this.statement;
        this.statement = undefined;
        this.previous = [];
        if (statement?.isCopy && statement.copyFromStdin)
            this.lexer = 'copy-data';
    }
    token(token) {
        const statement = this.statement;
        if (!statement)
            return;
        statement.tokens++;
        const pending = this.pending;
        this.pending = undefined;
        pending?.(token);
        const inBody = this.dollars.length > 0;
        const before = this.previous[this.previous.length - 1];
        const beforeThat = this.previous[this.previous.length - 2];
        if (token.kind === 'word') {
            if (statement.tokens === 1) {
                statement.first = token.text;
                statement.isCopy = token.text === 'COPY';
                if (token.text === 'DO')
                    this.fail('runs an anonymous code block (DO), which pg_dump never writes');
                if (token.text === 'LOAD')
                    this.fail('loads a shared library into the server (LOAD)');
            }
            const forbidden = FORBIDDEN_WORDS.get(token.text);
            if (forbidden)
                this.fail(`${forbidden} (${token.text})`);
            if (token.text.startsWith('DBLINK'))
                this.fail(`connects to another database (${token.text})`);
            if (inBody && token.text === 'EXECUTE')
                this.fail('runs dynamic SQL inside a function body (EXECUTE), which can act on anything');
            if (before?.kind === 'word') {
                const pair = FORBIDDEN_PAIRS.get(`${before.text} ${token.text}`);
                if (pair)
                    this.fail(`${pair} (${before.text} ${token.text})`);
                const verb = VERBS.get(before.text) ?? (before.text === 'REPLACE' && beforeThat?.text === 'OR' ? 'creates' : undefined);
                const object = SERVER_OBJECTS.get(token.text);
                if (verb && object) {
                    if (token.text === 'USER')
                        this.pending = (next) => (next?.text === 'MAPPING' ? this.fail('holds a login for another server (USER MAPPING)') : this.fail(`${verb} ${object} (${before.text} USER)`));
                    else
                        this.fail(`${verb} ${object} (${before.text} ${token.text})`);
                }
                if (before.text === 'LANGUAGE' && (token.text === 'C' || token.text === 'INTERNAL'))
                    this.fail(`defines a function in server code (LANGUAGE ${token.text})`);
            }
            if (statement.isCopy && token.text === 'PROGRAM')
                this.fail('runs a program on the server (COPY … PROGRAM)');
            if (statement.isCopy && statement.tokens > 1 && before?.text === 'FROM' && token.text === 'STDIN')
                statement.copyFromStdin = true;
        }
        if (token.kind === 'string') {
            if (before?.kind === 'word' && before.text === 'LANGUAGE' && ['C', 'INTERNAL'].includes(token.text.toUpperCase()))
                this.fail(`defines a function in server code (LANGUAGE ${token.text})`);
            if (statement.isCopy && (before?.text === 'FROM' || before?.text === 'TO'))
                this.fail('reads or writes a file on the server (COPY … FROM/TO a file)');
            if (before?.text === '(' && beforeThat?.text === 'SET_CONFIG' && token.text !== 'search_path')
                this.fail(`changes the setting ${token.text} with set_config`);
        }
        if (before?.text === '(' && beforeThat?.text === 'SET_CONFIG' && token.kind !== 'string')
            this.fail('changes a setting with set_config');
        if (!inBody && statement.first === 'SET')
            this.followSet(token);
        this.previous.push(token);
        if (this.previous.length > 4)
            this.previous.shift();
    }
    /** SET standard_conforming_strings and client_encoding change how the rest is read: follow them. */
    followSet(token) {
        const statement = this.statement;
        if (statement.tokens === 1)
            return;
        if (statement.setName === undefined) {
            if (token.kind === 'word' && (token.text === 'SESSION' || token.text === 'LOCAL'))
                return;
            statement.setName = token.text.toUpperCase();
            // SET NAMES 'x' takes no TO.
            statement.setValueNext = statement.setName === 'NAMES';
            return;
        }
        if (!statement.setValueNext) {
            if (token.text === '=' || token.text === 'TO')
                statement.setValueNext = true;
            return;
        }
        statement.setValueNext = false;
        const setting = statement.setName;
        if (setting !== 'STANDARD_CONFORMING_STRINGS' && setting !== 'CLIENT_ENCODING' && setting !== 'NAMES')
            return;
        const value = token.text.toUpperCase();
        if (setting === 'STANDARD_CONFORMING_STRINGS') {
            if (['ON', 'TRUE', '1', 'YES'].includes(value))
                this.standardStrings = true;
            else if (['OFF', 'FALSE', '0', 'NO'].includes(value))
                this.standardStrings = false;
            else
                this.fail(`sets standard_conforming_strings to ${token.text}, which the scan cannot follow`);
        }
        else if (UNSAFE_ENCODINGS.has(value.replace(/-/g, '')) || value === 'DEFAULT') {
            this.fail(`sets the client encoding to ${token.text}, in which a quote could hide inside a character`);
        }
    }
}

;// CONCATENATED MODULE: ./src/engines/postgresql-restore.ts







const MAX_JOBS = 4;
/** pg_restore's arguments: the archive is a file (never stdin), so it can restore tables in parallel. */
function restoreArgs(database, archive, mode, jobs) {
    return [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--no-password',
        ...(jobs > 1 ? [`--jobs=${jobs}`] : []),
        // clean: each object of the archive is dropped (if there) and made again; nothing else is touched.
        ...(mode === 'clean' ? ['--clean', '--if-exists'] : []),
        `--dbname=${(0,postgresql_connection/* conninfo */.Zf)(database)}`,
        archive
    ];
}
/**
 * The SQL of the archive's schema as this restore would run it (the same options, written as a
 * script instead of sent), read whole by the confinement scan before anything runs.
 */
function schemaScriptArgs(archive, mode) {
    return ['--schema-only', '--no-owner', '--no-privileges', ...(mode === 'clean' ? ['--clean', '--if-exists'] : []), '--file=-', archive];
}
/**
 * Reads a script pg_restore writes from the archive (`--file=-`) through the confinement scan
 * (postgresql-confinement.ts), and through `alsoRead` if given; the first refusal wins, and the
 * script is still read to its end so that pg_restore is not left writing into a closed pipe.
 */
async function readScriptConfined(pgRestore, args, database, what, timeoutMs, alsoRead) {
    const scanner = new PgScriptScanner(database.name, `the archive's ${what}`);
    let refused;
    const script = await (0,process/* runStreaming */.SL)({ command: pgRestore, args, timeoutMs }, (chunk) => {
        alsoRead?.(chunk);
        if (refused)
            return;
        try {
            scanner.push(chunk);
        }
        catch (error) {
            refused = error;
        }
    });
    if (refused)
        throw refused;
    if (script.exitCode !== 0 || script.timedOut)
        throw new Error((0,process/* describeFailure */.Ic)(`pg_restore reading the archive's ${what}`, script, timeoutMs));
    scanner.finish();
}
/** Refuses an archive whose schema SQL would act outside the target. */
function checkSchemaConfined(pgRestore, archive, database, mode, timeoutMs) {
    return readScriptConfined(pgRestore, schemaScriptArgs(archive, mode), database, 'schema', timeoutMs);
}
/**
 * Rows per table of the archive, from the table data pg_restore writes as a script; the same
 * script (COPY headers, sequence values, anything else the data section holds) is read by the
 * confinement scan, COPY's rows skipped.
 */
async function archiveRows(pgRestore, archive, database, timeoutMs) {
    const counter = new postgresql_restore_check/* CopyRowCounter */.Wc();
    await readScriptConfined(pgRestore, ['--data-only', '--file=-', archive], database, 'data', timeoutMs, (chunk) => counter.push(chunk));
    return counter.rows;
}
const postgresqlRestorer = {
    units: { object: 'rows', holder: 'table' },
    usesClient: true,
    sharedHolders: false,
    restoredObjects: (archive) => archive.size,
    restoreCheck: postgresql_restore_check/* restoreCheck */.Jr,
    async contents(database, _workDir, timeoutMs) {
        const rows = new Map();
        for (const line of (await (0,postgresql_restore_check/* psql */.tm)(database, postgresql_restore_check/* COUNT_ROWS */._u, timeoutMs)).split('\n').filter(Boolean)) {
            const [table, count] = line.split('\t');
            rows.set(table, Number(count));
        }
        return rows;
    },
    async restore({ database, file, timeoutMs, mode }) {
        const pgRestore = await (0,find/* requireTool */.Y)('pg_restore', 'install the PostgreSQL client (pg_restore)');
        // A zstd- or gzip-compressed archive (.dump.zst) is decompressed beside it first.
        const archive = await (0,restore_input/* plainFile */.dC)(file, `${file}.archive`);
        // Both scripts are read whole before pg_restore touches the target.
        await checkSchemaConfined(pgRestore, archive, database, mode, timeoutMs);
        const archiveContents = await archiveRows(pgRestore, archive, database, timeoutMs);
        const jobs = Math.min(MAX_JOBS, (0,external_node_os_.availableParallelism)());
        const result = await (0,process/* runTool */.qI)({ command: pgRestore, args: restoreArgs(database, archive, mode, jobs), env: (0,postgresql_connection/* passwordEnv */.FX)(database), timeoutMs });
        if (result.exitCode !== 0 || result.timedOut)
            throw new Error((0,process/* describeFailure */.Ic)('pg_restore', result, timeoutMs));
        const rows = [...archiveContents.values()].reduce((sum, count) => sum + count, 0);
        return {
            archive: archiveContents,
            figures: { restored: `${archiveContents.size} tables, ${rows} rows`, 'parallel jobs': jobs, ...(archive !== file ? { decompressed: 'before pg_restore' } : {}) }
        };
    }
};


/***/ }),

/***/ 27884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Do: () => (/* binding */ decompressedStream),
/* harmony export */   dC: () => (/* binding */ plainFile)
/* harmony export */ });
/* unused harmony export storedCompression */
/* harmony import */ var _util_compression_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31714);
/* harmony import */ var _util_dump_stream_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9185);
/* harmony import */ var _util_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(75787);



/** What the restores read a stored backup through: the file, decompressed by what its magic numbers say. */
async function storedCompression(file) {
    return (0,_util_compression_js__WEBPACK_IMPORTED_MODULE_0__/* .compressionOf */ .MB)(await (0,_util_files_js__WEBPACK_IMPORTED_MODULE_2__/* .readHead */ .zy)(file, 4));
}
/**
 * The file's content, decompressed as it streams when its first bytes say gzip or zstd, and
 * passed through `checks`; a damaged or cut stream, or a failed check, fails the reader (the same
 * decoders verify-integrity reads backups with).
 */
async function decompressedStream(file, ...checks) {
    return (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_1__/* .decoded */ .DH)((0,_util_compression_js__WEBPACK_IMPORTED_MODULE_0__/* .storedBytes */ .Zk)(file), await storedCompression(file), ...checks);
}
/**
 * The file itself when it is not compressed, else its content decompressed into `target` (a tool
 * that reads a file can seek in it: pg_restore --jobs needs that).
 */
async function plainFile(file, target) {
    if ((await storedCompression(file)) === 'none')
        return file;
    await (0,_util_files_js__WEBPACK_IMPORTED_MODULE_2__/* .saveStream */ .SI)(await decompressedStream(file), target);
    return target;
}


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


/***/ })

};
