import { z } from 'zod'

const WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false, on: true, off: false }

/** A boolean input that may also be one word more (restore-check: true, false or source). */
export function booleanOrWord<T extends string>(word: T) {
  return z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === '' || value === word || value in WORDS, `must be true, false or ${word} (yes/no, on/off and 1/0 are read too)`)
    .transform((value): boolean | T => (value === word ? word : value === '' ? false : WORDS[value]))
}

/** The one reading of every boolean input: true/false, yes/no, on/off, 1/0 in any case; empty is `fallback`. */
export function booleanInput(fallback = false) {
  return z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === '' || value in WORDS, 'must be true or false (yes/no, on/off and 1/0 are read too)')
    .transform((value) => (value === '' ? fallback : WORDS[value]))
}
