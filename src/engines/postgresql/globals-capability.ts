import type { Globals } from '../types.js'
import { applyGlobals, dumpGlobals, verifyGlobals } from './globals.js'

/** PostgreSQL's globals through the Engine plugin's capability: pg_dumpall's roles beside each dump. */
export const postgresqlGlobals: Globals = {
  description: 'pg_dumpall --globals-only beside each dump',
  async dump(database, file, compression, timeoutMs, encryption) {
    const globals = await dumpGlobals(database, file, compression, timeoutMs, encryption)
    const warnings = globals.withoutPasswords
      ? [
          `include-globals: the roles are stored without their passwords (--no-role-passwords): the server refuses to show them to ${database.user || 'this user'} ` +
            '(reading pg_authid needs superuser, which managed services do not grant); roles restored from this backup need a password set'
        ]
      : []
    return { ...globals, warnings }
  },
  verify: verifyGlobals,
  apply: applyGlobals
}
