import * as core from '@actions/core'
import { cancelOnSignals } from '../cancellation.js'
import { Inputs, RestoreInputs } from '../constants.js'
import { publish } from '../finish.js'
import { readInputs, registerInputSecrets } from '../inputs.js'
import { errorMessage } from '../util/errors.js'
import { runRestorePipeline } from './pipeline.js'

/** The restore action: its seven steps, then the outputs and the job summary; a red run on any failure. */
export async function run(): Promise<void> {
  const cancellation = cancelOnSignals()
  try {
    const raw = readInputs([...Object.values(Inputs), ...Object.values(RestoreInputs)])
    registerInputSecrets(raw)
    await publish(await runRestorePipeline(raw, cancellation.signal))
  } catch (error) {
    core.setFailed(`Restore FAILED: ${errorMessage(error)}`)
  } finally {
    cancellation.dispose()
  }
  // A cancelled run ends once it has reported: whatever the cancelled step left behind must not keep it past the runner's grace period.
  if (cancellation.signal.aborted) process.exit()
}
