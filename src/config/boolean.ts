import { z } from 'zod'

const WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false, on: true, off: false }

/** The one reading of every boolean input: true/false, yes/no, on/off, 1/0 in any case; empty is `fallback`. */
export function booleanInput(fallback = false) {
  return z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === '' || value in WORDS, 'must be true or false (yes/no, on/off and 1/0 are read too)')
    .transform((value) => (value === '' ? fallback : WORDS[value]))
}
