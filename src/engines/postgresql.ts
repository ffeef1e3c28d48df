import * as core from '@actions/core'
import { join } from 'node:path'
import { requireTool } from '../tools/find.js'
import { readHead } from '../util/files.js'
import { describeFailure, runTool, runToolToFile } from '../util/process.js'
import { conninfo, passwordEnv } from './postgresql-connection.js'
import type { Engine, Figures, Snapshot, SnapshotRequest, VerifyRequest } from './types.js'

export const postgresql: Engine = {
  fileExtension: () => 'dump',
  // The header and table of contents of a dump of an empty database already take more than this.
  minimumSizeBytes: 100,

  async snapshot({ database, workDir, fileName, timeoutMs }: SnapshotRequest): Promise<Snapshot> {
    // The client was chosen (and checked against the server's version) before this step: it is first on PATH.
    const pgDump = await requireTool('pg_dump', 'install the PostgreSQL client (pg_dump)')
    const file = join(workDir, fileName)
    const result = await runToolToFile(
      {
        command: pgDump,
        args: ['--format=custom', '--no-password', `--dbname=${conninfo(database)}`],
        env: passwordEnv(database),
        timeoutMs
      },
      file
    )
    if (result.exitCode !== 0 || result.timedOut) throw new Error(describeFailure('pg_dump', result, timeoutMs))
    return {
      file,
      sha256: result.sha256,
      sizeBytes: result.sizeBytes,
      figures: {}
    }
  },

  async verify({ file, timeoutMs }: VerifyRequest): Promise<Figures> {
    const head = await readHead(file, 5)
    if (head.toString('latin1') !== 'PGDMP') {
      throw new Error(`the dump does not start with the PGDMP signature of a pg_dump custom-format archive`)
    }
    const pgRestore = await requireTool('pg_restore', 'install the PostgreSQL client (pg_restore)')
    const list = await runTool({ command: pgRestore, args: ['--list', file], timeoutMs })
    if (list.exitCode !== 0 || list.timedOut) throw new Error(describeFailure('pg_restore --list', list, timeoutMs))
    const entries = list.stdout.split('\n').filter((line) => line.trim() !== '' && !line.startsWith(';')).length
    // An empty database dumps to a valid archive with an empty table of contents.
    if (entries === 0) core.warning('the archive lists no objects: the database is empty')
    // --list reads only the table of contents; restoring to /dev/null reads every data block too.
    const readThrough = await runTool({ command: pgRestore, args: ['--file=/dev/null', file], timeoutMs })
    if (readThrough.exitCode !== 0 || readThrough.timedOut) {
      throw new Error(describeFailure('pg_restore reading the whole archive', readThrough, timeoutMs))
    }
    return { 'archive entries': entries, 'read through': 'pg_restore --file=/dev/null' }
  }
}
