import { parseConfig } from '../../config/parse.js'
import { BACKUP_INPUTS } from '../../run/inputs.js'
import { runPost } from '../../run/post-step.js'
import { WORK_DIR_PREFIX } from '../../run/state.js'
import { storageHooks } from '../../storage/hooks.js'

await runPost({
  action: 'backup',
  inputNames: BACKUP_INPUTS,
  workDirPrefix: WORK_DIR_PREFIX,
  parseConfig,
  // A local directory keeps the hidden partial files of the upload that was cut (plaintext, unless encrypted).
  async removeLeftovers(config, progress) {
    const remove = storageHooks[config.storage.type].removeRunPartials
    if (!remove || !progress.runId) return []
    const removed = await remove(config.storage, progress.runId)
    return removed.map((name) => `removed ${name}: a partial file of the killed run, in ${config.storage.path}`)
  }
})
