import * as core from '@actions/core'
import { basename, join } from 'node:path'
import type { CompressionName, DatabaseConfig } from '../../config/types.js'
import { compressionOfName, storedBytes } from '../../util/compression.js'
import { captureDump } from '../../util/dump-stream.js'
import { commandLine, runStreaming, toolFailed } from '../../util/process.js'
import { NO_DUMP_OPTIONS } from '../../config/dump-args.js'
import { withSecretFile } from '../../util/secret-file.js'
import { clientEnv, connectionArgs, optionFile } from './connection.js'
import { describeOptions, dumpArgs } from './dump-args.js'
import { floatPlan, historyPlan } from './dump-caveats.js'
import { failure } from './failures.js'
import {
  chooseDumpTool,
  describeTool,
  FAMILY_NAME,
  generatedColumnsRefusal,
  pairingOptions,
  pairingRefusal,
  parseDumpToolVersion,
  parseServerVersion,
  type DumpTool,
  type ServerInfo
} from './pairing.js'
import { readThrough } from './read-through.js'
import { clientQuery, firstOnPath, generatedColumns, installedDumpTools, readServerVersion, roundedFloatColumns, unescapeBatch, versionedTables } from './server-queries.js'
import { storedSnapshot } from '../shared/snapshot.js'
import type { Engine, Figures, ListDatabases, Snapshot, SnapshotRequest, VerifyRequest } from '../types.js'

/** Serves db-type mysql and mariadb: the server's family, not the input, decides which dump tool fits. */

export { chooseDumpTool, parseDumpToolVersion, parseServerVersion, type DumpTool, type ServerInfo }
export type { ServerFamily } from './pairing.js'
// bench/backup.ts reads dumps with it.
export { SqlDumpScanner } from './read-through.js'

const CLIENT_HINT =
  'install a MariaDB or MySQL client (for example `sudo apt-get install mariadb-client`, or `mysql-client` for a MySQL server)'

const EXTENSIONS: Record<CompressionName, string> = { gzip: 'sql.gz', zstd: 'sql.zst', none: 'sql' }

/** db-name `*`: what SHOW DATABASES shows the user. */
export const listDatabases: ListDatabases = async ({ database, workDir, timeoutMs }) => {
  const client = await firstOnPath(['mariadb', 'mysql'])
  if (!client) throw new Error('neither mariadb nor mysql was found on PATH to list the databases: install a MariaDB or MySQL client')
  const names = await withSecretFile(workDir, 'client.cnf', optionFile(database), (optionFilePath) => clientQuery(client, optionFilePath, database, 'SHOW DATABASES', timeoutMs))
  return names.split('\n').filter(Boolean).map(unescapeBatch)
}

/** Data and index bytes of the database's tables as information_schema has them (InnoDB's figures are estimates). */
async function estimateSize(database: DatabaseConfig, workDir: string, timeoutMs: number): Promise<number> {
  const client = await firstOnPath(['mariadb', 'mysql'])
  if (!client) throw new Error(`neither mariadb nor mysql was found on PATH: ${CLIENT_HINT}`)
  const sql = 'SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = DATABASE()'
  const output = await withSecretFile(workDir, 'estimate.cnf', optionFile(database), (optionFilePath) => clientQuery(client, optionFilePath, database, sql, timeoutMs))
  return Number(output.trim())
}

/**
 * The database's table data (or only `table`'s) as the dump tool writes it with the backup's own
 * value options (--hex-blob, utf8mb4, ...), data only, streamed to `push`: how a restored
 * database is read back for the content digests, the same text for the same rows.
 */
export async function dumpTableData(database: DatabaseConfig, workDir: string, timeoutMs: number, push: (chunk: Buffer) => void, history = false, table?: string): Promise<void> {
  const client = await firstOnPath(['mariadb', 'mysql'])
  if (!client) throw new Error(`neither mariadb nor mysql was found on PATH (it reads the server's version): ${CLIENT_HINT}`)
  const tools = await installedDumpTools()
  if (tools.length === 0) throw new Error(`neither mariadb-dump nor mysqldump was found on PATH (it reads the restored rows back): ${CLIENT_HINT}`)
  await withSecretFile(workDir, 'read-back.cnf', optionFile(database), async (optionFilePath) => {
    const server = await readServerVersion(client, optionFilePath, database, timeoutMs)
    const tool = chooseDumpTool(tools, server)
    if (!tool) throw new Error(pairingRefusal(tools[0], server))
    // A table named after the database is matched by its exact name (the tools escape LIKE's wildcards in it).
    const options = table === undefined ? NO_DUMP_OPTIONS : { ...NO_DUMP_OPTIONS, tables: [table] }
    const command = { command: tool.path, args: dumpArgs(optionFilePath, database, tool, server, options, true, history), env: clientEnv(optionFilePath, tool.path), timeoutMs }
    const result = await runStreaming(command, push)
    if (toolFailed(result)) throw failure(`${basename(tool.path)} reading the restored rows back`, result, database, timeoutMs)
  })
}

export const mysql: Engine = {
  fileExtension: (compression) => EXTENSIONS[compression.name],
  estimateSize,
  // Header, settings and trailer of a dump of an empty database take several hundred bytes, compressed or not.
  minimumSizeBytes: 100,

  async snapshot({ database, workDir, fileName, timeoutMs, compression, encryption, options: dumpOptions, open }: SnapshotRequest): Promise<Snapshot> {
    // Everything that can be wrong without the server fails before connecting: the db-url
    // parameters (connectionArgs refuses unknown ones) and the tools.
    connectionArgs(database)
    const client = await firstOnPath(['mariadb', 'mysql'])
    if (!client) throw new Error(`neither mariadb nor mysql was found on PATH (it reads the server's version): ${CLIENT_HINT}`)
    const tools = await installedDumpTools()
    if (tools.length === 0) throw new Error(`neither mariadb-dump nor mysqldump was found on PATH: ${CLIENT_HINT}`)

    const file = join(workDir, fileName)
    return withSecretFile(workDir, 'client.cnf', optionFile(database), async (optionFilePath) => {
      const server = await readServerVersion(client, optionFilePath, database, timeoutMs)
      const tool = chooseDumpTool(tools, server)
      if (!tool) {
        // Nothing installed can dump this server: refuse before dumping, naming both versions.
        const preferred = tools.find((candidate) => candidate.family === server.family) ?? tools[0]
        throw new Error(pairingRefusal(preferred, server))
      }
      if (tool.family === 'mariadb' && server.family === 'mysql') {
        const refusal = generatedColumnsRefusal(tool, server, await generatedColumns(client, optionFilePath, database, timeoutMs))
        if (refusal) throw new Error(refusal)
      }
      if (tool.family !== server.family) {
        core.warning(
          `the server is ${FAMILY_NAME[server.family]} ${server.version} but ${describeTool(tool)} dumps it: ` +
            `${server.family === 'mysql' ? "mysqldump from MySQL's client" : "mariadb-dump from MariaDB's client"} knows its extensions`
        )
      }
      const pairing = pairingOptions(tool, server)
      const versioned = server.family === 'mariadb' ? historyPlan(tool, server, await versionedTables(client, optionFilePath, database, timeoutMs)) : { history: false }
      if ('warning' in versioned && versioned.warning) core.warning(versioned.warning)
      const floats = server.family === 'mariadb' ? floatPlan(await roundedFloatColumns(client, optionFilePath, database, dumpOptions ?? NO_DUMP_OPTIONS, timeoutMs)) : {}
      if (floats.warning) core.warning(floats.warning)
      const name = basename(tool.path)
      const dump = { command: tool.path, args: dumpArgs(optionFilePath, database, tool, server, dumpOptions, false, versioned.history), env: clientEnv(optionFilePath, tool.path), timeoutMs }
      const capture = await captureDump({
        dump,
        compression,
        file,
        check: (stored) => readThrough(stored, compression.name),
        encryption,
        open
      })
      if (toolFailed(capture.dump)) throw failure(name, capture.dump, database, timeoutMs)
      return storedSnapshot(file, capture, {
        client: describeTool(tool),
        command: commandLine(dump),
        'client path': tool.path,
        'server version': server.comment ? `${server.text} (${server.comment})` : server.text,
        'pairing options': describeOptions(tool, server, pairing),
        ...('figure' in versioned && versioned.figure ? { 'system-versioned tables': versioned.figure } : {}),
        ...(floats.figure ? { 'float columns': floats.figure } : {}),
        compression: capture.compressor
      })
    })
  },

  verify: async ({ file }: VerifyRequest): Promise<Figures> => readThrough(storedBytes(file), compressionOfName(file))
}
