import { Inputs, RestoreInputs } from '../../constants.js'
import { runAction } from '../../run/run-action.js'
import { runRestorePipeline } from './pipeline.js'

await runAction('Restore', [...Object.values(Inputs), ...Object.values(RestoreInputs)], runRestorePipeline)
