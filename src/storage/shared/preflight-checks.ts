import { randomBytes } from 'node:crypto'
import type { PreflightResult } from '../types.js'
import type { ObjectStore } from './cloud-storage.js'

/** The preflight of a cloud storage: the steps every backend takes, worded once. */

/** Runs the cheapest call that proves the credentials and the bucket or container; a failure says they cannot be used. */
export async function checkReachable(store: ObjectStore, probe: () => Promise<unknown>): Promise<void> {
  try {
    await probe()
  } catch (error) {
    throw new Error(`${store.where} cannot be used: ${store.describe(error)}`)
  }
}

/** The key of a write check's probe under the prefix: never a backup's name, nor another run's probe. */
export function probeKey(keyPrefix: string): string {
  return `${keyPrefix}preflight-${randomBytes(4).toString('hex')}`
}

/** A write check that was refused. */
export function writeRefused(store: ObjectStore, keyPrefix: string, cause: string): Error {
  return new Error(`${store.where} cannot be written under ${store.uri(keyPrefix)}*: ${cause}`)
}

/** The checks made, in order, and the write check's warnings. */
export function preflightResult(checks: string[], write: PreflightResult): PreflightResult {
  return { checked: [...checks, write.checked].join('; '), ...(write.warnings ? { warnings: write.warnings } : {}) }
}
