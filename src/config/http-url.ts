/** Whether a value is an absolute http:// or https:// URL (webhooks, endpoints, mirrors). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}
