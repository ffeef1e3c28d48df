export const id = 450;
export const ids = [450];
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


/***/ })

};
