import { redact } from './secrets.js'

/** Message of anything thrown, with every known secret removed. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return redact(text)
}
