import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readJson, runAction } from '../support/action.js'
import { backupFiles } from '../support/e2e.js'
import { seedShop, startPostgres, type PostgresServer } from '../support/postgres.js'

/**
 * A persistent self-hosted runner's tool cache is writable by every job that runs there. A
 * client planted in it, under this action's tool-cache name and a version that outranks every
 * other client, must never run: it would get the database's password. Each planted program
 * writes its whole environment to a marker file the moment it runs, even for `--version`.
 */

let server: PostgresServer

beforeAll(async () => {
  server = await startPostgres()
  await seedShop(server, 'shop')
})

afterAll(async () => {
  await server?.stop()
})

/** RUNNER_TOOL_CACHE/postgresql-client/<version>/<arch>/bin with its `.complete` marker, as @actions/tool-cache leaves one. */
async function plant(toolCache: string, version: string, marker: string): Promise<string> {
  const entry = join(toolCache, 'postgresql-client', version, process.arch)
  await mkdir(join(entry, 'bin'), { recursive: true })
  for (const program of ['pg_dump', 'pg_restore', 'psql']) {
    const path = join(entry, 'bin', program)
    await writeFile(path, `#!/bin/sh\nenv >> '${marker}'\necho "${program} $*" >> '${marker}'\nif [ "$1" = "--version" ]; then echo "${program} (PostgreSQL) ${version.split('.').slice(0, 2).join('.')}"; exit 0; fi\nexit 0\n`)
    await chmod(path, 0o755)
  }
  await writeFile(`${entry}.complete`, '')
  return entry
}

test('a client planted in the tool cache is ignored with a warning naming it, never run, and never sees the password', async () => {
  const toolCache = await mkdtemp(join(tmpdir(), 'planted-tool-cache-'))
  const marker = join(await mkdtemp(join(tmpdir(), 'planted-')), 'ran')
  const entry = await plant(toolCache, '15.99.0', marker)
  const store = await mkdtemp(join(tmpdir(), 'store-'))
  const run = await runAction(
    {
      'db-type': 'postgresql',
      'db-host': server.host,
      'db-port': String(server.port),
      'db-name': 'shop',
      'db-user': server.user,
      'db-password': server.password,
      'storage-type': 'local',
      path: store
    },
    { RUNNER_TOOL_CACHE: toolCache, PATH: `${server.binDir}:${process.env.PATH}` }
  )

  expect(existsSync(marker)).toBe(false)
  expect(run.stdout).toContain(`::warning::the postgresql-client 15.99.0 in the tool cache (${entry}) is ignored and not run: it has no manifest of this action`)
  expect(run.outputs.status).toBe('SUCCESS')
  const record = await readJson<{ steps: { name: string; figures: Record<string, string> }[] }>(run.outputs['audit-file'])
  expect(record.steps.find((step) => step.name === 'take-snapshot')?.figures['client from']).toBe(`PATH (${server.binDir})`)
  expect(await backupFiles(store)).toHaveLength(1)
})
