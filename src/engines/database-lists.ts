import * as core from '@actions/core'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Inputs } from '../constants.js'
import type { Config } from '../config/types.js'
import { resolveClient } from '../tools/install.js'
import { engineFacts } from './catalog.js'
import { engines } from './index.js'

/**
 * db-name `*`: the databases the user can connect to, by the engine's client (chosen, and
 * installed if need be, as take-snapshot chooses it), without templates and system databases.
 * Every one found is returned, those whose names cannot name a series of their own included:
 * each of those fails on its own in the run (databaseTargets), and does not stop the others.
 */
export async function findDatabases(config: Config): Promise<string[]> {
  const facts = engineFacts(config.database.type)
  const database = { ...config.database, name: facts.maintenanceDatabase }
  const plugin = engines[database.type]
  if (!plugin.listDatabases) throw new Error(`db-name "*" cannot be used with ${database.type}: name the databases`)
  const listDatabases = await plugin.listDatabases()
  await resolveClient(plugin.client, database, config.client, config.dumpTimeoutMs)
  const workDir = await mkdtemp(join(process.env.RUNNER_TEMP || tmpdir(), 'db-list-'))
  let listed: string[]
  try {
    listed = await listDatabases({ database, workDir, timeoutMs: config.dumpTimeoutMs })
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
  const system = new Set<string>(facts.systemDatabases)
  const names = listed.filter((name) => !system.has(name))
  if (names.length === 0) {
    throw new Error(
      `input "${Inputs.DbName}": "*" found no database to back up: ${database.user || 'the user'} can connect to ${listed.length > 0 ? `only ${listed.join(', ')}, which "*" leaves out` : 'none'} (name the databases instead)`
    )
  }
  core.info(`db-name "*": ${names.join(', ')}`)
  return names
}
