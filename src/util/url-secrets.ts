/**
 * The secret parts of a URL, each on its own. The runner masks a registered value only where it
 * appears whole, and so does redact(): a URL registered whole leaves its token in clear wherever
 * the token shows without the rest of the URL, as in a receiver's `404 Cannot POST /hooks/<token>`
 * or a server's "password authentication failed for user <what was typed as the user>".
 */

/**
 * A path segment or query value shorter than this is not taken for a token: `api`, `v1`, `T0`,
 * `sv=1.0`. A registered value is masked in every later line of the whole job's log, so masking
 * short strings would blank them out everywhere (every "1.0", every "v1"); and a token this short
 * would not keep anybody out anyway.
 */
export const MIN_TOKEN_LENGTH = 6

/**
 * A plain word, or plain words joined by "-", "_" or ".": `services`, `webhooks`, `workflows`,
 * `triggers`, `invoke`, `heartbeat`, a healthchecks.io slug (`nightly-backup`). Every token a
 * service generates has a digit or a capital in it (Slack, Discord, Teams, healthchecks.io UUIDs
 * and ping keys, Better Stack, Uptime Kuma, `openssl rand`), the words around it have none. Masking
 * a word instead would blank it from every line of the job (a slug `backup` would turn
 * "Database backup SUCCESS" and every backup URI into `***`).
 */
const PLAIN_WORDS = /^[a-z]+(?:[-_.][a-z]+)*$/

/** Query keys of a webhook whose value is a secret whatever it looks like (Teams' `sig`, Azure Functions' `code`, `token=`, `api_key=`). */
const SECRET_KEY = /sig|token|secret|key|pass|pwd|auth|code|cred/i
/**
 * Query keys of a db-url whose value is a secret (MongoDB's `tlsCertificateKeyFilePassword`): narrower,
 * as a database URL's other parameters are settings the run shows (`authSource=admin`, `sslkey=<path>`).
 */
const DATABASE_SECRET_KEY = /pass|pwd|secret|token/i

/** Whether a path segment or query value (percent-decoded) could be a token: long enough, and not plain words. */
export function looksLikeToken(part: string): boolean {
  return part.length >= MIN_TOKEN_LENGTH && !PLAIN_WORDS.test(part)
}

export interface UrlSecretRules {
  /**
   * What a user-info without ":" is (`scheme://x@host`): the password for Redis (redis-cli reads
   * `redis://x@host` so), the user name for every other client.
   */
  loneUserinfo: 'user' | 'password'
  /**
   * `always` where every user-info part is a credential (smtp-url, webhooks); `when-token-like`
   * for a database account (`postgres`, `backup`, `root`): a name the run shows by design, masked
   * only when it looks like a key, as a password typed in the user's place does.
   */
  userName: 'always' | 'when-token-like'
  /**
   * `tokens` for a URL whose path and query carry the receiver's token (webhooks, heartbeats): every
   * segment and value that looks like a token, and every value of a secret-sounding key. `secret-keys`
   * for a URL whose path names a database (db-url): only the values of keys that name a password or token.
   */
  pathAndQuery: 'tokens' | 'secret-keys'
}

function decoded(part: string, plusIsSpace = false): string {
  try {
    return decodeURIComponent(plusIsSpace ? part.replace(/\+/g, ' ') : part)
  } catch {
    // Not valid percent-encoding: the part as written is all there is.
    return part
  }
}

/** `scheme://authority path ?query #fragment`, read by pattern: a MongoDB seed list or a URL no parser takes (a misspelt scheme) has its secrets too. */
const URL_PARTS = /^[^:/?#]+:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/s

/**
 * Every secret part of `text`, as written and percent-decoded (and, for a URL a parser takes,
 * as the parser writes it: that is what a request sends and a receiver quotes back). The whole
 * URL is not among them: the caller registers it as well.
 */
export function urlSecretParts(text: string, rules: UrlSecretRules): string[] {
  const value = text.trim()
  const match = URL_PARTS.exec(value)
  if (!match) return []
  const parts: string[] = []
  const add = (raw: string, plusIsSpace = false): void => {
    if (raw) parts.push(raw, decoded(raw, plusIsSpace))
  }

  // The user-info ends at the LAST "@" of the authority, as a URL parser reads it: a raw "@" stays in the password.
  const authority = match[1]
  const at = authority.lastIndexOf('@')
  if (at >= 0) {
    const userinfo = authority.slice(0, at)
    const colon = userinfo.indexOf(':')
    const user = colon >= 0 ? userinfo.slice(0, colon) : rules.loneUserinfo === 'user' ? userinfo : ''
    const password = colon >= 0 ? userinfo.slice(colon + 1) : rules.loneUserinfo === 'password' ? userinfo : ''
    add(password)
    if (user && (rules.userName === 'always' || looksLikeToken(decoded(user)))) add(user)
  }

  const segments = [match[2]]
  const queries = [match[3] ?? '']
  if (URL.canParse(value)) {
    const url = new URL(value)
    segments.push(url.pathname)
    queries.push(url.search.slice(1))
  }
  if (rules.pathAndQuery === 'tokens') {
    for (const segment of segments.flatMap((path) => path.split('/'))) {
      if (looksLikeToken(decoded(segment))) add(segment)
    }
  }
  for (const pair of queries.flatMap((query) => query.split('&'))) {
    const equals = pair.indexOf('=')
    if (equals < 0) continue
    const key = decoded(pair.slice(0, equals), true)
    const raw = pair.slice(equals + 1)
    const secret = rules.pathAndQuery === 'tokens' ? SECRET_KEY.test(key) || looksLikeToken(decoded(raw, true)) : DATABASE_SECRET_KEY.test(key)
    if (secret) add(raw, true)
  }
  return [...new Set(parts)]
}
