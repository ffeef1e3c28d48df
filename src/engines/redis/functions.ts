import * as core from '@actions/core'
import { RestoreInputs } from '../../constants.js'
import { errorMessage } from '../../util/errors.js'
import { ConfinementError } from '../shared/confinement.js'
import { RespError, type RespConnection, type RespReply } from './resp.js'
import type { Figures, RestoreMode } from '../types.js'

/**
 * Redis function libraries (`FUNCTION LOAD`, Redis 7) live in the RDB beside the keys, but MIGRATE
 * copies keys only: they are copied with FUNCTION DUMP from the throwaway server and FUNCTION
 * RESTORE into the target (APPEND under restore-mode empty, REPLACE under clean), before any key,
 * then their code is compared. Where the target cannot take them (older than 7, FUNCTION refused
 * by its ACL or its service), the restore fails before any key is copied, naming them, unless the
 * user accepts restoring without them.
 */

const ACCEPT_INPUT = RestoreInputs.AcceptUnrestoredRedisFunctions

/** Each library's name and code, from `FUNCTION LIST WITHCODE`. */
export async function libraries(connection: RespConnection): Promise<Map<string, Buffer>> {
  const listed = (await connection.command('FUNCTION', 'LIST', 'WITHCODE')) as RespReply[][]
  const code = new Map<string, Buffer>()
  for (const library of listed) {
    const fields = new Map<string, RespReply>()
    for (let index = 0; index + 1 < library.length; index += 2) fields.set(String(library[index]), library[index + 1])
    code.set(String(fields.get('library_name')), fields.get('library_code') as Buffer)
  }
  return code
}

/** `FUNCTION LIST` of a server that has no functions (older than 7): an empty list. */
export async function librariesOrNone(connection: RespConnection): Promise<Map<string, Buffer>> {
  return libraries(connection).catch((error: unknown) => {
    if (error instanceof RespError && /unknown command|unknown subcommand/i.test(error.message)) return new Map<string, Buffer>()
    throw error
  })
}

/**
 * Copies the backup's function libraries into the target, or says why it cannot. Called before
 * any key is copied: a refusal leaves the target untouched.
 */
export async function restoreFunctions(source: RespConnection, target: RespConnection, mode: RestoreMode, accept: boolean): Promise<Figures> {
  const backup = await librariesOrNone(source)
  if (backup.size === 0) return { functions: 'none in the backup' }
  const names = [...backup.keys()].sort()
  const cannot = (reason: string): Figures => {
    const what = `the backup holds ${names.length} Redis function librar${names.length === 1 ? 'y' : 'ies'} (${names.join(', ')}) that cannot be restored into the target: ${reason}`
    if (!accept) throw new Error(`${what}; nothing was restored (restore into a Redis 7 target that allows FUNCTION, or set ${ACCEPT_INPUT}: true to restore the keys without them)`)
    core.warning(`${what}; the keys are restored without them (${ACCEPT_INPUT}: true)`)
    return { 'functions not restored': `${names.join(', ')} (${reason}; ${ACCEPT_INPUT}: true)` }
  }
  let present: Map<string, Buffer>
  try {
    present = await libraries(target)
  } catch (error) {
    return cannot(`FUNCTION LIST was refused (${errorMessage(error)})`)
  }
  const clashing = names.filter((name) => present.has(name))
  if (mode === 'empty' && clashing.length > 0) {
    throw new ConfinementError(
      `restore-mode is empty, but the target already holds the function librar${clashing.length === 1 ? 'y' : 'ies'} ${clashing.join(', ')} of the backup: nothing was restored ` +
        '(set restore-mode: clean to replace them)'
    )
  }
  const payload = (await source.command('FUNCTION', 'DUMP')) as Buffer
  try {
    await target.command('FUNCTION', 'RESTORE', payload, mode === 'clean' ? 'REPLACE' : 'APPEND')
  } catch (error) {
    return cannot(`FUNCTION RESTORE was refused (${errorMessage(error)})`)
  }
  const restored = await libraries(target)
  const differing = names.filter((name) => !restored.get(name)?.equals(backup.get(name) as Buffer))
  if (differing.length > 0) throw new Error(`the target's function libraries ${differing.join(', ')} differ from the backup's after FUNCTION RESTORE`)
  return { functions: `${names.length} librar${names.length === 1 ? 'y' : 'ies'} restored (${names.join(', ')}; FUNCTION RESTORE ${mode === 'clean' ? 'REPLACE' : 'APPEND'}), code compared, equal` }
}

/** At restore-check: the libraries of the RDB must be the server's, code for code. */
export async function compareFunctions(loaded: RespConnection, server: RespConnection): Promise<string[]> {
  const [backup, live] = await Promise.all([librariesOrNone(loaded), librariesOrNone(server)])
  const names = [...new Set([...backup.keys(), ...live.keys()])].sort()
  return names
    .filter((name) => !(backup.get(name) && live.get(name)?.equals(backup.get(name) as Buffer)))
    .map((name) => `function library ${name}: ${!backup.has(name) ? 'not in the RDB' : !live.has(name) ? 'not on the server' : 'its code differs'}`)
}
