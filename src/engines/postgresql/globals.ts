import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { RestoreInputs } from '../../constants.js'
import type { Compression, CompressionName, DatabaseConfig, EncryptionConfig } from '../../config/types.js'
import { parseClientVersion } from './client.js'
import { requireTool } from '../../tools/find.js'
import { versionParts } from '../../tools/versions.js'
import { compressionOfName, storedBytes } from '../../util/compression.js'
import { captureDump } from '../../util/dump-stream.js'
import { decoded } from '../../util/dump-feed.js'
import { describeFailure, requireSuccess, runTool, toolFailed } from '../../util/process.js'
import { conninfo, passwordEnv } from './connection.js'
import { psql, psqlCommand, requirePsql } from './psql.js'
import { planGlobals } from './globals-plan.js'
import { displayName, quoteLiteral } from './globals-quoting.js'
import { parseGlobalsScript, type GlobalsScript } from './globals-script.js'
import { plainFile } from '../shared/restore-input.js'
import type { Figures, GlobalsDump as GenericGlobalsDump } from '../types.js'

/**
 * A PostgreSQL server's roles, tablespaces and role settings (`pg_dumpall --globals-only`), which
 * no pg_dump of one database carries: stored beside the dump (include-globals) and applied before
 * it on restore (restore-globals).
 */

const HEADER = '--\n-- PostgreSQL database cluster dump\n--\n'
const TRAILER = '-- PostgreSQL database cluster dump complete'
/** What pg_dumpall says when the user may not read pg_authid, where the passwords are (managed services). */
const NO_PASSWORDS_READABLE = /permission denied for (table|relation) pg_authid/

/** The generic globals object (engines/types.ts), before the capability words its warnings. */
export type GlobalsDump = Omit<GenericGlobalsDump, 'warnings'>

/**
 * Reads a stored globals script through: it must be pg_dumpall's, whole (header to trailer), and
 * every statement on the allow-list (globals-script.ts); else it is refused, naming
 * each line, and nothing of it is applied. The backup reads it so too, so that a server whose
 * globals a restore could not apply is known the night it is backed up, not on the day it is needed.
 */
function parseStoredGlobals(script: string): GlobalsScript {
  if (!script.startsWith(HEADER)) throw new Error('the globals object does not start with the header of a pg_dumpall script')
  if (!script.trimEnd().endsWith(`${TRAILER}\n--`)) throw new Error(`the globals object does not end with "${TRAILER}": the script is cut short`)
  const parsed = parseGlobalsScript(script)
  if (parsed.created.length === 0) throw new Error('the globals object creates no role: even the user that made it should be there')
  return parsed
}

async function readGlobals(stored: Readable, compression: CompressionName): Promise<Figures> {
  const chunks: Buffer[] = []
  for await (const chunk of decoded(stored, compression)) chunks.push(chunk as Buffer)
  // latin1: one character per byte, so names and passwords in any server encoding pass through unchanged.
  const parsed = parseStoredGlobals(Buffer.concat(chunks).toString('latin1'))
  return {
    'globals roles': parsed.created.length,
    ...(parsed.notApplied.length > 0 ? { 'globals a restore does not apply': parsed.notApplied.map((entry) => entry.what).join('; ') } : {})
  }
}

/**
 * pg_dumpall --globals-only into `file`, compressed as the dump is, read through as it is written.
 * Where the server refuses to show role passwords (a user that is not superuser cannot read
 * pg_authid: managed services), dumps again without them and says so.
 */
export async function dumpGlobals(database: DatabaseConfig, file: string, compression: Compression, timeoutMs: number, encryption?: EncryptionConfig): Promise<GlobalsDump> {
  const pgDumpall = await requireTool('pg_dumpall', 'install the PostgreSQL client (pg_dumpall ships with pg_dump)')
  const attempt = (withoutPasswords: boolean) =>
    captureDump({
      dump: {
        command: pgDumpall,
        // --database: the first connection goes to the database being backed up, which this user can reach.
        args: ['--globals-only', ...(withoutPasswords ? ['--no-role-passwords'] : []), '--no-password', `--database=${database.name}`, `--dbname=${conninfo(database)}`],
        env: passwordEnv(database),
        timeoutMs
      },
      compression,
      file,
      check: (stored) => readGlobals(stored, compression.name),
      encryption
    })
  let withoutPasswords = false
  let capture = await attempt(false)
  if (capture.dump.exitCode !== 0 && NO_PASSWORDS_READABLE.test(capture.dump.stderr)) {
    withoutPasswords = true
    capture = await attempt(true)
  }
  requireSuccess('pg_dumpall --globals-only', capture.dump, timeoutMs)
  if ('error' in capture.readThrough) throw new Error(capture.readThrough.error)
  return {
    file,
    sha256: capture.sha256,
    sizeBytes: capture.sizeBytes,
    withoutPasswords,
    figures: { ...capture.readThrough.figures, 'role passwords': withoutPasswords ? 'not included (the server refuses to show them to this user)' : 'included' }
  }
}

/** verify-integrity of a stored globals object: the whole script read again. */
export function verifyGlobals(file: string): Promise<Figures> {
  return readGlobals(storedBytes(file), compressionOfName(file))
}

/** psql refuses every meta-command after `\restrict <key>` from these releases on (CVE-2025-8714): 13.22, 14.19, 15.14, 16.10, 17.6, 18. */
const RESTRICT_SINCE: Record<number, number> = { 13: 22, 14: 19, 15: 14, 16: 10, 17: 6 }

export function psqlRestricts(version: string): boolean {
  const [major, minor = 0] = versionParts(version)
  return major >= 18 || (RESTRICT_SINCE[major] !== undefined && minor >= RESTRICT_SINCE[major])
}

/**
 * The target's role names, as bytes in the encoding the script's statements are read in (its
 * client_encoding, else the session's), so that they compare with the script's names byte for byte.
 */
async function targetRoles(database: DatabaseConfig, encoding: string | undefined, timeoutMs: number): Promise<Set<string>> {
  const as = encoding === undefined ? "current_setting('client_encoding')" : quoteLiteral(encoding)
  const output = await psql(database, `SELECT encode(convert_to(rolname, ${as}), 'hex') FROM pg_roles`, timeoutMs)
  return new Set(output.split('\n').filter(Boolean).map((hex) => Buffer.from(hex.trim(), 'hex').toString('latin1')))
}

export interface GlobalsOptions {
  /** restore-globals-existing-role-grants: also grant the memberships with roles the target already has. */
  grantsWithExistingRoles: boolean
}

/**
 * Applies a stored globals script to the target server before its database is restored. The
 * script was parsed against the allow-list; what runs is written here from its parts: roles the
 * target has are left as they are (not created, not altered), memberships with them are granted
 * only with the opt-in, and all of it runs in one transaction, so a failure leaves no role behind.
 *
 * psql runs it, as it runs the other restores, with two walls against a meta-command: none can be
 * in the text (every statement is written by the action, names and literals quoted here, and
 * psql's lexer reads them as SQL whatever their bytes), and where psql knows `\restrict`, the
 * first line turns every meta-command off (a random key, never written elsewhere), so that a flaw
 * in the first wall still reaches no shell. An older psql has only the first wall; it is said so.
 */
export async function applyGlobals(database: DatabaseConfig, file: string, workDir: string, timeoutMs: number, options: GlobalsOptions): Promise<Figures> {
  const script = parseStoredGlobals(await readFile(await plainFile(file, join(workDir, 'globals.sql')), 'latin1'))
  const plan = planGlobals(script, await targetRoles(database, script.encoding, timeoutMs), options.grantsWithExistingRoles)
  if (plan.notGranted.length > 0) {
    core.warning(
      `role memberships of the globals not granted: ${plan.notGranted.join('; ')}` +
        (options.grantsWithExistingRoles ? '' : ` (set ${RestoreInputs.RestoreGlobalsExistingRoleGrants}: true to grant those with roles the target already has)`),
      { title: 'Role memberships not granted' }
    )
  }
  if (script.notApplied.length > 0) {
    core.warning(`not applied from the globals (create them on the target if the database needs them): ${script.notApplied.map((entry) => `line ${entry.line}: ${entry.what}`).join('; ')}`, {
      title: 'Globals not applied'
    })
  }
  const psqlPath = await requirePsql()
  const versionRun = await runTool({ command: psqlPath, args: ['--version'] })
  requireSuccess(`${psqlPath} --version`, versionRun)
  const version = parseClientVersion(versionRun.stdout)
  const restricted = psqlRestricts(version)
  const lines = [...(restricted ? [`\\restrict ${randomBytes(32).toString('hex')}`] : []), ...plan.settings, 'BEGIN;', ...plan.statements, 'COMMIT;']
  const scriptFile = join(workDir, 'globals-to-apply.sql')
  await writeFile(scriptFile, `${lines.join('\n')}\n`, { encoding: 'latin1', mode: 0o600 })
  const result = await runTool(
    // VERBOSITY=terse: an error names the line of the script, without quoting the statement (a password hash may be in it).
    psqlCommand(psqlPath, database, ['--quiet', '--set=ON_ERROR_STOP=1', '--set=VERBOSITY=terse', `--file=${scriptFile}`], { timeoutMs })
  )
  if (toolFailed(result)) throw new Error(`${describeFailure('psql applying the globals', result, timeoutMs)}; no role was created (one transaction)`)
  const names = (roles: string[]) => roles.map(displayName).join(', ')
  return {
    'roles created': plan.created.length,
    'roles that existed (left as they are)': plan.existed.length,
    ...(plan.existed.length > 0 ? { 'roles left as they are (the target has them)': names([...plan.existed].sort()) } : {}),
    'role memberships granted': plan.granted.length,
    ...(plan.grantedWithExisting.length > 0 ? { [`role memberships with roles the target had, granted (${RestoreInputs.RestoreGlobalsExistingRoleGrants})`]: plan.grantedWithExisting.join('; ') } : {}),
    ...(plan.notGranted.length > 0 ? { 'role memberships not granted': plan.notGranted.join('; ') } : {}),
    ...(script.notApplied.length > 0 ? { 'globals not applied': script.notApplied.map((entry) => entry.what).join('; ') } : {}),
    'psql meta-commands': restricted ? 'all refused (\\restrict)' : `psql ${version} has no \\restrict: the statements written by the action hold none`
  }
}
