import { runPipeline } from './pipeline.js'
import { BACKUP_INPUTS } from '../../run/inputs.js'
import { runAction } from '../../run/run-action.js'

/** The action: the six steps, then the outputs and the job summary; a red run on any failure. */
export async function run(): Promise<void> {
  await runAction('Backup', BACKUP_INPUTS, runPipeline)
}
