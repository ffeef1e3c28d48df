export const id = 228;
export const ids = [228];
export const modules = {

/***/ 8228:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadDump: () => (/* binding */ loadDump),
  mysqlRestorer: () => (/* binding */ mysqlRestorer),
  readDump: () => (/* binding */ readDump),
  restoreCheck: () => (/* binding */ restoreCheck),
  serverLine: () => (/* binding */ serverLine),
  tableRows: () => (/* binding */ tableRows)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
// EXTERNAL MODULE: ./src/util/dump-feed.ts
var dump_feed = __webpack_require__(62445);
// EXTERNAL MODULE: ./src/util/process.ts + 1 modules
var process = __webpack_require__(59274);
// EXTERNAL MODULE: ./src/util/secret-file.ts
var secret_file = __webpack_require__(19925);
// EXTERNAL MODULE: ./src/engines/mysql/connection.ts
var connection = __webpack_require__(30808);
// EXTERNAL MODULE: ./src/engines/mysql/engine.ts + 4 modules
var engine = __webpack_require__(16724);
// EXTERNAL MODULE: ./src/engines/shared/restore-input.ts
var restore_input = __webpack_require__(63370);
;// CONCATENATED MODULE: ./src/engines/mysql/definer-clause.ts
/** The DEFINER clause of a view, routine, trigger or event the dump creates, read as the confinement scan passes it. */
/** Kinds of object that may run as their invoker (SQL SECURITY INVOKER): then their definer is not used. */
const INVOKER_KINDS = new Set(['VIEW', 'PROCEDURE', 'FUNCTION', 'PACKAGE']);
/**
 * CREATE or ALTER of a view, routine, trigger or event: its DEFINER, from the head (`DEFINER =
 * user[@host]` among the modifiers, as the tools write it inside one or more executable
 * comments). CURRENT_USER is whoever restores, an account that exists.
 */
function definedIn(head, kind) {
    const at = head.findIndex((token, index) => token.kind === 'word' && token.text === 'DEFINER' && head[index + 1]?.text === '=');
    if (at < 0)
        return undefined;
    const [user, host] = [head[at + 2], head[at + 3]];
    if (!user || (user.kind !== 'ident' && user.kind !== 'string' && user.kind !== 'word'))
        return undefined;
    if (user.kind === 'word' && (user.text === 'CURRENT_USER' || user.text === 'CURRENT_ROLE'))
        return undefined;
    const invoker = INVOKER_KINDS.has(kind) && head.some((token, index) => token.text === 'SQL' && head[index + 1]?.text === 'SECURITY' && head[index + 2]?.text === 'INVOKER');
    const definer = { user: user.raw, host: host?.kind === 'var' && host.raw.startsWith('@') ? host.raw.slice(1) : '' };
    return { kind, definer, dot: false, named: false, invoker };
}
/** The tokens after the kind: the object's name (`name`, `db`.`name`), and a routine's SQL SECURITY INVOKER. */
function followDefined(defined, token, previous) {
    const [before, beforeThat] = [previous[previous.length - 1], previous[previous.length - 2]];
    if (token.text === 'INVOKER' && before?.text === 'SECURITY' && beforeThat?.text === 'SQL' && INVOKER_KINDS.has(defined.kind))
        defined.invoker = true;
    if (defined.named)
        return;
    const isName = token.kind === 'ident' || token.kind === 'word';
    if (defined.name === undefined) {
        if (token.kind === 'word' && (token.text === 'IF' || token.text === 'NOT' || token.text === 'EXISTS'))
            return;
        if (token.kind === 'word' && token.text === 'BODY' && defined.kind === 'PACKAGE')
            defined.kind = 'PACKAGE BODY';
        else if (isName)
            defined.name = token.raw;
        else
            defined.named = true;
        return;
    }
    if (token.text === '.' && !defined.dot) {
        defined.dot = true;
        return;
    }
    if (defined.dot && isName)
        defined.name = token.raw;
    defined.named = true;
}

;// CONCATENATED MODULE: ./src/engines/mysql/definers.ts
/**
 * The DEFINERs of a MySQL/MariaDB dump's views, routines, triggers and events. The server creates
 * such an object whatever its DEFINER (a missing account is only a note), and it then fails on
 * use with error 1449: so a restore learns from the dump which accounts its objects run as, and
 * asks the target whether each exists, before anything runs.
 */
/**
 * Distinct definers kept: a dump has a handful (often one). A dump that names more has the rest
 * counted, not kept, so that a hostile one cannot grow the reader's memory.
 */
const MAX_DEFINERS = 100;
/** Objects named per definer; the rest are counted. */
const NAMES_KEPT = 5;
/** The definers of a dump, read as it streams past (confinement.ts feeds it). */
class DefinerUses {
    uses = new Map();
    /** Objects whose definer was not kept (more than MAX_DEFINERS distinct ones). */
    unkept = 0;
    add(definer, object) {
        const key = `${definer.user}\u0000${definer.host}`;
        let use = this.uses.get(key);
        if (!use) {
            if (this.uses.size >= MAX_DEFINERS) {
                this.unkept++;
                return;
            }
            use = { definer, count: 0, objects: [] };
            this.uses.set(key, use);
        }
        use.count++;
        if (use.objects.length < NAMES_KEPT)
            use.objects.push(object);
    }
    list() {
        return [...this.uses.values()];
    }
    get empty() {
        return this.uses.size === 0 && this.unkept === 0;
    }
}
function ipv4(text) {
    const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    if (!parts)
        return undefined;
    const bytes = parts.slice(1).map(Number);
    if (bytes.some((byte) => byte > 255))
        return undefined;
    return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}
/**
 * Whether an account's host pattern takes the definer's host, as the server decides when it runs
 * an object as its definer (compare_hostname in sql_acl.cc): `%` and `_` are wildcards, `\`
 * escapes, letters match in any case, `ip/mask` takes an IPv4 address inside it, and an empty
 * pattern is `%`. So `app`@`localhost` runs as the account `app`@`%`; SHOW GRANTS, which looks an
 * account up by its exact host, would call it missing.
 */
function hostMatches(pattern, host) {
    if (pattern === '')
        return true;
    const masked = /^([^/]+)\/([^/]+)$/.exec(pattern);
    if (masked) {
        const [net, mask, address] = [ipv4(masked[1]), ipv4(masked[2]), ipv4(host)];
        if (net !== undefined && mask !== undefined && mask !== 0 && address !== undefined)
            return ((address & mask) >>> 0) === net;
    }
    let source = '';
    for (let at = 0; at < pattern.length; at++) {
        const char = pattern[at];
        if (char === '\\' && at + 1 < pattern.length)
            source += escapeRegExp(pattern[++at]);
        else if (char === '%')
            source += '.*';
        else if (char === '_')
            source += '.';
        else
            source += escapeRegExp(char);
    }
    return new RegExp(`^${source}$`, 'isu').test(host);
}
function escapeRegExp(char) {
    return char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
/**
 * Whether the server runs an object as this definer: a user, matched by name exactly and by host
 * pattern; on MariaDB a definer without a host is a role of that name (acl_getroot).
 */
function definerExists(definer, accounts, mariadb) {
    if (mariadb && definer.host === '')
        return accounts.some((account) => account.role && account.user === definer.user);
    return accounts.some((account) => !account.role && account.user === definer.user && hostMatches(account.host, definer.host));
}
/** `'app'@'%'` as the server writes an account in its messages; a role as `'name'`. */
function definerText({ user, host }) {
    const quoted = (text) => `'${text.replace(/'/g, "''")}'`;
    return host === '' ? `${quoted(user)} (a role)` : `${quoted(user)}@${quoted(host)}`;
}
/** `'app'@'%' (view `v`, trigger `t`, and 3 more)`. */
function useText(use) {
    const named = use.objects.map(({ kind, name }) => `${kind} \`${name}\``);
    const more = use.count - use.objects.length;
    return `${definerText(use.definer)} (${named.join(', ')}${more > 0 ? `, and ${more} more` : ''})`;
}
/** Each definer with its objects, `; `-separated, and the objects whose definer was not kept. */
function usesText(uses, unkept = 0) {
    const parts = uses.map(useText);
    if (unkept > 0)
        parts.push(`${unkept} more object${unkept === 1 ? '' : 's'} of definers past the first ${MAX_DEFINERS}`);
    return parts.join('; ');
}
function objectCount(uses) {
    return uses.reduce((sum, use) => sum + use.count, 0);
}

// EXTERNAL MODULE: ./src/engines/shared/sql-bytes.ts
var sql_bytes = __webpack_require__(82431);
// EXTERNAL MODULE: ./src/engines/shared/confinement.ts
var confinement = __webpack_require__(49177);
;// CONCATENATED MODULE: ./src/engines/mysql/dump-tokens.ts

/** mariadb-dump's first line (10.5.25, 10.6.18, 10.11.8 and later): the client's own sandbox command, which only restricts it. */
const SANDBOX_LINE = '/*M!999999\\- enable the sandbox mode */';
const MAX_TOKEN_BYTES = 1024;
class MysqlTokenizer {
    target;
    carry;
    line = 1;
    lexer = 'code';
    quote = 0;
    tokenBytes = [];
    tokenLine = 1;
    tokenContainsCommentEnd = false;
    lastByteOfToken = 0;
    /** Inside `/*!…*\/` or `/*M!…*\/`: code for a server that runs it, a comment for one that does not. */
    executable = false;
    delimiter = ';';
    statement;
    previous = [];
    /** Until the first line is whole: mariadb-dump's sandbox line is recognised there. */
    firstLine = true;
    lineStart = true;
    /** `target`: the database the dump is restored into. */
    constructor(target) {
        this.target = target;
    }
    push(chunk) {
        let bytes = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
        this.carry = undefined;
        if (this.firstLine) {
            const end = bytes.indexOf(0x0a);
            if (end === -1 && bytes.length < SANDBOX_LINE.length + 8) {
                this.carry = Buffer.from(bytes);
                return;
            }
            bytes = this.skipSandboxLine(bytes, end);
        }
        this.scan(bytes, false);
    }
    /**
     * mariadb-dump's first line, read as nothing: servers skip it (its version is 99.99.99) and the
     * client takes it as its sandbox command, which only forbids client commands.
     */
    skipSandboxLine(bytes, end) {
        this.firstLine = false;
        if (end === -1 || bytes.subarray(0, end).toString('latin1').trimEnd() !== SANDBOX_LINE)
            return bytes;
        this.line = 2;
        return bytes.subarray(end + 1);
    }
    /** The end of the dump: what is still open is read as the server would (a statement without delimiter still runs). */
    finish() {
        let rest = this.carry ?? Buffer.alloc(0);
        this.carry = undefined;
        if (this.firstLine)
            rest = this.skipSandboxLine(rest, rest.indexOf(0x0a));
        this.scan(rest, true);
        this.endToken();
        if (this.lexer === 'string' || this.lexer === 'ident')
            this.fail(this.tokenLine, 'leaves a quoted text open at the end of the dump');
        this.endStatement();
    }
    fail(line, why) {
        const quote = this.statement ? Buffer.from(this.statement.quote).toString('utf8') : '';
        throw (0,confinement/* refusal */.x5)(`database \`${this.target}\``, this.statement?.line ?? line, quote || why, why);
    }
    quoteByte(byte) {
        const statement = this.statement;
        if (statement && statement.quote.length < confinement/* QUOTE_BYTES */.pN)
            statement.quote.push(byte);
    }
    /** Keeps the bytes from `at` for the next chunk: a token's end or a comment's start needs a byte or two more. */
    keep(bytes, at) {
        this.carry = Buffer.from(bytes.subarray(at));
    }
    punct(byte, i) {
        this.markStatementStart();
        this.token({ kind: 'punct', text: String.fromCharCode(byte), raw: String.fromCharCode(byte), line: this.line });
        return i;
    }
    startToken(lexer, byte) {
        this.lexer = lexer;
        this.tokenBytes = [byte];
        this.tokenLine = this.line;
    }
    pushTokenByte(byte) {
        if (this.tokenBytes.length < MAX_TOKEN_BYTES)
            this.tokenBytes.push(byte);
    }
    tokenText() {
        return Buffer.from(this.tokenBytes).toString('utf8');
    }
    endToken() {
        const lexer = this.lexer;
        if (lexer !== 'word' && lexer !== 'number' && lexer !== 'variable')
            return;
        this.lexer = 'code';
        const text = this.tokenText();
        if (lexer === 'word') {
            const upper = text.toUpperCase();
            if (this.statement && this.statement.tokens === 0 && upper === 'DELIMITER' && this.lineStartOfToken) {
                this.tokenBytes = [];
                this.lexer = 'delimiter-argument';
                this.statement = undefined;
                return;
            }
            if (/^\d+(?:[eE]\d+)?$/.test(text))
                return this.token({ kind: 'number', text, raw: text, line: this.tokenLine });
            this.token({ kind: 'word', text: upper, raw: text, line: this.tokenLine });
        }
        else if (lexer === 'variable')
            this.token({ kind: 'var', text: text.toUpperCase(), raw: text, line: this.tokenLine });
        else
            this.token({ kind: 'number', text, raw: text, line: this.tokenLine });
    }
    lineStartOfToken = false;
    endQuoted() {
        const kind = this.quote === 0x60 || (this.quote === 0x22 && this.sqlMode().ansiQuotes) ? 'ident' : 'string';
        if (this.executable && this.tokenContainsCommentEnd) {
            this.failAt('has "*/" inside a quoted text of an executable comment, where servers that skip the comment would end it');
        }
        const previous = this.previous[this.previous.length - 1];
        // @'name' and @`name` are a variable (a DEFINER's host), not a name; changed where it stands, so
        // that a statement's head, which holds the same token, reads the host too.
        if (previous && previous.kind === 'var' && previous.text === '@') {
            previous.text = previous.raw = `@${this.tokenText()}`;
            return;
        }
        this.token({ kind, text: this.tokenText(), raw: this.tokenText(), line: this.tokenLine });
    }
    setDelimiter() {
        const argument = this.tokenText().trim().split(/\s+/)[0] ?? '';
        if (argument === '' || /[\\'"`]/.test(argument))
            this.failAt(`sets the delimiter to "${argument}", which the scan does not follow`);
        this.delimiter = argument;
        this.tokenBytes = [];
    }
    /** Starts a statement at the first byte of code after the last one, and keeps its first bytes to quote. */
    markStatementStart() {
        if (!this.statement) {
            this.statement = this.newStatement(this.line);
            this.lineStartOfToken = this.lineStart;
        }
    }
    failAt(why) {
        this.fail(this.line, why);
    }
}

;// CONCATENATED MODULE: ./src/engines/mysql/dump-lexer.ts



/**
 * The lexer under the MySQL/MariaDB restore's confinement scan (confinement.ts, where the rules
 * are). It is a streaming lexer over bytes (strings, quoted identifiers, comments, executable
 * `/*!…*\/` comments, the client's DELIMITER), holding a few bytes of each token and nothing of a
 * line, so a 50 MB extended INSERT costs no memory; it hands each token, and each statement's end,
 * to the rules.
 */
class MysqlDumpLexer extends MysqlTokenizer {
    scan(bytes, final) {
        let i = 0;
        const length = bytes.length;
        /** The byte `ahead` places on, or -1 past the end of the dump; undefined when the next chunk is needed. */
        const peek = (ahead) => {
            if (i + ahead < length)
                return bytes[i + ahead];
            return final ? -1 : undefined;
        };
        while (i < length) {
            const byte = bytes[i];
            switch (this.lexer) {
                case 'line-comment':
                    if (byte === 0x0a)
                        this.lexer = 'code';
                    break;
                case 'block-comment':
                    if (byte === 0x2a) {
                        const next = peek(1);
                        if (next === undefined)
                            return this.keep(bytes, i);
                        if (next === 0x2f) {
                            i++;
                            this.lexer = 'code';
                        }
                    }
                    break;
                case 'delimiter-argument':
                    if (byte === 0x0a) {
                        this.setDelimiter();
                        this.lexer = 'code';
                    }
                    else
                        this.pushTokenByte(byte);
                    break;
                case 'string':
                case 'ident':
                    if (this.lexer === 'string' && byte === 0x5c && !this.sqlMode().noBackslashEscapes) {
                        const next = peek(1);
                        if (next === undefined)
                            return this.keep(bytes, i);
                        if (next >= 0)
                            this.pushTokenByte(next);
                        if (next === 0x0a)
                            this.line++;
                        this.lastByteOfToken = next;
                        i++;
                        break;
                    }
                    if (byte === this.quote) {
                        const next = peek(1);
                        if (next === undefined)
                            return this.keep(bytes, i);
                        if (next === this.quote) {
                            this.pushTokenByte(byte);
                            this.lastByteOfToken = byte;
                            i++;
                            break;
                        }
                        this.lexer = 'code';
                        this.endQuoted();
                        break;
                    }
                    if (byte === 0x2f && this.lastByteOfToken === 0x2a)
                        this.tokenContainsCommentEnd = true;
                    if (byte !== 0x0a && !this.executable) {
                        // The bulk of a dump is its strings: skip to the next byte that matters, keeping what a token keeps.
                        let end = i + 1;
                        const quote = this.quote;
                        while (end < length) {
                            const next = bytes[end];
                            if (next === quote || next === 0x5c || next === 0x0a)
                                break;
                            end++;
                        }
                        this.lastByteOfToken = bytes[end - 1];
                        for (let k = i; k < end && this.tokenBytes.length < MAX_TOKEN_BYTES; k++)
                            this.tokenBytes.push(bytes[k]);
                        const statement = this.statement;
                        if (statement)
                            for (let k = i; k < end && statement.quote.length < confinement/* QUOTE_BYTES */.pN; k++)
                                statement.quote.push(bytes[k]);
                        this.lineStart = false;
                        i = end;
                        continue;
                    }
                    this.lastByteOfToken = byte;
                    this.pushTokenByte(byte);
                    break;
                case 'word':
                    if ((0,sql_bytes/* isWordByte */.L)(byte)) {
                        this.pushTokenByte(byte);
                        break;
                    }
                    if (byte === 0x2e && /^\d+$/.test(this.tokenText())) {
                        this.lexer = 'number';
                        this.pushTokenByte(byte);
                        break;
                    }
                    this.endToken();
                    continue;
                case 'number':
                    if ((0,sql_bytes/* isWordByte */.L)(byte)) {
                        this.pushTokenByte(byte);
                        break;
                    }
                    this.endToken();
                    continue;
                case 'variable':
                    // @name, @name.x, @@scope.name; a quoted @'name' or @`name` is read as a string or identifier after it.
                    if ((0,sql_bytes/* isWordByte */.L)(byte) || byte === 0x2e || byte === 0x40) {
                        this.pushTokenByte(byte);
                        break;
                    }
                    this.endToken();
                    continue;
                case 'code': {
                    const step = this.code(bytes, i, peek);
                    if (step === undefined)
                        return this.keep(bytes, i);
                    // Bytes taken together (`/*!50001`, `*/`, `--`, a delimiter) are quoted too.
                    for (let k = i; k < step; k++)
                        this.quoteByte(bytes[k]);
                    i = step;
                    break;
                }
            }
            if (byte === 0x0a) {
                this.line++;
                this.lineStart = true;
            }
            else if (!(0,sql_bytes/* isSpace */.x)(byte))
                this.lineStart = false;
            this.quoteByte(bytes[i]);
            i++;
        }
    }
    /** One byte of code; the index of the last byte it took, or undefined to wait for more. */
    code(bytes, i, peek) {
        const byte = bytes[i];
        if ((0,sql_bytes/* isSpace */.x)(byte))
            return i;
        // The client's delimiter ends a statement wherever it stands outside quotes and comments.
        if (byte === this.delimiter.charCodeAt(0)) {
            for (let k = 1; k < this.delimiter.length; k++) {
                const next = peek(k);
                if (next === undefined)
                    return undefined;
                if (next !== this.delimiter.charCodeAt(k))
                    return this.punct(byte, i);
            }
            this.endToken();
            this.endStatement();
            return i + this.delimiter.length - 1;
        }
        if (byte === 0x23) {
            if (this.executable)
                this.failAt('puts a comment inside an executable comment, where servers that skip it and servers that run it would read it differently');
            this.lexer = 'line-comment';
            return i;
        }
        if (byte === 0x2d) {
            const next = peek(1);
            if (next === undefined)
                return undefined;
            if (next === 0x2d) {
                const after = peek(2);
                if (after === undefined)
                    return undefined;
                if (after === -1 || after <= 0x20 || after === 0x7f) {
                    if (this.executable)
                        this.failAt('puts a comment inside an executable comment, where servers that skip it and servers that run it would read it differently');
                    this.lexer = 'line-comment';
                    return i + 1;
                }
            }
            return this.punct(byte, i);
        }
        if (byte === 0x2f) {
            const next = peek(1);
            if (next === undefined)
                return undefined;
            if (next !== 0x2a)
                return this.punct(byte, i);
            const third = peek(2);
            const fourth = peek(3);
            if (third === undefined || fourth === undefined)
                return undefined;
            const executable = third === 0x21 ? 3 : third === 0x4d && fourth === 0x21 ? 4 : 0;
            if (this.executable)
                this.failAt('opens a comment inside an executable comment');
            if (executable === 0) {
                this.lexer = 'block-comment';
                return i + 1;
            }
            // The version digits after `/*!` are part of the marker, not code.
            let end = i + executable;
            for (;;) {
                const digit = peek(end - i);
                if (digit === undefined)
                    return undefined;
                if (digit < 0x30 || digit > 0x39)
                    break;
                end++;
            }
            this.executable = true;
            this.markStatementStart();
            return end - 1;
        }
        if (byte === 0x2a && this.executable) {
            const next = peek(1);
            if (next === undefined)
                return undefined;
            if (next === 0x2f) {
                this.executable = false;
                return i + 1;
            }
            return this.punct(byte, i);
        }
        if (byte === 0x5c) {
            const next = peek(1);
            if (next === undefined)
                return undefined;
            this.markStatementStart();
            const command = next > 0x20 ? `\\${String.fromCharCode(next)}` : '\\';
            this.failAt(`is a client command (${command}): the restore runs SQL only`);
        }
        if (byte === 0x27 || byte === 0x22 || byte === 0x60) {
            this.markStatementStart();
            this.quote = byte;
            this.tokenBytes = [];
            this.tokenLine = this.line;
            this.tokenContainsCommentEnd = false;
            this.lastByteOfToken = 0;
            this.lexer = byte === 0x60 || (byte === 0x22 && this.sqlMode().ansiQuotes) ? 'ident' : 'string';
            return i;
        }
        if (byte === 0x40) {
            this.markStatementStart();
            this.startToken('variable', byte);
            return i;
        }
        if (byte === 0x2e) {
            const next = peek(1);
            if (next === undefined)
                return undefined;
            if (next >= 0x30 && next <= 0x39 && !this.inName()) {
                this.markStatementStart();
                this.startToken('number', byte);
                return i;
            }
            return this.punct(byte, i);
        }
        if ((0,sql_bytes/* isWordByte */.L)(byte)) {
            this.markStatementStart();
            this.startToken('word', byte);
            return i;
        }
        return this.punct(byte, i);
    }
}

;// CONCATENATED MODULE: ./src/engines/mysql/dump-words.ts
/** What the MySQL confinement scan (confinement.ts) knows of the words of the statements a dump tool writes, and of those it must not run. */
/** What a dump tool writes at the start of a statement. */
const HEADS = new Set(['SET', 'DROP', 'CREATE', 'ALTER', 'LOCK', 'UNLOCK', 'INSERT', 'REPLACE', 'DO', 'SELECT', 'COMMIT', 'START', 'BEGIN', 'ROLLBACK', 'USE']);
/** What CREATE, ALTER and DROP may act on: objects inside a database. */
const OBJECT_KINDS = new Set(['TABLE', 'VIEW', 'TRIGGER', 'PROCEDURE', 'FUNCTION', 'EVENT', 'SEQUENCE', 'INDEX']);
/** Objects whose body is SQL of its own, with table.column names in it. */
const BODY_KINDS = new Set(['VIEW', 'TRIGGER', 'PROCEDURE', 'FUNCTION', 'EVENT', 'PACKAGE']);
/** Words between CREATE and the kind of object (OR REPLACE, ALGORITHM=…, DEFINER=…, SQL SECURITY …). */
const CREATE_MODIFIERS = new Set([
    'OR', 'REPLACE', 'ALGORITHM', 'UNDEFINED', 'MERGE', 'TEMPTABLE', 'DEFINER', 'CURRENT_USER', 'CURRENT_ROLE', 'SQL', 'SECURITY', 'INVOKER', 'AGGREGATE',
    'TEMPORARY', 'UNIQUE', 'FULLTEXT', 'SPATIAL', 'ONLINE', 'OFFLINE', 'IGNORE'
]);
/** Kinds of server-wide objects: never created, altered, renamed or dropped by a restore. */
const SERVER_KINDS = new Set(['DATABASE', 'SCHEMA', 'USER', 'ROLE', 'SERVER', 'TABLESPACE', 'LOGFILE', 'RESOURCE']);
/** Words that are a server or file operation wherever they stand. */
const FORBIDDEN_WORDS = new Map([
    ['GRANT', 'grants privileges'],
    ['REVOKE', 'revokes privileges'],
    ['OUTFILE', 'writes a file on the server'],
    ['DUMPFILE', 'writes a file on the server'],
    ['LOAD_FILE', 'reads a file on the server'],
    ['SONAME', 'loads a shared library into the server'],
    ['INSTALL', 'installs a plugin'],
    ['UNINSTALL', 'removes a plugin'],
    ['SHUTDOWN', 'stops the server'],
    ['KILL', 'ends other sessions'],
    ['FLUSH', 'flushes server-wide state'],
    ['PURGE', 'purges the binary logs'],
    ['BINLOG', 'replays binary log events'],
    ['FEDERATED', 'stores a table on another server'],
    ['SPIDER', 'stores a table on another server'],
    ['CONNECTION', 'points a table at another server'],
    ['PREPARE', 'runs dynamic SQL, which can act on any database'],
    ['EXECUTE', 'runs dynamic SQL, which can act on any database']
]);
/** Word pairs that are a server operation. */
const FORBIDDEN_PAIRS = new Map([
    ['CHANGE MASTER', 'changes replication'],
    ['CHANGE REPLICATION', 'changes replication'],
    ['START SLAVE', 'starts replication'],
    ['START REPLICA', 'starts replication'],
    ['START ALL', 'starts replication'],
    ['STOP SLAVE', 'stops replication'],
    ['STOP REPLICA', 'stops replication'],
    ['STOP ALL', 'stops replication'],
    ['RESET MASTER', 'resets the binary logs'],
    ['RESET SLAVE', 'resets replication'],
    ['RESET REPLICA', 'resets replication'],
    ['RESET QUERY', 'resets the query cache'],
    ['LOAD DATA', 'reads a file'],
    ['LOAD XML', 'reads a file'],
    ['LOAD INDEX', 'loads a key cache'],
    ['DEFAULT ROLE', 'changes a default role']
]);
/** Words after SET (or a comma of a SET) that are not an assignment to a variable or column of that name. */
const SET_WORDS = new Map([
    ['GLOBAL', 'changes a server-wide setting'],
    ['PERSIST', 'changes a server-wide setting'],
    ['PERSIST_ONLY', 'changes a server-wide setting'],
    ['PASSWORD', 'changes a password'],
    ['ROLE', 'changes the session\'s role'],
    ['STATEMENT', 'runs a statement under other settings']
]);
/** Where a two-part name in a body is a table (or routine, sequence) of a database. */
const TABLE_POSITIONS = new Set([
    'FROM', 'JOIN', 'STRAIGHT_JOIN', 'INTO', 'UPDATE', 'TABLE', 'TABLES', 'REFERENCES', 'CALL', 'TRUNCATE', 'LIKE', 'TRIGGER', 'VIEW', 'PROCEDURE', 'FUNCTION',
    'EVENT', 'SEQUENCE', 'FOR', 'DATABASE', 'SCHEMA', 'EXISTS', 'TO', 'DESCRIBE', 'HANDLER'
]);
const SEQUENCE_FUNCTIONS = new Set(['NEXTVAL', 'LASTVAL', 'SETVAL']);
/** Words that start or end a list of tables. */
const TABLE_LIST_STARTS = new Set(['FROM', 'UPDATE', 'TABLES', 'JOIN', 'STRAIGHT_JOIN']);
const TABLE_LIST_ENDS = new Set(['WHERE', 'SET', 'ON', 'USING', 'GROUP', 'ORDER', 'LIMIT', 'HAVING', 'WINDOW', 'UNION', 'VALUES', 'VALUE', 'SELECT', 'RETURNING', 'FOR']);
/** Words that are a value in a row: NULL, hex (0x…, X'…', B'…'), introducers, booleans, numbers with an exponent. */
const LITERAL_WORDS = /^(?:NULL|TRUE|FALSE|DEFAULT|0X[0-9A-F]*|0B[01]*|X|B|N|_(?:BINARY|UTF8MB4|UTF8MB3|UTF8|LATIN1|ASCII)|\d+E\d*)$/;

;// CONCATENATED MODULE: ./src/engines/mysql/session-settings.ts
/**
 * What the dump's SET statements change of how the rest of it is read, followed by the
 * confinement scan: sql_mode (ANSI_QUOTES, NO_BACKSLASH_ESCAPES) and the client character set
 * (only ASCII-safe ones), also where they travel through a user variable.
 */
/** Character sets in which a byte below 0x80 is always that ASCII character, so quotes and backslashes read the same. */
const SAFE_CHARSETS = new Set(['UTF8', 'UTF8MB3', 'UTF8MB4', 'LATIN1', 'ASCII', 'BINARY']);
/** sql_mode words that turn `"` into an identifier quote. */
const ANSI_QUOTE_MODES = new Set(['ANSI_QUOTES', 'ANSI', 'DB2', 'MAXDB', 'MSSQL', 'ORACLE', 'POSTGRESQL']);
function parseSqlMode(text) {
    const words = text.toUpperCase().split(',').map((word) => word.trim());
    return { ansiQuotes: words.some((word) => ANSI_QUOTE_MODES.has(word)), noBackslashEscapes: words.includes('NO_BACKSLASH_ESCAPES') };
}
/** The variable a SET assigns, as one name: `@@SESSION.sql_mode`, `SESSION sql_mode` and `sql_mode` are `SQL_MODE`; `@v` stays. */
function assignee(written) {
    const name = written.toUpperCase().replace(/ *\. */g, '.');
    if (name.startsWith('@') && !name.startsWith('@@'))
        return name;
    return name.replace(/^@@/, '').replace(/^(?:SESSION|LOCAL)[. ]/, '');
}
class SessionSettings {
    mode = { ansiQuotes: false, noBackslashEscapes: false };
    variables = new Map();
    /** Reads the assignments of a top-level SET: which of them change how the rest of the dump is read. */
    follow(statement, token) {
        if (statement.body)
            return;
        if (statement.tokens === 1) {
            statement.assignments.push({ name: '', value: [], sawEquals: false });
            return;
        }
        const current = statement.assignments[statement.assignments.length - 1];
        if (token.text === '(')
            statement.depth++;
        else if (token.text === ')')
            statement.depth--;
        if (token.text === ',' && statement.depth === 0) {
            statement.assignments.push({ name: '', value: [], sawEquals: false });
            return;
        }
        if (!current.sawEquals) {
            if (token.text === '=' || token.text === ':') {
                if (token.text === '=')
                    current.sawEquals = true;
                return;
            }
            // SET NAMES x, SET CHARACTER SET x, SET CHARSET x: no equals sign.
            const name = `${current.name}${current.name ? ' ' : ''}${token.text}`;
            if (['NAMES', 'CHARSET', 'CHARACTER SET'].includes(assignee(name))) {
                current.name = name;
                current.sawEquals = true;
                return;
            }
            current.name = name;
            return;
        }
        // A variable read past the first token of a value may be assigned there (@a := …): no longer known.
        if (token.kind === 'var' && current.value.length > 0)
            this.forget(token);
        if (current.value.length < 4)
            current.value.push(token);
    }
    /** A user variable that a statement other than a plain SET may have changed (SELECT … INTO @v, a trigger). */
    forget(token) {
        if (token.kind === 'var' && !token.text.startsWith('@@'))
            this.variables.set(token.text, { safeCharset: false });
    }
    /** Applies a SET statement's assignments once it has run: sql_mode and the client's character set. */
    apply(statement, fail) {
        for (const { name: written, value } of statement.assignments) {
            const name = assignee(written);
            const [first] = value;
            if (value.length !== 1)
                for (const token of value)
                    this.forget(token);
            const single = value.length === 1 || (value.length === 2 && value[1].text === 'COLLATE') || value.length === 3;
            if (name === 'SQL_MODE') {
                if (first?.kind === 'string' && value.length === 1)
                    this.mode = parseSqlMode(first.text);
                else if (first?.kind === 'var' && value.length === 1 && /^@@(?:SESSION\.|LOCAL\.)?SQL_MODE$/.test(first.text))
                    continue;
                else if (first?.kind === 'var' && value.length === 1 && this.variables.get(first.text)?.sqlMode)
                    this.mode = { ...this.variables.get(first.text)?.sqlMode };
                else
                    fail('sets sql_mode to a value the scan cannot know, which changes how the rest of the dump is read');
            }
            else if (['NAMES', 'CHARSET', 'CHARACTER SET', 'CHARACTER_SET_CLIENT'].includes(name)) {
                const safe = first !== undefined &&
                    single &&
                    (((first.kind === 'word' || first.kind === 'string' || first.kind === 'ident') && SAFE_CHARSETS.has(first.text.toUpperCase())) ||
                        (first.kind === 'var' && (/^@@(?:SESSION\.|LOCAL\.)?CHARACTER_SET_CLIENT$/.test(first.text) || this.variables.get(first.text)?.safeCharset === true)));
                if (!safe)
                    fail(`sets the client character set to ${first?.text ?? 'nothing'}, in which quotes could hide inside characters: only utf8mb4, utf8mb3, utf8, latin1, ascii and binary are read`);
            }
            else if (name.startsWith('@') && !name.startsWith('@@')) {
                const variable = name;
                if (value.length === 1 && first.kind === 'string')
                    this.variables.set(variable, { sqlMode: parseSqlMode(first.text), safeCharset: SAFE_CHARSETS.has(first.text.toUpperCase()) });
                else if (value.length === 1 && first.kind === 'var' && /^@@(?:SESSION\.|LOCAL\.)?SQL_MODE$/.test(first.text))
                    this.variables.set(variable, { sqlMode: { ...this.mode }, safeCharset: false });
                else if (value.length === 1 && first.kind === 'var' && /^@@(?:SESSION\.|LOCAL\.)?CHARACTER_SET_CLIENT$/.test(first.text))
                    this.variables.set(variable, { safeCharset: true });
                else
                    this.variables.set(variable, { safeCharset: false });
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/engines/mysql/confinement.ts





class MysqlDumpScanner extends MysqlDumpLexer {
    /** The DEFINERs of the dump's views, routines, triggers and events, with their objects. */
    definers = new DefinerUses();
    settings = new SessionSettings();
    chain;
    tableList = false;
    pendingCheck;
    /** `target`: the database the dump is restored into. */
    constructor(target) {
        super(target);
    }
    newStatement(line) {
        return { line, quote: [], tokens: 0, head: [], body: false, kindKnown: false, isSet: false, assignments: [], depth: 0 };
    }
    inName() {
        return this.chain !== undefined;
    }
    sqlMode() {
        return this.settings.mode;
    }
    endStatement() {
        this.endChain(undefined);
        this.runPending(undefined);
        const statement = this.statement;
        if (statement && statement.isSet)
            this.settings.apply(statement, (why) => this.fail(statement.line, why));
        const defined = statement?.defined;
        if (defined && !defined.invoker)
            this.definers.add(defined.definer, { kind: defined.kind.toLowerCase(), name: defined.name ?? '(unnamed)' });
        this.statement = undefined;
        this.previous = [];
        this.tableList = false;
    }
    runPending(next) {
        const check = this.pendingCheck;
        this.pendingCheck = undefined;
        check?.(next);
    }
    /** Every token of code, in order: the statement's rules are applied as it streams past. */
    token(token) {
        const statement = this.statement;
        if (!statement)
            return;
        statement.tokens++;
        // The rows of an extended INSERT: literals and punctuation, which no rule is about.
        if (statement.values && this.isLiteral(token)) {
            // Still followed as names: x.f( is a routine of the database x even among values.
            this.followNames(token);
            return;
        }
        this.runPending(token);
        // The specific refusals first: they say more than "starts with …".
        this.checkForbidden(token);
        if (statement.tokens === 1)
            this.checkHead(token);
        else if (!statement.kindKnown)
            this.classify(token);
        else if (statement.defined)
            followDefined(statement.defined, token, this.previous);
        this.followNames(token);
        if (statement.isSet && !statement.body)
            this.settings.follow(statement, token);
        else
            this.settings.forget(token);
        if (token.kind === 'word' && (token.text === 'VALUES' || token.text === 'VALUE') && !statement.body && ['INSERT', 'REPLACE'].includes(statement.head[0]?.text)) {
            statement.values = true;
        }
        if (token.kind === 'word') {
            if (TABLE_LIST_STARTS.has(token.text))
                this.tableList = true;
            else if (TABLE_LIST_ENDS.has(token.text))
                this.tableList = false;
        }
        this.previous.push(token);
        if (this.previous.length > 3)
            this.previous.shift();
    }
    isLiteral(token) {
        if (token.kind === 'string' || token.kind === 'number')
            return true;
        if (token.kind === 'punct')
            return token.text === '(' || token.text === ')' || token.text === ',' || token.text === '-' || token.text === '+';
        return token.kind === 'word' && LITERAL_WORDS.test(token.text);
    }
    checkHead(token) {
        const statement = this.statement;
        statement.head.push(token);
        if (token.kind !== 'word' || !HEADS.has(token.text)) {
            const what = token.kind === 'word' ? token.text : token.text.slice(0, 20);
            this.fail(token.line, `starts with ${what}, which a dump of one database does not run`);
        }
        statement.isSet = token.text === 'SET';
        statement.kindKnown = !['CREATE', 'ALTER', 'DROP', 'START', 'LOCK', 'UNLOCK'].includes(token.text);
    }
    /** CREATE/ALTER/DROP …: the kind of object, past OR REPLACE, ALGORITHM=…, DEFINER=…, SQL SECURITY …, IF [NOT] EXISTS. */
    classify(token) {
        const statement = this.statement;
        const verb = statement.head[0].text;
        statement.head.push(token);
        if (verb === 'START') {
            if (token.text !== 'TRANSACTION')
                this.fail(token.line, `starts with START ${token.text}, which a dump of one database does not run`);
            statement.kindKnown = true;
            return;
        }
        if (verb === 'LOCK' || verb === 'UNLOCK') {
            if (token.text !== 'TABLES' && token.text !== 'TABLE')
                this.fail(token.line, `is ${verb} ${token.text}, which a dump of one database does not run`);
            statement.kindKnown = true;
            return;
        }
        if (token.kind !== 'word' || CREATE_MODIFIERS.has(token.text))
            return;
        // `DEFINER = app@host`: a bare user name, not the kind of object.
        const [equals, definer] = [statement.head[statement.head.length - 2], statement.head[statement.head.length - 3]];
        if (equals?.text === '=' && definer?.kind === 'word' && definer.text === 'DEFINER')
            return;
        if (statement.head.length > 24)
            this.fail(token.line, `is a ${verb} of nothing the scan knows`);
        if (OBJECT_KINDS.has(token.text) || BODY_KINDS.has(token.text)) {
            statement.kindKnown = true;
            statement.body = BODY_KINDS.has(token.text) && verb !== 'DROP';
            if (statement.body)
                statement.defined = definedIn(statement.head, token.text);
            return;
        }
        // Refused, or for ALTER DATABASE checked to name the target, by checkForbidden.
        if (SERVER_KINDS.has(token.text)) {
            statement.kindKnown = verb === 'ALTER' && (token.text === 'DATABASE' || token.text === 'SCHEMA');
            return;
        }
        this.fail(token.line, `is ${verb} ${token.text}, which a dump of one database does not run`);
    }
    checkForbidden(token) {
        if (token.kind === 'var' && /^@@(?:GLOBAL|PERSIST|PERSIST_ONLY)\./.test(token.text)) {
            const before = this.previous[this.previous.length - 1];
            if (before && (before.text === 'SET' || before.text === ','))
                this.fail(token.line, `sets ${token.text}, a server-wide setting`);
        }
        if (token.kind !== 'word' && token.text !== ',')
            return;
        const forbidden = FORBIDDEN_WORDS.get(token.text);
        if (token.kind === 'word' && forbidden)
            this.fail(token.line, `${forbidden} (${token.text})`);
        const before = this.previous[this.previous.length - 1];
        const beforeThat = this.previous[this.previous.length - 2];
        if (before) {
            const pair = before.kind === 'word' ? FORBIDDEN_PAIRS.get(`${before.text} ${token.text}`) : undefined;
            if (pair)
                this.fail(token.line, `${pair} (${before.text} ${token.text})`);
            const setWord = token.kind === 'word' && (before.text === 'SET' || before.text === ',') ? SET_WORDS.get(token.text) : undefined;
            if (setWord) {
                // `SET password = …` assigns a column or a routine's variable of that name.
                this.pendingCheck = (next) => {
                    if (!next || (next.text !== '=' && next.text !== ':' && next.text !== '.'))
                        this.fail(token.line, `${setWord} (SET ${token.text})`);
                };
            }
        }
        if (token.kind !== 'word')
            return;
        const verbBefore = before && before.kind === 'word' && ['CREATE', 'DROP', 'ALTER', 'RENAME'].includes(before.text)
            ? before.text
            : before?.text === 'REPLACE' && beforeThat?.text === 'OR'
                ? 'CREATE'
                : undefined;
        if (verbBefore && SERVER_KINDS.has(token.text)) {
            if (verbBefore === 'ALTER' && (token.text === 'DATABASE' || token.text === 'SCHEMA')) {
                // ALTER DATABASE CHARACTER SET … is of the current database, the target.
                this.pendingCheck = (next) => {
                    if (!next || (next.kind === 'word' && ['CHARACTER', 'CHARSET', 'DEFAULT', 'COLLATE', 'COMMENT'].includes(next.text)))
                        return;
                    if (next.raw !== this.target)
                        this.fail(next.line, `alters the database \`${next.raw}\``);
                };
                return;
            }
            this.fail(token.line, `${verbBefore === 'ALTER' ? 'alters' : verbBefore === 'DROP' ? 'drops' : verbBefore === 'RENAME' ? 'renames' : 'creates'} a ${token.text.toLowerCase()}`);
        }
        if (token.text === 'USE') {
            this.pendingCheck = (next) => {
                if (!next || (next.kind === 'word' && (next.text === 'INDEX' || next.text === 'KEY')))
                    return;
                if (next.raw !== this.target || (next.kind !== 'word' && next.kind !== 'ident'))
                    this.fail(next.line, `switches to the database \`${next.raw}\``);
            };
        }
    }
    /** Follows `a.b` and `a.b.c` chains and judges each when it ends. */
    followNames(token) {
        const isName = token.kind === 'ident' || token.kind === 'word';
        const chain = this.chain;
        if (chain && chain.afterDot) {
            if (isName) {
                chain.names.push(token.raw);
                chain.afterDot = false;
                return;
            }
            // `a.*` (a table's every column, or GRANT ON db.*) ends the chain as a two-part name.
            if (token.text === '*')
                chain.names.push('*');
            chain.afterDot = false;
        }
        else if (chain && token.text === '.') {
            chain.afterDot = true;
            return;
        }
        if (chain)
            this.endChain(token);
        if (isName) {
            this.chain = { names: [token.raw], afterDot: false, tablePosition: this.tablePosition(), line: token.line };
        }
    }
    tablePosition() {
        const [second, first] = [this.previous[this.previous.length - 2], this.previous[this.previous.length - 1]];
        if (!first)
            return false;
        if (first.kind === 'word' && TABLE_POSITIONS.has(first.text))
            return true;
        if (first.kind === 'word' && first.text === 'ON')
            return second?.kind === 'word' && ['INSERT', 'UPDATE', 'DELETE'].includes(second.text);
        if (first.text === '(' && second?.kind === 'word')
            return TABLE_POSITIONS.has(second.text) || SEQUENCE_FUNCTIONS.has(second.text);
        return first.text === ',' && this.tableList;
    }
    endChain(next) {
        const chain = this.chain;
        this.chain = undefined;
        if (!chain || chain.names.length < 2)
            return;
        const statement = this.statement;
        const qualifier = chain.names[0];
        const databaseNamed = chain.names.length >= 3 || !statement?.body || chain.tablePosition || next?.text === '(';
        if (!databaseNamed || this.sameAsTarget(qualifier))
            return;
        const named = `names the database \`${qualifier}\` (${chain.names.map((name) => `\`${name}\``).join('.')})`;
        const view = statement?.defined?.kind === 'VIEW' && !statement.defined.invoker ? statement.defined : undefined;
        // MariaDB's SHOW CREATE VIEW, which the dump tools copy, qualifies every column by the view's
        // database when it cannot run the view as its definer (no such account, or one without SELECT
        // on what the view reads): such a view loads into a database of its source's name only
        // (elsewhere the server refuses it too, error 1054).
        if (view) {
            this.fail(chain.line, `${named}, in the view \`${view.name ?? '?'}\` that runs as DEFINER ${definerText(view.definer)}: the dump tool writes a view's columns qualified by its database ` +
                `where the server it was dumped from could not run it as its definer (the account missing there, or without the privileges the view needs), so this dump loads only into a database named \`${qualifier}\` ` +
                `(on that server, create the account or grant it what the view reads, or give the view a definer that can with ALTER DEFINER = … VIEW, and back up again)`);
        }
        this.fail(chain.line, named);
    }
    sameAsTarget(name) {
        return name === this.target;
    }
}
/** Scans a whole dump given as bytes (tests, small files). */
function scanMysqlDump(target, chunks) {
    const scanner = new MysqlDumpScanner(target);
    for (const chunk of chunks)
        scanner.push(chunk);
    scanner.finish();
}

// EXTERNAL MODULE: ./src/util/content-digest.ts
var content_digest = __webpack_require__(41594);
// EXTERNAL MODULE: ./src/engines/shared/contents.ts
var contents = __webpack_require__(67979);
;// CONCATENATED MODULE: ./src/engines/mysql/dump-reader.ts


/**
 * Bytes of a line's start kept to read a CREATE TABLE, an INSERT's header (its column list may be
 * long: up to 4,096 columns of 64 characters), and the dump's server version, from.
 */
const HEAD_BYTES = 1 << 20;
const CREATE_TABLE = /^CREATE TABLE `((?:[^`]|``)+)` \(/;
// A column list comes with generated or invisible columns (MySQL's mysqldump leaves generated ones
// out), and with history (--dump-history) names row_start and row_end unquoted.
const INSERT = /^INSERT INTO `((?:[^`]|``)+)` (?:\(((?:(?:`(?:[^`]|``)*`|[A-Za-z0-9_$]+)(?:, ?)?)+)\) )?VALUES ?/;
const COLUMN = /`((?:[^`]|``)*)`|([A-Za-z0-9_$]+)/g;
const DROP_TABLE = /^DROP TABLE (?:IF EXISTS )?`((?:[^`]|``)+)`/;
const ENGINE = /\bENGINE=(\w+)/;
/** Engines that undo a statement that fails: the others keep the rows it inserted before failing. */
const TRANSACTIONAL = /^(?:InnoDB|ROCKSDB|TokuDB|ndbcluster)$/i;
const SERVER_VERSION = /^-- Server version\t(.+)$/;
/** What mariadb-dump --dump-history writes before the rows of system-versioned tables with their history. */
const HISTORY = /system_versioning_insert_history=1/;
const OPEN = 0x28;
const CLOSE = 0x29;
const BACKSLASH = 0x5c;
const SEMICOLON = 0x3b;
const NEWLINE = 0x0a;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
function identifier(quoted) {
    return quoted.replace(/``/g, '`');
}
/** The newline bytes in chunk[from, to): the client numbers the lines of its input by them. */
function newlines(chunk, from, to) {
    const part = chunk.subarray(from, to);
    let count = 0;
    for (let at = part.indexOf(NEWLINE); at >= 0; at = part.indexOf(NEWLINE, at + 1))
        count++;
    return count;
}
/**
 * Reads a mysqldump or mariadb-dump script as it streams past: each table's rows, the top-level
 * parenthesised tuples of its INSERTs' VALUES lists (one line or one row a line, as the tools
 * write them; strings skipped by their quotes and backslash escapes), counted and folded into
 * the table's content digest as the tool wrote them; a table without rows still has its CREATE
 * TABLE. Newlines inside values are escaped by the tools, so a statement starts at the start of a
 * line. It reads bytes and keeps none of a value: a tuple is hashed as it passes, in as many
 * parts as chunks bring it, and of a line outside the values only its first bytes are kept, so a
 * row of any size passes in time linear in its length and in bounded memory.
 */
class SqlRowCounter {
    sinkFor;
    rows = new Map();
    /** The server the dump was taken from, as its `-- Server version` line says. */
    serverVersion;
    /** The dump holds the history of its system-versioned tables (mariadb-dump --dump-history). */
    history = false;
    /** The longest statement of the dump in bytes: the server's max_allowed_packet must be at least this to load it. */
    longestStatement = 0;
    /** Each table's statements by line, and those of the views' stand-ins, which are dropped as tables. */
    lines = new Map();
    contents = new Map();
    /** Bytes of the current line read so far, while outside an INSERT's values. */
    lineBytes = 0;
    head = Buffer.alloc(HEAD_BYTES);
    /** The line being read, from 1. */
    lineNumber = 1;
    /** The last byte of the current line so far: a statement ends with `;` at the end of a line. */
    lastByte = 0;
    /** The table whose CREATE TABLE is being read, to its `;`. */
    creating;
    /** The INSERT whose values are being read: where its table's tuples go (none: only counted), and where the scan is. */
    insert;
    statementBytes = 0;
    depth = 0;
    quote = 0;
    escaped = false;
    /** The current tuple's digest was begun: it came in more than one chunk. */
    hashing = false;
    /**
     * Where each INSERT's tuples go, by table and by the INSERT's column list (undefined without
     * one): by default a ContentDigest a table (digests()); the row finder gives its own, for one
     * table, and undefined for the others.
     */
    constructor(sinkFor = (table) => this.digestOf(table)) {
        this.sinkFor = sinkFor;
    }
    /** Each table's content digest (ContentDigest.text()); a table without rows has that of none. */
    digests() {
        return new Map([...this.rows.keys()].map((table) => [table, (this.contents.get(table) ?? new content_digest/* ContentDigest */.e()).text()]));
    }
    push(chunk) {
        let at = 0;
        while (at < chunk.length)
            at = this.insert ? this.values(chunk, at) : this.line(chunk, at);
    }
    finish() {
        if (!this.insert)
            this.endLine();
        return this.rows;
    }
    /** Outside the values: up to the end of the line, or to the VALUES of an INSERT. */
    line(chunk, from) {
        const newline = chunk.indexOf(NEWLINE, from);
        const to = newline < 0 ? chunk.length : newline;
        if (to > from)
            this.lastByte = chunk[to - 1];
        if (this.lineBytes < HEAD_BYTES)
            chunk.copy(this.head, this.lineBytes, from, Math.min(to, from + HEAD_BYTES - this.lineBytes));
        const before = this.lineBytes;
        this.lineBytes += to - from;
        // An INSERT's header is short: once it is all in the head, the values start right after it.
        const insert = this.head[0] === 0x49 ? INSERT.exec(this.head.toString('utf8', 0, Math.min(this.lineBytes, HEAD_BYTES))) : null;
        if (insert) {
            const headerBytes = Buffer.byteLength(insert[0]);
            if (headerBytes <= this.lineBytes) {
                const table = identifier(insert[1]);
                const columns = insert[2] === undefined ? undefined : [...insert[2].matchAll(COLUMN)].map((column) => column[2] ?? identifier(column[1]));
                this.seen(table);
                this.linesOf(table).firstInsert ??= this.lineNumber;
                this.insert = { table, sink: this.sinkFor(table, columns) };
                this.statementBytes = headerBytes;
                this.lineBytes = 0;
                return from + (headerBytes - before);
            }
        }
        if (newline < 0)
            return chunk.length;
        this.endLine();
        this.lineNumber++;
        return newline + 1;
    }
    endLine() {
        const line = this.head.toString('utf8', 0, Math.min(this.lineBytes, HEAD_BYTES));
        this.longestStatement = Math.max(this.longestStatement, this.lineBytes);
        const created = CREATE_TABLE.exec(line);
        if (created) {
            const table = identifier(created[1]);
            this.seen(table);
            this.linesOf(table).createStart ??= this.lineNumber;
            this.creating = table;
        }
        const dropped = DROP_TABLE.exec(line);
        if (dropped)
            this.linesOf(identifier(dropped[1])).drop ??= this.lineNumber;
        if (this.creating !== undefined) {
            const lines = this.linesOf(this.creating);
            // The table options follow the closing parenthesis of the columns, on a line of their own.
            if (line.startsWith(')'))
                lines.engine ??= ENGINE.exec(line)?.[1];
            if (this.lastByte === SEMICOLON) {
                lines.createEnd = this.lineNumber;
                this.creating = undefined;
            }
        }
        const version = SERVER_VERSION.exec(line);
        if (version)
            this.serverVersion = version[1].trim();
        if (HISTORY.test(line))
            this.history = true;
        this.lineBytes = 0;
        this.lastByte = 0;
    }
    /** A table of the dump, in the order the dump holds them, with or without rows. */
    seen(table) {
        if (!this.rows.has(table))
            this.rows.set(table, 0);
    }
    linesOf(table) {
        const lines = this.lines.get(table) ?? {};
        this.lines.set(table, lines);
        return lines;
    }
    digestOf(table) {
        const digest = this.contents.get(table) ?? new content_digest/* ContentDigest */.e();
        this.contents.set(table, digest);
        return digest;
    }
    /** The values of an INSERT, from `from`: tuples hashed as they pass, to the `;` that ends it. */
    values(chunk, from) {
        const insert = this.insert;
        // Where the tuple being read starts in this chunk (its first byte, or this chunk's first).
        let tupleStart = this.depth > 0 ? from : -1;
        for (let i = from; i < chunk.length; i++) {
            const byte = chunk[i];
            if (this.quote) {
                if (this.escaped)
                    this.escaped = false;
                else if (byte === BACKSLASH)
                    this.escaped = true;
                else if (byte === this.quote)
                    this.quote = 0;
                continue;
            }
            if (byte === SINGLE_QUOTE || byte === DOUBLE_QUOTE)
                this.quote = byte;
            else if (byte === OPEN) {
                if (this.depth++ === 0)
                    tupleStart = i;
            }
            else if (byte === CLOSE) {
                if (--this.depth === 0) {
                    this.endTuple(insert, chunk.subarray(tupleStart, i + 1));
                    tupleStart = -1;
                }
            }
            else if (byte === SEMICOLON && this.depth === 0) {
                this.statementBytes += i + 1 - from;
                this.longestStatement = Math.max(this.longestStatement, this.statementBytes);
                this.lineNumber += newlines(chunk, from, i);
                const lines = this.linesOf(insert.table);
                lines.firstInsertEnd ??= this.lineNumber;
                lines.lastInsertEnd = this.lineNumber;
                this.insert = undefined;
                return i + 1;
            }
        }
        if (tupleStart >= 0 && insert.sink) {
            if (!this.hashing)
                insert.sink.begin();
            insert.sink.update(chunk.subarray(tupleStart));
            this.hashing = true;
        }
        this.statementBytes += chunk.length - from;
        this.lineNumber += newlines(chunk, from, chunk.length);
        return chunk.length;
    }
    endTuple(insert, last) {
        if (this.hashing) {
            insert.sink?.update(last);
            insert.sink?.end();
            this.hashing = false;
        }
        else
            insert.sink?.add(last);
        this.rows.set(insert.table, (this.rows.get(insert.table) ?? 0) + 1);
    }
}
/**
 * The client stops at the first statement that fails and names its line: `ERROR 1062 (23000) at line
 * 812: ...` (MariaDB's names the line it starts on; the spans below hold for any line of it).
 */
const FAILED_AT = /^ERROR \d+ \([0-9A-Z]{5}\) at line (\d+)/m;
/** What a table whose statements span `line` (its first statement came before it) is left as, the client having stopped there. */
function stateAt(lines, line, rows) {
    if (lines.createStart === undefined || line < lines.createStart)
        return 'dropped, and not recreated';
    if (line <= (lines.createEnd ?? lines.createStart))
        return 'dropped, and missing: its CREATE TABLE failed';
    if (lines.firstInsert === undefined || line < lines.firstInsert)
        return `recreated, and left empty: it failed before its rows (none of its ${rows} loaded)`;
    // A transactional engine undoes the INSERT that failed; another keeps the rows it inserted before failing.
    const kept = lines.engine !== undefined && !TRANSACTIONAL.test(lines.engine) ? ` (and perhaps some of the failed INSERT's: ${lines.engine} does not undo a failed statement)` : '';
    if (line <= (lines.firstInsertEnd ?? Infinity))
        return `recreated, and left empty: its first INSERT failed, none of its ${rows} rows are loaded${kept}`;
    return `recreated, and partially loaded: it holds the rows of its INSERTs before line ${line}${kept}, not the rest of its ${rows} rows`;
}
/**
 * What a load of `dump` that the client stopped at (its error output says the line) left in the
 * database, table by table: the statements run in order, so a table whose statements all end
 * before that line was dropped, recreated and loaded in full, a table whose first starts at it or
 * after it was not touched, and the table whose statements span it is told in detail. Undefined
 * where the client names no line (it was stopped, or could not connect).
 */
function describeLoadFailure(dump, stderr) {
    const failedAt = FAILED_AT.exec(stderr);
    if (!failedAt)
        return undefined;
    const line = Number(failedAt[1]);
    const restored = [];
    const untouched = [];
    let current;
    for (const [table, rows] of dump.rows) {
        const lines = dump.lines.get(table) ?? {};
        const start = lines.drop ?? lines.createStart ?? lines.firstInsert ?? Infinity;
        const end = lines.lastInsertEnd ?? lines.createEnd ?? start;
        if (end < line)
            restored.push(table);
        else if (start > line)
            untouched.push(table);
        else if (start === line)
            current = `${table} is as it was: its ${lines.drop !== undefined ? 'DROP TABLE' : lines.createStart !== undefined ? 'CREATE TABLE' : 'first INSERT'}, at line ${line}, failed`;
        else
            current = `${table} was being loaded at line ${line}: ${stateAt(lines, line, rows)}`;
    }
    const tables = (names) => (0,contents/* describeContents */.an)(new Map(names.map((name) => [name, 0])), 'table');
    const parts = [
        ...(restored.length > 0 ? [`restored in full (dropped, recreated and loaded): ${tables(restored)}`] : []),
        current ??
            `the statement that failed at line ${line}, ${restored.length > 0 ? `after the rows of ${restored[restored.length - 1]}` : 'before the first table'}, ` +
                "is none of a table's DROP, CREATE or INSERT (it is a setting, a trigger, a view, a routine or an event)",
        ...(untouched.length > 0 ? [`not reached, as they were before the restore: ${tables(untouched)}`] : [])
    ];
    return `what the target holds of the dump's ${dump.rows.size} tables: ${parts.join('; ')}`;
}

// EXTERNAL MODULE: ./src/engines/shared/row-finder.ts
var row_finder = __webpack_require__(87622);
;// CONCATENATED MODULE: ./src/engines/mysql/row-finder.ts




const row_finder_OPEN = 0x28;
const row_finder_CLOSE = 0x29;
const COMMA = 0x2c;
const row_finder_BACKSLASH = 0x5c;
const row_finder_SINGLE_QUOTE = 0x27;
const row_finder_DOUBLE_QUOTE = 0x22;
/**
 * Reads the key's fields of a tuple as it passes: the fields are split at the commas of depth 1
 * outside quotes (a quoted value skipped by its quotes and backslash escapes, as SqlRowCounter
 * reads it), and of a field only a key's is kept, all of them together in KEY_BYTES at most. A
 * tuple whose fields are not as many as the columns it is read by is not named: its places would
 * be wrong.
 */
class TupleKeyReader {
    places;
    names;
    fields;
    text = Buffer.alloc(row_finder/* KEY_BYTES */.C);
    textBytes = 0;
    /** Each kept field's bytes in `text`, in the key's order. */
    starts;
    ends;
    depth = 0;
    quote = 0;
    escaped = false;
    field = 0;
    closed = false;
    cut = false;
    /**
     * @param places each key column's field, in the key's order
     * @param names those columns' names
     * @param fields how many fields a tuple holds
     */
    constructor(places, names, fields) {
        this.places = places;
        this.names = names;
        this.fields = fields;
        this.starts = places.map(() => -1);
        this.ends = places.map(() => -1);
    }
    begin() {
        this.textBytes = 0;
        this.starts.fill(-1);
        this.ends.fill(-1);
        this.depth = 0;
        this.quote = 0;
        this.escaped = false;
        this.field = 0;
        this.closed = false;
        this.cut = false;
    }
    update(part) {
        // Where the field being read starts in this part.
        let fieldStart = this.depth > 0 ? 0 : -1;
        for (let i = 0; i < part.length; i++) {
            const byte = part[i];
            if (this.quote) {
                if (this.escaped)
                    this.escaped = false;
                else if (byte === row_finder_BACKSLASH)
                    this.escaped = true;
                else if (byte === this.quote)
                    this.quote = 0;
                continue;
            }
            if (byte === row_finder_SINGLE_QUOTE || byte === row_finder_DOUBLE_QUOTE)
                this.quote = byte;
            else if (byte === row_finder_OPEN) {
                if (this.depth++ === 0)
                    fieldStart = i + 1;
            }
            else if (byte === row_finder_CLOSE) {
                if (--this.depth === 0) {
                    this.keep(part, fieldStart, i);
                    this.closed = true;
                    fieldStart = -1;
                }
            }
            else if (byte === COMMA && this.depth === 1) {
                this.keep(part, fieldStart, i);
                this.field++;
                fieldStart = i + 1;
            }
        }
        if (this.depth > 0 && fieldStart >= 0)
            this.keep(part, fieldStart, part.length);
    }
    key() {
        if (!this.closed || this.cut || this.field + 1 !== this.fields)
            return undefined;
        const values = this.places.map((_, index) => this.text.toString('utf8', this.starts[index], this.ends[index]));
        return `(${this.names.join(', ')})=(${values.join(', ')})`;
    }
    /** Bytes [from, to) of the current field, kept if it is the key's. */
    keep(part, from, to) {
        const index = this.places.indexOf(this.field);
        if (index < 0 || this.cut)
            return;
        if (this.starts[index] < 0)
            this.starts[index] = this.textBytes;
        if (this.textBytes + (to - from) > row_finder/* KEY_BYTES */.C) {
            this.cut = true;
            return;
        }
        this.text.set(part.subarray(from, to), this.textBytes);
        this.textBytes += to - from;
        this.ends[index] = this.textBytes;
    }
}
/** Never names a row: the tuples of this INSERT do not hold the key. */
const NO_KEY = { begin: () => undefined, update: () => undefined, key: () => undefined };
/**
 * The key reader of an INSERT whose tuples hold `columns` (its column list), or every column of
 * the table where it has none. A key column the table's columns do not list is one the server
 * keeps itself (row_end of a system-versioned table): named where the INSERT holds it, left out
 * where it does not (a dump without history holds current rows only, whose row_end is the same).
 */
function tupleKeyReader(key, columns) {
    const layout = columns ?? key.columns;
    const kept = key.names.filter((name) => layout.includes(name));
    if (kept.length === 0 || key.names.some((name) => !layout.includes(name) && key.columns.includes(name)))
        return NO_KEY;
    return new TupleKeyReader(kept.map((name) => layout.indexOf(name)), kept, layout.length);
}
/** The tuples of `table`'s INSERTs in what `read` streams; other tables' are skipped. */
function tupleRows(read, table) {
    return async (sink, key) => {
        const counter = new SqlRowCounter((name, columns) => (name === table ? sink(key && tupleKeyReader(key, columns)) : undefined));
        await read((chunk) => counter.push(chunk));
        counter.finish();
    };
}
/** The dump file, decompressed as it streams. */
function dumpSql(file) {
    return async (push) => {
        for await (const chunk of await (0,restore_input/* decompressedStream */.Do)(file))
            push(chunk);
    };
}
/** One table of a database, re-dumped data only by the dump tool that reads a restored database back. */
function tableSql(database, workDir, table, history, timeoutMs) {
    return (push) => (0,engine.dumpTableData)(database, workDir, timeoutMs, push, history, table);
}
/** A name as a hex literal: no quoting to get wrong, whatever the session's sql_mode. */
function nameLiteral(name) {
    return `CONVERT(X'${Buffer.from(name).toString('hex')}' USING utf8mb4)`;
}
/** The table's columns and primary key from the catalog of the database it was restored into; undefined without a primary key. */
async function catalogKey(query, table) {
    const where = `TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${nameLiteral(table)}`;
    const rows = await query(`SELECT 'column', HEX(TABLE_NAME), HEX(COLUMN_NAME) FROM information_schema.COLUMNS WHERE ${where} ORDER BY ORDINAL_POSITION; ` +
        `SELECT 'key', HEX(TABLE_NAME), HEX(COLUMN_NAME) FROM information_schema.KEY_COLUMN_USAGE WHERE ${where} AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION`);
    const text = (hex) => Buffer.from(hex, 'hex').toString('utf8');
    // The catalog compares names without regard to case: only the table of this very name counts.
    const ofTable = rows.filter(([, name]) => text(name) === table);
    const names = ofTable.filter(([kind]) => kind === 'key').map(([, , column]) => text(column));
    const columns = ofTable.filter(([kind]) => kind === 'column').map(([, , column]) => text(column));
    return names.length > 0 ? { names, columns } : undefined;
}
/**
 * How check-restored and restore-check name the first differing row of a table: the dump file
 * against the table re-dumped from `database`, the key from `database`'s catalog.
 */
function mysqlRowFinder(file, database, workDir, timeoutMs, history, query) {
    return (table) => (0,row_finder/* firstDifferingRow */.J)({
        archive: tupleRows(dumpSql(file), table),
        target: tupleRows(tableSql(database, workDir, table, history, timeoutMs), table),
        primaryKey: () => catalogKey(query, table),
        unreadKey: `its key's fields are not all in its INSERT's tuple within ${row_finder/* KEY_BYTES */.C} bytes`
    });
}

// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(27242);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js
var io = __webpack_require__(88701);
// EXTERNAL MODULE: ./src/engines/mysql/failures.ts
var failures = __webpack_require__(95303);
;// CONCATENATED MODULE: ./src/engines/mysql/client-session.ts






/**
 * The restore's sessions with the target through the mariadb (or mysql) client: one query at a
 * time, and failures worded without the dump's text, which may hold secrets.
 */
const CLIENT_HINT = 'install a MariaDB or MySQL client (for example `sudo apt-get install mariadb-client`)';
async function clientProgram() {
    for (const name of ['mariadb', 'mysql']) {
        const path = await io/* which */.K7(name, false);
        if (path)
            return path;
    }
    throw new Error(`neither mariadb nor mysql was found on PATH: ${CLIENT_HINT}`);
}
function clientArgs(optionFilePath, database, extra) {
    return [`--defaults-file=${optionFilePath}`, ...(0,connection/* connectionArgs */.yO)(database), '--connect-timeout=30', ...extra, '--', database.name];
}
/**
 * A client's error output without the dump's text: the server quotes the statement it refused
 * (`near '0x4142…' at line 1`) and the value that clashed (`Duplicate entry '…'`), and a row's
 * values may be secrets, or megabytes of hex.
 */
function withoutDumpContent(stderr) {
    // The tail kept of stderr may start inside the echo below: its closing line is then the first of an odd number.
    const cutEcho = (stderr.match(/^-{14}\r?$/gm)?.length ?? 0) % 2 === 1;
    return (cutEcho ? stderr.replace(/^[\s\S]*?^-{14}\r?$/m, '(the failed statement, not shown)') : stderr)
        // The client echoes a failed statement between two lines of dashes: whole rows, megabytes of hex.
        .replace(/^-{14}\r?\n[\s\S]*?\r?\n-{14}$/gm, '(the failed statement, not shown)')
        .replace(/^-{14}\r?\n[\s\S]*$/gm, '(the failed statement, not shown)')
        .replace(/near '(?:[^'\\]|\\.|'')*'? at line (\d+)/gs, 'near (the statement, not shown) at line $1')
        .replace(/Duplicate entry '(?:[^'\\]|\\.|'')*'/gs, 'Duplicate entry (the value, not shown)')
        .replace(/'(?:[^'\\]|\\.){64,}'/gs, (quoted) => `(${quoted.length - 2} characters, not shown)`);
}
function failure(what, result, database, timeoutMs) {
    return (0,failures/* failure */.V)(what, { ...result, stderr: withoutDumpContent(result.stderr) }, database, timeoutMs);
}
function sqlString(text) {
    return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
/** Runs one query in the database; its tab-separated rows, names and values in UTF-8 whatever the runner's locale. */
async function query(database, workDir, sql, timeoutMs, cleanup = false) {
    const client = await clientProgram();
    const result = await (0,secret_file/* withSecretFile */.N)(workDir, 'client.cnf', (0,connection/* optionFile */.qj)(database), (optionFilePath) => (0,process/* runTool */.qI)({
        command: client,
        args: clientArgs(optionFilePath, database, ['--batch', '--skip-column-names', '--raw', '--default-character-set=utf8mb4', `--execute=${sql}`]),
        env: (0,connection/* clientEnv */.hI)(optionFilePath, client),
        timeoutMs,
        cleanup
    }));
    if ((0,process/* toolFailed */.QA)(result))
        throw failure((0,external_node_path_.basename)(client), result, database, timeoutMs);
    return result.stdout.split('\n').filter(Boolean).map((line) => line.split('\t'));
}

;// CONCATENATED MODULE: ./src/engines/mysql/definer-check.ts





/** Error numbers of a refused read: no privilege on the table, the column or the database. */
const DENIED = /\b(?:1142|1143|1044)\b|command denied/i;
async function serverAccounts(database, uses, workDir, timeoutMs) {
    const [[version, current]] = await query(database, workDir, 'SELECT VERSION(), CURRENT_USER()', timeoutMs);
    const mariadb = /mariadb/i.test(version);
    // The session's own account exists whatever else the user may read: a dump restored by the user that made it is checked without any privilege.
    const at = current.lastIndexOf('@');
    const own = { user: current.slice(0, at), host: current.slice(at + 1), role: false };
    // Names as hex literals: no quoting that a server's NO_BACKSLASH_ESCAPES could read otherwise.
    const users = [...new Set(uses.map((use) => use.definer.user))].map((user) => `X'${Buffer.from(user).toString('hex')}'`).join(', ');
    try {
        // mysql.user, not SHOW GRANTS: the server runs an object as any account whose host pattern takes the definer's host, SHOW GRANTS finds the exact host only.
        const rows = await query(database, workDir, `SELECT User, Host, ${mariadb ? "is_role = 'Y'" : '0'} FROM mysql.user WHERE User IN (${users})`, timeoutMs);
        return { accounts: [own, ...rows.map(([user, host, role]) => ({ user, host: host ?? '', role: role === '1' }))], mariadb };
    }
    catch (error) {
        if (!DENIED.test((0,errors/* errorMessage */.g)(error)))
            throw error;
        return { accounts: [own], mariadb, unreadable: `user "${database.user}" may not read mysql.user (GRANT SELECT ON mysql.user lets the check see the accounts)` };
    }
}
/**
 * The server creates a view, routine, trigger or event whatever its DEFINER, and the object then
 * fails on use (error 1449) where the account does not exist: so each definer the dump names is
 * looked up among the server's accounts before anything runs, and met as the policy says.
 */
async function checkDefiners(database, definers, workDir, timeoutMs, policy) {
    if (definers.empty)
        return {};
    const uses = definers.list();
    const { accounts, mariadb, unreadable } = await serverAccounts(database, uses, workDir, timeoutMs);
    const absent = uses.filter((use) => !definerExists(use.definer, accounts, mariadb));
    const missing = unreadable ? [] : absent;
    const unchecked = unreadable ? absent : [];
    const figures = {};
    const server = policy === 'report' ? 'the server' : 'the target';
    if (missing.length > 0) {
        const count = objectCount(missing);
        const [they, accountsText] = [count === 1 ? 'it' : 'they', missing.length === 1 ? definerText(missing[0].definer) : 'these accounts'];
        const what = `${count} object${count === 1 ? '' : 's'} of the backup run${count === 1 ? 's' : ''} as ${missing.length === 1 ? 'a DEFINER' : 'DEFINERs'} that ${server} does not have: ${usesText(missing)}`;
        if (policy === 'refuse') {
            throw new Error(`${what}; restored, ${they} would fail on use (error 1449: the user specified as a definer does not exist); nothing was restored ` +
                `(create ${accountsText} on the target with CREATE USER, or CREATE ROLE for a role, and run again; or set ${constants/* RestoreInputs */.Gg.AcceptMissingDefiners}: true to restore them as they are)`);
        }
        if (policy === 'accept') {
            core/* warning */.$e(`${what}; restored as they are (${constants/* RestoreInputs */.Gg.AcceptMissingDefiners}: true), ${they} fail on use (error 1449) until ${accountsText} ${missing.length === 1 ? 'is' : 'are'} created on the target`);
            figures['definers missing on the target'] = `${usesText(missing)} (fail on use until created)`;
        }
        else {
            // The dump is as its source is: the check still proves it restores, and the warning says what a restore target will need.
            core/* warning */.$e(`${what}, the server the backup was taken from: ${they} fail on use there already (error 1449), and will on a restore target without ${accountsText} ` +
                `(the restore action refuses them unless ${constants/* RestoreInputs */.Gg.AcceptMissingDefiners}: true)`);
            figures['definers missing on the server'] = `${usesText(missing)} (fail on use here already)`;
        }
    }
    if (unchecked.length > 0 || definers.unkept > 0) {
        const text = unchecked.length > 0 ? `${unreadable}: ${usesText(unchecked, definers.unkept)}` : `the dump names more than ${MAX_DEFINERS} definers: ${usesText([], definers.unkept)}`;
        // At restore-check, on the backup's own server, a backup user without that privilege is the usual case: a figure, not a warning every night.
        if (policy !== 'report')
            core/* warning */.$e(`the DEFINERs of the backup's objects were not checked against ${server}: ${text}; an object whose definer is missing fails on use (error 1449)`);
        figures['definers not checked'] = text;
    }
    return figures;
}

;// CONCATENATED MODULE: ./src/engines/mysql/restore.ts
















/**
 * Exact row counts of every base table of the database (information_schema's are estimates); a
 * system-versioned table's with its history, as a dump with --dump-history holds them (a table
 * restored without history has none, so its count is then its current rows).
 */
async function tableRows(database, workDir, timeoutMs) {
    const tables = await query(database, workDir, "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')", timeoutMs);
    const rows = new Map();
    if (tables.length === 0)
        return rows;
    const counts = tables
        .map(([name, type]) => `SELECT ${sqlString(name)}, COUNT(*) FROM ${quoteIdentifier(name)}${type === 'SYSTEM VERSIONED' ? ' FOR SYSTEM_TIME ALL' : ''}`)
        .join(' UNION ALL ');
    for (const [name, count] of await query(database, workDir, counts, timeoutMs))
        rows.set(name, Number(count));
    return rows;
}
/**
 * Reads the whole dump, decompressed, before any of it runs: refuses one that would act outside
 * the target database (confinement.ts: a name of another database, USE, CREATE DATABASE, a
 * client command, ...), and reads its rows, their digests, its longest statement and its definers.
 */
async function readDump(database, file) {
    const scanner = new MysqlDumpScanner(database.name);
    const counter = new SqlRowCounter();
    for await (const chunk of await (0,restore_input/* decompressedStream */.Do)(file)) {
        scanner.push(chunk);
        counter.push(chunk);
    }
    scanner.finish();
    counter.finish();
    return { counter, definers: scanner.definers };
}
/**
 * The server takes no statement longer than its max_allowed_packet (a session cannot raise it):
 * a dump whose largest INSERT is longer would fail on it halfway, so it is refused before
 * anything runs, naming the setting and the size it needs.
 */
async function checkPacketSize(database, dump, workDir, timeoutMs) {
    const [[allowed]] = await query(database, workDir, 'SELECT @@max_allowed_packet', timeoutMs);
    // The packet holds the statement and one byte of command.
    const needed = dump.longestStatement + 1;
    if (needed <= Number(allowed))
        return;
    const mebibytes = Math.ceil(needed / 1048576);
    throw new Error(`the dump's largest statement is ${dump.longestStatement} bytes, and the server takes none over its max_allowed_packet of ${allowed} bytes: ` +
        `set max_allowed_packet to at least ${mebibytes}M on the server (SET GLOBAL max_allowed_packet = ${mebibytes * 1048576}, and in its configuration) and run again; nothing was restored`);
}
/**
 * The client's session starts with no sql_mode: the confinement scan reads the dump as a server
 * without ANSI_QUOTES or NO_BACKSLASH_ESCAPES does until the dump sets its own (mariadb-dump and
 * mysqldump set it in their header), whatever the server's default.
 */
const PLAIN_SQL_MODE = "--init-command=SET SESSION sql_mode = ''";
/**
 * Feeds the dump, decompressed as it streams, to the client, once it has been read whole
 * (readDump), the server can take its largest statement, and its definers were met as `definers`
 * says. The dump drops and recreates each of its tables, and touches nothing else. With
 * `sayState`, a failure says what the client left of each table (a scratch database is dropped
 * anyway, a target is not).
 */
async function loadDump(database, file, workDir, timeoutMs, definers, sayState = false) {
    const { counter: dump, definers: named } = await readDump(database, file);
    await checkPacketSize(database, dump, workDir, timeoutMs);
    const figures = await checkDefiners(database, named, workDir, timeoutMs, definers);
    const client = await clientProgram();
    const input = await (0,restore_input/* decompressedStream */.Do)(file);
    const result = await (0,secret_file/* withSecretFile */.N)(workDir, 'client.cnf', (0,connection/* optionFile */.qj)(database), (optionFilePath) => (0,dump_feed/* runFed */.PX)({
        command: client,
        args: clientArgs(optionFilePath, database, ['--batch', '--binary-mode', '--default-character-set=utf8mb4', '--max-allowed-packet=1G', PLAIN_SQL_MODE]),
        env: (0,connection/* clientEnv */.hI)(optionFilePath, client),
        timeoutMs
    }, input));
    if ((0,process/* toolFailed */.QA)(result)) {
        const error = failure(`${(0,external_node_path_.basename)(client)} loading the dump`, result, database, timeoutMs);
        const state = sayState ? describeLoadFailure(dump, result.stderr) : undefined;
        throw state ? new Error(`${error.message}. ${state}`) : error;
    }
    return { dump, figures };
}
/** The rows and content digests of a database, re-dumped by the same tool with the backup's options and read by the same reader. */
async function readTableData(database, workDir, timeoutMs, history) {
    const counter = new SqlRowCounter();
    await (0,engine.dumpTableData)(database, workDir, timeoutMs, (chunk) => counter.push(chunk), history);
    counter.finish();
    return counter;
}
/** `10.11.6-MariaDB-0+deb12u1` -> `MariaDB 10.11`: servers of one family and major write the same text for the same values. */
function serverLine(version) {
    const numbers = /^(\d+)\.(\d+)/.exec(version ?? '');
    if (!numbers)
        return undefined;
    return `${/mariadb/i.test(version ?? '') ? 'MariaDB' : 'MySQL'} ${numbers[1]}.${numbers[2]}`;
}
const UNITS = { object: 'rows', holder: 'table' };
function quoteIdentifier(name) {
    return `\`${name.replace(/`/g, '``')}\``;
}
/**
 * Loads the new dump into a scratch database on the same server, then re-dumps it and checks
 * that every table holds the dump's rows with the same content digest. The scratch database is
 * dropped whatever happens.
 */
async function restoreCheck({ database, file, workDir, timeoutMs }) {
    const scratchName = `restore_check_${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
    const scratch = { ...database, name: scratchName };
    try {
        await query(database, workDir, `CREATE DATABASE ${quoteIdentifier(scratchName)}`, timeoutMs).catch((error) => {
            throw new Error(`restore-check could not create the scratch database ${scratchName} (the user needs CREATE and DROP on it): ${(0,errors/* errorMessage */.g)(error)}`);
        });
        const { dump: dumped, figures } = await loadDump(scratch, file, workDir, timeoutMs, 'report');
        const restored = await readTableData(scratch, workDir, timeoutMs, dumped.history);
        const differences = (0,contents/* contentDifferences */.Ye)(dumped.rows, restored.rows, UNITS);
        const counted = (0,contents/* countMismatches */.Mv)(dumped.rows, restored.rows);
        const firstDifference = mysqlRowFinder(file, scratch, workDir, timeoutMs, dumped.history, (sql) => query(scratch, workDir, sql, timeoutMs));
        differences.push(...(await (0,contents/* digestDifferences */.t1)({ archive: dumped.digests(), firstDifference }, restored.digests(), UNITS, counted)));
        if (differences.length > 0)
            throw new Error(`the restored database differs from the dump: ${(0,contents/* differencesText */.GQ)(differences)}`);
        return { 'restore check': `${(0,contents/* comparedText */.lp)(dumped.rows, UNITS, true)} (restored into a scratch database, read back with the dump tool)`, ...figures };
    }
    finally {
        await query(database, workDir, `DROP DATABASE IF EXISTS ${quoteIdentifier(scratchName)}`, timeoutMs, true).catch((error) => core/* warning */.$e(`the scratch database ${scratchName} could not be dropped: drop it by hand (${(0,errors/* errorMessage */.g)(error)})`));
    }
}
const mysqlRestorer = {
    units: UNITS,
    restoreCheck,
    usesClient: true,
    sharedHolders: false,
    restoredObjects: (archive) => archive.size,
    contents: tableRows,
    async restore({ database, file, workDir, timeoutMs, mode, acceptMissingDefiners }) {
        // The dump drops each table it creates (DROP TABLE IF EXISTS): only this check keeps mode empty from replacing a table already there.
        if (mode === 'empty') {
            const held = await tableRows(database, workDir, timeoutMs);
            if (held.size > 0)
                throw new Error(`restore-mode is empty, but the target already holds ${(0,contents/* describeContents */.an)(held, UNITS.holder)}: nothing was restored`);
        }
        const { dump, figures: definers } = await loadDump(database, file, workDir, timeoutMs, acceptMissingDefiners ? 'accept' : 'refuse', true);
        const archive = dump.rows;
        const rows = [...archive.values()].reduce((sum, count) => sum + count, 0);
        const figures = { restored: `${archive.size} tables, ${rows} rows`, ...definers };
        // Another server may write the same values as other text (a float, a default charset): compared only within one family and major.
        const [[targetVersion]] = await query(database, workDir, 'SELECT VERSION()', timeoutMs);
        const [from, to] = [serverLine(dump.serverVersion), serverLine(targetVersion)];
        if (from !== to)
            return { archive, figures: { ...figures, 'content digests': `not compared: the backup is from ${from ?? 'an unknown server'}, the target is ${to}` } };
        return {
            archive,
            content: {
                archive: dump.digests(),
                readTarget: async () => (await readTableData(database, workDir, timeoutMs, dump.history)).digests(),
                firstDifference: mysqlRowFinder(file, database, workDir, timeoutMs, dump.history, (sql) => query(database, workDir, sql, timeoutMs))
            },
            figures
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


/***/ }),

/***/ 41594:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ ContentDigest)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/** Bytes of the digest's text form: 16 hex of the count, then the sum's 64. */
const LANES = 8;
/**
 * An order-independent digest of a multiset of items (a table's rows, a collection's documents,
 * a database's keys): the lane-wise sum, modulo 2^32 a lane, of each item's SHA-256, with the
 * number of items. Two sides that hold the same items in any order have the same digest; one
 * changed byte of one item changes it. It detects corruption, not forgery (signing does that):
 * an item can be fed whole (`add`) or in parts (`begin`, `update`, `end`), so an item of any size
 * is digested in bounded memory and in time linear in its length.
 */
class ContentDigest {
    sum = new Uint32Array(LANES);
    items = 0;
    partial;
    get count() {
        return this.items;
    }
    /** One whole item. */
    add(item) {
        this.fold((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)('sha256', item, 'buffer'));
    }
    /** Starts an item that comes in parts. */
    begin() {
        this.partial = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    }
    update(part) {
        if (!this.partial)
            throw new Error('ContentDigest.update outside an item: call begin first');
        this.partial.update(part);
    }
    end() {
        if (!this.partial)
            throw new Error('ContentDigest.end outside an item: call begin first');
        this.fold(this.partial.digest());
        this.partial = undefined;
    }
    /** `<items>:<sum>`, equal for equal multisets. */
    text() {
        return `${this.items}:${Buffer.from(this.sum.buffer).toString('hex')}`;
    }
    fold(itemHash) {
        for (let lane = 0; lane < LANES; lane++)
            this.sum[lane] = (this.sum[lane] + itemHash.readUInt32BE(lane * 4)) >>> 0;
        this.items++;
    }
}


/***/ })

};
