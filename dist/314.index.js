export const id = 314;
export const ids = [314,450];
export const modules = {

/***/ 69450:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   collectionOf: () => (/* binding */ collectionOf),
/* harmony export */   documentsPerCollection: () => (/* binding */ documentsPerCollection),
/* harmony export */   driverConnection: () => (/* binding */ driverConnection),
/* harmony export */   driverFailure: () => (/* binding */ driverFailure),
/* harmony export */   fingerprint: () => (/* binding */ fingerprint),
/* harmony export */   firstDifferingDocument: () => (/* binding */ firstDifferingDocument),
/* harmony export */   listDatabases: () => (/* binding */ listDatabases),
/* harmony export */   namespaceDigests: () => (/* binding */ namespaceDigests),
/* harmony export */   targetDocuments: () => (/* binding */ targetDocuments),
/* harmony export */   targetSelection: () => (/* binding */ targetSelection),
/* harmony export */   withMongoClient: () => (/* binding */ withMongoClient)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _util_content_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41594);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(70017);
/* harmony import */ var _archive_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(37008);
/* harmony import */ var _engine_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2902);





/**
 * What the Database Tools cannot do, done with MongoDB's Node.js driver (loaded only here): count
 * the documents of each collection, read their BSON back, and drop a scratch database.
 */
/**
 * db-url parameters the Database Tools read but the Node.js driver refuses or ignores: it does no
 * OCSP endpoint check (so refuses the option), timeoutMS has no effect in it (and warns), and
 * snappy or zstd wire compression would need native modules that are not bundled; counting
 * documents moves few bytes anyway.
 */
const TOOLS_ONLY_OPTIONS = new Set(['tlsdisableocspendpointcheck', 'timeoutms', 'compressors', 'zlibcompressionlevel']);
/**
 * What a whole-server mongodump takes of the server's own databases (mongo-tools
 * mongodump/prepare.go): nothing of `local` or of `__mdb_internal*`, and of `config` only these
 * collections (common/dumprestore/config.go), which a sharded cluster's config servers hold.
 */
const CONFIG_COLLECTIONS_DUMPED = new Set(['chunks', 'collections', 'databases', 'settings', 'shards', 'tags', 'version']);
function dumpedByWholeServerDump(database, collection) {
    if (database === 'local' || database.startsWith('__mdb_internal'))
        return false;
    return database !== 'config' || collection === undefined || CONFIG_COLLECTIONS_DUMPED.has(collection);
}
/**
 * The connection as the tools make it (same host, database, parameters, authentication database),
 * with the credentials in the options: neither the user nor the password is in the URI, which the
 * driver may repeat in an error.
 */
function driverConnection(database) {
    const params = Object.fromEntries(Object.entries(database.params).filter(([key]) => !TOOLS_ONLY_OPTIONS.has(key.toLowerCase())));
    const uri = (0,_engine_js__WEBPACK_IMPORTED_MODULE_4__.mongoUri)({ ...database, user: '', params });
    const auth = database.user ? { username: database.user, ...(database.password ? { password: database.password } : {}) } : undefined;
    return { uri, options: auth ? { auth } : {} };
}
/** A driver error in words, as the tools' errors are explained. */
function driverFailure(what, error, database) {
    const message = (0,_util_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .g)(error);
    const name = error instanceof Error ? error.name : '';
    // A rejected password can come wrapped in a server selection error: the cause is named first.
    if (/Authentication ?failed|unable to authenticate/i.test(message))
        return new Error(`${what}: ${(0,_engine_js__WEBPACK_IMPORTED_MODULE_4__.explainFailure)(message, database) ?? 'authentication failed'} (${message})`);
    if (/not authorized|Unauthorized/i.test(message))
        return new Error(`${what}: user "${database.user}" lacks the privileges for it (${message})`);
    if (name === 'MongoServerSelectionError' || name === 'MongoNetworkError' || name === 'MongoNetworkTimeoutError') {
        return new Error(`${what}: cannot connect to the server at ${database.urlProtocol === 'mongodb+srv:' ? database.host : `${database.host}:${database.port}`} (${message})`);
    }
    return new Error(`${what}: ${message}`);
}
/**
 * Runs `use` with a connected client, closed afterwards whatever happens. The connection is checked
 * as for the tools first, which also masks the secret db-url parameters the driver may repeat.
 */
async function withMongoClient(database, what, use) {
    (0,_engine_js__WEBPACK_IMPORTED_MODULE_4__.checkUrlOptions)(database);
    (0,_engine_js__WEBPACK_IMPORTED_MODULE_4__.checkCredentials)(database);
    const { MongoClient } = await __webpack_require__.e(/* import() | mongodb-driver */ 462).then(__webpack_require__.bind(__webpack_require__, 84294));
    const { uri, options } = driverConnection(database);
    const client = new MongoClient(uri, options);
    try {
        await client.connect().catch((error) => {
            throw driverFailure(what, error, database);
        });
        return await use(client);
    }
    finally {
        await client.close().catch(() => undefined);
    }
}
/**
 * Exact documents per collection (`<database>.<collection>`) of the selected databases, as the
 * archive reader counts an archive: collections only (views and time series hold no documents of
 * their own in an archive), and no `system.*` collection.
 */
async function documentsPerCollection(client, selection) {
    const names = 'names' in selection
        ? selection.names
        : (await client.db('admin').admin().listDatabases({ nameOnly: true })).databases.map((entry) => entry.name).filter((name) => selection.wanted(name));
    const contents = new Map();
    for (const name of [...names].sort()) {
        const db = client.db(name);
        const collections = await db.listCollections({ type: 'collection' }, { nameOnly: true }).toArray();
        for (const { name: collection } of collections.sort((a, b) => a.name.localeCompare(b.name))) {
            if (collection.startsWith('system.') || ('wanted' in selection && !selection.wanted(name, collection)))
                continue;
            contents.set(`${name}.${collection}`, await db.collection(collection).countDocuments({}));
        }
    }
    return contents;
}
/** What a target holds: its database, or with none given, what a whole-server mongodump would take of it. */
function targetSelection(database) {
    return database.name ? { names: [database.name] } : { wanted: dumpedByWholeServerDump };
}
/** Documents per collection of a target, read with the driver. */
function targetDocuments(database) {
    return withMongoClient(database, 'counting the target\'s documents', (client) => documentsPerCollection(client, targetSelection(database)).catch((error) => {
        throw driverFailure('counting the target\'s documents', error, database);
    }));
}
/** db-name `*`: the databases the user is authorized for (listDatabases with authorizedDatabases), by the driver. */
const listDatabases = ({ database }) => withMongoClient(database, 'listing the databases', async (client) => {
    const listed = await client
        .db('admin')
        .admin()
        .listDatabases({ nameOnly: true, authorizedDatabases: true })
        .catch((error) => {
        throw driverFailure('listing the databases', error, database);
    });
    return listed.databases.map((entry) => entry.name).sort();
});
/** The collection a namespace (`<database>.<collection>`; a database name holds no dot) names. */
function collectionOf(client, namespace) {
    const dot = namespace.indexOf('.');
    return client.db(namespace.slice(0, dot)).collection(namespace.slice(dot + 1));
}
/**
 * Each holder's ContentDigest over the BSON of every document of its namespace, as the server
 * returns it (`raw`: the bytes, not decoded), digested as the archive reader digests the
 * archive's documents. The driver holds one batch (at most 16 MB) at a time.
 */
async function namespaceDigests(client, namespaces) {
    const digests = new Map();
    for (const [holder, namespace] of namespaces) {
        const digest = new _util_content_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .ContentDigest */ .e();
        for await (const document of collectionOf(client, namespace).find({}, { raw: true }))
            digest.add(document);
        digests.set(holder, digest.text());
    }
    return digests;
}
function fingerprint(document) {
    const id = (0,_archive_js__WEBPACK_IMPORTED_MODULE_3__/* .idElement */ ._U)(document);
    return id && { id, sha256: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hash)('sha256', document, 'hex') };
}
/** Archive documents looked up in the target in one query: few round trips, and a bounded batch. */
const LOOKUP_DOCUMENTS = 1000;
const LOOKUP_ID_BYTES = 1024 * 1024;
/**
 * The first document of the archive, in the archive's order, that the target does not hold with
 * the same bytes: its _id as Extended JSON (never another field) and whether it is missing or
 * changed. The archive's documents are looked up by _id in batches.
 */
async function firstDifferingDocument(collection, archive) {
    let batch = [];
    let idBytes = 0;
    for await (const document of archive) {
        batch.push(document);
        idBytes += document.id.length;
        if (batch.length < LOOKUP_DOCUMENTS && idBytes < LOOKUP_ID_BYTES)
            continue;
        const found = await firstDifferenceIn(collection, batch);
        if (found)
            return found;
        batch = [];
        idBytes = 0;
    }
    return batch.length > 0 ? firstDifferenceIn(collection, batch) : undefined;
}
async function firstDifferenceIn(collection, batch) {
    const held = new Map();
    // The _ids decoded with their BSON types kept, so the filter holds them as the archive does.
    const filter = { _id: { $in: batch.map((document) => (0,_archive_js__WEBPACK_IMPORTED_MODULE_3__/* .idOnly */ ._R)(document.id)._id) } };
    for await (const document of collection.find(filter, { raw: true })) {
        const found = fingerprint(document);
        if (found)
            held.set(found.id.toString('hex'), found.sha256);
    }
    for (const document of batch) {
        const sha256 = held.get(document.id.toString('hex'));
        if (sha256 !== document.sha256)
            return `${(0,_archive_js__WEBPACK_IMPORTED_MODULE_3__/* .idText */ .FP)(document.id)}, ${sha256 === undefined ? 'not in the target' : 'changed'}`;
    }
    return undefined;
}


/***/ }),

/***/ 90314:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  archiveDocuments: () => (/* binding */ archiveDocuments),
  archiveNamespaces: () => (/* binding */ archiveNamespaces),
  checkScratchNames: () => (/* binding */ checkScratchNames),
  mongodbRestorer: () => (/* binding */ mongodbRestorer),
  mongorestore: () => (/* binding */ mongorestore),
  restoreCheck: () => (/* binding */ restoreCheck)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/tools/find.ts
var find = __webpack_require__(93192);
// EXTERNAL MODULE: ./src/util/errors.ts
var errors = __webpack_require__(70017);
// EXTERNAL MODULE: ./src/util/process.ts + 1 modules
var process = __webpack_require__(59274);
// EXTERNAL MODULE: ./src/util/secret-file.ts
var secret_file = __webpack_require__(19925);
// EXTERNAL MODULE: ./src/engines/mongodb/archive.ts
var archive = __webpack_require__(37008);
// EXTERNAL MODULE: ./src/engines/mongodb/engine.ts
var engine = __webpack_require__(2902);
// EXTERNAL MODULE: ./src/engines/shared/contents.ts
var contents = __webpack_require__(67979);
// EXTERNAL MODULE: ./src/engines/mongodb/driver.ts
var driver = __webpack_require__(69450);
// EXTERNAL MODULE: ./src/engines/shared/restore-input.ts
var restore_input = __webpack_require__(63370);
// EXTERNAL MODULE: ./src/engines/shared/confinement.ts
var confinement = __webpack_require__(49177);
;// CONCATENATED MODULE: ./src/engines/mongodb/restore-args.ts

/**
 * mongorestore's command line and its last word: which namespaces it may write (the restore's
 * confinement to its target, the restore-check's scratch databases), and what it says it wrote.
 */
/** System collections (users, roles, versions) are the server's own: neither counted nor compared. */
function isSystemNamespace(name) {
    return /^[^.]+\.system\./.test(name);
}
function userNamespaces(byNamespace) {
    return new Map([...byNamespace].filter(([name]) => !isSystemNamespace(name)));
}
/** A namespace as mongorestore's --nsExclude reads it: `\` and `*` escaped, the rest literal. */
function excludePattern(namespace) {
    if (namespace.includes('$'))
        throw new Error(`the archive's namespace ${namespace} cannot be left out of a restore (mongorestore patterns take no "$")`);
    return namespace.replace(/\\/g, '\\\\').replace(/\*/g, '\\*');
}
/** The server's own databases: never written by a restore into one database. */
const SERVER_DATABASES = new Set(['admin', 'local', 'config']);
/** The server's users and roles, which a whole-server mongodump holds and a restore never writes. */
const ACCESS_NAMESPACES = ['admin.system.users', 'admin.system.roles'];
/**
 * The confinement of a restore into `target` (db-name; empty: the whole server) of an archive
 * holding `namespaces`, or the namespace that would be written outside it.
 */
function confine(namespaces, target) {
    const names = [...new Set(namespaces)];
    if (!target)
        return { exclude: ACCESS_NAMESPACES.filter((name) => names.includes(name)) };
    const databases = [...new Set(names.map((name) => name.slice(0, name.indexOf('.'))))];
    const own = databases.includes(target) ? target : databases.find((name) => !SERVER_DATABASES.has(name)) ?? databases[0];
    const outside = names.find((name) => !name.startsWith(`${own}.`) || (SERVER_DATABASES.has(own) && own !== target));
    if (outside) {
        throw new confinement/* ConfinementError */.Dy(`the backup would act outside the target database "${target}": the archive holds the namespace ${outside}, outside its database ${own}; ` +
            'nothing was restored (a restore touches only its target: restore this backup by hand if it is yours)');
    }
    if (!own)
        return { exclude: [] };
    return { include: own, ...(own !== target ? { renameTo: target } : {}), exclude: [] };
}
/** What a confinement asks of mongorestore. */
function confinementArgs(confinement) {
    const args = [];
    if (confinement.include) {
        const from = excludePattern(confinement.include);
        args.push(`--nsInclude=${from}.*`);
        if (confinement.renameTo)
            args.push(`--nsFrom=${from}.$collection$`, `--nsTo=${excludePattern(confinement.renameTo)}.$collection$`);
    }
    return [...args, ...confinement.exclude.map((namespace) => `--nsExclude=${excludePattern(namespace)}`)];
}
/** mongorestore's arguments: the archive as a plain file, the password in the --config file. */
function restoreArgs(configPath, archive, mode, scratch, confinement) {
    return [
        `--config=${configPath}`,
        `--archive=${archive}`,
        '--stopOnError',
        // clean: each collection of the backup is dropped first; others are not touched.
        ...(mode === 'clean' ? ['--drop'] : []),
        ...(scratch
            ? ['--nsFrom=$db$.$collection$', `--nsTo=${scratch.prefix}$db$.$collection$`, ...scratch.exclude.map((namespace) => `--nsExclude=${excludePattern(namespace)}`)]
            : []),
        ...(confinement ? confinementArgs(confinement) : [])
    ];
}
/** mongorestore's last word on what it wrote: `N document(s) restored successfully. M document(s) failed to restore.` */
function restoreSummary(stderr) {
    const summary = /(\d+) document\(s\) restored successfully\. (\d+) document\(s\) failed to restore\./.exec(stderr);
    return summary ? { restored: Number(summary[1]), failed: Number(summary[2]) } : undefined;
}

;// CONCATENATED MODULE: ./src/engines/mongodb/restore.ts













const TOOLS_HINT = 'install the MongoDB Database Tools (mongodump, mongorestore)';
/** What the archive's header and blocks say: its namespaces, their documents and content digests. */
async function readArchive(file, reading) {
    const checker = new archive/* MongoArchiveChecker */.IU(reading);
    for await (const chunk of await (0,restore_input/* decompressedStream */.Do)(file))
        checker.push(chunk);
    return checker.finish();
}
/**
 * The documents of one namespace of the archive, in its order, as their _id and SHA-256, read
 * from the file again: only to name a difference once the digests differ. Those of one chunk are
 * held at a time; documents without an _id cannot be looked up and are passed over.
 */
async function* archiveFingerprints(file, namespace) {
    const found = [];
    const checker = new archive/* MongoArchiveChecker */.IU({
        documentsOf: {
            namespace,
            each: (document) => {
                const print = (0,driver.fingerprint)(document);
                if (print)
                    found.push(print);
            }
        }
    });
    for await (const chunk of await (0,restore_input/* decompressedStream */.Do)(file)) {
        checker.push(chunk);
        yield* found.splice(0);
    }
}
/**
 * The content check of a restore: the archive's digests (taken while it was read), the target's
 * read back with the driver, and the first differing document named by its _id.
 */
function contentCheck(database, file, archive, places) {
    const what = 'reading the restored documents back';
    const withClient = (use) => (0,driver.withMongoClient)(database, what, (client) => use(client).catch((error) => {
        throw (0,driver.driverFailure)(what, error, database);
    }));
    return {
        archive,
        readTarget: () => withClient((client) => (0,driver.namespaceDigests)(client, [...archive.keys()].map((holder) => [holder, places.target(holder)]))),
        firstDifference: (holder) => withClient((client) => (0,driver.firstDifferingDocument)((0,driver.collectionOf)(client, places.target(holder)), archiveFingerprints(file, places.archive(holder)))).catch((error) => {
            // Not knowing which document differs must not hide that the collection does.
            core/* warning */.$e(`the first differing document of ${holder} could not be named: ${(0,errors/* errorMessage */.g)(error)}`);
            return undefined;
        })
    };
}
/** Documents of every namespace of the backup, the server's own collections included. */
async function archiveNamespaces(file) {
    return (await readArchive(file)).documentsPerNamespace;
}
/** Documents per collection of the backup. */
async function archiveDocuments(file) {
    return userNamespaces(await archiveNamespaces(file));
}
/**
 * Runs mongorestore on the backup (decompressed first: mongorestore reads gzip only, and this one
 * may be zstd; the decompressed copy is removed afterwards). Returns its summary line.
 */
async function mongorestore(request, scratch, confinement) {
    const { database, file, workDir, timeoutMs, mode } = request;
    (0,engine.checkUrlOptions)(database);
    (0,engine.checkCredentials)(database);
    const tool = await (0,find/* requireTool */.Y)('mongorestore', TOOLS_HINT);
    const archive = await (0,restore_input/* plainFile */.dC)(file, `${file}.plain`);
    try {
        const result = await (0,secret_file/* withSecretFile */.N)(workDir, 'mongo-tools.yaml', (0,engine.configFile)(database), (configPath) => (0,process/* runTool */.qI)({ command: tool, args: restoreArgs(configPath, archive, mode, scratch, confinement), timeoutMs }));
        if ((0,process/* toolFailed */.QA)(result))
            throw (0,engine.failure)('mongorestore', result, database, timeoutMs);
        const summary = restoreSummary(result.stderr);
        if (summary && summary.failed > 0)
            throw new Error(`mongorestore failed to restore ${summary.failed} document(s) (${summary.restored} restored)`);
        return summary ? `${summary.restored} document(s) restored, none failed` : 'done';
    }
    finally {
        if (archive !== file)
            await (0,promises_.rm)(archive, { force: true });
    }
}
const UNITS = { object: 'documents', holder: 'collection' };
/** MongoDB's limit on a database name: fewer than 64 bytes. */
const MAX_DATABASE_NAME_BYTES = 63;
/** The databases of namespaces (`<db>.<collection>`). */
function databasesOf(namespaces) {
    return [...new Set([...namespaces].map((name) => name.slice(0, name.indexOf('.'))))];
}
/** Scratch names that MongoDB would refuse, before anything is restored. */
function checkScratchNames(prefix, databases) {
    const tooLong = databases.filter((name) => Buffer.byteLength(prefix + name) > MAX_DATABASE_NAME_BYTES);
    if (tooLong.length > 0) {
        throw new Error(`restore-check cannot name a scratch database for ${tooLong.map((name) => `"${name}"`).join(', ')}: ` +
            `"${prefix}<name>" would be longer than the ${MAX_DATABASE_NAME_BYTES} bytes MongoDB allows a database name`);
    }
}
/** What the scratch databases hold, named as in the archive (`<prefix>shop.customers` is `shop.customers`). */
async function scratchDocuments(client, prefix, databases) {
    const scratch = await (0,driver.documentsPerCollection)(client, { names: databases.map((name) => prefix + name) });
    return new Map([...scratch].map(([name, count]) => [name.slice(prefix.length), count]));
}
/**
 * Drops every scratch database of this check: those of the archive's databases, and any other the
 * server lists under the prefix (a database holding only views has no namespace in the archive).
 * One left behind is named in a warning.
 */
async function dropScratch(client, prefix, databases) {
    const names = new Set(databases.map((name) => prefix + name));
    const problems = [];
    try {
        const listed = await client.db('admin').admin().listDatabases({ nameOnly: true });
        for (const { name } of listed.databases)
            if (name.startsWith(prefix))
                names.add(name);
    }
    catch (error) {
        problems.push(`the server's databases could not be listed to find every ${prefix}* database (${(0,errors/* errorMessage */.g)(error)})`);
    }
    for (const name of names) {
        await client
            .db(name)
            .dropDatabase()
            .catch((error) => problems.push(`${name} could not be dropped (${(0,errors/* errorMessage */.g)(error)})`));
    }
    if (problems.length > 0)
        core/* warning */.$e(`restore-check: ${problems.join('; ')}: drop the scratch databases by hand`);
}
/**
 * Restores the new archive into scratch databases on the same server (mongorestore renaming each
 * database `<db>` to `restore_check_<random>_<db>`, the server's own collections left out), then
 * checks with the driver that every collection holds as many documents as the archive does, with
 * the same content digest. The Database Tools cannot drop a database: the driver drops the
 * scratch databases whatever happens.
 */
async function restoreCheck({ database, file, workDir, timeoutMs }) {
    const summary = await readArchive(file);
    const namespaces = summary.documentsPerNamespace;
    const archive = userNamespaces(namespaces);
    const prefix = `restore_check_${(0,external_node_crypto_.randomBytes)(4).toString('hex')}_`;
    const databases = databasesOf(archive.keys());
    checkScratchNames(prefix, databases);
    const scratch = { prefix, exclude: [...namespaces.keys()].filter(isSystemNamespace) };
    return (0,driver.withMongoClient)(database, 'restore-check', async (client) => {
        try {
            const said = await mongorestore({ database, file, workDir, timeoutMs, mode: 'empty' }, scratch);
            const restored = await scratchDocuments(client, prefix, databases).catch((error) => {
                throw (0,driver.driverFailure)('restore-check counting the scratch databases\' documents', error, database);
            });
            const differences = (0,contents/* contentDifferences */.Ye)(archive, restored, UNITS);
            const counted = (0,contents/* countMismatches */.Mv)(archive, restored);
            const content = contentCheck(database, file, userNamespaces(summary.digestsPerNamespace), { target: (name) => prefix + name, archive: (name) => name });
            differences.push(...(await (0,contents/* digestDifferences */.t1)(content, await content.readTarget(), UNITS, counted)));
            if (differences.length > 0)
                throw new Error(`the restored databases differ from the dump: ${(0,contents/* differencesText */.GQ)(differences)}`);
            return { 'restore check': `${(0,contents/* comparedText */.lp)(archive, UNITS, true)} (restored into scratch databases; mongorestore: ${said})` };
        }
        finally {
            await dropScratch(client, prefix, databases);
        }
    });
}
const mongodbRestorer = {
    units: UNITS,
    usesClient: true,
    sharedHolders: false,
    restoredObjects: (archive) => archive.size,
    contents: (database) => (0,driver.targetDocuments)(database),
    restoreCheck,
    async restore(request) {
        // Refused before mongorestore runs when a namespace lies outside the archive's database.
        const summary = await readArchive(request.file);
        const confinement = confine([...summary.listedNamespaces, ...summary.documentsPerNamespace.keys()], request.database.name);
        const said = await mongorestore(request, undefined, confinement);
        // Named as the target holds them: renamed into db-name when the archive's database had another name.
        const rename = (name) => (confinement.renameTo ? `${confinement.renameTo}${name.slice(name.indexOf('.'))}` : name);
        const archive = new Map([...userNamespaces(summary.documentsPerNamespace)].map(([name, count]) => [rename(name), count]));
        const digests = new Map([...userNamespaces(summary.digestsPerNamespace)].map(([name, digest]) => [rename(name), digest]));
        const archiveName = (holder) => (confinement.renameTo ? `${confinement.include}${holder.slice(holder.indexOf('.'))}` : holder);
        return {
            archive,
            content: contentCheck(request.database, request.file, digests, { target: (holder) => holder, archive: archiveName }),
            figures: {
                restored: `${archive.size} collections`,
                mongorestore: said,
                ...(confinement.renameTo ? { 'restored as': `${confinement.include} into ${confinement.renameTo}` } : {}),
                ...(confinement.exclude.length > 0 ? { 'left out': `${confinement.exclude.join(', ')} (the server's users and roles are never restored)` } : {})
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

/***/ 67979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GQ: () => (/* binding */ differencesText),
/* harmony export */   Mv: () => (/* binding */ countMismatches),
/* harmony export */   Ye: () => (/* binding */ contentDifferences),
/* harmony export */   an: () => (/* binding */ describeContents),
/* harmony export */   lp: () => (/* binding */ comparedText),
/* harmony export */   t1: () => (/* binding */ digestDifferences)
/* harmony export */ });
/* unused harmony export countMatches */
/** Comparing and naming what a database or an archive holds: for the restore and the restore-check. */
/** At most this many of the objects found are named in a message. */
const NAMED = 5;
/** The objects of `contents`, a few of them named: `3 tables (public.a, public.b, public.c)`. */
function describeContents(contents, holder) {
    const names = [...contents.keys()];
    const shown = names.slice(0, NAMED).join(', ') + (names.length > NAMED ? `, and ${names.length - NAMED} more` : '');
    return `${names.length} ${holder}${names.length === 1 ? '' : 's'} (${shown})`;
}
/**
 * Each object of the archive whose count the target does not hold. Where a holder may hold more
 * than the backup's (a Redis database after a clean restore keeps its other keys), the target
 * must hold at least the archive's count.
 */
function contentDifferences(archive, target, units, atLeast = false) {
    const differences = [];
    for (const [name, count] of archive) {
        const got = target.get(name);
        if (!countMatches(count, got, atLeast))
            differences.push(`${name}: ${count} ${units.object} in the backup, ${got === undefined ? `no such ${units.holder}` : `${got}`} in the target`);
    }
    return differences;
}
/** Whether a holder of the target holds the archive's count of objects (at least that many, where holders are shared). */
function countMatches(count, got, atLeast) {
    return got !== undefined && (atLeast ? got >= count : got === count);
}
/** The holders of the archive whose count the target does not hold: those contentDifferences names, whose digests need no comparing. */
function countMismatches(archive, target, atLeast = false) {
    return new Set([...archive].filter(([holder, count]) => !countMatches(count, target.get(holder), atLeast)).map(([holder]) => holder));
}
/** The first few differences, for an error message. */
function differencesText(differences) {
    return `${differences.slice(0, NAMED).join('; ')}${differences.length > NAMED ? `; and ${differences.length - NAMED} more` : ''}`;
}
/**
 * Each holder of the archive whose content digest the target does not match, with the first
 * differing object where the engine can name it. Holders whose counts already differ are
 * reported by contentDifferences and left out here.
 */
async function digestDifferences(check, target, units, skip = new Set()) {
    const differences = [];
    for (const [holder, digest] of check.archive) {
        if (skip.has(holder) || target.get(holder) === digest)
            continue;
        // Named for the first few only: telling which object differs may read the holder again.
        const first = differences.length < NAMED ? await check.firstDifference?.(holder) : undefined;
        differences.push(`${holder}: the ${units.object} differ in content${first ? ` (first difference: ${first})` : ''}`);
    }
    return differences;
}
/** What a check compared, for the figures: `content digests: 23 tables, 65685 rows, equal`. */
function comparedText(archive, units, digests) {
    const objects = [...archive.values()].reduce((sum, count) => sum + count, 0);
    const holders = `${archive.size} ${units.holder}${archive.size === 1 ? '' : 's'}, ${objects} ${units.object}`;
    return digests ? `content digests: ${holders}, equal` : `counts: ${holders}, equal (content digests not compared: see the restore's figures)`;
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


/***/ })

};
