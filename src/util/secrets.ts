import * as core from '@actions/core'

/**
 * Every secret the run knows of, so that any text leaving the action (logs, errors, the audit
 * record, notifications) can be scrubbed, not only what the runner's log masking catches.
 */
const secrets = new Set<string>()

export function registerSecret(value: string | undefined): void {
  if (!value) return
  for (const form of new Set([value, encodeURIComponent(value)])) {
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

/** For tests: forget what an earlier run registered. */
export function clearSecrets(): void {
  secrets.clear()
}
