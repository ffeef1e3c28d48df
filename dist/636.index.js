export const id = 636;
export const ids = [636];
export const modules = {

/***/ 44636:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postgresqlGlobals: () => (/* binding */ postgresqlGlobals)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./src/engines/postgresql/client.ts
var client = __webpack_require__(70895);
// EXTERNAL MODULE: ./src/tools/find.ts
var find = __webpack_require__(93192);
// EXTERNAL MODULE: ./src/tools/versions.ts
var versions = __webpack_require__(62578);
// EXTERNAL MODULE: ./src/util/compression.ts
var compression = __webpack_require__(31714);
// EXTERNAL MODULE: ./src/util/dump-stream.ts
var dump_stream = __webpack_require__(9185);
// EXTERNAL MODULE: ./src/util/dump-feed.ts
var dump_feed = __webpack_require__(62445);
// EXTERNAL MODULE: ./src/util/process.ts + 1 modules
var process = __webpack_require__(59274);
// EXTERNAL MODULE: ./src/engines/postgresql/connection.ts
var connection = __webpack_require__(30792);
// EXTERNAL MODULE: ./src/engines/postgresql/psql.ts
var psql = __webpack_require__(14632);
;// CONCATENATED MODULE: ./src/engines/postgresql/globals-quoting.ts
/** Quoting, as the action writes a globals script's statements again from their parts. */
/** A role or setting name, always double-quoted (so a name is never read as a keyword such as CURRENT_USER). */
function quoteIdent(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/** A string literal that reads the same whatever standard_conforming_strings is: E'' with doubled backslashes when it holds one. */
function quoteLiteral(value) {
    const doubled = value.replace(/'/g, "''");
    return value.includes('\\') ? `E'${doubled.replace(/\\/g, '\\\\')}'` : `'${doubled}'`;
}
/** A name as shown in messages and figures: UTF-8 read back from the bytes, quoted unless plain. */
function displayName(name) {
    const text = Buffer.from(name, 'latin1').toString('utf8');
    return /^[a-z_][a-z0-9_]*$/.test(text) ? text : quoteIdent(text);
}

;// CONCATENATED MODULE: ./src/engines/postgresql/globals-plan.ts

function describeGrant(grant) {
    return `${displayName(grant.role)} TO ${displayName(grant.member)}`;
}
/**
 * What of a parsed script runs on a target that has the roles `existing`: a role the target has
 * is never created again or altered; a membership with such a role (a PostgreSQL role such as
 * pg_read_all_data, or one the target already had) is granted only with `grantsWithExistingRoles`.
 */
function planGlobals(script, existing, grantsWithExistingRoles) {
    const existed = script.created.filter((role) => existing.has(role));
    const isNew = (role) => script.created.includes(role) && !existing.has(role);
    const statements = script.roleStatements.filter((statement) => isNew(statement.role)).map((statement) => statement.sql);
    const plan = { settings: script.settings, statements, created: script.created.filter(isNew), existed, granted: [], grantedWithExisting: [], notGranted: [] };
    for (const grant of script.memberships) {
        const roles = [grant.role, grant.member, ...(grant.grantor === undefined ? [] : [grant.grantor])];
        const missing = roles.filter((role) => !isNew(role) && !existing.has(role));
        const withExisting = [grant.role, grant.member].filter((role) => existing.has(role));
        if (missing.length > 0) {
            plan.notGranted.push(`${describeGrant(grant)} (${missing.map(displayName).join(', ')} not on the target)`);
            continue;
        }
        if (withExisting.length > 0 && !grantsWithExistingRoles) {
            plan.notGranted.push(`${describeGrant(grant)} (${withExisting.map(displayName).join(', ')} already on the target)`);
            continue;
        }
        statements.push(`${grant.sql}${grant.grantor === undefined ? '' : ` GRANTED BY ${quoteIdent(grant.grantor)}`};`);
        plan.granted.push(describeGrant(grant));
        if (withExisting.length > 0)
            plan.grantedWithExisting.push(describeGrant(grant));
    }
    return plan;
}

;// CONCATENATED MODULE: ./src/engines/postgresql/globals-lexer.ts
/**
 * Splitting a stored globals script into statements of tokens and psql meta-command lines, before
 * globals-script.ts parses them against the allow-list. The script is a latin1 string (one
 * character per byte, see globals-script.ts).
 */
/** PostgreSQL's identifier limit (NAMEDATALEN - 1 bytes): a longer name would be cut to another. */
const MAX_NAME_BYTES = 63;
/** What a refused line is shown as: its start, cut before any string literal (a password may follow), control characters escaped. */
function quoteOf(text) {
    const firstLine = text.split('\n')[0];
    const literal = firstLine.indexOf("'");
    const head = literal === -1 ? firstLine : firstLine.slice(0, literal);
    const cut = head.length > 80 ? `${Buffer.from(head.slice(0, 80), 'latin1').toString('utf8')}…` : Buffer.from(head, 'latin1').toString('utf8');
    const shown = literal === -1 || head.length > 80 ? cut : `${cut}'…'`;
    // eslint-disable-next-line no-control-regex
    return `"${shown.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}
const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_]/;
/**
 * Splits the script into statements of tokens and psql meta-command lines. Anything psql or the
 * server would read differently from what is parsed here is refused: dollar quotes, U&'' and
 * B'' forms, block comments, `:variables`, a backslash outside a literal except at the start of
 * a line, escapes other than `\\` in E'' literals, and a plain literal holding a backslash (which
 * pg_dumpall always writes as E'').
 */
function lex(script) {
    const statements = [];
    const metaCommands = [];
    const refusals = [];
    let tokens = [];
    let start = 0;
    let line = 1;
    let i = 0;
    const refuse = (at, from, reason) => {
        refusals.push({ line: at, quote: quoteOf(script.slice(from)), reason });
        return { statements, metaCommands, refusals };
    };
    while (i < script.length) {
        const char = script[i];
        if (char === '\n') {
            line++;
            i++;
            continue;
        }
        if (char === ' ' || char === '\t' || char === '\r' || char === '\f') {
            i++;
            continue;
        }
        if (char === '-' && script[i + 1] === '-') {
            while (i < script.length && script[i] !== '\n')
                i++;
            continue;
        }
        if (tokens.length === 0)
            start = i;
        const tokenLine = line;
        if (char === '\\') {
            const lineStart = script.lastIndexOf('\n', i - 1) + 1;
            if (tokens.length > 0 || script.slice(lineStart, i).trim() !== '')
                return refuse(line, tokens.length > 0 ? start : lineStart, 'a psql meta-command inside a statement');
            const end = script.indexOf('\n', i) === -1 ? script.length : script.indexOf('\n', i);
            metaCommands.push({ line, text: script.slice(i, end) });
            i = end;
            continue;
        }
        if (char === "'" || ((char === 'E' || char === 'e') && script[i + 1] === "'")) {
            const escaped = char !== "'";
            let j = escaped ? i + 2 : i + 1;
            let value = '';
            for (;;) {
                if (j >= script.length)
                    return refuse(tokenLine, start, 'a string literal that is never closed');
                const c = script[j];
                if (c === "'") {
                    if (script[j + 1] === "'") {
                        value += "'";
                        j += 2;
                        continue;
                    }
                    j++;
                    break;
                }
                // PostgreSQL text never holds a NUL; psql's line reader would cut the line at one.
                if (c === '\0')
                    return refuse(tokenLine, start, 'a NUL byte in a string literal');
                if (c === '\\') {
                    if (!escaped)
                        return refuse(tokenLine, start, 'a backslash in a plain string literal (pg_dumpall writes such a literal as E\'…\')');
                    if (script[j + 1] !== '\\')
                        return refuse(tokenLine, start, 'an escape other than \\\\ in an E\'…\' literal');
                    value += '\\';
                    j += 2;
                    continue;
                }
                if (c === '\n')
                    line++;
                value += c;
                j++;
            }
            tokens.push({ kind: 'string', text: value, line: tokenLine });
            i = j;
            continue;
        }
        if (char === '"') {
            let j = i + 1;
            let value = '';
            for (;;) {
                if (j >= script.length)
                    return refuse(tokenLine, start, 'a quoted identifier that is never closed');
                const c = script[j];
                if (c === '\0')
                    return refuse(tokenLine, start, 'a NUL byte in a quoted identifier');
                if (c === '"') {
                    if (script[j + 1] === '"') {
                        value += '"';
                        j += 2;
                        continue;
                    }
                    j++;
                    break;
                }
                if (c === '\n')
                    line++;
                value += c;
                j++;
            }
            if (value === '' || value.length > MAX_NAME_BYTES)
                return refuse(tokenLine, start, `a quoted identifier that is empty or longer than ${MAX_NAME_BYTES} bytes`);
            tokens.push({ kind: 'ident', text: value, line: tokenLine });
            i = j;
            continue;
        }
        if (WORD_START.test(char)) {
            let j = i + 1;
            while (j < script.length && WORD_PART.test(script[j]))
                j++;
            // U&'…', B'…', X'…', N'…', a word run into a quote or a $: forms pg_dumpall never writes.
            if (script[j] === "'" || script[j] === '"' || script[j] === '$' || script[j] === '&')
                return refuse(tokenLine, start, 'a quoting form pg_dumpall does not write');
            if (j - i > MAX_NAME_BYTES)
                return refuse(tokenLine, start, `a name longer than ${MAX_NAME_BYTES} bytes`);
            tokens.push({ kind: 'word', text: script.slice(i, j), line: tokenLine });
            i = j;
            continue;
        }
        if (/[0-9]/.test(char) || (char === '-' && /[0-9]/.test(script[i + 1] ?? ''))) {
            let j = i + 1;
            while (j < script.length && /[0-9.]/.test(script[j]))
                j++;
            tokens.push({ kind: 'number', text: script.slice(i, j), line: tokenLine });
            i = j;
            continue;
        }
        if (char === ';') {
            if (tokens.length === 0)
                return refuse(line, i, 'an empty statement');
            statements.push({ tokens, line: tokens[0].line, source: script.slice(start, i + 1) });
            tokens = [];
            i++;
            continue;
        }
        if (char === ',' || char === '(' || char === ')' || char === '=' || char === '.') {
            tokens.push({ kind: 'punct', text: char, line: tokenLine });
            i++;
            continue;
        }
        return refuse(line, tokens.length > 0 ? start : i, `a character pg_dumpall does not write there (${JSON.stringify(Buffer.from(char, 'latin1').toString('utf8'))})`);
    }
    if (tokens.length > 0)
        return refuse(tokens[0].line, start, 'a statement without its closing ";" (is the script cut short?)');
    return { statements, metaCommands, refusals };
}

;// CONCATENATED MODULE: ./src/engines/postgresql/globals-reader.ts
/** Words that name no role when written unquoted (pg_dumpall quotes a role named so): CURRENT_USER would be the connecting user. */
const NOT_A_ROLE_NAME = new Set(['CURRENT_USER', 'SESSION_USER', 'CURRENT_ROLE', 'USER', 'PUBLIC', 'NONE', 'ALL', 'WITH', 'SET', 'IN', 'RESET', 'RENAME']);
/** A cursor over one statement's tokens; every read either matches the grammar or throws the reason. */
class Reader {
    tokens;
    at = 0;
    constructor(tokens) {
        this.tokens = tokens;
    }
    get done() {
        return this.at >= this.tokens.length;
    }
    peekKeyword(offset = 0) {
        const token = this.tokens[this.at + offset];
        return token?.kind === 'word' ? token.text.toUpperCase() : undefined;
    }
    peekPunct() {
        const token = this.tokens[this.at];
        return token?.kind === 'punct' ? token.text : undefined;
    }
    keyword(...choices) {
        const word = this.peekKeyword();
        if (word === undefined || !choices.includes(word))
            throw new Error(`expected ${choices.join(' or ')}`);
        this.at++;
        return word;
    }
    optionalKeyword(word) {
        if (this.peekKeyword() !== word)
            return false;
        this.at++;
        return true;
    }
    punct(char) {
        if (this.peekPunct() !== char)
            throw new Error(`expected "${char}"`);
        this.at++;
    }
    /** A role name: an unquoted name folds to lower case, as the server reads it; a quoted one is exact. */
    role() {
        const token = this.tokens[this.at];
        if (token?.kind === 'ident') {
            this.at++;
            return token.text;
        }
        if (token?.kind === 'word' && !NOT_A_ROLE_NAME.has(token.text.toUpperCase())) {
            this.at++;
            return token.text.replace(/[A-Z]/g, (c) => c.toLowerCase());
        }
        throw new Error('expected a role name');
    }
    /** Any name (tablespace, parameter, provider): word or quoted identifier, dotted parts joined. */
    name() {
        const parts = [this.namePart()];
        while (this.peekPunct() === '.') {
            this.at++;
            parts.push(this.namePart());
        }
        return parts.join('.');
    }
    namePart() {
        const token = this.tokens[this.at];
        if (token?.kind === 'ident') {
            this.at++;
            return token.text;
        }
        if (token?.kind === 'word') {
            this.at++;
            return token.text.replace(/[A-Z]/g, (c) => c.toLowerCase());
        }
        throw new Error('expected a name');
    }
    string() {
        const token = this.tokens[this.at];
        if (token?.kind !== 'string')
            throw new Error('expected a string literal');
        this.at++;
        return token.text;
    }
    number() {
        const token = this.tokens[this.at];
        if (token?.kind !== 'number' || !/^-?[0-9]+$/.test(token.text))
            throw new Error('expected a whole number');
        this.at++;
        return token.text;
    }
    end() {
        if (!this.done)
            throw new Error(`unexpected ${this.describeNext()}`);
    }
    describeNext() {
        const token = this.tokens[this.at];
        if (!token)
            return 'end of statement';
        return token.kind === 'string' ? 'string literal' : `"${Buffer.from(token.text, 'latin1').toString('utf8')}"`;
    }
}

;// CONCATENATED MODULE: ./src/engines/postgresql/globals-script.ts
/**
 * The allow-list a stored globals object (`pg_dumpall --globals-only`) is read through before any
 * of it reaches a server. The object comes from storage, which whoever can write the bucket can
 * rewrite, and psql runs more than SQL: `\!` starts a shell command on the runner, `\o |cmd` and
 * `\copy … program` too, `\connect` leaves the target. So the script is not run as it is stored:
 * it is parsed into the few statements pg_dumpall writes and the action understands (roles the
 * file creates, their attributes, settings and comments, memberships between roles, the dump's own
 * session settings), every other statement or line is refused with its line number, and what is
 * applied is written again by the action from the parsed parts (identifiers and literals quoted
 * here), so no byte of the stored text reaches psql as it was stored.
 *
 * The script is handled as bytes (a latin1 string: one character per byte), so that role names,
 * passwords and comments in any server encoding come through unchanged, and a name's length in
 * characters is its length in bytes.
 */



class GlobalsRefusedError extends Error {
    refusals;
    constructor(refusals) {
        const shown = refusals.slice(0, 10).map((refusal) => `line ${refusal.line}: ${refusal.reason}: ${refusal.quote}`);
        const more = refusals.length > 10 ? `; and ${refusals.length - 10} more` : '';
        super(`the globals object holds what pg_dumpall does not write and the action does not run, so none of it was applied: ${shown.join('; ')}${more} ` +
            '(a globals object from include-globals holds roles, their settings, comments and memberships only: was it changed in the storage?)');
        this.refusals = refusals;
    }
}
/** The server encodings (client_encoding a dump can be written in); none lets a quote or backslash byte be part of a character. */
const SERVER_ENCODINGS = new Set([
    'SQL_ASCII', 'UTF8', 'EUC_CN', 'EUC_JP', 'EUC_JIS_2004', 'EUC_KR', 'EUC_TW', 'ISO_8859_5', 'ISO_8859_6', 'ISO_8859_7', 'ISO_8859_8',
    'KOI8R', 'KOI8U', 'LATIN1', 'LATIN2', 'LATIN3', 'LATIN4', 'LATIN5', 'LATIN6', 'LATIN7', 'LATIN8', 'LATIN9', 'LATIN10', 'MULE_INTERNAL',
    'WIN866', 'WIN874', 'WIN1250', 'WIN1251', 'WIN1252', 'WIN1253', 'WIN1254', 'WIN1255', 'WIN1256', 'WIN1257', 'WIN1258'
]);
/** Role attributes pg_dumpall writes after ALTER ROLE x WITH (CONNECTION LIMIT, PASSWORD, VALID UNTIL take a value). */
const ROLE_FLAGS = new Set([
    'SUPERUSER', 'NOSUPERUSER', 'INHERIT', 'NOINHERIT', 'CREATEROLE', 'NOCREATEROLE', 'CREATEDB', 'NOCREATEDB',
    'LOGIN', 'NOLOGIN', 'REPLICATION', 'NOREPLICATION', 'BYPASSRLS', 'NOBYPASSRLS'
]);
/** `[WITH] SUPERUSER LOGIN CONNECTION LIMIT 5 PASSWORD '…' VALID UNTIL '…'`, written again. */
function roleOptions(reader) {
    const parts = [];
    while (!reader.done) {
        const word = reader.keyword(...ROLE_FLAGS, 'CONNECTION', 'PASSWORD', 'ENCRYPTED', 'VALID');
        if (ROLE_FLAGS.has(word))
            parts.push(word);
        else if (word === 'CONNECTION') {
            reader.keyword('LIMIT');
            parts.push(`CONNECTION LIMIT ${reader.number()}`);
        }
        else if (word === 'PASSWORD' || word === 'ENCRYPTED') {
            if (word === 'ENCRYPTED')
                reader.keyword('PASSWORD');
            parts.push(reader.optionalKeyword('NULL') ? 'PASSWORD NULL' : `PASSWORD ${quoteLiteral(reader.string())}`);
        }
        else {
            reader.keyword('UNTIL');
            parts.push(`VALID UNTIL ${quoteLiteral(reader.string())}`);
        }
    }
    return parts.join(' ');
}
/** The dump's own session settings, as pg_dumpall writes them at the top; nothing else may be SET. */
function sessionSetting(reader, script) {
    const name = reader.keyword('DEFAULT_TRANSACTION_READ_ONLY', 'CLIENT_ENCODING', 'STANDARD_CONFORMING_STRINGS', 'ESCAPE_STRING_WARNING');
    if (reader.peekPunct() === '=')
        reader.punct('=');
    else
        reader.keyword('TO');
    let value;
    if (name === 'CLIENT_ENCODING') {
        const encoding = reader.string().toUpperCase();
        if (!SERVER_ENCODINGS.has(encoding))
            throw new Error(`client_encoding ${encoding} is not an encoding a server writes dumps in`);
        script.encoding = encoding;
        value = quoteLiteral(encoding);
    }
    else if (name === 'DEFAULT_TRANSACTION_READ_ONLY' || name === 'ESCAPE_STRING_WARNING') {
        value = reader.keyword('OFF').toLowerCase();
    }
    else {
        value = reader.keyword('ON', 'OFF').toLowerCase();
    }
    reader.end();
    return `SET ${name.toLowerCase()} = ${value};`;
}
/** `GRANT role TO member [WITH ADMIN OPTION, INHERIT TRUE, SET FALSE] [GRANTED BY grantor]`: a membership. */
function membership(reader, line) {
    const role = reader.role();
    reader.keyword('TO');
    const member = reader.role();
    const options = [];
    if (reader.optionalKeyword('WITH')) {
        const seen = new Set();
        for (;;) {
            const option = reader.keyword('ADMIN', 'INHERIT', 'SET');
            if (seen.has(option))
                throw new Error(`${option} given twice`);
            seen.add(option);
            options.push(option === 'ADMIN' && reader.optionalKeyword('OPTION') ? 'ADMIN OPTION' : `${option} ${reader.keyword('TRUE', 'FALSE')}`);
            if (reader.peekPunct() !== ',')
                break;
            reader.punct(',');
        }
    }
    let grantor;
    if (reader.optionalKeyword('GRANTED')) {
        reader.keyword('BY');
        grantor = reader.role();
    }
    reader.end();
    const sql = `GRANT ${quoteIdent(role)} TO ${quoteIdent(member)}${options.length > 0 ? ` WITH ${options.join(', ')}` : ''}`;
    return { role, member, grantor, sql, line };
}
/** Whether a role not created by the script may still appear in a membership: PostgreSQL's own roles, which pg_dumpall never creates. */
function isBuiltInRole(name) {
    return name.startsWith('pg_');
}
/**
 * Parses a globals script against the allow-list; throws GlobalsRefusedError naming every line
 * that is not on it. Nothing here touches a server: the target's roles are considered later, in
 * planGlobals.
 */
function parseGlobalsScript(text) {
    const lexed = lex(text);
    const refusals = [...lexed.refusals];
    const script = { settings: [], created: [], roleStatements: [], memberships: [], notApplied: [] };
    const created = new Set();
    // \restrict <key> (before every statement) and \unrestrict <same key> (after them): pg_dumpall's only meta-commands.
    const firstStatementLine = lexed.statements[0]?.line ?? Infinity;
    const lastStatementLine = lexed.statements.at(-1)?.line ?? 0;
    let restrictKey;
    let unrestricted = false;
    for (const meta of lexed.metaCommands) {
        const match = /^\\(restrict|unrestrict) ([A-Za-z0-9]+)[ \t\r]*$/.exec(meta.text);
        const refuse = (reason) => refusals.push({ line: meta.line, quote: quoteOf(meta.text), reason });
        if (!match)
            refuse('a psql meta-command (only the \\restrict and \\unrestrict lines pg_dumpall writes are accepted)');
        else if (match[1] === 'restrict') {
            if (restrictKey !== undefined || meta.line > firstStatementLine)
                refuse('a \\restrict line that is not the one before every statement');
            restrictKey = match[2];
        }
        else if (match[2] !== restrictKey || unrestricted || meta.line < lastStatementLine)
            refuse('an \\unrestrict line that does not close the script\'s \\restrict after every statement');
        else
            unrestricted = true;
    }
    for (const statement of lexed.statements) {
        const reader = new Reader(statement.tokens);
        const refuse = (reason) => refusals.push({ line: statement.line, quote: quoteOf(statement.source), reason });
        try {
            const first = reader.keyword('SET', 'RESET', 'CREATE', 'ALTER', 'COMMENT', 'SECURITY', 'GRANT', 'REVOKE');
            if (first === 'SET' || first === 'RESET') {
                // SET SESSION AUTHORIZATION … RESET: what pg_dumpall wraps a tablespace's or parameter's grants in; those are not applied, nor is this.
                if (reader.peekKeyword() === 'SESSION' && reader.peekKeyword(1) === 'AUTHORIZATION') {
                    script.notApplied.push({ line: statement.line, what: `${first} SESSION AUTHORIZATION (around grants on tablespaces or parameters)` });
                    continue;
                }
                if (first === 'RESET')
                    throw new Error('expected SESSION AUTHORIZATION');
                script.settings.push(sessionSetting(reader, script));
                continue;
            }
            if (first === 'CREATE' || first === 'ALTER') {
                const kind = reader.keyword('ROLE', 'USER', 'GROUP', 'TABLESPACE');
                if (kind === 'TABLESPACE') {
                    script.notApplied.push({ line: statement.line, what: `${first} TABLESPACE ${displayName(reader.name())}` });
                    continue;
                }
                const role = reader.role();
                if (first === 'CREATE') {
                    if (isBuiltInRole(role))
                        throw new Error(`role names starting with pg_ are reserved (${displayName(role)})`);
                    if (created.has(role))
                        throw new Error(`creates ${displayName(role)} a second time`);
                    reader.optionalKeyword('WITH');
                    const options = roleOptions(reader);
                    created.add(role);
                    script.created.push(role);
                    script.roleStatements.push({ role, line: statement.line, sql: `CREATE ${kind} ${quoteIdent(role)}${options ? ` WITH ${options}` : ''};` });
                    continue;
                }
                if (!created.has(role))
                    throw new Error(`alters ${displayName(role)}, which the globals do not create`);
                if (reader.optionalKeyword('SET')) {
                    const setting = reader.name();
                    if (reader.peekPunct() === '=')
                        reader.punct('=');
                    else
                        reader.keyword('TO');
                    const values = [quoteLiteral(reader.string())];
                    while (reader.peekPunct() === ',') {
                        reader.punct(',');
                        values.push(quoteLiteral(reader.string()));
                    }
                    reader.end();
                    script.roleStatements.push({ role, line: statement.line, sql: `ALTER ROLE ${quoteIdent(role)} SET ${quoteIdent(setting)} TO ${values.join(', ')};` });
                    continue;
                }
                reader.optionalKeyword('WITH');
                const options = roleOptions(reader);
                if (!options)
                    throw new Error('expected role attributes or SET');
                script.roleStatements.push({ role, line: statement.line, sql: `ALTER ROLE ${quoteIdent(role)} WITH ${options};` });
                continue;
            }
            if (first === 'COMMENT' || first === 'SECURITY') {
                let provider = '';
                if (first === 'COMMENT')
                    reader.keyword('ON');
                else {
                    reader.keyword('LABEL');
                    if (reader.optionalKeyword('FOR'))
                        provider = ` FOR ${reader.name()}`;
                    reader.keyword('ON');
                }
                const kind = reader.keyword('ROLE', 'TABLESPACE');
                const name = kind === 'ROLE' ? reader.role() : reader.name();
                if (kind === 'ROLE' && !created.has(name))
                    throw new Error(`is about ${displayName(name)}, which the globals do not create`);
                reader.keyword('IS');
                const value = reader.optionalKeyword('NULL') ? 'NULL' : quoteLiteral(reader.string());
                reader.end();
                if (first === 'SECURITY' || kind === 'TABLESPACE') {
                    script.notApplied.push({ line: statement.line, what: `${first === 'SECURITY' ? `SECURITY LABEL${provider}` : 'COMMENT'} ON ${kind} ${displayName(name)}` });
                    continue;
                }
                script.roleStatements.push({ role: name, line: statement.line, sql: `COMMENT ON ROLE ${quoteIdent(name)} IS ${value};` });
                continue;
            }
            // GRANT / REVOKE: a role membership, or privileges on a tablespace or a parameter (recognized, not applied).
            const on = statement.tokens.findIndex((token) => token.kind === 'word' && token.text.toUpperCase() === 'ON');
            if (on !== -1) {
                const object = statement.tokens[on + 1];
                const objectKind = object?.kind === 'word' ? object.text.toUpperCase() : '';
                if (objectKind !== 'TABLESPACE' && objectKind !== 'PARAMETER')
                    throw new Error('grants privileges on something other than a tablespace or a parameter');
                script.notApplied.push({ line: statement.line, what: `${first} … ON ${objectKind} ${displayName(new Reader(statement.tokens.slice(on + 2)).name())}` });
                continue;
            }
            if (first === 'REVOKE')
                throw new Error('revokes a role membership');
            const grant = membership(reader, statement.line);
            for (const name of [grant.role, grant.member, ...(grant.grantor === undefined ? [] : [grant.grantor])]) {
                if (!created.has(name) && !isBuiltInRole(name))
                    throw new Error(`names ${displayName(name)}, which the globals do not create`);
            }
            script.memberships.push(grant);
        }
        catch (error) {
            const message = error.message;
            const where = /^(un)?expected/.test(message) && !reader.done ? `, at ${reader.describeNext()}` : '';
            refuse(`not a statement the action applies (${message}${where})`);
        }
    }
    if (refusals.length > 0)
        throw new GlobalsRefusedError(refusals.sort((a, b) => a.line - b.line));
    return script;
}

// EXTERNAL MODULE: ./src/engines/shared/restore-input.ts
var restore_input = __webpack_require__(63370);
;// CONCATENATED MODULE: ./src/engines/postgresql/globals.ts


















/**
 * A PostgreSQL server's roles, tablespaces and role settings (`pg_dumpall --globals-only`), which
 * no pg_dump of one database carries: stored beside the dump (include-globals) and applied before
 * it on restore (restore-globals).
 */
const HEADER = '--\n-- PostgreSQL database cluster dump\n--\n';
const TRAILER = '-- PostgreSQL database cluster dump complete';
/** What pg_dumpall says when the user may not read pg_authid, where the passwords are (managed services). */
const NO_PASSWORDS_READABLE = /permission denied for (table|relation) pg_authid/;
/**
 * Reads a stored globals script through: it must be pg_dumpall's, whole (header to trailer), and
 * every statement on the allow-list (globals-script.ts); else it is refused, naming
 * each line, and nothing of it is applied. The backup reads it so too, so that a server whose
 * globals a restore could not apply is known the night it is backed up, not on the day it is needed.
 */
function parseStoredGlobals(script) {
    if (!script.startsWith(HEADER))
        throw new Error('the globals object does not start with the header of a pg_dumpall script');
    if (!script.trimEnd().endsWith(`${TRAILER}\n--`))
        throw new Error(`the globals object does not end with "${TRAILER}": the script is cut short`);
    const parsed = parseGlobalsScript(script);
    if (parsed.created.length === 0)
        throw new Error('the globals object creates no role: even the user that made it should be there');
    return parsed;
}
async function readGlobals(stored, compression) {
    const chunks = [];
    for await (const chunk of (0,dump_feed/* decoded */.DH)(stored, compression))
        chunks.push(chunk);
    // latin1: one character per byte, so names and passwords in any server encoding pass through unchanged.
    const parsed = parseStoredGlobals(Buffer.concat(chunks).toString('latin1'));
    return {
        'globals roles': parsed.created.length,
        ...(parsed.notApplied.length > 0 ? { 'globals a restore does not apply': parsed.notApplied.map((entry) => entry.what).join('; ') } : {})
    };
}
/**
 * pg_dumpall --globals-only into `file`, compressed as the dump is, read through as it is written.
 * Where the server refuses to show role passwords (a user that is not superuser cannot read
 * pg_authid: managed services), dumps again without them and says so.
 */
async function dumpGlobals(database, file, compression, timeoutMs, encryption) {
    const pgDumpall = await (0,find/* requireTool */.Y)('pg_dumpall', 'install the PostgreSQL client (pg_dumpall ships with pg_dump)');
    const attempt = (withoutPasswords) => (0,dump_stream/* captureDump */.xh)({
        dump: {
            command: pgDumpall,
            // --database: the first connection goes to the database being backed up, which this user can reach.
            args: ['--globals-only', ...(withoutPasswords ? ['--no-role-passwords'] : []), '--no-password', `--database=${database.name}`, `--dbname=${(0,connection/* conninfo */.Z)(database)}`],
            env: (0,connection/* passwordEnv */.F)(database),
            timeoutMs
        },
        compression,
        file,
        check: (stored) => readGlobals(stored, compression.name),
        encryption
    });
    let withoutPasswords = false;
    let capture = await attempt(false);
    if (capture.dump.exitCode !== 0 && NO_PASSWORDS_READABLE.test(capture.dump.stderr)) {
        withoutPasswords = true;
        capture = await attempt(true);
    }
    (0,process/* requireSuccess */.z_)('pg_dumpall --globals-only', capture.dump, timeoutMs);
    if ('error' in capture.readThrough)
        throw new Error(capture.readThrough.error);
    return {
        file,
        sha256: capture.sha256,
        sizeBytes: capture.sizeBytes,
        withoutPasswords,
        figures: { ...capture.readThrough.figures, 'role passwords': withoutPasswords ? 'not included (the server refuses to show them to this user)' : 'included' }
    };
}
/** verify-integrity of a stored globals object: the whole script read again. */
function verifyGlobals(file) {
    return readGlobals((0,compression/* storedBytes */.Zk)(file), (0,compression/* compressionOfName */.Vd)(file));
}
/** psql refuses every meta-command after `\restrict <key>` from these releases on (CVE-2025-8714): 13.22, 14.19, 15.14, 16.10, 17.6, 18. */
const RESTRICT_SINCE = { 13: 22, 14: 19, 15: 14, 16: 10, 17: 6 };
function psqlRestricts(version) {
    const [major, minor = 0] = (0,versions/* versionParts */.VJ)(version);
    return major >= 18 || (RESTRICT_SINCE[major] !== undefined && minor >= RESTRICT_SINCE[major]);
}
/**
 * The target's role names, as bytes in the encoding the script's statements are read in (its
 * client_encoding, else the session's), so that they compare with the script's names byte for byte.
 */
async function targetRoles(database, encoding, timeoutMs) {
    const as = encoding === undefined ? "current_setting('client_encoding')" : quoteLiteral(encoding);
    const output = await (0,psql/* psql */.tm)(database, `SELECT encode(convert_to(rolname, ${as}), 'hex') FROM pg_roles`, timeoutMs);
    return new Set(output.split('\n').filter(Boolean).map((hex) => Buffer.from(hex.trim(), 'hex').toString('latin1')));
}
/**
 * Applies a stored globals script to the target server before its database is restored. The
 * script was parsed against the allow-list; what runs is written here from its parts: roles the
 * target has are left as they are (not created, not altered), memberships with them are granted
 * only with the opt-in, and all of it runs in one transaction, so a failure leaves no role behind.
 *
 * psql runs it, as it runs the other restores, with two walls against a meta-command: none can be
 * in the text (every statement is written by the action, names and literals quoted here, and
 * psql's lexer reads them as SQL whatever their bytes), and where psql knows `\restrict`, the
 * first line turns every meta-command off (a random key, never written elsewhere), so that a flaw
 * in the first wall still reaches no shell. An older psql has only the first wall; it is said so.
 */
async function applyGlobals(database, file, workDir, timeoutMs, options) {
    const script = parseStoredGlobals(await (0,promises_.readFile)(await (0,restore_input/* plainFile */.dC)(file, (0,external_node_path_.join)(workDir, 'globals.sql')), 'latin1'));
    const plan = planGlobals(script, await targetRoles(database, script.encoding, timeoutMs), options.grantsWithExistingRoles);
    if (plan.notGranted.length > 0) {
        core/* warning */.$e(`role memberships of the globals not granted: ${plan.notGranted.join('; ')}` +
            (options.grantsWithExistingRoles ? '' : ` (set ${constants/* RestoreInputs */.Gg.RestoreGlobalsExistingRoleGrants}: true to grant those with roles the target already has)`), { title: 'Role memberships not granted' });
    }
    if (script.notApplied.length > 0) {
        core/* warning */.$e(`not applied from the globals (create them on the target if the database needs them): ${script.notApplied.map((entry) => `line ${entry.line}: ${entry.what}`).join('; ')}`, {
            title: 'Globals not applied'
        });
    }
    const psqlPath = await (0,psql/* requirePsql */.YP)();
    const versionRun = await (0,process/* runTool */.qI)({ command: psqlPath, args: ['--version'] });
    (0,process/* requireSuccess */.z_)(`${psqlPath} --version`, versionRun);
    const version = (0,client/* parseClientVersion */.VW)(versionRun.stdout);
    const restricted = psqlRestricts(version);
    const lines = [...(restricted ? [`\\restrict ${(0,external_node_crypto_.randomBytes)(32).toString('hex')}`] : []), ...plan.settings, 'BEGIN;', ...plan.statements, 'COMMIT;'];
    const scriptFile = (0,external_node_path_.join)(workDir, 'globals-to-apply.sql');
    await (0,promises_.writeFile)(scriptFile, `${lines.join('\n')}\n`, { encoding: 'latin1', mode: 0o600 });
    const result = await (0,process/* runTool */.qI)(
    // VERBOSITY=terse: an error names the line of the script, without quoting the statement (a password hash may be in it).
    (0,psql/* psqlCommand */.K9)(psqlPath, database, ['--quiet', '--set=ON_ERROR_STOP=1', '--set=VERBOSITY=terse', `--file=${scriptFile}`], { timeoutMs }));
    if ((0,process/* toolFailed */.QA)(result))
        throw new Error(`${(0,process/* describeFailure */.Ic)('psql applying the globals', result, timeoutMs)}; no role was created (one transaction)`);
    const names = (roles) => roles.map(displayName).join(', ');
    return {
        'roles created': plan.created.length,
        'roles that existed (left as they are)': plan.existed.length,
        ...(plan.existed.length > 0 ? { 'roles left as they are (the target has them)': names([...plan.existed].sort()) } : {}),
        'role memberships granted': plan.granted.length,
        ...(plan.grantedWithExisting.length > 0 ? { [`role memberships with roles the target had, granted (${constants/* RestoreInputs */.Gg.RestoreGlobalsExistingRoleGrants})`]: plan.grantedWithExisting.join('; ') } : {}),
        ...(plan.notGranted.length > 0 ? { 'role memberships not granted': plan.notGranted.join('; ') } : {}),
        ...(script.notApplied.length > 0 ? { 'globals not applied': script.notApplied.map((entry) => entry.what).join('; ') } : {}),
        'psql meta-commands': restricted ? 'all refused (\\restrict)' : `psql ${version} has no \\restrict: the statements written by the action hold none`
    };
}

;// CONCATENATED MODULE: ./src/engines/postgresql/globals-capability.ts

/** PostgreSQL's globals through the Engine plugin's capability: pg_dumpall's roles beside each dump. */
const postgresqlGlobals = {
    description: 'pg_dumpall --globals-only beside each dump',
    async dump(database, file, compression, timeoutMs, encryption) {
        const globals = await dumpGlobals(database, file, compression, timeoutMs, encryption);
        const warnings = globals.withoutPasswords
            ? [
                `include-globals: the roles are stored without their passwords (--no-role-passwords): the server refuses to show them to ${database.user || 'this user'} ` +
                    '(reading pg_authid needs superuser, which managed services do not grant); roles restored from this backup need a password set'
            ]
            : [];
        return { ...globals, warnings };
    },
    verify: verifyGlobals,
    apply: applyGlobals
};


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

/***/ 62445:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DH: () => (/* binding */ decoded),
/* harmony export */   DW: () => (/* binding */ signatureCheck),
/* harmony export */   PX: () => (/* binding */ runFed)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _compression_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(31714);
/* harmony import */ var _offer_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86918);
/* harmony import */ var _process_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(59274);





/**
 * A stored dump read back: decompressed and checked as one stream, or fed to a tool (a restore,
 * a reader) with its output kept. The other half of dump-stream.ts, which writes one.
 */
/**
 * The stored bytes decompressed and passed through `checks`, as one stream that fails if the
 * compression is damaged or cut short or a check fails.
 */
function decoded(stored, name, ...checks) {
    const stages = [...(0,_compression_js__WEBPACK_IMPORTED_MODULE_2__/* .decoders */ .SK)(name), ...checks];
    if (stages.length === 0)
        return stored;
    const last = stages[stages.length - 1];
    (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)([stored, ...stages]).catch(() => undefined); // an error reaches `last`, which the reader sees
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
    const filter = through ? (0,_process_js__WEBPACK_IMPORTED_MODULE_3__/* .startTracked */ .LS)(through, ['pipe', 'pipe', 'pipe']) : undefined;
    const fed = (0,_process_js__WEBPACK_IMPORTED_MODULE_3__/* .startTracked */ .LS)(command, [filter ? filter.child.stdout : 'pipe', output.stdout ? 'pipe' : 'ignore', 'pipe']);
    if (filter)
        filter.child.stdout?.destroy();
    const first = filter ?? fed;
    const stdin = first.child.stdin;
    stdin.on('error', () => undefined); // EPIPE when the reader exits early: its exit code says whether that was a failure
    if (output.stderr)
        fed.child.stderr?.on('data', output.stderr);
    const reading = output.stdout ? (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)(fed.child.stdout, (0,_compression_js__WEBPACK_IMPORTED_MODULE_2__/* .sinkStream */ .oq)(output.stdout)) : Promise.resolve();
    const forward = new node_stream__WEBPACK_IMPORTED_MODULE_0__.Writable({
        async write(chunk, _encoding, done) {
            await (0,_offer_js__WEBPACK_IMPORTED_MODULE_4__/* .offer */ .x)(stdin, chunk);
            done();
        },
        final(done) {
            stdin.end();
            done();
        }
    });
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_1__.pipeline)(input, forward);
    }
    catch (error) {
        await Promise.all([filter && (0,_process_js__WEBPACK_IMPORTED_MODULE_3__/* .stopChild */ .Dh)(filter.child, _process_js__WEBPACK_IMPORTED_MODULE_3__/* .CONSUMER_FAILED_GRACE_MS */ .Zc), (0,_process_js__WEBPACK_IMPORTED_MODULE_3__/* .stopChild */ .Dh)(fed.child, _process_js__WEBPACK_IMPORTED_MODULE_3__/* .CONSUMER_FAILED_GRACE_MS */ .Zc)]);
        await Promise.all([filter?.result, fed.result]);
        throw error;
    }
    const [filtered, result] = await Promise.all([filter?.result, fed.result, reading.catch(() => undefined)]);
    if (filtered && (filtered.exitCode !== 0 || filtered.timedOut))
        throw new Error((0,_process_js__WEBPACK_IMPORTED_MODULE_3__/* .describeFailure */ .Ic)(through?.command ?? '', filtered, through?.timeoutMs));
    return result;
}
/** Passes bytes through, failing unless the stream starts with `signature`. */
function signatureCheck(signature, failure) {
    let head = Buffer.alloc(0);
    let checked = false;
    return new node_stream__WEBPACK_IMPORTED_MODULE_0__.Transform({
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
