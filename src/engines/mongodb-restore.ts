import type { DatabaseConfig } from '../config/types.js'
import { requireTool } from '../tools/find.js'
import { describeFailure, runStreaming, runTool, type ToolResult } from '../util/process.js'
import { withSecretFile } from '../util/secret-file.js'
import { MongoArchiveChecker } from './mongodb-archive.js'
import { checkCredentials, checkUrlOptions, configFile, dumpArgs, explainFailure } from './mongodb.js'
import { decompressedStream, plainFile } from './restore-input.js'
import type { Contents, Restored, RestoreRequest, Restorer } from './types.js'

const TOOLS_HINT = 'install the MongoDB Database Tools (mongodump, mongorestore)'

/** System collections (users, roles, versions) are the server's own: neither counted nor compared. */
function userNamespaces(counts: Map<string, number>): Contents {
  return new Map([...counts].filter(([name]) => !/^[^.]+\.system\./.test(name)))
}

/**
 * mongorestore's arguments: the archive as a plain file, the password in the --config file.
 * `--nsFrom/--nsTo` (the restore-check's scratch database) rename the backup's database.
 */
export function restoreArgs(configPath: string, archive: string, mode: RestoreRequest['mode'], rename?: { from: string; to: string }): string[] {
  return [
    `--config=${configPath}`,
    `--archive=${archive}`,
    '--stopOnError',
    // clean: each collection of the backup is dropped first; others are not touched.
    ...(mode === 'clean' ? ['--drop'] : []),
    ...(rename ? [`--nsFrom=${rename.from}.*`, `--nsTo=${rename.to}.*`] : [])
  ]
}

function failure(what: string, result: ToolResult, database: DatabaseConfig, timeoutMs: number): Error {
  const described = describeFailure(what, result, timeoutMs)
  const explanation = result.timedOut ? undefined : explainFailure(result.stderr, database)
  return new Error(explanation ? `${explanation}: ${described}` : described)
}

/**
 * Documents per collection of the target, read the one way the Database Tools offer: a mongodump
 * archive streamed through the archive reader, never written anywhere.
 */
async function targetDocuments(database: DatabaseConfig, workDir: string, timeoutMs: number): Promise<Contents> {
  checkUrlOptions(database)
  checkCredentials(database)
  const mongodump = await requireTool('mongodump', TOOLS_HINT)
  const checker = new MongoArchiveChecker()
  const result = await withSecretFile(workDir, 'mongo-tools.yaml', configFile(database), (configPath) =>
    runStreaming({ command: mongodump, args: dumpArgs(database, configPath), timeoutMs }, (chunk) => checker.push(chunk))
  )
  if (result.exitCode !== 0 || result.timedOut) throw failure('mongodump (counting the target\'s documents)', result, database, timeoutMs)
  return userNamespaces(checker.finish().documentsPerNamespace)
}

/** Documents per collection of the backup. */
export async function archiveDocuments(file: string): Promise<Contents> {
  const checker = new MongoArchiveChecker()
  for await (const chunk of await decompressedStream(file)) checker.push(chunk as Buffer)
  return userNamespaces(checker.finish().documentsPerNamespace)
}

/** Runs mongorestore on the backup (decompressed first: mongorestore reads gzip only, and this one may be zstd). */
export async function mongorestore(request: RestoreRequest, rename?: { from: string; to: string }): Promise<string> {
  const { database, file, workDir, timeoutMs, mode } = request
  checkUrlOptions(database)
  checkCredentials(database)
  const tool = await requireTool('mongorestore', TOOLS_HINT)
  const archive = await plainFile(file, `${file}.plain`)
  const result = await withSecretFile(workDir, 'mongo-tools.yaml', configFile(database), (configPath) =>
    runTool({ command: tool, args: restoreArgs(configPath, archive, mode, rename), timeoutMs })
  )
  if (result.exitCode !== 0 || result.timedOut) throw failure('mongorestore', result, database, timeoutMs)
  return /\d+ document\(s\) restored successfully\. \d+ document\(s\) failed to restore\./.exec(result.stderr)?.[0] ?? 'done'
}

export const mongodbRestorer: Restorer = {
  units: { object: 'documents', holder: 'collection' },
  usesClient: true,
  sharedHolders: false,
  restoredObjects: (archive) => archive.size,
  contents: targetDocuments,

  async restore(request: RestoreRequest): Promise<Restored> {
    const archive = await archiveDocuments(request.file)
    const said = await mongorestore(request)
    return { archive, figures: { restored: `${archive.size} collections`, mongorestore: said } }
  }
}
