import type { Contents, Restorer } from './types.js'

/** Comparing and naming what a database or an archive holds: for the restore and the restore-check. */

/** At most this many of the objects found are named in a message. */
const NAMED = 5

/** The objects of `contents`, a few of them named: `3 tables (public.a, public.b, public.c)`. */
export function describeContents(contents: Contents, holder: string): string {
  const names = [...contents.keys()]
  const shown = names.slice(0, NAMED).join(', ') + (names.length > NAMED ? `, and ${names.length - NAMED} more` : '')
  return `${names.length} ${holder}${names.length === 1 ? '' : 's'} (${shown})`
}

/**
 * Each object of the archive whose count the target does not hold. Where a holder may hold more
 * than the backup's (a Redis database after a clean restore keeps its other keys), the target
 * must hold at least the archive's count.
 */
export function contentDifferences(archive: Contents, target: Contents, units: Restorer['units'], atLeast = false): string[] {
  const differences: string[] = []
  for (const [name, count] of archive) {
    const got = target.get(name)
    const ok = got !== undefined && (atLeast ? got >= count : got === count)
    if (!ok) differences.push(`${name}: ${count} ${units.object} in the backup, ${got === undefined ? `no such ${units.holder}` : `${got}`} in the target`)
  }
  return differences
}

/** The first few differences, for an error message. */
export function differencesText(differences: string[]): string {
  return `${differences.slice(0, NAMED).join('; ')}${differences.length > NAMED ? `; and ${differences.length - NAMED} more` : ''}`
}
