export const id = 778;
export const ids = [778];
export const modules = {

/***/ 40778:
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
// EXTERNAL MODULE: ./src/util/process.ts + 1 modules
var process = __webpack_require__(59274);
// EXTERNAL MODULE: ./src/engines/postgresql/connection.ts
var connection = __webpack_require__(30792);
// EXTERNAL MODULE: ./src/engines/postgresql/content.ts
var content = __webpack_require__(65859);
// EXTERNAL MODULE: ./src/engines/postgresql/target-content.ts
var target_content = __webpack_require__(58417);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
// EXTERNAL MODULE: ./src/util/compression.ts
var compression = __webpack_require__(31714);
// EXTERNAL MODULE: ./src/util/dump-feed.ts
var dump_feed = __webpack_require__(62445);
// EXTERNAL MODULE: ./src/engines/shared/contents.ts
var contents = __webpack_require__(67979);
// EXTERNAL MODULE: ./src/engines/postgresql/psql.ts
var psql = __webpack_require__(14632);
// EXTERNAL MODULE: ./src/engines/shared/row-finder.ts
var row_finder = __webpack_require__(87622);
;// CONCATENATED MODULE: ./src/engines/postgresql/row-finder.ts









/** Keeps a row's first KEY_BYTES, where its key's fields are read from once the row has passed. */
class CopyKeyReader {
    columns;
    start = Buffer.alloc(row_finder/* KEY_BYTES */.C);
    startBytes = 0;
    constructor(columns) {
        this.columns = columns;
    }
    begin() {
        this.startBytes = 0;
    }
    update(part) {
        if (this.startBytes >= row_finder/* KEY_BYTES */.C)
            return;
        const taken = Math.min(part.length, row_finder/* KEY_BYTES */.C - this.startBytes);
        this.start.set(part.subarray(0, taken), this.startBytes);
        this.startBytes += taken;
    }
    key() {
        return keyOf(this.start.subarray(0, this.startBytes), this.columns);
    }
}
/** The table's data in the archive (`file`, compressed or not), as pg_restore writes it. */
function archiveTable(file, table, timeoutMs) {
    return async (push) => {
        const pgRestore = await (0,find/* requireTool */.Y)('pg_restore', 'install the PostgreSQL client (pg_restore)');
        const [schema, name] = qualifiedParts(table);
        const result = await (0,dump_feed/* runFed */.PX)({ command: pgRestore, args: ['--data-only', '--file=-', `--schema=${schema}`, `--table=${name}`], timeoutMs }, (0,dump_feed/* decoded */.DH)((0,compression/* storedBytes */.Zk)(file), (0,compression/* compressionOfName */.Vd)(file)), { stdout: push });
        (0,process/* requireSuccess */.z_)(`pg_restore reading ${table} of the archive`, result, timeoutMs);
    };
}
/** The table's data in a database, as the same client dumps it (pg_dump takes the quoted name as a pattern that matches it alone). */
function databaseTable(database, table, encoding, timeoutMs) {
    return async (push) => {
        const pgDump = await (0,find/* requireTool */.Y)('pg_dump', 'install the PostgreSQL client (pg_dump)');
        const result = await (0,process/* runStreaming */.SL)({
            command: pgDump,
            args: ['--data-only', '--format=plain', `--encoding=${encoding}`, `--table=${table}`, '--no-password', `--dbname=${(0,connection/* conninfo */.Z)(database)}`],
            env: { ...(0,connection/* passwordEnv */.F)(database), ...target_content/* DATA_SESSION_ENV */.Q2 },
            timeoutMs
        }, push);
        (0,process/* requireSuccess */.z_)(`pg_dump reading ${table} back`, result, timeoutMs);
    };
}
/** `"Odd ""S"""."t"` -> ['Odd "S"', 't']: a name as pg_dump writes it (quoted where needed), split and unquoted. */
function qualifiedParts(qualified) {
    const parts = [];
    let part = '';
    let quoted = false;
    for (let i = 0; i < qualified.length; i++) {
        const char = qualified[i];
        if (char === '"') {
            if (quoted && qualified[i + 1] === '"') {
                part += '"';
                i++;
            }
            else
                quoted = !quoted;
        }
        else if (char === '.' && !quoted) {
            parts.push(part);
            part = '';
        }
        else
            part += char;
    }
    parts.push(part);
    return [parts[0], parts.slice(1).join('.')];
}
/** The rows of one table's COPY data, as `read` streams it. */
function copyRows(read) {
    return async (sink, key) => {
        const counter = new content/* CopyRowCounter */.W(() => sink(key && new CopyKeyReader(key)));
        await read((chunk) => counter.push(chunk));
    };
}
/** The primary key's columns, by their place among the columns COPY writes (generated and dropped ones are not). */
const PRIMARY_KEY = (table) => `
SELECT a.attname, (SELECT count(*) FROM pg_attribute b WHERE b.attrelid = a.attrelid AND b.attnum > 0 AND b.attnum < a.attnum AND NOT b.attisdropped AND b.attgenerated = '')
FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
WHERE i.indrelid = '${table.replace(/'/g, "''")}'::regclass AND i.indisprimary
ORDER BY array_position(i.indkey::int2[], a.attnum)`;
/** `(id, region)=(7, eu)`: the key's fields of a row (COPY text, escapes kept), or undefined if its first bytes do not hold them. */
function keyOf(start, columns) {
    const fields = start.toString('utf8').split('\t');
    const values = columns.map(([, place]) => fields[place]);
    // The last field read may be cut at KEY_BYTES: only a field followed by another is whole.
    if (columns.some(([, place]) => place >= fields.length - 1 && start.length === row_finder/* KEY_BYTES */.C))
        return undefined;
    if (values.some((value) => value === undefined))
        return undefined;
    return `(${columns.map(([name]) => name).join(', ')})=(${values.join(', ')})`;
}
/**
 * The first row of `table` that the archive and the target do not hold alike, named by its
 * primary key, or said to have none; undefined where nothing differs after all.
 */
async function firstDifferingRow(archive, target, keyDatabase, table, timeoutMs) {
    return (0,row_finder/* firstDifferingRow */.J)({
        archive: copyRows(archive),
        target: copyRows(target),
        primaryKey: async () => {
            const columns = (await (0,psql/* psql */.tm)(keyDatabase, PRIMARY_KEY(table), timeoutMs))
                .split('\n')
                .filter(Boolean)
                .map((line) => line.split('\t'))
                .map(([name, place]) => [name, Number(place)]);
            return columns.length > 0 ? columns : undefined;
        },
        unreadKey: `its key is not in its first ${row_finder/* KEY_BYTES */.C} bytes`
    });
}

;// CONCATENATED MODULE: ./src/engines/postgresql/restore-check.ts













function quoteIdentifier(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/** The archive in a dump file, decompressed if it was piped through zstd (`.dump.zst`), for pg_restore's stdin. */
function archive(file) {
    return (0,dump_feed/* decoded */.DH)((0,compression/* storedBytes */.Zk)(file), (0,compression/* compressionOfName */.Vd)(file));
}
/** The source database's encoding and locale, for a scratch database that holds its text as it does. */
const SOURCE_LOCALE = `SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database WHERE datname = current_database()`;
function sqlLiteral(text) {
    return `'${text.replace(/'/g, "''")}'`;
}
/** CREATE DATABASE for the scratch: from template0, in the source's encoding and locale (template1's may differ). */
async function createScratchSql(database, name, timeoutMs) {
    const [encoding, collate, ctype] = (await (0,psql/* psql */.tm)(database, SOURCE_LOCALE, timeoutMs)).trim().split('\t');
    return `CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE template0 ENCODING ${sqlLiteral(encoding)} LC_COLLATE ${sqlLiteral(collate)} LC_CTYPE ${sqlLiteral(ctype)}`;
}
const UNITS = { object: 'rows', holder: 'table' };
/**
 * Restores the archive into a scratch database on the same server, then reads it back with
 * pg_dump and compares every table's rows and content digest with the archive's. The scratch
 * database is dropped whatever happens. The comparison is with the archive, not with the live
 * source, which may have changed since.
 */
async function restoreCheck({ database, file, timeoutMs }) {
    const pgRestore = await (0,find/* requireTool */.Y)('pg_restore', 'install the PostgreSQL client (pg_restore)');
    const counter = new content/* CopyRowCounter */.W();
    const script = await (0,dump_feed/* runFed */.PX)({ command: pgRestore, args: ['--data-only', '--file=-'], timeoutMs }, archive(file), { stdout: (chunk) => counter.push(chunk) });
    (0,process/* requireSuccess */.z_)('pg_restore reading the table data', script, timeoutMs);
    const scratchName = `restore_check_${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
    const scratch = { ...database, name: scratchName };
    try {
        await (0,psql/* psql */.tm)(database, await createScratchSql(database, scratchName, timeoutMs), timeoutMs).catch((error) => {
            throw new Error(`restore-check could not create the scratch database ${scratchName} (the user needs CREATEDB): ${(0,errors/* errorMessage */.g)(error)}`);
        });
        const restore = await (0,dump_feed/* runFed */.PX)({
            command: pgRestore,
            args: ['--no-owner', '--no-privileges', '--exit-on-error', '--no-password', `--dbname=${(0,connection/* conninfo */.Z)(scratch)}`],
            env: (0,connection/* passwordEnv */.F)(database),
            timeoutMs
        }, archive(file));
        (0,process/* requireSuccess */.z_)('restoring into the scratch database: pg_restore', restore, timeoutMs);
        const restored = await (0,target_content/* readTableData */.tZ)(scratch, counter.encoding, timeoutMs);
        const differences = (0,contents/* contentDifferences */.Ye)(counter.rows, restored.rows, UNITS);
        const counted = (0,contents/* countMismatches */.Mv)(counter.rows, restored.rows);
        const check = { archive: counter.digests(), firstDifference: (table) => firstDifferingRow(archiveTable(file, table, timeoutMs), databaseTable(scratch, table, counter.encoding, timeoutMs), scratch, table, timeoutMs) };
        differences.push(...(await (0,contents/* digestDifferences */.t1)(check, restored.digests, UNITS, counted)));
        if (differences.length > 0)
            throw new Error(`the restored database differs from the dump: ${(0,contents/* differencesText */.GQ)(differences)}`);
        return { 'restore check': `${(0,contents/* comparedText */.lp)(counter.rows, UNITS, true)} (restored into a scratch database, read back with pg_dump)` };
    }
    finally {
        await dropScratch(database, scratchName, timeoutMs);
    }
}
async function dropScratch(database, name, timeoutMs) {
    try {
        // FORCE (PostgreSQL 13 and newer) ends connections a failed restore may have left.
        await (0,psql/* psql */.tm)(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`, timeoutMs, true).catch(() => (0,psql/* psql */.tm)(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`, timeoutMs, true));
    }
    catch (error) {
        core/* warning */.$e(`the scratch database ${name} could not be dropped: drop it by hand (${(0,errors/* errorMessage */.g)(error)})`);
    }
}

// EXTERNAL MODULE: ./src/engines/shared/restore-input.ts
var restore_input = __webpack_require__(63370);
// EXTERNAL MODULE: ./src/engines/shared/confinement.ts
var confinement = __webpack_require__(49177);
// EXTERNAL MODULE: ./src/engines/shared/sql-bytes.ts
var sql_bytes = __webpack_require__(82431);
;// CONCATENATED MODULE: ./src/engines/postgresql/script-lexer.ts


/**
 * The lexer under the PostgreSQL restore's confinement scan (confinement.ts, where the rules are):
 * a streaming lexer over bytes: strings, quoted identifiers, comments, dollar quotes (whose contents
 * are read as code, their end found as the server finds it), COPY data (skipped), psql
 * meta-commands (only pg_restore's own `\restrict` and `\unrestrict`). It holds a few bytes of each
 * token and hands each token, and each statement's end, to the rules.
 */
const MAX_TOKEN_BYTES = 256;
const MAX_DOLLAR_TAG = 63;
class PgScriptLexer {
    target;
    what;
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
    /** `target`: the database restored into, for messages; `what`: which script (schema, data). */
    constructor(target, what) {
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
                    if ((0,sql_bytes/* isWordByte */.L)(byte) && !(byte === 0x24 && this.dollars.length > 0)) {
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
            else if (!(0,sql_bytes/* isSpace */.x)(byte))
                this.lineStart = false;
            if (this.statement && this.statement.quote.length < confinement/* QUOTE_BYTES */.pN && this.lexer !== 'copy-data')
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
        this.statement = this.newStatement(this.line);
    }
    /** One byte of code; the index of the last byte it took, or undefined to wait for more. */
    code(bytes, i, peek) {
        const byte = bytes[i];
        if ((0,sql_bytes/* isSpace */.x)(byte))
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
                if (next < 0 || !((0,sql_bytes/* isWordByte */.L)(next) && next !== 0x24) || (k === 1 && next >= 0x30 && next <= 0x39) || k > MAX_DOLLAR_TAG) {
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
        if ((0,sql_bytes/* isWordByte */.L)(byte)) {
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
        this.statement = { ...this.newStatement(this.line), quote: [...Buffer.from(line).subarray(0, confinement/* QUOTE_BYTES */.pN)] };
        this.fail(`is a psql meta-command (${line.split(/\s/)[0]}), which pg_restore writes only to reach another database`);
    }
}

;// CONCATENATED MODULE: ./src/engines/postgresql/confinement.ts

/**
 * Reads the SQL that pg_restore would run (its script output, `--file=-`, with the restore's own
 * options) before it runs, and refuses an archive that would act outside the target database: on
 * databases, roles, tablespaces, the server's settings or files, or another server. pg_dump's
 * archive holds SQL text per object, and an attacker who can write the bucket writes any archive;
 * an ordinary-looking one can still run code while it is restored (a function called by an index,
 * a check, a generated column or a materialized view), so function bodies are read too. The
 * streaming lexer it reads with is script-lexer.ts. The rules: docs/restore.md.
 */
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
/**
 * What a GRANT or REVOKE may act on when owners and privileges are restored: objects of the
 * database (pg_dump writes the kind every time), and the kinds of ALTER DEFAULT PRIVILEGES. Not
 * DATABASE, TABLESPACE or PARAMETER (the server's), nor a role's membership (no ON at all).
 */
const GRANTABLE_KINDS = new Set([
    'TABLE', 'SEQUENCE', 'FUNCTION', 'PROCEDURE', 'ROUTINE', 'SCHEMA', 'LARGE', 'TYPE', 'DOMAIN', 'LANGUAGE', 'FOREIGN',
    'TABLES', 'SEQUENCES', 'FUNCTIONS', 'ROUTINES', 'TYPES', 'SCHEMAS'
]);
/** Words that end the list of grantees of a GRANT … TO or REVOKE … FROM. */
const AFTER_GRANTEES = new Set(['WITH', 'CASCADE', 'RESTRICT', 'GRANTED']);
/** Client encodings in which a byte below 0x80 can be part of a character (a quote or backslash hidden inside one). */
const UNSAFE_ENCODINGS = new Set(['SJIS', 'SHIFTJIS', 'SHIFT_JIS_2004', 'MSKANJI', 'WIN932', 'BIG5', 'WIN950', 'GBK', 'WIN936', 'CP936', 'UHC', 'WIN949', 'GB18030', 'JOHAB']);
class PgScriptScanner extends PgScriptLexer {
    pending;
    privileges;
    roles = { actingAs: new Set(), grantees: new Set(), policyRoles: new Set(), ownerStatements: 0, privilegeStatements: 0 };
    /**
     * `target`: the database restored into, for messages; `what`: which script (schema, data);
     * `privileges`: the script is written with owners and privileges (no --no-owner
     * --no-privileges), so GRANT and REVOKE on the database's own objects are let through.
     */
    constructor(target, what = 'the archive', options = {}) {
        super(target, what);
        this.privileges = options.privileges ?? false;
    }
    newStatement(line) {
        return { line, quote: [], tokens: 0, first: '', isCopy: false, copyFromStdin: false };
    }
    endStatement() {
        this.endWord();
        const pending = this.pending;
        this.pending = undefined;
        pending?.(undefined);
        const statement = this.statement;
        if (statement?.grant && !statement.grant.on)
            this.fail(`grants or revokes a role's membership (${statement.grant.verb} without ON)`);
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
            if (this.privileges && !inBody)
                this.followPrivileges(statement, token, before, beforeThat);
            const forbidden = FORBIDDEN_WORDS.get(token.text);
            const privilegeWord = statement.grant && (token.text === 'GRANT' || token.text === 'REVOKE');
            if (forbidden && !privilegeWord)
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
        if (token.kind === 'ident' && statement.grant && token.text.toLowerCase() === 'pg_catalog')
            this.fail('grants or revokes privileges on a system object (pg_catalog), whose reach is the server\'s, not the archive\'s objects');
        if (token.kind === 'ident' && !inBody)
            this.nameRole(statement, token, before, beforeThat);
        if ((token.kind === 'ident' || token.kind === 'word') && !inBody)
            this.followPolicy(statement, token);
        if (!inBody && statement.first === 'SET')
            this.followSet(token);
        this.previous.push(token);
        if (this.previous.length > 4)
            this.previous.shift();
    }
    /**
     * GRANT/REVOKE as a statement (or inside ALTER DEFAULT PRIVILEGES) on an object of the
     * database; the roles it names. Role names in words are pg_dump's unquoted ones, lower case.
     */
    followPrivileges(statement, token, before, beforeThat) {
        if (statement.tokens === 3 && statement.first === 'ALTER' && before?.text === 'DEFAULT' && token.text === 'PRIVILEGES')
            statement.defaultPrivileges = true;
        if ((token.text === 'GRANT' || token.text === 'REVOKE') && !statement.grant && (statement.tokens === 1 || statement.defaultPrivileges)) {
            statement.grant = { verb: token.text, on: false, grantees: false };
            this.roles.privilegeStatements++;
            return;
        }
        const grant = statement.grant;
        if (grant && token.text === 'PG_CATALOG')
            this.fail('grants or revokes privileges on a system object (pg_catalog), whose reach is the server\'s, not the archive\'s objects');
        if (grant && !grant.on && before?.kind === 'word' && before.text === 'ON') {
            if (!GRANTABLE_KINDS.has(token.text))
                this.fail(`grants or revokes privileges on ${token.text}, which is not an object of the database`);
            grant.on = true;
            return;
        }
        this.nameRole(statement, token, before, beforeThat);
    }
    followPolicy(statement, token) {
        if (statement.tokens === 2 && statement.first === 'CREATE' && token.kind === 'word' && token.text === 'POLICY')
            statement.policy = { roles: false };
        const policy = statement.policy;
        if (!policy || statement.tokens <= 2)
            return;
        if (policy.done)
            return;
        // pg_dump writes TO before USING and WITH CHECK, whose expressions may hold a TO of their own (SIMILAR TO).
        if (token.kind === 'word' && (token.text === 'USING' || token.text === 'WITH'))
            policy.done = true;
        else if (token.kind === 'word' && token.text === 'TO')
            policy.roles = true;
        else if (policy.roles && (token.kind === 'ident' || !['PUBLIC', 'CURRENT_USER', 'CURRENT_ROLE', 'SESSION_USER'].includes(token.text))) {
            this.roles.policyRoles.add(token.kind === 'ident' ? token.text : token.text.toLowerCase());
        }
    }
    nameRole(statement, token, before, beforeThat) {
        const name = token.kind === 'ident' ? token.text : token.text.toLowerCase();
        if (before?.kind === 'word' && beforeThat?.kind === 'word' && beforeThat.text === 'OWNER' && before.text === 'TO') {
            this.roles.actingAs.add(name);
            this.roles.ownerStatements++;
            return;
        }
        if (statement.defaultPrivileges && !statement.grant && before?.kind === 'word' && beforeThat?.text === 'FOR' && (before.text === 'ROLE' || before.text === 'USER')) {
            this.roles.actingAs.add(name);
            return;
        }
        const grant = statement.grant;
        if (!grant?.on)
            return;
        if (token.kind === 'word' && token.text === (grant.verb === 'GRANT' ? 'TO' : 'FROM')) {
            grant.grantees = true;
            return;
        }
        if (!grant.grantees)
            return;
        if (token.kind === 'word' && AFTER_GRANTEES.has(token.text))
            grant.grantees = false;
        else if (token.kind === 'ident' || (token.kind === 'word' && token.text !== 'PUBLIC' && token.text !== 'GROUP'))
            this.roles.grantees.add(name);
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/engines/postgresql/restore-fidelity.ts





/**
 * What a PostgreSQL restore keeps of the source beyond tables and rows: owners, privileges and
 * default privileges (when the target has every role they name), the database's comment and
 * `ALTER DATABASE … SET` settings (put onto the target's name), and a restore in one transaction
 * so that a failure leaves the target as it was. docs/restore.md says why each is done so.
 */
const DEFAULT_FIDELITY = { ownership: 'require', databaseSettings: 'require', atomic: true };
const SKIP_SETTINGS_HINT = 'restore-database-settings: skip restores without them';
/** Settings no restore puts on a database: they change who every later session is, or load server code into it. */
const REFUSED_SETTINGS = new Set(['role', 'session_authorization', 'session_preload_libraries', 'local_preload_libraries', 'shared_preload_libraries']);
function restore_fidelity_quoteIdentifier(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/** Standard-conforming (as every psql session the action opens is): quotes doubled, backslashes literal. */
function quoteLiteral(value) {
    return `'${value.replace(/'/g, "''")}'`;
}
/** psql's error without the values it quotes after the first name (a setting's value may be a secret). */
function errorWithoutValues(error) {
    const message = error.message;
    const line = /ERROR:\s+(.*)/.exec(message)?.[1] ?? 'psql failed';
    let seen = 0;
    return line.replace(/"[^"]*"/g, (quoted) => (seen++ === 0 ? quoted : '"…"'));
}
function listed(names) {
    return [...names].sort().map((name) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : restore_fidelity_quoteIdentifier(name))).join(', ');
}
/** The target's roles, and whether the restoring user may make each an owner (a member of it: always, for a superuser). */
async function targetRoles(database, timeoutMs) {
    const roles = new Map();
    const out = await (0,psql/* psql */.tm)(database, "SELECT to_json(rolname)::text, pg_has_role(oid, 'MEMBER') FROM pg_roles", timeoutMs);
    for (const line of out.split('\n').filter(Boolean)) {
        const [name, member] = line.split('\t');
        roles.set(JSON.parse(name), member === 't');
    }
    return roles;
}
/**
 * Whether owners and grants can be restored: every role the archive's schema names must be on
 * the target (restore-globals has already created the backup's roles by now), and the restoring
 * user must be a member of each owner. Else, nothing restored yet, it fails naming the roles,
 * unless restore-ownership is skip; then the figures say what was left out.
 */
async function planOwnership(database, named, ownership, timeoutMs, counted = true) {
    const what = counted ? `owners of ${named.ownerStatements} objects and ${named.privilegeStatements} GRANT/REVOKE statements` : 'owners and grants';
    const roles = await targetRoles(database, timeoutMs);
    // Policies name their roles whatever the options: without them the restore cannot succeed.
    const policyMissing = [...named.policyRoles].filter((name) => !roles.has(name));
    if (policyMissing.length > 0) {
        throw new Error(`the archive's row-level security policies name roles the target does not have: ${listed(policyMissing)}: nothing was restored. ` +
            'Create them first (restore-globals: true creates the roles a backup made with include-globals holds)');
    }
    const missing = new Set([...named.actingAs, ...named.grantees].filter((name) => !roles.has(name)));
    const notMember = new Set([...named.actingAs].filter((name) => roles.get(name) === false));
    const problems = [
        ...(missing.size > 0 ? [`roles the target does not have: ${listed(missing)}`] : []),
        ...(notMember.size > 0 ? [`roles ${database.user} is not a member of, so cannot make owners: ${listed(notMember)}`] : [])
    ];
    if (ownership === 'skip') {
        return {
            restore: false,
            figures: { 'owners and grants': `not restored (restore-ownership: skip): ${what}${problems.length > 0 ? ` (${problems.join('; ')})` : ''}; every object is owned by ${database.user}` }
        };
    }
    if (problems.length > 0) {
        throw new Error(`the archive's owners and grants name ${problems.join(', and ')}: nothing was restored. Create them first (restore-globals: true creates the roles a backup made with include-globals holds), ` +
            `or set restore-ownership: skip to restore without owners and grants (every object then owned by ${database.user})`);
    }
    const rolesNamed = new Set([...named.actingAs, ...named.grantees, ...named.policyRoles]);
    return { restore: true, figures: { 'owners and grants': `restored: ${what}, ${rolesNamed.size} roles (${listed(rolesNamed)})` } };
}
/**
 * The statements of pg_restore's script of the database entries (standard-conforming strings, as
 * pg_restore writes them), psql meta-command lines and comments left out.
 */
function scriptStatements(script) {
    const statements = [];
    let tokens = [];
    let i = 0;
    let lineStart = true;
    while (i < script.length) {
        const char = script[i];
        if (char === '\n') {
            lineStart = true;
            i++;
            continue;
        }
        if (lineStart && char === '\\') {
            while (i < script.length && script[i] !== '\n')
                i++;
            continue;
        }
        lineStart = false;
        if (/\s/.test(char)) {
            i++;
        }
        else if (char === '-' && script[i + 1] === '-') {
            while (i < script.length && script[i] !== '\n')
                i++;
        }
        else if (char === "'" || char === '"') {
            let text = '';
            i++;
            for (;;) {
                if (i >= script.length)
                    throw new Error('the archive\'s database entries leave a quoted text open');
                if (script[i] === char) {
                    if (script[i + 1] === char) {
                        text += char;
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                text += script[i++];
            }
            tokens.push({ kind: char === "'" ? 'string' : 'ident', text });
        }
        else if (/[A-Za-z0-9_$.+-]/.test(char)) {
            let text = '';
            while (i < script.length && /[A-Za-z0-9_$.+-]/.test(script[i]))
                text += script[i++];
            tokens.push({ kind: 'word', text });
        }
        else {
            if (char === ';') {
                if (tokens.length > 0)
                    statements.push({ tokens });
                tokens = [];
            }
            else
                tokens.push({ kind: 'punct', text: char });
            i++;
        }
    }
    if (tokens.length > 0)
        statements.push({ tokens });
    return statements;
}
const words = (statement, count) => statement.tokens
    .slice(0, count)
    .map((token) => token.text)
    .join(' ');
/** Reads the comment and settings of the archive's database entries (`COMMENT - DATABASE`, `DATABASE PROPERTIES`). */
function parseDatabaseProperties(script) {
    const properties = { settings: [], notApplied: [] };
    for (const statement of scriptStatements(script)) {
        const tokens = statement.tokens;
        const upper = (at) => (tokens[at]?.kind === 'word' ? tokens[at].text.toUpperCase() : '');
        if (upper(0) === 'SET' || (upper(0) === 'SELECT' && tokens[1]?.text === 'pg_catalog.set_config'))
            continue;
        if (upper(0) === 'COMMENT' && upper(1) === 'ON' && upper(2) === 'DATABASE' && upper(4) === 'IS' && tokens.length === 6) {
            if (tokens[5].kind === 'string')
                properties.comment = tokens[5].text;
            continue;
        }
        if (upper(0) === 'ALTER' && upper(1) === 'DATABASE' && upper(3) === 'SET' && upper(5) === 'TO' && tokens.length > 6) {
            const name = tokens[4].kind === 'ident' ? tokens[4].text : tokens[4].text.toLowerCase();
            const values = tokens.slice(6);
            const parts = [];
            let valid = true;
            values.forEach((token, at) => {
                if (at % 2 === 1)
                    valid &&= token.kind === 'punct' && token.text === ',';
                else if (token.kind === 'string')
                    parts.push(quoteLiteral(token.text));
                else if (token.kind === 'word' && /^[A-Za-z0-9_.+-]+$/.test(token.text))
                    parts.push(token.text);
                else
                    valid = false;
            });
            if (valid && values.length % 2 === 1) {
                properties.settings.push({ name, value: parts.join(', ') });
                continue;
            }
        }
        properties.notApplied.push(`${words(statement, upper(0) === 'ALTER' && upper(1) === 'ROLE' ? 5 : 3)} …`);
    }
    return properties;
}
/** The statements that put the properties onto the target's own name: the only database they touch. */
function propertyStatements(target, properties) {
    return [
        ...(properties.comment !== undefined ? [`COMMENT ON DATABASE ${restore_fidelity_quoteIdentifier(target)} IS ${quoteLiteral(properties.comment)}`] : []),
        ...properties.settings.map((setting) => `ALTER DATABASE ${restore_fidelity_quoteIdentifier(target)} SET ${restore_fidelity_quoteIdentifier(setting.name)} TO ${setting.value}`)
    ];
}
/** The archive's database entries, as pg_restore --create writes them (they are left out of any restore without --create). */
async function readDatabaseEntries(pgRestore, archive, workDir, timeoutMs) {
    const list = await (0,process/* runTool */.qI)({ command: pgRestore, args: ['--create', '--list', archive], timeoutMs });
    (0,process/* requireSuccess */.z_)('pg_restore listing the archive', list, timeoutMs);
    const entries = list.stdout.split('\n').filter((line) => /^\d+; \d+ \d+ (COMMENT - DATABASE |DATABASE PROPERTIES - )/.test(line));
    if (entries.length === 0)
        return '';
    const listFile = (0,external_node_path_.join)(workDir, 'database-entries.list');
    await (0,promises_.writeFile)(listFile, `${entries.join('\n')}\n`);
    const script = await (0,process/* runTool */.qI)({ command: pgRestore, args: ['--create', `--use-list=${listFile}`, '--file=-', archive], timeoutMs });
    (0,process/* requireSuccess */.z_)("pg_restore reading the archive's database entries", script, timeoutMs);
    return script.stdout;
}
/**
 * The database's comment and settings, read from the archive and tried on the target in a
 * transaction rolled back (the user must own the database, values must be valid), before
 * anything is restored; applied for real once the restore succeeded.
 */
async function planDatabaseSettings(pgRestore, archive, database, workDir, choice, timeoutMs) {
    const properties = parseDatabaseProperties(await readDatabaseEntries(pgRestore, archive, workDir, timeoutMs));
    const names = properties.settings.map((setting) => setting.name);
    const held = [...(properties.comment !== undefined ? ['comment'] : []), ...(names.length > 0 ? [`settings ${names.join(', ')}`] : [])].join(' and ');
    const notApplied = properties.notApplied.length > 0 ? { 'database entries not restored': properties.notApplied.join('; ') } : {};
    if (!held)
        return { apply: async () => { }, figures: { 'database settings': 'none in the archive', ...notApplied } };
    if (choice === 'skip')
        return { apply: async () => { }, figures: { 'database settings': `not restored (restore-database-settings: skip): the archive's ${held}`, ...notApplied } };
    const refused = names.filter((name) => REFUSED_SETTINGS.has(name.toLowerCase()));
    if (refused.length > 0) {
        throw new Error(`the archive's database settings set ${refused.join(', ')}, which changes who every later session is or loads server code: nothing was restored (${SKIP_SETTINGS_HINT})`);
    }
    const statements = propertyStatements(database.name, properties);
    try {
        await (0,psql/* psql */.tm)(database, `BEGIN; ${statements.join('; ')}; ROLLBACK`, timeoutMs);
    }
    catch (error) {
        throw new Error(`the archive's database ${held} cannot be put on database "${database.name}" (tried in a transaction rolled back): ${errorWithoutValues(error)}; nothing was restored (${SKIP_SETTINGS_HINT})`);
    }
    return {
        apply: async () => {
            try {
                await (0,psql/* psql */.tm)(database, `BEGIN; ${statements.join('; ')}; COMMIT`, timeoutMs);
            }
            catch (error) {
                throw new Error(`the tables were restored, but the database's ${held} could not be put on database "${database.name}": ${errorWithoutValues(error)}`);
            }
        },
        figures: { 'database settings': `restored onto "${database.name}": ${held}`, ...notApplied }
    };
}
/** The pg_restore failure described with the state it leaves the target in. */
async function describeRestoreFailure(failure, atomic, database, archive, timeoutMs) {
    if (atomic) {
        const locks = /max_locks_per_transaction/.test(failure)
            ? ' The server ran out of lock slots: restoring every table in one transaction takes a lock on each table, index and sequence, at most max_locks_per_transaction × (max_connections + max_prepared_transactions) in all; raise max_locks_per_transaction on the target, or set restore-atomic: false.'
            : '';
        return `${failure}. The restore ran in one transaction (restore-atomic), rolled back: the target is as it was before.${locks}`;
    }
    let held;
    try {
        held = await (0,target_content/* tableRows */.QE)(database, timeoutMs);
    }
    catch {
        return `${failure}. The target is partly restored (restore-atomic: false), and could not be read to say how far`;
    }
    const missing = [...archive.keys()].filter((table) => !held.has(table));
    const short = [...archive.entries()].filter(([table, rows]) => held.has(table) && (held.get(table) ?? 0) < rows).map(([table]) => table);
    const name = (tables) => `${tables.slice(0, 10).join(', ')}${tables.length > 10 ? `, and ${tables.length - 10} more` : ''}`;
    return (`${failure}. The target is partly restored (restore-atomic: false): it holds ${archive.size - missing.length} of the archive's ${archive.size} tables` +
        (missing.length > 0 ? `; not created: ${name(missing)}` : '') +
        (short.length > 0 ? `; with fewer rows than the archive: ${name(short)}` : '') +
        '; indexes, constraints, policies and sequence values of the entries after the failure are missing. Restore again into an empty database, or with restore-mode: clean');
}

;// CONCATENATED MODULE: ./src/engines/postgresql/restore.ts












const MAX_JOBS = 4;
/**
 * pg_restore's arguments: the archive is a file (never stdin). `owners`: with the archive's owners
 * and privileges (else --no-owner --no-privileges: everything owned by the restoring user).
 * `singleTransaction`: all or nothing; it excludes --jobs, so jobs is then 1.
 */
function restoreArgs(database, archive, mode, jobs, options = { owners: false, singleTransaction: false }) {
    return [
        ...(options.owners ? [] : ['--no-owner', '--no-privileges']),
        '--exit-on-error',
        '--no-password',
        ...(options.singleTransaction ? ['--single-transaction'] : jobs > 1 ? [`--jobs=${jobs}`] : []),
        // clean: each object of the archive is dropped (if there) and made again; nothing else is touched.
        ...(mode === 'clean' ? ['--clean', '--if-exists'] : []),
        `--dbname=${(0,connection/* conninfo */.Z)(database)}`,
        archive
    ];
}
/**
 * The SQL of the archive's schema as this restore would run it (the same options, written as a
 * script instead of sent), read whole by the confinement scan before anything runs.
 */
function schemaScriptArgs(archive, mode, owners = false) {
    return ['--schema-only', ...(owners ? [] : ['--no-owner', '--no-privileges']), ...(mode === 'clean' ? ['--clean', '--if-exists'] : []), '--file=-', archive];
}
/**
 * Reads a script pg_restore writes from the archive (`--file=-`) through the confinement scan
 * (confinement.ts), and through `alsoRead` if given; the first refusal wins, and the
 * script is still read to its end so that pg_restore is not left writing into a closed pipe.
 */
async function readScriptConfined(pgRestore, args, database, what, timeoutMs, alsoRead, privileges = false) {
    const scanner = new PgScriptScanner(database.name, `the archive's ${what}`, { privileges });
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
    (0,process/* requireSuccess */.z_)(`pg_restore reading the archive's ${what}`, script, timeoutMs);
    scanner.finish();
    return scanner.roles;
}
/**
 * Refuses an archive whose schema SQL would act outside the target, reading the script that will
 * run (with owners and privileges unless restore-ownership is skip), and says whether owners and
 * grants are restored (restore-fidelity.ts).
 */
async function checkSchemaConfined(pgRestore, archive, database, mode, ownership, timeoutMs) {
    const read = (owners) => readScriptConfined(pgRestore, schemaScriptArgs(archive, mode, owners), database, 'schema', timeoutMs, undefined, owners);
    if (ownership === 'require') {
        const named = await read(true).catch((error) => {
            // pg_dump writes a grant made by another than the owner under SET SESSION AUTHORIZATION, which is refused.
            throw error instanceof confinement/* ConfinementError */.Dy ? new confinement/* ConfinementError */.Dy(`${error.message} (the schema read with its owners and privileges: restore-ownership: skip restores without them)`) : error;
        });
        return planOwnership(database, named, ownership, timeoutMs);
    }
    const run = await read(false);
    // Only to say what is left out: a script that is not run may be refused without harm.
    const named = await read(true).catch(() => undefined);
    return planOwnership(database, named ?? run, ownership, timeoutMs, named !== undefined);
}
/**
 * Rows and content digests per table of the archive, from the table data pg_restore writes as a
 * script; the same script (COPY headers, sequence values, anything else the data section holds)
 * is read by the confinement scan, COPY's rows skipped.
 */
async function archiveData(pgRestore, archive, database, timeoutMs) {
    const counter = new content/* CopyRowCounter */.W();
    await readScriptConfined(pgRestore, ['--data-only', '--file=-', archive], database, 'data', timeoutMs, (chunk) => counter.push(chunk));
    return counter;
}
/**
 * The content comparison of a restore: the archive's digests against the target's, read back
 * with pg_dump in the archive's encoding; none where the two servers write the same values as
 * different text (the reason goes in the figures).
 */
async function contentCheck(counter, archive, database, timeoutMs) {
    const differs = (0,target_content/* textDiffers */.JJ)(counter.dumpedFromMajor, await (0,target_content/* serverMajor */.jk)(database, timeoutMs));
    if (differs)
        return { figures: { 'content digests': `not compared: ${differs}` } };
    return {
        content: {
            archive: counter.digests(),
            readTarget: async () => (await (0,target_content/* readTableData */.tZ)(database, counter.encoding, timeoutMs)).digests,
            firstDifference: (table) => firstDifferingRow(archiveTable(archive, table, timeoutMs), databaseTable(database, table, counter.encoding, timeoutMs), database, table, timeoutMs)
        },
        figures: {}
    };
}
const postgresqlRestorer = {
    units: { object: 'rows', holder: 'table' },
    usesClient: true,
    sharedHolders: false,
    restoredObjects: (archive) => archive.size,
    restoreCheck: restoreCheck,
    contents: (database, _workDir, timeoutMs) => (0,target_content/* tableRows */.QE)(database, timeoutMs),
    async restore({ database, file, workDir, timeoutMs, mode, fidelity = DEFAULT_FIDELITY }) {
        const pgRestore = await (0,find/* requireTool */.Y)('pg_restore', 'install the PostgreSQL client (pg_restore)');
        // A zstd- or gzip-compressed archive (.dump.zst) is decompressed beside it first.
        const archive = await (0,restore_input/* plainFile */.dC)(file, `${file}.archive`);
        // Both scripts are read whole before pg_restore touches the target.
        const owners = await checkSchemaConfined(pgRestore, archive, database, mode, fidelity.ownership, timeoutMs);
        const settings = await planDatabaseSettings(pgRestore, archive, database, workDir, fidelity.databaseSettings, timeoutMs);
        const data = await archiveData(pgRestore, archive, database, timeoutMs);
        const archiveContents = data.rows;
        const jobs = fidelity.atomic ? 1 : Math.min(MAX_JOBS, (0,external_node_os_.availableParallelism)());
        const args = restoreArgs(database, archive, mode, jobs, { owners: owners.restore, singleTransaction: fidelity.atomic });
        const result = await (0,process/* runTool */.qI)({ command: pgRestore, args, env: (0,connection/* passwordEnv */.F)(database), timeoutMs });
        if ((0,process/* toolFailed */.QA)(result))
            throw new Error(await describeRestoreFailure((0,process/* describeFailure */.Ic)('pg_restore', result, timeoutMs), fidelity.atomic, database, archiveContents, timeoutMs));
        await settings.apply();
        const rows = [...archiveContents.values()].reduce((sum, count) => sum + count, 0);
        const { content, figures } = await contentCheck(data, archive, database, timeoutMs);
        return {
            archive: archiveContents,
            content,
            figures: {
                restored: `${archiveContents.size} tables, ${rows} rows`,
                'parallel jobs': jobs,
                transaction: fidelity.atomic ? 'one (restore-atomic): a failure leaves the target as it was' : 'none (restore-atomic: false): a failure leaves the target partly restored',
                ...owners.figures,
                ...settings.figures,
                ...(archive !== file ? { decompressed: 'before pg_restore' } : {}),
                ...figures
            }
        };
    }
};


/***/ }),

/***/ 49177:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dy: () => (/* binding */ ConfinementError),
/* harmony export */   pN: () => (/* binding */ QUOTE_BYTES),
/* harmony export */   x5: () => (/* binding */ refusal)
/* harmony export */ });
/* unused harmony exports QUOTE_CHARS, quoteStatement */
/**
 * What the restores share to keep a backup inside its target: the error that names the offending
 * statement and where it is, so that a refused backup says what to look at.
 */
/** The most of a statement an error quotes. */
const QUOTE_CHARS = 80;
/** Of a statement, the first bytes a lexer keeps to quote it (quoteStatement cuts them to QUOTE_CHARS). */
const QUOTE_BYTES = 120;
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

/***/ 63370:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Do: () => (/* binding */ decompressedStream),
/* harmony export */   dC: () => (/* binding */ plainFile)
/* harmony export */ });
/* unused harmony export storedCompression */
/* harmony import */ var _util_compression_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31714);
/* harmony import */ var _util_dump_feed_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62445);
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
    return (0,_util_dump_feed_js__WEBPACK_IMPORTED_MODULE_1__/* .decoded */ .DH)((0,_util_compression_js__WEBPACK_IMPORTED_MODULE_0__/* .storedBytes */ .Zk)(file), await storedCompression(file), ...checks);
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

/***/ 87622:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ KEY_BYTES),
/* harmony export */   J: () => (/* binding */ firstDifferingRow)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_content_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41594);


/**
 * Naming the first row of a table that differs between an archive and a restored database, once
 * their digests differ: each side's rows are hashed into buckets by their hash (one pass each),
 * then the rows of the first bucket that differs are kept by hash with their key (one more pass
 * each), so that memory holds one bucket's rows, never the table. A row is named by its primary
 * key, never by its values. The engines read the rows (postgresql/row-finder.ts,
 * mysql/row-finder.ts); this is what they share.
 */
/** Buckets of the first pass: a bucket of a table of n rows holds about n / 4096 of them. */
const BUCKET_BITS = 12;
/** Of a row, the bytes its key is read from at most: a longer key is not named. */
const KEY_BYTES = 4096;
function bucketOf(rowHash) {
    return rowHash.readUInt16BE(0) >> (16 - BUCKET_BITS);
}
/** Hashes each row (whole or in parts) and hands the hash, with the key reader that read the same row, to `done`. */
class RowHasher {
    done;
    keys;
    hash;
    constructor(done, keys) {
        this.done = done;
        this.keys = keys;
    }
    add(row) {
        this.keys?.begin();
        this.keys?.update(row);
        this.done((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(row).digest(), this.keys);
    }
    begin() {
        this.hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
        this.keys?.begin();
    }
    update(part) {
        this.hash?.update(part);
        this.keys?.update(part);
    }
    end() {
        if (this.hash)
            this.done(this.hash.digest(), this.keys);
        this.hash = undefined;
    }
}
/** Each row's content digest per bucket, of one side. */
async function bucketDigests(read) {
    const buckets = Array.from({ length: 1 << BUCKET_BITS }, () => new _util_content_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .ContentDigest */ .e());
    await read(() => new RowHasher((rowHash) => buckets[bucketOf(rowHash)].add(rowHash), undefined), undefined);
    return buckets.map((bucket) => bucket.text());
}
async function collectBucket(read, key, bucket, rows, sign) {
    await read((keys) => new RowHasher((rowHash, reader) => {
        if (bucketOf(rowHash) !== bucket)
            return;
        const id = rowHash.toString('base64');
        // The reader holds this row's key only until the next row begins: read now, once per distinct row.
        const row = rows.get(id) ?? { surplus: 0, key: reader?.key() };
        row.surplus += sign;
        rows.set(id, row);
    }, keys), key);
}
/**
 * The first row of the table that the archive and the target do not hold alike, named by its
 * primary key, or said to have none; undefined where nothing differs after all.
 */
async function firstDifferingRow(table) {
    const [archiveBuckets, targetBuckets] = [await bucketDigests(table.archive), await bucketDigests(table.target)];
    const bucket = archiveBuckets.findIndex((digest, index) => digest !== targetBuckets[index]);
    if (bucket < 0)
        return undefined;
    const key = await table.primaryKey();
    const rows = new Map();
    await collectBucket(table.archive, key, bucket, rows, 1);
    await collectBucket(table.target, key, bucket, rows, -1);
    const row = [...rows.values()].find(({ surplus }) => surplus !== 0);
    if (!row)
        return undefined;
    const where = row.surplus > 0 ? 'of the backup, which the target does not hold as it was' : 'of the target, which the backup does not hold';
    if (key === undefined)
        return `a row ${where} (the table has no primary key to name it by)`;
    return row.key ? `the row ${row.key} ${where}` : `a row ${where} (${table.unreadKey})`;
}


/***/ }),

/***/ 82431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ isWordByte),
/* harmony export */   x: () => (/* binding */ isSpace)
/* harmony export */ });
/** The bytes of SQL text as the restores' confinement lexers (MySQL's and PostgreSQL's) read them. */
/** A byte of an unquoted word: ASCII letters and digits, `_`, `$`, and every byte of a multi-byte UTF-8 character. */
function isWordByte(byte) {
    return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f || byte === 0x24 || byte >= 0x80;
}
/** Space, tab, line feed, vertical tab, form feed, carriage return. */
function isSpace(byte) {
    return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}


/***/ })

};
