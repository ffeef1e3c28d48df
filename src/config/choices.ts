import { z } from 'zod'

/**
 * Enumerated inputs: the common other names of a value are read as it (and the run says which
 * value it used), and a value that is neither gets a "did you mean" when one is close.
 */

/** What people write for a database type, and the type it is. */
export const DB_TYPE_ALIASES: Record<string, string> = {
  postgres: 'postgresql',
  pg: 'postgresql',
  pgsql: 'postgresql',
  psql: 'postgresql',
  mongo: 'mongodb',
  maria: 'mariadb'
}

/** What people write for a storage type, and the type it is. */
export const STORAGE_TYPE_ALIASES: Record<string, string> = {
  aws: 's3',
  'aws-s3': 's3',
  minio: 's3',
  gcp: 'gcs',
  google: 'gcs',
  'google-cloud-storage': 'gcs',
  gs: 'gcs',
  azure: 'azure-blob',
  'azure-storage': 'azure-blob',
  blob: 'azure-blob',
  file: 'local',
  filesystem: 'local',
  directory: 'local',
  dir: 'local'
}

/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}

/** The value (or alias) closest to `value`, if close enough to be what was meant. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; score: number } | undefined
  for (const candidate of candidates) {
    const score = candidate.startsWith(value) || value.startsWith(candidate) ? 1 : distance(value, candidate)
    if (!best || score < best.score) best = { candidate, score }
  }
  return best && value.length > 0 && best.score <= Math.max(1, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined
}

/** "must be one of a, b, c (did you mean "b"?)" */
export function oneOfMessage(value: string, values: readonly string[], aliases: Record<string, string> = {}): string {
  const near = closest(value, [...values, ...Object.keys(aliases)])
  const meant = near === undefined ? undefined : (aliases[near] ?? near)
  return `must be one of ${values.join(', ')}${meant ? ` (did you mean "${meant}"?)` : ''}`
}

/** The canonical value of `text` (trimmed, any case), or undefined. */
export function canonical<T extends string>(text: string, values: readonly T[], aliases: Record<string, string> = {}): T | undefined {
  const value = text.trim().toLowerCase()
  const found = (values as readonly string[]).includes(value) ? value : aliases[value]
  return found !== undefined && (values as readonly string[]).includes(found) ? (found as T) : undefined
}

/**
 * A zod schema for an enumerated input; `fallback` is used when it is empty ('' keeps it empty,
 * for a value inferred later).
 */
export function choiceInput<T extends string>(values: readonly T[], aliases: Record<string, string> = {}, fallback: T | '' = '') {
  return z.string().transform((text, ctx): T | '' => {
    if (text.trim() === '') return fallback
    const value = canonical(text, values, aliases)
    if (value !== undefined) return value
    ctx.addIssue({ code: 'custom', message: oneOfMessage(text.trim().toLowerCase(), values, aliases) })
    return z.NEVER
  })
}

/** "db-type "postgres" is read as postgresql", when an alias was used. */
export function aliasNotice(input: string, text: string, value: string): string | undefined {
  const written = text.trim()
  return written && written.toLowerCase() !== value ? `${input} "${written}" is read as ${value}` : undefined
}
