import { appendFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Inputs } from '../constants.js'
import { errorMessage } from '../util/errors.js'
import { APPEND_WITHOUT_BLOCKING, makeDirectory } from '../util/files.js'
import { LOCAL_WRITE_LIMIT_MS, withinTimeLimit } from '../util/time-limit.js'
import type { Channel, NoSettings } from './types.js'

export const NOTIFICATIONS_FILE = 'notifications.jsonl'

/** Appends one JSON line per run to the audit directory, so a directory kept between runs holds their history; within a time limit. */
export const fileChannel: Channel<NoSettings> = {
  inputs: [],
  parse: () => ({}),
  async send(report, _settings, { auditDir }) {
    const path = join(auditDir, NOTIFICATIONS_FILE)
    const append = async (): Promise<void> => {
      await makeDirectory(auditDir)
      await appendFile(path, `${JSON.stringify(report)}\n`, { mode: 0o600, flag: APPEND_WITHOUT_BLOCKING })
    }
    try {
      await withinTimeLimit(append(), LOCAL_WRITE_LIMIT_MS, `appending to ${path}`)
    } catch (error) {
      throw new Error(`${Inputs.AuditDir} ${auditDir}: ${errorMessage(error)}`, { cause: error })
    }
    return `appended to ${path}`
  }
}
