export const id = 592;
export const ids = [592];
export const modules = {

/***/ 38592:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postgresql: () => (/* binding */ postgresql)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/tools/find.ts
var find = __webpack_require__(93192);
// EXTERNAL MODULE: ./src/util/files.ts
var files = __webpack_require__(75787);
// EXTERNAL MODULE: ./src/util/process.ts + 1 modules
var process = __webpack_require__(59274);
// EXTERNAL MODULE: ./src/engines/postgresql-connection.ts
var postgresql_connection = __webpack_require__(76966);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
;// CONCATENATED MODULE: ./src/engines/postgresql-restore-check.ts






/**
 * Counts the rows of each table's data in a pg_restore SQL script, as it streams past: the lines
 * between `COPY <table> (...) FROM stdin;` and `\.`. COPY's text format escapes newlines inside
 * values, so a line is a row.
 */
class CopyRowCounter {
    rows = new Map();
    table;
    partial = '';
    push(chunk) {
        const lines = (this.partial + chunk.toString('utf8')).split('\n');
        this.partial = lines.pop() ?? '';
        for (const line of lines)
            this.line(line);
    }
    line(line) {
        if (this.table === undefined) {
            const copy = /^COPY (.+?) (?:\(.*\) )?FROM stdin;$/.exec(line);
            if (copy) {
                this.table = copy[1];
                this.rows.set(this.table, this.rows.get(this.table) ?? 0);
            }
        }
        else if (line === '\\.') {
            this.table = undefined;
        }
        else {
            this.rows.set(this.table, (this.rows.get(this.table) ?? 0) + 1);
        }
    }
}
/** Exact row counts of every ordinary table, named as pg_dump names them (quote_ident, schema-qualified). */
const COUNT_ROWS = `
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),
       (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`;
async function psql(database, sql, timeoutMs) {
    const psqlPath = await (0,find/* requireTool */.Y)('psql', 'install the PostgreSQL client (psql)');
    const result = await (0,process/* runTool */.qI)({
        command: psqlPath,
        args: ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--field-separator=\t', '--set=ON_ERROR_STOP=1', `--command=${sql}`, `--dbname=${(0,postgresql_connection/* conninfo */.Zf)(database)}`],
        env: (0,postgresql_connection/* passwordEnv */.FX)(database),
        timeoutMs
    });
    if (result.exitCode !== 0 || result.timedOut)
        throw new Error((0,process/* describeFailure */.Ic)('psql', result, timeoutMs));
    return result.stdout;
}
function quoteIdentifier(name) {
    return `"${name.replace(/"/g, '""')}"`;
}
/**
 * Restores the archive into a scratch database on the same server, then checks that every table
 * holds as many rows as the archive does. The scratch database is dropped whatever happens. The
 * comparison is with the archive, not with the live source, which may have changed since.
 */
async function restoreCheck({ database, file, timeoutMs }) {
    const pgRestore = await (0,find/* requireTool */.Y)('pg_restore', 'install the PostgreSQL client (pg_restore)');
    const counter = new CopyRowCounter();
    const script = await (0,process/* runStreaming */.SL)({ command: pgRestore, args: ['--data-only', '--file=-', file], timeoutMs }, (chunk) => counter.push(chunk));
    if (script.exitCode !== 0 || script.timedOut)
        throw new Error((0,process/* describeFailure */.Ic)('pg_restore reading the table data', script, timeoutMs));
    const scratchName = `restore_check_${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`;
    const scratch = { ...database, name: scratchName };
    try {
        await psql(database, `CREATE DATABASE ${quoteIdentifier(scratchName)}`, timeoutMs).catch((error) => {
            throw new Error(`restore-check could not create the scratch database ${scratchName} (the user needs CREATEDB): ${(0,errors/* errorMessage */.g)(error)}`);
        });
        const restore = await (0,process/* runTool */.qI)({
            command: pgRestore,
            args: ['--no-owner', '--no-privileges', '--exit-on-error', '--no-password', `--dbname=${(0,postgresql_connection/* conninfo */.Zf)(scratch)}`, file],
            env: (0,postgresql_connection/* passwordEnv */.FX)(database),
            timeoutMs
        });
        if (restore.exitCode !== 0 || restore.timedOut)
            throw new Error((0,process/* describeFailure */.Ic)('restoring into the scratch database: pg_restore', restore, timeoutMs));
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
        await psql(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`, timeoutMs).catch(() => psql(database, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`, timeoutMs));
    }
    catch (error) {
        core/* warning */.$e(`the scratch database ${name} could not be dropped: drop it by hand (${(0,errors/* errorMessage */.g)(error)})`);
    }
}

;// CONCATENATED MODULE: ./src/engines/postgresql.ts







const postgresql = {
    fileExtension: () => 'dump',
    // The header and table of contents of a dump of an empty database already take more than this.
    minimumSizeBytes: 100,
    async snapshot({ database, workDir, fileName, timeoutMs }) {
        // The client was chosen (and checked against the server's version) before this step: it is first on PATH.
        const pgDump = await (0,find/* requireTool */.Y)('pg_dump', 'install the PostgreSQL client (pg_dump)');
        const file = (0,external_node_path_.join)(workDir, fileName);
        const result = await (0,process/* runToolToFile */.no)({
            command: pgDump,
            args: ['--format=custom', '--no-password', `--dbname=${(0,postgresql_connection/* conninfo */.Zf)(database)}`],
            env: (0,postgresql_connection/* passwordEnv */.FX)(database),
            timeoutMs
        }, file);
        if (result.exitCode !== 0 || result.timedOut)
            throw new Error((0,process/* describeFailure */.Ic)('pg_dump', result, timeoutMs));
        return {
            file,
            sha256: result.sha256,
            sizeBytes: result.sizeBytes,
            figures: {}
        };
    },
    async verify({ file, timeoutMs }) {
        const head = await (0,files/* readHead */.zy)(file, 5);
        if (head.toString('latin1') !== 'PGDMP') {
            throw new Error(`the dump does not start with the PGDMP signature of a pg_dump custom-format archive`);
        }
        const pgRestore = await (0,find/* requireTool */.Y)('pg_restore', 'install the PostgreSQL client (pg_restore)');
        const list = await (0,process/* runTool */.qI)({ command: pgRestore, args: ['--list', file], timeoutMs });
        if (list.exitCode !== 0 || list.timedOut)
            throw new Error((0,process/* describeFailure */.Ic)('pg_restore --list', list, timeoutMs));
        const entries = list.stdout.split('\n').filter((line) => line.trim() !== '' && !line.startsWith(';')).length;
        // An empty database dumps to a valid archive with an empty table of contents.
        if (entries === 0)
            core/* warning */.$e('the archive lists no objects: the database is empty');
        // --list reads only the table of contents; restoring to /dev/null reads every data block too.
        const readThrough = await (0,process/* runTool */.qI)({ command: pgRestore, args: ['--file=/dev/null', file], timeoutMs });
        if (readThrough.exitCode !== 0 || readThrough.timedOut) {
            throw new Error((0,process/* describeFailure */.Ic)('pg_restore reading the whole archive', readThrough, timeoutMs));
        }
        return { 'archive entries': entries, 'read through': 'pg_restore --file=/dev/null' };
    },
    restoreCheck: restoreCheck
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


/***/ })

};
