import * as core from '@actions/core'
import { rm } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseNotifyConfig } from './config/notify.js'
import { parseConfig } from './config/parse.js'
import type { Config } from './config/types.js'
import { describeTarget, interruptedRunReport, notifyAndRecord, publish } from './finish.js'
import { readInputs, registerInputSecrets } from './inputs.js'
import { readProgress, WORK_DIR_PREFIX } from './state.js'
import { errorMessage } from './util/errors.js'

/**
 * The post step: reports a run whose main step never got to report (killed, the runner lost,
 * out of memory) as FAILED in the last step that started. After a reported run it does nothing.
 * It loads neither the pipeline nor any engine or storage code.
 */
export async function runPost(): Promise<void> {
  try {
    const progress = readProgress()
    if (progress.reported) {
      core.info('The backup run reported its outcome: nothing to do.')
      return
    }
    // The dump may hold anything in the database: it never stays on the runner.
    if (basename(progress.workDir).startsWith(WORK_DIR_PREFIX)) await rm(progress.workDir, { recursive: true, force: true })
    const raw = readInputs()
    registerInputSecrets(raw)
    let config: Config | undefined
    try {
      config = parseConfig(raw)
    } catch {
      // The main step reported that itself, if it got that far; here the inputs describe the target.
    }
    const report = interruptedRunReport(progress, describeTarget(config, raw))
    await publish(await notifyAndRecord(report, config?.notify ?? parseNotifyConfig(raw)))
  } catch (error) {
    core.setFailed(`Backup FAILED, and the post step could not report it: ${errorMessage(error)}`)
  }
}
