import { z } from 'zod'

// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f]/
export const MAX_URL = 8192

/** Whether a value is an absolute http:// or https:// URL (webhooks, endpoints, mirrors). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** Every refine of a schema runs, so this one meets values that are no URL at all. */
function hasCredentials(value: string): boolean {
  if (!URL.canParse(value)) return false
  const url = new URL(value)
  return Boolean(url.username || url.password)
}

/**
 * An http(s) URL input, '' when not given: no control characters (URL parsing drops them
 * silently), and no user:password@, which would show wherever the URL does (`why` says what to
 * do instead).
 */
export function httpUrlText(why: string) {
  return z
    .string()
    .trim()
    .refine((value) => value.length <= MAX_URL, `must be at most ${MAX_URL} characters`)
    .refine((value) => !CONTROL.test(value), 'must not contain control characters (newlines, tabs)')
    .refine((value) => value === '' || isHttpUrl(value), 'must be an http:// or https:// URL')
    .refine((value) => value === '' || !hasCredentials(value), `must not contain credentials (user:password@): ${why}`)
}
