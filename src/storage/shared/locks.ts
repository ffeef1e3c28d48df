const DAY_MS = 86_400_000

/** When a lock of `days` set now ends: the retain-until time sent with an upload. */
export function lockedUntil(days: number, now = new Date()): Date {
  return new Date(now.getTime() + days * DAY_MS)
}

/** Whether a lock read from the storage still holds at `now`. */
export function stillLocked(until: Date | undefined, now = new Date()): boolean {
  return until !== undefined && until.getTime() > now.getTime()
}
