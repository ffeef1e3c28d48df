import { RestoreInputs } from '../../constants.js'
import { BACKUP_INPUTS } from '../../run/inputs.js'
import { runAction } from '../../run/run-action.js'
import { runRestorePipeline } from './pipeline.js'

await runAction('Restore', [...BACKUP_INPUTS, ...Object.values(RestoreInputs)], runRestorePipeline)
