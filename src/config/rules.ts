import { CONTROL } from './http-url.js'
import { z } from 'zod'

const MAX_PATH = 4096

/** A directory input: not option-like, no control characters, no ".." (where it lands must be plain to read). */
export const directoryText = z
  .string()
  .trim()
  .refine((v) => v.length <= MAX_PATH, `must be at most ${MAX_PATH} characters`)
  .refine((v) => !CONTROL.test(v), 'must not contain control characters (newlines, tabs)')
  .refine((v) => !v.startsWith('-'), 'must not start with "-"')
  .refine((v) => !v.split('/').includes('..'), 'must not contain ".." segments')
