/** Version strings as dump clients print them: dotted numbers, compared numerically. */

export function versionParts(version: string): number[] {
  return (version.match(/^\d+(?:\.\d+)*/)?.[0] ?? '').split('.').filter(Boolean).map(Number)
}

export function compareVersions(a: string, b: string): number {
  const left = versionParts(a)
  const right = versionParts(b)
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0)
    if (difference !== 0) return difference
  }
  return 0
}

/** Whether `version` is `prefix` or starts with it part for part: 17 matches 17.2, not 170.1. */
export function matchesPrefix(version: string, prefix: string): boolean {
  const have = versionParts(version)
  return versionParts(prefix).every((part, index) => have[index] === part)
}

/** Three parts, as the tool cache (semver) wants them: 15.20 -> 15.20.0. */
export function toSemver(version: string): string {
  const parts = versionParts(version)
  while (parts.length < 3) parts.push(0)
  return parts.slice(0, 3).join('.')
}
