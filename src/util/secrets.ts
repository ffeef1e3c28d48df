import * as core from '@actions/core'

/**
 * Every secret the run knows of, so that any text leaving the action (logs, errors, the audit
 * record, notifications) can be scrubbed, not only what the runner's log masking catches.
 */
const secrets = new Set<string>()

/** Masks a secret as given, trimmed (as a URL parser reads it) and percent-encoded (as a URL shows it). */
export function registerSecret(value: string | undefined): void {
  if (!value) return
  for (const form of new Set([value, value.trim(), encodeURIComponent(value)])) {
    if (form.length < 3 || secrets.has(form)) continue
    secrets.add(form)
    core.setSecret(form)
  }
}

export function redact(text: string): string {
  let out = text
  // Longest first, so that a secret containing another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('***')
  }
  return out
}

/**
 * A copy of a report (or any JSON-like value) with every string redacted: the second wall behind
 * the care taken where each value is made, for everything that leaves the run as a whole.
 */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) return value.map((item) => redactDeep(item)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item)])) as T
  }
  return value
}

/** For tests: forget what an earlier run registered. */
export function clearSecrets(): void {
  secrets.clear()
}
