import * as core from '@actions/core'
import { cancelOnSignals } from './cancellation.js'
import { publish } from './finish.js'
import { readInputs, registerInputSecrets } from './inputs.js'
import { runPipeline } from './pipeline.js'
import { errorMessage } from './util/errors.js'

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
