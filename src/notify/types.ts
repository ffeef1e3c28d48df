import type { NotifyConfig } from '../config/types.js'
import type { RunReport } from '../report/types.js'

/** One notification channel. Returns a short description of what it delivered. */
export interface Notifier {
  send(report: RunReport, config: NotifyConfig): Promise<string>
}
