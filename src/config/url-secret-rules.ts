import type { UrlSecretRules } from '../util/url-secrets.js'

/**
 * Which parts of each URL input are secret (src/util/url-secrets.ts reads them out), and what a
 * user-info without ":" means, in one place for the parser and for the masking before it runs.
 */

/**
 * `redis://x@host` (no ":"): redis-cli, the client this action runs, reads x as the password
 * (`redis://:pw@host` likewise, `redis://user:pw@host` as an ACL user and its password). Every
 * other client reads a lone user-info as the user name.
 */
export function loneUserinfoIsPassword(url: string): boolean {
  return /^rediss?:\/\//i.test(url.trim())
}

/** db-url: the password always; the user name when it looks like a key (an account name is shown by design); the database path is no secret. */
export function databaseUrlSecrets(url: string): UrlSecretRules {
  return { loneUserinfo: loneUserinfoIsPassword(url) ? 'password' : 'user', userName: 'when-token-like', pathAndQuery: 'secret-keys' }
}

/** A webhook's or a heartbeat's token may be anywhere in its URL: every part that looks like one, every user-info part. */
export const HTTP_URL_SECRETS: UrlSecretRules = { loneUserinfo: 'user', userName: 'always', pathAndQuery: 'tokens' }

/** smtp://user:password@host: both halves are credentials (an SES user is an access key id, a Postmark one a server token). */
export const SMTP_URL_SECRETS: UrlSecretRules = { loneUserinfo: 'user', userName: 'always', pathAndQuery: 'secret-keys' }
