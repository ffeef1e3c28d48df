import * as core from '@actions/core'
import { cancelOnSignals } from './cancellation.js'
import type { RawInputs } from '../config/types.js'
import { publish } from './publish.js'
import { readInputs, registerInputSecrets } from './inputs.js'
import type { RunReport } from '../report/types.js'
import { errorMessage } from '../util/errors.js'
import { collectSpentBuffers } from '../util/spent-buffers.js'
import { endIfWorkAbandoned } from '../util/time-limit.js'

/**
 * An action's main step (the backup's, the restore's): read its inputs, run its steps, then the
 * outputs and the job summary; a red run on any failure.
 */
export async function runAction(
  what: 'Backup' | 'Restore',
  inputNames: readonly string[],
  runSteps: (raw: RawInputs, cancel: AbortSignal) => Promise<RunReport>
): Promise<void> {
  const cancellation = cancelOnSignals()
  const stopCollecting = collectSpentBuffers()
  try {
    const raw = readInputs(inputNames)
    registerInputSecrets(raw)
    await publish(await runSteps(raw, cancellation.signal))
  } catch (error) {
    core.setFailed(`${what} FAILED: ${errorMessage(error)}`)
  } finally {
    cancellation.dispose()
    stopCollecting()
  }
  // A write abandoned at its time limit (a hung audit-dir) would hold the process forever, even at exit.
  endIfWorkAbandoned()
  // A cancelled run ends once it has reported: whatever the cancelled step left behind (a read,
  // a request) must not keep it past the runner's grace period.
  if (cancellation.signal.aborted) process.exit()
}
