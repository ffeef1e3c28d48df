import { hash } from 'node:crypto'
import type { Collection, Document, Filter, MongoClient, MongoClientOptions } from 'mongodb'
import type { DatabaseConfig } from '../../config/types.js'
import { ContentDigest } from '../../util/content-digest.js'
import { errorMessage } from '../../util/errors.js'
import { idElement, idOnly, idText } from './archive.js'
import { checkCredentials, checkUrlOptions, explainFailure, mongoUri } from './engine.js'
import type { Contents, Digests, ListDatabases } from '../types.js'

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
const TOOLS_ONLY_OPTIONS = new Set(['tlsdisableocspendpointcheck', 'timeoutms', 'compressors', 'zlibcompressionlevel'])

/**
 * What a whole-server mongodump takes of the server's own databases (mongo-tools
 * mongodump/prepare.go): nothing of `local` or of `__mdb_internal*`, and of `config` only these
 * collections (common/dumprestore/config.go), which a sharded cluster's config servers hold.
 */
const CONFIG_COLLECTIONS_DUMPED = new Set(['chunks', 'collections', 'databases', 'settings', 'shards', 'tags', 'version'])

function dumpedByWholeServerDump(database: string, collection?: string): boolean {
  if (database === 'local' || database.startsWith('__mdb_internal')) return false
  return database !== 'config' || collection === undefined || CONFIG_COLLECTIONS_DUMPED.has(collection)
}

/**
 * The connection as the tools make it (same host, database, parameters, authentication database),
 * with the credentials in the options: neither the user nor the password is in the URI, which the
 * driver may repeat in an error.
 */
export function driverConnection(database: DatabaseConfig): { uri: string; options: MongoClientOptions } {
  const params = Object.fromEntries(Object.entries(database.params).filter(([key]) => !TOOLS_ONLY_OPTIONS.has(key.toLowerCase())))
  const uri = mongoUri({ ...database, user: '', params })
  const auth = database.user ? { username: database.user, ...(database.password ? { password: database.password } : {}) } : undefined
  return { uri, options: auth ? { auth } : {} }
}

/** A driver error in words, as the tools' errors are explained. */
export function driverFailure(what: string, error: unknown, database: DatabaseConfig): Error {
  const message = errorMessage(error)
  const name = error instanceof Error ? error.name : ''
  // A rejected password can come wrapped in a server selection error: the cause is named first.
  if (/Authentication ?failed|unable to authenticate/i.test(message)) return new Error(`${what}: ${explainFailure(message, database) ?? 'authentication failed'} (${message})`)
  if (/not authorized|Unauthorized/i.test(message)) return new Error(`${what}: user "${database.user}" lacks the privileges for it (${message})`)
  if (name === 'MongoServerSelectionError' || name === 'MongoNetworkError' || name === 'MongoNetworkTimeoutError') {
    return new Error(`${what}: cannot connect to the server at ${database.urlProtocol === 'mongodb+srv:' ? database.host : `${database.host}:${database.port}`} (${message})`)
  }
  return new Error(`${what}: ${message}`)
}

/**
 * Runs `use` with a connected client, closed afterwards whatever happens. The connection is checked
 * as for the tools first, which also masks the secret db-url parameters the driver may repeat.
 */
export async function withMongoClient<T>(database: DatabaseConfig, what: string, use: (client: MongoClient) => Promise<T>): Promise<T> {
  checkUrlOptions(database)
  checkCredentials(database)
  const { MongoClient } = await import(/* webpackChunkName: "mongodb-driver" */ 'mongodb')
  const { uri, options } = driverConnection(database)
  const client = new MongoClient(uri, options)
  try {
    await client.connect().catch((error: unknown) => {
      throw driverFailure(what, error, database)
    })
    return await use(client)
  } finally {
    await client.close().catch(() => undefined)
  }
}

/** Which databases to count: the named ones, or every one the server lists whose collections pass `wanted`. */
export type DatabaseSelection = { names: string[] } | { wanted: (database: string, collection?: string) => boolean }

/**
 * Exact documents per collection (`<database>.<collection>`) of the selected databases, as the
 * archive reader counts an archive: collections only (views and time series hold no documents of
 * their own in an archive), and no `system.*` collection.
 */
export async function documentsPerCollection(client: MongoClient, selection: DatabaseSelection): Promise<Contents> {
  const names =
    'names' in selection
      ? selection.names
      : (await client.db('admin').admin().listDatabases({ nameOnly: true })).databases.map((entry) => entry.name).filter((name) => selection.wanted(name))
  const contents: Contents = new Map()
  for (const name of [...names].sort()) {
    const db = client.db(name)
    const collections = await db.listCollections({ type: 'collection' }, { nameOnly: true }).toArray()
    for (const { name: collection } of collections.sort((a, b) => a.name.localeCompare(b.name))) {
      if (collection.startsWith('system.') || ('wanted' in selection && !selection.wanted(name, collection))) continue
      contents.set(`${name}.${collection}`, await db.collection(collection).countDocuments({}))
    }
  }
  return contents
}

/** What a target holds: its database, or with none given, what a whole-server mongodump would take of it. */
export function targetSelection(database: DatabaseConfig): DatabaseSelection {
  return database.name ? { names: [database.name] } : { wanted: dumpedByWholeServerDump }
}

/** Documents per collection of a target, read with the driver. */
export function targetDocuments(database: DatabaseConfig): Promise<Contents> {
  return withMongoClient(database, 'counting the target\'s documents', (client) =>
    documentsPerCollection(client, targetSelection(database)).catch((error: unknown) => {
      throw driverFailure('counting the target\'s documents', error, database)
    })
  )
}

/** db-name `*`: the databases the user is authorized for (listDatabases with authorizedDatabases), by the driver. */
export const listDatabases: ListDatabases = ({ database }) =>
  withMongoClient(database, 'listing the databases', async (client) => {
    const listed = await client
      .db('admin')
      .admin()
      .listDatabases({ nameOnly: true, authorizedDatabases: true })
      .catch((error: unknown) => {
        throw driverFailure('listing the databases', error, database)
      })
    return listed.databases.map((entry) => entry.name).sort()
  })

/** The collection a namespace (`<database>.<collection>`; a database name holds no dot) names. */
export function collectionOf(client: MongoClient, namespace: string): Collection {
  const dot = namespace.indexOf('.')
  return client.db(namespace.slice(0, dot)).collection(namespace.slice(dot + 1))
}

/**
 * Each holder's ContentDigest over the BSON of every document of its namespace, as the server
 * returns it (`raw`: the bytes, not decoded), digested as the archive reader digests the
 * archive's documents. The driver holds one batch (at most 16 MB) at a time.
 */
export async function namespaceDigests(client: MongoClient, namespaces: Iterable<[holder: string, namespace: string]>): Promise<Digests> {
  const digests: Digests = new Map()
  for (const [holder, namespace] of namespaces) {
    const digest = new ContentDigest()
    for await (const document of collectionOf(client, namespace).find<Uint8Array>({}, { raw: true })) digest.add(document)
    digests.set(holder, digest.text())
  }
  return digests
}

/** One document of the archive as a difference is looked for: its _id element and the SHA-256 of its BSON. */
export interface DocumentFingerprint {
  id: Buffer
  sha256: string
}

export function fingerprint(document: Uint8Array): DocumentFingerprint | undefined {
  const id = idElement(document)
  return id && { id, sha256: hash('sha256', document, 'hex') }
}

/** Archive documents looked up in the target in one query: few round trips, and a bounded batch. */
const LOOKUP_DOCUMENTS = 1000
const LOOKUP_ID_BYTES = 1024 * 1024

/**
 * The first document of the archive, in the archive's order, that the target does not hold with
 * the same bytes: its _id as Extended JSON (never another field) and whether it is missing or
 * changed. The archive's documents are looked up by _id in batches.
 */
export async function firstDifferingDocument(collection: Collection, archive: AsyncIterable<DocumentFingerprint>): Promise<string | undefined> {
  let batch: DocumentFingerprint[] = []
  let idBytes = 0
  for await (const document of archive) {
    batch.push(document)
    idBytes += document.id.length
    if (batch.length < LOOKUP_DOCUMENTS && idBytes < LOOKUP_ID_BYTES) continue
    const found = await firstDifferenceIn(collection, batch)
    if (found) return found
    batch = []
    idBytes = 0
  }
  return batch.length > 0 ? firstDifferenceIn(collection, batch) : undefined
}

async function firstDifferenceIn(collection: Collection, batch: DocumentFingerprint[]): Promise<string | undefined> {
  const held = new Map<string, string>()
  // The _ids decoded with their BSON types kept, so the filter holds them as the archive does.
  const filter = { _id: { $in: batch.map((document) => idOnly(document.id)._id as unknown) } } as Filter<Document>
  for await (const document of collection.find<Uint8Array>(filter, { raw: true })) {
    const found = fingerprint(document)
    if (found) held.set(found.id.toString('hex'), found.sha256)
  }
  for (const document of batch) {
    const sha256 = held.get(document.id.toString('hex'))
    if (sha256 !== document.sha256) return `${idText(document.id)}, ${sha256 === undefined ? 'not in the target' : 'changed'}`
  }
  return undefined
}
