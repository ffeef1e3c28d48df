import * as core from '@actions/core'
import { rm } from 'node:fs/promises'
import { basename } from 'node:path'
import { Inputs } from './constants.js'
import type { Config, RawInputs } from './config/types.js'
import { cancelOnSignals } from './cancellation.js'
import { parseConfig, parseNotifyConfig } from './config/parse.js'
import { describeTarget, interruptedRunReport, notifyAndRecord, publish } from './finish.js'
import { runPipeline, WORK_DIR_PREFIX } from './pipeline.js'
import { readProgress } from './state.js'
import { errorMessage } from './util/errors.js'
import { registerSecret } from './util/secrets.js'
import { registerConnectionString } from './storage/azure-secrets.js'

/** Every input of the contract as the runner passed it. */
export function readInputs(): RawInputs {
  return Object.fromEntries(Object.values(Inputs).map((name) => [name, core.getInput(name)]))
}

/** Masks secrets before anything can print them, including the password inside db-url. */
function registerInputSecrets(raw: RawInputs): void {
  registerSecret(raw[Inputs.DbPassword])
  registerSecret(raw[Inputs.WebhookUrl])
  registerConnectionString(raw[Inputs.AzureConnectionString])
  registerConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING)
  const url = raw[Inputs.DbUrl]
  registerSecret(url)
  // Read by pattern, not by URL parsing: a MongoDB seed list or a malformed URL holds one too.
  const authority = /^[^:/]+:\/\/([^/?#]*)/.exec(url)?.[1] ?? ''
  const userinfo = authority.slice(0, Math.max(0, authority.lastIndexOf('@')))
  const password = userinfo.includes(':') ? userinfo.slice(userinfo.indexOf(':') + 1) : undefined
  registerSecret(password)
  try {
    if (password) registerSecret(decodeURIComponent(password))
  } catch {
    // Not valid percent-encoding: the password is masked as written.
  }
}

/** The action: the six steps, then the outputs and the job summary; a red run on any failure. */
export async function run(): Promise<void> {
  const cancellation = cancelOnSignals()
  try {
    const raw = readInputs()
    registerInputSecrets(raw)
    await publish(await runPipeline(raw, cancellation.signal))
  } catch (error) {
    core.setFailed(`Backup FAILED: ${errorMessage(error)}`)
  } finally {
    cancellation.dispose()
  }
  // A cancelled run ends once it has reported: whatever the cancelled step left behind (a read,
  // a request) must not keep it past the runner's grace period.
  if (cancellation.signal.aborted) process.exit()
}

/**
 * The post step: reports a run whose main step never got to report (killed, the runner lost,
 * out of memory) as FAILED in the last step that started. After a reported run it does nothing.
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
