import { Inputs } from '../constants.js'
import { isGiven } from './defaults.js'
import type { Config, KeepCounts, RawInputs, RetentionConfig } from './types.js'

/** No calendar rule: retention-days and max-backups alone. */
export const NO_KEEP: Readonly<KeepCounts> = { last: 0, daily: 0, weekly: 0, monthly: 0, yearly: 0 }

/** The keep-* inputs, in the order they are described. */
export const KEEP_INPUTS = [
  [Inputs.KeepLast, 'last'],
  [Inputs.KeepDaily, 'daily'],
  [Inputs.KeepWeekly, 'weekly'],
  [Inputs.KeepMonthly, 'monthly'],
  [Inputs.KeepYearly, 'yearly']
] as const satisfies readonly (readonly [string, keyof KeepCounts])[]

/**
 * The retention policy. Without keep-* rules it is retention-days and max-backups as they always
 * were (their defaults included). With a keep-* rule, the two apply only when set: the runner
 * passes their defaults (30, 10) for an input not given, so a value equal to its default counts as
 * not set, and the log says so.
 */
export function retentionPolicy(days: number, maxBackups: number, keep: KeepCounts, raw: RawInputs, remarks: Pick<Config, 'notices' | 'warnings'>): RetentionConfig {
  if (!Object.values(keep).some((count) => count > 0)) return { days, maxBackups, limits: true, keep }
  const daysSet = isGiven(Inputs.RetentionDays, raw[Inputs.RetentionDays])
  const maxSet = isGiven(Inputs.MaxBackups, raw[Inputs.MaxBackups])
  const limits = daysSet || maxSet
  const policy: RetentionConfig = { days: daysSet ? days : 0, maxBackups: maxSet ? maxBackups : 0, limits, keep }
  if (!limits) {
    remarks.notices.push(
      'retention: the keep-* rules decide; retention-days and max-backups are not set (their defaults, 30 and 10, apply only without keep-* rules)'
    )
  } else if (policy.days === 0 && policy.maxBackups === 0) {
    remarks.warnings.push('retention-days 0 and max-backups 0 keep every backup, whatever the keep-* rules say: nothing is deleted. Leave both out to let the keep-* rules decide')
  }
  return policy
}

/** The policy in words: `keep-daily 7, keep-weekly 4, retention-days 30`. */
export function describePolicy(retention: RetentionConfig): string {
  const rules = KEEP_INPUTS.filter(([, rule]) => retention.keep[rule] > 0).map(([input, rule]) => `${input} ${retention.keep[rule]}`)
  if (retention.limits) {
    const limits = [
      ...(retention.days > 0 ? [`${Inputs.RetentionDays} ${retention.days}`] : []),
      ...(retention.maxBackups > 0 ? [`${Inputs.MaxBackups} ${retention.maxBackups}`] : [])
    ]
    rules.push(limits.length > 0 ? limits.join(' and ') : 'every backup (retention-days 0, max-backups 0)')
  }
  return rules.join(', ')
}
