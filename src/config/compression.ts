import { z } from 'zod'
import { closest } from './choices.js'
import { compressionNames, type Compression, type CompressionName } from './types.js'

/**
 * The `compression` input: `zstd` (the default), `gzip` or `none`, with an optional level after a
 * colon (`zstd:3`, `gzip:9`). zstd's default level 1 is the benchmark's choice (bench/RESULTS.md):
 * on a realistic dump it was faster than level 3 and no larger; gzip's 6 is what gzip and pg_dump
 * default to.
 */
const LEVELS: Record<CompressionName, { min: number; max: number; default: number }> = {
  zstd: { min: 1, max: 19, default: 1 },
  gzip: { min: 1, max: 9, default: 6 },
  none: { min: 0, max: 0, default: 0 }
}

/** The compression a text names, or what is wrong with it. */
export function parseCompression(text: string): Compression | string {
  const match = /^([a-z]+)(?::(\d+))?$/.exec(text)
  const name = match?.[1] as CompressionName | undefined
  if (!match || !name || !compressionNames.includes(name)) {
    const written = text.split(':')[0]
    const near = (compressionNames as readonly string[]).includes(written) ? undefined : closest(written, compressionNames)
    return `must be one of ${compressionNames.join(', ')}, optionally with a level (zstd:3, gzip:6)${near ? ` (did you mean "${near}"?)` : ''}`
  }
  const range = LEVELS[name]
  if (match[2] === undefined) return { name, level: range.default }
  if (name === 'none') return 'none takes no level'
  const level = Number(match[2])
  if (level < range.min || level > range.max) return `the ${name} level must be ${range.min}-${range.max}`
  return { name, level }
}

export const compressionInput = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value, context) => {
    const parsed = parseCompression(value || 'zstd')
    if (typeof parsed === 'string') {
      context.addIssue({ code: 'custom', message: parsed })
      return z.NEVER
    }
    return parsed
  })
