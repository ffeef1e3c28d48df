/**
 * The DEFINERs of a MySQL/MariaDB dump's views, routines, triggers and events. The server creates
 * such an object whatever its DEFINER (a missing account is only a note), and it then fails on
 * use with error 1449: so a restore learns from the dump which accounts its objects run as, and
 * asks the target whether each exists, before anything runs.
 */

/** A DEFINER as the dump names it: `user`@`host`; a MariaDB role has no host (''). */
export interface Definer {
  user: string
  host: string
}

/** An object that runs as its definer: `view`, `procedure`, `function`, `trigger`, `event`, `package`. */
export interface DefinedObject {
  kind: string
  name: string
}

export interface DefinerUse {
  definer: Definer
  /** Every object of the dump with this definer. */
  count: number
  /** The first few of them, to name in a message. */
  objects: DefinedObject[]
}

/**
 * Distinct definers kept: a dump has a handful (often one). A dump that names more has the rest
 * counted, not kept, so that a hostile one cannot grow the reader's memory.
 */
export const MAX_DEFINERS = 100
/** Objects named per definer; the rest are counted. */
export const NAMES_KEPT = 5

/** The definers of a dump, read as it streams past (confinement.ts feeds it). */
export class DefinerUses {
  private readonly uses = new Map<string, DefinerUse>()
  /** Objects whose definer was not kept (more than MAX_DEFINERS distinct ones). */
  unkept = 0

  add(definer: Definer, object: DefinedObject): void {
    const key = `${definer.user}\u0000${definer.host}`
    let use = this.uses.get(key)
    if (!use) {
      if (this.uses.size >= MAX_DEFINERS) {
        this.unkept++
        return
      }
      use = { definer, count: 0, objects: [] }
      this.uses.set(key, use)
    }
    use.count++
    if (use.objects.length < NAMES_KEPT) use.objects.push(object)
  }

  list(): DefinerUse[] {
    return [...this.uses.values()]
  }

  get empty(): boolean {
    return this.uses.size === 0 && this.unkept === 0
  }
}

/** An account or role of the server, as mysql.user lists it. */
export interface Account {
  user: string
  /** A host pattern: `%`, `10.0.%`, `localhost`, `192.168.1.0/255.255.255.0`; '' for a role. */
  host: string
  /** MariaDB's is_role; a MySQL role is an account like any other. */
  role: boolean
}

function ipv4(text: string): number | undefined {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text)
  if (!parts) return undefined
  const bytes = parts.slice(1).map(Number)
  if (bytes.some((byte) => byte > 255)) return undefined
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0
}

/**
 * Whether an account's host pattern takes the definer's host, as the server decides when it runs
 * an object as its definer (compare_hostname in sql_acl.cc): `%` and `_` are wildcards, `\`
 * escapes, letters match in any case, `ip/mask` takes an IPv4 address inside it, and an empty
 * pattern is `%`. So `app`@`localhost` runs as the account `app`@`%`; SHOW GRANTS, which looks an
 * account up by its exact host, would call it missing.
 */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '') return true
  const masked = /^([^/]+)\/([^/]+)$/.exec(pattern)
  if (masked) {
    const [net, mask, address] = [ipv4(masked[1]), ipv4(masked[2]), ipv4(host)]
    if (net !== undefined && mask !== undefined && mask !== 0 && address !== undefined) return ((address & mask) >>> 0) === net
  }
  let source = ''
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at]
    if (char === '\\' && at + 1 < pattern.length) source += escapeRegExp(pattern[++at])
    else if (char === '%') source += '.*'
    else if (char === '_') source += '.'
    else source += escapeRegExp(char)
  }
  return new RegExp(`^${source}$`, 'isu').test(host)
}

function escapeRegExp(char: string): string {
  return char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
}

/**
 * Whether the server runs an object as this definer: a user, matched by name exactly and by host
 * pattern; on MariaDB a definer without a host is a role of that name (acl_getroot).
 */
export function definerExists(definer: Definer, accounts: Account[], mariadb: boolean): boolean {
  if (mariadb && definer.host === '') return accounts.some((account) => account.role && account.user === definer.user)
  return accounts.some((account) => !account.role && account.user === definer.user && hostMatches(account.host, definer.host))
}

/** `'app'@'%'` as the server writes an account in its messages; a role as `'name'`. */
export function definerText({ user, host }: Definer): string {
  const quoted = (text: string): string => `'${text.replace(/'/g, "''")}'`
  return host === '' ? `${quoted(user)} (a role)` : `${quoted(user)}@${quoted(host)}`
}

/** `'app'@'%' (view `v`, trigger `t`, and 3 more)`. */
export function useText(use: DefinerUse): string {
  const named = use.objects.map(({ kind, name }) => `${kind} \`${name}\``)
  const more = use.count - use.objects.length
  return `${definerText(use.definer)} (${named.join(', ')}${more > 0 ? `, and ${more} more` : ''})`
}

/** Each definer with its objects, `; `-separated, and the objects whose definer was not kept. */
export function usesText(uses: DefinerUse[], unkept = 0): string {
  const parts = uses.map(useText)
  if (unkept > 0) parts.push(`${unkept} more object${unkept === 1 ? '' : 's'} of definers past the first ${MAX_DEFINERS}`)
  return parts.join('; ')
}

export function objectCount(uses: DefinerUse[]): number {
  return uses.reduce((sum, use) => sum + use.count, 0)
}
