import * as core from '@actions/core'
import type { DatabaseConfig } from '../../config/types.js'
import { RestoreInputs } from '../../constants.js'
import { errorMessage } from '../../util/errors.js'
import type { Figures } from '../types.js'
import { query } from './client-session.js'
import { definerExists, definerText, MAX_DEFINERS, objectCount, usesText, type Account, type DefinerUse, type DefinerUses } from './definers.js'

/**
 * What a restore does with objects whose DEFINER the server lacks: `refuse` (the restore action),
 * `accept` (accept-missing-definers: restored, named in a warning and the figures), `report`
 * (restore-check, whose server is the backup's own: the objects fail on use there already, and
 * failing the backup for it would leave no backup at all).
 */
export type DefinerPolicy = 'refuse' | 'accept' | 'report'

/** The server's accounts and roles that the definers name, or why they cannot be read. */
interface ServerAccounts {
  accounts: Account[]
  mariadb: boolean
  /** mysql.user was refused: only the session's own account is known. */
  unreadable?: string
}

/** Error numbers of a refused read: no privilege on the table, the column or the database. */
const DENIED = /\b(?:1142|1143|1044)\b|command denied/i

async function serverAccounts(database: DatabaseConfig, uses: DefinerUse[], workDir: string, timeoutMs: number): Promise<ServerAccounts> {
  const [[version, current]] = await query(database, workDir, 'SELECT VERSION(), CURRENT_USER()', timeoutMs)
  const mariadb = /mariadb/i.test(version)
  // The session's own account exists whatever else the user may read: a dump restored by the user that made it is checked without any privilege.
  const at = current.lastIndexOf('@')
  const own: Account = { user: current.slice(0, at), host: current.slice(at + 1), role: false }
  // Names as hex literals: no quoting that a server's NO_BACKSLASH_ESCAPES could read otherwise.
  const users = [...new Set(uses.map((use) => use.definer.user))].map((user) => `X'${Buffer.from(user).toString('hex')}'`).join(', ')
  try {
    // mysql.user, not SHOW GRANTS: the server runs an object as any account whose host pattern takes the definer's host, SHOW GRANTS finds the exact host only.
    const rows = await query(database, workDir, `SELECT User, Host, ${mariadb ? "is_role = 'Y'" : '0'} FROM mysql.user WHERE User IN (${users})`, timeoutMs)
    return { accounts: [own, ...rows.map(([user, host, role]) => ({ user, host: host ?? '', role: role === '1' }))], mariadb }
  } catch (error) {
    if (!DENIED.test(errorMessage(error))) throw error
    return { accounts: [own], mariadb, unreadable: `user "${database.user}" may not read mysql.user (GRANT SELECT ON mysql.user lets the check see the accounts)` }
  }
}

/**
 * The server creates a view, routine, trigger or event whatever its DEFINER, and the object then
 * fails on use (error 1449) where the account does not exist: so each definer the dump names is
 * looked up among the server's accounts before anything runs, and met as the policy says.
 */
export async function checkDefiners(database: DatabaseConfig, definers: DefinerUses, workDir: string, timeoutMs: number, policy: DefinerPolicy): Promise<Figures> {
  if (definers.empty) return {}
  const uses = definers.list()
  const { accounts, mariadb, unreadable } = await serverAccounts(database, uses, workDir, timeoutMs)
  const absent = uses.filter((use) => !definerExists(use.definer, accounts, mariadb))
  const missing = unreadable ? [] : absent
  const unchecked = unreadable ? absent : []
  const figures: Figures = {}
  const server = policy === 'report' ? 'the server' : 'the target'
  if (missing.length > 0) {
    const count = objectCount(missing)
    const [they, accountsText] = [count === 1 ? 'it' : 'they', missing.length === 1 ? definerText(missing[0].definer) : 'these accounts']
    const what = `${count} object${count === 1 ? '' : 's'} of the backup run${count === 1 ? 's' : ''} as ${missing.length === 1 ? 'a DEFINER' : 'DEFINERs'} that ${server} does not have: ${usesText(missing)}`
    if (policy === 'refuse') {
      throw new Error(
        `${what}; restored, ${they} would fail on use (error 1449: the user specified as a definer does not exist); nothing was restored ` +
          `(create ${accountsText} on the target with CREATE USER, or CREATE ROLE for a role, and run again; or set ${RestoreInputs.AcceptMissingDefiners}: true to restore them as they are)`
      )
    }
    if (policy === 'accept') {
      core.warning(`${what}; restored as they are (${RestoreInputs.AcceptMissingDefiners}: true), ${they} fail on use (error 1449) until ${accountsText} ${missing.length === 1 ? 'is' : 'are'} created on the target`)
      figures['definers missing on the target'] = `${usesText(missing)} (fail on use until created)`
    } else {
      // The dump is as its source is: the check still proves it restores, and the warning says what a restore target will need.
      core.warning(
        `${what}, the server the backup was taken from: ${they} fail on use there already (error 1449), and will on a restore target without ${accountsText} ` +
          `(the restore action refuses them unless ${RestoreInputs.AcceptMissingDefiners}: true)`
      )
      figures['definers missing on the server'] = `${usesText(missing)} (fail on use here already)`
    }
  }
  if (unchecked.length > 0 || definers.unkept > 0) {
    const text = unchecked.length > 0 ? `${unreadable}: ${usesText(unchecked, definers.unkept)}` : `the dump names more than ${MAX_DEFINERS} definers: ${usesText([], definers.unkept)}`
    // At restore-check, on the backup's own server, a backup user without that privilege is the usual case: a figure, not a warning every night.
    if (policy !== 'report') core.warning(`the DEFINERs of the backup's objects were not checked against ${server}: ${text}; an object whose definer is missing fails on use (error 1449)`)
    figures['definers not checked'] = text
  }
  return figures
}
