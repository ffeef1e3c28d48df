export const id = 902;
export const ids = [902];
export const modules = {

/***/ 37008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FP: () => (/* binding */ idText),
/* harmony export */   IU: () => (/* binding */ MongoArchiveChecker),
/* harmony export */   _R: () => (/* binding */ idOnly),
/* harmony export */   _U: () => (/* binding */ idElement)
/* harmony export */ });
/* harmony import */ var bson__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93276);
/* harmony import */ var _util_content_digest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41594);
/* harmony import */ var _util_crc64_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(56332);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70017);




// The archive format: https://github.com/mongodb/mongo-tools/blob/master/common/archive/spec.md
const ARCHIVE_MAGIC = 0x8199e26d;
const TERMINATOR = -1;
const MIN_BSON_BYTES = 5;
const MAX_BSON_BYTES = 16 * 1024 * 1024;
/**
 * One of the archive's own documents (its header, a collection's metadata, a block header),
 * decoded by MongoDB's BSON library. Int64 fields come back as bigint: a CRC-64 needs all 64 bits.
 */
function decode(doc, what) {
    try {
        return (0,bson__WEBPACK_IMPORTED_MODULE_0__/* .deserialize */ .iu)(doc, { useBigInt64: true });
    }
    catch (error) {
        throw new Error(`the archive's ${what} is not a well-formed BSON document (${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .g)(error)}): it is damaged`);
    }
}
function text(doc, name, what) {
    const value = doc[name];
    if (typeof value !== 'string')
        throw new Error(`the archive's ${what} has no "${name}"`);
    return value;
}
const HEAD_BYTES = 4;
/**
 * Walks a mongodump archive as it streams past, as mongorestore's demultiplexer reads it: the
 * magic number, the prelude, then blocks of BSON documents per namespace, each namespace closed by
 * an end marker whose CRC-64 must match its documents. The data documents are hashed (CRC-64 and
 * content digest) where they lie in the chunk, or part by part as the chunks bring them, never
 * held nor decoded: no chunk is kept once push returns, and a document split across any number
 * of chunks costs no copy. Only the archive's own documents (header, collection
 * list, block headers; at most 16 MB each) are held whole, one at a time, to be decoded.
 */
class MongoArchiveChecker {
    reading;
    /** A length, a terminator or the magic number, as its four bytes arrive. */
    head = Buffer.alloc(HEAD_BYTES);
    headFilled = 0;
    /** The length of the document being read (0 between documents), and how much of it has come. */
    size = 0;
    filled = 0;
    lastByte = 0;
    /** The document being held whole; undefined while a data document streams into `streaming`. */
    held;
    streaming;
    /** Bytes of the archive before the item being read. */
    offset = 0;
    state = 'magic';
    header;
    collections = 0;
    listed = [];
    documents = 0;
    namespaces = new Map();
    current;
    currentName = '';
    constructor(reading = {}) {
        this.reading = reading;
    }
    push(chunk) {
        let at = 0;
        while (at < chunk.length)
            at = this.size === 0 ? (this.wholeDataDocument(chunk, at) ?? this.readHead(chunk, at)) : this.readDocument(chunk, at);
    }
    /**
     * A data document that lies whole in the chunk, hashed in one call (a hash begun and ended for
     * each small document costs more than reading it); where it ends, or undefined for the general path.
     */
    wholeDataDocument(chunk, at) {
        if (this.state !== 'body' || this.headFilled > 0 || chunk.length - at < HEAD_BYTES || this.reading.documentsOf?.namespace === this.currentName)
            return undefined;
        const size = chunk.readInt32LE(at);
        if (size < MIN_BSON_BYTES || size > MAX_BSON_BYTES || chunk.length - at < size)
            return undefined;
        const document = chunk.subarray(at, at + size);
        if (document[size - 1] !== 0)
            return undefined;
        this.addWhole(this.current, document);
        this.offset += size;
        return at + size;
    }
    finish() {
        const pending = this.headFilled + this.filled;
        if (this.state === 'magic' && this.offset === 0 && pending === 0)
            throw new Error('the archive is empty');
        if (pending > 0)
            throw new Error(`the archive ends in the middle of a document (${pending} bytes left at byte ${this.offset}): it was cut short`);
        if (this.state !== 'block')
            throw new Error(`the archive ends inside ${this.describeState()}: it was cut short`);
        const open = [...this.namespaces].filter(([, namespace]) => !namespace.closed).map(([name]) => name);
        if (open.length > 0)
            throw new Error(`the archive ends before the end marker of ${open.join(', ')}: it is incomplete`);
        const header = this.header;
        return {
            formatVersion: text(header, 'version', 'header'),
            serverVersion: String(header.server_version ?? ''),
            toolVersion: String(header.tool_version ?? ''),
            collections: this.collections,
            namespaces: this.namespaces.size,
            documents: this.documents,
            documentsPerNamespace: new Map([...this.namespaces].map(([name, namespace]) => [name, namespace.documents])),
            digestsPerNamespace: new Map([...this.namespaces].map(([name, namespace]) => [name, namespace.digest.text()])),
            listedNamespaces: [...this.listed]
        };
    }
    describeState() {
        return { magic: 'its magic number', prelude: 'its header', metadata: 'its collection list', block: '', body: 'a block of documents', 'after-eof': 'an end marker' }[this.state];
    }
    readHead(chunk, at) {
        const part = Math.min(HEAD_BYTES - this.headFilled, chunk.length - at);
        chunk.copy(this.head, this.headFilled, at, at + part);
        this.headFilled += part;
        if (this.headFilled === HEAD_BYTES) {
            this.headFilled = 0;
            this.onHead();
        }
        return at + part;
    }
    onHead() {
        if (this.state === 'magic') {
            if (this.head.readUInt32LE(0) !== ARCHIVE_MAGIC)
                throw new Error('the file does not start with the magic number of a mongodump archive');
            this.offset += HEAD_BYTES;
            this.state = 'prelude';
            return;
        }
        const size = this.head.readInt32LE(0);
        if (size === TERMINATOR) {
            this.offset += HEAD_BYTES;
            this.onTerminator();
            return;
        }
        if (size < MIN_BSON_BYTES || size > MAX_BSON_BYTES) {
            throw new Error(`at byte ${this.offset} of the archive, ${size} is neither a BSON document length nor a terminator: the archive is damaged`);
        }
        this.size = size;
        this.filled = HEAD_BYTES;
        if (this.state === 'body' && this.reading.documentsOf?.namespace !== this.currentName) {
            this.streaming = this.current;
            this.streaming.crc.update(this.head);
            this.streaming.digest.begin();
            this.streaming.digest.update(this.head);
        }
        else {
            this.held = Buffer.allocUnsafe(size);
            this.head.copy(this.held);
        }
    }
    readDocument(chunk, at) {
        const part = chunk.subarray(at, at + Math.min(this.size - this.filled, chunk.length - at));
        if (this.streaming) {
            this.streaming.crc.update(part);
            this.streaming.digest.update(part);
        }
        else {
            part.copy(this.held, this.filled);
        }
        this.filled += part.length;
        this.lastByte = part[part.length - 1];
        if (this.filled === this.size)
            this.onDocumentEnd();
        return at + part.length;
    }
    onDocumentEnd() {
        const start = this.offset;
        this.offset += this.size;
        this.size = 0;
        this.filled = 0;
        if (this.lastByte !== 0)
            throw new Error(`the BSON document at byte ${start} of the archive does not end with a zero byte: the archive is damaged`);
        const streamed = this.streaming;
        if (streamed) {
            this.streaming = undefined;
            streamed.digest.end();
            this.countDocument(streamed);
            return;
        }
        const held = this.held;
        this.held = undefined;
        this.onDocument(held, start);
    }
    addWhole(namespace, document) {
        namespace.crc.update(document);
        namespace.digest.add(document);
        this.countDocument(namespace);
    }
    countDocument(namespace) {
        namespace.documents++;
        this.documents++;
    }
    onTerminator() {
        if (this.state === 'prelude')
            throw new Error('the archive has no header after its magic number');
        if (this.state === 'block')
            throw new Error(`the archive has two terminators in a row at byte ${this.offset}: it is damaged`);
        this.current = undefined;
        this.currentName = '';
        this.state = 'block';
    }
    onDocument(doc, start) {
        switch (this.state) {
            case 'prelude':
                this.header = decode(doc, 'header');
                text(this.header, 'version', 'header');
                this.state = 'metadata';
                return;
            case 'metadata': {
                const metadata = decode(doc, 'collection list');
                this.listed.push(`${text(metadata, 'db', 'collection list')}.${text(metadata, 'collection', 'collection list')}`);
                this.collections++;
                return;
            }
            case 'block':
                this.onNamespaceHeader(decode(doc, 'block header'));
                return;
            case 'body': {
                // A document of the namespace asked for whole.
                this.addWhole(this.current, doc);
                this.reading.documentsOf?.each(doc);
                return;
            }
            default:
                throw new Error(`the archive has data after an end marker at byte ${start}: it is damaged`);
        }
    }
    onNamespaceHeader(header) {
        const name = `${text(header, 'db', 'block header')}.${text(header, 'collection', 'block header')}`;
        const namespace = this.namespaces.get(name) ?? { crc: (0,_util_crc64_js__WEBPACK_IMPORTED_MODULE_2__/* .goEcmaCrc64 */ .jY)(), digest: new _util_content_digest_js__WEBPACK_IMPORTED_MODULE_1__/* .ContentDigest */ .e(), documents: 0, closed: false };
        this.namespaces.set(name, namespace);
        if (namespace.closed)
            throw new Error(`the archive has more of ${name} after its end marker: it is damaged`);
        if (header.EOF !== true) {
            this.current = namespace;
            this.currentName = name;
            this.state = 'body';
            return;
        }
        const stored = header.CRC;
        if (typeof stored !== 'bigint' && typeof stored !== 'number')
            throw new Error(`the end marker of ${name} has no CRC`);
        const expected = BigInt.asUintN(64, BigInt(stored));
        const computed = namespace.crc.digest();
        if (computed !== expected) {
            throw new Error(`the CRC-64 of ${name} is ${computed.toString(16)} but its end marker says ${expected.toString(16)}: the archive is damaged`);
        }
        namespace.closed = true;
        this.state = 'after-eof';
    }
}
/** The longest rendering of an `_id` in a message: an _id may be a long string or a whole document. */
const ID_TEXT_CHARS = 200;
const ID_NAME = Buffer.from('_id');
/** A document's `_id` element (type byte, name, value) as BSON bytes, or undefined when it has none. */
function idElement(document) {
    for (const [, nameOffset, nameLength, offset, length] of bson__WEBPACK_IMPORTED_MODULE_0__/* .onDemand */ .hd.parseToElements(document)) {
        if (nameLength === ID_NAME.length && ID_NAME.equals(document.subarray(nameOffset, nameOffset + nameLength))) {
            return Buffer.from(document.subarray(nameOffset - 1, offset + length));
        }
    }
    return undefined;
}
/** `{ _id: <value> }`, decoded from an _id element with its BSON types kept (an Int32 stays an Int32): a query's filter matches it exactly. */
function idOnly(element) {
    const document = Buffer.alloc(4 + element.length + 1);
    document.writeInt32LE(document.length, 0);
    element.copy(document, 4);
    return (0,bson__WEBPACK_IMPORTED_MODULE_0__/* .deserialize */ .iu)(document, { promoteValues: false, bsonRegExp: true });
}
/** `{"_id":...}` in Extended JSON, cut to a readable length: the _id only, never another field. */
function idText(element) {
    const json = bson__WEBPACK_IMPORTED_MODULE_0__/* .EJSON */ .On.stringify(idOnly(element), { relaxed: true });
    return json.length > ID_TEXT_CHARS ? `${json.slice(0, ID_TEXT_CHARS)}...` : json;
}


/***/ }),

/***/ 2902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   URL_OPTIONS: () => (/* binding */ URL_OPTIONS),
/* harmony export */   checkCredentials: () => (/* binding */ checkCredentials),
/* harmony export */   checkUrlOptions: () => (/* binding */ checkUrlOptions),
/* harmony export */   configFile: () => (/* binding */ configFile),
/* harmony export */   dumpArgs: () => (/* binding */ dumpArgs),
/* harmony export */   explainFailure: () => (/* binding */ explainFailure),
/* harmony export */   failure: () => (/* binding */ failure),
/* harmony export */   mongoUri: () => (/* binding */ mongoUri),
/* harmony export */   mongodb: () => (/* binding */ mongodb),
/* harmony export */   restoreDryRunArgs: () => (/* binding */ restoreDryRunArgs),
/* harmony export */   yamlQuoted: () => (/* binding */ yamlQuoted)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _actions_io__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88701);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1779);
/* harmony import */ var _tools_find_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(93192);
/* harmony import */ var _tools_versions_js__WEBPACK_IMPORTED_MODULE_17__ = __webpack_require__(62578);
/* harmony import */ var _util_compression_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(31714);
/* harmony import */ var _util_dump_stream_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9185);
/* harmony import */ var _util_dump_feed_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(62445);
/* harmony import */ var _util_errors_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(70017);
/* harmony import */ var _util_files_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(75787);
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(59274);
/* harmony import */ var _config_dump_args_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(80933);
/* harmony import */ var _util_secret_file_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(19925);
/* harmony import */ var _util_secrets_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(84537);
/* harmony import */ var _archive_js__WEBPACK_IMPORTED_MODULE_15__ = __webpack_require__(37008);
/* harmony import */ var _shared_failure_js__WEBPACK_IMPORTED_MODULE_16__ = __webpack_require__(2299);
/* harmony import */ var _shared_snapshot_js__WEBPACK_IMPORTED_MODULE_18__ = __webpack_require__(97461);



















const TOOLS_HINT = 'install the MongoDB Database Tools 100.3.0 or newer (https://www.mongodb.com/try/download/database-tools; ' +
    'on Debian and Ubuntu the mongodb-database-tools package)';
/** The first Database Tools release that reads the connection string and the password from a --config file. */
const CONFIG_FILE_VERSION = '100.3.0';
const EXTENSIONS = { zstd: 'archive.zst', gzip: 'archive.gz', none: 'archive' };
/** Mechanisms that authenticate without a password (certificates, cloud identities, Kerberos tickets). */
const PASSWORDLESS_MECHANISMS = new Set(['MONGODB-X509', 'MONGODB-AWS', 'MONGODB-OIDC', 'GSSAPI']);
/**
 * The connection-string options of MongoDB's manual (reference/connection-string-options) that the
 * Database Tools read. Their Go driver takes the names in any case, and only warns about any other
 * option and ignores it (tlsAllowInvalidCertificates, wtimeoutMS and gssapiServiceName among them),
 * so those are refused rather than silently dropped.
 */
const URL_OPTIONS = [
    'replicaSet',
    'directConnection',
    'loadBalanced',
    'tls',
    'ssl',
    'tlsCAFile',
    'tlsCertificateKeyFile',
    'tlsCertificateKeyFilePassword',
    'tlsInsecure',
    'tlsDisableOCSPEndpointCheck',
    'connectTimeoutMS',
    'socketTimeoutMS',
    'serverSelectionTimeoutMS',
    'timeoutMS',
    'compressors',
    'zlibCompressionLevel',
    'maxPoolSize',
    'minPoolSize',
    'maxConnecting',
    'maxIdleTimeMS',
    'w',
    'journal',
    'readConcernLevel',
    'readPreference',
    'readPreferenceTags',
    'maxStalenessSeconds',
    'authSource',
    'authMechanism',
    'authMechanismProperties',
    'localThresholdMS',
    'heartbeatFrequencyMS',
    'serverMonitoringMode',
    'srvMaxHosts',
    'srvServiceName',
    'appName',
    'retryReads',
    'retryWrites'
];
const KNOWN_URL_OPTIONS = new Set(URL_OPTIONS.map((name) => name.toLowerCase()));
/** The value of a db-url parameter, whatever the case of its name (as the tools read it). */
function urlOption(database, name) {
    const wanted = name.toLowerCase();
    return Object.entries(database.params).find(([key]) => key.toLowerCase() === wanted)?.[1];
}
/**
 * Refuses db-url parameters mongodump would ignore, and masks the secret ones from here on: the
 * client key's password, and an AWS session token in authMechanismProperties
 * (`AWS_SESSION_TOKEN:<token>`). The tools repeat the connection string in some errors.
 */
function checkUrlOptions(database) {
    for (const key of Object.keys(database.params)) {
        if (!KNOWN_URL_OPTIONS.has(key.toLowerCase())) {
            throw new Error(`db-url parameter "${key}" is not a connection-string option that mongodump reads (it would ignore it): use one of ${URL_OPTIONS.join(', ')}`);
        }
    }
    (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_14__/* .registerSecret */ .cl)(urlOption(database, 'tlsCertificateKeyFilePassword'));
    const properties = urlOption(database, 'authMechanismProperties');
    (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_14__/* .registerSecret */ .cl)(properties);
    for (const property of properties?.split(',') ?? []) {
        const [name, ...value] = property.split(':');
        if (name.trim().toUpperCase() === 'AWS_SESSION_TOKEN')
            (0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_14__/* .registerSecret */ .cl)(value.join(':'));
    }
}
function uriHost(database) {
    const { host, port } = database;
    // A socket path is percent-encoded whole, as the connection string format requires.
    if (host.startsWith('/'))
        return encodeURIComponent(host);
    // An SRV name, or a seed list from db-url that carries its own ports.
    if (database.urlProtocol === 'mongodb+srv:' || host.includes(','))
        return host;
    return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}
/**
 * The connection string without the password. With db-url, its database stays in the path, where
 * MongoDB also reads it as the authentication database (unless authSource says otherwise); with
 * separate inputs the path is empty, so the user authenticates against admin, and the database is
 * passed as --db. Parameters are encoded as registerSecret encodes secrets, so that a secret
 * parameter the tools repeat in an error is still found and masked.
 */
function mongoUri(database) {
    const scheme = database.urlProtocol === 'mongodb+srv:' ? 'mongodb+srv' : 'mongodb';
    const user = database.user ? `${encodeURIComponent(database.user)}@` : '';
    const path = database.urlProtocol && database.name ? encodeURIComponent(database.name) : '';
    const query = Object.entries(database.params)
        .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
        .join('&');
    return `${scheme}://${user}${uriHost(database)}/${path}${query ? `?${query}` : ''}`;
}
/**
 * A YAML double-quoted scalar that any YAML reader turns back into `value`: everything but
 * printable ASCII is escaped, so no character can end the line or the string early.
 */
function yamlQuoted(value) {
    let quoted = '"';
    for (const char of value) {
        const code = char.codePointAt(0);
        if (char === '"' || char === '\\')
            quoted += `\\${char}`;
        else if (code >= 0x20 && code <= 0x7e)
            quoted += char;
        else if (code <= 0xffff)
            quoted += `\\u${code.toString(16).padStart(4, '0')}`;
        else
            quoted += `\\U${code.toString(16).padStart(8, '0')}`;
    }
    return `${quoted}"`;
}
/**
 * The --config file of the Database Tools: the connection string, with every secret parameter,
 * and the password, which no command line carries.
 */
function configFile(database) {
    const lines = [`uri: ${yamlQuoted(mongoUri(database))}`];
    if (database.password)
        lines.push(`password: ${yamlQuoted(database.password)}`);
    return `${lines.join('\n')}\n`;
}
/** mongodump writes the archive to its stdout (`--archive` without a file), for the action to compress. */
function dumpArgs(database, configPath, options = _config_dump_args_js__WEBPACK_IMPORTED_MODULE_12__/* .NO_DUMP_OPTIONS */ .M) {
    return [
        `--config=${configPath}`,
        '--archive',
        // With db-url the database is in the URI; the tools refuse it twice when the two differ.
        ...(database.name && !database.urlProtocol ? [`--db=${database.name}`] : []),
        // One collection at most (mongodump takes one --collection); validate-config said so.
        ...options.tables.map((collection) => `--collection=${collection}`),
        ...options.excludeTables.map((collection) => `--excludeCollection=${collection}`),
        ...options.args
    ];
}
function restoreDryRunArgs(archive, compression, configPath) {
    return [`--config=${configPath}`, `--archive=${archive}`, ...(compression === 'gzip' ? ['--gzip'] : []), '--dryRun'];
}
/** Credentials that would make the tools fail late, or wait for a password on standard input. */
function checkCredentials(database) {
    const mechanism = (urlOption(database, 'authMechanism') ?? '').toUpperCase();
    if (database.password && !database.user)
        throw new Error('db-password is set but db-user is empty: give the user the password belongs to');
    if (database.user && !database.password && !PASSWORDLESS_MECHANISMS.has(mechanism)) {
        throw new Error(`db-user "${database.user}" has no db-password: give the password (mongodump would otherwise wait for one on standard input)`);
    }
}
/** What a failure of mongodump or mongorestore means, in words; undefined for others. */
function explainFailure(stderr, database) {
    if (/AuthenticationFailed|Authentication failed|unable to authenticate/i.test(stderr)) {
        return (`authentication failed: the server rejected user "${database.user}" with this password ` +
            '(with db-url, the database in its path is the authentication database unless authSource is given)');
    }
    if (/Unauthorized|not authorized/i.test(stderr)) {
        return `user "${database.user}" lacks privileges: mongodump needs the backup role (or find on every collection it dumps)`;
    }
    if (/server selection|no reachable servers|connection refused|no such host|i\/o timeout|context deadline exceeded/i.test(stderr)) {
        return `cannot connect to the server at ${database.urlProtocol === 'mongodb+srv:' ? database.host : `${database.host}:${database.port}`}`;
    }
    if (/error parsing .*config|yaml:/i.test(stderr))
        return 'the tools could not read their --config file (they need version 100.3.0 or newer)';
    return undefined;
}
const failure = (0,_shared_failure_js__WEBPACK_IMPORTED_MODULE_16__/* .failureExplainedBy */ .g)(explainFailure);
function withToolsConfig(workDir, database, use) {
    return (0,_util_secret_file_js__WEBPACK_IMPORTED_MODULE_13__/* .withSecretFile */ .N)(workDir, 'mongo-tools.yaml', configFile(database), use);
}
async function toolVersion(path) {
    const result = await (0,_util_process_js__WEBPACK_IMPORTED_MODULE_11__/* .runTool */ .qI)({ command: path, args: ['--version'] });
    (0,_util_process_js__WEBPACK_IMPORTED_MODULE_11__/* .requireSuccess */ .z_)(`${path} --version`, result);
    return (0,_client_js__WEBPACK_IMPORTED_MODULE_4__/* .parseToolVersion */ .mR)(result.stdout);
}
/**
 * Reads an archive's stored bytes through the archive checker: the magic number, the header, each
 * namespace's documents and its CRC-64. The figures, or an error saying what is wrong.
 */
async function readArchive(stored, compression, database) {
    const checker = new _archive_js__WEBPACK_IMPORTED_MODULE_15__/* .MongoArchiveChecker */ .IU();
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)((0,_util_dump_feed_js__WEBPACK_IMPORTED_MODULE_8__/* .decoded */ .DH)(stored, compression), (0,_util_compression_js__WEBPACK_IMPORTED_MODULE_6__/* .sinkStream */ .oq)((chunk) => checker.push(chunk)));
    }
    catch (error) {
        throw new Error(`the archive is damaged or cut short: ${(0,_util_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .g)(error)}`);
    }
    const archive = checker.finish();
    if (archive.collections === 0) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`the archive holds no collection: ${database.name ? `database "${database.name}" is empty or does not exist` : 'the server has no data'}`);
    }
    return {
        'read through': compression === 'none' ? 'whole file' : `whole ${compression} stream`,
        'archive format': archive.formatVersion,
        'server version': archive.serverVersion,
        'mongodump version': archive.toolVersion,
        collections: archive.collections,
        documents: archive.documents,
        'CRC-64 checked': `${archive.namespaces} namespaces`
    };
}
async function restoreDryRun(database, file, compression, workDir, timeoutMs) {
    // It would read the archive from its standard input; the action starts children without one.
    if (compression === 'zstd')
        return 'not run: mongorestore reads gzip or uncompressed archives only (the action read this one through itself)';
    const mongorestore = await _actions_io__WEBPACK_IMPORTED_MODULE_1__/* .which */ .K7('mongorestore', false);
    if (!mongorestore)
        return 'not installed (the archive was checked without it)';
    const result = await withToolsConfig(workDir, database, (configPath) => (0,_util_process_js__WEBPACK_IMPORTED_MODULE_11__/* .runTool */ .qI)({ command: mongorestore, args: restoreDryRunArgs(file, compression, configPath), timeoutMs }));
    if ((0,_util_process_js__WEBPACK_IMPORTED_MODULE_11__/* .toolFailed */ .QA)(result))
        throw failure('mongorestore --dryRun', result, database, timeoutMs);
    return 'passed; a weak check: it reads only the archive\'s prelude and reports 0 documents whatever the archive holds (TOOLS-3493)';
}
const mongodb = {
    fileExtension: (compression) => EXTENSIONS[compression.name],
    // The magic number and the archive header alone take more than this, compressed or not.
    minimumSizeBytes: 60,
    async snapshot(request) {
        const { database, workDir, fileName, timeoutMs } = request;
        // Everything that can be wrong without the server fails before connecting.
        checkUrlOptions(database);
        checkCredentials(database);
        const mongodump = await (0,_tools_find_js__WEBPACK_IMPORTED_MODULE_5__/* .requireTool */ .Y)('mongodump', TOOLS_HINT);
        const version = await toolVersion(mongodump);
        if ((0,_tools_versions_js__WEBPACK_IMPORTED_MODULE_17__/* .compareVersions */ .Zy)(version, CONFIG_FILE_VERSION) < 0) {
            throw new Error(`mongodump ${version} cannot read its connection string and password from a --config file (it needs ${CONFIG_FILE_VERSION} or newer): ${TOOLS_HINT}`);
        }
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(workDir, fileName);
        let command = '';
        const capture = await withToolsConfig(workDir, database, (configPath) => {
            const dump = { command: mongodump, args: dumpArgs(database, configPath, request.options), timeoutMs };
            command = (0,_util_process_js__WEBPACK_IMPORTED_MODULE_11__/* .commandLine */ .ay)(dump);
            return (0,_util_dump_stream_js__WEBPACK_IMPORTED_MODULE_7__/* .captureDump */ .xh)({
                dump,
                compression: request.compression,
                file,
                check: (stored) => readArchive(stored, request.compression.name, database),
                encryption: request.encryption,
                open: request.open
            });
        });
        if ((0,_util_process_js__WEBPACK_IMPORTED_MODULE_11__/* .toolFailed */ .QA)(capture.dump))
            throw failure('mongodump', capture.dump, database, timeoutMs);
        return (0,_shared_snapshot_js__WEBPACK_IMPORTED_MODULE_18__/* .storedSnapshot */ .s)(file, capture, { client: `mongodump ${version}`, 'client path': mongodump, command, compression: capture.compressor });
    },
    async verify({ database, file, workDir, timeoutMs }) {
        const expected = (0,_util_compression_js__WEBPACK_IMPORTED_MODULE_6__/* .compressionOfName */ .Vd)(file);
        const actual = (0,_util_compression_js__WEBPACK_IMPORTED_MODULE_6__/* .compressionOf */ .MB)(await (0,_util_files_js__WEBPACK_IMPORTED_MODULE_10__/* .readHead */ .zy)(file, 4));
        if (actual !== expected) {
            throw new Error(`the archive is named .${EXTENSIONS[expected]} but ${actual === 'none' ? `does not start with the ${expected} magic number` : `is ${actual}-compressed`}`);
        }
        return {
            ...(await readArchive((0,_util_compression_js__WEBPACK_IMPORTED_MODULE_6__/* .storedBytes */ .Zk)(file), expected, database)),
            'mongorestore --dryRun': await restoreDryRun(database, file, expected, workDir, timeoutMs)
        };
    }
};


/***/ }),

/***/ 2299:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ failureExplainedBy)
/* harmony export */ });
/* harmony import */ var _util_process_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(59274);

/** A failed tool run as an error: describeFailure's message, led by what `explain` makes of its stderr where it makes something of it. */
function failureExplainedBy(explain) {
    return (what, result, database, timeoutMs) => {
        const described = (0,_util_process_js__WEBPACK_IMPORTED_MODULE_0__/* .describeFailure */ .Ic)(what, result, timeoutMs);
        const explanation = result.timedOut ? undefined : explain(result.stderr, database);
        return new Error(explanation ? `${explanation}: ${described}` : described);
    };
}


/***/ }),

/***/ 97461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ storedSnapshot)
/* harmony export */ });
/** The snapshot of a dump stored in `file`: the stored bytes' hash, size, read-through and encryption, with the engine's figures. */
function storedSnapshot(file, stored, figures) {
    return { file, sha256: stored.sha256, sizeBytes: stored.sizeBytes, figures, readThrough: stored.readThrough, encrypted: stored.encrypted };
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


/***/ }),

/***/ 56332:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Wu: () => (/* binding */ redisCrc64),
/* harmony export */   jY: () => (/* binding */ goEcmaCrc64)
/* harmony export */ });
/* unused harmony export Crc64 */
/**
 * CRC-64 in its reflected (least significant bit first) form, on two 32-bit halves so that it
 * runs on plain numbers. Redis seals an RDB file with the Jones polynomial; mongodump seals each
 * collection of an archive with Go's hash/crc64 ECMA table.
 */
function makeTable(reflectedPolynomial) {
    const polyLo = Number(reflectedPolynomial & 0xffffffffn);
    const polyHi = Number(reflectedPolynomial >> 32n);
    const lo = new Uint32Array(8 * 256);
    const hi = new Uint32Array(8 * 256);
    for (let i = 0; i < 256; i++) {
        let crcLo = i;
        let crcHi = 0;
        for (let bit = 0; bit < 8; bit++) {
            const carry = crcLo & 1;
            crcLo = ((crcLo >>> 1) | ((crcHi & 1) << 31)) >>> 0;
            crcHi = crcHi >>> 1;
            if (carry) {
                crcLo = (crcLo ^ polyLo) >>> 0;
                crcHi = (crcHi ^ polyHi) >>> 0;
            }
        }
        lo[i] = crcLo;
        hi[i] = crcHi;
    }
    // Table k gives the effect of a byte followed by k zero bytes.
    for (let k = 1; k < 8; k++) {
        for (let i = 0; i < 256; i++) {
            const prevLo = lo[(k - 1) * 256 + i];
            const prevHi = hi[(k - 1) * 256 + i];
            const index = prevLo & 0xff;
            lo[k * 256 + i] = (((prevLo >>> 8) | (prevHi << 24)) ^ lo[index]) >>> 0;
            hi[k * 256 + i] = ((prevHi >>> 8) ^ hi[index]) >>> 0;
        }
    }
    return { lo, hi };
}
class Crc64 {
    table;
    xorOut;
    lo;
    hi;
    constructor(table, init, xorOut) {
        this.table = table;
        this.xorOut = xorOut;
        this.lo = Number(init & 0xffffffffn);
        this.hi = Number(init >> 32n);
    }
    update(data) {
        const tLo = this.table.lo;
        const tHi = this.table.hi;
        let lo = this.lo;
        let hi = this.hi;
        let i = 0;
        for (const whole = data.length - (data.length % 8); i < whole; i += 8) {
            const xLo = lo ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            const xHi = hi ^ (data[i + 4] | (data[i + 5] << 8) | (data[i + 6] << 16) | (data[i + 7] << 24));
            const b0 = 7 * 256 + (xLo & 0xff);
            const b1 = 6 * 256 + ((xLo >>> 8) & 0xff);
            const b2 = 5 * 256 + ((xLo >>> 16) & 0xff);
            const b3 = 4 * 256 + (xLo >>> 24);
            const b4 = 3 * 256 + (xHi & 0xff);
            const b5 = 2 * 256 + ((xHi >>> 8) & 0xff);
            const b6 = 256 + ((xHi >>> 16) & 0xff);
            const b7 = xHi >>> 24;
            lo = (tLo[b0] ^ tLo[b1] ^ tLo[b2] ^ tLo[b3] ^ tLo[b4] ^ tLo[b5] ^ tLo[b6] ^ tLo[b7]) >>> 0;
            hi = (tHi[b0] ^ tHi[b1] ^ tHi[b2] ^ tHi[b3] ^ tHi[b4] ^ tHi[b5] ^ tHi[b6] ^ tHi[b7]) >>> 0;
        }
        for (; i < data.length; i++) {
            const index = (lo ^ data[i]) & 0xff;
            lo = (tLo[index] ^ ((lo >>> 8) | (hi << 24))) >>> 0;
            hi = (tHi[index] ^ (hi >>> 8)) >>> 0;
        }
        this.lo = lo;
        this.hi = hi;
        return this;
    }
    /** The checksum as an unsigned 64-bit value. */
    digest() {
        return ((BigInt(this.hi) << 32n) | BigInt(this.lo)) ^ this.xorOut;
    }
}
const ALL_ONES = 0xffffffffffffffffn;
// Jones polynomial 0xad93d23594c935a9, bit-reversed; Redis starts from 0 and does not invert.
const redisTable = makeTable(0x95ac9329ac4bc9b5n);
// Go's crc64.ECMA constant is already the reversed form; Go inverts before and after (CRC-64/XZ).
const goEcmaTable = makeTable(0xc96c5795d7870f42n);
/** The checksum Redis stores in the last 8 bytes of an RDB file (little-endian). */
function redisCrc64() {
    return new Crc64(redisTable, 0n, 0n);
}
/** Go's crc64.New(crc64.MakeTable(crc64.ECMA)), as mongodump uses for each collection of an archive. */
function goEcmaCrc64() {
    return new Crc64(goEcmaTable, ALL_ONES, ALL_ONES);
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


/***/ }),

/***/ 19925:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ withSecretFile)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * Runs `use` with a file that only this user can read, holding `content` (a client option file
 * with a password, for example), and removes the file afterwards whether `use` succeeds or not.
 * The random suffix keeps two files of the same purpose apart in one directory.
 */
async function withSecretFile(dir, name, content, use) {
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, `${name}-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}`);
    try {
        // 'wx' never follows or reuses an existing file; the mode applies at creation, before any byte is written.
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(path, content, { flag: 'wx', mode: 0o600 });
        return await use(path);
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(path, { force: true });
    }
}


/***/ })

};
