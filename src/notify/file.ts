import { appendFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Notifier } from './types.js'

export const NOTIFICATIONS_FILE = 'notifications.jsonl'

/** Appends one JSON line per run, so a directory kept between runs holds their history. */
export const fileNotifier: Notifier = {
  async send(report, config) {
    await mkdir(config.auditDir, { recursive: true })
    const path = join(config.auditDir, NOTIFICATIONS_FILE)
    await appendFile(path, `${JSON.stringify(report)}\n`, { mode: 0o600 })
    return `appended to ${path}`
  }
}
