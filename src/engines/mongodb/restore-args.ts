import { ConfinementError } from '../shared/confinement.js'
import type { RestoreRequest } from '../types.js'

/**
 * mongorestore's command line and its last word: which namespaces it may write (the restore's
 * confinement to its target, the restore-check's scratch databases), and what it says it wrote.
 */

/** System collections (users, roles, versions) are the server's own: neither counted nor compared. */
export function isSystemNamespace(name: string): boolean {
  return /^[^.]+\.system\./.test(name)
}

export function userNamespaces<T>(byNamespace: Map<string, T>): Map<string, T> {
  return new Map([...byNamespace].filter(([name]) => !isSystemNamespace(name)))
}

/**
 * Where the restore-check restores to: every database `<db>` of the archive into `<prefix><db>`
 * (mongorestore's `$var$` patterns; a database name holds no dot), with the listed namespaces left
 * out (the server's users and roles must never be restored by a check).
 */
export interface ScratchRestore {
  prefix: string
  exclude: string[]
}

/** A namespace as mongorestore's --nsExclude reads it: `\` and `*` escaped, the rest literal. */
function excludePattern(namespace: string): string {
  if (namespace.includes('$')) throw new Error(`the archive's namespace ${namespace} cannot be left out of a restore (mongorestore patterns take no "$")`)
  return namespace.replace(/\\/g, '\\\\').replace(/\*/g, '\\*')
}

/**
 * Where a restore may write (mongorestore reads every namespace of an archive and, without a
 * filter, writes each into the database it names): into a target database, only the archive's
 * one database, renamed to the target's; into a whole server, every database but the server's
 * users and roles.
 */
export interface Confinement {
  /** The archive's database: only its namespaces are restored. */
  include?: string
  /** The target database when it has another name than the archive's. */
  renameTo?: string
  /** Namespaces left out. */
  exclude: string[]
}

/** The server's own databases: never written by a restore into one database. */
const SERVER_DATABASES = new Set(['admin', 'local', 'config'])
/** The server's users and roles, which a whole-server mongodump holds and a restore never writes. */
const ACCESS_NAMESPACES = ['admin.system.users', 'admin.system.roles']

/**
 * The confinement of a restore into `target` (db-name; empty: the whole server) of an archive
 * holding `namespaces`, or the namespace that would be written outside it.
 */
export function confine(namespaces: Iterable<string>, target: string): Confinement {
  const names = [...new Set(namespaces)]
  if (!target) return { exclude: ACCESS_NAMESPACES.filter((name) => names.includes(name)) }
  const databases = [...new Set(names.map((name) => name.slice(0, name.indexOf('.'))))]
  const own = databases.includes(target) ? target : databases.find((name) => !SERVER_DATABASES.has(name)) ?? databases[0]
  const outside = names.find((name) => !name.startsWith(`${own}.`) || (SERVER_DATABASES.has(own) && own !== target))
  if (outside) {
    throw new ConfinementError(
      `the backup would act outside the target database "${target}": the archive holds the namespace ${outside}, outside its database ${own}; ` +
        'nothing was restored (a restore touches only its target: restore this backup by hand if it is yours)'
    )
  }
  if (!own) return { exclude: [] }
  return { include: own, ...(own !== target ? { renameTo: target } : {}), exclude: [] }
}

/** What a confinement asks of mongorestore. */
function confinementArgs(confinement: Confinement): string[] {
  const args: string[] = []
  if (confinement.include) {
    const from = excludePattern(confinement.include)
    args.push(`--nsInclude=${from}.*`)
    if (confinement.renameTo) args.push(`--nsFrom=${from}.$collection$`, `--nsTo=${excludePattern(confinement.renameTo)}.$collection$`)
  }
  return [...args, ...confinement.exclude.map((namespace) => `--nsExclude=${excludePattern(namespace)}`)]
}

/** mongorestore's arguments: the archive as a plain file, the password in the --config file. */
export function restoreArgs(configPath: string, archive: string, mode: RestoreRequest['mode'], scratch?: ScratchRestore, confinement?: Confinement): string[] {
  return [
    `--config=${configPath}`,
    `--archive=${archive}`,
    '--stopOnError',
    // clean: each collection of the backup is dropped first; others are not touched.
    ...(mode === 'clean' ? ['--drop'] : []),
    ...(scratch
      ? ['--nsFrom=$db$.$collection$', `--nsTo=${scratch.prefix}$db$.$collection$`, ...scratch.exclude.map((namespace) => `--nsExclude=${excludePattern(namespace)}`)]
      : []),
    ...(confinement ? confinementArgs(confinement) : [])
  ]
}

/** mongorestore's last word on what it wrote: `N document(s) restored successfully. M document(s) failed to restore.` */
export function restoreSummary(stderr: string): { restored: number; failed: number } | undefined {
  const summary = /(\d+) document\(s\) restored successfully\. (\d+) document\(s\) failed to restore\./.exec(stderr)
  return summary ? { restored: Number(summary[1]), failed: Number(summary[2]) } : undefined
}
