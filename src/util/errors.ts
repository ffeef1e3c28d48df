import { redact } from './secrets.js'

/**
 * Message of anything thrown, with every known secret removed. Duck-typed: an error made in
 * another realm (a vm context, as under jest) is not `instanceof Error` here.
 */
export function errorMessage(error: unknown): string {
  const text =
    typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
      ? (error as { message: string }).message
      : String(error)
  return redact(text)
}
