import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import type { MongoClient } from 'mongodb'
import type { DatabaseConfig } from '../../config/types.js'
import { requireTool } from '../../tools/find.js'
import { errorMessage } from '../../util/errors.js'
import { runTool, toolFailed } from '../../util/process.js'
import { withSecretFile } from '../../util/secret-file.js'
import { MongoArchiveChecker, type ArchiveReading, type ArchiveSummary } from './archive.js'
import { checkCredentials, checkUrlOptions, configFile, failure } from './engine.js'
import { comparedText, contentDifferences, countMismatches, differencesText, digestDifferences } from '../shared/contents.js'
import {
  collectionOf,
  documentsPerCollection,
  driverFailure,
  fingerprint,
  firstDifferingDocument,
  namespaceDigests,
  targetDocuments,
  withMongoClient,
  type DocumentFingerprint
} from './driver.js'
import { decompressedStream, plainFile } from '../shared/restore-input.js'
import { confine, isSystemNamespace, restoreArgs, restoreSummary, userNamespaces, type Confinement, type ScratchRestore } from './restore-args.js'
import type { ContentCheck, Contents, Digests, Figures, Restored, RestoreRequest, Restorer, VerifyRequest } from '../types.js'

const TOOLS_HINT = 'install the MongoDB Database Tools (mongodump, mongorestore)'

/** What the archive's header and blocks say: its namespaces, their documents and content digests. */
async function readArchive(file: string, reading?: ArchiveReading): Promise<ArchiveSummary> {
  const checker = new MongoArchiveChecker(reading)
  for await (const chunk of await decompressedStream(file)) checker.push(chunk as Buffer)
  return checker.finish()
}

/**
 * The documents of one namespace of the archive, in its order, as their _id and SHA-256, read
 * from the file again: only to name a difference once the digests differ. Those of one chunk are
 * held at a time; documents without an _id cannot be looked up and are passed over.
 */
async function* archiveFingerprints(file: string, namespace: string): AsyncGenerator<DocumentFingerprint> {
  const found: DocumentFingerprint[] = []
  const checker = new MongoArchiveChecker({
    documentsOf: {
      namespace,
      each: (document) => {
        const print = fingerprint(document)
        if (print) found.push(print)
      }
    }
  })
  for await (const chunk of await decompressedStream(file)) {
    checker.push(chunk as Buffer)
    yield* found.splice(0)
  }
}

/** Where a holder of the content check is: its namespace in the target, and in the archive. */
interface HolderPlaces {
  target(holder: string): string
  archive(holder: string): string
}

/**
 * The content check of a restore: the archive's digests (taken while it was read), the target's
 * read back with the driver, and the first differing document named by its _id.
 */
function contentCheck(database: DatabaseConfig, file: string, archive: Digests, places: HolderPlaces): ContentCheck {
  const what = 'reading the restored documents back'
  const withClient = <T>(use: (client: MongoClient) => Promise<T>): Promise<T> =>
    withMongoClient(database, what, (client) =>
      use(client).catch((error: unknown) => {
        throw driverFailure(what, error, database)
      })
    )
  return {
    archive,
    readTarget: () => withClient((client) => namespaceDigests(client, [...archive.keys()].map((holder) => [holder, places.target(holder)]))),
    firstDifference: (holder) =>
      withClient((client) => firstDifferingDocument(collectionOf(client, places.target(holder)), archiveFingerprints(file, places.archive(holder)))).catch((error: unknown) => {
        // Not knowing which document differs must not hide that the collection does.
        core.warning(`the first differing document of ${holder} could not be named: ${errorMessage(error)}`)
        return undefined
      })
  }
}

/** Documents of every namespace of the backup, the server's own collections included. */
export async function archiveNamespaces(file: string): Promise<Map<string, number>> {
  return (await readArchive(file)).documentsPerNamespace
}

/** Documents per collection of the backup. */
export async function archiveDocuments(file: string): Promise<Contents> {
  return userNamespaces(await archiveNamespaces(file))
}

/**
 * Runs mongorestore on the backup (decompressed first: mongorestore reads gzip only, and this one
 * may be zstd; the decompressed copy is removed afterwards). Returns its summary line.
 */
export async function mongorestore(request: RestoreRequest, scratch?: ScratchRestore, confinement?: Confinement): Promise<string> {
  const { database, file, workDir, timeoutMs, mode } = request
  checkUrlOptions(database)
  checkCredentials(database)
  const tool = await requireTool('mongorestore', TOOLS_HINT)
  const archive = await plainFile(file, `${file}.plain`)
  try {
    const result = await withSecretFile(workDir, 'mongo-tools.yaml', configFile(database), (configPath) =>
      runTool({ command: tool, args: restoreArgs(configPath, archive, mode, scratch, confinement), timeoutMs })
    )
    if (toolFailed(result)) throw failure('mongorestore', result, database, timeoutMs)
    const summary = restoreSummary(result.stderr)
    if (summary && summary.failed > 0) throw new Error(`mongorestore failed to restore ${summary.failed} document(s) (${summary.restored} restored)`)
    return summary ? `${summary.restored} document(s) restored, none failed` : 'done'
  } finally {
    if (archive !== file) await rm(archive, { force: true })
  }
}

const UNITS = { object: 'documents', holder: 'collection' }

/** MongoDB's limit on a database name: fewer than 64 bytes. */
const MAX_DATABASE_NAME_BYTES = 63

/** The databases of namespaces (`<db>.<collection>`). */
function databasesOf(namespaces: Iterable<string>): string[] {
  return [...new Set([...namespaces].map((name) => name.slice(0, name.indexOf('.'))))]
}

/** Scratch names that MongoDB would refuse, before anything is restored. */
export function checkScratchNames(prefix: string, databases: string[]): void {
  const tooLong = databases.filter((name) => Buffer.byteLength(prefix + name) > MAX_DATABASE_NAME_BYTES)
  if (tooLong.length > 0) {
    throw new Error(
      `restore-check cannot name a scratch database for ${tooLong.map((name) => `"${name}"`).join(', ')}: ` +
        `"${prefix}<name>" would be longer than the ${MAX_DATABASE_NAME_BYTES} bytes MongoDB allows a database name`
    )
  }
}

/** What the scratch databases hold, named as in the archive (`<prefix>shop.customers` is `shop.customers`). */
async function scratchDocuments(client: MongoClient, prefix: string, databases: string[]): Promise<Contents> {
  const scratch = await documentsPerCollection(client, { names: databases.map((name) => prefix + name) })
  return new Map([...scratch].map(([name, count]) => [name.slice(prefix.length), count]))
}

/**
 * Drops every scratch database of this check: those of the archive's databases, and any other the
 * server lists under the prefix (a database holding only views has no namespace in the archive).
 * One left behind is named in a warning.
 */
async function dropScratch(client: MongoClient, prefix: string, databases: string[]): Promise<void> {
  const names = new Set(databases.map((name) => prefix + name))
  const problems: string[] = []
  try {
    const listed = await client.db('admin').admin().listDatabases({ nameOnly: true })
    for (const { name } of listed.databases) if (name.startsWith(prefix)) names.add(name)
  } catch (error) {
    problems.push(`the server's databases could not be listed to find every ${prefix}* database (${errorMessage(error)})`)
  }
  for (const name of names) {
    await client
      .db(name)
      .dropDatabase()
      .catch((error: unknown) => problems.push(`${name} could not be dropped (${errorMessage(error)})`))
  }
  if (problems.length > 0) core.warning(`restore-check: ${problems.join('; ')}: drop the scratch databases by hand`)
}

/**
 * Restores the new archive into scratch databases on the same server (mongorestore renaming each
 * database `<db>` to `restore_check_<random>_<db>`, the server's own collections left out), then
 * checks with the driver that every collection holds as many documents as the archive does, with
 * the same content digest. The Database Tools cannot drop a database: the driver drops the
 * scratch databases whatever happens.
 */
export async function restoreCheck({ database, file, workDir, timeoutMs }: VerifyRequest): Promise<Figures> {
  const summary = await readArchive(file)
  const namespaces = summary.documentsPerNamespace
  const archive = userNamespaces(namespaces)
  const prefix = `restore_check_${randomBytes(4).toString('hex')}_`
  const databases = databasesOf(archive.keys())
  checkScratchNames(prefix, databases)
  const scratch: ScratchRestore = { prefix, exclude: [...namespaces.keys()].filter(isSystemNamespace) }
  return withMongoClient(database, 'restore-check', async (client) => {
    try {
      const said = await mongorestore({ database, file, workDir, timeoutMs, mode: 'empty' }, scratch)
      const restored = await scratchDocuments(client, prefix, databases).catch((error: unknown) => {
        throw driverFailure('restore-check counting the scratch databases\' documents', error, database)
      })
      const differences = contentDifferences(archive, restored, UNITS)
      const counted = countMismatches(archive, restored)
      const content = contentCheck(database, file, userNamespaces(summary.digestsPerNamespace), { target: (name) => prefix + name, archive: (name) => name })
      differences.push(...(await digestDifferences(content, await content.readTarget(), UNITS, counted)))
      if (differences.length > 0) throw new Error(`the restored databases differ from the dump: ${differencesText(differences)}`)
      return { 'restore check': `${comparedText(archive, UNITS, true)} (restored into scratch databases; mongorestore: ${said})` }
    } finally {
      await dropScratch(client, prefix, databases)
    }
  })
}

export const mongodbRestorer: Restorer = {
  units: UNITS,
  usesClient: true,
  sharedHolders: false,
  restoredObjects: (archive) => archive.size,
  contents: (database) => targetDocuments(database),

  restoreCheck,

  async restore(request: RestoreRequest): Promise<Restored> {
    // Refused before mongorestore runs when a namespace lies outside the archive's database.
    const summary = await readArchive(request.file)
    const confinement = confine([...summary.listedNamespaces, ...summary.documentsPerNamespace.keys()], request.database.name)
    const said = await mongorestore(request, undefined, confinement)
    // Named as the target holds them: renamed into db-name when the archive's database had another name.
    const rename = (name: string): string => (confinement.renameTo ? `${confinement.renameTo}${name.slice(name.indexOf('.'))}` : name)
    const archive: Contents = new Map([...userNamespaces(summary.documentsPerNamespace)].map(([name, count]) => [rename(name), count]))
    const digests: Digests = new Map([...userNamespaces(summary.digestsPerNamespace)].map(([name, digest]) => [rename(name), digest]))
    const archiveName = (holder: string): string => (confinement.renameTo ? `${confinement.include}${holder.slice(holder.indexOf('.'))}` : holder)
    return {
      archive,
      content: contentCheck(request.database, request.file, digests, { target: (holder) => holder, archive: archiveName }),
      figures: {
        restored: `${archive.size} collections`,
        mongorestore: said,
        ...(confinement.renameTo ? { 'restored as': `${confinement.include} into ${confinement.renameTo}` } : {}),
        ...(confinement.exclude.length > 0 ? { 'left out': `${confinement.exclude.join(', ')} (the server's users and roles are never restored)` } : {})
      }
    }
  }
}
