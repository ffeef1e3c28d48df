import * as core from '@actions/core'
import { rm } from 'node:fs/promises'
import { basename } from 'node:path'
import type { OtherInputs } from '../config/parse.js'
import type { Config, RawInputs } from '../config/types.js'
import { parseNotify } from '../notify/settings.js'
import { publish } from './publish.js'
import { describeTarget, interruptedRunReport, type ActionKind } from './run-report.js'
import { notifyAndRecord } from './send-notification.js'
import { readInputs, registerInputSecrets } from './inputs.js'
import { readProgress, type Progress } from './state.js'
import { errorMessage } from '../util/errors.js'
import { endIfWorkAbandoned } from '../util/time-limit.js'

/** What tells the backup's post step from the restore's. */
export interface PostStep<C extends Config> {
  action: ActionKind
  /** Every input of the action. */
  inputNames: readonly string[]
  /** The main step's work directory is removed only if its name starts with this. */
  workDirPrefix: string
  /** The action's own parsing of its inputs, given the notification inputs parsed (it throws on bad ones). */
  parseConfig(raw: RawInputs, notify: OtherInputs): C
  /** Removes what the killed main step left outside its work directory; says what it removed. */
  removeLeftovers?(config: C, progress: Progress): Promise<string[]>
}

/**
 * The post step: reports a run whose main step never got to report (killed, the runner lost,
 * out of memory) as FAILED in the last step that started, and removes what it left on the
 * runner. After a reported run it does nothing. It loads neither the pipeline nor any engine or
 * storage SDK.
 */
export async function runPost<C extends Config>(post: PostStep<C>): Promise<void> {
  const what = post.action === 'restore' ? 'Restore' : 'Backup'
  try {
    const progress = readProgress()
    if (progress.reported) {
      core.info(`The ${post.action} run reported its outcome: nothing to do.`)
      return
    }
    // The dump (or the downloaded, decrypted backup) may hold anything in the database: it never stays on the runner.
    if (basename(progress.workDir).startsWith(post.workDirPrefix)) await rm(progress.workDir, { recursive: true, force: true })
    const raw = readInputs(post.inputNames)
    registerInputSecrets(raw)
    const notify = parseNotify(raw)
    let config: C | undefined
    try {
      config = post.parseConfig(raw, notify)
    } catch {
      // The main step reported that itself, if it got that far; here the inputs describe the target.
    }
    if (config && post.removeLeftovers) {
      try {
        for (const line of await post.removeLeftovers(config, progress)) core.info(line)
      } catch (error) {
        // Still reported below: the run failed whatever is left.
        core.error(`what the killed run left could not all be removed: ${errorMessage(error)}`)
        process.exitCode = 1
      }
    }
    const report = interruptedRunReport(progress, describeTarget(config, raw), post.action)
    await publish(await notifyAndRecord(report, notify.config))
  } catch (error) {
    core.setFailed(`${what} FAILED, and the post step could not report it: ${errorMessage(error)}`)
  }
  // A write abandoned at its time limit would keep the step running: it has reported, so it ends.
  endIfWorkAbandoned()
}
