import { displayName, quoteIdent } from './globals-quoting.js'
import type { GlobalsScript, Membership } from './globals-script.js'

/** What of a parsed globals script runs on a target, given the roles the target already has. */

export interface GlobalsPlan {
  /** The dump's own session settings, run first (default_transaction_read_only = off must precede the transaction). */
  settings: string[]
  /** The roles' and memberships' statements, written by the action, to run in one transaction. */
  statements: string[]
  created: string[]
  /** Roles the script creates that the target already has: none of their statements is run. */
  existed: string[]
  /** Memberships applied (`role TO member`). */
  granted: string[]
  /** Of those, the ones with a role the target already has (only with the opt-in). */
  grantedWithExisting: string[]
  /** Memberships not applied, each with why. */
  notGranted: string[]
}

function describeGrant(grant: Membership): string {
  return `${displayName(grant.role)} TO ${displayName(grant.member)}`
}

/**
 * What of a parsed script runs on a target that has the roles `existing`: a role the target has
 * is never created again or altered; a membership with such a role (a PostgreSQL role such as
 * pg_read_all_data, or one the target already had) is granted only with `grantsWithExistingRoles`.
 */
export function planGlobals(script: GlobalsScript, existing: Set<string>, grantsWithExistingRoles: boolean): GlobalsPlan {
  const existed = script.created.filter((role) => existing.has(role))
  const isNew = (role: string) => script.created.includes(role) && !existing.has(role)
  const statements = script.roleStatements.filter((statement) => isNew(statement.role)).map((statement) => statement.sql)
  const plan: GlobalsPlan = { settings: script.settings, statements, created: script.created.filter(isNew), existed, granted: [], grantedWithExisting: [], notGranted: [] }
  for (const grant of script.memberships) {
    const roles = [grant.role, grant.member, ...(grant.grantor === undefined ? [] : [grant.grantor])]
    const missing = roles.filter((role) => !isNew(role) && !existing.has(role))
    const withExisting = [grant.role, grant.member].filter((role) => existing.has(role))
    if (missing.length > 0) {
      plan.notGranted.push(`${describeGrant(grant)} (${missing.map(displayName).join(', ')} not on the target)`)
      continue
    }
    if (withExisting.length > 0 && !grantsWithExistingRoles) {
      plan.notGranted.push(`${describeGrant(grant)} (${withExisting.map(displayName).join(', ')} already on the target)`)
      continue
    }
    statements.push(`${grant.sql}${grant.grantor === undefined ? '' : ` GRANTED BY ${quoteIdent(grant.grantor)}`};`)
    plan.granted.push(describeGrant(grant))
    if (withExisting.length > 0) plan.grantedWithExisting.push(describeGrant(grant))
  }
  return plan
}
