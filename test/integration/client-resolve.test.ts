import { chmod, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { postgresqlClient } from '../../src/engines/postgresql/client.js'
import { resolveClient } from '../../src/tools/install.js'
import { startMirror } from '../support/mirror.js'
import { startPostgres, type PostgresServer } from '../support/postgres.js'

let server: PostgresServer
const savedPath = process.env.PATH
const savedToolCache = process.env.RUNNER_TOOL_CACHE

beforeAll(async () => {
  server = await startPostgres()
})

afterAll(async () => {
  process.env.PATH = savedPath
  process.env.RUNNER_TOOL_CACHE = savedToolCache
  await server?.stop()
})

test('auto: a server newer than the only client, with no way to install another, fails naming both versions', async () => {
  // The only client: version 12.22 (psql passes through to the real one, to read the server version).
  const oldClient = await mkdtemp(join(tmpdir(), 'old-client-'))
  for (const program of ['pg_dump', 'pg_restore', 'psql']) {
    const passThrough = program === 'psql' ? `exec ${join(server.binDir, 'psql')} "$@"` : 'exit 3'
    await writeFile(
      join(oldClient, program),
      `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "${program} (PostgreSQL) 12.22"; exit 0; fi\n${passThrough}\n`
    )
    await chmod(join(oldClient, program), 0o755)
  }
  process.env.PATH = `${oldClient}:/usr/bin:/bin`
  process.env.RUNNER_TOOL_CACHE = await mkdtemp(join(tmpdir(), 'empty-tool-cache-'))
  // A mirror that has nothing: 404 is final, where a closed port would be retried for half a minute.
  const emptyMirror = await startMirror(await mkdtemp(join(tmpdir(), 'empty-mirror-')))
  const onlyThisClient = { ...postgresqlClient, runnerDirs: async () => [] }
  const database = { type: 'postgresql' as const, host: server.host, port: server.port, name: 'postgres', user: server.user, password: server.password, params: {}, urlProtocol: '' }

  await expect(
    resolveClient(onlyThisClient, database, { version: 'auto', downloadUrl: emptyMirror.url, allowInsecureHttp: true }, 30_000).finally(() => emptyMirror.close())
  ).rejects.toThrow(/no pg_dump on this machine fits \(a client that can dump server version 1\d\.\d+; found: pg_dump 12\.22 in .*old-client.*\), and installing 1\d\.\d+\.\d+ failed/)
})
