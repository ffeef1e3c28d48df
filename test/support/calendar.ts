import type { KeepCounts } from '../../src/config/types.js'

/**
 * The keep-last and calendar rules stated plainly, for tests to compare the planner with: group the
 * backups by period, take the last N periods that hold one, keep the newest of each.
 */

const DAY = 86_400_000

/** The ISO week by counting weeks from the Monday of week 1 (the week of 4 January), in days since the epoch (a Thursday). */
export function isoWeekByCounting(ms: number): string {
  const mondayOf = (day: number): number => day - ((day + 3) % 7)
  const monday = mondayOf(Math.floor(ms / DAY))
  const year = new Date((monday + 3) * DAY).getUTCFullYear()
  const week = (monday - mondayOf(Date.UTC(year, 0, 4) / DAY)) / 7 + 1
  return `${year}-W${week < 10 ? '0' : ''}${week}`
}

const periodOf = {
  daily: (ms: number) => new Date(ms).toISOString().split('T')[0],
  weekly: isoWeekByCounting,
  monthly: (ms: number) => {
    const date = new Date(ms)
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`
  },
  yearly: (ms: number) => String(new Date(ms).getUTCFullYear())
}

/** For each backup (newest first), the keep-last and calendar rules that keep it, as the planner names them. */
export function calendarRules(newestFirst: { key: string; time: number }[], keep: KeepCounts): Map<string, string[]> {
  const rules = new Map<string, string[]>(newestFirst.map((backup) => [backup.key, []]))
  for (const backup of newestFirst.slice(0, keep.last)) rules.get(backup.key)?.push('last')
  for (const unit of ['daily', 'weekly', 'monthly', 'yearly'] as const) {
    const newestOfPeriod = new Map<string, string>()
    for (const backup of newestFirst) {
      const period = periodOf[unit](backup.time)
      if (!newestOfPeriod.has(period)) newestOfPeriod.set(period, backup.key)
    }
    const lastPeriods = [...newestOfPeriod.keys()].sort().reverse().slice(0, keep[unit])
    for (const period of lastPeriods) rules.get(newestOfPeriod.get(period) as string)?.push(`${unit} ${period}`)
  }
  return rules
}
