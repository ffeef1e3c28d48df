import { RestoreInputs } from '../../constants.js'
import { BACKUP_INPUTS } from '../../run/inputs.js'
import { parseRestoreConfig } from '../../config/restore.js'
import { runPost } from '../../run/post-step.js'
import { RESTORE_WORK_DIR_PREFIX } from '../../run/state.js'

/**
 * The restore action's post step (runs.post, post-if: always()): a restore killed before it
 * reported is reported FAILED in the step it was in, and its work directory (the downloaded,
 * decrypted backup) is removed.
 */
await runPost({
  action: 'restore',
  inputNames: [...BACKUP_INPUTS, ...Object.values(RestoreInputs)],
  workDirPrefix: RESTORE_WORK_DIR_PREFIX,
  parseConfig: parseRestoreConfig
})
