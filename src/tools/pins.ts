import { z } from 'zod'
import checksums from './checksums.json' with { type: 'json' }

/**
 * The SHA-256 of every client archive this action knows, pinned in its source
 * (`checksums.json`, refreshed from the publishers' own checksum files by
 * scripts/refresh-client-checksums.mjs). A pinned archive is installed only if its bytes match,
 * wherever it was downloaded from; a mirror's own checksum file is never read for it.
 */
const pinSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a three-part version'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
    source: z.string().regex(/^https:\/\/\S+$/, "must be the https URL of the publisher's checksum file or feed"),
    note: z.string().optional()
  })
  .strict()

/** Tool-cache name -> archive file name -> its pin. */
export const pinTableSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*$/),
  z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.(tar\.gz|tgz|tar\.xz|zip)$/, 'must be an archive file name'), pinSchema)
)

export type Pin = z.infer<typeof pinSchema>
export type PinTable = z.infer<typeof pinTableSchema>

/** Parses a pin table; a malformed one is an error naming the entry, never a table with holes. */
export function parsePinTable(value: unknown, where: string): PinTable {
  const parsed = pinTableSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`${where} is malformed at ${issue.path.join(' > ')}: ${issue.message}`)
  }
  for (const [tool, files] of Object.entries(parsed.data)) {
    for (const [file, pin] of Object.entries(files)) {
      if (!file.includes(pin.version)) throw new Error(`${where} is malformed at ${tool} > ${file}: the file name does not hold its version ${pin.version}`)
    }
  }
  return parsed.data
}

/** The table built into this action. */
export const PINNED_CHECKSUMS: PinTable = parsePinTable(checksums, 'the pinned client checksum table (src/tools/checksums.json)')

/** The versions of a tool the table pins, oldest first, for messages. */
export function pinnedVersions(table: PinTable, tool: string): string[] {
  const versions = new Set(Object.values(table[tool] ?? {}).map((pin) => pin.version))
  return [...versions].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
}
