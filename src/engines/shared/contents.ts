import type { ContentCheck, Contents, Digests, Restorer } from '../types.js'

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
    if (!countMatches(count, got, atLeast)) differences.push(`${name}: ${count} ${units.object} in the backup, ${got === undefined ? `no such ${units.holder}` : `${got}`} in the target`)
  }
  return differences
}

/** Whether a holder of the target holds the archive's count of objects (at least that many, where holders are shared). */
export function countMatches(count: number, got: number | undefined, atLeast: boolean): boolean {
  return got !== undefined && (atLeast ? got >= count : got === count)
}

/** The holders of the archive whose count the target does not hold: those contentDifferences names, whose digests need no comparing. */
export function countMismatches(archive: Contents, target: Contents, atLeast = false): Set<string> {
  return new Set([...archive].filter(([holder, count]) => !countMatches(count, target.get(holder), atLeast)).map(([holder]) => holder))
}

/** The first few differences, for an error message. */
export function differencesText(differences: string[]): string {
  return `${differences.slice(0, NAMED).join('; ')}${differences.length > NAMED ? `; and ${differences.length - NAMED} more` : ''}`
}

/**
 * Each holder of the archive whose content digest the target does not match, with the first
 * differing object where the engine can name it. Holders whose counts already differ are
 * reported by contentDifferences and left out here.
 */
export async function digestDifferences(check: Pick<ContentCheck, 'archive' | 'firstDifference'>, target: Digests, units: Restorer['units'], skip: ReadonlySet<string> = new Set()): Promise<string[]> {
  const differences: string[] = []
  for (const [holder, digest] of check.archive) {
    if (skip.has(holder) || target.get(holder) === digest) continue
    // Named for the first few only: telling which object differs may read the holder again.
    const first = differences.length < NAMED ? await check.firstDifference?.(holder) : undefined
    differences.push(`${holder}: the ${units.object} differ in content${first ? ` (first difference: ${first})` : ''}`)
  }
  return differences
}

/** What a check compared, for the figures: `content digests: 23 tables, 65685 rows, equal`. */
export function comparedText(archive: Contents, units: Restorer['units'], digests: boolean): string {
  const objects = [...archive.values()].reduce((sum, count) => sum + count, 0)
  const holders = `${archive.size} ${units.holder}${archive.size === 1 ? '' : 's'}, ${objects} ${units.object}`
  return digests ? `content digests: ${holders}, equal` : `counts: ${holders}, equal (content digests not compared: see the restore's figures)`
}
