import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import type { Compression, CompressionName, DatabaseConfig, EncryptionConfig } from '../config/types.js'
import { requireTool } from '../tools/find.js'
import { compressionOfName, storedBytes } from '../util/compression.js'
import { captureDump, decoded } from '../util/dump-stream.js'
import { describeFailure, runTool } from '../util/process.js'
import { conninfo, passwordEnv } from './postgresql-connection.js'
import { psql } from './postgresql-restore-check.js'
import { plainFile } from './restore-input.js'
import type { Figures } from './types.js'

/**
 * A PostgreSQL server's roles, tablespaces and role settings (`pg_dumpall --globals-only`), which
 * no pg_dump of one database carries: stored beside the dump (include-globals) and applied before
 * it on restore (restore-globals).
 */

const HEADER = '--\n-- PostgreSQL database cluster dump\n--\n'
const TRAILER = '-- PostgreSQL database cluster dump complete'
/** What pg_dumpall says when the user may not read pg_authid, where the passwords are (managed services). */
const NO_PASSWORDS_READABLE = /permission denied for (table|relation) pg_authid/

export interface GlobalsDump {
  file: string
  sha256: string
  sizeBytes: number
  /** Dumped with --no-role-passwords, because the server refused to show them. */
  withoutPasswords: boolean
  figures: Figures
}

/** The roles pg_dumpall creates, from the text of a globals script. */
function createdRoles(script: string): string[] {
  return [...script.matchAll(/^CREATE ROLE ("(?:[^"]|"")+"|[^\s;]+);$/gm)].map((match) => match[1])
}

/** Reads a stored globals script through: it must be pg_dumpall's, whole (header to trailer). */
async function readGlobals(stored: Readable, compression: CompressionName): Promise<Figures> {
  const chunks: Buffer[] = []
  for await (const chunk of decoded(stored, compression)) chunks.push(chunk as Buffer)
  const script = Buffer.concat(chunks).toString('utf8')
  if (!script.startsWith(HEADER)) throw new Error('the globals object does not start with the header of a pg_dumpall script')
  if (!script.trimEnd().endsWith(`${TRAILER}\n--`)) throw new Error(`the globals object does not end with "${TRAILER}": the script is cut short`)
  const roles = createdRoles(script)
  if (roles.length === 0) throw new Error('the globals object creates no role: even the user that made it should be there')
  return { 'globals roles': roles.length }
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
  if (capture.dump.exitCode !== 0 || capture.dump.timedOut) throw new Error(describeFailure('pg_dumpall --globals-only', capture.dump, timeoutMs))
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

/**
 * The statements of a pg_dumpall script: split at ";" outside quotes; a psql meta-command
 * (`\restrict`, `\connect`) is the rest of its line. Comments and blank lines are dropped.
 */
export function scriptStatements(script: string): string[] {
  const statements: string[] = []
  let current = ''
  let quote = ''
  for (let i = 0; i < script.length; i++) {
    const char = script[i]
    if (!quote && current.trim() === '') {
      const lineEnd = script.indexOf('\n', i) === -1 ? script.length : script.indexOf('\n', i)
      if (char === '\\' || script.startsWith('--', i)) {
        if (char === '\\') statements.push(script.slice(i, lineEnd))
        current = ''
        i = lineEnd
        continue
      }
    }
    current += char
    if (quote) {
      if (char === quote) quote = ''
    } else if (char === "'" || char === '"') quote = char
    else if (char === ';') {
      statements.push(current.trim())
      current = ''
    }
  }
  if (current.trim()) statements.push(current.trim())
  return statements
}

/** A role name as pg_dumpall writes it (quote_ident), read back. */
function roleName(written: string): string {
  return written.startsWith('"') ? written.slice(1, -1).replace(/""/g, '"') : written
}

const ROLE_STATEMENT = /^(?:CREATE ROLE|ALTER ROLE|COMMENT ON ROLE) ("(?:[^"]|"")+"|[^\s;]+)/

/**
 * The globals script without the statements about roles the target already has: they are not
 * created again, and not altered either, so the target's own roles (the connecting one among
 * them) keep their attributes and passwords.
 */
export function withoutExistingRoles(script: string, existing: Set<string>): { script: string; created: string[]; skipped: string[] } {
  const kept: string[] = []
  const created: string[] = []
  const skipped = new Set<string>()
  for (const statement of scriptStatements(script)) {
    const role = ROLE_STATEMENT.exec(statement)
    const name = role ? roleName(role[1]) : undefined
    if (name !== undefined && existing.has(name)) {
      skipped.add(name)
      continue
    }
    if (name !== undefined && statement.startsWith('CREATE ROLE')) created.push(name)
    kept.push(statement)
  }
  return { script: `${kept.join('\n')}\n`, created, skipped: [...skipped] }
}

/**
 * Applies a stored globals script to the target server before its database is restored: roles
 * that exist are skipped (not created, not altered); anything else that fails stops it.
 */
export async function applyGlobals(database: DatabaseConfig, file: string, workDir: string, timeoutMs: number): Promise<Figures> {
  const script = await readFile(await plainFile(file, join(workDir, 'globals.sql')), 'utf8')
  const existing = new Set((await psql(database, 'SELECT rolname FROM pg_roles', timeoutMs)).split('\n').filter(Boolean))
  const filtered = withoutExistingRoles(script, existing)
  const scriptFile = join(workDir, 'globals-to-apply.sql')
  await writeFile(scriptFile, filtered.script, { mode: 0o600 })
  const psqlPath = await requireTool('psql', 'install the PostgreSQL client (psql)')
  const result = await runTool({
    command: psqlPath,
    args: ['--no-psqlrc', '--no-password', '--quiet', '--set=ON_ERROR_STOP=1', `--file=${scriptFile}`, `--dbname=${conninfo(database)}`],
    env: passwordEnv(database),
    timeoutMs
  })
  if (result.exitCode !== 0 || result.timedOut) throw new Error(describeFailure('psql applying the globals', result, timeoutMs))
  return {
    'roles created': filtered.created.length,
    'roles that existed (left as they are)': filtered.skipped.length
  }
}
