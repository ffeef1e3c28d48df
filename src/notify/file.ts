import { appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Inputs } from '../constants.js'
import { errorMessage } from '../util/errors.js'
import { APPEND_WITHOUT_BLOCKING, makeDirectory } from '../util/files.js'
import { LOCAL_WRITE_LIMIT_MS, withinTimeLimit } from '../util/time-limit.js'
import type { Notifier } from './types.js'

export const NOTIFICATIONS_FILE = 'notifications.jsonl'

/** Appends one JSON line per run, so a directory kept between runs holds their history; within a time limit. */
export const fileNotifier: Notifier = {
  async send(report, config) {
    const path = join(config.auditDir, NOTIFICATIONS_FILE)
    const append = async (): Promise<void> => {
      await makeDirectory(config.auditDir)
      await appendFile(path, `${JSON.stringify(report)}\n`, { mode: 0o600, flag: APPEND_WITHOUT_BLOCKING })
    }
    try {
      await withinTimeLimit(append(), LOCAL_WRITE_LIMIT_MS, `appending to ${path}`)
    } catch (error) {
      throw new Error(`${Inputs.AuditDir} ${config.auditDir}: ${errorMessage(error)}`, { cause: error })
    }
    return `appended to ${path}`
  }
}
