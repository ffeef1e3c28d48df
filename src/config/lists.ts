/** A list input: entries separated by commas or new lines (a YAML block), trimmed, empty ones dropped. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\r\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean)
}
