/** How the cloud backends cut an upload into parts (S3 parts, Azure blocks), and how many they send at once. */

export const MiB = 1024 * 1024

/**
 * The smallest part (or block) size, in whole MiB and at least `minimum`, that splits `size`
 * bytes into at most `maxParts` parts: S3 allows 10,000 parts, Azure 50,000 blocks, so a fixed
 * part size would put a limit on the size of a dump.
 */
export function partSizeFor(size: number, minimum: number, maxParts: number): number {
  const needed = Math.ceil(size / maxParts)
  return Math.max(minimum, Math.ceil(needed / MiB) * MiB)
}

/**
 * How many parts to send at once when each is held in memory while it is sent: up to four, fewer
 * once the parts are so large (dumps of hundreds of GB) that four would use more than 64 MiB.
 */
export function partsInFlight(partSize: number): number {
  return Math.max(1, Math.min(4, Math.floor((64 * MiB) / partSize)))
}
