import { parseConfig } from '../../config/parse.js'
import { BACKUP_INPUTS } from '../../run/inputs.js'
import { runPost } from '../../run/post-step.js'
import { WORK_DIR_PREFIX } from '../../run/state.js'
import { removeRunPartials } from '../../storage/local/backend.js'

await runPost({
  action: 'backup',
  inputNames: BACKUP_INPUTS,
  workDirPrefix: WORK_DIR_PREFIX,
  parseConfig,
  // A local directory keeps the hidden partial files of the upload that was cut (plaintext, unless encrypted).
  async removeLeftovers(config, progress) {
    if (config.storage.type !== 'local' || !progress.runId) return []
    const removed = await removeRunPartials(config.storage.path, progress.runId)
    return removed.map((name) => `removed ${name}: a partial file of the killed run, in ${config.storage.path}`)
  }
})
